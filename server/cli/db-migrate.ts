// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL or, when it is unset, to the embedded
// PostgreSQL under .lzsim/pgdata (started for the occasion and stopped again if it was not already running).
import { resolveAppDatabase } from '../db/app-database';
import { applyMigrations } from '../db/migrations';

async function main(): Promise<void> {
  const database = await resolveAppDatabase({ log: (line) => console.log(line) });
  try {
    const applied = await applyMigrations(database.url);
    console.log(applied.length === 0 ? 'Database is up to date: no migration to apply.' : `Applied ${applied.join(', ')}.`);
  } finally {
    await database.release();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
