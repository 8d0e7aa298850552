/**
 * One configured OAuth2 provider of an auth collection, resolved against its preset and (for OIDC) the
 * issuer's discovery document: builds the authorization URL, exchanges a code (with the PKCE verifier) and
 * reads the provider's user. Configured URLs win over preset ones, so a provider can point at a test double.
 */
import { createHash } from 'node:crypto';
import type { App } from '../app.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import { badRequest } from '../errors.js';
import { randomString } from '../ids.js';
import { fetchJson, ProviderError } from './oauth2-http.js';
import { discoverIssuer, verifyIdToken, type DiscoveryCache } from './oauth2-oidc.js';
import { mapOidcClaims, presetFor, type ProviderIdentity, type ProviderPreset } from './oauth2-providers.js';

export interface ResolvedProvider {
  name: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
  authURL: string;
  tokenURL: string;
  userInfoURL: string;
  scopes: string[];
  pkce: boolean;
  preset: ProviderPreset;
  /** Set for OpenID Connect providers: id_tokens are then required to verify against it. */
  oidc?: { issuer: string; jwksURI: string };
}

export interface OAuth2User extends ProviderIdentity {
  accessToken: string;
  refreshToken: string;
  /** Token expiry as a PocketBase datetime, '' when unknown. */
  expiry: string;
  rawUser: Record<string, unknown>;
}

// Discovery documents are cached per App (keyed weakly, so a closed App takes its cache with it).
const discoveryCaches = new WeakMap<App, DiscoveryCache>();
const cacheOf = (app: App): DiscoveryCache => {
  let cache = discoveryCaches.get(app);
  if (!cache) discoveryCaches.set(app, (cache = new Map()));
  return cache;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function configuredProviders(collection: Collection & AuthOptions): Record<string, unknown>[] {
  return collection.oauth2?.enabled && Array.isArray(collection.oauth2.providers) ? collection.oauth2.providers : [];
}

export async function resolveProvider(app: App, collection: Collection & AuthOptions, name: string): Promise<ResolvedProvider> {
  const config = configuredProviders(collection).find((p) => p.name === name);
  if (!config) throw badRequest('The provider is not configured for this collection.');
  const preset = presetFor(name);
  const extra = (typeof config.extra === 'object' && config.extra !== null ? config.extra : {}) as Record<string, unknown>;
  const issuer = str(extra.issuer) || preset.issuer || '';
  const resolved: ResolvedProvider = {
    name,
    displayName: str(config.displayName) || preset.displayName,
    clientId: str(config.clientId),
    clientSecret: str(config.clientSecret),
    authURL: str(config.authURL) || preset.authURL,
    tokenURL: str(config.tokenURL) || preset.tokenURL,
    userInfoURL: str(config.userInfoURL) || preset.userInfoURL,
    scopes: Array.isArray(extra.scopes) ? extra.scopes.map(String) : preset.scopes,
    pkce: typeof config.pkce === 'boolean' ? config.pkce : preset.pkce,
    preset,
  };
  if (issuer) {
    const meta = await discoverIssuer(issuer, cacheOf(app));
    resolved.authURL ||= meta.authorizationEndpoint;
    resolved.tokenURL ||= meta.tokenEndpoint;
    resolved.userInfoURL ||= meta.userinfoEndpoint;
    resolved.oidc = { issuer, jwksURI: meta.jwksURI };
  }
  if (!resolved.authURL || !resolved.tokenURL) throw new ProviderError(`provider ${name} has no authorization or token URL`);
  return resolved;
}

/** The auth-methods entry: authorization URL with state and PKCE set, ending in an empty redirect_uri. */
export function authorizationStart(p: ResolvedProvider) {
  const state = randomString(30);
  const codeVerifier = randomString(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const url = new URL(p.authURL);
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('response_type', 'code');
  if (p.scopes.length) url.searchParams.set('scope', p.scopes.join(' '));
  url.searchParams.set('state', state);
  if (p.pkce) {
    url.searchParams.set('code_challenge', codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return { state, codeVerifier, codeChallenge, codeChallengeMethod: 'S256', authURL: url.toString() + '&redirect_uri=' };
}

export async function fetchProviderUser(app: App, p: ResolvedProvider, code: string, codeVerifier: string, redirectURL: string): Promise<OAuth2User> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectURL, client_id: p.clientId });
  if (p.clientSecret) form.set('client_secret', p.clientSecret);
  if (p.pkce && codeVerifier) form.set('code_verifier', codeVerifier);
  const tokens = await fetchJson(p.tokenURL, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const accessToken = str(tokens.access_token);
  if (!accessToken) throw new ProviderError('token response without access_token');
  const auth = { headers: { Authorization: `Bearer ${accessToken}` } };

  let raw: Record<string, unknown> = {};
  let identity: ProviderIdentity | null = null;
  if (p.oidc) {
    // With OIDC the identity comes from the verified id_token; userinfo may only add to the same subject.
    const idToken = str(tokens.id_token);
    if (!idToken) throw new ProviderError('OIDC token response without id_token');
    const claims = await verifyIdToken(idToken, { ...p.oidc, clientId: p.clientId, now: app.now() });
    raw = { ...claims };
    if (p.userInfoURL) {
      const info = await fetchJson(p.userInfoURL, auth);
      if (info.sub !== claims.sub) throw new ProviderError('userinfo subject differs from the id_token subject');
      raw = { ...info, ...claims };
    }
    identity = mapOidcClaims(raw);
  } else {
    if (!p.userInfoURL) throw new ProviderError(`provider ${p.name} has no user info URL`);
    raw = await fetchJson(p.userInfoURL, auth);
    identity = p.preset.mapUser(raw);
    if (p.preset.emailURL) identity.email = await verifiedPrimaryEmail(p.preset.emailURL, auth);
  }
  if (!identity.id) throw new ProviderError('provider user without id');
  const expiresIn = typeof tokens.expires_in === 'number' ? tokens.expires_in : Number(tokens.expires_in);
  return {
    ...identity,
    accessToken,
    refreshToken: str(tokens.refresh_token),
    expiry: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(app.now().getTime() + expiresIn * 1000).toISOString().replace('T', ' ') : '',
    rawUser: raw,
  };
}

/** GitHub-style email lists: the primary address, only if verified. */
async function verifiedPrimaryEmail(url: string, init: RequestInit): Promise<string> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }).catch(() => null);
  if (!res?.ok) return '';
  const list = (await res.json().catch(() => [])) as unknown;
  if (!Array.isArray(list)) return '';
  const primary = list.find((e) => e && typeof e === 'object' && (e as Record<string, unknown>).primary === true && (e as Record<string, unknown>).verified === true);
  return primary ? str((primary as Record<string, unknown>).email) : '';
}
