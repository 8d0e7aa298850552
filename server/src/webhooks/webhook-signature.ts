/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over "<id>.<timestamp>.<body>"
 * with the base64 key after the `whsec_` prefix, sent as `webhook-signature: v1,<base64>`.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

export function isWebhookSecret(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX) && Buffer.from(value.slice(PREFIX.length), 'base64').length >= 16;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signWebhook(secret: string, id: string, timestamp: Date, body: string): SignedHeaders {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': `v1,${signature}` };
}
