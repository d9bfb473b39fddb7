import 'server-only';
import { getDb, type Db } from '../db/client';
import type { Actor } from '../services/auth/actor';
import { authModeFromEnv, type AuthMode } from '../services/auth/auth-config';
import { cookieFromHeader, CSRF_HEADER, identifyRequest, type CsrfState } from '../services/auth/request-identity';

/**
 * The engine work one HTTP request may ask for, summed over the calls of a tRPC batch: a batch of ten
 * simulateBatch calls of 10,000 requests each once answered 131 MB and held every other client for 16 s.
 */
export interface WorkBudget {
  /** Simulations (one principal, action and resource each) still allowed in this HTTP request. */
  simulationsLeft: number;
}

/** Most simulations one HTTP request may ask for, whatever its batching (the same as one simulateBatch). */
export const MAX_SIMULATIONS_PER_REQUEST = 10_000;

/** What every procedure receives: the database handle and who is asking. */
export interface InnerContext {
  /** Prisma client (or a transaction client) for the services to use. */
  db: Db;
  /** Shared by every call of one HTTP request (createContext runs once per request, not per batched call). */
  budget: WorkBudget;
  /** Who is asking (the machine when authentication is off; see services/auth/actor.ts). */
  actor: Actor;
  /** Whether a cookie-authenticated mutation carried the session's CSRF token. */
  csrf: CsrfState;
}

/**
 * Builds the context from its parts; tests call it with their throwaway database. Without an actor it is the
 * machine (authentication off), as the CLI and most tests are.
 */
export function createInnerContext(options: { db: Db; budget?: WorkBudget; actor?: Actor; csrf?: CsrfState }): InnerContext {
  return {
    db: options.db,
    budget: options.budget ?? { simulationsLeft: MAX_SIMULATIONS_PER_REQUEST },
    actor: options.actor ?? { kind: 'machine' },
    csrf: options.csrf ?? 'not-required',
  };
}

/** The server's sign-in mode (LZSIM_AUTH), read once. */
let serverAuthMode: AuthMode | undefined;
function authMode(): AuthMode {
  serverAuthMode ??= authModeFromEnv();
  return serverAuthMode;
}

/** Builds the context of one HTTP request from its cookies and CSRF header. */
export async function createHttpContext(request: Request, options: { db?: Db; mode?: AuthMode } = {}): Promise<InnerContext> {
  const db = options.db ?? getDb();
  const cookieHeader = request.headers.get('cookie');
  const identity = await identifyRequest(db, options.mode ?? authMode(), (name) => cookieFromHeader(cookieHeader, name), request.headers.get(CSRF_HEADER));
  return createInnerContext({ db, ...identity });
}

/** Builds the context of a server component render from the request's cookies (renders never mutate). */
export async function createRenderContext(readCookie: (name: string) => string | undefined): Promise<InnerContext> {
  const db = getDb();
  const identity = await identifyRequest(db, authMode(), readCookie, null);
  return createInnerContext({ db, ...identity });
}

/** The server's sign-in mode, for pages that show how to sign in. */
export function currentAuthMode(): AuthMode {
  return authMode();
}
