// Whether .next holds a production build of the current sources. One rule for every script that reuses the build
// (npm start's runner, the browser tests, the crash test that restarts the runner), so that a build one of them
// accepts is never rebuilt by another.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `next build` reads: when one of these is newer than .next/BUILD_ID, the build is stale. */
export const BUILD_INPUTS = [
  'app', 'components', 'server', 'lib', 'public', 'styles', 'proxy.ts',
  'next.config.js', 'next.config.mjs', 'next.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json',
];
/** Directories under the inputs that the app's build does not read (the CLI is bundled separately). */
const NOT_BUILD_INPUTS = new Set(['node_modules', '.next', 'cli']);

/** Newest modification time under `path` (recursively), 0 when it does not exist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!NOT_BUILD_INPUTS.has(entry)) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when `<root>/.next` holds a production build at least as new as every build input. */
export function buildIsCurrent(root) {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(join(root, input)) <= builtAt);
}
