// `npm run bench:org`: Organizations back end at scale, on a throwaway embedded PostgreSQL (or TEST_DATABASE_URL).
// Synthetic organization: 5,000 accounts, 1,000 OUs nested up to 5 levels, 2,000 policies (SCPs and tag policies)
// with attachments spread over the tree, FullAWSAccess everywhere as AWS attaches it, and one role per account.
// Prints: import time (target <= 10 s), moving an OU that holds 500 accounts (median and p95 over repeated moves,
// target <= 50 ms p95), bundle export time, and simulate right after a move, which rebuilds the compiled world from
// the previous revision's (target <= 100 ms). Figures only: no assertions.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPrismaClient } from '../../server/db/client';
import { loadOrgTree } from '../../server/db/org-tree';
import { exportDesign, importBundle } from '../../server/services/interchange/interchange-service';
import { moveOrganizationalUnit } from '../../server/services/organizations';
import { CompiledWorldCache } from '../../server/services/simulation/compiled-world-cache';
import { simulate } from '../../server/services/simulation/simulation-service';
import { startThrowawayDatabase } from '../support/embedded-db';
import { ACCOUNTS, BIG_OU_ACCOUNTS, OUS, syntheticBundle } from './synthetic-org';

const MOVES = 40;

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (value: number, target: number) => (value <= target ? `ok (target <= ${target} ms)` : `OVER the ${target} ms target`);

async function main(): Promise<void> {
  // Figures depend on what else the machine runs: print the load so they can be read in context.
  console.log(`Organizations benchmark on ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}: starting a throwaway PostgreSQL ...`);
  const database = await startThrowawayDatabase();
  const db = createPrismaClient(database.url);
  try {
    const { bundle, bigOuId, parkingIds, probeAccount } = syntheticBundle();
    const policyCount = (bundle.Policies as unknown[]).length;
    const attachmentCount = (bundle.Policies as { Targets: unknown[] }[]).reduce((n, p) => n + p.Targets.length, 0);
    console.log(`Synthetic organization: ${ACCOUNTS} accounts, ${OUS} OUs (depth <= 5), ${policyCount} policies, ${attachmentCount} attachments, ${ACCOUNTS} roles`);

    let started = performance.now();
    const report = await importBundle(db, JSON.parse(JSON.stringify(bundle)), { name: 'org bench' });
    const importMs = performance.now() - started;
    console.log(`import (validate + write, one transaction): ${ms(importMs)}  ${verdict(importMs, 10_000)}`);

    const tree = (await loadOrgTree(db, report.designId))!;
    const rowId = new Map(tree.ous.map((ou) => [ou.awsId, ou.id]));
    const big = rowId.get(bigOuId)!;
    const parking = parkingIds.map((id) => rowId.get(id)!);
    let revision = tree.design.revision;

    const cache = new CompiledWorldCache();
    const request = {
      principalArn: `arn:aws:iam::${probeAccount}:role/OrganizationAccountAccessRole`,
      action: 's3:DeleteBucket',
      resource: 'arn:aws:s3:::bench-bucket',
      resourceAccount: probeAccount,
      context: [{ key: 'aws:RequestedRegion', values: ['us-east-1'], type: 'string' as const }],
    };
    started = performance.now();
    await simulate(db, report.designId, request, cache);
    console.log(`simulate, first compile of the whole world: ${ms(performance.now() - started)}`);

    const moves: number[] = [];
    for (let i = 0; i < MOVES; i += 1) {
      started = performance.now();
      await moveOrganizationalUnit(db, { designId: report.designId, expectedRevision: revision, ouId: big, destinationParentId: parking[(i + 1) % 2] });
      moves.push(performance.now() - started);
      revision += 1;
    }
    const move = stats(moves);
    console.log(`move an OU holding ${BIG_OU_ACCOUNTS} accounts, ${MOVES} moves: median ${ms(move.median)}, p95 ${ms(move.p95)} (min ${ms(move.min)}, max ${ms(move.max)})  ${verdict(move.p95, 50)}`);

    const rebuilds: number[] = [];
    const hits: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await moveOrganizationalUnit(db, { designId: report.designId, expectedRevision: revision, ouId: big, destinationParentId: parking[(MOVES + i + 1) % 2] });
      revision += 1;
      started = performance.now();
      const after = await simulate(db, report.designId, request, cache);
      rebuilds.push(performance.now() - started);
      if (after.worldSource !== 'rebuilt') throw new Error(`expected a rebuild after the move, got ${after.worldSource}`);
      started = performance.now();
      await simulate(db, report.designId, request, cache);
      hits.push(performance.now() - started);
    }
    const rebuild = stats(rebuilds);
    console.log(`simulate after a move (cache rebuild from the previous revision): median ${ms(rebuild.median)}, p95 ${ms(rebuild.p95)}  ${verdict(rebuild.median, 100)}`);
    console.log(`simulate on a cached revision: median ${ms(stats(hits).median)}`);

    started = performance.now();
    const exported = await exportDesign(db, report.designId, 'bundle');
    const exportMs = performance.now() - started;
    console.log(`export bundle: ${ms(exportMs)} (${(JSON.stringify(exported.document).length / 1e6).toFixed(1)} MB of JSON)`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:org failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
