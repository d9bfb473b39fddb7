// Prisma 7 reads its settings here (the schema's datasource carries no URL, and .env is not loaded).
// Only `prisma generate` uses this file in lzsim: migrations run through the WebAssembly schema engine
// (server/db/migrate.ts), because the CLI's native engine cannot be downloaded on our machines.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // `generate` never connects; a placeholder keeps it working on a fresh clone without DATABASE_URL.
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/lzsim' },
});
