// Account edits that arrive together (renames) are read in one query and written in one statement
// (server/db/row-edits.ts, runAccountEdit in server/services/organizations/mutation.ts): each must still be judged
// alone, in arrival order, on the account as the edits before it left it, with the same errors, conflicts and history
// as an edit on its own.
import { afterAll, describe, expect, it } from 'vitest';
import { toRowData, type RowChange } from '../../../server/db/org-mutations';
import { writeRowColumns } from '../../../server/db/row-edits';
import { runAsAuthor } from '../../../server/services/auth/actor';
import { redo, undo } from '../../../server/services/history';
import { createAccount, createOrganizationalUnit, moveAccount, removeAccount, renameAccount, setQuotaOverrides } from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

async function setup() {
  const d = await newDesign(db, 'account-edits');
  const rev = new Revision();
  rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 100 } } }));
  const account = async (name: string) =>
    rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: name, email: `${name.toLowerCase()}-${d.designId}@example.com` })).account;
  const [a, b, c] = [await account('A'), await account('B'), await account('C')];
  const { ou } = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Target' }));
  // C leaves the organization: it stays in the design, no longer a member.
  rev.took(await removeAccount(db, { ...rev.base(d.designId), accountId: c.id }));
  return { d, rev, a, b, c, ou };
}

const changesOf = (payload: unknown) => (payload as { forward: { changes: RowChange[] } }).forward.changes;

describe('account edits that arrive together', () => {
  it('are each judged on the account as the edits before them left it, with their own revision, history and author', async () => {
    const { d, rev, a, b, c, ou } = await setup();
    const v = rev.value;
    const at = (expectedRevision: number) => ({ designId: d.designId, expectedRevision });
    const as = <T>(author: string, edit: () => Promise<T>) => runAsAuthor(author, edit);
    const results = await Promise.allSettled([
      // Goes alone; the rest queue behind it and go in together.
      as('editor-0', () => renameAccount(db, { ...at(v), accountId: a.id, accountName: 'First' })),
      // By its 12-digit id.
      as('editor-1', () => renameAccount(db, { ...at(v), accountId: b.accountId, accountName: 'B1' })),
      renameAccount(db, { ...at(v), accountId: '999999999999', accountName: 'Nobody' }),
      renameAccount(db, { ...at(v), accountId: c.id, accountName: 'Outside' }),
      // An operation between account edits reads the rename before it and its move is seen by the one after it.
      as('editor-4', () => moveAccount(db, { ...at(v + 2), accountId: b.id, destinationParentId: ou.id })),
      // The same account as edits before it, on a base that did not see them: a lost update, refused.
      renameAccount(db, { ...at(v), accountId: b.id, accountName: 'B2' }),
      as('editor-6', () => renameAccount(db, { ...at(v + 3), accountId: b.id, accountName: 'B3' })),
      as('editor-7', () => renameAccount(db, { ...at(v + 1), accountId: a.accountId, accountName: 'A again' })),
      renameAccount(db, { ...at(v), accountId: a.id, accountName: 'A lost' }),
    ]);
    const reasons = results.map((result) => (result.status === 'rejected' ? result.reason : null));
    expect(reasons[2]).toMatchObject({ kind: 'NOT_FOUND', awsCode: 'AccountNotFoundException' });
    expect(reasons[3]).toMatchObject({ kind: 'NOT_FOUND', awsCode: 'AccountNotFoundException' });
    expect(reasons[5]).toMatchObject({ kind: 'CONFLICT', awsCode: 'ConcurrentModificationException' });
    expect(reasons[8]).toMatchObject({ kind: 'CONFLICT', awsCode: 'ConcurrentModificationException' });
    const revisions = results.map((result) => (result.status === 'fulfilled' ? result.value.revision : null));
    expect(revisions).toEqual([v + 1, v + 2, null, null, v + 3, null, v + 4, v + 5, null]);
    expect(results[6]).toMatchObject({ value: { account: { id: b.id, name: 'B3', parentId: ou.id } } });

    const stored = async (id: string) => toRowData(await db.account.findUniqueOrThrow({ where: { id } }));
    const [storedA, storedB] = [await stored(a.id), await stored(b.id)];
    expect(storedA.name).toBe('A again');
    expect(storedB).toMatchObject({ name: 'B3', parentOuId: ou.id, parentRootId: null });
    expect((await stored(c.id)).name).toBe('C');
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision).toBe(v + 5);

    // Each revision's entry: its author, its rows before and after, chained to the entry before on the same row.
    const history = await db.designChange.findMany({ where: { designId: d.designId, revision: { gt: v } }, orderBy: { revision: 'asc' } });
    expect(history.map((entry) => [entry.revision, entry.operation, entry.author])).toEqual([
      [v + 1, 'renameAccount', 'editor-0'],
      [v + 2, 'renameAccount', 'editor-1'],
      [v + 3, 'moveAccount', 'editor-4'],
      [v + 4, 'renameAccount', 'editor-6'],
      [v + 5, 'renameAccount', 'editor-7'],
    ]);
    const [first, renamedB, moved, renamedAgain, renamedA] = history.map((entry) => changesOf(entry.payload));
    expect(renamedB).toEqual([expect.objectContaining({ kind: 'account', id: b.id })]);
    expect(renamedB[0].before).toMatchObject({ name: 'B', parentRootId: d.rootId });
    expect(moved[0].before).toEqual(renamedB[0].after);
    expect(moved[0].after).toMatchObject({ name: 'B1', parentOuId: ou.id });
    expect(renamedAgain[0].before).toEqual(moved[0].after);
    expect(renamedAgain[0].after).toEqual(storedB);
    expect(renamedA[0].before).toEqual(first[0].after);
    expect(renamedA[0].after).toEqual(storedA);
    expect(history[3].payload).toMatchObject({ summary: 'Rename account B1 to B3' });

    // Undo and redo replay them as they replay any edit.
    await undo(db, at(v + 5));
    expect((await stored(a.id)).name).toBe('First');
    await undo(db, at(v + 6));
    expect(await stored(b.id)).toEqual(moved[0].after);
    await redo(db, at(v + 7));
    expect(await stored(b.id)).toEqual(storedB);
    await expectAwsError(renameAccount(db, { ...at(v + 8), accountId: c.accountId, accountName: 'Outside' }), 'AccountNotFoundException');
  });
});

describe('writeRowColumns', () => {
  it('writes many rows in one statement, the later value of a row winning, and refuses a row that is not there', async () => {
    const { a, b } = await setup();
    await db.$transaction((tx) =>
      writeRowColumns(tx, 'account', [
        { id: a.id, columns: { name: 'A1' } },
        { id: b.id, columns: { name: 'B1' } },
        { id: a.id, columns: { name: 'A2' } },
      ]));
    const names = async () => (await db.account.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { name: 'asc' } })).map((row) => row.name);
    expect(await names()).toEqual(['A2', 'B1']);
    // One of the two rows is missing: the statement's count says so and the transaction leaves both as they were.
    await expect(db.$transaction((tx) =>
      writeRowColumns(tx, 'account', [{ id: a.id, columns: { name: 'A3' } }, { id: 'no-such-account', columns: { name: 'X' } }]))).rejects.toThrow(/updated 1/);
    await expect(db.$transaction((tx) =>
      writeRowColumns(tx, 'account', [{ id: a.id, columns: { email: 'x@example.com' } as never }]))).rejects.toThrow(/not a column/);
    expect(await names()).toEqual(['A2', 'B1']);
  });
});
