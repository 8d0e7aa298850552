/** What services need from the client (kept apart from client.ts so services do not import the client). */
import type { AuthRecord, MemoryAuthStore } from './auth-store.js';
import type { Realtime } from './realtime.js';
import type { Transport } from './transport.js';

export interface PlinthClientCore {
  readonly baseUrl: string;
  readonly transport: Transport;
  readonly authStore: MemoryAuthStore<AuthRecord>;
  readonly realtime: Realtime;
  /** A client with the same options over another auth store (impersonation, private OAuth2 connection). */
  fork(store: MemoryAuthStore<AuthRecord>): PlinthClientCore;
}
