// Small worlds for evaluator tests, built in TypeScript so each test shows exactly the policies it depends on.
// The organization mirrors test/fixtures/engine/_base/org.json:
//   r-root ─┬─ 111111111111 management
//           ├─ ou-root-workload ── ou-root-prod ── 333333333333 prod
//           └─ ou-root-dev ── 444444444444 dev
//   999999999999 partner (outside the organization, IAM only)
import type { AccountIam, AuthzRequest, ContextEntry, IamRole, IamUser, PolicySource, World } from '@/server/engine';

export const ORG_ID = 'o-test000001';
export const MANAGEMENT = '111111111111';
export const PROD = '333333333333';
export const DEV = '444444444444';
export const PARTNER = '999999999999';

/** A policy document from statements. */
export function policy(...statements: object[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements };
}

/** Allow everything: the AWS-managed FullAWSAccess / RCPFullAWSAccess content. */
export const FULL_ACCESS = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
export const RCP_FULL_ACCESS = policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });

/** An empty IAM account. */
export function emptyIam(): AccountIam {
  return { users: [], groups: [], roles: [], managedPolicies: [] };
}

/** A world with the test organization, FullAWSAccess and RCPFullAWSAccess on every node, and no IAM yet. */
export function baseWorld(): World {
  const targets = ['r-root', 'ou-root-workload', 'ou-root-prod', 'ou-root-dev', MANAGEMENT, PROD, DEV];
  return {
    organization: { id: ORG_ID, managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['SCP', 'RCP'] },
    orgUnits: [
      { id: 'r-root', name: 'Root' },
      { id: 'ou-root-workload', name: 'Workloads', parentId: 'r-root' },
      { id: 'ou-root-prod', name: 'Prod', parentId: 'ou-root-workload' },
      { id: 'ou-root-dev', name: 'Dev', parentId: 'r-root' },
    ],
    accounts: [
      { id: MANAGEMENT, name: 'management', parentId: 'r-root' },
      { id: PROD, name: 'prod', parentId: 'ou-root-prod' },
      { id: DEV, name: 'dev', parentId: 'ou-root-dev' },
      { id: PARTNER, name: 'partner' },
    ],
    policies: [
      { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', document: JSON.stringify(FULL_ACCESS), awsManaged: true },
      { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RCP', document: JSON.stringify(RCP_FULL_ACCESS), awsManaged: true },
    ],
    attachments: targets.flatMap((targetId) => [
      { policyId: 'p-FullAWSAccess', targetId },
      { policyId: 'p-RCPFullAWSAccess', targetId },
    ]),
    iam: { [MANAGEMENT]: emptyIam(), [PROD]: emptyIam(), [DEV]: emptyIam(), [PARTNER]: emptyIam() },
    resourcePolicies: [],
  };
}

/** Add an SCP or RCP and attach it to targets. */
export function attach(world: World, type: 'SCP' | 'RCP', id: string, document: PolicySource, targets: string[]): void {
  world.policies.push({ id, name: id, type, document });
  for (const targetId of targets) world.attachments.push({ policyId: id, targetId });
}

/** Add a user with inline policies (and optionally a boundary managed policy). */
export function addUser(world: World, accountId: string, name: string, inline: Record<string, PolicySource>, extra: Partial<IamUser> = {}): string {
  const arn = `arn:aws:iam::${accountId}:user/${name}`;
  world.iam[accountId].users.push({
    arn, name, path: '/', userId: `AIDA${name.toUpperCase()}`, groups: [], attachedPolicyArns: [], tags: [],
    inlinePolicies: Object.entries(inline).map(([policyName, document]) => ({ name: policyName, document })),
    ...extra,
  });
  return arn;
}

/** Add a role with a trust policy and inline policies. */
export function addRole(world: World, accountId: string, name: string, trust: PolicySource, inline: Record<string, PolicySource>, extra: Partial<IamRole> = {}): string {
  const path = extra.path ?? '/';
  const arn = `arn:aws:iam::${accountId}:role${path}${name}`;
  world.iam[accountId].roles.push({
    arn, name, path, roleId: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`, trustPolicy: trust, attachedPolicyArns: [], tags: [],
    inlinePolicies: Object.entries(inline).map(([policyName, document]) => ({ name: policyName, document })),
    ...extra,
  });
  return arn;
}

/** Add a customer-managed policy to an account; returns its ARN. */
export function addManagedPolicy(world: World, accountId: string, name: string, document: PolicySource): string {
  const arn = `arn:aws:iam::${accountId}:policy/${name}`;
  world.iam[accountId].managedPolicies.push({ arn, name, document });
  return arn;
}

/** A request with optional context entries (string-typed unless given). */
export function request(principalArn: string, action: string, resource = '*', extra: Partial<AuthzRequest> = {}): AuthzRequest {
  return { principalArn, action, resource, context: [], ...extra };
}

/** A string context entry. */
export function ctx(key: string, value: string | string[], type: ContextEntry['type'] = Array.isArray(value) ? 'stringList' : 'string'): ContextEntry {
  return { key, values: Array.isArray(value) ? value : [value], type };
}
