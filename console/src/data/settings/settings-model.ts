/**
 * The settings sections the console edits, typed (the SDK's `Settings` is a loose document), and the pure steps
 * between the form and the API: the PATCH body and the server's field errors per section.
 */
import type { Settings } from '@plinth/sdk';

export interface MetaSettings {
  appName: string;
  appURL: string;
  senderName: string;
  senderAddress: string;
}

export interface SmtpSettings {
  enabled: boolean;
  host: string;
  port: number;
  username: string;
  /** Write-only: GET never returns it; left out of a save while empty, so the stored one is kept. */
  password?: string;
}

export interface S3Settings {
  enabled: boolean;
  bucket: string;
  region: string;
  endpoint: string;
  accessKey: string;
  /** Write-only, like the SMTP password. */
  secret?: string;
  forcePathStyle: boolean;
}

export interface BatchSettings {
  enabled: boolean;
  maxRequests: number;
  /** Seconds. */
  timeout: number;
  /** Bytes; 0 = the server's body limit. */
  maxBodySize: number;
}

export type RateLimitAudience = '' | '@guest' | '@auth';

export interface RateLimitRule {
  label: string;
  audience: RateLimitAudience;
  /** Window length in seconds. */
  duration: number;
  maxRequests: number;
}

export interface RateLimitSettings {
  enabled: boolean;
  rules: RateLimitRule[];
  excludedIPs: string[];
}

export interface LogSettings {
  /** 0 = request logs off. */
  maxDays: number;
  minLevel: number;
  logIP: boolean;
  logAuthId: boolean;
}

export interface TrustedProxySettings {
  headers: string[];
  useLeftmostIP: boolean;
}

export interface WebhookSettings {
  allowPrivateTargets: boolean;
  retrySchedule: number[];
  timeout: number;
}

export interface EditableSettings {
  meta: MetaSettings;
  smtp: SmtpSettings;
  s3: S3Settings;
  batch: BatchSettings;
  rateLimits: RateLimitSettings;
  logs: LogSettings;
  trustedProxy: TrustedProxySettings;
  /** Absent on servers without webhooks. */
  webhooks?: WebhookSettings;
}

export type SectionName = keyof EditableSettings;

/** Reads the sections the console edits out of a settings document. */
export const editableSettings = (s: Settings) => s as unknown as EditableSettings;

const withoutEmpty = <T extends object, K extends keyof T>(section: T, key: K): T => {
  if (section[key]) return section;
  const copy = { ...section };
  delete copy[key];
  return copy;
};

/** The PATCH body for a save: every edited section, without write-only secrets the user left empty. */
export function settingsPatch(s: EditableSettings): Settings {
  const { meta, smtp, s3, batch, rateLimits, logs, trustedProxy, webhooks } = s;
  return {
    meta,
    smtp: withoutEmpty(smtp, 'password'),
    s3: withoutEmpty(s3, 'secret'),
    batch,
    rateLimits,
    logs,
    trustedProxy,
    ...(webhooks ? { webhooks } : {}),
  };
}

/**
 * Flattened field errors (`rateLimits.rules.1.maxRequests`) of one section, keyed by the path inside it
 * (`rules.1.maxRequests`).
 */
export function errorsUnder(errors: Record<string, string>, section: SectionName): Record<string, string> {
  const prefix = `${section}.`;
  return Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith(prefix) ? [[path.slice(prefix.length), message]] : [])));
}
