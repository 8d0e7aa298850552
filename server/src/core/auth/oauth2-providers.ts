/**
 * Named OAuth2 providers as configuration: endpoints, default scopes, PKCE support and how each provider's
 * user JSON maps onto an OAuth2 identity. An email counts only when the provider says it is verified; an
 * unverified one is dropped, so it is never used to link or to mark a record verified.
 */

export interface ProviderIdentity {
  id: string;
  name: string;
  username: string;
  /** '' unless the provider vouches for it. */
  email: string;
  avatarURL: string;
}

export interface ProviderPreset {
  displayName: string;
  authURL: string;
  tokenURL: string;
  userInfoURL: string;
  scopes: string[];
  pkce: boolean;
  /** OpenID Connect providers: issuer used for discovery and `iss` checks (overridable with extra.issuer). */
  issuer?: string;
  mapUser(raw: Record<string, unknown>): ProviderIdentity;
  /** Providers that return the verified address on a separate endpoint (GitHub). */
  emailURL?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const verifiedEmail = (email: unknown, verified: unknown): string => (verified === true || verified === 'true' ? str(email) : '');

/** The OpenID Connect standard claims (also the fallback mapping of providers without a preset). */
export function mapOidcClaims(raw: Record<string, unknown>): ProviderIdentity {
  return {
    id: str(raw.sub ?? raw.id),
    name: str(raw.name),
    username: str(raw.preferred_username ?? raw.nickname),
    email: verifiedEmail(raw.email, raw.email_verified),
    avatarURL: str(raw.picture),
  };
}

const oidc = (displayName: string): ProviderPreset => ({
  displayName,
  authURL: '',
  tokenURL: '',
  userInfoURL: '',
  scopes: ['openid', 'email', 'profile'],
  pkce: true,
  mapUser: mapOidcClaims,
});

export const PROVIDER_PRESETS: Record<string, ProviderPreset> = {
  oidc: oidc('OpenID Connect'),
  oidc2: oidc('OpenID Connect (2)'),
  oidc3: oidc('OpenID Connect (3)'),
  google: {
    displayName: 'Google',
    authURL: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenURL: 'https://oauth2.googleapis.com/token',
    userInfoURL: 'https://www.googleapis.com/oauth2/v3/userinfo',
    scopes: ['https://www.googleapis.com/auth/userinfo.profile', 'https://www.googleapis.com/auth/userinfo.email'],
    pkce: true,
    mapUser: mapOidcClaims,
  },
  github: {
    displayName: 'GitHub',
    authURL: 'https://github.com/login/oauth/authorize',
    tokenURL: 'https://github.com/login/oauth/access_token',
    userInfoURL: 'https://api.github.com/user',
    emailURL: 'https://api.github.com/user/emails',
    scopes: ['read:user', 'user:email'],
    pkce: true,
    // The profile email may be unverified; the verified primary address comes from emailURL.
    mapUser: (raw) => ({ id: str(raw.id), name: str(raw.name), username: str(raw.login), email: '', avatarURL: str(raw.avatar_url) }),
  },
  gitlab: {
    displayName: 'GitLab',
    authURL: 'https://gitlab.com/oauth/authorize',
    tokenURL: 'https://gitlab.com/oauth/token',
    userInfoURL: 'https://gitlab.com/api/v4/user',
    scopes: ['read_user'],
    pkce: true,
    mapUser: (raw) => ({
      id: str(raw.id),
      name: str(raw.name),
      username: str(raw.username),
      email: verifiedEmail(raw.email, typeof raw.confirmed_at === 'string' && raw.confirmed_at !== ''),
      avatarURL: str(raw.avatar_url),
    }),
  },
  microsoft: {
    displayName: 'Microsoft',
    authURL: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenURL: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    userInfoURL: 'https://graph.microsoft.com/v1.0/me',
    scopes: ['User.Read'],
    pkce: true,
    // Graph's `mail` is tenant-managed and not proven to belong to the user: never trusted.
    mapUser: (raw) => ({ id: str(raw.id), name: str(raw.displayName), username: '', email: '', avatarURL: '' }),
  },
  discord: {
    displayName: 'Discord',
    authURL: 'https://discord.com/api/oauth2/authorize',
    tokenURL: 'https://discord.com/api/oauth2/token',
    userInfoURL: 'https://discord.com/api/users/@me',
    scopes: ['identify', 'email'],
    pkce: true,
    mapUser: (raw) => ({
      id: str(raw.id),
      name: str(raw.global_name ?? raw.username),
      username: str(raw.username),
      email: verifiedEmail(raw.email, raw.verified),
      avatarURL: raw.avatar ? `https://cdn.discordapp.com/avatars/${str(raw.id)}/${str(raw.avatar)}.png` : '',
    }),
  },
};

/** Providers without a preset must be configured with explicit URLs and are mapped as OIDC claims. */
export function presetFor(name: string): ProviderPreset {
  return PROVIDER_PRESETS[name] ?? { ...oidc(name), scopes: [] };
}
