import 'server-only';

import { randomUUID } from 'node:crypto';

import { Prisma, type Db } from './client';
import { checkRowCount, type RowUpdate } from './row-edits';
import { ENTITY_KINDS, membershipId, toRowData, type EntityKind, type RowChange, type RowData } from './org-mutations';

// The design's revision counter and its change log (DesignChange rows).

/**
 * Takes the design row's lock for the rest of the transaction and reads its revision (null for an unknown design).
 * Every edit of a design runs under this lock, so edits of one design run one after the other, in any process.
 */
export async function lockDesignRevision(db: Db, designId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ revision: number }[]>`SELECT "revision" FROM "Design" WHERE "id" = ${designId} FOR UPDATE`;
  return rows[0]?.revision ?? null;
}

/**
 * Appends the changes that produced their revisions and moves the design to `revision`, in one statement (under the
 * design's lock, after the edits), with the row updates the edits left to write (row-edits.ts; each must change
 * all its rows). `changes` may be empty (an undo's entry is appended before the edits after it).
 */
export async function appendChangesAndSetRevision(
  db: Db,
  designId: string,
  revision: number,
  changes: readonly NewChange[],
  rowUpdates: readonly RowUpdate[] = [],
): Promise<void> {
  // The ids and times Prisma would fill in: a cuid-like random id, and updatedAt (@updatedAt) set by the client.
  const now = new Date().toISOString();
  const rows = changes.map((change) => ({
    id: randomUUID(),
    designId: change.designId,
    revision: change.revision,
    operation: change.operation,
    payload: change.payload,
    targetRevision: change.targetRevision ?? null,
    author: change.author ?? null,
  }));
  // Each update is a CTE of its own: every part of the statement runs, on the same snapshot, whether read or not.
  const writes = rowUpdates.map((update, index) => Prisma.sql`${Prisma.raw(`w${index}`)} AS (${update.statement} RETURNING 1),`);
  const counts = rowUpdates.map((_, index) => Prisma.sql`(SELECT count(*) FROM ${Prisma.raw(`w${index}`)})::int`);
  const saved = await db.$queryRaw<{ counts: number[] }[]>`
    WITH ${writes.length > 0 ? Prisma.join(writes, ' ') : Prisma.empty} appended AS (
      INSERT INTO "DesignChange" ("id", "designId", "revision", "operation", "payload", "targetRevision", "author", "createdAt")
      SELECT c."id", c."designId", c."revision", c."operation", c."payload", c."targetRevision", c."author", ${now}::timestamp(3)
      FROM json_to_recordset(${JSON.stringify(rows)}::json)
        AS c("id" text, "designId" text, "revision" integer, "operation" text, "payload" jsonb, "targetRevision" integer, "author" text)
    )
    UPDATE "Design" SET "revision" = ${revision}, "updatedAt" = ${now}::timestamp(3) WHERE "id" = ${designId}
    RETURNING ${counts.length > 0 ? Prisma.sql`ARRAY[${Prisma.join(counts)}]` : Prisma.sql`ARRAY[]::int[]`} AS "counts"`;
  if (saved.length !== 1) throw new Error(`Design ${designId} is gone: its revision ${revision} was not saved.`);
  rowUpdates.forEach((update, index) => checkRowCount(update, saved[0].counts[index]));
}

/**
 * SQL giving, as one JSON object, for each change after `afterRevision` up to `upToRevision`: its revision -> the
 * "kind:id" of every row it wrote. The keys are taken out in SQL: the payloads hold whole rows before and after,
 * forward and inverse, and reading and parsing them cost each batch of edits more than the rest of its reads.
 */
export function changedRowKeysSql(designId: string, afterRevision: number, upToRevision: number): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(json_object_agg(
             "revision",
             ARRAY(SELECT (c->>'kind') || ':' || (c->>'id') FROM jsonb_array_elements("payload"->'forward'->'changes') AS c)
           ), '{}'::json)
    FROM "DesignChange" WHERE "designId" = ${designId} AND "revision" > ${afterRevision} AND "revision" <= ${upToRevision}`;
}

/** changedRowKeysSql's object as a map by revision. */
export function changedRowKeysOf(value: Record<string, string[]>): Map<number, string[]> {
  return new Map(Object.entries(value).map(([revision, keys]) => [Number(revision), keys]));
}

/** For each change after `afterRevision` up to `upToRevision`: the "kind:id" of every row it wrote. */
export async function rowsChangedByRevision(db: Db, designId: string, afterRevision: number, upToRevision: number): Promise<Map<number, string[]>> {
  const rows = await db.$queryRaw<{ changed: Record<string, string[]> }[]>`SELECT (${changedRowKeysSql(designId, afterRevision, upToRevision)}) AS "changed"`;
  return changedRowKeysOf(rows[0].changed);
}

/** The key rowsChangedByRevision uses for a changed row (its SQL builds the same string). */
export function rowKey(change: Pick<RowChange, 'kind' | 'id'>): string {
  return `${change.kind}:${change.id}`;
}

/** What one change records: the operation's input and row changes, and their inversion. */
export interface ChangePayload {
  forward: { input: unknown; changes: RowChange[] };
  inverse: { changes: RowChange[] };
  /** What the change did, in one sentence ("Create OU Payments under Workloads"); absent on older entries. */
  summary?: string;
}

/** One history entry as an edit appends it. */
export interface NewChange {
  designId: string;
  revision: number;
  operation: string;
  payload: ChangePayload;
  targetRevision?: number;
  author?: string;
}

/** Appends the changes that produced their revisions, in one statement. */
export async function appendChanges(db: Db, changes: readonly NewChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.designChange.createMany({
    data: changes.map((change) => ({
      designId: change.designId,
      revision: change.revision,
      operation: change.operation,
      payload: change.payload as unknown as Prisma.InputJsonValue,
      targetRevision: change.targetRevision ?? null,
      author: change.author ?? null,
    })),
  });
}

/** One entry of a design's history, without its payload. */
export interface ChangeSummaryDto {
  revision: number;
  operation: string;
  targetRevision: number | null;
  author: string | null;
  createdAt: Date;
  /** The payload's one-sentence summary, when it has one. */
  summary: string | null;
}

/** The log of a design, oldest first (only the payload's summary: cheap even for long histories). */
export async function listChangeSummaries(db: Db, designId: string): Promise<ChangeSummaryDto[]> {
  return db.$queryRaw<ChangeSummaryDto[]>`
    SELECT "revision", "operation", "targetRevision", "author", "createdAt", "payload"->>'summary' AS "summary"
    FROM "DesignChange" WHERE "designId" = ${designId} ORDER BY "revision" ASC`;
}

/** Reads a stored payload, failing loudly on a shape this code did not write. */
function parsePayload(value: unknown, where: string): ChangePayload {
  const payload = value as Partial<ChangePayload> | null;
  const valid = (changes: unknown): changes is RowChange[] =>
    Array.isArray(changes) &&
    changes.every(
      (c) =>
        typeof c === 'object' && c !== null && ENTITY_KINDS.includes((c as RowChange).kind) &&
        typeof (c as RowChange).id === 'string',
    );
  if (!payload || !valid(payload.forward?.changes) || !valid(payload.inverse?.changes)) {
    throw new Error(`The history entry ${where} has no valid { forward, inverse } row changes.`);
  }
  return payload as ChangePayload;
}

/** The payload of the change that produced `revision`, or null when there is none. */
export async function getChangePayload(db: Db, designId: string, revision: number): Promise<ChangePayload | null> {
  const row = await db.designChange.findUnique({
    where: { designId_revision: { designId, revision } },
    select: { payload: true },
  });
  return row ? parsePayload(row.payload, `${designId}@${revision}`) : null;
}

/** Payloads of the changes with revision in (fromExclusive, toInclusive], newest first. */
export async function getPayloadsNewestFirst(
  db: Db,
  designId: string,
  fromExclusive: number,
  toInclusive: number,
): Promise<{ revision: number; payload: ChangePayload }[]> {
  const rows = await db.designChange.findMany({
    where: { designId, revision: { gt: fromExclusive, lte: toInclusive } },
    orderBy: { revision: 'desc' },
    select: { revision: true, payload: true },
  });
  return rows.map((row) => ({ revision: row.revision, payload: parsePayload(row.payload, `${designId}@${row.revision}`) }));
}

/** The IAM row kinds a diff compares. */
export const IAM_DIFF_KINDS = [
  'iamRole', 'iamUser', 'iamGroup', 'iamGroupMembership', 'iamManagedPolicy', 'iamManagedPolicyVersion', 'iamInlinePolicy', 'iamPolicyAttachment',
] as const;

/** The rows of a design that a diff compares, by kind, keyed by row id (the same shape the history stores). */
export type DesignRows = Record<
  'organization' | 'root' | 'rootPolicyType' | 'ou' | 'account' | 'policy' | 'attachment' | 'delegatedAdmin' | (typeof IAM_DIFF_KINDS)[number],
  Map<string, RowData>
>;

/** Current rows of the Organizations and IAM parts of a design, as history rows; null for an unknown design. */
export async function loadDesignRows(db: Db, designId: string): Promise<DesignRows | null> {
  const design = await db.design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) return null;
  const inOrg = { organization: { designId } };
  const [organizations, roots, policyTypes, ous, accounts, policies, attachments, delegatedAdmins] = await Promise.all([
    db.organization.findMany({ where: { designId } }),
    db.root.findMany({ where: inOrg }),
    db.rootPolicyType.findMany({ where: { root: inOrg } }),
    db.organizationalUnit.findMany({ where: { root: inOrg } }),
    db.account.findMany({ where: { designId } }),
    db.organizationPolicy.findMany({ where: inOrg }),
    db.policyAttachment.findMany({ where: { policy: inOrg } }),
    db.delegatedAdministrator.findMany({ where: inOrg }),
  ]);
  const inDesign = { account: { designId } };
  const ofPrincipal = { OR: [{ user: inDesign }, { group: inDesign }, { role: inDesign }] };
  const [roles, users, groups, memberships, managedPolicies, versions, inlinePolicies, iamAttachments] = await Promise.all([
    db.iamRole.findMany({ where: inDesign }),
    db.iamUser.findMany({ where: inDesign }),
    db.iamGroup.findMany({ where: inDesign }),
    db.iamGroupMembership.findMany({ where: { group: inDesign } }),
    db.iamManagedPolicy.findMany({ where: { designId } }),
    db.iamManagedPolicyVersion.findMany({ where: { policy: { designId } } }),
    db.iamInlinePolicy.findMany({ where: ofPrincipal }),
    db.iamPolicyAttachment.findMany({ where: ofPrincipal }),
  ]);
  const byId = (rows: Record<string, unknown>[]) => new Map(rows.map((row) => [row.id as string, toRowData(row)]));
  return {
    iamRole: byId(roles),
    iamUser: byId(users),
    iamGroup: byId(groups),
    // Memberships have no id column: the history names them membershipId(groupId, userId).
    iamGroupMembership: new Map(memberships.map((row) => [membershipId(row.groupId, row.userId), toRowData({ id: membershipId(row.groupId, row.userId), ...row })])),
    iamManagedPolicy: byId(managedPolicies),
    iamManagedPolicyVersion: byId(versions),
    iamInlinePolicy: byId(inlinePolicies),
    iamPolicyAttachment: byId(iamAttachments),
    organization: byId(organizations),
    root: byId(roots),
    rootPolicyType: byId(policyTypes),
    ou: byId(ous),
    account: byId(accounts),
    policy: byId(policies),
    attachment: byId(attachments),
    delegatedAdmin: byId(delegatedAdmins),
  };
}

/** Applies row changes to in-memory rows (kinds a diff does not compare are skipped). */
export function applyChangesInMemory(rows: DesignRows, changes: readonly RowChange[]): void {
  for (const change of changes) {
    const table = (rows as Partial<Record<EntityKind, Map<string, RowData>>>)[change.kind];
    if (!table) continue;
    if (change.after === null) table.delete(change.id);
    else table.set(change.id, change.after);
  }
}
