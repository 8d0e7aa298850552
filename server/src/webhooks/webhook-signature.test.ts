import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { isWebhookSecret, newWebhookSecret, signWebhook } from './webhook-signature.js';

describe('webhook signatures', () => {
  it('verify with the standardwebhooks library', () => {
    const secret = newWebhookSecret();
    expect(isWebhookSecret(secret)).toBe(true);
    const body = JSON.stringify({ type: 'record.created', data: { n: 'é' } });
    const headers = signWebhook(secret, 'evt_1', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification for another secret, body or id', () => {
    const secret = newWebhookSecret();
    const body = '{"a":1}';
    const headers = { ...signWebhook(secret, 'evt_1', new Date(), body) };
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt_2' })).toThrow();
  });

  it('accepts secrets generated from the collection autogenerate pattern', () => {
    expect(isWebhookSecret('whsec_' + 'A'.repeat(32))).toBe(true);
    expect(isWebhookSecret('whsec_')).toBe(false);
    expect(isWebhookSecret('secret')).toBe(false);
  });
});
