import 'server-only';

import type { Db } from './client';
import { parseTags } from './json-values';
import type { TagDto } from './dto';

// Reads IAM editing needs: one account's users, groups, roles and managed policies, looked up the way IAM does
// (names of users, groups and roles are unique in an account whatever their case: reference_iam-quotas.html,
// "IAM name requirements").

/** The columns of a role the services check and record. */
export interface IamRoleRowDto {
  id: string;
  name: string;
  path: string;
  description: string;
  trustPolicy: string;
  maxSessionDuration: number;
  boundaryPolicyId: string | null;
  permissionsBoundaryArn: string | null;
  tags: TagDto[];
}

/** The columns of a user the services check. */
export interface IamUserRowDto {
  id: string;
  name: string;
  path: string;
  boundaryPolicyId: string | null;
  permissionsBoundaryArn: string | null;
  tags: TagDto[];
}

/** The columns of a group the services check. */
export interface IamGroupRowDto {
  id: string;
  name: string;
  path: string;
}

/** A managed policy (customer-managed in an account, or AWS-managed in the design). */
export interface IamManagedPolicyRowDto {
  id: string;
  accountId: string | null;
  scope: 'AWS' | 'LOCAL';
  arn: string;
  name: string;
  path: string;
  tags: TagDto[];
}

const roleSelect = {
  id: true, name: true, path: true, description: true, trustPolicy: true, maxSessionDuration: true,
  boundaryPolicyId: true, permissionsBoundaryArn: true, tags: true,
} as const;
const userSelect = { id: true, name: true, path: true, boundaryPolicyId: true, permissionsBoundaryArn: true, tags: true } as const;
const policySelect = { id: true, accountId: true, scope: true, arn: true, name: true, path: true, tags: true } as const;

const caseInsensitive = (name: string) => ({ equals: name, mode: 'insensitive' as const });

/** The role of the account with this name, whatever its case; null when there is none. */
export async function findRoleByName(db: Db, accountRowId: string, name: string): Promise<IamRoleRowDto | null> {
  const row = await db.iamRole.findFirst({ where: { accountId: accountRowId, name: caseInsensitive(name) }, select: roleSelect });
  return row ? { ...row, tags: parseTags(row.tags, `IAM role ${row.name}`) } : null;
}

/** The user of the account with this name, whatever its case; null when there is none. */
export async function findUserByName(db: Db, accountRowId: string, name: string): Promise<IamUserRowDto | null> {
  const row = await db.iamUser.findFirst({ where: { accountId: accountRowId, name: caseInsensitive(name) }, select: userSelect });
  return row ? { ...row, tags: parseTags(row.tags, `IAM user ${row.name}`) } : null;
}

/** The group of the account with this name, whatever its case; null when there is none. */
export async function findGroupByName(db: Db, accountRowId: string, name: string): Promise<IamGroupRowDto | null> {
  return db.iamGroup.findFirst({ where: { accountId: accountRowId, name: caseInsensitive(name) }, select: { id: true, name: true, path: true } });
}

/** A managed policy of the design by ARN; null when the design has none. */
export async function findManagedPolicyByArn(db: Db, designId: string, arn: string): Promise<IamManagedPolicyRowDto | null> {
  const row = await db.iamManagedPolicy.findUnique({ where: { designId_arn: { designId, arn } }, select: policySelect });
  return row ? { ...row, tags: parseTags(row.tags, `IAM policy ${row.arn}`) } : null;
}

/** The customer-managed policy of the account with this name; null when there is none. */
export async function findManagedPolicyByName(db: Db, accountRowId: string, name: string): Promise<{ id: string; arn: string } | null> {
  return db.iamManagedPolicy.findFirst({ where: { accountId: accountRowId, name }, select: { id: true, arn: true } });
}

/** How many roles, users, groups or customer-managed policies the account has. */
export async function countAccountIam(db: Db, accountRowId: string): Promise<{ roles: number; users: number; groups: number; policies: number }> {
  const [roles, users, groups, policies] = await Promise.all([
    db.iamRole.count({ where: { accountId: accountRowId } }),
    db.iamUser.count({ where: { accountId: accountRowId } }),
    db.iamGroup.count({ where: { accountId: accountRowId } }),
    db.iamManagedPolicy.count({ where: { accountId: accountRowId } }),
  ]);
  return { roles, users, groups, policies };
}

/** The column of IamPolicyAttachment and IamInlinePolicy that points at a principal of this type. */
export type PrincipalColumn = 'roleId' | 'userId' | 'groupId';

/** Managed policy attachments of one principal (id and policy). */
export async function listPrincipalAttachments(db: Db, column: PrincipalColumn, principalId: string): Promise<{ id: string; policyId: string }[]> {
  return db.iamPolicyAttachment.findMany({ where: { [column]: principalId }, select: { id: true, policyId: true } });
}

/** Inline policies of one principal. */
export async function listInlinePolicies(db: Db, column: PrincipalColumn, principalId: string): Promise<{ id: string; name: string; document: string }[]> {
  return db.iamInlinePolicy.findMany({ where: { [column]: principalId }, select: { id: true, name: true, document: true }, orderBy: { name: 'asc' } });
}

/** Where a managed policy is used: attachments (as "role/Name", …) and boundaries. */
export async function managedPolicyUses(db: Db, policyId: string): Promise<{ attachments: string[]; boundaries: string[] }> {
  const [attachments, boundaryUsers, boundaryRoles] = await Promise.all([
    db.iamPolicyAttachment.findMany({
      where: { policyId },
      select: { role: { select: { name: true } }, user: { select: { name: true } }, group: { select: { name: true } } },
    }),
    db.iamUser.findMany({ where: { boundaryPolicyId: policyId }, select: { name: true } }),
    db.iamRole.findMany({ where: { boundaryPolicyId: policyId }, select: { name: true } }),
  ]);
  return {
    attachments: attachments.map((a) => (a.role ? `role/${a.role.name}` : a.user ? `user/${a.user.name}` : `group/${a.group!.name}`)),
    boundaries: [...boundaryRoles.map((r) => `role/${r.name}`), ...boundaryUsers.map((u) => `user/${u.name}`)],
  };
}

/** The versions of a managed policy, oldest first. */
export async function listPolicyVersions(db: Db, policyId: string): Promise<{ id: string; versionId: string; document: string; isDefault: boolean }[]> {
  const rows = await db.iamManagedPolicyVersion.findMany({ where: { policyId }, select: { id: true, versionId: true, document: true, isDefault: true } });
  return rows.sort((a, b) => versionNumber(a.versionId) - versionNumber(b.versionId));
}

/** 3 for "v3" (versions sort by number, not text: v10 after v9). */
export function versionNumber(versionId: string): number {
  return Number.parseInt(versionId.slice(1), 10) || 0;
}

/** Group memberships of a user (group ids) or of a group (user ids). */
export async function listMemberships(db: Db, by: { userId: string } | { groupId: string }): Promise<{ groupId: string; userId: string }[]> {
  return db.iamGroupMembership.findMany({ where: by, select: { groupId: true, userId: true } });
}

/** Everything the IAM editor shows for one account (row id known). */
const editAttachments = { select: { policy: { select: { arn: true, name: true } } } } as const;
const editInline = { select: { name: true, document: true }, orderBy: { name: 'asc' } } as const;
/** What the IAM editor reads of each kind of entity (the full account, or a page of one list). */
const editorSelect = {
  roles: { ...roleSelect, boundaryPolicy: { select: { arn: true } }, attachments: editAttachments, inlinePolicies: editInline },
  users: {
    ...userSelect, boundaryPolicy: { select: { arn: true } }, attachments: editAttachments, inlinePolicies: editInline,
    memberships: { select: { group: { select: { name: true } } } },
  },
  groups: { id: true, name: true, path: true, attachments: editAttachments, inlinePolicies: editInline, memberships: { select: { user: { select: { name: true } } } } },
  policies: {
    ...policySelect, description: true,
    versions: { select: { versionId: true, document: true, isDefault: true, createdAt: true } },
    attachments: { select: { role: { select: { name: true } }, user: { select: { name: true } }, group: { select: { name: true } } } },
    boundaryOfRoles: { select: { name: true } },
    boundaryOfUsers: { select: { name: true } },
  },
} as const;

export async function loadAccountIamForEditing(db: Db, accountRowId: string) {
  return db.account.findUnique({
    where: { id: accountRowId },
    select: {
      id: true, accountId: true, name: true, designId: true,
      iamRoles: { orderBy: { name: 'asc' }, select: editorSelect.roles },
      iamUsers: { orderBy: { name: 'asc' }, select: editorSelect.users },
      iamGroups: { orderBy: { name: 'asc' }, select: editorSelect.groups },
      iamManagedPolicies: { orderBy: { name: 'asc' }, select: editorSelect.policies },
    },
  });
}

/** Which names a page holds: containing `search` (any case), after `after` by name, at most `take`. */
export interface IamPageQuery {
  search?: string;
  after?: string;
  take: number;
}

/** The page's filter: the account's entities whose name contains the search, past the cursor's name. */
function pageWhere(accountRowId: string, query: IamPageQuery) {
  return {
    accountId: accountRowId,
    ...(query.search ? { name: { contains: query.search, mode: 'insensitive' as const } } : {}),
  };
}
const afterName = (query: IamPageQuery) => (query.after === undefined ? {} : { name: { gt: query.after } });

/**
 * One page of an account's roles, users, groups or customer-managed policies as the editor reads them, by name
 * (names are unique in an account, so the last name of a page is where the next one starts), and how many match
 * the search in all.
 */
export function accountIamPages(db: Db, accountRowId: string, query: IamPageQuery) {
  const where = pageWhere(accountRowId, query);
  // Prisma merges two conditions on one field only through AND.
  const paged = { AND: [where, afterName(query)] };
  const page = { orderBy: { name: 'asc' as const }, take: query.take };
  return {
    roles: async () => ({ rows: await db.iamRole.findMany({ where: paged, select: editorSelect.roles, ...page }), total: await db.iamRole.count({ where }) }),
    users: async () => ({ rows: await db.iamUser.findMany({ where: paged, select: editorSelect.users, ...page }), total: await db.iamUser.count({ where }) }),
    groups: async () => ({ rows: await db.iamGroup.findMany({ where: paged, select: editorSelect.groups, ...page }), total: await db.iamGroup.count({ where }) }),
    policies: async () => ({ rows: await db.iamManagedPolicy.findMany({ where: paged, select: editorSelect.policies, ...page }), total: await db.iamManagedPolicy.count({ where }) }),
  };
}

/** The design's AWS-managed policies (attachable in every account), by name. */
export async function listAwsManagedPolicies(db: Db, designId: string): Promise<{ arn: string; name: string }[]> {
  return db.iamManagedPolicy.findMany({ where: { designId, scope: 'AWS' }, select: { arn: true, name: true }, orderBy: { name: 'asc' } });
}

/** The design's accounts in no organization (no parent root or OU), with how many roles and users each holds. */
export async function listAccountsOutsideOrganization(db: Db, designId: string): Promise<{ accountId: string; name: string; otherOrganizationId: string | null; roleCount: number; userCount: number }[]> {
  const rows = await db.account.findMany({
    where: { designId, parentRootId: null, parentOuId: null },
    select: { accountId: true, name: true, otherOrganizationId: true, _count: { select: { iamRoles: true, iamUsers: true } } },
    orderBy: { accountId: 'asc' },
  });
  return rows.map((row) => ({ accountId: row.accountId, name: row.name, otherOrganizationId: row.otherOrganizationId, roleCount: row._count.iamRoles, userCount: row._count.iamUsers }));
}

