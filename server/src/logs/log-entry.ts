/**
 * A log entry as `/api/logs` serves it: PocketBase's slog levels (debug -4, info 0, warn 4, error 8), a message
 * and free-form data; request logs carry `data.type = "request"`.
 */
import type { RecordData } from '../storage/port.js';

export const LOG_LEVELS = { debug: -4, info: 0, warn: 4, error: 8 } as const;

export interface LogEntry {
  level: number;
  message: string;
  data: Record<string, unknown>;
  created: Date;
}

export interface LogJSON {
  id: string;
  created: string;
  level: number;
  message: string;
  data: Record<string, unknown>;
}

export interface RequestFacts {
  method: string;
  url: string;
  status: number;
  execTimeMs: number;
  remoteIP: string;
  userIP: string;
  userAgent: string;
  referer: string;
  authCollection: string;
  authId: string;
}

/** The request log entry PocketBase writes (logIP / logAuthId from settings decide what is kept). */
export function requestLogEntry(facts: RequestFacts, opts: { logIP: boolean; logAuthId: boolean }, at: Date): LogEntry {
  const data: Record<string, unknown> = {
    type: 'request',
    method: facts.method,
    url: facts.url,
    status: facts.status,
    execTime: Math.round(facts.execTimeMs * 1000) / 1000,
    auth: facts.authCollection,
    userAgent: facts.userAgent,
    referer: facts.referer,
  };
  if (opts.logIP) {
    data.remoteIP = facts.remoteIP;
    data.userIP = facts.userIP;
  }
  if (opts.logAuthId) data.authId = facts.authId;
  const level = facts.status >= 500 ? LOG_LEVELS.error : facts.status >= 400 ? LOG_LEVELS.warn : LOG_LEVELS.info;
  return { level, message: `${facts.method} ${facts.url}`, data, created: at };
}

export function toLogJSON(row: RecordData | Record<string, unknown>): LogJSON {
  const data = row.data && typeof row.data === 'object' && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  return { id: String(row.id), created: String(row.created ?? ''), level: Number(row.level ?? 0), message: String(row.message ?? ''), data };
}
