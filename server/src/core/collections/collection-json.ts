/** The collection JSON sent to clients: token secrets and OAuth2 client secrets are write-only. */
import type { Collection } from './model.js';

const TOKEN_KEYS = ['authToken', 'passwordResetToken', 'emailChangeToken', 'verificationToken', 'fileToken'] as const;

export function collectionToJSON(c: Collection): Collection {
  const out = structuredClone(c);
  for (const key of TOKEN_KEYS) {
    const token = out[key];
    if (token) out[key] = { duration: token.duration };
  }
  if (out.oauth2 && Array.isArray(out.oauth2.providers)) {
    out.oauth2 = {
      ...out.oauth2,
      providers: out.oauth2.providers.map((p) => {
        const { clientSecret: _secret, ...rest } = p;
        return rest;
      }),
    };
  }
  return out;
}
