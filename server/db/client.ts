import 'server-only';

import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma/client';

export { Prisma, PrismaClient };

/** A client or the client of a transaction: what every repository function takes, so services can compose them. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** A Prisma client on `databaseUrl` through the pg driver adapter (Prisma 7 has no built-in driver). */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

// Kept on globalThis so that Next's dev server, which re-evaluates modules on every edit, reuses one pool instead
// of opening a new one per reload.
const globalForDb = globalThis as unknown as { lzsimDb?: PrismaClient };

/** The application's client, on DATABASE_URL (set by scripts/run-app.mjs, or by whoever runs Next). */
export function getDb(): PrismaClient {
  if (!globalForDb.lzsimDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        'DATABASE_URL is not set: start the app with "npm start" or "npm run dev" (they start an embedded ' +
          'PostgreSQL and set it), or set DATABASE_URL to a PostgreSQL database migrated with "npm run db:migrate".',
      );
    }
    globalForDb.lzsimDb = createPrismaClient(url);
  }
  return globalForDb.lzsimDb;
}
