// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the changes made
// to prisma/schema.prisma since the last migration, without a database (see server/db/migrations.ts).
import { createMigration, EmptyMigrationError } from '../db/migrations';

async function main(): Promise<number> {
  const name = process.argv.slice(2).join(' ').trim();
  if (!name) {
    console.error('Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_account_factory)');
    return 2;
  }
  try {
    const created = await createMigration(name);
    console.log(`Created ${created.file}`);
    console.log('Review it, then apply it with "npm run db:migrate" (npm start and npm run dev apply it too).');
    return 0;
  } catch (error) {
    if (error instanceof EmptyMigrationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
