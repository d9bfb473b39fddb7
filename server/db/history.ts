import 'server-only';

import type { Db, Prisma } from './client';
import { ENTITY_KINDS, membershipId, toRowData, type EntityKind, type RowChange, type RowData } from './org-mutations';

// The design's revision counter and its change log (DesignChange rows).

/** Why a revision could not be claimed. */
export type ClaimFailure = { reason: 'not-found' } | { reason: 'stale'; currentRevision: number };

/**
 * Moves the design from `expectedRevision` to the next revision, or reports why not. The conditional UPDATE takes
 * the design row's lock for the rest of the transaction, so concurrent edits of one design run one after the
 * other, and the loser re-reads the row after the winner commits, sees another revision and gets 'stale'.
 */
export async function claimRevision(
  db: Db,
  designId: string,
  expectedRevision: number,
): Promise<{ revision: number } | ClaimFailure> {
  const { count } = await db.design.updateMany({
    where: { id: designId, revision: expectedRevision },
    data: { revision: { increment: 1 } },
  });
  if (count === 1) return { revision: expectedRevision + 1 };
  const current = await db.design.findUnique({ where: { id: designId }, select: { revision: true } });
  return current ? { reason: 'stale', currentRevision: current.revision } : { reason: 'not-found' };
}

/**
 * Moves the design to its next revision from any revision at or after `baseRevision`, and says which revision it
 * moved from. Like claimRevision, the UPDATE takes the design row's lock for the rest of the transaction (edits of
 * one design run one after the other); unlike it, an edit based on an older revision gets through, and the caller
 * decides whether what changed since conflicts with what the edit writes (rowsChangedSince).
 */
export async function claimNextRevision(
  db: Db,
  designId: string,
  baseRevision: number,
): Promise<{ revision: number; previous: number } | ClaimFailure> {
  const { count } = await db.design.updateMany({
    where: { id: designId, revision: { gte: baseRevision } },
    data: { revision: { increment: 1 } },
  });
  const current = await db.design.findUnique({ where: { id: designId }, select: { revision: true } });
  if (!current) return { reason: 'not-found' };
  // count 0: the design is behind the base (a revision nobody has made yet): as stale as any other mismatch.
  if (count === 0) return { reason: 'stale', currentRevision: current.revision };
  return { revision: current.revision, previous: current.revision - 1 };
}

/** "kind:id" of every row the changes after `afterRevision` up to `upToRevision` wrote (created, updated or deleted). */
export async function rowsChangedSince(db: Db, designId: string, afterRevision: number, upToRevision: number): Promise<Set<string>> {
  const changes = await db.designChange.findMany({
    where: { designId, revision: { gt: afterRevision, lte: upToRevision } },
    select: { payload: true },
  });
  const rows = new Set<string>();
  for (const change of changes) {
    for (const row of (change.payload as unknown as ChangePayload).forward.changes) rows.add(rowKey(row));
  }
  return rows;
}

/** The key rowsChangedSince uses for a changed row. */
export function rowKey(change: Pick<RowChange, 'kind' | 'id'>): string {
  return `${change.kind}:${change.id}`;
}

/** The design's current revision without taking its lock; null for an unknown design. */
export async function readRevision(db: Db, designId: string): Promise<number | null> {
  const design = await db.design.findUnique({ where: { id: designId }, select: { revision: true } });
  return design?.revision ?? null;
}

/** What one change records: the operation's input and row changes, and their inversion. */
export interface ChangePayload {
  forward: { input: unknown; changes: RowChange[] };
  inverse: { changes: RowChange[] };
  /** What the change did, in one sentence ("Create OU Payments under Workloads"); absent on older entries. */
  summary?: string;
}

/** Appends the change that produced `revision`. */
export async function appendChange(
  db: Db,
  change: { designId: string; revision: number; operation: string; payload: ChangePayload; targetRevision?: number; author?: string },
): Promise<void> {
  await db.designChange.create({
    data: {
      designId: change.designId,
      revision: change.revision,
      operation: change.operation,
      payload: change.payload as unknown as Prisma.InputJsonValue,
      targetRevision: change.targetRevision ?? null,
      author: change.author ?? null,
    },
    select: { id: true },
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
