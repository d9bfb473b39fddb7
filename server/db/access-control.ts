import 'server-only';

import type { Db, Prisma } from './client';
import { inTransaction } from './transaction';

// Users, sessions, design memberships and share links (schema.prisma, "People and access"). Tokens arrive here
// already hashed: the services own the secrets, the database only ever sees their SHA-256.

/** A per-design role, as stored. */
export type DesignRoleDto = 'OWNER' | 'EDITOR' | 'VIEWER';

/** What the rest of the server knows about a user (never the password hash). */
export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
}

const userSelect = { id: true, username: true, displayName: true, isAdmin: true } satisfies Prisma.UserSelect;

/** A user by sign-in name, with the stored password hash (null for OIDC-only users). */
export async function findUserForSignIn(db: Db, username: string): Promise<(UserDto & { passwordHash: string | null }) | null> {
  return db.user.findUnique({ where: { username }, select: { ...userSelect, passwordHash: true } });
}

/** A user by sign-in name. */
export async function findUserByUsername(db: Db, username: string): Promise<UserDto | null> {
  return db.user.findUnique({ where: { username }, select: userSelect });
}

/** Creates a local user; throws Prisma's P2002 when the name is taken. */
export async function createUser(
  db: Db,
  data: { username: string; displayName?: string; passwordHash: string | null; isAdmin?: boolean; oidcIssuer?: string; oidcSubject?: string },
): Promise<UserDto> {
  return db.user.create({ data, select: userSelect });
}

/** Replaces a user's password hash. */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
}

/** An OIDC user by issuer and subject. */
export async function findUserByOidcSubject(db: Db, issuer: string, subject: string): Promise<UserDto | null> {
  return db.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } }, select: userSelect });
}

/** Every user, by name. */
export async function listUsers(db: Db): Promise<UserDto[]> {
  return db.user.findMany({ orderBy: { username: 'asc' }, select: userSelect });
}

/** Stores a new session. */
export async function createSession(db: Db, data: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.session.create({ data, select: { id: true } });
}

/** The unexpired session with this token hash, with its user. */
export async function findSession(db: Db, tokenHash: string, now: Date): Promise<{ id: string; csrfToken: string; user: UserDto } | null> {
  const session = await db.session.findUnique({
    where: { tokenHash },
    select: { id: true, csrfToken: true, expiresAt: true, user: { select: userSelect } },
  });
  if (!session || session.expiresAt <= now) return null;
  return { id: session.id, csrfToken: session.csrfToken, user: session.user };
}

/** Deletes a session (sign-out); a missing one is fine. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash } });
}

/** Deletes every session of a user (password change, removal) and every expired session. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { OR: [{ userId }, { expiresAt: { lte: new Date() } }] } });
  return count;
}

/** A user's role on a design, or null when they are not a member. */
export async function findMembershipRole(db: Db, designId: string, userId: string): Promise<DesignRoleDto | null> {
  const member = await db.designMember.findUnique({ where: { designId_userId: { designId, userId } }, select: { role: true } });
  return member?.role ?? null;
}

/** One member of a design. */
export interface DesignMemberDto {
  userId: string;
  username: string;
  displayName: string;
  role: DesignRoleDto;
}

/** A design's members, owners first, then by name. */
export async function listMembers(db: Db, designId: string): Promise<DesignMemberDto[]> {
  const rows = await db.designMember.findMany({
    where: { designId },
    select: { role: true, user: { select: { id: true, username: true, displayName: true } } },
  });
  const order: Record<DesignRoleDto, number> = { OWNER: 0, EDITOR: 1, VIEWER: 2 };
  return rows
    .map((row) => ({ userId: row.user.id, username: row.user.username, displayName: row.user.displayName, role: row.role }))
    .sort((a, b) => order[a.role] - order[b.role] || a.username.localeCompare(b.username));
}

/** Gives a user a role on a design (adds or changes the membership). */
export async function upsertMember(db: Db, designId: string, userId: string, role: DesignRoleDto): Promise<void> {
  await db.designMember.upsert({
    where: { designId_userId: { designId, userId } },
    create: { designId, userId, role },
    update: { role },
    select: { id: true },
  });
}

/** Removes a membership; false when there was none. */
export async function deleteMember(db: Db, designId: string, userId: string): Promise<boolean> {
  const { count } = await db.designMember.deleteMany({ where: { designId, userId } });
  return count > 0;
}

/**
 * Runs `change` on the design's memberships with the design row locked, then returns the owners left: two owners
 * demoting each other at once cannot leave a design without an owner (the second waits for the first, then sees
 * one owner). The caller throws inside `check` to roll back.
 */
export async function changeMembersLocked<T>(
  db: Db,
  designId: string,
  change: (tx: Prisma.TransactionClient) => Promise<T>,
  check: (ownersLeft: number) => void,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Design" WHERE id = ${designId} FOR UPDATE`;
    const result = await change(tx);
    check(await tx.designMember.count({ where: { designId, role: 'OWNER' } }));
    return result;
  });
}

/** The ids of the designs a user is a member of, with the role. */
export async function listMembershipsOf(db: Db, userId: string): Promise<Map<string, DesignRoleDto>> {
  const rows = await db.designMember.findMany({ where: { userId }, select: { designId: true, role: true } });
  return new Map(rows.map((row) => [row.designId, row.role]));
}

/** A share link as its owners see it (never the secret). */
export interface ShareLinkDto {
  id: string;
  designId: string;
  label: string;
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const shareLinkSelect = {
  id: true,
  designId: true,
  label: true,
  createdAt: true,
  revokedAt: true,
  createdBy: { select: { username: true } },
} satisfies Prisma.ShareLinkSelect;

function toShareLinkDto(row: Prisma.ShareLinkGetPayload<{ select: typeof shareLinkSelect }>): ShareLinkDto {
  return { id: row.id, designId: row.designId, label: row.label, createdBy: row.createdBy?.username ?? null, createdAt: row.createdAt, revokedAt: row.revokedAt };
}

/** Stores a new share link. */
export async function createShareLink(db: Db, data: { designId: string; tokenHash: string; label: string; createdById: string | null }): Promise<ShareLinkDto> {
  return toShareLinkDto(await db.shareLink.create({ data, select: shareLinkSelect }));
}

/** The share link with this token hash (revoked or not). */
export async function findShareLink(db: Db, tokenHash: string): Promise<ShareLinkDto | null> {
  const row = await db.shareLink.findUnique({ where: { tokenHash }, select: shareLinkSelect });
  return row ? toShareLinkDto(row) : null;
}

/** A design's share links, newest first. */
export async function listShareLinks(db: Db, designId: string): Promise<ShareLinkDto[]> {
  const rows = await db.shareLink.findMany({ where: { designId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: shareLinkSelect });
  return rows.map(toShareLinkDto);
}

/** Marks a link revoked (once); null when the design has no such link. */
export async function revokeShareLink(db: Db, designId: string, linkId: string, now: Date): Promise<ShareLinkDto | null> {
  const { count } = await db.shareLink.updateMany({ where: { id: linkId, designId, revokedAt: null }, data: { revokedAt: now } });
  const row = await db.shareLink.findFirst({ where: { id: linkId, designId }, select: shareLinkSelect });
  void count;
  return row ? toShareLinkDto(row) : null;
}
