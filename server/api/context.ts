import 'server-only';
import { getDb, type Db } from '../db/client';

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

/** What every procedure receives: the database handle, later the session. */
export interface InnerContext {
  /** Prisma client (or a transaction client) for the services to use. */
  db: Db;
  /** Shared by every call of one HTTP request (createContext runs once per request, not per batched call). */
  budget: WorkBudget;
}

/** Builds the context from its parts; tests call it with their throwaway database. */
export function createInnerContext(options: { db: Db; budget?: WorkBudget }): InnerContext {
  return { db: options.db, budget: options.budget ?? { simulationsLeft: MAX_SIMULATIONS_PER_REQUEST } };
}

/** Builds the context of one HTTP request (or one server component render) from the app's database. */
export function createRequestContext(): InnerContext {
  return createInnerContext({ db: getDb() });
}
