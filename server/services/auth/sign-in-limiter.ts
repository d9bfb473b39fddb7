import 'server-only';

// Rate limits on sign-in (in this process's memory: one app process serves a deployment; several would each keep
// their own counts). Two windows:
// - per user name: after 10 failed attempts in 15 minutes, that name is refused until the window moves on
//   (password guessing against one account);
// - for the whole server: at most 60 attempts a minute, failed or not (each costs a 128 MiB scrypt hash; a flood
//   would otherwise take the CPU from everyone).
// Both answer 429 with the seconds to wait. A success clears the name's failures.

/** Limits of the sign-in rate limiter. */
export interface SignInLimits {
  failuresPerName: number;
  nameWindowMs: number;
  attemptsPerServer: number;
  serverWindowMs: number;
}

/** The limits in force. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { failuresPerName: 10, nameWindowMs: 15 * 60_000, attemptsPerServer: 60, serverWindowMs: 60_000 };

/** Counts sign-in attempts; `check` before verifying a password, `recordFailure`/`recordSuccess` after. */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  private attempts: number[] = [];

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, private readonly now: () => number = Date.now) {}

  /** Null when an attempt for `name` may go ahead (and counts it), else the seconds to wait. */
  check(name: string): number | null {
    const now = this.now();
    this.attempts = this.attempts.filter((at) => at > now - this.limits.serverWindowMs);
    if (this.attempts.length >= this.limits.attemptsPerServer) {
      return Math.max(1, Math.ceil((this.attempts[0] + this.limits.serverWindowMs - now) / 1000));
    }
    const key = name.toLowerCase();
    const recent = (this.failures.get(key) ?? []).filter((at) => at > now - this.limits.nameWindowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    if (recent.length >= this.limits.failuresPerName) {
      return Math.max(1, Math.ceil((recent[0] + this.limits.nameWindowMs - now) / 1000));
    }
    this.attempts.push(now);
    return null;
  }

  /** Counts a failed attempt against `name`. */
  recordFailure(name: string): void {
    const key = name.toLowerCase();
    const list = this.failures.get(key) ?? [];
    list.push(this.now());
    this.failures.set(key, list);
    // Bound the memory a flood of random names can take: drop the oldest names first.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Clears the failures of `name`. */
  recordSuccess(name: string): void {
    this.failures.delete(name.toLowerCase());
  }
}

const globalForLimiter = globalThis as unknown as { lzsimSignInLimiter?: SignInLimiter };

/** The server's limiter (one per process, kept across Next's module reloads in development). */
export function serverSignInLimiter(): SignInLimiter {
  globalForLimiter.lzsimSignInLimiter ??= new SignInLimiter();
  return globalForLimiter.lzsimSignInLimiter;
}
