// The synthetic organization of bench:access: 5,000 accounts with 20 roles each and trust policies that cross
// accounts the way landing zones do: OrganizationAccountAccessRole and a break-glass role (MFA) trusted by the
// management account, an audit role trusted by the Audit account, a deploy role trusted by the pipeline role of
// Shared Services, a peer role trusted by the next account (role chains across the whole organization), a role that
// needs session tags, a partner role with an ExternalId in every tenth account, an organization-wide reader
// (Principal "*" with aws:PrincipalOrgID) in five hub accounts, and service roles for Lambda and EC2.
// Deterministic: every run builds the same world.

import type { AccountIam, IamRole, ManagedPolicy, World } from '../../server/engine';

/** Accounts in the synthetic organization. */
export const ACCESS_ACCOUNTS = Number(process.env.LZSIM_BENCH_ACCOUNTS ?? 5_000);
/** Roles per account. */
export const ROLES_PER_ACCOUNT = 20;
const ORG = 'o-accessbench';
const ROOT = 'r-acbn';
export const MANAGEMENT = '200000000000';
export const AUDIT = '200000000001';
export const SHARED = '200000000002';
const PARTNER_BASE = 999900000000;
const HUBS = 5;

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trust = (principal: object | string, condition?: object, action: string | string[] = 'sts:AssumeRole') =>
  doc({ Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) });

const ADMIN: ManagedPolicy = { arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) };
const READ_ONLY: ManagedPolicy = {
  arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess',
  document: doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 'dynamodb:Describe*', 'kms:Describe*', 'lambda:Get*', 'lambda:List*'], Resource: '*' }),
};
const POWER_USER: ManagedPolicy = {
  arn: 'arn:aws:iam::aws:policy/PowerUserAccess', name: 'PowerUserAccess',
  document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }),
};
const MANAGED = [ADMIN, READ_ONLY, POWER_USER];

/** The id of the i-th account (0 = management). */
export function accountId(i: number): string {
  return String(200000000000 + i);
}

function role(accountIdValue: string, name: string, trustPolicy: string, attached: ManagedPolicy[], inline?: object): IamRole {
  return {
    arn: `arn:aws:iam::${accountIdValue}:role/${name}`, name, path: '/', trustPolicy,
    attachedPolicyArns: attached.map((policy) => policy.arn),
    inlinePolicies: inline ? [{ name: `${name}Policy`, document: JSON.stringify(inline) }] : [],
    tags: [], maxSessionDuration: 3600,
  };
}

/** The synthetic world, and a few ARNs the benchmark asks about. */
export function syntheticAccessWorld(accountCount = ACCESS_ACCOUNTS): { world: World; probeRole: string; probeBucket: string } {
  const ous = [{ id: ROOT, name: 'Root' }, { id: 'ou-acbn-security', name: 'Security', parentId: ROOT }, { id: 'ou-acbn-workload', name: 'Workloads', parentId: ROOT }];
  for (let i = 0; i < 10; i++) ous.push({ id: `ou-acbn-team${String(i).padStart(4, '0')}`, name: `Team ${i}`, parentId: 'ou-acbn-workload' });
  const accounts: World['accounts'] = [];
  const iam: Record<string, AccountIam> = {};
  const attachments: World['attachments'] = [];
  const resourcePolicies: World['resourcePolicies'] = [];
  for (let i = 0; i < accountCount; i++) {
    const id = accountId(i);
    const parentId = i === 0 ? ROOT : i < 3 ? 'ou-acbn-security' : `ou-acbn-team${String(i % 10).padStart(4, '0')}`;
    accounts.push({ id, name: `account-${i}`, parentId });
    attachments.push({ policyId: 'p-FullAWSAccess', targetId: id }, { policyId: 'p-RCPFullAWSAccess', targetId: id });
    const peer = accountId(i === accountCount - 1 ? 1 : i + 1);
    const roles: IamRole[] = [
      role(id, 'OrganizationAccountAccessRole', trust({ AWS: `arn:aws:iam::${MANAGEMENT}:root` }), [ADMIN]),
      role(id, 'BreakGlass', trust({ AWS: `arn:aws:iam::${MANAGEMENT}:root` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }), [ADMIN]),
      role(id, 'AuditRole', trust({ AWS: `arn:aws:iam::${AUDIT}:root` }), [READ_ONLY]),
      role(id, 'DeployRole', trust({ AWS: `arn:aws:iam::${SHARED}:role/Pipeline` }), [POWER_USER]),
      role(id, 'PeerRole', trust({ AWS: `arn:aws:iam::${peer}:root` }), [READ_ONLY], {
        Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/PeerRole' }],
      }),
      role(id, 'TaggedSession', doc({
        Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SHARED}:root` }, Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:RequestTag/team': `team-${i % 10}` } },
      }), [READ_ONLY]),
      i % 10 === 5
        ? role(id, 'PartnerRole', trust({ AWS: `arn:aws:iam::${PARTNER_BASE + (i % 50)}:root` }, { StringEquals: { 'sts:ExternalId': `ext-${i}` } }), [READ_ONLY])
        : role(id, 'ReportsRole', trust({ Service: 'lambda.amazonaws.com' }), [READ_ONLY]),
      i > 0 && i <= HUBS
        ? role(id, 'OrgWideReader', trust('*', { StringEquals: { 'aws:PrincipalOrgID': ORG } }), [READ_ONLY])
        : role(id, 'MetricsRole', trust({ Service: 'ec2.amazonaws.com' }), [READ_ONLY]),
    ];
    for (let r = roles.length; r < ROLES_PER_ACCOUNT; r++) {
      const service = r % 2 === 0 ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com';
      roles.push(role(id, `App${r}`, trust({ Service: service }), [], {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 'dynamodb:*'], Resource: [`arn:aws:s3:::data-${id}/*`, `arn:aws:dynamodb:eu-west-1:${id}:table/app-${r}`] }],
      }));
    }
    if (id === SHARED) roles.push(role(id, 'Pipeline', trust({ Service: 'codebuild.amazonaws.com' }), [], { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/DeployRole' }] }));
    const users = id === MANAGEMENT
      ? Array.from({ length: 5 }, (_, u) => ({ arn: `arn:aws:iam::${id}:user/admin-${u}`, name: `admin-${u}`, path: '/', groups: ['Admins'], attachedPolicyArns: [], inlinePolicies: [], tags: [] }))
      : [];
    iam[id] = {
      users,
      groups: id === MANAGEMENT ? [{ arn: `arn:aws:iam::${id}:group/Admins`, name: 'Admins', path: '/', attachedPolicyArns: [ADMIN.arn], inlinePolicies: [] }] : [],
      roles,
      managedPolicies: MANAGED,
    };
    resourcePolicies.push({
      resourceArn: `arn:aws:s3:::data-${id}`, accountId: id,
      document: doc({ Sid: 'OrgRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::data-${id}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
    });
  }
  for (const unit of ous) attachments.push({ policyId: 'p-FullAWSAccess', targetId: unit.id }, { policyId: 'p-RCPFullAWSAccess', targetId: unit.id });
  attachments.push({ policyId: 'p-regions', targetId: 'ou-acbn-workload' });
  return {
    // The world as the engine worker receives it: by postMessage, a structured clone, whose strings are flat, like those
    // read from the database. JSON.stringify and template literals give cons strings here, which V8 copies flat the
    // first time the engine hashes or compares them: copies (and time) the product never pays for.
    world: structuredClone({
      organization: { id: ORG, managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['RCP', 'SCP'] },
      orgUnits: ous,
      accounts,
      policies: [
        { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
        { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RCP', awsManaged: true, document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) },
        {
          id: 'p-regions', name: 'DenyOutsideEu', type: 'SCP',
          document: doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }),
        },
      ],
      attachments,
      iam,
      resourcePolicies,
    } satisfies World),
    probeRole: `arn:aws:iam::${accountId(Math.min(1234, accountCount - 3))}:role/PeerRole`,
    probeBucket: `arn:aws:s3:::data-${accountId(Math.min(1234, accountCount - 3))}/reports/2026.csv`,
  };
}

/** The world with one role's trust policy replaced; every other object is shared with `world`. */
export function withEditedTrust(world: World, roleArn: string, trustPolicy: string): World {
  const accountIdValue = roleArn.split(':')[4];
  const accountIam = world.iam[accountIdValue];
  return {
    ...world,
    iam: { ...world.iam, [accountIdValue]: { ...accountIam, roles: accountIam.roles.map((candidate) => (candidate.arn === roleArn ? { ...candidate, trustPolicy } : candidate)) } },
  };
}
