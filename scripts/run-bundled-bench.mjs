#!/usr/bin/env node
// Run a benchmark as plain Node runs the product: bundle its TypeScript entry with esbuild (the options of
// scripts/build-bundles.mjs: packages external, ESM, node target) into dist/bench/, then run the bundle with `node`.
// Under tsx the loader's own compiler and caches sit in the same process (about 125 MiB of RSS in bench:access); the
// app's engine worker runs from a prebuilt bundle, so this is the footprint the product really has.
//
//   node scripts/run-bundled-bench.mjs test/bench/access-bench.ts [node flags...]

import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...nodeFlags] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-bundled-bench.mjs <test/bench/file.ts> [node flags...]');
  process.exit(2);
}
const { build } = await import('esbuild');
const outfile = join(root, 'dist', 'bench', `${basename(entry, '.ts')}.mjs`);
await build({
  absWorkingDir: root, entryPoints: [join(root, entry)], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20',
  packages: 'external', logLevel: 'warning',
});
const run = spawnSync(process.execPath, [...nodeFlags, outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
