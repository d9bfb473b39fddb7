import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { createDesign, deleteDesign, DesignNameTakenError, getDesign, listDesigns } from '../../../server/db/designs';
import { loadOrgTree } from '../../../server/db/org-tree';
import { createTestDb, uniqueName } from '../../support/db-test-client';

let db: PrismaClient;
beforeAll(() => {
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

/** A new design and the row ids of its organization, root and management account. */
async function newDesign(prefix: string) {
  const design = await createDesign(db, { name: uniqueName(prefix) });
  const tree = await loadOrgTree(db, design.id);
  if (!tree?.organization || !tree.root) throw new Error('createDesign made no organization');
  return { design, tree, organizationId: tree.organization.id, rootId: tree.root.id };
}

describe('createDesign', () => {
  it('mirrors CreateOrganization: all features, SCPs enabled on the root, FullAWSAccess on root and management account', async () => {
    const { design, tree } = await newDesign('create');
    expect(tree.organization?.featureSet).toBe('ALL');
    expect(tree.organization?.awsId).toMatch(/^o-[a-z0-9]{10}$/);
    expect(tree.root?.awsId).toMatch(/^r-[a-z0-9]{4}$/);
    expect(tree.root?.policyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);
    expect(tree.accounts).toHaveLength(1);
    const management = tree.accounts[0];
    expect(management.isManagementAccount).toBe(true);
    expect(management.accountId).toMatch(/^\d{12}$/);
    expect(management.parentId).toBe(tree.root?.id);
    expect(tree.policies.map((p) => p.name)).toEqual(['FullAWSAccess']);
    expect(tree.attachments.map((a) => a.targetKind).sort()).toEqual(['account', 'root']);
    expect((await getDesign(db, design.id))?.revision).toBe(0);
    expect((await listDesigns(db)).find((d) => d.id === design.id)).toMatchObject({ accountCount: 1, ouCount: 0 });
  });

  it('refuses a second design with the same name', async () => {
    const name = uniqueName('duplicate');
    await createDesign(db, { name });
    await expect(createDesign(db, { name })).rejects.toBeInstanceOf(DesignNameTakenError);
  });
});

describe('database constraints', () => {
  it('refuses two OUs with the same name under the root, and under the same OU', async () => {
    const { rootId } = await newDesign('ou names');
    const parent = await db.organizationalUnit.create({ data: { rootId, awsId: 'ou-aaaa-00000001', name: 'Workloads' } });
    await expect(db.organizationalUnit.create({ data: { rootId, awsId: 'ou-aaaa-00000002', name: 'Workloads' } })).rejects.toThrow();
    await db.organizationalUnit.create({ data: { rootId, parentOuId: parent.id, awsId: 'ou-aaaa-00000003', name: 'Prod' } });
    await expect(
      db.organizationalUnit.create({ data: { rootId, parentOuId: parent.id, awsId: 'ou-aaaa-00000004', name: 'Prod' } }),
    ).rejects.toThrow();
    // The same name under another parent is fine.
    await db.organizationalUnit.create({ data: { rootId, awsId: 'ou-aaaa-00000005', name: 'Prod' } });
  });

  it('refuses to delete an OU that still has a child OU or an account, as AWS does', async () => {
    const { design, rootId } = await newDesign('non-empty ou');
    const parent = await db.organizationalUnit.create({ data: { rootId, awsId: 'ou-bbbb-00000001', name: 'Parent' } });
    const child = await db.organizationalUnit.create({ data: { rootId, parentOuId: parent.id, awsId: 'ou-bbbb-00000002', name: 'Child' } });
    await expect(db.organizationalUnit.delete({ where: { id: parent.id } })).rejects.toThrow();
    const account = await db.account.create({
      data: { designId: design.id, accountId: '123456789012', name: 'Member', parentOuId: child.id },
    });
    await expect(db.organizationalUnit.delete({ where: { id: child.id } })).rejects.toThrow();
    await db.account.delete({ where: { id: account.id } });
    await db.organizationalUnit.delete({ where: { id: child.id } });
    await db.organizationalUnit.delete({ where: { id: parent.id } });
  });

  it('refuses a policy attachment with no target or two targets, and a duplicate attachment', async () => {
    const { organizationId, rootId, tree } = await newDesign('attachments');
    const policy = await db.organizationPolicy.create({
      data: { organizationId, awsId: 'p-abcd1234', type: 'SERVICE_CONTROL_POLICY', name: 'Deny', content: '{}' },
    });
    await expect(db.policyAttachment.create({ data: { policyId: policy.id } })).rejects.toThrow();
    await expect(
      db.policyAttachment.create({ data: { policyId: policy.id, rootId, accountId: tree.accounts[0].id } }),
    ).rejects.toThrow();
    await db.policyAttachment.create({ data: { policyId: policy.id, rootId } });
    await expect(db.policyAttachment.create({ data: { policyId: policy.id, rootId } })).rejects.toThrow();
    // An attached policy cannot be deleted (PolicyInUseException).
    await expect(db.organizationPolicy.delete({ where: { id: policy.id } })).rejects.toThrow();
  });

  it('refuses an account id that is not 12 digits and a duplicate account id in one design', async () => {
    const { design, tree } = await newDesign('account ids');
    await expect(db.account.create({ data: { designId: design.id, accountId: '12345', name: 'Short' } })).rejects.toThrow();
    await expect(
      db.account.create({ data: { designId: design.id, accountId: tree.accounts[0].accountId, name: 'Twin' } }),
    ).rejects.toThrow();
  });

  it('deletes everything in a design with the design, and nothing of other designs', async () => {
    const kept = await newDesign('kept');
    const doomed = await newDesign('doomed');
    const ou = await db.organizationalUnit.create({ data: { rootId: doomed.rootId, awsId: 'ou-cccc-00000001', name: 'OU' } });
    const nested = await db.organizationalUnit.create({ data: { rootId: doomed.rootId, parentOuId: ou.id, awsId: 'ou-cccc-00000002', name: 'Nested' } });
    const member = await db.account.create({
      data: { designId: doomed.design.id, accountId: '210987654321', name: 'Member', parentOuId: nested.id },
    });
    const policy = await db.iamManagedPolicy.create({
      data: {
        designId: doomed.design.id,
        accountId: member.id,
        arn: 'arn:aws:iam::210987654321:policy/Boundary',
        name: 'Boundary',
        versions: { create: [{ versionId: 'v1', document: '{}', isDefault: true }] },
      },
    });
    await db.iamRole.create({
      data: { accountId: member.id, name: 'App', trustPolicy: '{}', boundaryPolicyId: policy.id, attachments: { create: [{ policyId: policy.id }] } },
    });
    await db.designChange.create({ data: { designId: doomed.design.id, revision: 1, operation: 'createOu', payload: { forward: {}, inverse: {} } } });

    expect(await deleteDesign(db, doomed.design.id)).toBe(true);
    expect(await db.organization.count({ where: { designId: doomed.design.id } })).toBe(0);
    expect(await db.organizationalUnit.count({ where: { rootId: doomed.rootId } })).toBe(0);
    expect(await db.account.count({ where: { designId: doomed.design.id } })).toBe(0);
    expect(await db.iamManagedPolicy.count({ where: { designId: doomed.design.id } })).toBe(0);
    expect(await db.designChange.count({ where: { designId: doomed.design.id } })).toBe(0);
    expect(await deleteDesign(db, doomed.design.id)).toBe(false);
    expect((await loadOrgTree(db, kept.design.id))?.accounts).toHaveLength(1);
  });

  it('allows one default version per managed policy', async () => {
    const { design } = await newDesign('versions');
    const policy = await db.iamManagedPolicy.create({
      data: {
        designId: design.id,
        scope: 'AWS',
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        name: 'ReadOnlyAccess',
        versions: { create: [{ versionId: 'v1', document: '{}', isDefault: true }] },
      },
    });
    await expect(
      db.iamManagedPolicyVersion.create({ data: { policyId: policy.id, versionId: 'v2', document: '{}', isDefault: true } }),
    ).rejects.toThrow();
    await db.iamManagedPolicyVersion.create({ data: { policyId: policy.id, versionId: 'v2', document: '{}', isDefault: false } });
  });
});
