// A small organization with an IAM Identity Center instance, shared by the Identity Center engine tests (the AWS pages
// are cited where the tests use it).
import type { IdentityCenterModel, World } from '@/server/engine';

export const MANAGEMENT = '111111111111';
export const WORKLOAD = '222222222222';
export const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
export const ADMIN_PS = `arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-aaaabbbbccccdddd`;
export const DEV_PS = `arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-1234123412341234`;
export const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** An SCP that denies IAM actions to everyone but the roles of Identity Center's Admin permission set. */
export const EXEMPT_ADMIN_SCP = doc([
  {
    Sid: 'DenyIamExceptSsoAdmin',
    Effect: 'Deny',
    Action: 'iam:*',
    Resource: '*',
    Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Admin*' } },
  },
]);

export function model(region: string, overrides: Partial<IdentityCenterModel> = {}): IdentityCenterModel {
  return {
    instanceArn: INSTANCE,
    identityStoreId: 'd-1234567890',
    name: 'corp',
    region,
    ownerAccountId: MANAGEMENT,
    users: [{ userId: 'u-alice', userName: 'alice', displayName: 'Alice' }],
    groups: [{ groupId: 'g-admins', displayName: 'Admins' }],
    memberships: [{ groupId: 'g-admins', userId: 'u-alice' }],
    permissionSets: [
      { arn: ADMIN_PS, name: 'Admin', description: '', sessionDuration: 'PT4H', managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], customerManagedPolicies: [] },
      {
        arn: DEV_PS,
        name: 'Developer',
        description: '',
        sessionDuration: 'PT1H',
        managedPolicyArns: [],
        customerManagedPolicies: [{ name: 'DevBoundaryExtras', path: '/teams/' }],
        inlinePolicy: doc([{ Effect: 'Allow', Action: ['iam:List*', 's3:*'], Resource: '*' }]),
        permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      },
    ],
    assignments: [
      { accountId: WORKLOAD, permissionSetArn: ADMIN_PS, principalType: 'GROUP', principalId: 'g-admins' },
      { accountId: WORKLOAD, permissionSetArn: ADMIN_PS, principalType: 'USER', principalId: 'u-alice' },
      { accountId: WORKLOAD, permissionSetArn: DEV_PS, principalType: 'USER', principalId: 'u-alice' },
    ],
    ...overrides,
  };
}

export function world(region: string, withExtrasPolicy = true, overrides: Partial<IdentityCenterModel> = {}): World {
  return {
    organization: { id: 'o-abcdefghij', managementAccountId: MANAGEMENT, featureSet: 'ALL', enabledPolicyTypes: ['SCP'] },
    orgUnits: [{ id: 'r-root', name: 'Root' }],
    accounts: [{ id: MANAGEMENT, parentId: 'r-root' }, { id: WORKLOAD, parentId: 'r-root' }],
    policies: [
      { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
      { id: 'p-exemptsso', name: 'ExemptSsoAdmin', type: 'SCP', document: EXEMPT_ADMIN_SCP },
    ],
    attachments: [
      // An SCP must allow at every level: FullAWSAccess sits on the root and on each account, as AWS attaches it.
      { policyId: 'p-FullAWSAccess', targetId: 'r-root' },
      { policyId: 'p-FullAWSAccess', targetId: MANAGEMENT },
      { policyId: 'p-FullAWSAccess', targetId: WORKLOAD },
      { policyId: 'p-exemptsso', targetId: 'r-root' },
    ],
    iam: {
      [MANAGEMENT]: {
        users: [],
        groups: [],
        roles: [],
        managedPolicies: [
          { arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
          { arn: 'arn:aws:iam::aws:policy/PowerUserAccess', name: 'PowerUserAccess', document: doc([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }]) },
        ],
      },
      [WORKLOAD]: {
        users: [],
        groups: [],
        roles: [],
        managedPolicies: withExtrasPolicy
          ? [{ arn: `arn:aws:iam::${WORKLOAD}:policy/teams/DevBoundaryExtras`, name: 'DevBoundaryExtras', document: doc([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }]) }]
          : [],
      },
    },
    resourcePolicies: [],
    identityCenter: model(region, overrides),
  };
}

