import 'server-only';

import type { Db, Prisma, PrismaClient } from './client';

/**
 * How long a transaction may wait for a connection and run. Prisma's defaults (2 s and 5 s) are too short on a
 * loaded 2-core machine: a design creation timed out midway there, and Prisma then answered the next query of the
 * closed transaction with null instead of an error.
 */
export const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 60_000 } as const;

/**
 * Runs `work` in a transaction: a new one when given the client, the caller's when given a transaction client
 * (so a repository function with several writes is atomic on its own and composable inside a service's).
 */
export function inTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return (db as PrismaClient).$transaction((tx) => work(tx), TRANSACTION_LIMITS);
  return work(db);
}
