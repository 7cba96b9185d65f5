import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt, memory-hard, from node:crypto (no native add-on to build). The parameters travel
 * inside the stored string, so raising the cost later keeps old hashes verifiable.
 * Format: scrypt$<log2N>$<r>$<p>$<salt b64url>$<hash b64url>
 */
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes, or node refuses the larger costs.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, log2N = 15): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, log2N, 8, 1);
  return ['scrypt', log2N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;
/**
 * Spends the same time as a real check when the e-mail is unknown, so log-in timing does
 * not reveal which addresses have accounts.
 */
export async function verifyAgainstDummy(password: string, log2N: number): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-timing', log2N);
  await verifyPassword(password, await dummyHash);
}
