import 'server-only';

import type { InterchangeIdentityCenter } from '../engine/aws/bundle/model';
import type { CustomerManagedPolicyReference, IdentityCenterModel } from '../engine/identity-center/types';
import type { Db } from './client';

// Reads of IAM Identity Center: the design's instance, its identity store, permission sets and account assignments,
// as row DTOs for the services and as the engine's IdentityCenterModel (AWS identifiers only) for the World and
// the exports. Identity store names are unique whatever their case, as the identity store compares them.

/** The instance row. */
export interface IdentityCenterInstanceRowDto {
  id: string;
  instanceArn: string;
  identityStoreId: string;
  name: string;
  region: string;
  /** Row id of the owner account. */
  ownerAccountRowId: string;
  /** 12-digit id of the owner account. */
  ownerAccountId: string;
  createdAt: Date;
}

/** A permission set row with its policy references parsed. */
export interface PermissionSetRowDto {
  id: string;
  permissionSetArn: string;
  name: string;
  description: string;
  sessionDuration: string;
  relayState: string | null;
  managedPolicyArns: string[];
  customerManagedPolicies: CustomerManagedPolicyReference[];
  inlinePolicy: string | null;
  boundaryManagedPolicyArn: string | null;
  boundaryCustomerPolicyName: string | null;
  boundaryCustomerPolicyPath: string | null;
  createdAt: Date;
}

/** An identity store user row. */
export interface IdentityStoreUserRowDto {
  id: string;
  userId: string;
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

/** An identity store group row. */
export interface IdentityStoreGroupRowDto {
  id: string;
  groupId: string;
  displayName: string;
  description: string;
}

/** An account assignment with the AWS identifiers it names. */
export interface AccountAssignmentRowDto {
  id: string;
  permissionSetRowId: string;
  permissionSetArn: string;
  accountRowId: string;
  accountId: string;
  principalType: 'USER' | 'GROUP';
  /** The user's UserId or the group's GroupId. */
  principalId: string;
}

const instanceSelect = {
  id: true, instanceArn: true, identityStoreId: true, name: true, region: true, ownerAccountId: true, createdAt: true,
  ownerAccount: { select: { accountId: true } },
} as const;

/** The design's instance, or null when IAM Identity Center is not enabled. */
export async function findInstance(db: Db, designId: string): Promise<IdentityCenterInstanceRowDto | null> {
  const row = await db.identityCenterInstance.findUnique({ where: { designId }, select: instanceSelect });
  if (!row) return null;
  return {
    id: row.id, instanceArn: row.instanceArn, identityStoreId: row.identityStoreId, name: row.name, region: row.region,
    ownerAccountRowId: row.ownerAccountId, ownerAccountId: row.ownerAccount.accountId, createdAt: row.createdAt,
  };
}

/** A JSON column that must hold an array of strings. */
function stringArray(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`${what} is not a JSON array of strings.`);
  return value as string[];
}

/** A JSON column that must hold [{ name, path }]. */
function references(value: unknown, what: string): CustomerManagedPolicyReference[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a JSON array.`);
  return value.map((entry) => {
    const { name, path } = (entry ?? {}) as { name?: unknown; path?: unknown };
    if (typeof name !== 'string' || typeof path !== 'string') throw new Error(`${what} holds an entry without a string name and path.`);
    return { name, path };
  });
}

const permissionSetSelect = {
  id: true, permissionSetArn: true, name: true, description: true, sessionDuration: true, relayState: true, managedPolicyArns: true,
  customerManagedPolicies: true, inlinePolicy: true, boundaryManagedPolicyArn: true, boundaryCustomerPolicyName: true,
  boundaryCustomerPolicyPath: true, createdAt: true,
} as const;

type PermissionSetRow = { [K in keyof typeof permissionSetSelect]: unknown } & { id: string; permissionSetArn: string; name: string };

function toPermissionSet(row: PermissionSetRow): PermissionSetRowDto {
  const what = `Permission set ${row.name}`;
  return {
    ...(row as unknown as PermissionSetRowDto),
    managedPolicyArns: stringArray(row.managedPolicyArns, `${what}: managedPolicyArns`),
    customerManagedPolicies: references(row.customerManagedPolicies, `${what}: customerManagedPolicies`),
  };
}

/** The instance's permission sets, by name. */
/** A permission set's boundary as AWS gives it (GetPermissionsBoundaryForPermissionSet), or null when it has none. */
export function permissionsBoundaryOf(ps: PermissionSetRowDto) {
  if (ps.boundaryManagedPolicyArn) return { managedPolicyArn: ps.boundaryManagedPolicyArn };
  if (ps.boundaryCustomerPolicyName) return { customerManagedPolicyReference: { name: ps.boundaryCustomerPolicyName, path: ps.boundaryCustomerPolicyPath ?? '/' } };
  return null;
}

/** The three boundary columns of a permission set row for a boundary as AWS gives it (the inverse of permissionsBoundaryOf). */
export function boundaryColumns(boundary: { managedPolicyArn?: string; customerManagedPolicyReference?: { name: string; path: string } } | null) {
  return {
    boundaryManagedPolicyArn: boundary?.managedPolicyArn ?? null,
    boundaryCustomerPolicyName: boundary?.customerManagedPolicyReference?.name ?? null,
    boundaryCustomerPolicyPath: boundary?.customerManagedPolicyReference?.path ?? null,
  };
}

/** A permission set's fields as export and the panel both show them (absent values as null). */
export function permissionSetFields(ps: PermissionSetRowDto) {
  return {
    arn: ps.permissionSetArn,
    name: ps.name,
    description: ps.description,
    sessionDuration: ps.sessionDuration,
    relayState: ps.relayState,
    managedPolicyArns: ps.managedPolicyArns,
    customerManagedPolicies: ps.customerManagedPolicies,
    inlinePolicy: ps.inlinePolicy,
    permissionsBoundary: permissionsBoundaryOf(ps),
  };
}

export async function listPermissionSets(db: Db, instanceId: string): Promise<PermissionSetRowDto[]> {
  const rows = await db.permissionSet.findMany({ where: { instanceId }, select: permissionSetSelect, orderBy: { name: 'asc' } });
  return rows.map(toPermissionSet);
}

/** A permission set by ARN or by name (names compared whatever their case), or null. */
export async function findPermissionSet(db: Db, instanceId: string, ref: string): Promise<PermissionSetRowDto | null> {
  const row = await db.permissionSet.findFirst({
    where: { instanceId, OR: [{ permissionSetArn: ref }, { name: { equals: ref, mode: 'insensitive' } }] },
    select: permissionSetSelect,
  });
  return row ? toPermissionSet(row) : null;
}

const userSelect = { id: true, userId: true, userName: true, displayName: true, givenName: true, familyName: true, email: true } as const;

/** The instance's users, by user name. */
export async function listUsers(db: Db, instanceId: string): Promise<IdentityStoreUserRowDto[]> {
  return db.identityStoreUser.findMany({ where: { instanceId }, select: userSelect, orderBy: { userName: 'asc' } });
}

/** A user by UserId or UserName, or null. */
export async function findUser(db: Db, instanceId: string, ref: string): Promise<IdentityStoreUserRowDto | null> {
  return db.identityStoreUser.findFirst({
    where: { instanceId, OR: [{ userId: ref }, { userName: { equals: ref, mode: 'insensitive' } }] },
    select: userSelect,
  });
}

const groupSelect = { id: true, groupId: true, displayName: true, description: true } as const;

/** The instance's groups, by display name. */
export async function listGroups(db: Db, instanceId: string): Promise<IdentityStoreGroupRowDto[]> {
  return db.identityStoreGroup.findMany({ where: { instanceId }, select: groupSelect, orderBy: { displayName: 'asc' } });
}

/** A group by GroupId or DisplayName, or null. */
export async function findGroup(db: Db, instanceId: string, ref: string): Promise<IdentityStoreGroupRowDto | null> {
  return db.identityStoreGroup.findFirst({
    where: { instanceId, OR: [{ groupId: ref }, { displayName: { equals: ref, mode: 'insensitive' } }] },
    select: groupSelect,
  });
}

/** Every membership of the instance with the AWS ids of both sides. */
export async function listMemberships(db: Db, instanceId: string): Promise<{ id: string; membershipId: string; groupId: string; userId: string }[]> {
  const rows = await db.identityStoreGroupMembership.findMany({
    where: { group: { instanceId } },
    select: { id: true, membershipId: true, group: { select: { groupId: true, displayName: true } }, user: { select: { userId: true, userName: true } } },
    orderBy: [{ group: { displayName: 'asc' } }, { user: { userName: 'asc' } }],
  });
  return rows.map((row) => ({ id: row.id, membershipId: row.membershipId, groupId: row.group.groupId, userId: row.user.userId }));
}

/** The membership row of a user in a group, or null. */
export async function findMembership(db: Db, groupRowId: string, userRowId: string): Promise<{ id: string; membershipId: string } | null> {
  return db.identityStoreGroupMembership.findUnique({ where: { groupId_userId: { groupId: groupRowId, userId: userRowId } }, select: { id: true, membershipId: true } });
}

/** How many groups a user belongs to. */
export async function countUserGroups(db: Db, userRowId: string): Promise<number> {
  return db.identityStoreGroupMembership.count({ where: { userId: userRowId } });
}

/** The assignments of the instance (optionally of one permission set or one account), in a stable order. */
export async function listAssignments(db: Db, instanceId: string, filter: { permissionSetRowId?: string; accountRowId?: string } = {}): Promise<AccountAssignmentRowDto[]> {
  const rows = await db.accountAssignment.findMany({
    where: {
      permissionSet: { instanceId },
      ...(filter.permissionSetRowId ? { permissionSetId: filter.permissionSetRowId } : {}),
      ...(filter.accountRowId ? { accountId: filter.accountRowId } : {}),
    },
    select: {
      id: true, permissionSetId: true, accountId: true, principalType: true,
      permissionSet: { select: { permissionSetArn: true } },
      account: { select: { accountId: true } },
      user: { select: { userId: true } },
      group: { select: { groupId: true } },
    },
    orderBy: [{ account: { accountId: 'asc' } }, { permissionSet: { name: 'asc' } }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => ({
    id: row.id,
    permissionSetRowId: row.permissionSetId,
    permissionSetArn: row.permissionSet.permissionSetArn,
    accountRowId: row.accountId,
    accountId: row.account.accountId,
    principalType: row.principalType,
    principalId: row.user?.userId ?? row.group?.groupId ?? '',
  }));
}

/** The design's instance with every row under it, read together; undefined when the design has none. */
async function readInstanceRows(db: Db, designId: string) {
  const instance = await findInstance(db, designId);
  if (!instance) return undefined;
  const [users, groups, memberships, permissionSets, assignments] = await Promise.all([
    listUsers(db, instance.id),
    listGroups(db, instance.id),
    listMemberships(db, instance.id),
    listPermissionSets(db, instance.id),
    listAssignments(db, instance.id),
  ]);
  return { instance, users, groups, memberships, permissionSets, assignments };
}

/** The engine's model of the design's instance (AWS identifiers only), or undefined when there is none. */
export async function loadIdentityCenterModel(db: Db, designId: string): Promise<IdentityCenterModel | undefined> {
  const rows = await readInstanceRows(db, designId);
  if (!rows) return undefined;
  const { instance, users, groups, memberships, permissionSets, assignments } = rows;
  return {
    instanceArn: instance.instanceArn,
    identityStoreId: instance.identityStoreId,
    name: instance.name,
    region: instance.region,
    ownerAccountId: instance.ownerAccountId,
    users: users.map((u) => ({ userId: u.userId, userName: u.userName, displayName: u.displayName })),
    groups: groups.map((g) => ({ groupId: g.groupId, displayName: g.displayName })),
    memberships: memberships.map((m) => ({ groupId: m.groupId, userId: m.userId })),
    permissionSets: permissionSets.map((ps) => {
      const boundary = permissionsBoundaryOf(ps);
      return {
        arn: ps.permissionSetArn,
        name: ps.name,
        description: ps.description,
        sessionDuration: ps.sessionDuration,
        ...(ps.relayState ? { relayState: ps.relayState } : {}),
        managedPolicyArns: ps.managedPolicyArns,
        customerManagedPolicies: ps.customerManagedPolicies,
        ...(ps.inlinePolicy ? { inlinePolicy: ps.inlinePolicy } : {}),
        ...(boundary ? { permissionsBoundary: boundary } : {}),
      };
    }),
    assignments: assignments.map((a) => ({ accountId: a.accountId, permissionSetArn: a.permissionSetArn, principalType: a.principalType, principalId: a.principalId })),
  };
}

/** Row ids of the memberships and account assignments of a user or a group (deleted with it). */
export async function listPrincipalDependents(db: Db, principal: { userRowId: string } | { groupRowId: string }): Promise<{ membershipIds: string[]; assignmentIds: string[] }> {
  const where = 'userRowId' in principal ? { userId: principal.userRowId } : { groupId: principal.groupRowId };
  const [memberships, assignments] = await Promise.all([
    db.identityStoreGroupMembership.findMany({ where, select: { id: true } }),
    db.accountAssignment.findMany({ where, select: { id: true } }),
  ]);
  return { membershipIds: memberships.map((m) => m.id), assignmentIds: assignments.map((a) => a.id) };
}

/** How many permission sets the instance has. */
export async function countPermissionSets(db: Db, instanceId: string): Promise<number> {
  return db.permissionSet.count({ where: { instanceId } });
}

/** The 12-digit ids of the accounts a permission set is assigned to, sorted. */
export async function listAssignedAccountIds(db: Db, permissionSetRowId: string): Promise<string[]> {
  const rows = await db.accountAssignment.findMany({ where: { permissionSetId: permissionSetRowId }, select: { account: { select: { accountId: true } } }, distinct: ['accountId'] });
  return rows.map((r) => r.account.accountId).sort();
}

/** Row ids of the permission sets provisioned to an account (with at least one assignment there). */
export async function listProvisionedPermissionSetIds(db: Db, accountRowId: string): Promise<string[]> {
  const rows = await db.accountAssignment.findMany({ where: { accountId: accountRowId }, select: { permissionSetId: true }, distinct: ['permissionSetId'] });
  return rows.map((r) => r.permissionSetId);
}

/** The assignment row of a permission set, account and principal, or null. */
export async function findAssignmentRow(
  db: Db, permissionSetRowId: string, accountRowId: string, principal: { column: 'userId' | 'groupId'; rowId: string },
): Promise<{ id: string } | null> {
  return db.accountAssignment.findFirst({ where: { permissionSetId: permissionSetRowId, accountId: accountRowId, [principal.column]: principal.rowId }, select: { id: true } });
}

/** Every account of the design: row id, 12-digit id and name. */
export async function listAccountNames(db: Db, designId: string): Promise<{ id: string; accountId: string; name: string }[]> {
  return db.account.findMany({ where: { designId }, select: { id: true, accountId: true, name: true }, orderBy: { accountId: 'asc' } });
}

/** The design's instance in the interchange model (every stored field, for exports), or undefined. */
export async function readIdentityCenterForExport(db: Db, designId: string): Promise<InterchangeIdentityCenter | undefined> {
  const rows = await readInstanceRows(db, designId);
  if (!rows) return undefined;
  const { instance, users, groups, memberships, permissionSets, assignments } = rows;
  return {
    instanceArn: instance.instanceArn,
    identityStoreId: instance.identityStoreId,
    name: instance.name,
    region: instance.region,
    ownerAccountId: instance.ownerAccountId,
    users: users.map(({ userId, userName, displayName, givenName, familyName, email }) => ({ userId, userName, displayName, givenName, familyName, email })),
    groups: groups.map(({ groupId, displayName, description }) => ({ groupId, displayName, description })),
    memberships: memberships.map(({ membershipId, groupId, userId }) => ({ membershipId, groupId, userId })),
    permissionSets: permissionSets.map(permissionSetFields),
    assignments: assignments.map(({ accountId, permissionSetArn, principalType, principalId }) => ({ accountId, permissionSetArn, principalType, principalId })),
  };
}

/** Writes an imported instance (the design and its accounts exist already; `accountRowIds` maps 12-digit ids to rows). */
export async function writeIdentityCenter(db: Db, designId: string, accountRowIds: ReadonlyMap<string, string>, ic: InterchangeIdentityCenter): Promise<void> {
  const instance = await db.identityCenterInstance.create({
    data: {
      designId, instanceArn: ic.instanceArn, identityStoreId: ic.identityStoreId, name: ic.name, region: ic.region,
      ownerAccountId: accountRowIds.get(ic.ownerAccountId)!,
    },
    select: { id: true },
  });
  const userRows = await db.identityStoreUser.createManyAndReturn({
    data: ic.users.map((u) => ({ instanceId: instance.id, ...u })),
    select: { id: true, userId: true },
  });
  const groupRows = await db.identityStoreGroup.createManyAndReturn({
    data: ic.groups.map((g) => ({ instanceId: instance.id, ...g })),
    select: { id: true, groupId: true },
  });
  const setRows = await db.permissionSet.createManyAndReturn({
    data: ic.permissionSets.map((ps) => ({
      instanceId: instance.id,
      permissionSetArn: ps.arn,
      name: ps.name,
      description: ps.description,
      sessionDuration: ps.sessionDuration,
      relayState: ps.relayState,
      managedPolicyArns: ps.managedPolicyArns,
      customerManagedPolicies: ps.customerManagedPolicies,
      inlinePolicy: ps.inlinePolicy,
      ...boundaryColumns(ps.permissionsBoundary),
    })),
    select: { id: true, permissionSetArn: true },
  });
  const userRow = new Map(userRows.map((r) => [r.userId, r.id]));
  const groupRow = new Map(groupRows.map((r) => [r.groupId, r.id]));
  const setRow = new Map(setRows.map((r) => [r.permissionSetArn, r.id]));
  await db.identityStoreGroupMembership.createMany({
    data: ic.memberships.map((m) => ({ membershipId: m.membershipId, groupId: groupRow.get(m.groupId)!, userId: userRow.get(m.userId)! })),
  });
  await db.accountAssignment.createMany({
    data: ic.assignments.map((a) => ({
      permissionSetId: setRow.get(a.permissionSetArn)!,
      accountId: accountRowIds.get(a.accountId)!,
      principalType: a.principalType,
      ...(a.principalType === 'USER' ? { userId: userRow.get(a.principalId)! } : { groupId: groupRow.get(a.principalId)! }),
    })),
  });
}
