import 'server-only';

import { Prisma, type Db } from './client';
import { rowDataOfJson, toRowData, type RowData } from './org-mutations';
import type { AccountRowDto } from './org-mutations-queries';
import { parseTags } from './json-values';

// Edits that write a few columns of rows found by reference (an account rename), read and written per batch: the
// edits of a design that are group-committed together (services/organizations/mutation.ts) read all their rows in
// one query and write them in one statement, where each edit took three Prisma queries (the lookup by reference,
// the recording writer's read of the row before, the update). With 50 editors on one design, Prisma and pg were
// 58% of a rename's CPU.

/** The columns such an edit may write, per row kind, with their SQL types (names are ours, never input). */
const WRITABLE = {
  account: { table: 'Account', columns: { name: 'text' } },
} as const;

/** A row kind these edits write. */
export type RowEditKind = keyof typeof WRITABLE;

/** Columns and values an edit writes to one row of a kind. */
export type RowColumns<K extends RowEditKind> = Partial<Record<keyof (typeof WRITABLE)[K]['columns'], string | null>>;

/** The design's accounts whose row id or 12-digit account id is one of `refs`, every column, as the history keeps rows. */
export async function readAccountsByRef(db: Db, designId: string, refs: readonly string[]): Promise<RowData[]> {
  if (refs.length === 0) return [];
  const list = [...new Set(refs)];
  const rows = await db.account.findMany({ where: { designId, OR: [{ id: { in: list } }, { accountId: { in: list } }] } });
  return rows.map(toRowData);
}

/** The Account model's scalar columns, in the order Prisma gives them. */
const ACCOUNT_COLUMNS: readonly string[] = Object.values(Prisma.AccountScalarFieldEnum);

/**
 * SQL giving readAccountsByRef's rows as one JSON array (accountRowsOfJson reads it), for a statement that reads more
 * (the one a batch of edits runs once it holds the design's lock): one round trip less per batch.
 */
export function accountsByRefSql(designId: string, refs: readonly string[]): Prisma.Sql {
  const list = [...new Set(refs)];
  return Prisma.sql`
    SELECT COALESCE(json_agg(to_json(a)), '[]'::json) FROM "Account" a
    WHERE a."designId" = ${designId} AND (a."id" = ANY(${list}::text[]) OR a."accountId" = ANY(${list}::text[]))`;
}

/** accountsByRefSql's array as readAccountsByRef gives the rows (every column, dates as ISO strings). */
export function accountRowsOfJson(value: unknown): RowData[] {
  if (!Array.isArray(value)) throw new Error('The accounts read as JSON are not an array.');
  return value.map((row) => rowDataOfJson('account', row, ACCOUNT_COLUMNS));
}

/** An account row as the operations see it (tags validated). */
export function accountOfRow(row: RowData): AccountRowDto {
  return {
    id: row.id,
    accountId: row.accountId as string,
    name: row.name as string,
    email: row.email as string | null,
    joinedMethod: row.joinedMethod as AccountRowDto['joinedMethod'],
    status: row.status as AccountRowDto['status'],
    parentRootId: row.parentRootId as string | null,
    parentOuId: row.parentOuId as string | null,
    tags: parseTags(row.tags, `account ${String(row.accountId)}`),
  };
}

/** One UPDATE of rows of a kind, the same columns each, and how many rows it must change. */
export interface RowUpdate {
  kind: RowEditKind;
  statement: Prisma.Sql;
  rows: number;
}

/**
 * The UPDATEs that write the columns of each row, one per set of columns written. A row given twice gets its values
 * merged, the later winning (edits of a batch in order).
 */
export function rowColumnUpdates<K extends RowEditKind>(kind: K, updates: readonly { id: string; columns: RowColumns<K> }[]): RowUpdate[] {
  const { table, columns: types } = WRITABLE[kind];
  const merged = new Map<string, Record<string, string | null>>();
  for (const { id, columns } of updates) merged.set(id, { ...merged.get(id), ...(columns as Record<string, string | null>) });
  const groups = new Map<string, Record<string, string | null>[]>();
  for (const [id, columns] of merged) {
    const names = Object.keys(columns).sort();
    for (const name of names) if (!(name in types)) throw new Error(`${kind}.${name} is not a column these edits write.`);
    if (names.length === 0) continue;
    const key = names.join(',');
    const group = groups.get(key);
    if (group) group.push({ id, ...columns });
    else groups.set(key, [{ id, ...columns }]);
  }
  return [...groups].map(([key, rows]) => {
    const names = key.split(',');
    const assignments = names.map((name) => `"${name}" = v."${name}"`).join(', ');
    const record = ['"id" text', ...names.map((name) => `"${name}" ${types[name as keyof typeof types]}`)].join(', ');
    const statement = Prisma.sql`UPDATE ${Prisma.raw(`"${table}"`)} AS t SET ${Prisma.raw(assignments)}
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(${Prisma.raw(record)}) WHERE t."id" = v."id"`;
    return { kind, statement, rows: rows.length };
  });
}

/** Fails when an UPDATE changed another number of rows than it was given: a row is gone. */
export function checkRowCount(update: RowUpdate, count: number): void {
  if (count !== update.rows) throw new Error(`Expected to update ${update.rows} ${update.kind} rows, updated ${count}: a row is gone.`);
}

/** Writes the columns of each row (rowColumnUpdates), and fails when a row is not there. */
export async function writeRowColumns<K extends RowEditKind>(db: Db, kind: K, updates: readonly { id: string; columns: RowColumns<K> }[]): Promise<void> {
  for (const update of rowColumnUpdates(kind, updates)) checkRowCount(update, await db.$executeRaw(update.statement));
}
