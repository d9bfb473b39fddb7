#!/usr/bin/env node
// Browser tests (`npm run test:e2e`): builds the app when the build is missing or older than the sources, then
// runs the vitest "e2e" project, whose global setup starts a throwaway database and the app server (scripts/app-server.mjs).
// Extra arguments go to vitest (run-tests.mjs passes its JSON reporter options this way).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from './build-freshness.mjs';
import { ensureBundles } from './build-bundles.mjs';
import { findChromium, missingChromiumMessage } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitestArgs = process.argv.slice(2);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// The app runs heavy engine work in worker threads loaded from the prebuilt bundle (scripts/build-bundles.mjs).
await ensureBundles(root, (line) => console.log(line));

const chromium = findChromium();
if (!chromium) {
  if (process.env.CI === 'true') {
    console.error(`Browser tests FAILED (CI=true requires them): ${missingChromiumMessage()}`);
    process.exit(1);
  }
  // Without a browser the tests report themselves as skipped (no build, no server): run them for the count.
  console.warn(`Browser tests will be SKIPPED: ${missingChromiumMessage()}`);
} else if (buildIsCurrent(root)) {
  console.log('Production build is up to date (.next/BUILD_ID is newer than the sources).');
} else {
  console.log('Building the app for the browser tests (next build)...');
  const status = run(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    NEXT_TELEMETRY_DISABLED: '1',
  });
  if (status !== 0) {
    console.error('next build failed: the browser tests cannot run.');
    process.exit(status);
  }
}

process.exit(
  run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'e2e', ...vitestArgs], {
    NEXT_TELEMETRY_DISABLED: '1',
  }),
);
