// The database CLI commands work on: DATABASE_URL when set, otherwise the embedded PostgreSQL of "npm start"
// (started when not running and stopped again afterwards; migrations applied when missing).
import { resolveAppDatabase } from '../../db/app-database';
import { createPrismaClient, type PrismaClient } from '../../db/client';
import { applyMigrations } from '../../db/migrations';
import type { CliIo } from '../command';

/** Runs `work` with a client on the app's database, then lets go of the client and of a server it started. */
export async function withAppDatabase<T>(io: CliIo, work: (db: PrismaClient) => Promise<T>): Promise<T> {
  const database = await resolveAppDatabase({ log: (line) => io.stderr(`lzsim: ${line}\n`) });
  try {
    await applyMigrations(database.url);
    const db = createPrismaClient(database.url);
    try {
      return await work(db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.release();
  }
}
