/**
 * Application settings (`/api/settings`): stored as one document through the storage port, cached in memory.
 * Secrets (smtp password, s3 secret) are never serialised back to clients.
 */
import type { StorageSession } from '../../storage/port.js';
import type { WebhookSettings } from './settings-webhooks.js';

export interface Settings {
  meta: { appName: string; appURL: string; senderName: string; senderAddress: string; hideControls: boolean };
  batch: { enabled: boolean; maxRequests: number; timeout: number; maxBodySize: number };
  smtp: SmtpSettings;
  rateLimits: { enabled: boolean; rules: RateLimitRule[]; excludedIPs: string[] };
  /** Client-IP headers set by a reverse proxy; ignored (spoofable) unless listed here. */
  trustedProxy: { headers: string[]; useLeftmostIP: boolean };
  /** Request logs: kept maxDays (0 = off), entries below minLevel dropped, IP / auth id recorded or not. */
  logs: { maxDays: number; minLevel: number; logIP: boolean; logAuthId: boolean };
  webhooks: WebhookSettings;
  [section: string]: unknown;
}

export interface SmtpSettings {
  enabled: boolean;
  host: string;
  port: number;
  username: string;
  /** Write-only: never sent back by GET/PATCH /api/settings. */
  password: string;
  /** '' (auto), 'PLAIN' or 'LOGIN'. */
  authMethod: string;
  /** Implicit TLS (usually port 465); otherwise STARTTLS is used when the server offers it. */
  tls: boolean;
  localName: string;
}

export type RateLimitAudience = '' | '@guest' | '@auth';

export interface RateLimitRule {
  /** `<collection>:<tag>`, `*:<tag>`, `METHOD /path`, `/path` or a `/prefix/`. */
  label: string;
  audience: RateLimitAudience;
  /** Window length in seconds. */
  duration: number;
  maxRequests: number;
}

export interface SettingsService {
  get(): Settings;
  /** Merges a partial update (validated), persists it, returns the new settings. */
  update(session: StorageSession, patch: Record<string, unknown>): Promise<Settings>;
  load(session: StorageSession): Promise<void>;
}
