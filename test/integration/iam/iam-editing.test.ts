// IAM editing in an account, on a real database: every operation, each of AWS's errors, the quotas (defaults
// and per-design overrides), undo/redo, and the bundle round trip after edits.
// AWS pages:
// - IAM quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (10 managed policies
//   per role/user/group, 5 versions per policy, 2,048-character role trust policy, inline aggregates of 10,240
//   (role), 2,048 (user), 5,120 (group) characters without whitespace, 10 groups per user, 50 tags; names unique
//   in the account whatever their case).
// - API reference, each action's "Errors": https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
//   (EntityAlreadyExists, LimitExceeded, MalformedPolicyDocument), API_DeleteRole.html (DeleteConflict while
//   policies are attached or inline), API_DeletePolicy.html (DeleteConflict while attached or with non-default
//   versions), API_CreatePolicyVersion.html (LimitExceeded at 5 versions), API_DeletePolicyVersion.html
//   (DeleteConflict for the default version), API_AttachRolePolicy.html (LimitExceeded, NoSuchEntity),
//   API_DetachRolePolicy.html (NoSuchEntity), API_PutUserPolicy.html (LimitExceeded for the aggregate size),
//   API_DeleteGroup.html / API_DeleteUser.html (DeleteConflict), API_AddUserToGroup.html (LimitExceeded),
//   API_TagRole.html (InvalidInput for "aws:" keys, LimitExceeded past 50 tags).
// - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create-cross-account-role.html
//   (OrganizationAccountAccessRole, created with every new account, is an ordinary role one can edit).
import { afterAll, describe, expect, it } from 'vitest';
import { listDesignPrincipals } from '../../../server/services/analysis/design-principals';
import { redo, undo } from '../../../server/services/history';
import * as iam from '../../../server/services/iam';
import { exportDesign, importBundle } from '../../../server/services/interchange/interchange-service';
import { createAccount, setQuotaOverrides } from '../../../server/services/organizations';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const trustAccount = (accountId: string, extra: object = {}) =>
  doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole', ...extra }]);
const allow = (action: string, resource = '*') => doc([{ Effect: 'Allow', Action: action, Resource: resource }]);

/** A design with one member account (with its OrganizationAccountAccessRole) to edit. */
async function setup(prefix: string) {
  const d = await newDesign(db, prefix);
  const rev = new Revision();
  const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Workload', email: `w-${d.designId}@example.com`, accountId: '210987654321' }));
  const base = () => ({ ...rev.base(d.designId), accountId: account.accountId });
  return { d, rev, base, accountId: account.accountId, accountRowId: account.id };
}

describe('roles', () => {
  it('creates a role with trust policy, path, session, tags; refuses a name taken in any case; edits and deletes it', async () => {
    const { d, rev, base, accountId } = await setup('iam roles');
    const created = rev.took(await iam.createRole(db, {
      ...base(), roleName: 'Deployer', path: '/ci/', description: 'CI deploys', maxSessionDuration: 7200,
      assumeRolePolicyDocument: trustAccount(d.managementAccountId), tags: [{ key: 'team', value: 'platform' }],
    }));
    expect(created.entity).toEqual({ type: 'role', name: 'Deployer', arn: `arn:aws:iam::${accountId}:role/ci/Deployer` });
    await expectAwsError(iam.createRole(db, { ...base(), roleName: 'DEPLOYER', assumeRolePolicyDocument: trustAccount(d.managementAccountId) }), 'EntityAlreadyExists');

    rev.took(await iam.updateRole(db, { ...base(), roleName: 'deployer', description: 'CI and CD', maxSessionDuration: 43200 }));
    rev.took(await iam.updateAssumeRolePolicy(db, { ...base(), roleName: 'Deployer', policyDocument: trustAccount('111122223333', { Condition: { StringEquals: { 'sts:ExternalId': 'x-42' } } }) }));
    const view = await iam.iamAccount(db, d.designId, accountId);
    const role = view.roles.find((r) => r.name === 'Deployer')!;
    expect(role).toMatchObject({ path: '/ci/', description: 'CI and CD', maxSessionDuration: 43200, tags: [{ key: 'team', value: 'platform' }] });
    expect(JSON.parse(role.trustPolicy).Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'x-42' } });

    rev.took(await iam.deleteRole(db, { ...base(), roleName: 'Deployer' }));
    await expectAwsError(iam.deleteRole(db, { ...base(), roleName: 'Deployer' }), 'NoSuchEntity');
    await expectAwsError(iam.updateRole(db, { ...base(), roleName: 'Ghost', description: 'x' }), 'NoSuchEntity');
  });

  it('refuses malformed trust policies, identity-policy shapes and trust policies over the 2,048-character quota, until the quota is raised', async () => {
    const { d, rev, base } = await setup('iam trust');
    await expectAwsError(iam.createRole(db, { ...base(), roleName: 'Broken', assumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [' }), 'MalformedPolicyDocument');
    // A trust policy must name a principal (reference_policies_elements_principal.html).
    await expectAwsError(iam.createRole(db, { ...base(), roleName: 'NoPrincipal', assumeRolePolicyDocument: allow('sts:AssumeRole') }), 'MalformedPolicyDocument');
    // 40 statements of about 95 non-whitespace characters: over 2,048.
    const big = doc(Array.from({ length: 40 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(100000000000 + i)}:root` }, Action: 'sts:AssumeRole' })));
    await expectAwsError(iam.createRole(db, { ...base(), roleName: 'Big', assumeRolePolicyDocument: big }), 'LimitExceeded');
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { policySizes: { IAM_ROLE_TRUST_POLICY: 8192 } } }));
    const ok = rev.took(await iam.createRole(db, { ...base(), roleName: 'Big', assumeRolePolicyDocument: big }));
    expect(ok.entity.name).toBe('Big');
    // Nothing half-written by the refusals: only the two roles exist.
    const view = await iam.iamAccount(db, d.designId, '210987654321');
    expect(view.roles.map((r) => r.name)).toEqual(['Big', 'OrganizationAccountAccessRole']);
    expect(view.quotas.trustPolicySize).toBe(8192);
  });

  it('keeps OrganizationAccountAccessRole of a new account editable, and refuses to delete it while AdministratorAccess is attached', async () => {
    const { d, rev, base, accountId } = await setup('iam oaar');
    const before = (await iam.iamAccount(db, d.designId, accountId)).roles.find((r) => r.name === 'OrganizationAccountAccessRole')!;
    expect(before.attachedPolicies.map((p) => p.name)).toEqual(['AdministratorAccess']);
    rev.took(await iam.updateAssumeRolePolicy(db, { ...base(), roleName: 'OrganizationAccountAccessRole', policyDocument: trustAccount(d.managementAccountId, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }));
    await expectAwsError(iam.deleteRole(db, { ...base(), roleName: 'OrganizationAccountAccessRole' }), 'DeleteConflict');
    rev.took(await iam.putInlinePolicy(db, { ...base(), principalType: 'role', principalName: 'OrganizationAccountAccessRole', policyName: 'Extra', policyDocument: allow('s3:ListAllMyBuckets') }));
    rev.took(await iam.detachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'OrganizationAccountAccessRole', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    // Still an inline policy: AWS wants those deleted first too.
    await expectAwsError(iam.deleteRole(db, { ...base(), roleName: 'OrganizationAccountAccessRole' }), 'DeleteConflict');
    rev.took(await iam.deleteInlinePolicy(db, { ...base(), principalType: 'role', principalName: 'OrganizationAccountAccessRole', policyName: 'Extra' }));
    rev.took(await iam.deleteRole(db, { ...base(), roleName: 'OrganizationAccountAccessRole' }));
  });

  it('refuses service-linked roles (UnmodifiableEntity) and their reserved path', async () => {
    const { d, base, accountRowId } = await setup('iam slr');
    await expectAwsError(iam.createRole(db, { ...base(), roleName: 'AWSServiceRoleForX', path: '/aws-service-role/x.amazonaws.com/', assumeRolePolicyDocument: trustAccount(d.managementAccountId) }), 'InvalidInput');
    await db.iamRole.create({ data: { accountId: accountRowId, name: 'AWSServiceRoleForSupport', path: '/aws-service-role/support.amazonaws.com/', trustPolicy: doc([{ Effect: 'Allow', Principal: { Service: 'support.amazonaws.com' }, Action: 'sts:AssumeRole' }]) } });
    await expectAwsError(iam.deleteRole(db, { ...base(), roleName: 'AWSServiceRoleForSupport' }), 'UnmodifiableEntity');
    await expectAwsError(iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'AWSServiceRoleForSupport', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'UnmodifiableEntity');
  });
});

describe('managed policies and versions', () => {
  it('keeps at most 5 versions, one default; refuses to delete the default version or a policy in use', async () => {
    const { d, rev, base, accountId } = await setup('iam versions');
    const arn = `arn:aws:iam::${accountId}:policy/team/ReadBuckets`;
    const created = rev.took(await iam.createManagedPolicy(db, { ...base(), policyName: 'ReadBuckets', path: '/team/', description: 'read', policyDocument: allow('s3:GetObject') }));
    expect(created).toMatchObject({ entity: { type: 'policy', arn }, versionId: 'v1' });
    await expectAwsError(iam.createManagedPolicy(db, { ...base(), policyName: 'ReadBuckets', policyDocument: allow('s3:GetObject') }), 'EntityAlreadyExists');
    for (const action of ['s3:ListBucket', 's3:GetBucketPolicy', 's3:GetBucketTagging', 's3:GetBucketAcl']) {
      rev.took(await iam.createPolicyVersion(db, { ...base(), policyArn: arn, policyDocument: allow(action) }));
    }
    await expectAwsError(iam.createPolicyVersion(db, { ...base(), policyArn: arn, policyDocument: allow('s3:PutObject') }), 'LimitExceeded');
    rev.took(await iam.setDefaultPolicyVersion(db, { ...base(), policyArn: arn, versionId: 'v3' }));
    await expectAwsError(iam.deletePolicyVersion(db, { ...base(), policyArn: arn, versionId: 'v3' }), 'DeleteConflict');
    await expectAwsError(iam.setDefaultPolicyVersion(db, { ...base(), policyArn: arn, versionId: 'v9' }), 'NoSuchEntity');
    rev.took(await iam.deletePolicyVersion(db, { ...base(), policyArn: arn, versionId: 'v5' }));
    const made = rev.took(await iam.createPolicyVersion(db, { ...base(), policyArn: arn, policyDocument: allow('s3:PutObject'), setAsDefault: true }));
    expect(made.versionId).toBe('v5');
    const view = (await iam.iamAccount(db, d.designId, accountId)).policies.find((p) => p.arn === arn)!;
    expect(view.versions.map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5*']);
    expect(view.defaultVersionId).toBe('v5');

    // In use (attached, then as a boundary) or with non-default versions: DeleteConflict.
    rev.took(await iam.createRole(db, { ...base(), roleName: 'Reader', assumeRolePolicyDocument: trustAccount(d.managementAccountId) }));
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Reader', policyArn: arn }));
    await expectAwsError(iam.deleteManagedPolicy(db, { ...base(), policyArn: arn }), 'DeleteConflict');
    rev.took(await iam.detachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Reader', policyArn: arn }));
    await expectAwsError(iam.detachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Reader', policyArn: arn }), 'NoSuchEntity');
    rev.took(await iam.putPermissionsBoundary(db, { ...base(), principalType: 'role', principalName: 'Reader', permissionsBoundary: arn }));
    await expectAwsError(iam.deleteManagedPolicy(db, { ...base(), policyArn: arn }), 'DeleteConflict');
    rev.took(await iam.deletePermissionsBoundary(db, { ...base(), principalType: 'role', principalName: 'Reader' }));
    await expectAwsError(iam.deleteManagedPolicy(db, { ...base(), policyArn: arn }), 'DeleteConflict');
    for (const versionId of ['v1', 'v2', 'v3', 'v4']) rev.took(await iam.deletePolicyVersion(db, { ...base(), policyArn: arn, versionId }));
    rev.took(await iam.deleteManagedPolicy(db, { ...base(), policyArn: arn }));
    await expectAwsError(iam.deleteManagedPolicy(db, { ...base(), policyArn: arn }), 'NoSuchEntity');
    expect(await db.iamManagedPolicyVersion.count({ where: { policy: { arn } } })).toBe(0);
  });

  it('refuses an identity policy with a Principal, one over 6,144 characters, and changes to AWS-managed policies', async () => {
    const { base } = await setup('iam managed errors');
    await expectAwsError(iam.createManagedPolicy(db, { ...base(), policyName: 'WithPrincipal', policyDocument: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }]) }), 'MalformedPolicyDocument');
    const huge = doc([{ Effect: 'Allow', Action: Array.from({ length: 400 }, (_, i) => `s3:GetObjectVersion${i}`), Resource: '*' }]);
    await expectAwsError(iam.createManagedPolicy(db, { ...base(), policyName: 'Huge', policyDocument: huge }), 'LimitExceeded');
    await expectAwsError(iam.createPolicyVersion(db, { ...base(), policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', policyDocument: allow('*') }), 'InvalidInput');
    await expectAwsError(iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'OrganizationAccountAccessRole', policyArn: 'arn:aws:iam::aws:policy/NotInThisDesign' }), 'NoSuchEntity');
  });
});

describe('attachments, inline policies and boundaries', () => {
  it('attaches at most 10 managed policies to a role by default, more once the design raises the quota', async () => {
    const { d, rev, base, accountId } = await setup('iam attach quota');
    rev.took(await iam.createRole(db, { ...base(), roleName: 'Busy', assumeRolePolicyDocument: trustAccount(d.managementAccountId) }));
    const arns: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      rev.took(await iam.createManagedPolicy(db, { ...base(), policyName: `P${i}`, policyDocument: allow(`s3:GetObject${i}`) }));
      arns.push(`arn:aws:iam::${accountId}:policy/P${i}`);
    }
    for (const arn of arns.slice(0, 10)) rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Busy', policyArn: arn }));
    // Attaching an attached policy again changes nothing and is not refused (AWS is idempotent here).
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Busy', policyArn: arns[0] }));
    await expectAwsError(iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Busy', policyArn: arns[10] }), 'LimitExceeded');
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { iam: { maxManagedPoliciesPerRole: 20 } } }));
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Busy', policyArn: arns[10] }));
    expect((await iam.iamAccount(db, d.designId, accountId)).roles.find((r) => r.name === 'Busy')!.attachedPolicies).toHaveLength(11);
  });

  it('replaces inline policies by name and refuses a user whose inline policies exceed 2,048 characters together', async () => {
    const { d, rev, base, accountId } = await setup('iam inline');
    rev.took(await iam.createUser(db, { ...base(), userName: 'alice' }));
    const user = { principalType: 'user' as const, principalName: 'alice' };
    rev.took(await iam.putInlinePolicy(db, { ...base(), ...user, policyName: 'Read', policyDocument: allow('s3:GetObject') }));
    rev.took(await iam.putInlinePolicy(db, { ...base(), ...user, policyName: 'Read', policyDocument: allow('s3:ListBucket') }));
    const actions = (n: number) => doc([{ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `s3:GetObjectTagging${i}`), Resource: '*' }]);
    rev.took(await iam.putInlinePolicy(db, { ...base(), ...user, policyName: 'Half', policyDocument: actions(40) }));
    await expectAwsError(iam.putInlinePolicy(db, { ...base(), ...user, policyName: 'Other', policyDocument: actions(40) }), 'LimitExceeded');
    await expectAwsError(iam.deleteInlinePolicy(db, { ...base(), ...user, policyName: 'Missing' }), 'NoSuchEntity');
    await expectAwsError(iam.putInlinePolicy(db, { ...base(), ...user, policyName: 'Bad', policyDocument: '{"Statement": [{"Effect": "Allow"}]}' }), 'MalformedPolicyDocument');
    const alice = (await iam.iamAccount(db, d.designId, accountId)).users.find((u) => u.name === 'alice')!;
    expect(alice.inlinePolicies.map((p) => p.name)).toEqual(['Half', 'Read']);
    expect(JSON.parse(alice.inlinePolicies[1].document).Statement[0].Action).toBe('s3:ListBucket');
  });

  it('sets and removes permissions boundaries from AWS-managed and customer-managed policies only', async () => {
    const { d, rev, base, accountId } = await setup('iam boundary');
    rev.took(await iam.createManagedPolicy(db, { ...base(), policyName: 'Boundary', policyDocument: allow('s3:*') }));
    const arn = `arn:aws:iam::${accountId}:policy/Boundary`;
    rev.took(await iam.createUser(db, { ...base(), userName: 'bob', permissionsBoundary: arn }));
    rev.took(await iam.createRole(db, { ...base(), roleName: 'App', assumeRolePolicyDocument: trustAccount(d.managementAccountId), permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    let view = await iam.iamAccount(db, d.designId, accountId);
    expect(view.users.find((u) => u.name === 'bob')!.permissionsBoundaryArn).toBe(arn);
    expect(view.roles.find((r) => r.name === 'App')!.permissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(view.policies.find((p) => p.name === 'Boundary')!.boundaryOf).toEqual(['user/bob']);
    rev.took(await iam.putPermissionsBoundary(db, { ...base(), principalType: 'role', principalName: 'App', permissionsBoundary: arn }));
    rev.took(await iam.deletePermissionsBoundary(db, { ...base(), principalType: 'user', principalName: 'bob' }));
    await expectAwsError(iam.deletePermissionsBoundary(db, { ...base(), principalType: 'user', principalName: 'bob' }), 'NoSuchEntity');
    // Another account's customer-managed policy is not visible from this one.
    const other = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Other', email: `o-${d.designId}@example.com`, accountId: '310987654321' }));
    await expectAwsError(iam.putPermissionsBoundary(db, { ...rev.base(d.designId), accountId: other.account.accountId, principalType: 'role', principalName: 'OrganizationAccountAccessRole', permissionsBoundary: arn }), 'NoSuchEntity');
    view = await iam.iamAccount(db, d.designId, accountId);
    expect(view.policies.find((p) => p.name === 'Boundary')!.boundaryOf).toEqual(['role/App']);
  });
});

describe('users, groups and tags', () => {
  it('manages memberships with the groups-per-user quota and refuses deleting non-empty groups and users', async () => {
    const { d, rev, base, accountId } = await setup('iam groups');
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { iam: { maxGroupsPerUser: 1 } } }));
    rev.took(await iam.createUser(db, { ...base(), userName: 'carol', path: '/people/' }));
    rev.took(await iam.createGroup(db, { ...base(), groupName: 'Admins' }));
    rev.took(await iam.createGroup(db, { ...base(), groupName: 'Readers' }));
    await expectAwsError(iam.createGroup(db, { ...base(), groupName: 'admins' }), 'EntityAlreadyExists');
    rev.took(await iam.addUserToGroup(db, { ...base(), groupName: 'Admins', userName: 'carol' }));
    await expectAwsError(iam.addUserToGroup(db, { ...base(), groupName: 'Readers', userName: 'carol' }), 'LimitExceeded');
    await expectAwsError(iam.deleteGroup(db, { ...base(), groupName: 'Admins' }), 'DeleteConflict');
    await expectAwsError(iam.deleteUser(db, { ...base(), userName: 'carol' }), 'DeleteConflict');
    rev.took(await iam.updateGroup(db, { ...base(), groupName: 'Admins', newGroupName: 'Operators', newPath: '/ops/' }));
    rev.took(await iam.updateUser(db, { ...base(), userName: 'carol', newUserName: 'carol.s' }));
    let view = await iam.iamAccount(db, d.designId, accountId);
    expect(view.groups.find((g) => g.name === 'Operators')).toMatchObject({ path: '/ops/', members: ['carol.s'], arn: `arn:aws:iam::${accountId}:group/ops/Operators` });
    rev.took(await iam.removeUserFromGroup(db, { ...base(), groupName: 'Operators', userName: 'carol.s' }));
    await expectAwsError(iam.removeUserFromGroup(db, { ...base(), groupName: 'Operators', userName: 'carol.s' }), 'NoSuchEntity');
    rev.took(await iam.deleteGroup(db, { ...base(), groupName: 'Operators' }));
    rev.took(await iam.deleteUser(db, { ...base(), userName: 'carol.s' }));
    view = await iam.iamAccount(db, d.designId, accountId);
    expect(view.users).toEqual([]);
    expect(view.groups.map((g) => g.name)).toEqual(['Readers']);
  });

  it('tags roles, users and policies with IAM\'s rules', async () => {
    const { d, rev, base, accountId } = await setup('iam tags');
    rev.took(await iam.createUser(db, { ...base(), userName: 'dave', tags: [{ key: 'a', value: '1' }] }));
    rev.took(await iam.tagIamResource(db, { ...base(), resourceType: 'user', resourceName: 'dave', tags: [{ key: 'a', value: '2' }, { key: 'b', value: '' }] }));
    rev.took(await iam.untagIamResource(db, { ...base(), resourceType: 'user', resourceName: 'dave', tagKeys: ['b', 'absent'] }));
    await expectAwsError(iam.tagIamResource(db, { ...base(), resourceType: 'role', resourceName: 'OrganizationAccountAccessRole', tags: [{ key: 'aws:x', value: 'y' }] }), 'InvalidInput');
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await expectAwsError(iam.tagIamResource(db, { ...base(), resourceType: 'role', resourceName: 'OrganizationAccountAccessRole', tags: many }), 'LimitExceeded');
    expect((await iam.iamAccount(db, d.designId, accountId)).users[0].tags).toEqual([{ key: 'a', value: '2' }]);
  });
});

/** Every IAM row of an account, without row ids, for comparing states. */
async function iamState(accountRowId: string) {
  const [roles, users, groups, policies] = await Promise.all([
    db.iamRole.findMany({ where: { accountId: accountRowId }, orderBy: { name: 'asc' }, select: { name: true, path: true, description: true, trustPolicy: true, maxSessionDuration: true, tags: true, boundaryPolicy: { select: { arn: true } }, attachments: { select: { policy: { select: { arn: true } } } }, inlinePolicies: { select: { name: true, document: true }, orderBy: { name: 'asc' } } } }),
    db.iamUser.findMany({ where: { accountId: accountRowId }, orderBy: { name: 'asc' }, select: { name: true, path: true, tags: true, boundaryPolicy: { select: { arn: true } }, memberships: { select: { group: { select: { name: true } } } } } }),
    db.iamGroup.findMany({ where: { accountId: accountRowId }, orderBy: { name: 'asc' }, select: { name: true, path: true } }),
    db.iamManagedPolicy.findMany({ where: { accountId: accountRowId }, orderBy: { name: 'asc' }, select: { arn: true, description: true, versions: { select: { versionId: true, document: true, isDefault: true }, orderBy: { versionId: 'asc' } } } }),
  ]);
  return { roles, users, groups, policies };
}

describe('history', () => {
  it('undoes every IAM edit back to the start and redoes them all', async () => {
    const { d, rev, base, accountId, accountRowId } = await setup('iam undo');
    const initial = await iamState(accountRowId);
    const arn = `arn:aws:iam::${accountId}:policy/Ops`;
    rev.took(await iam.createManagedPolicy(db, { ...base(), policyName: 'Ops', policyDocument: allow('ec2:Describe*') }));
    rev.took(await iam.createPolicyVersion(db, { ...base(), policyArn: arn, policyDocument: allow('ec2:*'), setAsDefault: true }));
    rev.took(await iam.createRole(db, { ...base(), roleName: 'Ops', assumeRolePolicyDocument: trustAccount(d.managementAccountId), permissionsBoundary: arn }));
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Ops', policyArn: arn }));
    rev.took(await iam.putInlinePolicy(db, { ...base(), principalType: 'role', principalName: 'Ops', policyName: 'Logs', policyDocument: allow('logs:*') }));
    rev.took(await iam.createUser(db, { ...base(), userName: 'erin' }));
    rev.took(await iam.createGroup(db, { ...base(), groupName: 'Team' }));
    rev.took(await iam.addUserToGroup(db, { ...base(), groupName: 'Team', userName: 'erin' }));
    rev.took(await iam.updateAssumeRolePolicy(db, { ...base(), roleName: 'OrganizationAccountAccessRole', policyDocument: trustAccount('111122223333') }));
    rev.took(await iam.tagIamResource(db, { ...base(), resourceType: 'role', resourceName: 'Ops', tags: [{ key: 'env', value: 'prod' }] }));
    const edits = 10;
    const final = await iamState(accountRowId);
    expect(final.policies[0].versions.map((v) => v.isDefault)).toEqual([false, true]);

    // The engine's world follows the edits (the compiled world of the new revision holds the role and the user).
    const principalArns = async () => (await listDesignPrincipals(db, d.designId)).principals.filter((p) => p.accountId === accountId).map((p) => p.arn).sort();
    expect(await principalArns()).toEqual([`arn:aws:iam::${accountId}:role/Ops`, `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, `arn:aws:iam::${accountId}:user/erin`]);

    for (let i = 0; i < edits; i += 1) rev.took(await undo(db, rev.base(d.designId)));
    expect(await iamState(accountRowId)).toEqual(initial);
    expect(await principalArns()).toEqual([`arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`]);
    for (let i = 0; i < edits; i += 1) rev.took(await redo(db, rev.base(d.designId)));
    expect(await iamState(accountRowId)).toEqual(final);
    // Undo a membership removal and a policy deletion chain too (rows without an id column, and versions).
    rev.took(await iam.removeUserFromGroup(db, { ...base(), groupName: 'Team', userName: 'erin' }));
    rev.took(await undo(db, rev.base(d.designId)));
    expect(await iamState(accountRowId)).toEqual(final);
  });
});

describe('bundle round trip', () => {
  it('exports every IAM edit in get-account-authorization-details shapes and imports it back identically', async () => {
    const { d, rev, base, accountId } = await setup('iam bundle');
    const arn = `arn:aws:iam::${accountId}:policy/app/AppRead`;
    rev.took(await iam.createManagedPolicy(db, { ...base(), policyName: 'AppRead', path: '/app/', description: 'App read access', policyDocument: allow('s3:GetObject'), tags: [{ key: 'owner', value: 'app' }] }));
    rev.took(await iam.createPolicyVersion(db, { ...base(), policyArn: arn, policyDocument: allow('s3:Get*'), setAsDefault: true }));
    rev.took(await iam.createRole(db, { ...base(), roleName: 'AppRuntime', path: '/app/', description: 'Runtime', maxSessionDuration: 14400, assumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]), permissionsBoundary: arn, tags: [{ key: 'env', value: 'prod' }] }));
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'AppRuntime', policyArn: arn }));
    rev.took(await iam.putInlinePolicy(db, { ...base(), principalType: 'role', principalName: 'AppRuntime', policyName: 'Logs', policyDocument: allow('logs:PutLogEvents') }));
    rev.took(await iam.createUser(db, { ...base(), userName: 'frank', path: '/people/', tags: [{ key: 'team', value: 'a' }] }));
    rev.took(await iam.createGroup(db, { ...base(), groupName: 'Devs', path: '/people/' }));
    rev.took(await iam.addUserToGroup(db, { ...base(), groupName: 'Devs', userName: 'frank' }));
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'group', principalName: 'Devs', policyArn: arn }));
    rev.took(await iam.putInlinePolicy(db, { ...base(), principalType: 'user', principalName: 'frank', policyName: 'Self', policyDocument: allow('iam:GetUser') }));

    const exported = (await exportDesign(db, d.designId, 'bundle')).document as { AuthorizationDetails: Record<string, Record<string, unknown[]>> };
    const details = exported.AuthorizationDetails[accountId];
    const role = details.RoleDetailList.find((r) => (r as { RoleName: string }).RoleName === 'AppRuntime') as Record<string, unknown>;
    // RoleDetail has neither MaxSessionDuration nor Description (API_RoleDetail.html): the export writes AWS's shape.
    expect(role).not.toHaveProperty('MaxSessionDuration');
    expect(role).not.toHaveProperty('Description');
    expect(role).toMatchObject({
      Path: '/app/', Tags: [{ Key: 'env', Value: 'prod' }],
      PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn },
      AttachedManagedPolicies: [{ PolicyName: 'AppRead', PolicyArn: arn }],
    });
    expect((role.RoleId as string)).toMatch(/^AROA[A-Z0-9]{17}$/);
    const policy = details.Policies.find((p) => (p as { Arn: string }).Arn === arn) as { DefaultVersionId: string; PolicyVersionList: { VersionId: string; IsDefaultVersion: boolean }[] };
    expect(policy.DefaultVersionId).toBe('v2');
    expect(policy.PolicyVersionList.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v1', false], ['v2', true]]);

    const second = await importBundle(db, JSON.parse(JSON.stringify(exported)), { name: uniqueName('iam bundle again') });
    const again = (await exportDesign(db, second.designId, 'bundle')).document as typeof exported;
    expect(again.AuthorizationDetails[accountId]).toEqual(details);
  });
});
