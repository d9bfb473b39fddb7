#!/usr/bin/env node
// `lzsim` launcher: runs the prebuilt CLI bundle (dist/node/lzsim.mjs, built from server/cli/lzsim.ts by
// scripts/build-bundles.mjs at npm install) in this process, so a call costs a Node start and no transpiling.
// When a source is newer than the bundle (development), it rebuilds the bundles first (esbuild, about a second),
// so the CLI never runs old code; the check stats only the sources of the command being run (the dispatcher's few
// for --help), which keeps it to a few milliseconds. Without esbuild, it falls back to the TypeScript sources under tsx (a child Node
// with the react-server condition, so that `import "server-only"` resolves to its empty module).
//
// Node's built-in modules are taken with process.getBuiltinModule, not `import`: an ESM import of a built-in builds
// a facade of all its exports (node:fs's loads the streams machinery), which cost --help about 20-40 ms.
const { fileURLToPath } = process.getBuiltinModule('node:url');

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** The command this call runs ("help simulate" runs simulate's help), or undefined for the dispatcher alone. */
function commandOf(argv) {
  const [first, second] = argv;
  if (first === 'help') return second;
  return first === undefined || first.startsWith('-') ? undefined : first;
}

/** Load the bundle, rebuilding it first when stale; undefined when it cannot be built. */
async function loadBundle() {
  const { bundlesAreStale, buildBundles, BUNDLE_DIR } = await import('../scripts/build-bundles.mjs');
  if (bundlesAreStale(root, { command: commandOf(args) })) {
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
  const { spawn } = process.getBuiltinModule('node:child_process');
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
