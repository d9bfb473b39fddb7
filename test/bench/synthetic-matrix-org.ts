// The design of bench:matrix: 5,000 accounts, 1,000 OUs nested up to 5 levels below the root, 2,000 SCPs of the
// kinds real organizations attach (allow-lists replacing FullAWSAccess on some OUs, NotAction region denies,
// protection denies with aws:PrincipalArn exemptions, plain deny-lists), at most 5 SCPs per target (the
// Organizations quota, orgs_reference_limits.html), a few RCPs, and two roles per account (an administrator and a
// deploy role). Deterministic: every run builds the same organization.

import type { IamRole, OrgPolicy, World } from '../../server/engine';
import { random as seededRandom } from './synthetic-org';

/** Accounts in the design (the management account included). */
export const MATRIX_ACCOUNTS = Number(process.env.LZSIM_BENCH_ACCOUNTS ?? 5_000);
/** OUs below the root. */
export const MATRIX_OUS = Math.max(10, Math.round(MATRIX_ACCOUNTS / 5));
/** Custom SCPs. */
export const MATRIX_SCPS = Math.max(20, Math.round(MATRIX_ACCOUNTS * 0.4));

const ROOT = 'r-mtx0';
const MANAGEMENT = '300000000000';
const MAX_SCPS_PER_TARGET = 5;

const SERVICES = ['s3', 'ec2', 'iam', 'kms', 'rds', 'lambda', 'dynamodb', 'sqs', 'sns', 'cloudtrail', 'config', 'guardduty', 'logs',
  'cloudwatch', 'ecs', 'eks', 'ecr', 'secretsmanager', 'ssm', 'sts', 'organizations', 'route53', 'elasticloadbalancing', 'autoscaling',
  'cloudformation', 'glue', 'athena', 'bedrock', 'sagemaker', 'states'];
const VERBS = ['Get*', 'List*', 'Describe*', 'Delete*', 'Put*', 'Create*', 'Update*', '*'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];
const GLOBAL_SERVICES = ['iam:*', 'sts:*', 'organizations:*', 'support:*', 'route53:*', 'cloudfront:*', 'budgets:*', 'waf:*'];

function doc(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The synthetic design as a World, with ids the benchmark acts on. */
export function syntheticMatrixWorld(accountCount = MATRIX_ACCOUNTS): { world: World; editablePolicyId: string; probeAccount: string; stagingOuId: string } {
  const rand = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const count = min + Math.floor(rand() * (max - min + 1));
    return [...new Set(Array.from({ length: count }, () => pick(items)))];
  };
  const ouCount = Math.max(10, Math.round(accountCount / 5));
  const scpCount = Math.max(20, Math.round(accountCount * 0.4));

  const orgUnits: World['orgUnits'] = [{ id: ROOT, name: 'Root' }];
  const depth = new Map<string, number>([[ROOT, 0]]);
  const ouId = (i: number) => `ou-mtx0-${String(i).padStart(8, '0')}`;
  for (let i = 0; i < ouCount; i++) {
    const candidates = orgUnits.filter((unit) => depth.get(unit.id)! < 5);
    const parent = i < 8 ? orgUnits[0] : pick(candidates);
    orgUnits.push({ id: ouId(i), name: `OU ${i}`, parentId: parent.id });
    depth.set(ouId(i), depth.get(parent.id)! + 1);
  }
  const ous = orgUnits.slice(1);
  const accounts: World['accounts'] = [{ id: MANAGEMENT, name: 'management', parentId: ROOT }];
  for (let i = 1; i < accountCount; i++) accounts.push({ id: String(300000000000 + i), name: `account-${i}`, parentId: pick(ous).id });

  const policies: OrgPolicy[] = [
    { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RCP', awsManaged: true, document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) },
    {
      id: 'p-rcp-org-only', name: 'DenyOutsideOrg', type: 'RCP',
      document: doc({ Sid: 'EnforceOrgIdentities', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:AssumeRole'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mtx0000001' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }),
    },
  ];
  const allowLists: string[] = [];
  for (let i = 0; i < scpCount; i++) {
    const id = `p-mtx${String(i).padStart(5, '0')}`;
    const kind = rand();
    let document: string;
    let name: string;
    if (kind < 0.25) {
      name = `allow-list-${i}`;
      document = doc({ Sid: 'AllowListed', Effect: 'Allow', Action: [...some(SERVICES, 6, 20).map((service) => `${service}:${pick(VERBS)}`), ...GLOBAL_SERVICES.slice(0, 3)], Resource: '*' });
      allowLists.push(id);
    } else if (kind < 0.5) {
      name = `region-deny-${i}`;
      document = doc({ Sid: 'DenyOutsideApprovedRegions', Effect: 'Deny', NotAction: some(GLOBAL_SERVICES, 3, 8), Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': some(REGIONS, 1, 3) } } });
    } else if (kind < 0.8) {
      name = `protect-${i}`;
      const service = pick(SERVICES);
      document = doc(
        { Sid: 'ProtectGuardrails', Effect: 'Deny', Action: [`${service}:Delete*`, `${service}:Put*`, `${pick(SERVICES)}:Update*`], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::*:role/${pick(['Platform', 'BreakGlass', 'Security'])}*`] } } },
        { Sid: 'ProtectAuditBuckets', Effect: 'Deny', Action: ['s3:DeleteBucket', 's3:PutBucketPolicy'], Resource: `arn:aws:s3:::audit-${i}-*` },
      );
    } else {
      name = `deny-list-${i}`;
      document = doc({ Sid: 'DenyServices', Effect: 'Deny', Action: some(SERVICES, 1, 4).map((service) => `${service}:${pick(VERBS)}`), Resource: '*' });
    }
    policies.push({ id, name, type: 'SCP', document });
  }

  const attachments: World['attachments'] = [];
  const countAt = new Map<string, number>();
  const attach = (policyId: string, targetId: string): boolean => {
    const count = countAt.get(targetId) ?? 0;
    if (count >= MAX_SCPS_PER_TARGET || attachments.some((a) => a.targetId === targetId && a.policyId === policyId)) return false;
    attachments.push({ policyId, targetId });
    countAt.set(targetId, count + 1);
    return true;
  };
  // FullAWSAccess on the root and every account; on OUs except the 5% that use an allow-list instead.
  attach('p-FullAWSAccess', ROOT);
  for (const unit of ous) {
    if (rand() < 0.05) attach(pick(allowLists), unit.id);
    else attach('p-FullAWSAccess', unit.id);
  }
  for (const account of accounts) attach('p-FullAWSAccess', account.id);
  // Every custom SCP attached somewhere: mostly on OUs, one in five on an account.
  const custom = policies.filter((policy) => policy.type === 'SCP' && policy.id !== 'p-FullAWSAccess');
  for (const policy of custom) {
    for (let tries = 0; tries < 20; tries++) {
      const target = rand() < 0.8 ? pick(ous).id : pick(accounts.slice(1)).id;
      if (attach(policy.id, target)) break;
    }
  }
  // RCPs: RCPFullAWSAccess everywhere AWS puts it, the org-only deny on the root.
  for (const target of [ROOT, ...ous.map((unit) => unit.id), ...accounts.map((account) => account.id)]) attachments.push({ policyId: 'p-RCPFullAWSAccess', targetId: target });
  attachments.push({ policyId: 'p-rcp-org-only', targetId: ROOT });

  const iam: World['iam'] = {};
  for (const account of accounts) {
    const role = (name: string, document: string): IamRole => ({
      arn: `arn:aws:iam::${account.id}:role/${name}`, name, path: '/', trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }),
      attachedPolicyArns: [], inlinePolicies: [{ name: 'permissions', document }], tags: [],
    });
    iam[account.id] = {
      users: [], groups: [], managedPolicies: [],
      roles: [
        role('Administrator', doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
        role('Deploy', doc({ Effect: 'Allow', Action: ['ec2:*', 'lambda:*', 's3:*', 'cloudformation:*', 'iam:PassRole', 'logs:*'], Resource: '*' })),
      ],
    };
  }

  const world: World = {
    organization: { id: 'o-mtx0000001', managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['SCP', 'RCP'] },
    orgUnits, accounts, policies, attachments, iam, resourcePolicies: [],
  };
  // The SCP the benchmark edits: the one attached to the most accounts' paths is the worst case; a typical one will do.
  const editable = attachments.find((a) => a.targetId.startsWith('ou-') && a.policyId.startsWith('p-mtx'))!;
  return { world, editablePolicyId: editable.policyId, probeAccount: accounts[1].id, stagingOuId: ous[0].id };
}
