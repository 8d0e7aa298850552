/**
 * Application settings (`/api/settings`): stored as one document through the storage port, cached in memory.
 * Secrets (smtp password, s3 secret) are never serialised back to clients.
 */
import type { StorageSession } from '../../storage/port.js';

export interface Settings {
  meta: { appName: string; appURL: string; senderName: string; senderAddress: string; hideControls: boolean };
  batch: { enabled: boolean; maxRequests: number; timeout: number; maxBodySize: number };
  [section: string]: unknown;
}

export interface SettingsService {
  get(): Settings;
  /** Merges a partial update (validated), persists it, returns the new settings. */
  update(session: StorageSession, patch: Record<string, unknown>): Promise<Settings>;
  load(session: StorageSession): Promise<void>;
}
