/**
 * Where the current auth (token + record) lives. MemoryAuthStore is the base; LocalAuthStore persists in
 * `localStorage` (and follows other tabs); cookies serve SSR through loadFromCookie/exportToCookie.
 */

export interface AuthRecord {
  id: string;
  collectionId: string;
  collectionName: string;
  [key: string]: unknown;
}

export interface TokenPayload {
  id?: string;
  collectionId?: string;
  type?: string;
  refreshable?: boolean;
  exp?: number;
  [key: string]: unknown;
}

export type AuthChangeListener<R> = (token: string, record: R | null) => void;

const SUPERUSERS_ID = 'pbc_3142635823';

/** Decodes a JWT payload without verifying it (the server verifies); {} when it is not a JWT. */
export function decodeToken(token: string): TokenPayload {
  try {
    const part = token.split('.')[1];
    if (!part) return {};
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as TokenPayload;
  } catch {
    return {};
  }
}

/** True when the token exists and expires more than `threshold` seconds from now. */
export function isTokenValid(token: string, threshold = 0): boolean {
  const { exp } = decodeToken(token);
  return !!token && typeof exp === 'number' && exp - threshold > Date.now() / 1000;
}

export interface CookieOptions {
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  maxAge?: number;
  expires?: Date;
}

export class MemoryAuthStore<R extends AuthRecord = AuthRecord> {
  protected state: { token: string; record: R | null } = { token: '', record: null };
  private listeners = new Set<AuthChangeListener<R>>();

  get token(): string {
    return this.state.token;
  }
  get record(): R | null {
    return this.state.record;
  }
  get isValid(): boolean {
    return isTokenValid(this.token);
  }
  get isSuperuser(): boolean {
    const p = decodeToken(this.token);
    if (p.type !== 'auth') return false;
    return this.record ? this.record.collectionName === '_superusers' : p.collectionId === SUPERUSERS_ID;
  }

  save(token: string, record: R | null): void {
    this.state = { token: token || '', record: record ?? null };
    this.persist();
    for (const fn of [...this.listeners]) fn(this.token, this.record);
  }

  clear(): void {
    this.save('', null);
  }

  /** Calls `fn` on every change; returns the function that removes it. */
  onChange(fn: AuthChangeListener<R>, fireImmediately = false): () => void {
    this.listeners.add(fn);
    if (fireImmediately) fn(this.token, this.record);
    return () => void this.listeners.delete(fn);
  }

  protected persist(): void {}

  /** Loads `{token, record}` from a `Cookie` header (SSR); an invalid or missing cookie clears the store. */
  loadFromCookie(cookieHeader: string, key = 'pb_auth'): void {
    const pair = cookieHeader.split(';').map((p) => p.trim()).find((p) => p.startsWith(key + '='));
    let parsed: { token?: string; record?: R; model?: R } = {};
    try {
      if (pair) parsed = JSON.parse(decodeURIComponent(pair.slice(key.length + 1)));
    } catch {
      parsed = {};
    }
    this.save(typeof parsed.token === 'string' ? parsed.token : '', parsed.record ?? parsed.model ?? null);
  }

  /** A `Set-Cookie` value holding the current auth (expiring with the token unless told otherwise). */
  exportToCookie(options: CookieOptions = {}, key = 'pb_auth'): string {
    const opts: CookieOptions = { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', ...options };
    const exp = decodeToken(this.token).exp;
    if (!opts.expires && opts.maxAge === undefined) opts.expires = exp ? new Date(exp * 1000) : new Date(0);
    let value = JSON.stringify({ token: this.token, record: this.record });
    // Browsers drop cookies over 4096 bytes: keep only the identity of the record then.
    if (encodeURIComponent(value).length > 4000 && this.record) {
      const { id, collectionId, collectionName, email } = this.record;
      value = JSON.stringify({ token: this.token, record: { id, collectionId, collectionName, email } });
    }
    const parts = [`${key}=${encodeURIComponent(value)}`];
    if (opts.path) parts.push(`Path=${opts.path}`);
    if (opts.domain) parts.push(`Domain=${opts.domain}`);
    if (opts.expires) parts.push(`Expires=${opts.expires.toUTCString()}`);
    if (opts.maxAge !== undefined) parts.push(`Max-Age=${opts.maxAge}`);
    if (opts.httpOnly) parts.push('HttpOnly');
    if (opts.secure) parts.push('Secure');
    if (opts.sameSite) parts.push(`SameSite=${opts.sameSite}`);
    return parts.join('; ');
  }
}

/** Persists in `localStorage` under `key` (falls back to memory where there is none) and follows other tabs. */
export class LocalAuthStore<R extends AuthRecord = AuthRecord> extends MemoryAuthStore<R> {
  readonly key: string;

  constructor(key = 'plinth_auth') {
    super();
    this.key = key;
    const raw = this.storage()?.getItem(key);
    if (raw) {
      try {
        const { token, record } = JSON.parse(raw);
        this.state = { token: token ?? '', record: record ?? null };
      } catch {
        /* a corrupt entry is treated as logged out */
      }
    }
    if (typeof window !== 'undefined' && window.addEventListener) {
      window.addEventListener('storage', (e: StorageEvent) => {
        if (e.key !== key) return;
        const next = e.newValue ? JSON.parse(e.newValue) : { token: '', record: null };
        super.save(next.token ?? '', next.record ?? null);
      });
    }
  }

  private storage(): Storage | undefined {
    return typeof localStorage !== 'undefined' ? localStorage : undefined;
  }

  protected override persist(): void {
    const storage = this.storage();
    if (!storage) return;
    if (this.token) storage.setItem(this.key, JSON.stringify({ token: this.token, record: this.record }));
    else storage.removeItem(this.key);
  }
}

/** Reads and writes `document.cookie` (browser side of an SSR setup where the server reads the same cookie). */
export class CookieAuthStore<R extends AuthRecord = AuthRecord> extends MemoryAuthStore<R> {
  readonly key: string;
  readonly cookieOptions: CookieOptions;

  constructor(key = 'pb_auth', cookieOptions: CookieOptions = { httpOnly: false }) {
    super();
    this.key = key;
    this.cookieOptions = cookieOptions;
    if (typeof document !== 'undefined') this.loadFromCookie(document.cookie, key);
  }

  protected override persist(): void {
    if (typeof document !== 'undefined') document.cookie = this.exportToCookie({ httpOnly: false, ...this.cookieOptions }, this.key);
  }
}
