// Nothing lost: optimistic concurrency on the design revision, one transaction per edit.
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount, createOrganizationalUnit, moveOrganizationalUnit, setQuotaOverrides } from '../../../server/services/organizations';
import { runMutation } from '../../../server/services/organizations/mutation';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

describe('optimistic concurrency', () => {
  it('of two concurrent moves based on the same revision, one wins and the other gets a conflict', async () => {
    const d = await newDesign(db, 'race');
    const rev = new Revision();
    const ou = async (parentId: string, name: string) => rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId, name })).ou;
    const a = await ou(d.rootId, 'A');
    const b = await ou(d.rootId, 'B');
    const moving = await ou(d.rootId, 'Moving');
    const base = rev.base(d.designId);
    const results = await Promise.allSettled([
      moveOrganizationalUnit(db, { ...base, ouId: moving.id, destinationParentId: a.id }),
      moveOrganizationalUnit(db, { ...base, ouId: moving.id, destinationParentId: b.id }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ kind: 'CONFLICT', awsCode: 'ConcurrentModificationException' });
    const winner = (fulfilled[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof moveOrganizationalUnit>>>).value;
    const stored = await db.organizationalUnit.findUniqueOrThrow({ where: { id: moving.id } });
    expect(stored.parentOuId).toBe(winner.ou.parentId);
    const design = await db.design.findUniqueOrThrow({ where: { id: d.designId } });
    expect(design.revision).toBe(base.expectedRevision + 1);
    expect(await db.designChange.count({ where: { designId: d.designId, revision: design.revision } })).toBe(1);
  });

  it('refuses a stale revision and an unknown design without writing', async () => {
    const d = await newDesign(db, 'stale');
    const rev = new Revision();
    rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'A' }));
    await expectAwsError(createOrganizationalUnit(db, { designId: d.designId, expectedRevision: 0, parentId: d.rootId, name: 'B' }), 'ConcurrentModificationException');
    await expect(createOrganizationalUnit(db, { designId: 'no-such-design', expectedRevision: 0, parentId: d.rootId, name: 'B' })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(await db.organizationalUnit.count({ where: { rootId: d.rootId } })).toBe(1);
  });
});

describe('atomicity', () => {
  it('a failure after some writes leaves nothing behind (revision, rows, history)', async () => {
    const d = await newDesign(db, 'atomic');
    const rev = new Revision();
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 100 } } }));
    // createAccount writes the account and its FullAWSAccess attachment before it needs the management account
    // for the role's trust policy: without one it fails midway.
    await db.organization.update({ where: { designId: d.designId }, data: { managementAccountId: null } });
    await expect(createAccount(db, { ...rev.base(d.designId), accountName: 'Half', email: `half-${d.designId}@example.com` })).rejects.toThrow(/no management account/);
    expect(await db.account.count({ where: { designId: d.designId, name: 'Half' } })).toBe(0);
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision).toBe(rev.value);
    expect(await db.designChange.count({ where: { designId: d.designId } })).toBe(rev.value);
  });

  it('the edit frame rolls back every write when the operation throws', async () => {
    const d = await newDesign(db, 'frame');
    await expect(
      runMutation(db, 'test', { designId: d.designId, expectedRevision: 0 }, async (scope) => {
        await scope.writer.create('ou', { rootId: d.rootId, parentOuId: null, awsId: 'ou-test-aaaaaaaa', name: 'Ghost' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.organizationalUnit.count({ where: { rootId: d.rootId } })).toBe(0);
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision).toBe(0);
  });
});
