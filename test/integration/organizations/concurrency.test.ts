// Nothing lost: edits of one design run one at a time (the design row's lock); an edit based on an older revision
// goes in unless a change since wrote one of its rows (then CONFLICT), and AWS's rules read the design as it is now.
import { afterAll, describe, expect, it } from 'vitest';
import { runAsAuthor } from '../../../server/services/auth/actor';
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

// Edits of a design that arrive while one of its transactions runs wait in the process and go in together, in one
// transaction (server/services/organizations/mutation.ts): each must still be judged alone, in arrival order.
describe('edits that arrive together', () => {
  it('all go in, each with its own revision, history entry and author', async () => {
    const d = await newDesign(db, 'together');
    const base = { designId: d.designId, expectedRevision: 0 };
    const names = Array.from({ length: 20 }, (_, index) => `OU ${index}`);
    const created = await Promise.all(names.map((name, index) =>
      runAsAuthor(`editor-${index}`, () => createOrganizationalUnit(db, { ...base, parentId: d.rootId, name }))));
    expect(new Set(created.map((result) => result.revision))).toEqual(new Set(names.map((_, index) => index + 1)));
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision).toBe(20);
    const history = await db.designChange.findMany({ where: { designId: d.designId }, orderBy: { revision: 'asc' } });
    expect(history.map((entry) => entry.revision)).toEqual(names.map((_, index) => index + 1));
    for (const [index, result] of created.entries()) {
      const entry = history.find((row) => row.revision === result.revision)!;
      // The entry of each revision holds that edit's OU and that edit's author, not the batch leader's.
      expect(JSON.stringify(entry.payload)).toContain(result.ou.id);
      expect(entry.author).toBe(`editor-${index}`);
    }
  });

  it('an edit refused, or failing after it wrote, holds back none of the others and leaves nothing behind', async () => {
    const d = await newDesign(db, 'together-mixed');
    const rev = new Revision();
    const ous = [];
    for (const name of ['Taken', 'Contested', ...Array.from({ length: 8 }, (_, index) => `Plain ${index}`)]) {
      ous.push(rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name })).ou);
    }
    const [taken, contested, ...plain] = ous;
    const base = rev.base(d.designId);
    const results = await Promise.allSettled([
      // Goes alone; the rest queue behind it and go in together.
      renameOrganizationalUnit(db, { ...base, ouId: plain[0].id, name: 'First' }),
      ...plain.slice(1, 4).map((ou, index) => renameOrganizationalUnit(db, { ...base, ouId: ou.id, name: `Renamed ${index}` })),
      // Refused before writing: AWS's rule, judged on the design as the edits before it left it.
      createOrganizationalUnit(db, { ...base, parentId: d.rootId, name: taken.name }),
      renameOrganizationalUnit(db, { ...base, ouId: contested.id, name: 'Contested 1' }),
      // Writes, then fails: the whole batch rolls back and each edit runs again on its own.
      runMutation(db, 'test', base, async (scope) => {
        await scope.writer.create('ou', { rootId: d.rootId, parentOuId: null, awsId: 'ou-test-bbbbbbbb', name: 'Ghost' });
        throw new Error('boom');
      }),
      // The same row as an edit before it, on the same base revision: a lost update, refused.
      renameOrganizationalUnit(db, { ...base, ouId: contested.id, name: 'Contested 2' }),
      ...plain.slice(4).map((ou, index) => renameOrganizationalUnit(db, { ...base, ouId: ou.id, name: `Renamed ${index + 3}` })),
    ]);
    const reasons = results.map((result) => (result.status === 'rejected' ? result.reason : null));
    expect(reasons[4]).toMatchObject({ awsCode: 'DuplicateOrganizationalUnitException' });
    expect(reasons[6]).toBeInstanceOf(Error);
    expect((reasons[6] as Error).message).toBe('boom');
    expect(reasons[7]).toMatchObject({ kind: 'CONFLICT', awsCode: 'ConcurrentModificationException' });
    const accepted = results.filter((result) => result.status === 'fulfilled');
    expect(accepted).toHaveLength(9);
    expect(reasons.filter((reason, index) => reason !== null && ![4, 6, 7].includes(index))).toEqual([]);
    const stored = await db.organizationalUnit.findMany({ where: { rootId: d.rootId }, orderBy: { name: 'asc' } });
    expect(stored.map((ou) => ou.name).sort()).toEqual(['Contested 1', 'First', ...Array.from({ length: 7 }, (_, index) => `Renamed ${index}`), 'Taken'].sort());
    const revision = (await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision;
    expect(revision).toBe(base.expectedRevision + 9);
    expect(await db.designChange.count({ where: { designId: d.designId } })).toBe(revision);
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
