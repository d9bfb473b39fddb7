import 'server-only';

import { Prisma, type Db } from './client';

// Row-level change recording for design edits. Every write an operation makes goes through a RecordingWriter,
// which keeps the full row before and after. That list is the operation's history entry: applying it again is
// "redo", applying its inversion is "undo", and applying inversions in memory reconstructs any earlier revision
// (see history.ts). One generic mechanism instead of a hand-written inverse per operation means an operation
// cannot forget to record something it changed.

/** The tables an Organizations edit may touch, by a short name stored in the history. */
export type EntityKind =
  | 'design'
  | 'organization'
  | 'root'
  | 'rootPolicyType'
  | 'ou'
  | 'account'
  | 'policy'
  | 'attachment'
  | 'delegatedAdmin'
  | 'serviceAccess'
  | 'iamManagedPolicy'
  | 'iamManagedPolicyVersion'
  | 'iamRole'
  | 'iamPolicyAttachment'
  | 'iamUser'
  | 'iamGroup'
  | 'iamGroupMembership'
  | 'iamInlinePolicy'
  | 'accessFindingArchive'
  | 'resourceShare'
  | 'resourceShareResource'
  | 'resourceSharePrincipal'
  | 'resourceSharePermission'
  | 'ramCustomerPermission'
  | 'identityCenterInstance'
  | 'identityStoreUser'
  | 'identityStoreGroup'
  | 'identityStoreGroupMembership'
  | 'permissionSet'
  | 'accountAssignment'
  | 'landingZone'
  | 'registeredOu'
  | 'enabledControl'
  | 'enrolledAccount';

/** A row as stored in the history: JSON-safe (dates as ISO strings), every scalar column. */
export type RowData = Record<string, unknown> & { id: string };

/** One row created (before null), deleted (after null) or updated. */
export interface RowChange {
  kind: EntityKind;
  id: string;
  before: RowData | null;
  after: RowData | null;
}

interface Delegate {
  create(args: { data: unknown; select?: unknown }): Promise<Record<string, unknown>>;
  update(args: { where: { id: string }; data: unknown; select?: unknown }): Promise<Record<string, unknown>>;
  delete(args: { where: { id: string }; select?: unknown }): Promise<Record<string, unknown>>;
  findUnique(args: { where: { id: string }; select?: unknown }): Promise<Record<string, unknown> | null>;
  createManyAndReturn(args: { data: unknown[]; select?: unknown }): Promise<Record<string, unknown>[]>;
  findMany(args: { where: { id: { in: string[] } }; select?: unknown }): Promise<Record<string, unknown>[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): Promise<{ count: number }>;
}

interface KindSpec {
  delegate(db: Db): Delegate;
  /** Date columns, turned back into Date objects when a stored row is written again. */
  dates: readonly string[];
  /** Nullable Json columns (a JSON null must be written as Prisma.DbNull). */
  nullableJson?: readonly string[];
  /** Columns recorded and restored; all scalar columns when absent. */
  select?: Record<string, true>;
  /**
   * Columns outside the history (a card's pinned canvas position, see card-position-service): an undone or redone
   * update leaves them as they are now, so undoing a rename does not move the card back to where it was pinned then.
   */
  presentation?: readonly string[];
}

const asDelegate = (value: unknown): Delegate => value as Delegate;

/** The history id of a group membership, whose table is keyed by (groupId, userId): "<groupId>:<userId>". */
export function membershipId(groupId: string, userId: string): string {
  return `${groupId}:${userId}`;
}

function membershipKey(id: string): { groupId: string; userId: string } {
  const [groupId, userId] = id.split(':');
  if (!groupId || !userId) throw new Error(`"${id}" is not a group membership id (<groupId>:<userId>).`);
  return { groupId, userId };
}

/**
 * IamGroupMembership has no id column (its key is the pair): this delegate gives its rows the id the history
 * needs, membershipId(groupId, userId), and turns id lookups back into the pair, so memberships are recorded,
 * undone and redone like every other row without a schema change.
 */
function membershipDelegate(db: Db): Delegate {
  const table = db.iamGroupMembership;
  const withId = (row: { groupId: string; userId: string }) => ({ id: membershipId(row.groupId, row.userId), groupId: row.groupId, userId: row.userId });
  const pair = (data: unknown) => {
    const { groupId, userId } = data as { groupId: string; userId: string };
    return { groupId, userId };
  };
  const pairsOf = (ids: string[]) => ids.map(membershipKey);
  return {
    create: async ({ data }) => withId(await table.create({ data: pair(data) })),
    update: () => {
      throw new Error('A group membership has no columns to update: delete it and create another.');
    },
    delete: async ({ where }) => withId(await table.delete({ where: { groupId_userId: membershipKey(where.id) } })),
    findUnique: async ({ where }) => {
      const row = await table.findUnique({ where: { groupId_userId: membershipKey(where.id) } });
      return row ? withId(row) : null;
    },
    createManyAndReturn: async ({ data }) => (await table.createManyAndReturn({ data: data.map(pair) })).map(withId),
    findMany: async ({ where }) => (await table.findMany({ where: { OR: pairsOf(where.id.in) } })).map(withId),
    deleteMany: ({ where }) => table.deleteMany({ where: { OR: pairsOf(where.id.in) } }),
  };
}

const KINDS: Record<EntityKind, KindSpec> = {
  // Only the design's quota overrides are edited as an operation; name and revision are never restored.
  design: {
    delegate: (db) => asDelegate(db.design),
    dates: [],
    nullableJson: ['quotaOverrides'],
    select: { id: true, quotaOverrides: true },
  },
  organization: { delegate: (db) => asDelegate(db.organization), dates: ['createdAt'] },
  root: { delegate: (db) => asDelegate(db.root), dates: [] },
  rootPolicyType: { delegate: (db) => asDelegate(db.rootPolicyType), dates: [] },
  ou: { delegate: (db) => asDelegate(db.organizationalUnit), dates: ['createdAt'], presentation: ['layoutX', 'layoutY'] },
  account: { delegate: (db) => asDelegate(db.account), dates: ['createdAt', 'joinedAt'], presentation: ['layoutX', 'layoutY'], nullableJson: ['s3PublicAccessBlock'] },
  policy: { delegate: (db) => asDelegate(db.organizationPolicy), dates: ['createdAt', 'updatedAt'] },
  attachment: { delegate: (db) => asDelegate(db.policyAttachment), dates: ['createdAt'] },
  delegatedAdmin: { delegate: (db) => asDelegate(db.delegatedAdministrator), dates: ['delegatedAt'] },
  serviceAccess: { delegate: (db) => asDelegate(db.organizationServiceAccess), dates: ['enabledAt'] },
  iamManagedPolicy: { delegate: (db) => asDelegate(db.iamManagedPolicy), dates: ['createdAt'] },
  iamManagedPolicyVersion: { delegate: (db) => asDelegate(db.iamManagedPolicyVersion), dates: ['createdAt', 'createDate'] },
  iamRole: { delegate: (db) => asDelegate(db.iamRole), dates: ['createdAt', 'createDate', 'lastUsedDate'] },
  iamPolicyAttachment: { delegate: (db) => asDelegate(db.iamPolicyAttachment), dates: [] },
  iamUser: { delegate: (db) => asDelegate(db.iamUser), dates: ['createdAt'] },
  iamGroup: { delegate: (db) => asDelegate(db.iamGroup), dates: ['createdAt'] },
  iamGroupMembership: { delegate: membershipDelegate, dates: [] },
  iamInlinePolicy: { delegate: (db) => asDelegate(db.iamInlinePolicy), dates: [] },
  accessFindingArchive: { delegate: (db) => asDelegate(db.accessFindingArchive), dates: ['archivedAt'] },
  resourceShare: { delegate: (db) => asDelegate(db.resourceShare), dates: ['createdAt'] },
  resourceShareResource: { delegate: (db) => asDelegate(db.resourceShareResource), dates: [] },
  resourceSharePrincipal: { delegate: (db) => asDelegate(db.resourceSharePrincipal), dates: ['createdAt'] },
  resourceSharePermission: { delegate: (db) => asDelegate(db.resourceSharePermission), dates: [] },
  ramCustomerPermission: { delegate: (db) => asDelegate(db.ramCustomerPermission), dates: ['createdAt'] },
  identityCenterInstance: { delegate: (db) => asDelegate(db.identityCenterInstance), dates: ['createdAt'] },
  identityStoreUser: { delegate: (db) => asDelegate(db.identityStoreUser), dates: ['createdAt'] },
  identityStoreGroup: { delegate: (db) => asDelegate(db.identityStoreGroup), dates: ['createdAt'] },
  identityStoreGroupMembership: { delegate: (db) => asDelegate(db.identityStoreGroupMembership), dates: [] },
  permissionSet: { delegate: (db) => asDelegate(db.permissionSet), dates: ['createdAt'] },
  accountAssignment: { delegate: (db) => asDelegate(db.accountAssignment), dates: ['createdAt'] },
  landingZone: { delegate: (db) => asDelegate(db.landingZone), dates: ['createdAt'], nullableJson: ['deletedSecurityOu', 'backup'] },
  registeredOu: { delegate: (db) => asDelegate(db.registeredOu), dates: ['registeredAt'] },
  enabledControl: { delegate: (db) => asDelegate(db.enabledControl), dates: ['enabledAt'] },
  enrolledAccount: { delegate: (db) => asDelegate(db.enrolledAccount), dates: ['enrolledAt'] },
};

/** Every entity kind the history knows (for validating stored payloads). */
export const ENTITY_KINDS: readonly EntityKind[] = Object.keys(KINDS) as EntityKind[];

/** A row from Prisma as stored in the history (dates become ISO strings). */
export function toRowData(row: Record<string, unknown>): RowData {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = value instanceof Date ? value.toISOString() : value;
  return out as RowData;
}

/**
 * A row read in SQL as JSON (to_json of the table's row) as toRowData gives Prisma's read of it: the model's scalar
 * `columns` in the model's order, timestamps as ISO strings in UTC with "Z". Fails when the columns differ from the
 * model's (a migration added one): the history must hold every column, or undo would not restore it.
 */
export function rowDataOfJson(kind: EntityKind, json: unknown, columns: readonly string[]): RowData {
  if (typeof json !== 'object' || json === null) throw new Error(`A ${kind} row read as JSON is not an object.`);
  const source = json as Record<string, unknown>;
  const extra = Object.keys(source).filter((key) => !columns.includes(key));
  if (extra.length > 0 || Object.keys(source).length !== columns.length) {
    throw new Error(`A ${kind} row read as JSON has the columns ${Object.keys(source).join(', ')}, not the model's ${columns.join(', ')}.`);
  }
  const dates = KINDS[kind].dates;
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = source[column];
    // PostgreSQL writes a timestamp without time zone as "2026-12-04T20:30:31.12" (trailing zeros dropped); Prisma reads it as UTC.
    out[column] = dates.includes(column) && value !== null ? jsonTimestampToIso(value, `${kind}.${column}`) : value;
  }
  return out as RowData;
}

function jsonTimestampToIso(value: unknown, what: string): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.test(value) ? new Date(`${value}Z`) : null;
  if (!date || Number.isNaN(date.getTime())) throw new Error(`${what} read as JSON is not a timestamp: ${JSON.stringify(value)}.`);
  return date.toISOString();
}

/** A stored row as Prisma write data for its kind. */
function toWriteData(kind: EntityKind, row: RowData, withId: boolean): Record<string, unknown> {
  const spec = KINDS[kind];
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'id' && !withId) continue;
    if (!withId && spec.presentation?.includes(key)) continue;
    if (spec.dates.includes(key) && typeof value === 'string') data[key] = new Date(value);
    else if (spec.nullableJson?.includes(key) && value === null) data[key] = Prisma.DbNull;
    else data[key] = value;
  }
  return data;
}

/** Write data with JSON nulls of nullable Json columns spelled as Prisma wants them. */
function normaliseNulls(kind: EntityKind, data: Record<string, unknown>): Record<string, unknown> {
  const nullable = KINDS[kind].nullableJson;
  if (!nullable) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, nullable.includes(key) && value === null ? Prisma.DbNull : value]));
}

/** The inversion of a list of changes: undoes them when applied (last change first, before/after swapped). */
export function invertChanges(changes: readonly RowChange[]): RowChange[] {
  return [...changes].reverse().map((change) => ({ ...change, before: change.after, after: change.before }));
}

/** Writes stored changes to the database, in order (redo of a change, or undo through its inversion). */
export async function applyRowChanges(db: Db, changes: readonly RowChange[]): Promise<void> {
  // Consecutive creates (or deletes) of one kind go in one statement: undoing "enable SCPs" on a large
  // organization removes thousands of attachments, which row by row would take seconds.
  for (let start = 0; start < changes.length; ) {
    const first = changes[start];
    const op = first.before === null ? 'create' : first.after === null ? 'delete' : 'update';
    let end = start + 1;
    if (op !== 'update') {
      while (end < changes.length && changes[end].kind === first.kind && opOf(changes[end]) === op) end += 1;
    }
    const run = changes.slice(start, end);
    const delegate = KINDS[first.kind].delegate(db);
    if (op === 'create') {
      for (let i = 0; i < run.length; i += 2_000) {
        await delegate.createManyAndReturn({ data: run.slice(i, i + 2_000).map((c) => toWriteData(c.kind, c.after!, true)), select: { id: true } });
      }
    } else if (op === 'delete') {
      const ids = run.map((c) => c.id);
      const { count } = await delegate.deleteMany({ where: { id: { in: ids } } });
      if (count !== ids.length) throw new Error(`Expected to delete ${ids.length} ${first.kind} rows, deleted ${count}: the history does not match the data.`);
    } else {
      await delegate.update({ where: { id: first.id }, data: toWriteData(first.kind, first.after!, false), select: { id: true } });
    }
    start = end;
  }
}

function opOf(change: RowChange): 'create' | 'delete' | 'update' {
  return change.before === null ? 'create' : change.after === null ? 'delete' : 'update';
}

/**
 * The only way operations write: each create, update and delete is recorded with the full row before and after,
 * in the order made, so the list can be replayed or inverted exactly.
 */
export class RecordingWriter {
  /** The changes made so far, in order. */
  readonly changes: RowChange[] = [];

  constructor(readonly db: Db) {}

  /** Creates a row and records it. */
  async create(kind: EntityKind, data: Record<string, unknown>): Promise<RowData> {
    const spec = KINDS[kind];
    const row = toRowData(await spec.delegate(this.db).create({ data: normaliseNulls(kind, data), ...(spec.select ? { select: spec.select } : {}) }));
    this.changes.push({ kind, id: row.id, before: null, after: row });
    return row;
  }

  /** Updates a row and records its state before and after. */
  async update(kind: EntityKind, id: string, data: Record<string, unknown>): Promise<RowData> {
    const spec = KINDS[kind];
    const delegate = spec.delegate(this.db);
    const select = spec.select ? { select: spec.select } : {};
    const before = await delegate.findUnique({ where: { id }, ...select });
    if (!before) throw new Error(`Cannot update ${kind} ${id}: there is no such row.`);
    const after = toRowData(await delegate.update({ where: { id }, data: normaliseNulls(kind, data), ...select }));
    this.changes.push({ kind, id, before: toRowData(before), after });
    return after;
  }

  /** Creates many rows of one kind in one statement (enabling SCPs on a large organization) and records them. */
  async createMany(kind: EntityKind, data: Record<string, unknown>[]): Promise<RowData[]> {
    if (data.length === 0) return [];
    const spec = KINDS[kind];
    const rows = (await spec.delegate(this.db).createManyAndReturn({ data, ...(spec.select ? { select: spec.select } : {}) })).map(toRowData);
    for (const row of rows) this.changes.push({ kind, id: row.id, before: null, after: row });
    return rows;
  }

  /** Deletes many rows of one kind in one statement and records what they held. */
  async deleteMany(kind: EntityKind, ids: readonly string[]): Promise<RowData[]> {
    if (ids.length === 0) return [];
    const spec = KINDS[kind];
    const delegate = spec.delegate(this.db);
    const before = (await delegate.findMany({ where: { id: { in: [...ids] } }, ...(spec.select ? { select: spec.select } : {}) })).map(toRowData);
    const { count } = await delegate.deleteMany({ where: { id: { in: [...ids] } } });
    if (count !== before.length) throw new Error(`Deleting ${ids.length} ${kind} rows removed ${count}: the rows changed underneath.`);
    for (const row of before) this.changes.push({ kind, id: row.id, before: row, after: null });
    return before;
  }

  /** Deletes a row and records what it held. */
  async delete(kind: EntityKind, id: string): Promise<RowData> {
    const spec = KINDS[kind];
    const before = toRowData(await spec.delegate(this.db).delete({ where: { id }, ...(spec.select ? { select: spec.select } : {}) }));
    this.changes.push({ kind, id, before, after: null });
    return before;
  }
}
