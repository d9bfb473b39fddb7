// SCP action matrix benchmark: prints figures, asserts nothing. Run with `npx tsx test/bench/scp-matrix-bench.ts`.
// The account sits four OU levels deep with FullAWSAccess, a NotAction region guard and a protection SCP at every
// level plus an allow-list at one OU, and the matrix covers every action of the real IAM catalogue (~22,000).
// "cold" is the first matrix on a freshly compiled world; "warm" repeats it on the same world, as the UI does
// when the user changes the filter. The first line also pays for the JIT warming up in a fresh process.

import { performance } from 'node:perf_hooks';
import { getIamDataCatalog } from '../../server/catalog/iam-data-source';
import { scpActionMatrix } from '../../server/engine/analysis/scp-action-matrix';
import { compileWorld, type ContextEntry, type World } from '../../server/engine';

const ROOT = 'r-bnch';
const ACCOUNT = '900000000001';
const REPEATS = 10;

function doc(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function buildWorld(): World {
  const ous = ['ou-bnch-level001', 'ou-bnch-level002', 'ou-bnch-level003', 'ou-bnch-level004'];
  const world: World = {
    organization: { id: 'o-bench00001', managementAccountId: '900000000000', featureSet: 'ALL', enabledPolicyTypes: ['SCP'] },
    orgUnits: [{ id: ROOT, name: 'Root' }, ...ous.map((id, i) => ({ id, name: `Level ${i + 1}`, parentId: i === 0 ? ROOT : ous[i - 1] }))],
    accounts: [{ id: '900000000000', name: 'management', parentId: ROOT }, { id: ACCOUNT, name: 'workload', parentId: ous[3] }],
    policies: [
      { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
      {
        id: 'p-allowlist', name: 'AllowList', type: 'SCP',
        document: doc({ Effect: 'Allow', Action: ['ec2:*', 's3:*', 'iam:*', 'sts:*', 'kms:*', 'lambda:*', 'dynamodb:*', 'cloudwatch:*', 'logs:*', 'organizations:Describe*'], Resource: '*' }),
      },
    ],
    attachments: [],
    iam: {},
    resourcePolicies: [],
  };
  [ROOT, ...ous, ACCOUNT].forEach((target, level) => {
    if (target !== ous[1]) world.attachments.push({ policyId: 'p-FullAWSAccess', targetId: target });
    world.policies.push(
      {
        id: `p-region${level}`, name: `RegionGuard${level}`, type: 'SCP',
        document: doc({ Sid: 'DenyOutsideEu', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }),
      },
      {
        id: `p-protect${level}`, name: `Protect${level}`, type: 'SCP',
        document: doc(
          { Sid: 'ProtectTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Platform*' } } },
          { Sid: 'ProtectBuckets', Effect: 'Deny', Action: ['s3:DeleteBucket', 's3:PutBucketPolicy'], Resource: 'arn:aws:s3:::audit-*' },
        ),
      },
    );
    world.attachments.push({ policyId: `p-region${level}`, targetId: target }, { policyId: `p-protect${level}`, targetId: target });
  });
  world.attachments.push({ policyId: 'p-allowlist', targetId: ous[1] });
  return world;
}

const catalog = getIamDataCatalog();
let start = performance.now();
const actionCount = catalog.serviceKeys().reduce((sum, service) => sum + catalog.listActions(service).length, 0);
console.log(`catalogue: ${catalog.serviceKeys().length} services, ${actionCount} actions, loaded in ${(performance.now() - start).toFixed(0)} ms (once per process)`);

const runs: [label: string, context: ContextEntry[]][] = [
  ['no context, first matrix in the process (includes JIT warm-up)', []],
  ['no context', []],
  ['aws:RequestedRegion=us-east-1', [{ key: 'aws:RequestedRegion', values: ['us-east-1'], type: 'string' }]],
];
for (const [label, context] of runs) {
  const world = compileWorld(buildWorld());
  start = performance.now();
  const cold = scpActionMatrix(world, ACCOUNT, catalog, { context: [...context] });
  const coldMs = performance.now() - start;
  start = performance.now();
  for (let i = 0; i < REPEATS; i++) scpActionMatrix(world, ACCOUNT, catalog, { context: [...context] });
  const warmMs = (performance.now() - start) / REPEATS;
  const { allowed, denied, deniedExcept, allowedExcept, conditional, total } = cold.totals;
  console.log(`${label}: ${total} actions over ${cold.levels.length} levels, cold ${coldMs.toFixed(0)} ms, warm ${warmMs.toFixed(0)} ms`
    + ` (allowed ${allowed}, denied ${denied}, denied except ${deniedExcept}, allowed except ${allowedExcept}, conditional ${conditional})`);
}
