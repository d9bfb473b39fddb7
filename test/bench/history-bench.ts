// `npm run bench:history`: the history diff's whole-design path at 5,000 accounts ("what did this change do?" for a
// revision range holding IAM, Control Tower, RAM or Identity Center rows), on a throwaway embedded PostgreSQL.
// The synthetic organization of bench:org (5,000 accounts, 1,000 OUs, 2,000 SCPs and tag policies, one role per
// account) is imported, one IAM inline policy is saved (PutRolePolicy through impact.applyCalls), and the impact of
// that revision is asked for as the History tab asks for it (impact.revisionImpact: both designs read in one
// rolled-back transaction, compared in an engine worker). The parts are timed apart too: the read of the two designs
// and the comparison in this thread. Figures only, with the machine's load: nothing is asserted.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPrismaClient } from '../../server/db/client';
import { readDesignsAtRevisions } from '../../server/db/design-at-revision';
import { engineWorkers } from '../../server/services/engine-worker/engine-workers';
import { applyChange, revisionImpact } from '../../server/services/impact/impact-service';
import { designRevisionImpactWork } from '../../server/services/impact/revision-impact-work';
import { importBundle } from '../../server/services/interchange/interchange-service';
import { CompiledWorldCache } from '../../server/services/simulation/compiled-world-cache';
import { ensureBundles } from '../../scripts/build-bundles.mjs';
import { startThrowawayDatabase } from '../support/embedded-db';
import { ACCOUNTS, syntheticBundle } from './synthetic-org';

const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Runs `run`, prints wall-clock time (and this thread's CPU time, which leaves out worker threads and PostgreSQL). */
async function timed<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const wall = performance.now();
  const cpu = cpuMs();
  const result = await run();
  console.log(`${label}: ${(performance.now() - wall).toFixed(0)} ms wall, ${(cpuMs() - cpu).toFixed(0)} ms CPU in this thread; load ${load()}`);
  return result;
}

async function main(): Promise<void> {
  console.log(`History diff (whole-design path) on ${cpus().length} CPUs, load average ${load()}: building the worker bundles and starting a throwaway PostgreSQL ...`);
  await ensureBundles();
  const database = await startThrowawayDatabase();
  const db = createPrismaClient(database.url);
  const workers = engineWorkers();
  try {
    const { bundle, probeAccount } = syntheticBundle();
    const report = await timed(`import ${ACCOUNTS.toLocaleString('en')} accounts`, () => importBundle(db, bundle, { name: 'history bench' }));
    const designId = report.designId;
    const current = (await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true } })).revision;
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['ec2:RunInstances', 's3:DeleteBucket'], Resource: '*' }] });
    const saved = await applyChange(db, {
      designId, expectedRevision: current,
      calls: [{ api: 'iam', accountId: probeAccount, operation: 'PutRolePolicy', input: { RoleName: 'OrganizationAccountAccessRole', PolicyName: 'NoInstances', PolicyDocument: document } }],
    });
    const range = { designId, fromRevision: saved.revision - 1, toRevision: saved.revision };
    console.log(`saved PutRolePolicy on ${probeAccount} as revision ${saved.revision}; comparing r${range.fromRevision} → r${range.toRevision}`);

    const cache = new CompiledWorldCache();
    for (const run of ['first (worker and compiled world cold)', 'second', 'third']) {
      const result = await timed(`impact.revisionImpact, ${run}`, () => revisionImpact(db, { ...range, maxActions: 300 }, cache, workers));
      if (run === 'second') console.log(`  ${result.changedCells} cells flipped, ${result.principals.length} principals gain or lose actions (${result.principals.map((p) => `${p.principalArn} loses ${p.lost.length}`).join('; ')})`);
    }
    const read = await timed('  of which: both designs read in one rolled-back transaction', () => readDesignsAtRevisions(db, designId, [range.fromRevision, range.toRevision]));
    if (!read.ok) throw new Error(`could not read the revisions: ${read.reason}`);
    const input = { from: read.value.designs.get(range.fromRevision)!, to: read.value.designs.get(range.toRevision)!, maxActions: 300 };
    await timed('  of which: the comparison (previewDesignChange) in this thread, both sides compiled from scratch', () => designRevisionImpactWork(input));
    const held = await cache.get(db, designId);
    await timed('  the comparison in this thread from the current revision\'s compiled world and matrix (as the worker runs it), first', () => designRevisionImpactWork(input, held));
    await timed('  the same, again', () => designRevisionImpactWork(input, held));
  } finally {
    await workers.close();
    await db.$disconnect();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
