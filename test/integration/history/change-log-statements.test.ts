// The change log's set-based statements (server/db/history.ts), which every batch of edits runs: the history entries
// and the revision written in one statement, and the rows each change wrote read out of the payloads in SQL (alone,
// and with the edit's context in the statement a batch reads once it holds the design's lock).
import { afterAll, describe, expect, it } from 'vitest';
import { appendChangesAndSetRevision, rowKey, rowsChangedByRevision, type NewChange } from '../../../server/db/history';
import { toRowData, type RowChange } from '../../../server/db/org-mutations';
import { loadMutationContext, loadMutationContextAndChanges } from '../../../server/db/org-mutations-queries';
import { readAccountsByRef, rowColumnUpdates } from '../../../server/db/row-edits';
import { createTestDb } from '../../support/db-test-client';
import { newDesign } from '../organizations/helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

const change = (kind: RowChange['kind'], id: string, name: string): RowChange => ({ kind, id, before: { id, name: `${name} before` }, after: { id, name } });

function entry(designId: string, revision: number, changes: RowChange[], extra: Partial<NewChange> = {}): NewChange {
  return {
    designId,
    revision,
    operation: 'renameAccount',
    payload: { forward: { input: { name: `r${revision}` }, changes }, inverse: { changes: [] }, summary: `Revision ${revision}` },
    ...extra,
  };
}

describe('appendChangesAndSetRevision', () => {
  it('appends every entry as given and moves the design to the revision, with updatedAt, in one transaction', async () => {
    const { designId } = await newDesign(db, 'change-log');
    const before = await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true, updatedAt: true } });
    const first = [change('account', 'acc-1', 'One'), change('ou', 'ou-1', 'Unit')];
    await db.$transaction((tx) =>
      appendChangesAndSetRevision(tx, designId, before.revision + 2, [
        entry(designId, before.revision + 1, first, { author: 'alice' }),
        entry(designId, before.revision + 2, [], { operation: 'undo', targetRevision: before.revision + 1 }),
      ]));
    const design = await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true, updatedAt: true } });
    expect(design.revision).toBe(before.revision + 2);
    expect(design.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(Math.abs(design.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    const rows = await db.designChange.findMany({ where: { designId, revision: { gt: before.revision } }, orderBy: { revision: 'asc' } });
    expect(rows.map(({ revision, operation, author, targetRevision, payload }) => ({ revision, operation, author, targetRevision, payload }))).toEqual([
      { revision: before.revision + 1, operation: 'renameAccount', author: 'alice', targetRevision: null, payload: entry(designId, before.revision + 1, first).payload },
      { revision: before.revision + 2, operation: 'undo', author: null, targetRevision: before.revision + 1, payload: entry(designId, before.revision + 2, []).payload },
    ]);
    expect(new Set(rows.map((row) => row.id)).size).toBe(2);
    for (const row of rows) expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);

    // No entries (they were appended earlier in the transaction): the revision alone moves.
    await db.$transaction((tx) => appendChangesAndSetRevision(tx, designId, before.revision + 3, []));
    expect((await db.design.findUniqueOrThrow({ where: { id: designId } })).revision).toBe(before.revision + 3);
  });

  it('writes nothing when the statement fails: an entry whose revision is taken, or a design that is gone', async () => {
    const { designId } = await newDesign(db, 'change-log');
    const { revision } = await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true } });
    await db.$transaction((tx) => appendChangesAndSetRevision(tx, designId, revision + 1, [entry(designId, revision + 1, [])]));
    const count = () => db.designChange.count({ where: { designId } });
    const stored = await count();
    // A second entry for revision + 1 breaks the (designId, revision) key: neither entry nor the revision is saved.
    await expect(db.$transaction((tx) =>
      appendChangesAndSetRevision(tx, designId, revision + 2, [entry(designId, revision + 2, []), entry(designId, revision + 1, [])]))).rejects.toThrow();
    expect(await count()).toBe(stored);
    expect((await db.design.findUniqueOrThrow({ where: { id: designId } })).revision).toBe(revision + 1);
    await expect(db.$transaction((tx) => appendChangesAndSetRevision(tx, 'no-such-design', 1, []))).rejects.toThrow(/is gone/);
  });
});

describe('rowsChangedByRevision', () => {
  it('gives, per revision in (after, upTo], the key of every row the change wrote, as rowKey spells it', async () => {
    const { designId } = await newDesign(db, 'change-log');
    const { revision: base } = await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true } });
    const byRevision = [
      [change('account', 'acc-1', 'One'), change('account', 'acc-2', 'Two'), change('attachment', 'att:1', 'x')],
      [],
      [change('ou', 'ou-1', 'Unit')],
    ];
    await db.$transaction((tx) =>
      appendChangesAndSetRevision(tx, designId, base + 3, byRevision.map((changes, index) => entry(designId, base + 1 + index, changes))));
    const changed = await rowsChangedByRevision(db, designId, base, base + 3);
    expect([...changed.entries()].sort(([a], [b]) => a - b)).toEqual(byRevision.map((changes, index) => [base + 1 + index, changes.map(rowKey)]));
    // The bounds: after is excluded, upTo included.
    expect([...(await rowsChangedByRevision(db, designId, base + 1, base + 2)).keys()]).toEqual([base + 2]);
  });
});

describe('loadMutationContextAndChanges', () => {
  it('reads what loadMutationContext and rowsChangedByRevision read, in one statement, the changes even without an organization', async () => {
    const { designId } = await newDesign(db, 'change-log');
    const { revision: base } = await db.design.findUniqueOrThrow({ where: { id: designId }, select: { revision: true } });
    await db.$transaction((tx) =>
      appendChangesAndSetRevision(tx, designId, base + 2, [
        entry(designId, base + 1, [change('account', 'acc-1', 'One')]),
        entry(designId, base + 2, [change('policy', 'pol-1', 'P'), change('ou', 'ou-1', 'Unit')]),
      ]));
    const both = await loadMutationContextAndChanges(db, designId, base, base + 2);
    expect(both.context).toEqual(await loadMutationContext(db, designId));
    expect(both.context?.organization.id).toBeTruthy();
    expect(both.changedRows).toEqual(await rowsChangedByRevision(db, designId, base, base + 2));
    expect(both.changedRows.get(base + 2)).toEqual(['policy:pol-1', 'ou:ou-1']);
    expect((await loadMutationContextAndChanges(db, designId, base + 2, base + 2)).changedRows.size).toBe(0);

    // Without an organization (deleted here with what hangs from it), the context is null and the changes still come.
    await db.$executeRaw`UPDATE "Organization" SET "managementAccountId" = NULL WHERE "designId" = ${designId}`;
    await db.$executeRaw`DELETE FROM "Account" WHERE "designId" = ${designId}`;
    await db.$executeRaw`DELETE FROM "Organization" WHERE "designId" = ${designId}`;
    const orphan = await loadMutationContextAndChanges(db, designId, base, base + 2);
    expect(orphan.context).toBeNull();
    expect([...orphan.changedRows.keys()].sort()).toEqual([base + 1, base + 2]);
    expect((await loadMutationContextAndChanges(db, 'no-such-design', 0, 5))).toEqual({ context: null, changedRows: new Map() });
  });
});

describe('appendChangesAndSetRevision with row updates', () => {
  it('writes the rows, the entries and the revision in one statement, and nothing when a row is gone', async () => {
    const d = await newDesign(db, 'change-log');
    const { revision } = await db.design.findUniqueOrThrow({ where: { id: d.designId }, select: { revision: true } });
    const mgmt = d.managementRowId;
    const name = async () => (await db.account.findUniqueOrThrow({ where: { id: mgmt } })).name;
    const before = await name();
    await db.$transaction((tx) =>
      appendChangesAndSetRevision(tx, d.designId, revision + 1, [entry(d.designId, revision + 1, [change('account', mgmt, 'Renamed')])],
        rowColumnUpdates('account', [{ id: mgmt, columns: { name: 'First' } }, { id: mgmt, columns: { name: 'Renamed' } }])));
    expect(await name()).toBe('Renamed');
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision).toBe(revision + 1);
    expect(await db.designChange.count({ where: { designId: d.designId, revision: revision + 1 } })).toBe(1);
    // One of the rows is gone: the statement's counts say so, and the transaction leaves everything as it was.
    await expect(db.$transaction((tx) =>
      appendChangesAndSetRevision(tx, d.designId, revision + 2, [entry(d.designId, revision + 2, [])],
        rowColumnUpdates('account', [{ id: mgmt, columns: { name: 'Lost' } }, { id: 'no-such-account', columns: { name: 'X' } }])))).rejects.toThrow(/updated 1/);
    expect(await name()).toBe('Renamed');
    expect((await db.design.findUniqueOrThrow({ where: { id: d.designId } })).revision).toBe(revision + 1);
    expect(await db.designChange.count({ where: { designId: d.designId, revision: revision + 2 } })).toBe(0);
    expect(before).not.toBe('Renamed');
  });
});

describe('loadMutationContextAndChanges with account refs', () => {
  it('reads the accounts exactly as Prisma reads them (every column, dates, enums, Json, nulls), by row id or 12-digit id', async () => {
    const d = await newDesign(db, 'change-log');
    const { revision } = await db.design.findUniqueOrThrow({ where: { id: d.designId }, select: { revision: true } });
    // A second account whose every nullable column is null, and the management account with every column set, including
    // timestamps whose milliseconds end in zeros (PostgreSQL's JSON drops them) and fractional canvas positions.
    const bare = await db.account.create({
      data: { designId: d.designId, accountId: '210987654321', name: 'Bare', status: 'SUSPENDED', joinedMethod: 'INVITED' },
    });
    await db.$executeRaw`UPDATE "Account" SET "email" = 'm@example.com', "joinedAt" = '2024-02-29 23:59:59.120', "createdAt" = '2023-01-01 00:00:00',
      "layoutX" = 0.1, "layoutY" = -12345.678901234567, "tags" = '[{"key":"env","value":"prod \u00e9"}]'::jsonb WHERE "id" = ${d.managementRowId}`;
    const refs = [d.managementAccountId, bare.id, 'no-such-account'];
    const both = await loadMutationContextAndChanges(db, d.designId, revision, revision, refs);
    const prisma = (await db.account.findMany({ where: { id: { in: [d.managementRowId, bare.id] } } })).map(toRowData);
    const byId = (rows: readonly { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    // toStrictEqual with the keys' order: the rows go into the history as they are.
    expect(byId(both.accounts!)).toStrictEqual(byId(prisma));
    expect(byId(both.accounts!).map((row) => Object.keys(row))).toEqual(byId(prisma).map((row) => Object.keys(row)));
    expect(byId(both.accounts!)).toStrictEqual(byId(await readAccountsByRef(db, d.designId, refs)));
    const management = both.accounts!.find((row) => row.id === d.managementRowId)!;
    expect(management).toMatchObject({ joinedAt: '2024-02-29T23:59:59.120Z', createdAt: '2023-01-01T00:00:00.000Z', layoutX: 0.1, tags: [{ key: 'env', value: 'prod é' }] });
    expect(both.accounts!.find((row) => row.id === bare.id)).toMatchObject({ email: null, joinedAt: null, layoutX: null, status: 'SUSPENDED', joinedMethod: 'INVITED' });
    // The rest of the statement reads as it does without refs.
    const without = await loadMutationContextAndChanges(db, d.designId, revision, revision);
    expect(both.context).toEqual(without.context);
    expect(both.changedRows).toEqual(without.changedRows);
    expect(without.accounts).toBeUndefined();
    // Refs that name no account of the design: none (an account of another design is not read).
    const other = await newDesign(db, 'change-log');
    expect((await loadMutationContextAndChanges(db, d.designId, revision, revision, [other.managementRowId, other.managementAccountId])).accounts).toEqual([]);
    expect((await loadMutationContextAndChanges(db, 'no-such-design', 0, 5, [d.managementRowId])).accounts).toEqual([]);
  });
});
