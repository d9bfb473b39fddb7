import 'server-only';

import type { Db, Prisma, PrismaClient } from './client';

/**
 * Runs `work` in a transaction: a new one when given the client, the caller's when given a transaction client
 * (so a repository function with several writes is atomic on its own and composable inside a service's).
 */
export function inTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return (db as PrismaClient).$transaction((tx) => work(tx));
  return work(db);
}
