// IAM Identity Center editing on a real database: the instance, identity store, permission sets and assignments,
// AWS's errors and quotas, the AWSReservedSSO_ role each assignment yields in the World (simulated as any role),
// undo, and branching. AWS pages:
// - sso-admin API reference, "Errors" of each action (ConflictException, ValidationException,
//   ServiceQuotaExceededException, ResourceNotFoundException):
//   https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html,
//   API_AttachManagedPolicyToPermissionSet.html, API_PutInlinePolicyToPermissionSet.html,
//   API_CreateAccountAssignment.html, API_DeletePermissionSet.html.
// - identitystore CreateUser / CreateGroup (ConflictException, reason UNIQUENESS_CONSTRAINT_VIOLATION):
//   https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html
// - Quotas: https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html (20 AWS managed and customer managed
//   policies per permission set; inline policy 32,768 bytes, 10,240 non-whitespace characters).
// - Session duration PT1H..PT12H: https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html
// - Roles: https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html
import { afterAll, describe, expect, it } from 'vitest';
import { branchDesign, undo } from '../../../server/services/history';
import * as ic from '../../../server/services/identity-center';
import { createAccount, describeDesignQuotas, setQuotaOverrides, setServiceQuota } from '../../../server/services/organizations';
import { accessGraph } from '../../../server/services/access/access-service';
import { simulate } from '../../../server/services/simulation/simulation-service';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const WORKLOAD = '210987654321';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A design with a workload account (which brings AdministratorAccess into the design) and Identity Center enabled. */
async function setup(prefix: string) {
  const d = await newDesign(db, prefix);
  const rev = new Revision();
  rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Workload', email: `w-${d.designId}@example.com`, accountId: WORKLOAD }));
  const enabled = rev.took(await ic.enableIdentityCenter(db, { ...rev.base(d.designId), name: 'corp', region: 'eu-west-2' }));
  const base = () => rev.base(d.designId);
  return { d, rev, base, instanceArn: enabled.entity.id };
}

describe('IAM Identity Center editing', () => {
  it('enables one instance in the management account, with trusted access for sso.amazonaws.com', async () => {
    const { d, rev, base, instanceArn } = await setup('ic enable');
    expect(instanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    await expectAwsError(ic.enableIdentityCenter(db, { ...base() }), 'ConflictException');
    const view = await ic.identityCenterView(db, d.designId);
    expect(view.instance).toMatchObject({ instanceArn, region: 'eu-west-2', name: 'corp', owner: { accountId: d.managementAccountId } });
    const access = await db.organizationServiceAccess.findMany({ where: { organization: { designId: d.designId } }, select: { servicePrincipal: true } });
    expect(access.map((a) => a.servicePrincipal)).toContain('sso.amazonaws.com');
    expect(rev.value).toBe(2);
  });

  it('keeps users, groups and memberships unique whatever their case, and removes a deleted user everywhere', async () => {
    const { d, rev, base } = await setup('ic store');
    const alice = rev.took(await ic.createIdentityStoreUser(db, { ...base(), userName: 'alice', displayName: 'Alice Liddell', email: 'alice@example.com' }));
    await expectAwsError(ic.createIdentityStoreUser(db, { ...base(), userName: 'ALICE', displayName: 'Other' }), 'ConflictException', 'UNIQUENESS_CONSTRAINT_VIOLATION');
    await expectAwsError(ic.createIdentityStoreUser(db, { ...base(), userName: 'Administrator', displayName: 'x' }), 'ValidationException');
    const admins = rev.took(await ic.createIdentityStoreGroup(db, { ...base(), displayName: 'Admins' }));
    await expectAwsError(ic.createIdentityStoreGroup(db, { ...base(), displayName: 'admins' }), 'ConflictException');
    rev.took(await ic.createGroupMembership(db, { ...base(), groupId: admins.entity.id, userId: 'alice' }));
    await expectAwsError(ic.createGroupMembership(db, { ...base(), groupId: 'Admins', userId: alice.entity.id }), 'ConflictException');
    await expectAwsError(ic.createGroupMembership(db, { ...base(), groupId: 'Admins', userId: 'bob' }), 'ResourceNotFoundException');
    expect((await ic.identityCenterView(db, d.designId)).groups).toEqual([
      { groupId: admins.entity.id, displayName: 'Admins', description: '', members: ['alice'] },
    ]);
    rev.took(await ic.deleteIdentityStoreUser(db, { ...base(), userId: 'alice' }));
    expect((await ic.identityCenterView(db, d.designId)).groups[0].members).toEqual([]);
    rev.took(await undo(db, { ...base() }));
    expect((await ic.identityCenterView(db, d.designId)).groups[0].members).toEqual(['alice']);
  });

  it("checks permission sets as AWS does: names, session durations, AWS managed policies, the 20-policy quota, the inline policy", async () => {
    const { d, rev, base } = await setup('ic permission sets');
    const ps = rev.took(await ic.createPermissionSet(db, { ...base(), name: 'Developer', description: 'Builders', sessionDuration: 'PT8H' }));
    expect(ps.entity.id).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
    await expectAwsError(ic.createPermissionSet(db, { ...base(), name: 'developer' }), 'ConflictException');
    for (const duration of ['PT13H', 'PT30M', '8 hours']) {
      await expectAwsError(ic.createPermissionSet(db, { ...base(), name: 'Other', sessionDuration: duration }), 'ValidationException');
    }
    const ref = () => ({ ...base(), permissionSetArn: 'Developer' });
    await expectAwsError(ic.attachManagedPolicyToPermissionSet(db, { ...ref(), managedPolicyArn: `arn:aws:iam::${WORKLOAD}:policy/Mine` }), 'ValidationException');
    await expectAwsError(ic.attachManagedPolicyToPermissionSet(db, { ...ref(), managedPolicyArn: 'arn:aws:iam::aws:policy/NotHeldByTheDesign' }), 'ResourceNotFoundException');
    rev.took(await ic.attachManagedPolicyToPermissionSet(db, { ...ref(), managedPolicyArn: ADMIN }));
    await expectAwsError(ic.attachManagedPolicyToPermissionSet(db, { ...ref(), managedPolicyArn: ADMIN }), 'ConflictException');
    for (let i = 0; i < 19; i += 1) {
      rev.took(await ic.attachCustomerManagedPolicyReference(db, { ...ref(), customerManagedPolicyReference: { name: `Team${i}`, path: '/teams/' } }));
    }
    await expectAwsError(
      ic.attachCustomerManagedPolicyReference(db, { ...ref(), customerManagedPolicyReference: { name: 'OneTooMany', path: '/' } }),
      'ServiceQuotaExceededException',
    );
    await expectAwsError(ic.putInlinePolicyToPermissionSet(db, { ...ref(), inlinePolicy: '{"Version": "2012-10-17", "Statement": [' }), 'ValidationException');
    await expectAwsError(ic.putInlinePolicyToPermissionSet(db, { ...ref(), inlinePolicy: doc([{ Effect: 'Allow', Action: 's3:GetObject' }]) }), 'ValidationException');
    const big = doc(Array.from({ length: 120 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-with-a-long-name-${i}/*` })));
    await expectAwsError(ic.putInlinePolicyToPermissionSet(db, { ...ref(), inlinePolicy: big }), 'ValidationException');
    rev.took(await ic.putInlinePolicyToPermissionSet(db, { ...ref(), inlinePolicy: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) }));
    rev.took(await ic.putPermissionsBoundaryToPermissionSet(db, { ...ref(), customerManagedPolicyReference: { name: 'DevBoundary', path: '/' } }));
    const view = (await ic.identityCenterView(db, d.designId)).permissionSets[0];
    expect(view).toMatchObject({ name: 'Developer', sessionDuration: 'PT8H', managedPolicyArns: [ADMIN], permissionsBoundary: { customerManagedPolicyReference: { name: 'DevBoundary', path: '/' } } });
    expect(view.customerManagedPolicies).toHaveLength(19);
    expect(JSON.parse(view.inlinePolicy!).Statement[0].Action).toBe('s3:*');
  });

  it("assigning a permission set creates the AWSReservedSSO_ role in the account, which simulates as any role; undo removes it", async () => {
    const { d, rev, base } = await setup('ic assignments');
    rev.took(await ic.createIdentityStoreGroup(db, { ...base(), displayName: 'Admins' }));
    rev.took(await ic.createPermissionSet(db, { ...base(), name: 'AdministratorAccess', sessionDuration: 'PT2H' }));
    rev.took(await ic.attachManagedPolicyToPermissionSet(db, { ...base(), permissionSetArn: 'AdministratorAccess', managedPolicyArn: ADMIN }));
    const assignment = { permissionSetArn: 'AdministratorAccess', targetId: WORKLOAD, principalType: 'GROUP' as const, principalId: 'Admins' };
    await expectAwsError(ic.createAccountAssignment(db, { ...assignment, ...base(), targetId: '999999999999' }), 'ResourceNotFoundException');
    await expectAwsError(ic.createAccountAssignment(db, { ...assignment, ...base(), principalType: 'USER' }), 'ResourceNotFoundException');
    rev.took(await ic.createAccountAssignment(db, { ...assignment, ...base() }));
    await expectAwsError(ic.createAccountAssignment(db, { ...assignment, ...base() }), 'ConflictException');
    await expectAwsError(ic.deletePermissionSet(db, { ...base(), permissionSetArn: 'AdministratorAccess' }), 'ConflictException');

    const view = await ic.identityCenterView(db, d.designId);
    expect(view.assignments).toEqual([
      expect.objectContaining({ permissionSetName: 'AdministratorAccess', accountId: WORKLOAD, accountName: 'Workload', principalType: 'GROUP', principalName: 'Admins' }),
    ]);
    const [provisioned] = view.provisioning;
    expect(provisioned).toMatchObject({ accountId: WORKLOAD, status: 'SUCCEEDED' });
    expect(provisioned.roleArn).toMatch(new RegExp(`^arn:aws:iam::${WORKLOAD}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}$`));
    // Stable across reloads: the same role name comes back from a fresh view.
    expect((await ic.identityCenterView(db, d.designId)).provisioning[0].roleArn).toBe(provisioned.roleArn);

    const asRole = await simulate(db, d.designId, { principalArn: provisioned.roleArn, action: 'ec2:RunInstances', resource: '*', context: [] });
    expect(asRole.result.decision).toBe('allowed');

    // The access graph leads from the group through the permission set in the account to the role.
    const graph = await accessGraph(db, { designId: d.designId, principal: 'Admins' });
    const fromGroup = graph.edges.find((edge) => edge.action === 'sso:AccountAssignment')!;
    expect(graph.nodes.find((node) => node.id === fromGroup.to)).toMatchObject({ kind: 'permission-set', name: 'AdministratorAccess', accountId: WORKLOAD });
    const full = await accessGraph(db, { designId: d.designId });
    expect(full.edges.some((edge) => edge.from === fromGroup.to && edge.to === provisioned.roleArn && edge.action === 'sts:AssumeRoleWithSAML')).toBe(true);

    // A branch carries Identity Center and yields the same role.
    const branch = await branchDesign(db, { designId: d.designId, newName: uniqueName('ic branch') });
    expect((await ic.identityCenterView(db, branch.design.id)).provisioning.map((p) => p.roleArn)).toEqual([provisioned.roleArn]);

    rev.took(await undo(db, { ...base() }));
    expect((await ic.identityCenterView(db, d.designId)).provisioning).toEqual([]);
    await expectAwsError(simulate(db, d.designId, { principalArn: provisioned.roleArn, action: 'ec2:RunInstances', resource: '*', context: [] }), 'NoSuchEntity');
  });

  it("reports AWS's provisioning failure when the account lacks a referenced customer managed policy", async () => {
    const { d, rev, base } = await setup('ic cmp');
    rev.took(await ic.createIdentityStoreUser(db, { ...base(), userName: 'bob', displayName: 'Bob' }));
    rev.took(await ic.createPermissionSet(db, { ...base(), name: 'Reader' }));
    rev.took(await ic.attachCustomerManagedPolicyReference(db, { ...base(), permissionSetArn: 'Reader', customerManagedPolicyReference: { name: 'ReadTeamData', path: '/' } }));
    rev.took(await ic.createAccountAssignment(db, { ...base(), permissionSetArn: 'Reader', targetId: WORKLOAD, principalType: 'USER', principalId: 'bob' }));
    const [status] = (await ic.identityCenterView(db, d.designId)).provisioning;
    expect(status).toMatchObject({ status: 'FAILED' });
    expect(status.failureReason).toContain(`arn:aws:iam::${WORKLOAD}:policy/ReadTeamData`);
  });

  it('reads its quotas from the design: listed with their use and doc page, adjustable ones raised or overridden per design', async () => {
    const { d, rev, base } = await setup('ic quotas');
    rev.took(await ic.createIdentityStoreUser(db, { ...base(), userName: 'dana', displayName: 'Dana' }));
    rev.took(await ic.createPermissionSet(db, { ...base(), name: 'First' }));
    rev.took(await ic.putInlinePolicyToPermissionSet(db, { ...base(), permissionSetArn: 'First', inlinePolicy: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) }));
    rev.took(await ic.createAccountAssignment(db, { ...base(), permissionSetArn: 'First', targetId: WORKLOAD, principalType: 'USER', principalId: 'dana' }));
    const listed = (await describeDesignQuotas(db, d.designId)).quotas.filter((q) => q.service === 'IAM Identity Center');
    const byKey = Object.fromEntries(listed.map((q) => [q.key, q]));
    expect(byKey['identityCenter.maxPermissionSets']).toMatchObject({ value: 2_000, used: 1, adjustable: true, docUrl: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html' });
    expect(byKey['identityCenter.maxProvisionedPermissionSetsPerAccount']).toMatchObject({ value: 250, used: 1, adjustable: true });
    expect(byKey['identityCenter.maxManagedPoliciesPerPermissionSet']).toMatchObject({ value: 20, adjustable: false });
    expect(byKey['identityCenter.maxInlinePoliciesPerPermissionSet']).toMatchObject({ value: 1, used: 1 });
    expect(byKey['identityCenter.maxInlinePolicyNonWhitespace'].used).toBeGreaterThan(40);

    // Raised through Service Quotas (up to the highest figure AWS publishes), and returned to the default.
    rev.took(await setServiceQuota(db, { ...base(), quotaKey: 'identityCenter.maxPermissionSets', value: 3_000 }));
    expect((await describeDesignQuotas(db, d.designId)).quotas.find((q) => q.key === 'identityCenter.maxPermissionSets')).toMatchObject({ value: 3_000, raised: true });
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'identityCenter.maxPermissionSets', value: 3_501 }), 'IllegalArgumentException');
    await expectAwsError(setServiceQuota(db, { ...base(), quotaKey: 'identityCenter.maxInlinePolicyBytes', value: 40_000 }), 'IllegalArgumentException');
    // A design that records a lower figure (an older or regional default) is held to it by CreatePermissionSet.
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { identityCenter: { maxPermissionSets: 1, maxProvisionedPermissionSetsPerAccount: 1 } } }));
    await expectAwsError(ic.createPermissionSet(db, { ...base(), name: 'Second' }), 'ServiceQuotaExceededException');
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { identityCenter: { maxProvisionedPermissionSetsPerAccount: 1 } } }));
    rev.took(await ic.createPermissionSet(db, { ...base(), name: 'Second' }));
    await expectAwsError(ic.createAccountAssignment(db, { ...base(), permissionSetArn: 'Second', targetId: WORKLOAD, principalType: 'USER', principalId: 'dana' }), 'ServiceQuotaExceededException');
  });

  it('checks a draft inline policy as the save would, without saving: grammar findings placed in the text, and the sizes', () => {
    const missingResource = ic.validatePermissionSetInlinePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject" }]\n}');
    expect(missingResource.rejected).toBe(true);
    expect(missingResource.findings.find((f) => f.severity === 'error')).toMatchObject({ line: expect.any(Number) });
    const fine = ic.validatePermissionSetInlinePolicy(doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]));
    expect(fine).toMatchObject({ rejected: false, findings: [], size: { quota: 10_240 } });
    // 10,240 non-whitespace characters at most (limits.html), whatever IAM's own inline quota for roles says.
    const large = ic.validatePermissionSetInlinePolicy(doc(Array.from({ length: 300 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `s3:GetObject`, Resource: `arn:aws:s3:::bucket-${i}/*` }))));
    expect(large.rejected).toBe(true);
    const sizes = large.findings.filter((f) => f.code === 'POLICY_SIZE_EXCEEDED').map((f) => f.message);
    expect(sizes).toEqual(expect.arrayContaining([expect.stringContaining('at most 10,240 are allowed')]));
  });
});
