/** PocketBase's default settings for a fresh install; every section a client may read is present. */
import type { Settings } from './settings.js';
import { defaultWebhookSettings } from './settings-webhooks.js';

export function defaultSettings(): Settings {
  return {
    meta: {
      appName: 'Acme',
      appURL: 'http://localhost:8090',
      senderName: 'Support',
      senderAddress: 'support@example.com',
      hideControls: false,
    },
    logs: { maxDays: 5, minLevel: 0, logIP: true, logAuthId: false },
    smtp: { enabled: false, port: 587, host: 'smtp.example.com', username: '', password: '', authMethod: '', tls: false, localName: '' },
    s3: emptyS3(),
    backups: { cron: '', cronMaxKeep: 3, s3: emptyS3() },
    batch: { enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 },
    rateLimits: {
      enabled: false,
      rules: [
        { label: '*:auth', audience: '', duration: 3, maxRequests: 2 },
        { label: '*:create', audience: '', duration: 5, maxRequests: 20 },
        { label: '/api/batch', audience: '', duration: 1, maxRequests: 3 },
        { label: '/api/', audience: '', duration: 10, maxRequests: 300 },
      ],
      excludedIPs: [],
    },
    trustedProxy: { headers: [], useLeftmostIP: false },
    superuserIPs: [],
    webhooks: defaultWebhookSettings(),
  };
}

function emptyS3() {
  return { enabled: false, bucket: '', region: '', endpoint: '', accessKey: '', secret: '', forcePathStyle: false };
}

/** A deep copy with the write-only secrets blanked, as served by `GET /api/settings`. */
export function redactSettings(settings: Settings): Settings {
  const copy = structuredClone(settings) as Settings & Record<string, any>;
  if (copy.smtp) delete (copy.smtp as { password?: string }).password;
  if (copy.s3) delete copy.s3.secret;
  if (copy.backups?.s3) delete copy.backups.s3.secret;
  return copy;
}
