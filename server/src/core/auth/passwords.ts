/** Password hashing: argon2id with the OWASP parameters (19 MiB, t=2, p=1). */
import argon2 from 'argon2';

const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string): Promise<string> => argon2.hash(plain, options);

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the identity is unknown, so failures take the same time. */
let dummyHash: Promise<string> | undefined;
export async function verifyDummy(plain: string): Promise<false> {
  dummyHash ??= hashPassword('plinth-dummy-password-for-constant-time');
  await verifyPassword(await dummyHash, plain);
  return false;
}
