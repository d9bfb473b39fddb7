import 'server-only';
import { getDb, type Db } from '../db/client';

/** What every procedure receives: the database handle, later the session. */
export interface InnerContext {
  /** Prisma client (or a transaction client) for the services to use. */
  db: Db;
}

/** Builds the context from its parts; tests call it with their throwaway database. */
export function createInnerContext(options: { db: Db }): InnerContext {
  return { db: options.db };
}

/** Builds the context of one HTTP request (or one server component render) from the app's database. */
export function createRequestContext(): InnerContext {
  return createInnerContext({ db: getDb() });
}
