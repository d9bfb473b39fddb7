#!/usr/bin/env node
// `lzsim` launcher: runs the prebuilt CLI bundle (dist/node/lzsim.mjs, built from server/cli/lzsim.ts by
// scripts/build-bundles.mjs at npm install) in this process, so a call costs a Node start and no transpiling.
// When a source is newer than the bundle (development), it rebuilds the bundles first (esbuild, about a second),
// so the CLI never runs old code. Without esbuild, it falls back to the TypeScript sources under tsx (a child Node
// with the react-server condition, so that `import "server-only"` resolves to its empty module).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** Load the bundle, rebuilding it first when stale; undefined when it cannot be built. */
async function loadBundle() {
  const { bundlesAreStale, buildBundles, BUNDLE_DIR } = await import('../scripts/build-bundles.mjs');
  if (bundlesAreStale(root)) {
    try {
      await buildBundles(root);
    } catch (error) {
      if (process.env.LZSIM_DEBUG) process.stderr.write(`lzsim: cannot build the CLI bundle, running the sources: ${error.message}\n`);
      return undefined;
    }
  }
  return import(new URL(`../${BUNDLE_DIR}/lzsim.mjs`, import.meta.url).href);
}

/** Run server/cli/lzsim.ts under tsx in a child Node; arguments, stdio and the exit code pass through. */
function runSources() {
  const entry = fileURLToPath(new URL('../server/cli/lzsim.ts', import.meta.url));
  // Resolve tsx from this package, not from the caller's working directory.
  const tsxLoader = import.meta.resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, '--conditions=react-server', '--no-warnings=ExperimentalWarning', entry, ...args],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`lzsim: cannot start Node for the CLI: ${error.message}\n`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Re-raise so our own parent sees the same signal, as a shell would.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 2);
  });
}

const cli = await loadBundle();
if (cli) {
  // Let stdout drain before exiting: large JSON output to a pipe is written asynchronously.
  process.exitCode = await cli.runCli(args, cli.processIo());
} else {
  runSources();
}
