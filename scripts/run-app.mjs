#!/usr/bin/env node
// `npm start` / `npm run dev`: database first, then Next.
//
//   node scripts/run-app.mjs start|dev
//
// 1. Without DATABASE_URL: start (or reuse) the embedded PostgreSQL under .lzsim/pgdata (port LZSIM_PG_PORT,
//    default 54329) and create the database "lzsim". With DATABASE_URL: start nothing, check it is reachable.
// 2. Apply pending migrations; seed the sample landing zone when the database holds no design.
//    LZSIM_AUTH (off, local or oidc) chooses sign-in; a HOST other than loopback requires it to be set (even to off).
// 3. start: `next build` when .next/BUILD_ID is missing or older than the sources, then scripts/app-server.mjs (Next's
//    production server, which `next start` would run, with the API's POSTs answered before Next's request path).
//    dev: `next dev`. Both on HOST:PORT (default 127.0.0.1:3000) with DATABASE_URL set for Next. Another HOST
//    (0.0.0.0 for a shared server) requires LZSIM_ALLOWED_HOSTS: the names people will type (proxy.ts refuses
//    every other Host header, which is what stops DNS rebinding).
// 4. While running: PostgreSQL is supervised (restarted on the same port when it dies; server/db/postgres-supervisor.ts).
// 5. On SIGINT/SIGTERM, or when Next exits: stop Next, then stop PostgreSQL (if we started it, or adopted the one an
//    earlier, killed runner left behind), and exit.
//
// The database code is TypeScript under server/db (and starts with `import "server-only"`), so this script
// re-runs itself once under tsx with the react-server condition; the outer process only relays signals.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from './build-freshness.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
if (mode !== 'start' && mode !== 'dev') {
  console.error('Usage: node scripts/run-app.mjs start|dev');
  process.exit(2);
}

const INNER = 'LZSIM_RUN_APP_INNER';

if (!process.env[INNER]) {
  await runOuter();
} else {
  await runInner();
}

/** Re-executes this file under tsx with the react-server condition, relaying signals and the exit code. */
async function runOuter() {
  const inner = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [INNER]: '1' }, cwd: repoRoot },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (inner.exitCode === null) inner.kill(signal);
    });
  }
  inner.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
}

function log(line) {
  console.log(`[lzsim] ${line}`);
}

function run(command, args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd: repoRoot });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise({ code, signal }));
  });
}

/** True for the addresses that only this machine can reach. */
function isLoopback(host) {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function runInner() {
  const started = Date.now();
  const host = process.env.HOST || '127.0.0.1';
  if (!isLoopback(host) && !process.env.LZSIM_ALLOWED_HOSTS?.trim()) {
    console.error(
      `[lzsim] HOST=${host} serves other machines, which reach the app by a name: set LZSIM_ALLOWED_HOSTS to it ` +
        '(e.g. HOST=0.0.0.0 LZSIM_ALLOWED_HOSTS=lzsim.example.com npm start). Requests for any other host name are refused.',
    );
    process.exit(2);
  }
  const { authModeFromEnv } = await import('../server/services/auth/auth-config.ts');
  let authMode;
  try {
    authMode = authModeFromEnv();
  } catch (error) {
    console.error(`[lzsim] ${error.message}`);
    process.exit(2);
  }
  // Another machine reaching a server nobody signs in to may do everything: say so, unless it was chosen.
  if (!isLoopback(host) && !process.env.LZSIM_AUTH?.trim()) {
    console.error(
      `[lzsim] HOST=${host} lets other machines in, and authentication is off: set LZSIM_AUTH=local (accounts made with ` +
        '"npx lzsim user add <name> --admin"), or LZSIM_AUTH=off to serve the network without sign-in.',
    );
    process.exit(2);
  }
  const { resolveAppDatabase } = await import('../server/db/app-database.ts');
  const { applyMigrations } = await import('../server/db/migrations.ts');
  const { createPrismaClient } = await import('../server/db/client.ts');
  const { seedIfEmpty } = await import('../server/db/seed.ts');

  let database;
  try {
    database = await resolveAppDatabase({ log, survivesParent: true, supervise: true });
  } catch (error) {
    console.error(`[lzsim] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  let next;
  let stopping = false;
  const shutdown = async (exitCode) => {
    if (stopping) return;
    stopping = true;
    if (next && next.exitCode === null && next.signalCode === null) {
      const exited = new Promise((r) => next.once('exit', r));
      next.kill('SIGTERM');
      const timer = setTimeout(() => next.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (database.startedServer) log('Stopping PostgreSQL ...');
    await database.release().catch((error) => console.error(`[lzsim] stopping PostgreSQL: ${error.message}`));
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));
  process.on('SIGHUP', () => void shutdown(129));

  try {
    const applied = await applyMigrations(database.url);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}.`);
    const db = createPrismaClient(database.url);
    try {
      const seeded = await seedIfEmpty(db);
      if (seeded) log(`Seeded the sample landing zone ("${seeded.name}").`);
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`[lzsim] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
    return;
  }
  log(`Database ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (authMode === 'off') {
    log('Sign-in is off: anyone who reaches this server may do everything (it listens on this machine only). For a shared server: LZSIM_AUTH=local, then "npx lzsim user add <name> --admin" (README "Sign-in and roles").');
  } else {
    log(`Sign-in: ${authMode === 'local' ? 'local accounts (npx lzsim user add <name>)' : `OpenID Connect through ${process.env.LZSIM_OIDC_ISSUER?.trim()}`}.`);
  }
  if (authMode === 'oidc') {
    // Said at start rather than at the first sign-in: a wrong issuer or a provider this server cannot reach.
    const discoveryUrl = `${process.env.LZSIM_OIDC_ISSUER.trim().replace(/\/$/, '')}/.well-known/openid-configuration`;
    const status = await fetch(discoveryUrl, { signal: AbortSignal.timeout(10_000) }).then((response) => response.status, (error) => error.cause?.code ?? error.message);
    if (status !== 200) log(`The OpenID Connect provider does not answer ${discoveryUrl} (${status}): nobody can sign in until it does. Check LZSIM_OIDC_ISSUER.`);
  }

  const require = createRequire(import.meta.url);
  const nextBin = join(dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next');
  const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: '1' };
  delete env[INNER];
  const port = process.env.PORT || '3000';

  // The engine worker threads (and the CLI) load prebuilt bundles: rebuild them when a source changed.
  const { ensureBundles } = await import('./build-bundles.mjs');
  await ensureBundles(repoRoot, log);

  // LZSIM_REUSE_BUILD=1 takes .next as it is (when it exists): the crash test restarts the app several times on the
  // suite's one build, and a source edited meanwhile must not start a second build.
  const reuseBuild = process.env.LZSIM_REUSE_BUILD === '1' && existsSync(join(repoRoot, '.next', 'BUILD_ID'));
  if (mode === 'start' && !reuseBuild && !buildIsCurrent(repoRoot)) {
    const firstBuild = !existsSync(join(repoRoot, '.next', 'BUILD_ID'));
    log(
      `Building the app (next build)${firstBuild ? ': the first start builds it once, about 2 minutes on 2 cores; later starts reuse it ' +
        'until a source changes' : ': a source changed since the last build'} ...`,
    );
    // next build prints nothing for long stretches while it compiles: say it is still at work, and for how long.
    const buildStarted = Date.now();
    const heartbeat = setInterval(() => log(`Still building (${Math.round((Date.now() - buildStarted) / 1000)} s so far) ...`), 15_000);
    const build = await run(process.execPath, [nextBin, 'build'], env).finally(() => clearInterval(heartbeat));
    log(`Built in ${((Date.now() - buildStarted) / 1000).toFixed(0)} s.`);
    if (build.code !== 0) {
      console.error(`[lzsim] next build failed (${build.signal ?? `exit code ${build.code}`}).`);
      await shutdown(1);
      return;
    }
  }
  if (stopping) return;

  // start: scripts/app-server.mjs, Next's production handler behind a Node server that answers the API's POSTs itself
  // (server/api/node-api-path.ts); dev: `next dev`.
  const server = mode === 'start' ? [join(repoRoot, 'scripts', 'app-server.mjs')] : [nextBin, mode];
  next = spawn(process.execPath, [...server, '--port', port, '--hostname', host], { stdio: 'inherit', env, cwd: repoRoot });
  const shownHost = isLoopback(host) ? 'localhost' : host;
  log(`${mode === 'start' ? 'The app' : 'Next dev'} on http://${shownHost}:${port}${isLoopback(host) ? ' (this machine only; HOST=0.0.0.0 with LZSIM_ALLOWED_HOSTS=<name> serves a network)' : ''}`);
  next.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${mode === 'start' ? 'The app server' : 'Next dev'} exited (${signal ?? `code ${code}`}).`);
      void shutdown(code ?? 1);
    }
  });
}
