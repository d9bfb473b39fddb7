// The SCP action matrix over small worlds and the real IAM catalogue.
// Rules: orgs_manage_policies_scps_evaluation.html (every level must allow, a Deny at any level wins),
// orgs_manage_policies_scps.html (management account and consolidated billing are not restricted),
// orgs_manage_policies_scps_examples_general.html (the region-restriction example with NotAction).
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '../../../../server/catalog/iam-data-source';
import { compileWorld, evaluate, type ContextEntry, type OrgPolicy, type World } from '../../../../server/engine';
import {
  MatrixInputError, scpActionMatrix, type MatrixAction, type ScpActionMatrix,
} from '../../../../server/engine/analysis/scp-action-matrix';

const catalog = getIamDataCatalog();
const ORG = 'o-matrix0001';
const ROOT = 'r-mtrx';
const OU = 'ou-mtrx-workload';
const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';

function doc(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const FULL_ACCESS: OrgPolicy = {
  id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
};

/** Root > OU > member account, FullAWSAccess everywhere, plus `extra` policies attached where given. */
function buildWorld(extra: { policy: OrgPolicy; targetId: string }[] = [], overrides: Partial<World> = {}, fullAccessAt = [ROOT, OU, MEMBER, MANAGEMENT]): World {
  return {
    organization: { id: ORG, managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['SCP'] },
    orgUnits: [{ id: ROOT, name: 'Root' }, { id: OU, name: 'Workloads', parentId: ROOT }],
    accounts: [
      { id: MANAGEMENT, name: 'management', parentId: ROOT },
      { id: MEMBER, name: 'app-prod', parentId: OU },
    ],
    policies: [FULL_ACCESS, ...extra.map((entry) => entry.policy)],
    attachments: [
      ...fullAccessAt.map((targetId) => ({ policyId: FULL_ACCESS.id, targetId })),
      ...extra.map(({ policy, targetId }) => ({ policyId: policy.id, targetId })),
    ],
    iam: {},
    resourcePolicies: [],
    ...overrides,
  };
}

function region(value: string): ContextEntry {
  return { key: 'aws:RequestedRegion', values: [value], type: 'string' };
}

function row(matrix: ScpActionMatrix, action: string): MatrixAction {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const found = matrix.services.find((entry) => entry.service === service)?.actions.find((entry) => entry.action === action);
  if (!found) throw new Error(`${action} is not in the matrix`);
  return found;
}

const REGION_GUARD: OrgPolicy = {
  id: 'p-regionguard', name: 'RegionGuard', type: 'SCP',
  document: doc({
    Sid: 'DenyOutsideEu', Effect: 'Deny',
    NotAction: ['iam:*', 'sts:*', 'organizations:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
  }),
};

describe('scpActionMatrix: region guard written with NotAction', () => {
  const world = compileWorld(buildWorld([{ policy: REGION_GUARD, targetId: OU }]));

  it('without a region in the context, actions the guard covers depend on aws:RequestedRegion; exempted ones are allowed', () => {
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['s3', 'iam'] });
    expect(matrix.appliesScps).toBe(true);
    expect(row(matrix, 's3:GetObject')).toEqual({
      action: 's3:GetObject', accessLevel: 'Read', decision: 'conditional',
      dependsOn: { conditionKeys: ['aws:RequestedRegion'], resourceSpecific: false },
    });
    expect(row(matrix, 'iam:CreateUser').decision).toBe('allowed');
    const s3 = matrix.services.find((entry) => entry.service === 's3')!;
    expect(s3.conditional).toBe(s3.total);
    const iam = matrix.services.find((entry) => entry.service === 'iam')!;
    expect(iam.allowed).toBe(iam.total);
    expect(matrix.totals.total).toBe(s3.total + iam.total);
  });

  it('a region outside the list denies every covered action and names the OU, the SCP and the statement', () => {
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['s3', 'iam'], context: [region('us-east-1')] });
    expect(row(matrix, 's3:GetObject')).toEqual({
      action: 's3:GetObject', accessLevel: 'Read', decision: 'denied',
      deniedBy: {
        kind: 'explicitDeny', level: { targetId: OU, targetName: 'Workloads', kind: 'ou' },
        policyId: 'p-regionguard', policyName: 'RegionGuard', statementIndex: 0, sid: 'DenyOutsideEu',
      },
    });
    expect(row(matrix, 'iam:CreateUser').decision).toBe('allowed');
    expect(matrix.services.find((entry) => entry.service === 's3')!.denied).toBe(catalog.listActions('s3').length);
  });

  it('an allowed region leaves every action allowed', () => {
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['s3'], context: [region('EU-WEST-1'.toLowerCase())] });
    expect(matrix.totals.allowed).toBe(matrix.totals.total);
    expect(matrix.levels.map((level) => level.targetId)).toEqual([ROOT, OU, MEMBER]);
  });
});

describe('scpActionMatrix: allow-list at an OU', () => {
  const allowList: OrgPolicy = {
    id: 'p-allowlist', name: 'AllowComputeAndStorage', type: 'SCP',
    document: doc({ Effect: 'Allow', Action: ['ec2:*', 's3:*'], Resource: '*' }),
  };
  // The OU keeps only the allow-list: FullAWSAccess is detached there (the allow-list strategy).
  const world = compileWorld(buildWorld([{ policy: allowList, targetId: OU }], {}, [ROOT, MEMBER, MANAGEMENT]));

  it('a service missing from the list is denied at the OU for lack of an Allow', () => {
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['lambda', 's3', 'ec2'] });
    const lambda = matrix.services.find((entry) => entry.service === 'lambda')!;
    expect(lambda.denied).toBe(lambda.total);
    expect(lambda.total).toBe(catalog.listActions('lambda').length);
    expect(row(matrix, 'lambda:InvokeFunction').deniedBy).toEqual({ kind: 'noAllow', level: { targetId: OU, targetName: 'Workloads', kind: 'ou' } });
    for (const service of ['s3', 'ec2']) {
      const entry = matrix.services.find((candidate) => candidate.service === service)!;
      expect(entry.allowed).toBe(entry.total);
    }
    expect(matrix.services.map((entry) => entry.service)).toEqual(['ec2', 'lambda', 's3']);
  });

  it('an account-level allow-list narrows further: the first level without an Allow is named', () => {
    const accountList: OrgPolicy = { id: 'p-s3only', name: 'S3Only', type: 'SCP', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) };
    const narrowed = compileWorld(buildWorld([{ policy: allowList, targetId: OU }, { policy: accountList, targetId: MEMBER }], {}, [ROOT, MANAGEMENT]));
    const matrix = scpActionMatrix(narrowed, MEMBER, catalog, { services: ['ec2', 'lambda', 's3'] });
    expect(row(matrix, 'ec2:RunInstances').deniedBy?.level.targetId).toBe(MEMBER);
    expect(row(matrix, 'lambda:InvokeFunction').deniedBy?.level.targetId).toBe(OU);
    expect(row(matrix, 's3:PutObject').decision).toBe('allowed');
  });
});

describe('scpActionMatrix: conditions and specific resources make an answer conditional', () => {
  it('a Deny exempting principals by aws:PrincipalArn is "denied except for principals matching" the pattern, not conditional', () => {
    const protectTrail: OrgPolicy = {
      id: 'p-trail', name: 'ProtectTrail', type: 'SCP',
      document: doc({ Sid: 'ProtectTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Platform*' } } }),
    };
    const world = compileWorld(buildWorld([{ policy: protectTrail, targetId: ROOT }]));
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['cloudtrail'], context: [region('eu-west-1')] });
    expect(row(matrix, 'cloudtrail:StopLogging')).toEqual({
      action: 'cloudtrail:StopLogging', accessLevel: 'Write', decision: 'deniedExcept',
      deniedBy: { kind: 'explicitDeny', level: { targetId: ROOT, targetName: 'Root', kind: 'root' }, policyId: 'p-trail', policyName: 'ProtectTrail', statementIndex: 0, sid: 'ProtectTrail' },
      exceptions: [{
        principals: 'aws:PrincipalArn like arn:aws:iam::*:role/Platform*',
        level: { targetId: ROOT, targetName: 'Root', kind: 'root' }, policyId: 'p-trail', policyName: 'ProtectTrail', statementIndex: 0, sid: 'ProtectTrail',
      }],
    });
    expect(row(matrix, 'cloudtrail:DescribeTrails').decision).toBe('allowed');
    const cloudtrail = matrix.services[0];
    expect(cloudtrail).toMatchObject({ deniedExcept: 2, conditional: 0, allowed: cloudtrail.total - 2 });
  });

  it('a Deny aimed at tagged principals is "allowed except" for them; an allow-list for some principals is "denied except"', () => {
    const policies: OrgPolicy[] = [
      { id: 'p-contractors', name: 'NoContractorDeletes', type: 'SCP', document: doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'contractors' } } }) },
      { id: 'p-opsonly', name: 'Ec2ForOps', type: 'SCP', document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ops-*' } } }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }) },
    ];
    const world = compileWorld(buildWorld([{ policy: policies[0], targetId: OU }, { policy: policies[1], targetId: MEMBER }], {}, [ROOT, OU, MANAGEMENT]));
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['s3', 'ec2'] });
    expect(row(matrix, 's3:DeleteBucket')).toMatchObject({ decision: 'allowedExcept', exceptions: [{ principals: 'aws:PrincipalTag/team = contractors', policyId: 'p-contractors' }] });
    expect(row(matrix, 's3:GetObject').decision).toBe('allowed');
    expect(row(matrix, 'ec2:RunInstances')).toMatchObject({
      decision: 'deniedExcept', deniedBy: { kind: 'noAllow', level: { targetId: MEMBER } },
      exceptions: [{ principals: 'aws:PrincipalArn like arn:aws:iam::*:role/ops-*', policyId: 'p-opsonly' }],
    });
  });

  it('conditions on keys the account itself fixes (aws:PrincipalOrgID, aws:PrincipalAccount) are settled', () => {
    const orgOnly: OrgPolicy = {
      id: 'p-orgonly', name: 'DenyOutsideOrg', type: 'SCP',
      document: doc(
        { Sid: 'NeverForUs', Effect: 'Deny', Action: 'sqs:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } } },
        { Sid: 'AlwaysForUs', Effect: 'Deny', Action: 'sns:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': MEMBER } } },
      ),
    };
    const world = compileWorld(buildWorld([{ policy: orgOnly, targetId: OU }]));
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['sqs', 'sns'] });
    expect(row(matrix, 'sqs:SendMessage').decision).toBe('allowed');
    expect(row(matrix, 'sns:Publish')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'explicitDeny', sid: 'AlwaysForUs' } });
  });

  it('an Allow limited to one bucket is conditional for actions on resources and denies actions that only take "*"', () => {
    const bucketOnly: OrgPolicy = {
      id: 'p-bucket', name: 'OneBucket', type: 'SCP', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] }),
    };
    const world = compileWorld(buildWorld([{ policy: bucketOnly, targetId: MEMBER }], {}, [ROOT, OU, MANAGEMENT]));
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['s3'] });
    expect(row(matrix, 's3:GetObject')).toMatchObject({ decision: 'conditional', dependsOn: { conditionKeys: [], resourceSpecific: true } });
    // s3:ListAllMyBuckets has no resource types: AWS asks for it on "*", which the bucket ARNs do not cover.
    expect(row(matrix, 's3:ListAllMyBuckets')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'noAllow', level: { targetId: MEMBER } } });
  });

  it('an unconditional Deny wins over a conditional one and over a missing Allow further down', () => {
    const policies: OrgPolicy[] = [
      { id: 'p-cond', name: 'CondDeny', type: 'SCP', document: doc({ Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }) },
      { id: 'p-hard', name: 'HardDeny', type: 'SCP', document: doc({ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }) },
    ];
    const world = compileWorld(buildWorld([{ policy: policies[0], targetId: ROOT }, { policy: policies[1], targetId: OU }], {}, [ROOT, OU, MANAGEMENT]));
    const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['kms'] });
    expect(row(matrix, 'kms:ScheduleKeyDeletion')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'explicitDeny', policyName: 'HardDeny' } });
    // The account level has no SCP at all: every other kms action lacks an Allow there.
    expect(row(matrix, 'kms:Decrypt')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'noAllow', level: { targetId: MEMBER, kind: 'account' } } });
  });
});

describe('scpActionMatrix: accounts SCPs do not restrict', () => {
  const denyAll: OrgPolicy = { id: 'p-denyall', name: 'DenyAll', type: 'SCP', document: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) };

  it('the management account: appliesScps false, the reason, every action allowed', () => {
    const world = compileWorld(buildWorld([{ policy: denyAll, targetId: ROOT }]));
    const matrix = scpActionMatrix(world, MANAGEMENT, catalog, { services: ['s3'] });
    expect(matrix).toMatchObject({ accountId: MANAGEMENT, accountName: 'management', appliesScps: false, note: 'management account: SCPs do not apply', levels: [] });
    expect(matrix.totals.allowed).toBe(catalog.listActions('s3').length);
    // The same policy does restrict a member.
    expect(scpActionMatrix(world, MEMBER, catalog, { services: ['s3'] }).totals.denied).toBe(catalog.listActions('s3').length);
  });

  it('consolidated billing, SCPs not enabled, an account outside the organization, no organization', () => {
    const cases: [Partial<World>, string, string][] = [
      [{ organization: { id: ORG, managementAccountId: MANAGEMENT, featureSet: 'CONSOLIDATED_BILLING', enabledPolicyTypes: [] } }, MEMBER, 'consolidated billing'],
      [{ organization: { id: ORG, managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['RCP'] } }, MEMBER, 'not enabled'],
      [{ accounts: [{ id: MEMBER, name: 'app-prod', parentId: OU }, { id: '333333333333', name: 'partner' }] }, '333333333333', 'outside the organization'],
      [{ organization: undefined }, MEMBER, 'no organization'],
    ];
    for (const [overrides, accountId, reason] of cases) {
      const matrix = scpActionMatrix(compileWorld(buildWorld([{ policy: denyAll, targetId: ROOT }], overrides)), accountId, catalog, { services: ['sqs'] });
      expect(matrix.appliesScps, reason).toBe(false);
      expect(matrix.note).toContain(reason);
      expect(matrix.totals.denied).toBe(0);
    }
  });
});

/** A role of the member account, for matrices resolved for one principal. */
function role(name: string, tags: { key: string; value: string }[] = [], path = '/') {
  return { arn: `arn:aws:iam::${MEMBER}:role${path}${name}`, name, path, trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: 'sts:AssumeRole' }), attachedPolicyArns: [], inlinePolicies: [], tags };
}

const GUARD_WITH_BREAK_GLASS: OrgPolicy = {
  id: 'p-guard', name: 'RegionGuard', type: 'SCP',
  document: doc({
    Sid: 'DenyOutsideEu', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } },
  }),
};

describe('scpActionMatrix: a region guard with a break-glass exemption, for the account and for one principal', () => {
  const world = compileWorld(buildWorld([{ policy: GUARD_WITH_BREAK_GLASS, targetId: OU }], {
    iam: { [MEMBER]: { users: [], groups: [], managedPolicies: [], roles: [role('BreakGlass'), role('app'), role('AWSServiceRoleForSupport', [], '/aws-service-role/support.amazonaws.com/')] } },
  }));
  const services = ['s3', 'iam'];

  it('the region changes the totals as the decisions change: conditional on the region, denied except break-glass, allowed', () => {
    const none = scpActionMatrix(world, MEMBER, catalog, { services });
    const s3Total = catalog.listActions('s3').length;
    const iamTotal = catalog.listActions('iam').length;
    // Without a region the request's own key decides; the principal exemption is not a condition of the account.
    expect(row(none, 's3:GetObject')).toMatchObject({ decision: 'conditional', dependsOn: { conditionKeys: ['aws:RequestedRegion'] } });
    expect(none.totals).toMatchObject({ conditional: s3Total, allowed: iamTotal, deniedExcept: 0 });
    const outside = scpActionMatrix(world, MEMBER, catalog, { services, context: [region('us-east-1')] });
    expect(row(outside, 's3:GetObject')).toMatchObject({ decision: 'deniedExcept', exceptions: [{ principals: 'aws:PrincipalArn like arn:aws:iam::*:role/BreakGlass', sid: 'DenyOutsideEu' }] });
    expect(outside.totals).toMatchObject({ deniedExcept: s3Total, allowed: iamTotal, conditional: 0, denied: 0 });
    const inside = scpActionMatrix(world, MEMBER, catalog, { services, context: [region('eu-west-1')] });
    expect(inside.totals).toMatchObject({ allowed: s3Total + iamTotal, deniedExcept: 0, conditional: 0 });
  });

  it('resolved for a principal: the break-glass role is allowed outside the EU, any other role denied', () => {
    const context = [region('us-east-1')];
    const breakGlass = scpActionMatrix(world, MEMBER, catalog, { services, context, principalArn: `arn:aws:iam::${MEMBER}:role/BreakGlass` });
    expect(breakGlass.principalArn).toBe(`arn:aws:iam::${MEMBER}:role/BreakGlass`);
    expect(breakGlass.totals.allowed).toBe(breakGlass.totals.total);
    const app = scpActionMatrix(world, MEMBER, catalog, { services, context, principalArn: `arn:aws:iam::${MEMBER}:role/app` });
    expect(row(app, 's3:GetObject')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'explicitDeny', sid: 'DenyOutsideEu' } });
    expect(app.totals).toMatchObject({ denied: catalog.listActions('s3').length, deniedExcept: 0, conditional: 0 });
    // A session ARN is resolved to its role; the root user has its own ARN and no exemption.
    const session = scpActionMatrix(world, MEMBER, catalog, { services: ['s3'], context, principalArn: `arn:aws:sts::${MEMBER}:assumed-role/BreakGlass/alice` });
    expect(session.totals.allowed).toBe(session.totals.total);
    expect(scpActionMatrix(world, MEMBER, catalog, { services: ['s3'], context, principalArn: `arn:aws:iam::${MEMBER}:root` }).totals.denied).toBe(session.totals.total);
  });

  it('a service-linked role is not restricted by SCPs; an unknown principal or one of another account is refused', () => {
    const linked = scpActionMatrix(world, MEMBER, catalog, { services: ['s3'], principalArn: `arn:aws:iam::${MEMBER}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport` });
    expect(linked).toMatchObject({ appliesScps: false, note: 'service-linked role: SCPs do not apply' });
    expect(() => scpActionMatrix(world, MEMBER, catalog, { services: ['s3'], principalArn: `arn:aws:iam::${MEMBER}:role/ghost` })).toThrow(/NoSuchEntity/);
    expect(() => scpActionMatrix(world, MEMBER, catalog, { services: ['s3'], principalArn: `arn:aws:iam::${MANAGEMENT}:root` })).toThrow(/InvalidInputException: .*not 222222222222/);
  });

  it('agrees with the evaluator\'s Organizations verdict for each principal, region by region', () => {
    for (const principalArn of [`arn:aws:iam::${MEMBER}:role/BreakGlass`, `arn:aws:iam::${MEMBER}:role/app`]) {
      for (const name of ['us-east-1', 'eu-central-1']) {
        const context = [region(name)];
        const matrix = scpActionMatrix(world, MEMBER, catalog, { services: ['s3', 'iam'], context, principalArn });
        for (const service of matrix.services) {
          for (const entry of service.actions) {
            const result = evaluate(world, { principalArn, action: entry.action, resource: '*', context });
            const allowedByOrganizations = result.trace.filter((layer) => layer.layer === 'scp').every((layer) => layer.outcome === 'allow');
            expect(entry.decision === 'allowed', `${principalArn} ${entry.action} in ${name}`).toBe(allowedByOrganizations);
          }
        }
      }
    }
  });
});

describe('scpActionMatrix: input errors', () => {
  const world = compileWorld(buildWorld());

  it('an unknown account is AccountNotFoundException', () => {
    expect(() => scpActionMatrix(world, '999999999999', catalog)).toThrow(MatrixInputError);
    expect(() => scpActionMatrix(world, '999999999999', catalog)).toThrow(/AccountNotFoundException: account 999999999999/);
  });

  it('an unknown service prefix is InvalidInputException naming it; known ones are case-insensitive', () => {
    expect(() => scpActionMatrix(world, MEMBER, catalog, { services: ['s3', 'nosuchservice'] })).toThrow(/InvalidInputException: .*"nosuchservice"/);
    expect(scpActionMatrix(world, MEMBER, catalog, { services: ['S3', 's3'] }).services.map((entry) => entry.service)).toEqual(['s3']);
  });
});

describe('scpActionMatrix agrees with the evaluator wherever it gives a definite answer', () => {
  // The account's root user with resource "*": no identity or resource policy is needed, RCPs are off, so the
  // evaluator's decision is the SCP chain's. Every definite row must match it.
  const guardrails: OrgPolicy[] = [
    REGION_GUARD,
    { id: 'p-allowlist', name: 'AllowList', type: 'SCP', document: doc({ Effect: 'Allow', Action: ['ec2:*', 's3:*', 'iam:*', 'kms:*', 'cloudtrail:*'], Resource: '*' }) },
    { id: 'p-noleave', name: 'NoLeaving', type: 'SCP', document: doc({ Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'iam:Create*'], Resource: '*' }) },
    { id: 'p-bucket', name: 'Bucket', type: 'SCP', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' }, { Effect: 'Allow', Action: ['ec2:*', 'iam:*', 'kms:*', 'organizations:*'], Resource: '*' }) },
  ];
  const world = compileWorld(buildWorld([
    { policy: guardrails[0], targetId: ROOT },
    { policy: guardrails[1], targetId: OU },
    { policy: guardrails[2], targetId: OU },
    { policy: guardrails[3], targetId: MEMBER },
  ], {}, [ROOT, MANAGEMENT]));

  for (const regionName of ['eu-west-1', 'us-east-1']) {
    it(`in ${regionName}`, () => {
      const context = [region(regionName)];
      const services = ['s3', 'ec2', 'iam', 'kms', 'cloudtrail', 'organizations', 'lambda'];
      const matrix = scpActionMatrix(world, MEMBER, catalog, { services, context });
      let compared = 0;
      for (const service of matrix.services) {
        for (const entry of service.actions) {
          if (entry.decision === 'conditional') continue;
          const result = evaluate(world, { principalArn: `arn:aws:iam::${MEMBER}:root`, action: entry.action, resource: '*', context });
          const expected = entry.decision === 'allowed' ? 'allowed' : entry.deniedBy?.kind === 'explicitDeny' ? 'explicitDeny' : 'implicitDeny';
          expect(result.decision, entry.action).toBe(expected);
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThan(1000);
      expect(matrix.totals.allowed).toBeGreaterThan(0);
      expect(matrix.totals.denied).toBeGreaterThan(0);
    });
  }
});

// Documented service rules (server/engine/service-rules/rules.ts) on matrix cells, compared with evaluate for
// principals whose identity policies allow everything, so that only the SCPs and the rules can refuse an action.
// Pages: API_GetCallerIdentity.html (no permission needed, even against an explicit Deny), API_GetSessionToken.html,
// API_AssumeRole.html (role sessions cannot get tokens), id_credentials_sts-comparison.html (the root user cannot
// assume roles), API_PutBucketPolicy.html (the owner's root user and the bucket policy; SCPs still apply).
describe('scpActionMatrix: documented service rules agree with evaluate', () => {
  const adminPolicy = { name: 'Admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) };
  const guardrail: OrgPolicy = {
    id: 'p-nosts', name: 'NoStsNoBucketPolicy', type: 'SCP',
    document: doc(
      { Sid: 'NoSts', Effect: 'Deny', Action: 'sts:*', Resource: '*' },
      { Sid: 'NoBucketPolicyEdits', Effect: 'Deny', Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'], Resource: '*' },
    ),
  };
  const iam = {
    [MEMBER]: {
      users: [{ arn: `arn:aws:iam::${MEMBER}:user/admin`, name: 'admin', path: '/', userId: 'AIDAADMIN', groups: [], attachedPolicyArns: [], inlinePolicies: [adminPolicy], tags: [] }],
      groups: [],
      roles: [{
        arn: `arn:aws:iam::${MEMBER}:role/ops`, name: 'ops', path: '/', roleId: 'AROAOPS',
        trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MEMBER}:root` }, Action: 'sts:AssumeRole' }),
        attachedPolicyArns: [], inlinePolicies: [adminPolicy], tags: [],
      }],
      managedPolicies: [],
    },
  };
  const plain = compileWorld(buildWorld([], { iam }));
  const guarded = compileWorld(buildWorld([{ policy: guardrail, targetId: OU }], { iam }));
  const principals = [`arn:aws:iam::${MEMBER}:user/admin`, `arn:aws:sts::${MEMBER}:assumed-role/ops/alice`, `arn:aws:iam::${MEMBER}:root`];
  const services = ['sts', 's3', 'sqs', 'kms', 'secretsmanager'];

  for (const [name, world] of [['FullAWSAccess only', plain], ['an SCP denying sts:* and bucket-policy edits', guarded]] as const) {
    it(`every settled cell is evaluate's decision for each principal (${name})`, () => {
      let compared = 0;
      let decidedByRules = 0;
      for (const principalArn of principals) {
        const matrix = scpActionMatrix(world, MEMBER, catalog, { services, principalArn });
        for (const service of matrix.services) {
          for (const entry of service.actions) {
            if (entry.decision === 'conditional') continue;
            const result = evaluate(world, { principalArn, action: entry.action, resource: '*', context: [] });
            const expected = entry.decision === 'allowed' ? 'allowed' : entry.deniedBy?.kind === 'explicitDeny' ? 'explicitDeny' : 'implicitDeny';
            expect(result.decision, `${principalArn} ${entry.action}`).toBe(expected);
            if (entry.serviceRules?.some((rule) => rule.effect === 'decides')) decidedByRules += 1;
            compared += 1;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
      expect(decidedByRules).toBeGreaterThan(0);
    });
  }

  it('sts:GetCallerIdentity is allowed for every principal even where an SCP denies sts:*, citing the rule', () => {
    const cell = row(scpActionMatrix(guarded, MEMBER, catalog, { services: ['sts'] }), 'sts:GetCallerIdentity');
    expect(cell).toMatchObject({ decision: 'allowed', serviceRules: [{ id: 'sts-get-caller-identity-no-permission', effect: 'decides' }] });
    expect(cell.serviceRules![0].note).toContain('the SCPs alone: denied');
    expect(cell.deniedBy).toBeUndefined();
    // Next to it, an action the rule does not name stays denied by the SCP.
    expect(row(scpActionMatrix(guarded, MEMBER, catalog, { services: ['sts'] }), 'sts:GetAccessKeyInfo')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'explicitDeny', sid: 'NoSts' } });
  });

  it('a rule that refuses the chosen principal denies the cell; for the whole account it is cited, not applied', () => {
    const root = scpActionMatrix(plain, MEMBER, catalog, { services: ['sts'], principalArn: `arn:aws:iam::${MEMBER}:root` });
    expect(row(root, 'sts:AssumeRole')).toMatchObject({
      decision: 'denied', deniedBy: { kind: 'serviceRule', level: { targetId: MEMBER, kind: 'account' }, rule: { id: 'sts-root-cannot-assume-role' } },
    });
    const session = scpActionMatrix(plain, MEMBER, catalog, { services: ['sts'], principalArn: `arn:aws:sts::${MEMBER}:assumed-role/ops/alice` });
    expect(row(session, 'sts:GetSessionToken')).toMatchObject({ decision: 'denied', deniedBy: { kind: 'serviceRule', rule: { id: 'sts-role-session-cannot-get-tokens' } } });
    expect(row(session, 'sts:AssumeRole')).toMatchObject({ decision: 'allowed' });
    const account = scpActionMatrix(plain, MEMBER, catalog, { services: ['sts'] });
    expect(row(account, 'sts:AssumeRole')).toMatchObject({ decision: 'allowed', serviceRules: [{ id: 'sts-root-cannot-assume-role', effect: 'note' }] });
    // GetSessionToken: no permission for users and the root user, refused for role sessions: principal by principal.
    expect(row(account, 'sts:GetSessionToken').serviceRules?.map((rule) => [rule.id, rule.effect])).toEqual([
      ['sts-get-session-token-no-permission', 'note'], ['sts-role-session-cannot-get-tokens', 'note'],
    ]);
  });

  it('rules that cannot apply to an account cell on resource "*" are cited in it: the owner root and the bucket policy, cross-account limits', () => {
    const account = scpActionMatrix(guarded, MEMBER, catalog, { services: ['s3', 'sqs', 'kms'] });
    // The SCP still denies the bucket owner's root user: the rule sets aside only the bucket policy's Deny.
    expect(row(account, 's3:PutBucketPolicy')).toMatchObject({
      decision: 'denied', deniedBy: { kind: 'explicitDeny', sid: 'NoBucketPolicyEdits' },
      serviceRules: [{ id: 's3-bucket-owner-root-bucket-policy', effect: 'note' }, { id: 's3-bucket-policy-owner-account-only', effect: 'note' }],
    });
    expect(row(account, 'sqs:DeleteQueue').serviceRules).toEqual([expect.objectContaining({ id: 'sqs-cross-account-limitations', effect: 'note' })]);
    expect(row(account, 'kms:ScheduleKeyDeletion').serviceRules).toEqual([expect.objectContaining({ id: 'kms-cross-account-operations', effect: 'note' })]);
    expect(row(account, 'kms:Decrypt').serviceRules).toBeUndefined();
    expect(row(account, 's3:GetObject').serviceRules).toBeUndefined();
    // Reserved aliases are refused on their own ARNs only: the cell, about the account's resources, still follows the SCPs.
    expect(row(account, 'kms:DeleteAlias')).toMatchObject({
      decision: 'allowed',
      serviceRules: [{ id: 'kms-aws-managed-key-aliases', effect: 'note', note: expect.stringContaining('alias/aws/') }, { id: 'kms-cross-account-operations', effect: 'note' }],
    });
    // For a principal that is not the root user, the owner-root rule is not cited.
    const user = scpActionMatrix(guarded, MEMBER, catalog, { services: ['s3'], principalArn: `arn:aws:iam::${MEMBER}:user/admin` });
    expect(row(user, 's3:PutBucketPolicy').serviceRules?.map((rule) => rule.id)).toEqual(['s3-bucket-policy-owner-account-only']);
  });
});
