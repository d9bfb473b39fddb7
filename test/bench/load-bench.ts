// `npm run bench:load`: the API under load, over loopback HTTP, against a real started server (`npm start`'s runner,
// scripts/run-app.mjs: migrations, supervised database, scripts/app-server.mjs) on its own free port and a throwaway embedded
// PostgreSQL holding the synthetic 5,000-account organization (test/bench/synthetic-org.ts).
//
// Prints, with the load average (figures only, no assertions; every run is bounded in time):
// - org.tree: p50 with one client (target <= 50 ms), requests/s with 8 clients (target >= 50), bytes per answer;
// - simulation.acrossAccounts (the root of every account, s3:ListAllMyBuckets): p50 with one client (target <= 50 ms);
// - the reads the editor sends again after a move (one batched GET of six procedures): p50 and the app's CPU per batch;
// - 50 concurrent editors on one design, each renaming its own account EDITS times with optimistic concurrency
//   (expectedRevision; on CONFLICT it reads the revision again and retries): p50/p95 per request (target p95 <=
//   200 ms), conflicts, and whether any update was lost (every account ends with its last accepted name and the
//   revision went up once per accepted edit). Three times: back to back (a closed loop: every editor always has an
//   edit waiting, so the server's throughput sets the latency), then with about a second between one editor's
//   edits, their first edits arriving all at once, then their starts spread over the first second. A warm-up round
//   back to back comes first, printed apart: the modes measure a server that has made edits before.
// The first run builds the app (`next build`) when .next is missing or stale: allow a few minutes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createPrismaClient } from '../../server/db/client';
import { loadOrgTree } from '../../server/db/org-tree';
import { importBundle } from '../../server/services/interchange/interchange-service';
import { findFreePort, startThrowawayDatabase } from '../support/embedded-db';
import { syntheticBundle } from './synthetic-org';

const root = process.cwd();
const DURATION_S = Number(process.env.LZSIM_BENCH_SECONDS || 10);
const EDITORS = 50;
const EDITS = 4;
const START_TIMEOUT_MS = 15 * 60_000;

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean, target: string) => (ok ? `ok (target ${target})` : `MISSES the target ${target}`);

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) of a process and all its descendants, from /proc: a figure the machine's load does
 * not change, unlike latencies. Null where /proc is not there.
 */
function processTreeCpuMs(rootPid: number | undefined): number | null {
  if (rootPid === undefined) return null;
  const stats = new Map<number, { parent: number; ticks: number }>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // Fields after the command's closing parenthesis: state, ppid, ... utime (14th field), stime (15th).
        const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        stats.set(Number(entry), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // The process ended while we read.
      }
    }
  } catch {
    return null;
  }
  let ticks = 0;
  const inTree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (!inTree.has(pid) && inTree.has(stat.parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of inTree) ticks += stats.get(pid)?.ticks ?? 0;
  return (ticks * 1000) / clockTicks;
}

/** A tRPC query URL (superjson envelope, one call, no batching). */
function queryUrl(base: string, procedure: string, input: unknown): string {
  return `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

/** What the started app printed (its output is not shown while it runs): printed when a run fails. */
const appOutput: string[] = [];

/** Starts the app through scripts/run-app.mjs in its own process group; resolves once /api/health answers 200. */
async function startApp(databaseUrl: string, port: number): Promise<ChildProcess> {
  const app = spawn(process.execPath, [join(root, 'scripts/run-app.mjs'), 'start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LZSIM_AUTH: 'off', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (chunk: Buffer) => appOutput.push(chunk.toString()));
  app.stderr?.on('data', (chunk: Buffer) => appOutput.push(chunk.toString()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return app;
    } catch {
      // Not listening yet (or still building).
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stopApp(app);
  throw new Error(`the app did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM to the runner's process group (it stops Next), SIGKILL after 10 s. */
async function stopApp(app: ChildProcess): Promise<void> {
  if (app.pid === undefined || app.exitCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  process.kill(-app.pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-(app.pid as number), 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** autocannon against one GET URL; latency percentiles in ms, requests/s, bytes per answer, non-2xx count. */
async function cannon(url: string, connections: number) {
  const result = await autocannon({ url, connections, duration: DURATION_S, pipelining: 1 });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    requests: result.requests.total,
    bytes: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** POST a tRPC mutation; the HTTP status and the parsed body. */
async function mutate(base: string, procedure: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ json: input }),
  });
  return { status: response.status, body: await response.json() };
}

async function designRevision(base: string, designId: string): Promise<number> {
  const response = await fetch(queryUrl(base, 'design.get', { designId }));
  const body = (await response.json()) as { result: { data: { json: { revision: number } } } };
  return body.result.data.json.revision;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/**
 * 50 editors, each renaming its own account EDITS times; retries on CONFLICT with the revision read again. With
 * `pauseMs` 0 each editor sends its next edit as soon as the last is answered (a closed loop: the server's
 * throughput sets the latency); otherwise each waits pauseMs x (0.5 to 1.5) between edits, as a person does, and
 * with `staggered` the editors also start at random moments within the first pauseMs (people do not all click in
 * the same millisecond); without it, their first edits all arrive at once.
 */
async function concurrentEditors(base: string, designId: string, accounts: { id: string }[], run: string, pauseMs: number, staggered: boolean) {
  const latencies: number[] = [];
  let conflicts = 0;
  let failures = 0;
  let accepted = 0;
  const lastName = new Map<string, string>();
  const startRevision = await designRevision(base, designId);
  const deadline = Date.now() + DURATION_S * 6_000;
  const phaseStarted = performance.now();
  await Promise.all(accounts.map(async (account, editor) => {
    let revision = startRevision;
    for (let edit = 0; edit < EDITS; edit++) {
      const pause = edit > 0 ? pauseMs * (0.5 + Math.random()) : staggered ? pauseMs * Math.random() : 0;
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      // Account names are at most 50 characters.
      const accountName = `bench-${run}-editor-${editor}-edit-${edit}`;
      for (;;) {
        if (Date.now() > deadline) return;
        const started = performance.now();
        const { status, body } = await mutate(base, 'account.rename', { designId, expectedRevision: revision, accountId: account.id, accountName });
        latencies.push(performance.now() - started);
        if (status === 200) {
          revision = (body as { result: { data: { json: { revision: number } } } }).result.data.json.revision;
          lastName.set(account.id, accountName);
          accepted++;
          break;
        }
        if (status === 409) {
          conflicts++;
          const readStarted = performance.now();
          revision = await designRevision(base, designId);
          latencies.push(performance.now() - readStarted);
          continue;
        }
        failures++;
        console.log(`  editor ${editor}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
        return;
      }
    }
  }));
  const seconds = (performance.now() - phaseStarted) / 1000;
  return { latencies: latencies.sort((a, b) => a - b), conflicts, failures, lastName, startRevision, accepted, seconds };
}

async function main(): Promise<void> {
  console.log(`Load benchmark (loopback HTTP, ${DURATION_S} s per run), load average ${load()}: starting a throwaway PostgreSQL ...`);
  const database = await startThrowawayDatabase();
  const db = createPrismaClient(database.url);
  let app: ChildProcess | undefined;
  try {
    const { bundle } = syntheticBundle();
    let started = performance.now();
    const report = await importBundle(db, JSON.parse(JSON.stringify(bundle)), { name: 'load bench' });
    console.log(`Imported the synthetic organization (${(bundle.Accounts as unknown[]).length} accounts) in ${ms(performance.now() - started)}`);
    const designId = report.designId;
    const tree = (await loadOrgTree(db, designId))!;
    const members = tree.accounts.filter((account) => account.parentId !== null && !account.isManagementAccount);

    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    started = performance.now();
    app = await startApp(database.url, port);
    console.log(`App answering on ${base} after ${ms(performance.now() - started)} (load average ${load()})`);

    const treeUrl = queryUrl(base, 'org.tree', { designId });
    const warm = await fetch(treeUrl);
    const warmText = await warm.text();
    if (!warm.ok) throw new Error(`org.tree answered ${warm.status}: ${warmText.slice(0, 500)}`);
    console.log(`org.tree answer: ${(warmText.length / 1024).toFixed(0)} KB`);

    const one = await cannon(treeUrl, 1);
    console.log(`org.tree, 1 client:   p50 ${ms(one.p50)} p99 ${ms(one.p99)}, ${one.rps.toFixed(1)} req/s, errors ${one.errors}  ${verdict(one.p50 <= 50, '<= 50 ms p50')}  (load ${load()})`);
    const eight = await cannon(treeUrl, 8);
    console.log(`org.tree, 8 clients:  p50 ${ms(eight.p50)} p99 ${ms(eight.p99)}, ${eight.rps.toFixed(1)} req/s, errors ${eight.errors}  ${verdict(eight.rps >= 50, '>= 50 req/s')}  (load ${load()})`);

    const acrossUrl = queryUrl(base, 'simulation.acrossAccounts', { designId, principal: { kind: 'root' }, action: 's3:ListAllMyBuckets' });
    const acrossWarm = await fetch(acrossUrl);
    if (!acrossWarm.ok) throw new Error(`acrossAccounts answered ${acrossWarm.status}: ${(await acrossWarm.text()).slice(0, 500)}`);
    const across = await cannon(acrossUrl, 1);
    console.log(`acrossAccounts, 1 client: p50 ${ms(across.p50)} p99 ${ms(across.p99)}, ${across.rps.toFixed(1)} req/s, errors ${across.errors}  ${verdict(across.p50 <= 50, '<= 50 ms p50')}  (load ${load()})`);

    // What the editor reads again after an account move with the account selected (edit-invalidation.ts): one
    // batched GET, as the page sends it. Every procedure in it used to read the whole organization (370-420 ms).
    const member = members[Math.floor(members.length / 2)];
    const refreshed: [string, unknown][] = [
      ['design.get', { designId }], ['history.revisions', { designId }], ['account.outside', { designId }], ['ram.overview', { designId }],
      ['account.details', { designId, accountId: member.accountId }], ['ram.sharedWithAccount', { designId, accountId: member.accountId }],
    ];
    const refreshUrl = `${base}/api/trpc/${refreshed.map(([procedure]) => procedure).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(refreshed.map(([, input], index) => [index, { json: input }]))))}`;
    const refreshWarm = await fetch(refreshUrl);
    if (!refreshWarm.ok) throw new Error(`the refresh batch answered ${refreshWarm.status}: ${(await refreshWarm.text()).slice(0, 500)}`);
    const refreshCpu = processTreeCpuMs(app.pid);
    const refresh = await cannon(refreshUrl, 1);
    const refreshCpuAfter = processTreeCpuMs(app.pid);
    const refreshPerRequest = refreshCpu !== null && refreshCpuAfter !== null ? `, the app's CPU time ${((refreshCpuAfter - refreshCpu) / refresh.requests).toFixed(1)} ms a batch` : '';
    console.log(`after a move, the editor's refresh (${refreshed.length} reads in one batch), 1 client: p50 ${ms(refresh.p50)} p99 ${ms(refresh.p99)}${refreshPerRequest}, errors ${refresh.errors}  (load ${load()})`);

    // The cheapest procedure (one row read) with as many clients, back to back: a GET, so through Next's request path,
    // which the editors' POSTs skip (server/api/node-api-path.ts); their CPU per request compares with this one's.
    const floorCpu = processTreeCpuMs(app.pid);
    const floor = await cannon(queryUrl(base, 'design.get', { designId }), EDITORS);
    const floorCpuAfter = processTreeCpuMs(app.pid);
    const floorPerRequest = floorCpu !== null && floorCpuAfter !== null ? `, the app's CPU time ${((floorCpuAfter - floorCpu) / floor.requests).toFixed(1)} ms a request` : '';
    console.log(`design.get, ${EDITORS} clients back to back (a GET, through Next's request path): p50 ${ms(floor.p50)} p99 ${ms(floor.p99)}, ${floor.rps.toFixed(1)} req/s${floorPerRequest}, errors ${floor.errors}  (load ${load()})`);

    // Closed loop: the worst case, every editor always waiting on an edit; then editors pausing about a second
    // between edits (a fast person's pace), first with their first edits all arriving at once, then starting at
    // random moments of the first second.
    // A running server has made edits before: one round back to back first, printed apart, so that the modes below
    // measure a warm server (a freshly started one compiles its edit path during its first few hundred requests).
    const warmUp = await concurrentEditors(base, designId, members.slice(0, EDITORS), 'warm-up', 0, false);
    console.log(`warm-up, ${EDITORS} editors x ${EDITS} renames back to back on the freshly started app (not a measured mode): `
      + `p50 ${ms(percentile(warmUp.latencies, 0.5))} p95 ${ms(percentile(warmUp.latencies, 0.95))}, ${(warmUp.accepted / warmUp.seconds).toFixed(1)} saved edits/s  (load ${load()})`);
    const modes = [['back to back', 0, false], ['about 1 s apart, first edits at once', 1_000, false], ['about 1 s apart, starts spread over 1 s', 1_000, true]] as const;
    for (const [index, [label, pauseMs, staggered]] of modes.entries()) {
      const cpuBefore = processTreeCpuMs(app.pid);
      const editors = await concurrentEditors(base, designId, members.slice(0, EDITORS), `run${index}`, pauseMs, staggered);
      const cpuAfter = processTreeCpuMs(app.pid);
      const finalTree = (await loadOrgTree(db, designId))!;
      const names = new Map(finalTree.accounts.map((account) => [account.id, account.name]));
      const lost = [...editors.lastName].filter(([id, name]) => names.get(id) !== name).length;
      const revisionGain = finalTree.design.revision - editors.startRevision;
      const p95 = percentile(editors.latencies, 0.95);
      console.log(`${EDITORS} concurrent editors x ${EDITS} renames, ${label}: ${editors.accepted} edits accepted, ${editors.conflicts} conflicts retried, ${editors.failures} failures; `
        + `p50 ${ms(percentile(editors.latencies, 0.5))} p95 ${ms(p95)} over ${editors.latencies.length} requests  ${verdict(p95 <= 200, '<= 200 ms p95')}`);
      const cpuPerEdit = cpuBefore !== null && cpuAfter !== null ? ` (the app's CPU time: ${((cpuAfter - cpuBefore) / editors.latencies.length).toFixed(1)} ms a request)` : '';
      console.log(`  ${editors.accepted} of ${EDITORS * EDITS} edits saved in ${editors.seconds.toFixed(1)} s: ${(editors.accepted / editors.seconds).toFixed(1)} saved edits/s${cpuPerEdit}`);
      console.log(`  lost updates: ${lost} (accounts whose last accepted name is not stored); revision went up ${revisionGain} for ${editors.accepted} accepted edits  `
        + `${lost === 0 && revisionGain === editors.accepted ? 'ok' : 'LOST UPDATES'}  (load ${load()})`);
    }
  } catch (error) {
    // A run that fails midway (the app gone: ECONNREFUSED, "other side closed") says why only in the app's output,
    // which the runner finishes (the server's exit, its signal) a moment after the connection drops.
    if (app && app.exitCode === null) await Promise.race([once(app, 'exit'), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    const exited = app && app.exitCode !== null ? ` (it exited with code ${app.exitCode}${app.signalCode ? `, signal ${app.signalCode}` : ''})` : '';
    console.error(`The run failed; the app's last output${exited}:\n${appOutput.join('').slice(-6000)}`);
    throw error;
  } finally {
    if (app) await stopApp(app);
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
