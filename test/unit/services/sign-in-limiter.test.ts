// The sign-in rate limiter and password hashing (server/services/auth): windows that move on, names that do not
// affect each other, and hashes that verify only the right password.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/server/services/auth/secrets';
import { SignInLimiter } from '@/server/services/auth/sign-in-limiter';

describe('SignInLimiter', () => {
  it('refuses a name after its failures until the window moves on; a success clears them', () => {
    let now = 1_000_000;
    const limiter = new SignInLimiter({ failuresPerName: 2, nameWindowMs: 60_000, attemptsPerServer: 100, serverWindowMs: 1_000 }, () => now);
    for (let i = 0; i < 2; i++) {
      expect(limiter.check('Alice')).toBeNull();
      limiter.recordFailure('Alice');
    }
    expect(limiter.check('alice')).toBe(60);
    expect(limiter.check('bob')).toBeNull();
    now += 30_000;
    expect(limiter.check('alice')).toBe(30);
    now += 30_001;
    expect(limiter.check('alice')).toBeNull();
    limiter.recordFailure('alice');
    limiter.recordSuccess('alice');
    limiter.recordFailure('alice');
    expect(limiter.check('alice')).toBeNull();
  });

  it('caps attempts for the whole server', () => {
    let now = 0;
    const limiter = new SignInLimiter({ failuresPerName: 100, nameWindowMs: 60_000, attemptsPerServer: 3, serverWindowMs: 10_000 }, () => now);
    expect([limiter.check('a'), limiter.check('b'), limiter.check('c')]).toEqual([null, null, null]);
    expect(limiter.check('d')).toBe(10);
    now += 10_001;
    expect(limiter.check('d')).toBeNull();
  });
});

describe('password hashes', () => {
  it('scrypt with its parameters and a per-hash salt; only the right password verifies', async () => {
    const [first, second] = await Promise.all([hashPassword('correct horse battery', { log2Cost: 14 }), hashPassword('correct horse battery', { log2Cost: 14 })]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'scrypt$1048576000$8$1$AAAA$BBBB')).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});
