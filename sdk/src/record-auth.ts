/** Auth endpoints of an auth collection (contract §5): password, OTP, MFA, OAuth2, refresh and account emails. */
import { decodeToken, MemoryAuthStore, type AuthRecord } from './auth-store.js';
import type { PlinthClient } from './client.js';
import { literal } from './filter.js';
import { oauth2Popup, type OAuth2PopupOptions } from './oauth2-popup.js';
import { readQuery, RecordService, type RequestOptions } from './record-service.js';
import type { ExpandPath, Expanded, SchemaShape } from './schema-types.js';

export interface AuthMethods {
  password: { enabled: boolean; identityFields: string[] };
  oauth2: { enabled: boolean; providers: OAuth2Provider[] };
  mfa: { enabled: boolean; duration: number };
  otp: { enabled: boolean; duration: number };
}

export interface OAuth2Provider {
  name: string;
  displayName: string;
  state: string;
  authURL: string;
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

export interface OAuth2Meta {
  id: string;
  name: string;
  username: string;
  email: string;
  avatarURL: string;
  accessToken: string;
  refreshToken: string;
  expiry: string;
  rawUser: Record<string, unknown>;
  isNew: boolean;
}

export interface AuthResponse<R> {
  token: string;
  record: R;
  meta?: OAuth2Meta;
}

export interface AuthOptions<E extends string> extends RequestOptions {
  expand?: E | readonly E[];
  fields?: readonly string[];
  /** The id from a first factor's 401 `{"mfaId"}` (see PlinthError.mfaId). */
  mfaId?: string;
}

export interface ExternalAuth {
  id: string;
  collectionRef: string;
  recordRef: string;
  provider: string;
  providerId: string;
  created: string;
  updated: string;
}

export class AuthService<S extends SchemaShape, C extends keyof S & string> extends RecordService<S, C> {
  private post<T>(path: string, body: unknown, opts: AuthOptions<string> = {}): Promise<T> {
    return this.client.transport.send<T>(`/api/collections/${encodeURIComponent(this.name)}/${path}`, {
      method: 'POST',
      body,
      signal: opts.signal,
      headers: opts.headers,
      query: { ...readQuery(opts), mfaId: opts.mfaId },
      skipAutoRefresh: path === 'auth-refresh',
    });
  }

  private async authenticate<E extends string>(path: string, body: unknown, opts: AuthOptions<E>): Promise<AuthResponse<Expanded<S, C, E>>> {
    const res = await this.post<AuthResponse<Expanded<S, C, E>>>(path, body, opts);
    this.client.authStore.save(res.token, res.record as unknown as AuthRecord);
    return res;
  }

  listAuthMethods(opts: RequestOptions = {}): Promise<AuthMethods> {
    return this.client.transport.send(`/api/collections/${encodeURIComponent(this.name)}/auth-methods`, {
      signal: opts.signal,
      headers: opts.headers,
      query: { ...opts.query, fields: 'mfa,otp,password,oauth2' },
    });
  }

  /** Password login; a PlinthError with `mfaId` when MFA asks for a second method. */
  authWithPassword<const E extends ExpandPath<S, C> = never>(identity: string, password: string, opts: AuthOptions<E> & { identityField?: string } = {}) {
    return this.authenticate<E>('auth-with-password', { identity, password, identityField: opts.identityField }, opts);
  }

  requestOTP(email: string, opts: RequestOptions = {}): Promise<{ otpId: string }> {
    return this.post('request-otp', { email }, opts);
  }

  authWithOTP<const E extends ExpandPath<S, C> = never>(otpId: string, password: string, opts: AuthOptions<E> = {}) {
    return this.authenticate<E>('auth-with-otp', { otpId, password }, opts);
  }

  authWithOAuth2Code<const E extends ExpandPath<S, C> = never>(
    provider: string,
    code: string,
    codeVerifier: string,
    redirectURL: string,
    createData?: S[C]['create'] | Record<string, unknown>,
    opts: AuthOptions<E> = {},
  ) {
    return this.authenticate<E>('auth-with-oauth2', { provider, code, codeVerifier, redirectURL, createData }, opts);
  }

  /**
   * All-in-one OAuth2: opens the provider page (a popup opened before the first await, or your `urlCallback`),
   * waits for the redirect over a private realtime connection, then exchanges the code.
   */
  async authWithOAuth2<const E extends ExpandPath<S, C> = never>(options: OAuth2PopupOptions & AuthOptions<E> & { createData?: S[C]['create'] | Record<string, unknown> }) {
    const { provider, code, redirectURL } = await oauth2Popup(this.client, () => this.listAuthMethods(options), options);
    return this.authWithOAuth2Code<E>(provider.name, code, provider.codeVerifier, redirectURL, options.createData, options);
  }

  /** New token (and fresh record) for the stored auth; non-refreshable tokens come back unchanged. */
  authRefresh<const E extends ExpandPath<S, C> = never>(opts: AuthOptions<E> = {}) {
    return this.authenticate<E>('auth-refresh', undefined, opts);
  }

  async requestVerification(email: string, opts: RequestOptions = {}): Promise<void> {
    await this.post('request-verification', { email }, opts);
  }

  async confirmVerification(token: string, opts: RequestOptions = {}): Promise<void> {
    await this.post('confirm-verification', { token }, opts);
    const store = this.client.authStore;
    if (store.record && store.record.id === decodeToken(token).id) store.save(store.token, { ...store.record, verified: true });
  }

  async requestPasswordReset(email: string, opts: RequestOptions = {}): Promise<void> {
    await this.post('request-password-reset', { email }, opts);
  }

  async confirmPasswordReset(token: string, password: string, passwordConfirm: string, opts: RequestOptions = {}): Promise<void> {
    await this.post('confirm-password-reset', { token, password, passwordConfirm }, opts);
  }

  async requestEmailChange(newEmail: string, opts: RequestOptions = {}): Promise<void> {
    await this.post('request-email-change', { newEmail }, opts);
  }

  /** Confirms the change; the stored auth of that record is cleared (its tokens are revoked). */
  async confirmEmailChange(token: string, password: string, opts: RequestOptions = {}): Promise<void> {
    await this.post('confirm-email-change', { token, password }, opts);
    const store = this.client.authStore;
    if (store.record && store.record.id === decodeToken(token).id) store.clear();
  }

  /**
   * Superusers only: a client authenticated as `recordId` with a non-refreshable token valid `duration`
   * seconds (0 = the collection default), held in a memory store.
   */
  async impersonate(recordId: string, duration = 0, opts: RequestOptions = {}): Promise<{ client: PlinthClient<S>; token: string; record: S[C]['record'] }> {
    const res = await this.post<AuthResponse<S[C]['record']>>(`impersonate/${encodeURIComponent(recordId)}`, { duration }, opts);
    const store = new MemoryAuthStore<AuthRecord>();
    store.save(res.token, res.record as unknown as AuthRecord);
    return { client: this.client.fork(store) as PlinthClient<S>, token: res.token, record: res.record };
  }

  listExternalAuths(recordId: string, opts: RequestOptions = {}): Promise<ExternalAuth[]> {
    return this.client.transport.send<{ items: ExternalAuth[] }>('/api/collections/_externalAuths/records', {
      signal: opts.signal,
      headers: opts.headers,
      query: { perPage: 1000, filter: `recordRef = ${literal(recordId)}` },
    }).then((r) => r.items);
  }

  async unlinkExternalAuth(recordId: string, provider: string, opts: RequestOptions = {}): Promise<void> {
    const all = await this.listExternalAuths(recordId, opts);
    const link = all.find((a) => a.provider === provider);
    if (!link) return;
    await this.client.transport.send(`/api/collections/_externalAuths/records/${encodeURIComponent(link.id)}`, { method: 'DELETE', signal: opts.signal });
  }
}
