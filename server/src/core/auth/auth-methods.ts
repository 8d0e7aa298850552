/**
 * `GET /api/collections/{c}/auth-methods` (contract 5.3). Plinth implements password auth only, so OAuth2,
 * MFA and OTP are always reported disabled; the deprecated keys are still sent for older SDKs.
 */
import type { App } from '../app.js';
import { requireAuthCollection } from './auth-with-password.js';

export interface AuthMethods {
  password: { enabled: boolean; identityFields: string[] };
  oauth2: { enabled: boolean; providers: unknown[] };
  mfa: { enabled: boolean; duration: number };
  otp: { enabled: boolean; duration: number };
  authProviders: unknown[];
  usernamePassword: boolean;
  emailPassword: boolean;
}

export function authMethods(app: App, collectionNameOrId: string): AuthMethods {
  const collection = requireAuthCollection(app, collectionNameOrId);
  const enabled = collection.passwordAuth?.enabled ?? false;
  const identityFields = enabled ? [...(collection.passwordAuth?.identityFields ?? [])] : [];
  return {
    password: { enabled, identityFields },
    oauth2: { enabled: false, providers: [] },
    mfa: { enabled: false, duration: 0 },
    otp: { enabled: false, duration: 0 },
    authProviders: [],
    usernamePassword: enabled && identityFields.includes('username'),
    emailPassword: enabled && identityFields.includes('email'),
  };
}
