import 'server-only';
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Passwords and bearer secrets. Passwords: node:crypto's scrypt (RFC 7914; maintained with Node itself, no native
// add-on to build), at OWASP's recommended cost for scrypt (N=2^17, r=8, p=1: 128 MiB and ~0.2-0.4 s per hash
// here), with the parameters stored in the hash so they can be raised later without breaking old hashes.
// Session, CSRF and share-link secrets: 32 random bytes; only their SHA-256 is stored (a random 256-bit secret
// needs no slow hash).

const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Memory scrypt needs for these parameters, with room to spare (Node refuses above maxmem). */
function maxmemFor(N: number, r: number): number {
  return 128 * N * r * 2;
}

/**
 * "scrypt$N$r$p$salt$hash" for a password. `log2Cost` lowers N only for tests that create many users (a full-cost
 * hash takes 0.75 s on these 2-core machines); verification reads N from the hash, so both take the same path.
 */
export async function hashPassword(password: string, options: { log2Cost?: number } = {}): Promise<string> {
  const N = options.log2Cost ? 2 ** Math.max(14, Math.min(17, options.log2Cost)) : SCRYPT.N;
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, { N, r: SCRYPT.r, p: SCRYPT.p, maxmem: maxmemFor(N, SCRYPT.r) });
  return ['scrypt', N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored` (constant-time comparison); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  // Bounds: a hand-edited hash must not make one sign-in allocate gigabytes.
  if (scheme !== 'scrypt' || !salt || !hash || ![N, R, P].every(Number.isSafeInteger) || N > 2 ** 20 || R > 32 || P > 16) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A stored hash to verify against when the user does not exist, so that unknown names take as long as known ones. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/** A new random secret for a cookie or a link (base64url, 43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time equality of two strings (false when lengths differ). */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
