import 'server-only';

import { Prisma, type Db } from './client';
import { changedRowKeysOf, changedRowKeysSql } from './history';
import type { OrganizationsPolicyTypeDto, TagDto } from './dto';
import { parseTags } from './json-values';
import type { RowData } from './org-mutations';
import { accountRowsOfJson, accountsByRefSql } from './row-edits';

// Reads the Organizations operations need to check AWS's rules before they write. Lookups accept our row id or
// the AWS identifier ("ou-…", "r-…", "p-…", a 12-digit account id), as AWS callers and the UI use either.

/** What every operation needs to know about the design it edits. */
export interface MutationContextDto {
  designId: string;
  quotaOverrides: unknown;
  organization: { id: string; awsId: string; featureSet: 'ALL' | 'CONSOLIDATED_BILLING'; managementAccountId: string | null };
  root: { id: string; awsId: string; name: string; tags: TagDto[] };
  policyTypes: { id: string; type: OrganizationsPolicyTypeDto; status: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE' }[];
  /** The management account's 12-digit id (null only mid-creation). */
  managementAccountNumber: string | null;
}

/** A row of contextSql. */
interface ContextRow {
  designId: string;
  quotaOverrides: unknown;
  organizationId: string;
  organizationAwsId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string | null;
  managementAccountNumber: string | null;
  rootId: string;
  rootAwsId: string;
  rootName: string;
  rootTags: unknown;
  policyTypes: MutationContextDto['policyTypes'];
}

/** The design's organization, root and policy types in one statement (no row without an organization). */
function contextSql(designId: string): Prisma.Sql {
  // One statement instead of Prisma's one query per nested relation: every edit starts with this read.
  return Prisma.sql`
    SELECT d."id" AS "designId", d."quotaOverrides",
           o."id" AS "organizationId", o."awsId" AS "organizationAwsId", o."featureSet"::text AS "featureSet",
           o."managementAccountId", ma."accountId" AS "managementAccountNumber",
           r."id" AS "rootId", r."awsId" AS "rootAwsId", r."name" AS "rootName", r."tags" AS "rootTags",
           COALESCE(
             json_agg(json_build_object('id', pt."id", 'type', pt."type", 'status', pt."status")) FILTER (WHERE pt."id" IS NOT NULL),
             '[]'::json
           ) AS "policyTypes"
    FROM "Design" d
    JOIN "Organization" o ON o."designId" = d."id"
    JOIN "Root" r ON r."organizationId" = o."id"
    LEFT JOIN "Account" ma ON ma."id" = o."managementAccountId"
    LEFT JOIN "RootPolicyType" pt ON pt."rootId" = r."id"
    WHERE d."id" = ${designId}
    GROUP BY d."id", o."id", ma."accountId", r."id"`;
}

function toContext(row: ContextRow): MutationContextDto {
  return {
    designId: row.designId,
    quotaOverrides: row.quotaOverrides,
    organization: {
      id: row.organizationId,
      awsId: row.organizationAwsId,
      featureSet: row.featureSet,
      managementAccountId: row.managementAccountId,
    },
    root: { id: row.rootId, awsId: row.rootAwsId, name: row.rootName, tags: parseTags(row.rootTags, `root ${row.rootAwsId}`) },
    policyTypes: row.policyTypes,
    managementAccountNumber: row.managementAccountNumber,
  };
}

/** The design's organization, root and enabled policy types; null when the design or its organization is missing. */
export async function loadMutationContext(db: Db, designId: string): Promise<MutationContextDto | null> {
  const rows = await db.$queryRaw<ContextRow[]>`${contextSql(designId)}`;
  return rows[0] ? toContext(rows[0]) : null;
}

/**
 * loadMutationContext and rowsChangedByRevision (history.ts) in one statement: what a batch of edits reads once it
 * holds the design's lock (it must not be merged with the lock: a statement's snapshot is taken before it waits).
 * The changed rows come even when the design has no organization. Given `accountRefs`, the accounts they name come
 * too, as readAccountsByRef (row-edits.ts) gives them.
 */
export async function loadMutationContextAndChanges(
  db: Db,
  designId: string,
  afterRevision: number,
  upToRevision: number,
  accountRefs: readonly string[] = [],
): Promise<{ context: MutationContextDto | null; changedRows: Map<number, string[]>; accounts?: RowData[] }> {
  const withAccounts = accountRefs.length > 0;
  const rows = await db.$queryRaw<(ContextRow & { changed: Record<string, string[]>; accounts?: unknown })[]>`
    SELECT ctx.*, (${changedRowKeysSql(designId, afterRevision, upToRevision)}) AS "changed"
      ${withAccounts ? Prisma.sql`, (${accountsByRefSql(designId, accountRefs)}) AS "accounts"` : Prisma.empty}
    FROM (SELECT 1) AS one LEFT JOIN (${contextSql(designId)}) AS ctx ON true`;
  const row = rows[0];
  return {
    context: row.designId === null ? null : toContext(row),
    changedRows: changedRowKeysOf(row.changed),
    ...(withAccounts ? { accounts: accountRowsOfJson(row.accounts) } : {}),
  };
}

/** True when the design exists. */
export async function designExists(db: Db, designId: string): Promise<boolean> {
  return (await db.design.count({ where: { id: designId } })) > 0;
}

const ouSelect = { id: true, awsId: true, name: true, parentOuId: true, rootId: true, tags: true } as const;

/** An OU as the operations see it. */
export interface OuRowDto {
  id: string;
  awsId: string;
  name: string;
  parentOuId: string | null;
  rootId: string;
  tags: TagDto[];
}

const toOu = (row: { id: string; awsId: string; name: string; parentOuId: string | null; rootId: string; tags: unknown }): OuRowDto => ({
  ...row,
  tags: parseTags(row.tags, `OU ${row.awsId}`),
});

/** An OU of the root by row id or "ou-…" id. */
export async function findOu(db: Db, rootId: string, ref: string): Promise<OuRowDto | null> {
  const row = await db.organizationalUnit.findFirst({
    where: { rootId, OR: [{ id: ref }, { awsId: ref }] },
    select: ouSelect,
  });
  return row ? toOu(row) : null;
}

/** The OU named `name` directly under `parentOuId` (null: under the root), if any. */
export async function findSiblingOuByName(db: Db, rootId: string, parentOuId: string | null, name: string): Promise<OuRowDto | null> {
  const row = await db.organizationalUnit.findFirst({ where: { rootId, parentOuId, name }, select: ouSelect });
  return row ? toOu(row) : null;
}

/** The ids of an OU's ancestors, nearest first (its parent, the parent's parent, ...; the root not included). */
export async function listOuAncestors(db: Db, ouId: string | null): Promise<string[]> {
  const ancestors: string[] = [];
  for (let current = ouId; current !== null; ) {
    ancestors.push(current);
    if (ancestors.length > 10_000) throw new Error('The OU tree has a cycle.');
    const row: { parentOuId: string | null } | null = await db.organizationalUnit.findUnique({ where: { id: current }, select: { parentOuId: true } });
    current = row?.parentOuId ?? null;
  }
  return ancestors;
}

/** Levels of OUs in the subtree of an OU, the OU included (1 for an OU without child OUs). */
export async function ouSubtreeHeight(db: Db, ouId: string): Promise<number> {
  let height = 1;
  for (let frontier = [ouId]; ; height += 1) {
    const children = await db.organizationalUnit.findMany({ where: { parentOuId: { in: frontier } }, select: { id: true } });
    if (children.length === 0) return height;
    frontier = children.map((c) => c.id);
    if (height > 10_000) throw new Error('The OU tree has a cycle.');
  }
}

/** Number of OUs in the organization. */
export async function countOus(db: Db, rootId: string): Promise<number> {
  return db.organizationalUnit.count({ where: { rootId } });
}

/** How many child OUs and accounts an OU holds. */
export async function countOuChildren(db: Db, ouId: string): Promise<{ ous: number; accounts: number }> {
  const [ous, accounts] = await Promise.all([
    db.organizationalUnit.count({ where: { parentOuId: ouId } }),
    db.account.count({ where: { parentOuId: ouId } }),
  ]);
  return { ous, accounts };
}

/** An account as the operations see it. */
export interface AccountRowDto {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  joinedMethod: 'CREATED' | 'INVITED';
  status: 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'INVITED_PENDING';
  parentRootId: string | null;
  parentOuId: string | null;
  tags: TagDto[];
}

const accountSelect = {
  id: true, accountId: true, name: true, email: true, joinedMethod: true, status: true, parentRootId: true, parentOuId: true, tags: true,
} as const;

/** An account of the design by row id or 12-digit account id. */
export async function findAccount(db: Db, designId: string, ref: string): Promise<AccountRowDto | null> {
  const row = await db.account.findFirst({ where: { designId, OR: [{ id: ref }, { accountId: ref }] }, select: accountSelect });
  return row ? { ...row, tags: parseTags(row.tags, `account ${row.accountId}`) } : null;
}

/** The account of the design using this email address, if any. */
export async function findAccountByEmail(db: Db, designId: string, email: string): Promise<AccountRowDto | null> {
  const row = await db.account.findFirst({ where: { designId, email }, select: accountSelect });
  return row ? { ...row, tags: parseTags(row.tags, `account ${row.accountId}`) } : null;
}

/** Accounts in the organization or invited to it (what AWS counts against the account quota). */
export async function countOrganizationAccounts(db: Db, designId: string): Promise<number> {
  return db.account.count({
    where: { designId, OR: [{ parentRootId: { not: null } }, { parentOuId: { not: null } }, { status: 'INVITED_PENDING' }] },
  });
}

/** An Organizations policy as the operations see it. */
export interface PolicyRowDto {
  id: string;
  awsId: string;
  type: OrganizationsPolicyTypeDto;
  name: string;
  description: string;
  content: string;
  awsManaged: boolean;
  tags: TagDto[];
}

const policySelect = { id: true, awsId: true, type: true, name: true, description: true, content: true, awsManaged: true, tags: true } as const;

/** A policy of the organization by row id or "p-…" id. */
export async function findPolicy(db: Db, organizationId: string, ref: string): Promise<PolicyRowDto | null> {
  const row = await db.organizationPolicy.findFirst({ where: { organizationId, OR: [{ id: ref }, { awsId: ref }] }, select: policySelect });
  return row ? { ...row, tags: parseTags(row.tags, `policy ${row.awsId}`) } : null;
}

/** The policy of this type with this name, if any (names are unique per type). */
export async function findPolicyByName(db: Db, organizationId: string, type: OrganizationsPolicyTypeDto, name: string): Promise<PolicyRowDto | null> {
  const row = await db.organizationPolicy.findFirst({ where: { organizationId, type, name }, select: policySelect });
  return row ? { ...row, tags: parseTags(row.tags, `policy ${row.awsId}`) } : null;
}

/** The AWS-managed policy of a type (FullAWSAccess, RCPFullAWSAccess) by its AWS id, if the design has it. */
export async function findPolicyByAwsId(db: Db, organizationId: string, awsId: string): Promise<PolicyRowDto | null> {
  const row = await db.organizationPolicy.findFirst({ where: { organizationId, awsId }, select: policySelect });
  return row ? { ...row, tags: parseTags(row.tags, `policy ${row.awsId}`) } : null;
}

/** Number of policies of a type in the organization. */
export async function countPolicies(db: Db, organizationId: string, type: OrganizationsPolicyTypeDto): Promise<number> {
  return db.organizationPolicy.count({ where: { organizationId, type } });
}

/** Where an attachment points. */
export type TargetColumn = 'rootId' | 'ouId' | 'accountId';

/** An attachment with its policy's type. */
export interface AttachmentRowDto {
  id: string;
  policyId: string;
  policyType: OrganizationsPolicyTypeDto;
  policyAwsId: string;
  rootId: string | null;
  ouId: string | null;
  accountId: string | null;
  createdAt: Date;
}

const attachmentSelect = {
  id: true, policyId: true, rootId: true, ouId: true, accountId: true, createdAt: true,
  policy: { select: { type: true, awsId: true } },
} as const;

const toAttachment = (row: {
  id: string; policyId: string; rootId: string | null; ouId: string | null; accountId: string | null; createdAt: Date;
  policy: { type: OrganizationsPolicyTypeDto; awsId: string };
}): AttachmentRowDto => ({
  id: row.id, policyId: row.policyId, rootId: row.rootId, ouId: row.ouId, accountId: row.accountId, createdAt: row.createdAt,
  policyType: row.policy.type, policyAwsId: row.policy.awsId,
});

/** Attachments on one target (all types, or one), oldest first: AWS merges same-level policies in attach order. */
export async function listTargetAttachments(
  db: Db,
  column: TargetColumn,
  targetId: string,
  type?: OrganizationsPolicyTypeDto,
): Promise<AttachmentRowDto[]> {
  const rows = await db.policyAttachment.findMany({
    where: { [column]: targetId, ...(type ? { policy: { type } } : {}) },
    select: attachmentSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toAttachment);
}

/** Attachments of one policy. */
export async function listPolicyAttachments(db: Db, policyId: string): Promise<AttachmentRowDto[]> {
  const rows = await db.policyAttachment.findMany({ where: { policyId }, select: attachmentSelect, orderBy: { createdAt: 'asc' } });
  return rows.map(toAttachment);
}

/** Attachments of every policy of a type in the organization. */
export async function listAttachmentsOfType(db: Db, organizationId: string, type: OrganizationsPolicyTypeDto): Promise<AttachmentRowDto[]> {
  const rows = await db.policyAttachment.findMany({ where: { policy: { organizationId, type } }, select: attachmentSelect });
  return rows.map(toAttachment);
}

/** Row ids of every OU and member account (the targets AWS attaches FullAWSAccess to when SCPs are enabled). */
export async function listAllTargets(db: Db, designId: string, rootId: string): Promise<{ ouIds: string[]; accountIds: string[] }> {
  const [ous, accounts] = await Promise.all([
    db.organizationalUnit.findMany({ where: { rootId }, select: { id: true } }),
    db.account.findMany({
      where: { designId, OR: [{ parentRootId: { not: null } }, { parentOuId: { not: null } }] },
      select: { id: true },
    }),
  ]);
  return { ouIds: ous.map((o) => o.id), accountIds: accounts.map((a) => a.id) };
}

/** The design's AWS-managed IAM policy with this ARN and its default version's document, if present. */
export async function findAwsManagedIamPolicy(db: Db, designId: string, arn: string): Promise<{ id: string } | null> {
  return db.iamManagedPolicy.findFirst({ where: { designId, arn, scope: 'AWS' }, select: { id: true } });
}

/** An IAM role of an account by name. */
export async function findIamRole(db: Db, accountRowId: string, name: string): Promise<{ id: string } | null> {
  return db.iamRole.findFirst({ where: { accountId: accountRowId, name }, select: { id: true } });
}

/** The IAM policy attachments of a role. */
export async function listRolePolicyAttachments(db: Db, roleId: string): Promise<{ id: string }[]> {
  return db.iamPolicyAttachment.findMany({ where: { roleId }, select: { id: true } });
}

/** Delegated administrator registrations, of one account or all. */
export async function listDelegatedAdmins(
  db: Db,
  organizationId: string,
  accountRowId?: string,
): Promise<{ id: string; accountId: string; servicePrincipal: string; delegatedAt: Date }[]> {
  return db.delegatedAdministrator.findMany({
    where: { organizationId, ...(accountRowId ? { accountId: accountRowId } : {}) },
    select: { id: true, accountId: true, servicePrincipal: true, delegatedAt: true },
    orderBy: [{ servicePrincipal: 'asc' }, { delegatedAt: 'asc' }],
  });
}

/** Trusted access enabled for service principals (EnableAWSServiceAccess). */
export async function listServiceAccess(db: Db, organizationId: string): Promise<{ id: string; servicePrincipal: string }[]> {
  return db.organizationServiceAccess.findMany({ where: { organizationId }, select: { id: true, servicePrincipal: true }, orderBy: { servicePrincipal: 'asc' } });
}

/** Control Tower registration or enabled controls that keep an OU from being deleted. */
export async function countOuControlTowerUses(db: Db, ouId: string): Promise<number> {
  const [registered, controls] = await Promise.all([
    db.registeredOu.count({ where: { ouId } }),
    db.enabledControl.count({ where: { targetOuId: ouId } }),
  ]);
  return registered + controls;
}

/** Member accounts that joined by invitation (they must approve EnableAllFeatures). */
export async function listInvitedMembers(db: Db, designId: string): Promise<{ id: string; accountId: string }[]> {
  return db.account.findMany({
    where: { designId, joinedMethod: 'INVITED', OR: [{ parentRootId: { not: null } }, { parentOuId: { not: null } }] },
    select: { id: true, accountId: true },
    orderBy: { accountId: 'asc' },
  });
}

/** Policies of a type attached to one target, with content, in attach order (first attached first). */
export async function listTargetPolicies(
  db: Db,
  column: TargetColumn,
  targetId: string,
  type?: OrganizationsPolicyTypeDto,
): Promise<{ id: string; awsId: string; name: string; type: OrganizationsPolicyTypeDto; content: string; awsManaged: boolean }[]> {
  const rows = await db.policyAttachment.findMany({
    where: { [column]: targetId, ...(type ? { policy: { type } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { policy: { select: { id: true, awsId: true, name: true, type: true, content: true, awsManaged: true } } },
  });
  return rows.map((row) => row.policy);
}
