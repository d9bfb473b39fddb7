// History: undo/redo round trips, the redo stack, revisions, diff between any two revisions, branch copies.
import { afterAll, describe, expect, it } from 'vitest';
import { branchDesign, diffRevisions, listRevisions, redo, undo } from '../../../server/services/history';
import * as iam from '../../../server/services/iam';
import {
  attachPolicy,
  createAccount,
  createOrganizationalUnit,
  createPolicy,
  deleteOrganizationalUnit,
  detachPolicy,
  enablePolicyType,
  moveAccount,
  moveOrganizationalUnit,
  renameOrganizationalUnit,
  setQuotaOverrides,
  updatePolicy,
} from '../../../server/services/organizations';
import { SAMPLE_DESIGN_NAME } from '../../../server/db/sample-landing-zone';
import { seedSampleLandingZone } from '../../../server/db/seed';
import { createTestDb, uniqueName } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

/** Everything the Organizations part of a design holds, without ids that differ between copies. */
async function snapshot(designId: string) {
  const org = await db.organization.findUniqueOrThrow({
    where: { designId },
    select: {
      featureSet: true,
      root: { select: { tags: true, policyTypes: { select: { type: true }, orderBy: { type: 'asc' } } } },
      policies: { select: { awsId: true, name: true, content: true, tags: true, attachments: { select: { root: { select: { awsId: true } }, ou: { select: { awsId: true } }, account: { select: { accountId: true } } } } }, orderBy: { awsId: 'asc' } },
    },
  });
  const ous = await db.organizationalUnit.findMany({ where: { root: { organization: { designId } } }, select: { awsId: true, name: true, tags: true, parentOu: { select: { awsId: true } } }, orderBy: { awsId: 'asc' } });
  const accounts = await db.account.findMany({ where: { designId }, select: { accountId: true, name: true, status: true, parentOu: { select: { awsId: true } }, parentRootId: true, iamRoles: { select: { name: true }, orderBy: { name: 'asc' } } }, orderBy: { accountId: 'asc' } });
  const sortAttachments = org.policies.map((p) => ({ ...p, attachments: p.attachments.map((a) => a.root?.awsId ?? a.ou?.awsId ?? a.account?.accountId).sort() }));
  return { ...org, policies: sortAttachments, ous, accounts: accounts.map(({ parentRootId, ...a }) => ({ ...a, underRoot: parentRootId !== null })) };
}

const scp = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('undo and redo', () => {
  it('undoing every change returns the initial state, redoing all returns the final one', async () => {
    const d = await newDesign(db, 'undo');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    const initial = await snapshot(d.designId);
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
    const { ou: prod } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { ou: dev } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Dev' }));
    const { account } = rev.took(await createAccount(db, { ...base(), accountName: 'App', email: `app-${d.designId}@example.com`, parentId: prod.id }));
    rev.took(await moveOrganizationalUnit(db, { ...base(), ouId: dev.id, destinationParentId: prod.id }));
    rev.took(await moveAccount(db, { ...base(), accountId: account.id, destinationParentId: dev.id }));
    rev.took(await enablePolicyType(db, { ...base(), type: 'RESOURCE_CONTROL_POLICY' }));
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Deny', content: scp([{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }]) }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: dev.id }));
    const final = await snapshot(d.designId);
    const changes = rev.value;
    // Each entry names what it changed, not only the operation.
    expect((await listRevisions(db, d.designId)).revisions.map((r) => r.summary).reverse()).toEqual([
      null,
      'Create OU Prod under Root',
      'Create OU Dev under Root',
      'Create account App under Prod',
      'Move OU Dev from Root to Prod',
      'Move account App from Prod to Dev',
      'Enable resource control policies on the root',
      'Create SCP Deny',
      'Attach Deny to Dev',
    ]);

    for (let i = 0; i < changes; i++) rev.took(await undo(db, base()));
    expect(await snapshot(d.designId)).toEqual(initial);
    await expect(undo(db, base())).rejects.toMatchObject({ kind: 'CONFLICT', message: 'There is no change to undo.' });
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).quotaOverrides).toBeNull();

    for (let i = 0; i < changes; i++) rev.took(await redo(db, base()));
    expect(await snapshot(d.designId)).toEqual(final);
    await expect(redo(db, base())).rejects.toMatchObject({ kind: 'CONFLICT', message: 'There is no undone change to redo.' });
  });

  it('a new change clears the redo stack; revisions show what is undone', async () => {
    const d = await newDesign(db, 'redo');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'A' }));
    rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'B' }));
    const undone = rev.took(await undo(db, base()));
    expect(undone).toMatchObject({ undoneRevision: 2, revision: 3 });
    let listed = await listRevisions(db, d.designId);
    expect(listed).toMatchObject({ canUndo: true, canRedo: true });
    expect(listed.revisions.map((r) => [r.revision, r.operation, r.targetRevision, r.undone, r.summary])).toEqual([
      [3, 'undo', 2, false, 'Create OU B under Root'], [2, 'createOrganizationalUnit', null, true, 'Create OU B under Root'],
      [1, 'createOrganizationalUnit', null, false, 'Create OU A under Root'],
    ]);
    rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'C' }));
    listed = await listRevisions(db, d.designId);
    expect(listed.canRedo).toBe(false);
    await expect(redo(db, base())).rejects.toMatchObject({ kind: 'CONFLICT', message: 'There is no undone change to redo.' });
    // Undo is itself guarded by the revision.
    await expectAwsError(undo(db, { designId: d.designId, expectedRevision: 1 }), 'ConcurrentModificationException');
  });
});

describe('diff', () => {
  it('reports OUs, accounts, policies (statement level) and attachments between any two revisions', async () => {
    const d = await newDesign(db, 'diff');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
    const { ou: prod } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { ou: old } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Old' }));
    const { ou: team } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Team' }));
    const { account } = rev.took(await createAccount(db, { ...base(), accountName: 'App', email: `app-${d.designId}@example.com` }));
    const { policy } = rev.took(await createPolicy(db, {
      ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Guard',
      content: scp([{ Sid: 'DenyIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }, { Sid: 'DenyS3', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }, { Effect: 'Deny', Action: 'ec2:*', Resource: '*' }]),
    }));
    const checkpoint = rev.value;
    rev.took(await enablePolicyType(db, { ...base(), type: 'TAG_POLICY' }));

    rev.took(await deleteOrganizationalUnit(db, { ...base(), ouId: old.id }));
    rev.took(await createOrganizationalUnit(db, { ...base(), parentId: prod.id, name: 'Payments' }));
    rev.took(await moveOrganizationalUnit(db, { ...base(), ouId: team.id, destinationParentId: prod.id }));
    rev.took(await renameOrganizationalUnit(db, { ...base(), ouId: prod.id, name: 'Production' }));
    rev.took(await moveAccount(db, { ...base(), accountId: account.id, destinationParentId: prod.id }));
    rev.took(await updatePolicy(db, {
      ...base(), policyId: policy.id, name: 'Guardrails',
      content: scp([{ Sid: 'DenyIam', Effect: 'Deny', Action: ['iam:*', 'sts:*'], Resource: '*' }, { Effect: 'Deny', Action: 'ec2:*', Resource: '*' }, { Sid: 'DenyKms', Effect: 'Deny', Action: 'kms:*', Resource: '*' }]),
    }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: prod.id }));

    const diff = await diffRevisions(db, d.designId, checkpoint, rev.value);
    expect(diff.policyTypes).toEqual({ enabled: ['TAG_POLICY'], disabled: [] });
    expect(diff.featureSet).toBeNull();
    expect(diff.ous.added.map((o) => o.name)).toEqual(['Payments']);
    expect(diff.ous.removed.map((o) => o.name)).toEqual(['Old']);
    expect(diff.ous.moved).toMatchObject([{ name: 'Team', from: { id: d.rootId }, to: { id: prod.id, name: 'Production' } }]);
    expect(diff.ous.renamed).toMatchObject([{ id: prod.id, fromName: 'Prod', toName: 'Production' }]);
    expect(diff.accounts.moved).toMatchObject([{ awsId: account.accountId, from: { id: d.rootId }, to: { id: prod.id } }]);
    expect(diff.accounts.added).toEqual([]);
    // The statement without a Sid (ec2) is the first unnamed one in both versions: unchanged.
    const [changed] = diff.policies.changed;
    expect(changed).toMatchObject({ name: 'Guardrails', renamedFrom: 'Guard', contentChanged: true });
    expect(changed.statements.map((s) => [s.key, s.change]).sort()).toEqual([
      ['DenyIam', 'changed'], ['DenyKms', 'added'], ['DenyS3', 'removed'],
    ]);
    // The new OU got FullAWSAccess; Guardrails was attached to Production.
    expect(diff.attachments.added.map((a) => `${a.policy.name} -> ${a.target.kind} ${a.target.name}`).sort()).toEqual([
      'FullAWSAccess -> ou Payments', 'Guardrails -> ou Production',
    ]);
    // Attachments of the deleted OU (FullAWSAccess) disappear with it.
    expect(diff.attachments.removed).toMatchObject([{ policy: { name: 'FullAWSAccess' }, target: { kind: 'ou', id: old.id } }]);

    // The reverse diff mirrors it; a diff from 0 sees only additions.
    const reverse = await diffRevisions(db, d.designId, rev.value, checkpoint);
    expect(reverse.ous.added.map((o) => o.name)).toEqual(['Old']);
    const fromStart = await diffRevisions(db, d.designId, 0, checkpoint);
    expect(fromStart.ous.added.map((o) => o.name).sort()).toEqual(['Old', 'Prod', 'Team']);
    expect(fromStart.accounts.added.map((a) => a.name)).toEqual(['App']);
    expect(fromStart.policies.added.map((p) => p.name)).toEqual(['Guard']);
    await expect(diffRevisions(db, d.designId, 0, rev.value + 1)).rejects.toMatchObject({ kind: 'INVALID_INPUT' });
  });
});

describe('diff of IAM', () => {
  it('reports roles (trust policy statement by statement), users, groups, memberships, managed policy versions, inline policies and attachments', async () => {
    const d = await newDesign(db, 'diff iam');
    const rev = new Revision();
    const { account } = rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Workload', email: `w-${d.designId}@example.com`, accountId: '210987654322' }));
    const base = () => ({ ...rev.base(d.designId), accountId: account.accountId });
    const trust = (principal: string, extra: object = {}) => scp([{ Sid: 'Ops', Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...extra }]);
    rev.took(await iam.createRole(db, { ...base(), roleName: 'Deployer', assumeRolePolicyDocument: trust(`arn:aws:iam::${d.managementAccountId}:root`) }));
    rev.took(await iam.createRole(db, { ...base(), roleName: 'Doomed', assumeRolePolicyDocument: trust(`arn:aws:iam::${d.managementAccountId}:root`) }));
    const { entity: policy } = rev.took(await iam.createManagedPolicy(db, { ...base(), policyName: 'Deploy', policyDocument: scp([{ Sid: 'Stacks', Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }]) }));
    rev.took(await iam.createUser(db, { ...base(), userName: 'alice' }));
    rev.took(await iam.createGroup(db, { ...base(), groupName: 'Ops' }));
    const checkpoint = rev.value;

    rev.took(await iam.updateAssumeRolePolicy(db, { ...base(), roleName: 'Deployer', policyDocument: trust('arn:aws:iam::111122223333:root', { Condition: { StringEquals: { 'sts:ExternalId': 'x-42' } } }) }));
    rev.took(await iam.updateRole(db, { ...base(), roleName: 'Deployer', maxSessionDuration: 7200 }));
    rev.took(await iam.deleteRole(db, { ...base(), roleName: 'Doomed' }));
    rev.took(await iam.createPolicyVersion(db, { ...base(), policyArn: policy.arn, setAsDefault: true, policyDocument: scp([{ Sid: 'Stacks', Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }, { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]) }));
    rev.took(await iam.attachPrincipalPolicy(db, { ...base(), principalType: 'role', principalName: 'Deployer', policyArn: policy.arn }));
    rev.took(await iam.putInlinePolicy(db, { ...base(), principalType: 'user', principalName: 'alice', policyName: 'Self', policyDocument: scp([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }]) }));
    rev.took(await iam.addUserToGroup(db, { ...base(), groupName: 'Ops', userName: 'alice' }));

    const diff = await diffRevisions(db, d.designId, checkpoint, rev.value);
    const rows = diff.iam.map((change) => `${change.account?.awsId} ${change.kind} ${change.change} ${change.name}${change.details.length ? ` (${change.details.join('; ')})` : ''}`);
    expect(rows).toEqual([
      '210987654322 attachment added Deploy → role Deployer',
      '210987654322 inlinePolicy added inline policy Self of user alice',
      '210987654322 managedPolicy changed managed policy Deploy (default version v1 → v2; version v2 created)',
      '210987654322 role changed role Deployer (trust policy; max session duration 3600 s → 7200 s)',
      '210987654322 role removed role Doomed',
      '210987654322 membership added user alice in group Ops',
    ].sort((a, b) => a.split(' ').slice(3).join(' ').localeCompare(b.split(' ').slice(3).join(' '))));
    const deployer = diff.iam.find((change) => change.name === 'role Deployer')!;
    expect(deployer.statements).toMatchObject([{ key: 'Ops', change: 'changed' }]);
    const version = diff.iam.find((change) => change.kind === 'managedPolicy')!;
    expect(version.statements.map((statement) => [statement.key, statement.change])).toEqual([['Pass', 'added']]);

    // The reverse diff mirrors it; from revision 0 everything is an addition.
    const reverse = await diffRevisions(db, d.designId, rev.value, checkpoint);
    expect(reverse.iam.filter((change) => change.kind === 'role').map((change) => `${change.change} ${change.name}`).sort()).toEqual(['added role Doomed', 'changed role Deployer']);
    const fromStart = await diffRevisions(db, d.designId, 0, checkpoint);
    expect(fromStart.iam.filter((change) => change.kind === 'role').map((change) => change.name).sort()).toEqual(['role Deployer', 'role Doomed', 'role OrganizationAccountAccessRole']);
    expect(fromStart.iam.every((change) => change.change === 'added')).toBe(true);
  });
});

describe('branchDesign', () => {
  it('copies every row with new ids and the same AWS ids; the copy and the original change independently', async () => {
    const d = await newDesign(db, 'branch');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
    const { ou: prod } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Prod' }));
    const { ou: payments } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: prod.id, name: 'Payments' }));
    rev.took(await createAccount(db, { ...base(), accountName: 'App', email: `app-${d.designId}@example.com`, parentId: payments.id }));
    const before = await snapshot(d.designId);

    const name = uniqueName('branch copy');
    const { design: copy } = await branchDesign(db, { designId: d.designId, newName: name });
    expect(copy).toMatchObject({ name, revision: 0 });
    expect(await snapshot(copy.id)).toEqual(before);
    const copiedOu = await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId: copy.id } }, awsId: prod.awsId } });
    expect(copiedOu.id).not.toBe(prod.id);
    const copiedOrg = await db.organization.findUniqueOrThrow({ where: { designId: copy.id }, select: { managementAccount: { select: { designId: true } } } });
    expect(copiedOrg.managementAccount?.designId).toBe(copy.id);
    expect((await db.design.findUniqueOrThrow({ where: { id: copy.id } })).quotaOverrides).toEqual({ organization: { defaultMaxAccounts: 50 } });

    // Edit the copy: the original does not change, and vice versa.
    await renameOrganizationalUnit(db, { designId: copy.id, expectedRevision: 0, ouId: prod.awsId, name: 'Production' });
    expect(await snapshot(d.designId)).toEqual(before);
    rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Sandbox' }));
    expect((await snapshot(copy.id)).ous.map((o) => o.name).sort()).toEqual(['Payments', 'Production']);

    await expect(branchDesign(db, { designId: d.designId, newName: name })).rejects.toMatchObject({ kind: 'CONFLICT', field: 'newName' });
    await expect(branchDesign(db, { designId: 'missing', newName: uniqueName('x') })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
  });
});

describe('branching the sample landing zone', () => {
  it('copies IAM, resource policies, RAM and Control Tower rows too', async () => {
    await seedSampleLandingZone(db);
    const sample = await db.design.findUniqueOrThrow({ where: { name: SAMPLE_DESIGN_NAME }, select: { id: true } });
    const { design: copy } = await branchDesign(db, { designId: sample.id, newName: uniqueName('sample branch') });
    const counts = async (designId: string) => {
      const inAccount = { account: { designId } };
      return {
        ous: await db.organizationalUnit.count({ where: { root: { organization: { designId } } } }),
        accounts: await db.account.count({ where: { designId } }),
        policies: await db.organizationPolicy.count({ where: { organization: { designId } } }),
        attachments: await db.policyAttachment.count({ where: { policy: { organization: { designId } } } }),
        roles: await db.iamRole.count({ where: inAccount }),
        users: await db.iamUser.count({ where: inAccount }),
        groups: await db.iamGroup.count({ where: inAccount }),
        memberships: await db.iamGroupMembership.count({ where: { group: inAccount } }),
        managedPolicies: await db.iamManagedPolicy.count({ where: { designId } }),
        iamAttachments: await db.iamPolicyAttachment.count({ where: { policy: { designId } } }),
        inlinePolicies: await db.iamInlinePolicy.count({ where: { OR: [{ user: inAccount }, { group: inAccount }, { role: inAccount }] } }),
        resourcePolicies: await db.resourcePolicy.count({ where: inAccount }),
        shares: await db.resourceShare.count({ where: { ownerAccount: { designId } } }),
        landingZones: await db.landingZone.count({ where: { designId } }),
        registeredOus: await db.registeredOu.count({ where: { landingZone: { designId } } }),
        controls: await db.enabledControl.count({ where: { landingZone: { designId } } }),
      };
    };
    const original = await counts(sample.id);
    expect(original.roles).toBeGreaterThan(0);
    expect(await counts(copy.id)).toEqual(original);
    expect(await snapshot(copy.id)).toEqual(await snapshot(sample.id));
  });
});

describe('detach then undo', () => {
  it('restores the attachment exactly', async () => {
    const d = await newDesign(db, 'detach');
    const rev = new Revision();
    const base = () => rev.base(d.designId);
    const { policy } = rev.took(await createPolicy(db, { ...base(), type: 'SERVICE_CONTROL_POLICY', name: 'Allow', content: scp([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }));
    rev.took(await attachPolicy(db, { ...base(), policyId: policy.id, targetId: d.rootId }));
    const before = await db.policyAttachment.findMany({ where: { rootId: d.rootId }, orderBy: { id: 'asc' } });
    rev.took(await detachPolicy(db, { ...base(), policyId: 'p-FullAWSAccess', targetId: d.rootId }));
    rev.took(await undo(db, base()));
    expect(await db.policyAttachment.findMany({ where: { rootId: d.rootId }, orderBy: { id: 'asc' } })).toEqual(before);
  });
});
