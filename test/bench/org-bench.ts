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

const ACCOUNTS = 5_000;
const OUS = 1_000;
const POLICIES = 2_000;
const TAG_POLICIES = 500;
const BIG_OU_ACCOUNTS = 500;
const MOVES = 40;
const MANAGEMENT = '100000000000';

/** Deterministic PRNG (mulberry32) so every run builds the same organization. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticBundle(): { bundle: Record<string, unknown>; bigOuId: string; parkingIds: [string, string]; probeAccount: string } {
  const rand = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  const rootId = 'r-bnch';
  const ous: { Id: string; Name: string; ParentId: string; depth: number }[] = [];
  const ouId = (i: number) => `ou-bnch-${String(i).padStart(8, '0')}`;
  // Two top-level parking OUs the big OU moves between, the big OU itself, then a random tree up to depth 5.
  ous.push({ Id: ouId(0), Name: 'Parking A', ParentId: rootId, depth: 1 });
  ous.push({ Id: ouId(1), Name: 'Parking B', ParentId: rootId, depth: 1 });
  ous.push({ Id: ouId(2), Name: 'Big', ParentId: ouId(0), depth: 2 });
  for (let i = 3; i < OUS; i += 1) {
    const candidates = ous.filter((ou) => ou.depth < 5 && ou.Id !== ouId(2));
    const parent = i < 23 ? undefined : pick(candidates);
    ous.push({ Id: ouId(i), Name: `OU ${i}`, ParentId: parent?.Id ?? rootId, depth: (parent?.depth ?? 0) + 1 });
  }
  const accountIds: string[] = [];
  const accounts = [{ Id: MANAGEMENT, Name: 'management', Email: 'management@bench.example', Status: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: rootId }];
  for (let i = 1; i < ACCOUNTS; i += 1) {
    const id = String(100000000000 + i);
    accountIds.push(id);
    const parent = i <= BIG_OU_ACCOUNTS ? ouId(2) : pick(ous).Id;
    accounts.push({ Id: id, Name: `account-${i}`, Email: `account-${i}@bench.example`, Status: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: parent });
  }
  const everyTarget = [rootId, ...ous.map((ou) => ou.Id), MANAGEMENT, ...accountIds];
  const scpCount = new Map<string, number>();
  const policies: Record<string, unknown>[] = [{
    PolicySummary: { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true },
    Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    Targets: everyTarget.map((TargetId) => ({ TargetId })),
  }];
  const services = ['s3', 'ec2', 'iam', 'kms', 'rds', 'lambda', 'dynamodb', 'sqs', 'sns', 'cloudtrail'];
  for (let i = 1; i < POLICIES; i += 1) {
    const isTag = i < TAG_POLICIES;
    const targets = new Set<string>();
    const wanted = 1 + Math.floor(rand() * 3);
    while (targets.size < wanted) {
      const target = pick(everyTarget);
      // At most 10 SCPs per target (MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED), FullAWSAccess included.
      if (!isTag && (scpCount.get(target) ?? 1) >= 10) continue;
      targets.add(target);
      if (!isTag) scpCount.set(target, (scpCount.get(target) ?? 1) + 1);
    }
    const content = isTag
      ? JSON.stringify({ tags: { [`costcenter${i}`]: { tag_key: { '@@assign': `CostCenter${i}` }, tag_value: { '@@assign': ['100', '200'] } } } })
      : JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Sid: `Deny${i}`, Effect: 'Deny', Action: [`${pick(services)}:Delete*`, `${pick(services)}:Put*Policy`], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }],
        });
    policies.push({
      PolicySummary: { Id: `p-bench${String(i).padStart(5, '0')}`, Name: `${isTag ? 'tag' : 'scp'}-${i}`, Description: '', Type: isTag ? 'TAG_POLICY' : 'SERVICE_CONTROL_POLICY', AwsManaged: false },
      Content: content,
      Targets: [...targets].map((TargetId) => ({ TargetId })),
    });
  }
  // One role per account, trusted by the management account, with AdministratorAccess.
  const adminArn = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const authorizationDetails: Record<string, unknown> = {};
  for (const id of [MANAGEMENT, ...accountIds]) {
    authorizationDetails[id] = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [{
        Path: '/', RoleName: 'OrganizationAccountAccessRole', Arn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }] },
        RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: adminArn }], Tags: [],
      }],
      Policies: [{
        PolicyName: 'AdministratorAccess', Arn: adminArn, Path: '/', DefaultVersionId: 'v1',
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      }],
    };
  }
  return {
    bundle: {
      Organization: { Id: 'o-benchmark01', FeatureSet: 'ALL', MasterAccountId: MANAGEMENT },
      Roots: [{ Id: rootId, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }, { Type: 'TAG_POLICY', Status: 'ENABLED' }] }],
      OrganizationalUnits: ous.map(({ depth: _depth, ...ou }) => ou),
      Accounts: accounts,
      Policies: policies,
      AuthorizationDetails: authorizationDetails,
    },
    bigOuId: ouId(2),
    parkingIds: [ouId(0), ouId(1)],
    probeAccount: accountIds[0],
  };
}

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
