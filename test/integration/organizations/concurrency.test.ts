// Nothing lost: edits of one design run one at a time (the design row's lock); an edit based on an older revision
// goes in unless a change since wrote one of its rows (then CONFLICT), and AWS's rules read the design as it is now.
import { afterAll, describe, expect, it } from 'vitest';
import { undo } from '../../../server/services/history';
import { createAccount, createOrganizationalUnit, moveOrganizationalUnit, renameOrganizationalUnit, setQuotaOverrides } from '../../../server/services/organizations';
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

  it('takes an edit based on an older revision when nothing since wrote its rows, checked against the design as it is now', async () => {
    const d = await newDesign(db, 'stale');
    const rev = new Revision();
    const { ou: a } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'A' }));
    const seen = rev.value; // the second editor loaded the design here
    rev.took(await renameOrganizationalUnit(db, { ...rev.base(d.designId), ouId: a.id, name: 'A1' }));
    // Another row: goes in on top of the first editor's change, as two AWS calls would.
    const created = await createOrganizationalUnit(db, { designId: d.designId, expectedRevision: seen, parentId: d.rootId, name: 'B' });
    expect(created.revision).toBe(seen + 2);
    // AWS's rules read the design as it is now: the first editor's name is taken.
    await expectAwsError(createOrganizationalUnit(db, { designId: d.designId, expectedRevision: seen, parentId: d.rootId, name: 'A1' }), 'DuplicateOrganizationalUnitException');
    // The same row the first editor changed: refused, nothing written, the first editor's name kept.
    await expectAwsError(renameOrganizationalUnit(db, { designId: d.designId, expectedRevision: seen, ouId: a.id, name: 'A2' }), 'ConcurrentModificationException');
    expect((await db.organizationalUnit.findUniqueOrThrow({ where: { id: a.id } })).name).toBe('A1');
    const design = await db.design.findUniqueOrThrow({ where: { id: d.designId } });
    expect(design.revision).toBe(seen + 2);
    expect(await db.designChange.count({ where: { designId: d.designId } })).toBe(seen + 2);
    // Undo and redo act on "the latest change": they need the revision the user saw to be the current one.
    await expectAwsError(undo(db, { designId: d.designId, expectedRevision: seen }), 'ConcurrentModificationException');
  });

  it('refuses a revision the design has not reached and an unknown design without writing', async () => {
    const d = await newDesign(db, 'ahead');
    const rev = new Revision();
    rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'A' }));
    await expectAwsError(createOrganizationalUnit(db, { designId: d.designId, expectedRevision: 5, parentId: d.rootId, name: 'B' }), 'ConcurrentModificationException');
    await expect(createOrganizationalUnit(db, { designId: 'no-such-design', expectedRevision: 0, parentId: d.rootId, name: 'B' })).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(await db.organizationalUnit.count({ where: { rootId: d.rootId } })).toBe(1);
  });

  it('two concurrent edits on one revision never break a quota: the second is checked after the first', async () => {
    const d = await newDesign(db, 'quota-race');
    const rev = new Revision();
    // The management account plus one more.
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 2 } } }));
    const base = rev.base(d.designId);
    const results = await Promise.allSettled(['One', 'Two'].map((name) =>
      createAccount(db, { ...base, accountName: name, email: `${name.toLowerCase()}-${d.designId}@example.com` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected[0].reason).toMatchObject({ awsCode: 'ConstraintViolationException', awsReason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED' });
    expect(await db.account.count({ where: { designId: d.designId } })).toBe(2);
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
