// `npm run db:seed`: writes the sample landing zone into DATABASE_URL or, when it is unset, the embedded
// PostgreSQL (migrating first). Idempotent: when the sample design exists, nothing changes.
import { resolveAppDatabase } from '../db/app-database';
import { createPrismaClient } from '../db/client';
import { applyMigrations } from '../db/migrations';
import { SAMPLE_DESIGN_NAME } from '../db/sample-landing-zone';
import { seedSampleLandingZone } from '../db/seed';

async function main(): Promise<void> {
  const database = await resolveAppDatabase({ log: (line) => console.log(line) });
  try {
    const applied = await applyMigrations(database.url);
    if (applied.length > 0) console.log(`Applied ${applied.join(', ')}.`);
    const db = createPrismaClient(database.url);
    try {
      const seeded = await seedSampleLandingZone(db);
      console.log(seeded ? `Seeded "${seeded.name}" (${seeded.id}).` : `"${SAMPLE_DESIGN_NAME}" already exists: nothing to do.`);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.release();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
