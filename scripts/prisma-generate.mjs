#!/usr/bin/env node
// Generates the Prisma client into server/db/generated/prisma (git-ignored). Runs as npm's postinstall, so it
// must work on a fresh clone with no network and no DATABASE_URL.
//
// Why the environment variable: the Prisma CLI insists on locating its native schema engine before generating and
// would try to download it from Prisma's servers, which our machines cannot reach. `generate` never runs that
// binary, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the check. Migrations do not use
// the CLI at all (see server/db/migrate.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let prismaCli;
try {
  prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
} catch {
  // `npm install --omit=dev` or a partial install: nothing to generate with; say so instead of failing the install.
  console.warn('prisma-generate: the prisma package is not installed; skipping client generation.');
  process.exit(0);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};

const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', 'prisma/schema.prisma'], {
  cwd: repoRoot,
  env,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`prisma-generate: could not run the Prisma CLI: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`prisma-generate: "prisma generate" exited with status ${result.status}.`);
  process.exit(result.status ?? 1);
}
if (!existsSync(join(repoRoot, 'server/db/generated/prisma/client.ts'))) {
  console.error('prisma-generate: generation reported success but server/db/generated/prisma/client.ts is missing.');
  process.exit(1);
}
