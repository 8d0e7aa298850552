/**
 * OpenID Connect: issuer discovery (`/.well-known/openid-configuration`) and id_token verification with the
 * provider's JWKS. Accepted id_tokens are signed with an asymmetric algorithm by a key of that JWKS, name the
 * discovered issuer as `iss`, list our client id in `aud` and are not expired; `alg: none`, HMAC (which would
 * let anyone holding the client secret mint tokens), a forged issuer, another audience or a stale token fail.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { fetchJson, ProviderError } from './oauth2-http.js';

export interface OidcMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  jwksURI: string;
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CACHE_MS = 10 * 60_000;

/** Discovery documents per issuer; owned by whoever creates it (one per App), never module-global. */
export type DiscoveryCache = Map<string, { at: number; metadata: OidcMetadata }>;

export async function discoverIssuer(issuer: string, cache?: DiscoveryCache): Promise<OidcMetadata> {
  const hit = cache?.get(issuer);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.metadata;
  const doc = await fetchJson(issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration');
  // OIDC Discovery 4.3: the document must name exactly the issuer it was fetched for.
  if (doc.issuer !== issuer) throw new ProviderError(`discovery document names issuer ${String(doc.issuer)}, expected ${issuer}`);
  const text = (key: string) => (typeof doc[key] === 'string' ? (doc[key] as string) : '');
  const metadata: OidcMetadata = {
    issuer,
    authorizationEndpoint: text('authorization_endpoint'),
    tokenEndpoint: text('token_endpoint'),
    userinfoEndpoint: text('userinfo_endpoint'),
    jwksURI: text('jwks_uri'),
  };
  if (!metadata.jwksURI || !metadata.tokenEndpoint) throw new ProviderError(`discovery document of ${issuer} lacks jwks_uri or token_endpoint`);
  cache?.set(issuer, { at: Date.now(), metadata });
  return metadata;
}

export async function verifyIdToken(
  idToken: string,
  expected: { issuer: string; jwksURI: string; clientId: string; now: Date },
): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(expected.jwksURI), { timeoutDuration: 10_000 });
  try {
    const { payload } = await jwtVerify(idToken, jwks, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ASYMMETRIC,
      currentDate: expected.now,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    return payload;
  } catch (err) {
    throw new ProviderError(`id_token rejected: ${(err as Error).message}`);
  }
}
