// The org-wide matrix against the one-account matrix (scpActionMatrix, which walks the evaluator's compiled
// statements per action) and against `evaluate`, on fixed and random organizations over the real IAM catalogue.
// Rules: orgs_manage_policies_scps_evaluation.html and orgs_manage_policies_rcps_evaluation.html (every level must
// allow, a Deny at any level wins), orgs_manage_policies_scps.html (the management account is not restricted),
// orgs_manage_policies_rcps.html (RCPs apply only to the RCP-supported services),
// orgs_manage_policies_scps_examples_general.html (region denies with NotAction, aws:PrincipalArn exemptions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '../../../../server/catalog/iam-data-source';
import { compileWorld, evaluate, type OrgPolicy, type World } from '../../../../server/engine';
import { scpActionMatrix } from '../../../../server/engine/analysis/scp-action-matrix';
import { countBits, sameBits } from '../../../../server/engine/analysis/org-matrix/bitset';
import { diffOrgMatrices } from '../../../../server/engine/analysis/org-matrix/matrix-diff';
import { buildOrgMatrix, CELL_CATEGORIES, type CellCategory, type OrgMatrix } from '../../../../server/engine/analysis/org-matrix/org-matrix';

const catalog = getIamDataCatalog();
const ORG = 'o-orgmatrix01';
const ROOT = 'r-omtx';
const MANAGEMENT = '400000000000';

function doc(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const FULL: OrgPolicy = { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) };
const RCP_FULL: OrgPolicy = { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RCP', awsManaged: true, document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) };

/** The policies random organizations draw from: the shapes of AWS's SCP and RCP examples. */
const POOL: OrgPolicy[] = [
  { id: 'p-allowlist', name: 'AllowList', type: 'SCP', document: doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:Describe*', 'iam:Get*', 'sts:*', 'kms:*'], Resource: '*' }) },
  { id: 'p-region', name: 'RegionGuard', type: 'SCP', document: doc({ Sid: 'DenyOutsideEu', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }) },
  { id: 'p-protect', name: 'ProtectTrail', type: 'SCP', document: doc({ Sid: 'ProtectTrail', Effect: 'Deny', Action: ['cloudtrail:Stop*', 'cloudtrail:Delete*', 'ec2:RunInstances'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass*' } } }) },
  { id: 'p-contractors', name: 'DenyContractors', type: 'SCP', document: doc({ Sid: 'NoContractorDeletes', Effect: 'Deny', Action: ['s3:Delete*'], Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Contractor*' } } }) },
  { id: 'p-denylist', name: 'DenyList', type: 'SCP', document: doc({ Sid: 'NoLeaving', Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'iam:CreateUser', 'ec2:*Vpc*'], Resource: '*' }) },
  { id: 'p-buckets', name: 'ProtectBuckets', type: 'SCP', document: doc({ Sid: 'AuditBuckets', Effect: 'Deny', Action: ['s3:DeleteBucket', 's3:PutBucketPolicy', 'sqs:DeleteQueue'], Resource: 'arn:aws:s3:::audit-*' }) },
  { id: 'p-platform-only', name: 'PlatformOnlyIam', type: 'SCP', document: doc({ Sid: 'PlatformIam', Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Platform*' } } }) },
  { id: 'p-account-guard', name: 'AccountGuard', type: 'SCP', document: doc({ Sid: 'NotInSandbox', Effect: 'Deny', Action: ['ec2:RunInstances', 'lambda:CreateFunction'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ['400000000002'] } } }) },
  { id: 'p-rcp-org', name: 'RcpOrgOnly', type: 'RCP', document: doc({ Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } }) },
  { id: 'p-rcp-tls', name: 'RcpTls', type: 'RCP', document: doc({ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }) },
  { id: 'p-rcp-deny', name: 'RcpNoKmsDelete', type: 'RCP', document: doc({ Sid: 'KeepKeys', Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion', 'ec2:TerminateInstances'], Resource: '*' }) },
];

interface Shape {
  /** Parent index of each OU (-1: the root); always an earlier OU. */
  parents: number[];
  /** Parent OU index of each member account (-1: the root). */
  accountParents: number[];
  /** Per target (root, OUs, accounts, in that order): FullAWSAccess kept, and pool policies attached. */
  targets: { full: boolean; pool: number[] }[];
}

function worldOf(shape: Shape): World {
  const ouId = (i: number) => (i < 0 ? ROOT : `ou-omtx-${String(i).padStart(8, '0')}`);
  const accountId = (i: number) => String(400000000001 + i);
  const targetIds = [ROOT, ...shape.parents.map((_, i) => ouId(i)), ...shape.accountParents.map((_, i) => accountId(i))];
  const world: World = {
    organization: { id: ORG, managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['SCP', 'RCP'] },
    orgUnits: [{ id: ROOT, name: 'Root' }, ...shape.parents.map((parent, i) => ({ id: ouId(i), name: `OU ${i}`, parentId: ouId(parent) }))],
    accounts: [{ id: MANAGEMENT, name: 'management', parentId: ROOT }, ...shape.accountParents.map((parent, i) => ({ id: accountId(i), name: `account-${i}`, parentId: ouId(parent) }))],
    policies: [FULL, RCP_FULL, ...POOL],
    attachments: [{ policyId: FULL.id, targetId: MANAGEMENT }, { policyId: RCP_FULL.id, targetId: MANAGEMENT }],
    iam: {},
    resourcePolicies: [],
  };
  targetIds.forEach((targetId, t) => {
    const target = shape.targets[t] ?? { full: true, pool: [] };
    if (target.full) world.attachments.push({ policyId: FULL.id, targetId });
    world.attachments.push({ policyId: RCP_FULL.id, targetId });
    for (const p of new Set(target.pool)) world.attachments.push({ policyId: POOL[p].id, targetId });
  });
  for (const account of world.accounts) {
    const role = (name: string) => ({
      arn: `arn:aws:iam::${account.id}:role/${name}`, name, path: '/', trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }),
      attachedPolicyArns: [], inlinePolicies: [{ name: 'admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }], tags: [],
    });
    world.iam[account.id] = { users: [], groups: [], managedPolicies: [], roles: [role('Worker')] };
  }
  return world;
}

/** The one-account matrix's answer in the org matrix's categories. */
function expectedCategory(decision: string, deniedKind: string | undefined): CellCategory {
  return decision === 'denied' ? (deniedKind as CellCategory) : (decision as CellCategory);
}

/** Every cell of every account, both sides, equals the one-account matrix's. Returns the number of cells compared. */
function expectSameAsOneAccountMatrix(matrix: OrgMatrix, accountIds?: string[]): number {
  let compared = 0;
  for (const account of matrix.accounts) {
    if (accountIds && !accountIds.includes(account.accountId)) continue;
    for (const [side, policyType] of [['scp', 'SCP'], ['rcp', 'RCP']] as const) {
      const one = scpActionMatrix(matrix.world, account.accountId, catalog, { policyType });
      for (const service of one.services) {
        for (const row of service.actions) {
          const got = matrix.category(account.accountId, row.action, side);
          if (got !== expectedCategory(row.decision, row.deniedBy?.kind)) {
            expect({ account: account.accountId, side, action: row.action, got }).toEqual({ account: account.accountId, side, action: row.action, got: expectedCategory(row.decision, row.deniedBy?.kind) });
          }
          compared++;
        }
      }
    }
  }
  return compared;
}

const FIXED: Shape = {
  // Root > Workloads (0) > Prod (1); Root > Sandbox (2)
  parents: [-1, 0, -1],
  accountParents: [1, 1, 2, 0],
  targets: [
    { full: true, pool: [8, 10] }, // root: RCPs deny outside the org, keep KMS keys
    { full: true, pool: [1] }, // Workloads: region guard
    { full: false, pool: [0, 2] }, // Prod: allow-list instead of FullAWSAccess, trail protection with a BreakGlass exemption
    { full: true, pool: [4] }, // Sandbox: deny-list
    { full: true, pool: [] }, // account 0
    { full: true, pool: [] }, // account 1 (same chain as account 0)
    { full: true, pool: [7, 3] }, // account 2 (400000000003): account guard (names 400000000002, so not this one), contractors
    { full: true, pool: [5] }, // account 3: audit buckets (specific resources)
  ],
};

describe('org-wide matrix', () => {
  const world = compileWorld(worldOf(FIXED));
  const matrix = buildOrgMatrix(world, catalog);

  it('puts each cell in the category AWS documents', () => {
    const prod = '400000000001';
    expect(matrix.category(prod, 'organizations:LeaveOrganization')).toBe('noAllow'); // not on Prod's allow-list
    expect(matrix.category(prod, 'iam:GetRole')).toBe('allowed'); // on the allow-list, outside the region guard
    expect(matrix.category(prod, 's3:GetObject')).toBe('conditional'); // region guard
    expect(matrix.category('400000000003', 'organizations:LeaveOrganization')).toBe('explicitDeny');
    expect(matrix.category('400000000003', 's3:DeleteObject', 'scp')).toBe('allowedExcept'); // denied to Contractor* roles only
    expect(matrix.category('400000000003', 'iam:CreateUser')).toBe('explicitDeny');
    expect(matrix.category('400000000004', 'iam:ListRoles')).toBe('allowed');
    expect(matrix.category('400000000004', 's3:DeleteBucket')).toBe('conditional'); // region guard and audit-* buckets
    expect(matrix.category(MANAGEMENT, 'organizations:LeaveOrganization')).toBe('allowed');
    expect(matrix.account(MANAGEMENT)?.scpNote).toBe('management account: SCPs do not apply');
    // RCP side: only RCP-supported services; the org-only deny never applies to the organization's own principals.
    expect(matrix.category(prod, 'kms:ScheduleKeyDeletion', 'rcp')).toBe('explicitDeny');
    expect(matrix.category(prod, 'ec2:TerminateInstances', 'rcp')).toBe('allowed'); // ec2 is not an RCP service
    expect(matrix.category(prod, 's3:GetObject', 'rcp')).toBe('allowed');
  });

  it('names exemption patterns: denied except for principals matching', () => {
    const sandboxWorld = compileWorld(worldOf({ ...FIXED, targets: FIXED.targets.map((target, t) => (t === 3 ? { full: true, pool: [2] } : target)) }));
    const sandbox = buildOrgMatrix(sandboxWorld, catalog);
    expect(sandbox.category('400000000003', 'cloudtrail:StopLogging')).toBe('deniedExcept');
    expect(sandbox.category('400000000003', 's3:DeleteBucket')).toBe('allowedExcept'); // contractors only
  });

  it('computes identical chains once', () => {
    expect(matrix.account('400000000001')!.scp).toBe(matrix.account('400000000002')!.scp);
    expect(matrix.account('400000000001')!.scpChainKey).toBe(matrix.account('400000000002')!.scpChainKey);
    expect(matrix.stats.distinctScpChains).toBe(4); // management (none) + three distinct chains
  });

  it('keeps the categories disjoint and complete', () => {
    for (const account of matrix.accounts) {
      for (const side of ['scp', 'rcp'] as const) {
        const total = CELL_CATEGORIES.reduce((sum, category) => sum + countBits(account[side][category]), 0);
        expect(total).toBe(matrix.index.size);
      }
    }
  });

  it('agrees with the one-account matrix on every cell', () => {
    expect(expectSameAsOneAccountMatrix(matrix)).toBe(matrix.accounts.length * 2 * matrix.index.size);
  });

  it('after an edit, the matrix built from the previous one equals a full rebuild, and the diff lists the flips', () => {
    const edited = worldOf(FIXED);
    edited.policies = edited.policies.map((policy) => (policy.id === 'p-denylist' ? { ...policy, document: doc({ Sid: 'NoLeaving', Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'ec2:RunInstances'], Resource: '*' }) } : policy));
    const recompiled = compileWorld(edited, world);
    const incremental = buildOrgMatrix(recompiled, catalog, {}, matrix);
    const full = buildOrgMatrix(recompiled, catalog);
    expect(incremental.stats.chainsComputed).toBe(1);
    for (const account of full.accounts) {
      for (const category of CELL_CATEGORIES) expect(sameBits(incremental.account(account.accountId)!.scp[category], account.scp[category])).toBe(true);
    }
    const diff = diffOrgMatrices(matrix, incremental);
    expect(diff.changedAccounts).toBe(1);
    const [transition] = diff.transitions;
    expect(transition.accountIds).toEqual(['400000000003']);
    expect(transition.actions).toContainEqual({ action: 'ec2:RunInstances', before: 'allowed', after: 'explicitDeny' });
    expect(transition.actions).toContainEqual({ action: 'iam:CreateUser', before: 'explicitDeny', after: 'allowed' });
    const ec2 = transition.services.find((service) => service.service === 'ec2')!;
    expect(ec2.becameDenied).toBeGreaterThan(0);
  });

  it('a move changes the moved account only', () => {
    const moved = worldOf({ ...FIXED, accountParents: [1, 1, 2, 2] });
    const after = buildOrgMatrix(compileWorld(moved, world), catalog, {}, matrix);
    const diff = diffOrgMatrices(matrix, after, { maxActions: 100_000 });
    expect(diff.transitions.flatMap((transition) => transition.accountIds)).toEqual(['400000000004']);
    expect(diff.transitions[0].actions).toContainEqual({ action: 'organizations:LeaveOrganization', before: 'allowed', after: 'explicitDeny' });
  });
});

const shapeArb: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 5 }).chain((ouCount) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: ouCount }, (_, i) => fc.integer({ min: -1, max: i - 1 }))),
    accountParents: fc.array(fc.integer({ min: -1, max: ouCount - 1 }), { minLength: 1, maxLength: 4 }),
    targets: fc.array(fc.record({ full: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), pool: fc.array(fc.integer({ min: 0, max: POOL.length - 1 }), { maxLength: 3 }) }), { minLength: 10, maxLength: 10 }),
  }),
).map((shape) => ({ ...shape, parents: [...shape.parents] }));

describe('org-wide matrix properties', () => {
  it('every cell of random organizations equals the one-account matrix', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const matrix = buildOrgMatrix(compileWorld(worldOf(shape)), catalog);
        expectSameAsOneAccountMatrix(matrix, [matrix.accounts[1 + (shape.accountParents.length - 1)].accountId]);
      }),
      { numRuns: 12 },
    );
  });

  it('a matrix built from the previous one equals a full rebuild after moves, attachments, new and removed OUs and accounts', () => {
    fc.assert(
      fc.property(shapeArb, shapeArb, (from, to) => {
        const before = compileWorld(worldOf(from));
        const previous = buildOrgMatrix(before, catalog);
        const after = compileWorld(worldOf(to), before);
        const incremental = buildOrgMatrix(after, catalog, {}, previous);
        const full = buildOrgMatrix(after, catalog);
        expect(incremental.accounts.map((account) => account.accountId)).toEqual(full.accounts.map((account) => account.accountId));
        for (const account of full.accounts) {
          const kept = incremental.account(account.accountId)!;
          for (const side of ['scp', 'rcp'] as const) {
            for (const category of CELL_CATEGORIES) expect(sameBits(kept[side][category], account[side][category]), `${account.accountId} ${side} ${category}`).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('random cells agree with evaluate for a principal the patterns do not name', () => {
    const actionIndex = fc.integer({ min: 0, max: catalog.serviceKeys().reduce((sum, service) => sum + catalog.listActions(service).length, 0) - 1 });
    fc.assert(
      fc.property(shapeArb, fc.array(fc.tuple(fc.nat(), actionIndex), { minLength: 20, maxLength: 20 }), (shape, cells) => {
        const world = compileWorld(worldOf(shape));
        const matrix = buildOrgMatrix(world, catalog);
        for (const [accountPick, index] of cells) {
          const account = matrix.accounts[accountPick % matrix.accounts.length];
          const action = matrix.index.actions[index].id;
          const result = evaluate(world, { principalArn: `arn:aws:iam::${account.accountId}:role/Worker`, action, resource: '*', context: [] });
          for (const side of ['scp', 'rcp'] as const) {
            const category = matrix.category(account.accountId, action, side)!;
            const levels = result.trace.filter((entry) => entry.layer === side);
            const denied = levels.some((entry) => entry.outcome === 'deny');
            const missing = levels.some((entry) => entry.outcome === 'noMatch');
            const where = `${side} ${account.accountId} ${action} ${category}`;
            if (category === 'explicitDeny') expect(denied, where).toBe(true);
            // A level without an Allow; the trace shows "deny" instead when a Deny on a key the request left out matches
            // too (absent keys satisfy negated operators) and the level's entry records the Deny.
            else if (category === 'noAllow') expect(missing || denied, where).toBe(true);
            else if (category === 'deniedExcept') expect(denied || missing, where).toBe(true);
            else if (category === 'allowed' || category === 'allowedExcept') expect(denied || missing, where).toBe(false);
            else {
              // Conditional: open request keys (the evaluator lists them) or statements on specific resources.
              const one = scpActionMatrix(world, account.accountId, catalog, { services: [action.split(':')[0]], policyType: side === 'scp' ? 'SCP' : 'RCP' });
              const row = one.services[0].actions.find((entry) => entry.action === action)!;
              expect(result.missingContextValues.length > 0 || row.dependsOn?.resourceSpecific === true, where).toBe(true);
            }
          }
        }
      }),
      { numRuns: Number(process.env.LZSIM_MATRIX_RUNS ?? 15) },
    );
  });
});
