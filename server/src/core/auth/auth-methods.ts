/**
 * `GET /api/collections/{c}/auth-methods` (contract 5.3): which login methods the collection offers. OAuth2
 * providers come with a fresh state and PKCE pair and their authorization URL ending in `redirect_uri=`.
 * Durations are 0 for disabled methods; the deprecated keys are still sent for older SDKs.
 */
import type { App } from '../app.js';
import { requireAuthCollection } from './auth-with-password.js';
import { authorizationStart, configuredProviders, resolveProvider } from './oauth2-client.js';

export interface ProviderInfo {
  name: string;
  displayName: string;
  state: string;
  authURL: string;
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

export interface AuthMethods {
  password: { enabled: boolean; identityFields: string[] };
  oauth2: { enabled: boolean; providers: ProviderInfo[] };
  mfa: { enabled: boolean; duration: number };
  otp: { enabled: boolean; duration: number };
  authProviders: ProviderInfo[];
  usernamePassword: boolean;
  emailPassword: boolean;
}

export async function authMethods(app: App, collectionNameOrId: string): Promise<AuthMethods> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  const enabled = collection.passwordAuth?.enabled ?? false;
  const identityFields = enabled ? [...(collection.passwordAuth?.identityFields ?? [])] : [];

  const providers: ProviderInfo[] = [];
  for (const config of configuredProviders(collection)) {
    const name = String(config.name ?? '');
    try {
      const provider = await resolveProvider(app, collection, name);
      providers.push({ name, displayName: provider.displayName, ...authorizationStart(provider) });
    } catch (err) {
      // One unreachable issuer must not hide the other login methods.
      app.logger.warn('oauth2 provider left out of auth-methods', { provider: name, error: (err as Error).message });
    }
  }
  const oauth2Enabled = (collection.oauth2?.enabled ?? false) && providers.length > 0;
  const mfaEnabled = collection.mfa?.enabled ?? false;
  const otpEnabled = collection.otp?.enabled ?? false;
  return {
    password: { enabled, identityFields },
    oauth2: { enabled: oauth2Enabled, providers },
    mfa: { enabled: mfaEnabled, duration: mfaEnabled ? collection.mfa.duration : 0 },
    otp: { enabled: otpEnabled, duration: otpEnabled ? collection.otp.duration : 0 },
    authProviders: providers,
    usernamePassword: enabled && identityFields.includes('username'),
    emailPassword: enabled && identityFields.includes('email'),
  };
}
