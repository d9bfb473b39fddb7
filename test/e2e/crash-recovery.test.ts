// Crash test: the app (npm start's runner, scripts/run-app.mjs, with its embedded PostgreSQL) is killed outright
// (SIGKILL to the runner's process group: runner and the app server; the database survives, as it does when a laptop's
// terminal is killed) in the middle of a large import and in the middle of a burst of edits, then started again on
// the same data directory. Nothing may be half-written: the import is wholly present or wholly absent, every edit
// is applied together with its history entry or not at all, every acknowledged edit survived, and each design's
// revision counter equals its last history entry.
//
// It reuses the browser tests' production build (scripts/run-e2e.mjs builds it; the runner accepts the same build by
// the same rule, scripts/build-freshness.mjs), so it lives with them although it drives no browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildIsCurrent } from '../../scripts/build-freshness.mjs';
import type { PrismaClient } from '../../server/db/client';
import { createPrismaClient } from '../../server/db/client';
import { runningServer, startEmbeddedPostgres, stopServerByPid } from '../../server/db/embedded-postgres';
import { syntheticBundle } from '../bench/synthetic-org';
import { findFreePort } from '../support/embedded-db';
import { chromiumPath } from './support/browser';

const root = process.cwd();
/**
 * How long a start may take: the first one initialises PostgreSQL and applies every migration (about 10 s on a quiet
 * machine, 50 s at a load average of 20); a restart on the same data directory takes a few seconds.
 */
const FIRST_START_TIMEOUT_MS = 150_000;
const RESTART_TIMEOUT_MS = 60_000;

/** A started runner and what it printed. */
interface RunningApp {
  process: ChildProcess;
  output: string[];
}

/** The throwaway installation: a data directory, the database port and the app port. */
const install = { dir: '', dataDir: '', pgPort: 0, appPort: 0, base: '' };
let app: RunningApp | undefined;
let db: PrismaClient | undefined;

/** Starts `node scripts/run-app.mjs start` in its own process group; resolves when /api/health answers 200. */
async function startApp(timeoutMs = RESTART_TIMEOUT_MS): Promise<RunningApp> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'scripts/run-app.mjs'), 'start'], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: '',
      LZSIM_PG_DATA: install.dataDir,
      LZSIM_PG_PORT: String(install.pgPort),
      PORT: String(install.appPort),
      HOST: '127.0.0.1',
      LZSIM_AUTH: 'off',
      LZSIM_REUSE_BUILD: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`the runner exited (${child.signalCode ?? `code ${child.exitCode}`}):\n${output.join('')}`);
    try {
      const response = await fetch(`${install.base}/api/health`, { signal: AbortSignal.timeout(3_000) });
      if (response.ok) {
        console.log(`[crash] the app answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return { process: child, output };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  killGroup(child, 'SIGKILL');
  throw new Error(`the app did not answer /api/health within ${timeoutMs / 1000} s:\n${output.join('')}`);
}

/** True until the process exited or was killed (a killed process has a signalCode and no exitCode). */
function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-(child.pid as number), signal);
  } catch {
    // the group is gone already
  }
}

/** kill -9 of the app: runner (outer and inner) and the app server, all at once, with no chance to clean up. */
async function killApp(running: RunningApp): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  killGroup(running.process, 'SIGKILL');
  await exited;
  // The app server is the runner's child in the same group; wait until nothing listens on the app port any more.
  for (let i = 0; i < 50; i += 1) {
    const listening = await fetch(`${install.base}/api/health`, { signal: AbortSignal.timeout(500) }).then(() => true, () => false);
    if (!listening) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the app still answers after SIGKILL of its process group');
}

/** POST a tRPC mutation; the HTTP status and the result's data. */
async function mutate<T>(procedure: string, input: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${install.base}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: install.base },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data: { json: T } } };
  return { status: response.status, data: body.result?.data.json as T };
}

/** A direct connection to the app's database (the same server, reused, never stopped from here). */
async function connectToAppDatabase(): Promise<PrismaClient> {
  const server = await startEmbeddedPostgres({ dataDir: install.dataDir, port: install.pgPort });
  const { url } = await server.provisionDatabase('lzsim');
  return createPrismaClient(url);
}

/** Revisions of a design's history entries, and its revision counter. */
async function historyOf(designId: string): Promise<{ revision: number; changes: number[] }> {
  const design = await db!.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true } });
  const changes = await db!.designChange.findMany({ where: { designId }, select: { revision: true }, orderBy: { revision: 'asc' } });
  return { revision: design.revision, changes: changes.map((change) => change.revision) };
}

describe.skipIf(!chromiumPath)('kill -9 of the app mid-import and mid-edit', () => {
  beforeAll(async () => {
    if (!buildIsCurrent(root)) {
      throw new Error('No current production build in .next/: run this test through "npm run test:e2e", which builds first.');
    }
    install.dir = mkdtempSync(join(tmpdir(), 'lzsim-crash-'));
    chmodSync(install.dir, 0o755); // the postgres system user must reach the data directory when we are root
    install.dataDir = join(install.dir, 'pgdata');
    install.pgPort = await findFreePort();
    install.appPort = await findFreePort();
    install.base = `http://127.0.0.1:${install.appPort}`;
    app = await startApp(FIRST_START_TIMEOUT_MS);
    db = await connectToAppDatabase();
  }, FIRST_START_TIMEOUT_MS + 20_000);

  afterAll(async () => {
    await db?.$disconnect();
    if (app && isRunning(app.process)) {
      // SIGTERM: the runner stops Next, then the PostgreSQL it started or adopted.
      const exited = new Promise((resolve) => app!.process.once('exit', resolve));
      killGroup(app.process, 'SIGTERM');
      const timer = setTimeout(() => killGroup(app!.process, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    const leftover = install.dataDir ? runningServer(install.dataDir) : undefined;
    if (leftover) await stopServerByPid(leftover.pid);
    if (install.dir) rmSync(install.dir, { recursive: true, force: true });
  });

  test('an import killed inside its transaction is wholly absent after a restart', async () => {
    const { bundle } = syntheticBundle();
    const accounts = (bundle.Accounts as unknown[]).length;
    const name = 'crash: synthetic organization';
    let answered: unknown;
    const importing = mutate('interchange.importBundle', { document: bundle, name }).then(
      (result) => { answered = result; },
      (error: unknown) => { answered = error; },
    );

    // Kill once the import's transaction has written: a transaction of the app's with a transaction id (PostgreSQL
    // assigns one at the first write), while the import has not answered.
    const deadline = Date.now() + 40_000;
    let writing = false;
    while (!writing && answered === undefined && Date.now() < deadline) {
      const rows = await db!.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`;
      writing = Number(rows[0].n) > 0;
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(writing, `the import never began writing (its answer: ${JSON.stringify(answered)?.slice(0, 500)})`).toBe(true);
    await killApp(app!);
    await importing;

    app = await startApp();
    const designs = await db!.design.findMany({ where: { name }, select: { id: true, _count: { select: { accounts: true } } } });
    // All or nothing. The kill landed inside the transaction, so nothing; a commit that slipped in first is whole.
    expect(designs.length === 0 || designs[0]._count.accounts === accounts).toBe(true);
    // No row of the bundle anywhere else either: its accounts exist exactly as often as the design does.
    const accountIds = (bundle.Accounts as { Id: string }[]).map((account) => account.Id);
    expect(await db!.account.count({ where: { accountId: { in: accountIds } } })).toBe(designs.length * accounts);

    // The restarted app serves from the same database (the sample design the first start seeded is there).
    const list = await fetch(`${install.base}/api/trpc/design.list`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Sample landing zone');
  }, 120_000);

  test('a burst of edits killed midway leaves every edit whole, with its history entry, and the counters consistent', async () => {
    const created = await Promise.all(
      [0, 1, 2].map((i) => mutate<{ id: string; revision: number }>('design.create', { name: `crash: burst ${i}` })),
    );
    const designs = created.map((result) => {
      expect(result.status).toBe(200);
      return result.data;
    });
    const roots = await Promise.all(
      designs.map(async (design) => {
        const rows = await db!.$queryRaw<{ id: string }[]>`
          SELECT r.id FROM "Root" r JOIN "Organization" o ON o.id = r."organizationId" WHERE o."designId" = ${design.id}`;
        return rows[0].id;
      }),
    );

    // Three editors, one per design, each creating OUs one after the other as fast as the app answers.
    const acknowledged = new Set<string>();
    let stopped = false;
    const editors = designs.map(async (design, index) => {
      let revision = design.revision;
      for (let edit = 0; !stopped; edit += 1) {
        const name = `crash-${index}-${edit}`;
        try {
          const result = await mutate<{ revision: number }>('ou.create', { designId: design.id, expectedRevision: revision, parentId: roots[index], name });
          if (result.status !== 200) throw new Error(`ou.create answered ${result.status}`);
          revision = result.data.revision;
          acknowledged.add(name);
        } catch (error) {
          if (stopped) return;
          throw error;
        }
      }
    });
    // Let the burst run, then kill the app while requests are in flight.
    while (acknowledged.size < 15) await new Promise((resolve) => setTimeout(resolve, 20));
    stopped = true;
    await killApp(app!);
    await Promise.all(editors);

    app = await startApp();
    for (const [index, design] of designs.entries()) {
      const { revision, changes } = await historyOf(design.id);
      // The counter equals the last history entry, and the entries run 1..revision without a gap.
      expect(changes).toEqual(Array.from({ length: revision }, (_, i) => i + 1));
      const ous = await db!.organizationalUnit.findMany({ where: { root: { id: roots[index] } }, select: { name: true } });
      const logged = await db!.$queryRaw<{ name: string }[]>`
        SELECT payload->'forward'->'input'->>'name' AS name FROM "DesignChange" WHERE "designId" = ${design.id}`;
      // Every OU has the history entry that created it, and every history entry's OU exists.
      expect(ous.map((ou) => ou.name).sort()).toEqual(logged.map((row) => row.name).sort());
      expect(ous.length).toBe(revision);
      // Every edit the app acknowledged before the kill survived it.
      const names = new Set(ous.map((ou) => ou.name));
      for (const name of acknowledged) {
        if (name.startsWith(`crash-${index}-`)) expect(names.has(name), `${name} was acknowledged but is missing`).toBe(true);
      }
    }

    // The restarted app serves the designs and takes the next edit on top of the recovered revision.
    const { revision } = await historyOf(designs[0].id);
    const next = await mutate<{ revision: number }>('ou.create', { designId: designs[0].id, expectedRevision: revision, parentId: roots[0], name: 'after the crash' });
    expect(next.status).toBe(200);
    expect(next.data.revision).toBe(revision + 1);
  }, 120_000);
});
