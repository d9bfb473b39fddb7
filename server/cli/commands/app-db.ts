// The database CLI commands work on: DATABASE_URL when set, otherwise the embedded PostgreSQL of "npm start"
// (started when not running and stopped again afterwards). Missing migrations are applied first.
import pg from 'pg';
import { resolveAppDatabase } from '../../db/app-database';
import { createPrismaClient, type PrismaClient } from '../../db/client';
import { applyMigrations, listMigrationNames } from '../../db/migrations';
import type { CliIo } from '../command';

/**
 * True when every migration of prisma/migrations is recorded as finished. Loading the WebAssembly schema engine to
 * find out costs about a second per command (and its timers delay exit), so the common up-to-date case is checked
 * with one query; anything else goes through applyMigrations, which diagnoses and applies.
 */
async function migrationsUpToDate(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const exists = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
    if (!exists.rows[0]?.exists) return false;
    const applied = await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL');
    const names = new Set(applied.rows.map((row: { migration_name: string }) => row.migration_name));
    return (await listMigrationNames()).every((name) => names.has(name));
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` with a client on the app's database, then lets go of the client and of a server it started. */
export async function withAppDatabase<T>(io: CliIo, work: (db: PrismaClient) => Promise<T>): Promise<T> {
  const database = await resolveAppDatabase({ log: (line) => io.stderr(`lzsim: ${line}\n`) });
  try {
    if (!(await migrationsUpToDate(database.url))) {
      const applied = await applyMigrations(database.url);
      if (applied.length > 0) io.stderr(`lzsim: applied ${applied.join(', ')}\n`);
    }
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
