#!/usr/bin/env node
// Prebuilt Node bundles of the code that runs outside Next, from the same TypeScript sources:
// - dist/node/lzsim.mjs, the `lzsim` CLI (bin/lzsim.mjs loads it: no per-call transpiling, so `--help` answers in
//   well under a second instead of the 0.8–1.3 s tsx took);
// - dist/node/engine-worker.mjs, the engine worker thread that runs heavy engine work off the request thread
//   (server/services/engine-worker/).
//
//   node scripts/build-bundles.mjs           build when missing or older than the sources
//   node scripts/build-bundles.mjs --force   build anyway
//
// Runs at `npm install` (postinstall, after the Prisma client is generated: the CLI bundles it), before
// `npm start` / `npm run dev` and before the test runs; bin/lzsim.mjs also rebuilds a stale bundle on its own, so
// editing a source in development never runs old code.
//
// Bundling keeps what plain Node would do: packages stay external (resolved from node_modules at run time), and
// `server-only`, which only Next's react-server condition makes importable, becomes an empty module. The bundles sit
// two levels below the repository root, like the sources they come from (server/<dir>/<file>.ts), so modules that
// find files with new URL('../../…', import.meta.url) still find them. Dynamic imports become separate chunks, so
// `lzsim --help` loads neither the database client nor the engine.
//
// The staleness check runs before every `lzsim` call, so it must cost little: the stamp records, from esbuild's
// metafile, which sources each CLI command's chunks were built from, and `lzsim simulate` stats only those (about
// 150 files) while `lzsim --help` stats only the dispatcher's handful, instead of every file under server/.
//
// bin/lzsim.mjs imports this module on every call: Node's built-ins are taken with process.getBuiltinModule, which
// skips the ESM facade an `import` of a built-in builds (tens of ms for node:fs).
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { dirname, join } = process.getBuiltinModule('node:path');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the bundles go, relative to the repository root. */
export const BUNDLE_DIR = 'dist/node';
/** The bundles' entry points: output name -> source. */
export const BUNDLE_ENTRIES = {
  lzsim: 'server/cli/lzsim.ts',
  'engine-worker': 'server/services/engine-worker/worker-main.ts',
};
/** What the bundles are built from: a change to any of these makes them stale. */
const SOURCES = ['server', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-bundles.mjs'];
/** The sources every bundle depends on whatever it imports: a change to one of these makes every bundle stale. */
const BUILD_INPUTS = SOURCES.filter((source) => source !== 'server');
/** Where the CLI's commands live; a chunk built from commands/<name>.ts is the command <name>. */
const COMMAND_DIR = 'server/cli/commands/';
const STAMP = 'build-info.json';

/** Newest modification time under the given paths, in ms. */
function newestMtime(root, paths) {
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

/** Newest modification time of the given files, in ms; Infinity when one is missing (it was deleted or moved). */
function newestFileMtime(root, files) {
  let newest = 0;
  for (const file of files) {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    if (!stat) return Infinity;
    newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/**
 * True when the bundles are missing or older than a source. With `command` (the word after `lzsim`, or undefined
 * for `lzsim --help` and other dispatcher-only calls), only the sources that command runs are checked: what the
 * stamp's `commandInputs` lists for it, or the dispatcher's own sources for a word that names no command.
 */
export function bundlesAreStale(root = repoRoot, options = {}) {
  const stampPath = join(root, BUNDLE_DIR, STAMP);
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return true;
  }
  if (!('command' in options) || !stamp.sources) {
    if (Object.keys(BUNDLE_ENTRIES).some((name) => !existsSync(join(root, BUNDLE_DIR, `${name}.mjs`)))) return true;
    return newestMtime(root, SOURCES) > stamp.sourcesNewest;
  }
  const indexes = stamp.commandInputs[options.command] ?? stamp.commandInputs[''];
  const files = [...BUILD_INPUTS, ...indexes.map((index) => stamp.sources[index])];
  return newestFileMtime(root, files) > stamp.sourcesNewest;
}

/**
 * For each CLI command (and '' for the dispatcher alone), the indexes into `sources` of the files its chunks were
 * built from: the dispatcher's static imports, plus for a command everything its chunk imports, statically or
 * dynamically (lazily loaded catalogues run as part of the command).
 */
function commandInputsOf(metafile) {
  const outputs = metafile.outputs;
  const sources = [...new Set(Object.values(outputs).flatMap((output) => Object.keys(output.inputs)))].filter((file) => !file.includes(':')).sort();
  const indexOf = new Map(sources.map((file, index) => [file, index]));
  const closure = (start, followDynamic) => {
    const seen = new Set();
    const queue = [start];
    while (queue.length > 0) {
      const output = queue.pop();
      if (seen.has(output) || !outputs[output]) continue;
      seen.add(output);
      for (const imported of outputs[output].imports) {
        if (imported.external) continue;
        if (imported.kind === 'import-statement' || (followDynamic && imported.kind === 'dynamic-import')) queue.push(imported.path);
      }
    }
    return seen;
  };
  const inputsOf = (chunks) => [...new Set([...chunks].flatMap((chunk) => Object.keys(outputs[chunk].inputs)))]
    .filter((file) => indexOf.has(file)).map((file) => indexOf.get(file)).sort((a, b) => a - b);
  const entry = Object.keys(outputs).find((output) => outputs[output].entryPoint === BUNDLE_ENTRIES.lzsim);
  const dispatcher = closure(entry, false);
  const commandInputs = { '': inputsOf(dispatcher) };
  for (const [output, { entryPoint }] of Object.entries(outputs)) {
    if (!entryPoint?.startsWith(COMMAND_DIR) || !entryPoint.endsWith('.ts')) continue;
    const name = entryPoint.slice(COMMAND_DIR.length, -'.ts'.length);
    commandInputs[name] = inputsOf(new Set([...dispatcher, ...closure(output, true)]));
  }
  return { sources, commandInputs };
}

/** esbuild plugin: `server-only` is an empty module (what the react-server condition resolves it to). */
const serverOnlyIsEmpty = {
  name: 'server-only-is-empty',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'lzsim-empty' }));
    build.onLoad({ filter: /.*/, namespace: 'lzsim-empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * Build every bundle into a fresh directory, then swap it in, so a process loading the bundles never sees a
 * half-written set. Returns the time taken in ms.
 */
export async function buildBundles(root = repoRoot) {
  const started = Date.now();
  const { build } = await import('esbuild');
  const sourcesNewest = newestMtime(root, SOURCES);
  const target = join(root, BUNDLE_DIR);
  const staging = `${target}.${process.pid}.${Date.now()}`;
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(BUNDLE_ENTRIES).map(([name, source]) => [name, join(root, source)])),
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [serverOnlyIsEmpty],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const stamp = { builtAt: new Date().toISOString(), sourcesNewest, ...commandInputsOf(metafile) };
  writeFileSync(join(staging, STAMP), `${JSON.stringify(stamp)}\n`);
  mkdirSync(dirname(target), { recursive: true });
  const retired = `${target}.old.${process.pid}.${Date.now()}`;
  try {
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
  } catch (error) {
    // Another process (parallel test files each starting the CLI) swapped its own build in between: it was built
    // from the same sources, so keep it.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, STAMP))) throw error;
  } finally {
    rmSync(retired, { recursive: true, force: true });
  }
  return Date.now() - started;
}

/** Build when stale; returns true when it built. */
export async function ensureBundles(root = repoRoot, log = () => undefined) {
  if (!bundlesAreStale(root)) return false;
  const ms = await buildBundles(root);
  log(`Built the Node bundles (${BUNDLE_DIR}) in ${ms} ms.`);
  return true;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    if (process.argv.includes('--force')) console.log(`[lzsim] Built the Node bundles (${BUNDLE_DIR}) in ${await buildBundles()} ms.`);
    else if (!(await ensureBundles(repoRoot, (line) => console.log(`[lzsim] ${line}`)))) console.log(`[lzsim] The Node bundles (${BUNDLE_DIR}) are up to date.`);
  } catch (error) {
    console.error(`[lzsim] Building the Node bundles failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
