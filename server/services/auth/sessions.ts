import 'server-only';
import * as store from '../../db/access-control';
import type { Db } from '../../db/client';
import { DomainError } from '../domain-error';
import type { Actor } from './actor';
import { sessionLifetimeMs } from './auth-config';
import { decoyPasswordHash, hashPassword, hashSecret, newSecret, secretsEqual, verifyPassword } from './secrets';
import { serverSignInLimiter, type SignInLimiter } from './sign-in-limiter';

/** A new session: the secrets the browser keeps in cookies, and when they expire. */
export interface IssuedSession {
  /** Goes into the HTTP-only session cookie. */
  token: string;
  /** Goes into the readable CSRF cookie; the browser echoes it in the x-lzsim-csrf header on mutations. */
  csrfToken: string;
  expiresAt: Date;
  user: store.UserDto;
}

/** The message of every failed sign-in: it never says whether the name exists. */
export const SIGN_IN_FAILED = 'Wrong user name or password.';

/** Too many sign-in attempts: 429 with a Retry-After of `retryAfterSeconds`. */
export class SignInRateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many sign-in attempts. Wait ${retryAfterSeconds} seconds, then try again.`);
  }
}

/** Starts a session for a user who has proved who they are (password or OIDC). */
export async function issueSession(db: Db, user: store.UserDto, now = new Date()): Promise<IssuedSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs());
  await store.createSession(db, { tokenHash: hashSecret(token), userId: user.id, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt, user };
}

/**
 * Checks a local user's password (rate-limited: see sign-in-limiter.ts) and starts a session. Unknown names are
 * checked against a decoy hash, so timing does not tell which names exist.
 */
export async function signInWithPassword(
  db: Db,
  credentials: { username: string; password: string },
  limiter: SignInLimiter = serverSignInLimiter(),
): Promise<IssuedSession> {
  const username = credentials.username.trim();
  const wait = limiter.check(username);
  if (wait !== null) {
    throw new SignInRateLimited(wait);
  }
  const user = username && credentials.password ? await store.findUserForSignIn(db, username) : null;
  const hash = user?.passwordHash ?? (await decoyPasswordHash());
  const matches = (await verifyPassword(credentials.password, hash)) && user?.passwordHash != null;
  if (!user || !matches) {
    limiter.recordFailure(username);
    throw new DomainError('UNAUTHENTICATED', SIGN_IN_FAILED);
  }
  limiter.recordSuccess(username);
  const { passwordHash: _hash, ...dto } = user;
  void _hash;
  return issueSession(db, dto);
}

/** Ends a session (sign-out). */
export async function signOut(db: Db, token: string): Promise<void> {
  await store.deleteSession(db, hashSecret(token));
}

/** The actor a session cookie stands for, with the session's CSRF token; null when the cookie is no session. */
export async function resolveSession(db: Db, token: string, now = new Date()): Promise<{ actor: Actor; csrfToken: string } | null> {
  if (!token || token.length > 200) return null;
  const session = await store.findSession(db, hashSecret(token), now);
  return session ? { actor: { kind: 'user', user: session.user }, csrfToken: session.csrfToken } : null;
}

/** True when the header value a mutation carries is the session's CSRF token. */
export function csrfTokenMatches(expected: string, presented: string | null): boolean {
  return presented !== null && secretsEqual(expected, presented);
}

/** Rules for local user names: what people type and history entries show. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Creates a local user (`lzsim user add`); a CONFLICT when the name is taken. */
export async function createLocalUser(
  db: Db,
  input: { username: string; password: string; displayName?: string; isAdmin?: boolean },
  options: { log2Cost?: number } = {},
): Promise<store.UserDto> {
  if (!USERNAME.test(input.username)) {
    throw new DomainError('INVALID_INPUT', 'A user name is 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.', { field: 'username' });
  }
  if (input.password.length < 12 || input.password.length > 1024) {
    throw new DomainError('INVALID_INPUT', 'A password has 12 to 1,024 characters.', { field: 'password' });
  }
  if (await store.findUserByUsername(db, input.username)) {
    throw new DomainError('CONFLICT', `There is already a user named "${input.username}".`, { field: 'username' });
  }
  return store.createUser(db, {
    username: input.username,
    displayName: input.displayName ?? '',
    passwordHash: await hashPassword(input.password, options),
    isAdmin: input.isAdmin ?? false,
  });
}

/** Sets a local user's password and ends their sessions. */
export async function resetPassword(db: Db, username: string, password: string, options: { log2Cost?: number } = {}): Promise<void> {
  const user = await store.findUserByUsername(db, username);
  if (!user) throw new DomainError('NOT_FOUND', `There is no user named "${username}".`);
  if (password.length < 12 || password.length > 1024) {
    throw new DomainError('INVALID_INPUT', 'A password has 12 to 1,024 characters.', { field: 'password' });
  }
  await store.setPasswordHash(db, user.id, await hashPassword(password, options));
  await store.deleteSessionsOf(db, user.id);
}
