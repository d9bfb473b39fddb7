import 'server-only';
import * as store from '../../db/access-control';
import type { DesignRoleDto } from '../../db/access-control';
import type { Db } from '../../db/client';
import * as designs from '../../db/designs';
import { designNotFound, DomainError } from '../domain-error';
import type { Actor } from './actor';

// Per-design roles. A viewer reads; an editor also changes the design; an owner also manages its members and
// share links. Administrators (the platform team) are owners of every design. A share link makes its holder a
// viewer of one design. With authentication off, the person at the machine owns everything.

/** What an operation needs on a design. */
export type DesignAccess = 'read' | 'edit' | 'manage';

const RANK: Record<DesignRoleDto, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };
const NEEDED: Record<DesignAccess, DesignRoleDto> = { read: 'VIEWER', edit: 'EDITOR', manage: 'OWNER' };

/** The actor's role on a design, or null when they have none (the design may not exist). */
export async function roleOnDesign(db: Db, actor: Actor, designId: string): Promise<DesignRoleDto | null> {
  switch (actor.kind) {
    case 'machine':
      return 'OWNER';
    case 'share':
      return actor.designId === designId ? 'VIEWER' : null;
    case 'anonymous':
      return null;
    case 'user':
      if (actor.user.isAdmin) return 'OWNER';
      return store.findMembershipRole(db, designId, actor.user.id);
  }
}

/** The 401 every request without a valid session gets while authentication is on. */
export function signInRequired(): DomainError {
  return new DomainError('UNAUTHENTICATED', 'Sign in first: this server requires authentication (LZSIM_AUTH).');
}

/**
 * Fails unless the actor may do `access` on the design: 401 when not signed in, NOT_FOUND when they have no role
 * (the same answer as for a design that does not exist, so ids cannot be probed), FORBIDDEN naming the role
 * they have and the one they need. Returns the actor's role.
 */
export async function requireDesignAccess(db: Db, actor: Actor, designId: string, access: DesignAccess): Promise<DesignRoleDto> {
  if (actor.kind === 'anonymous') throw signInRequired();
  const role = await roleOnDesign(db, actor, designId);
  if (!role) throw designNotFound(designId);
  if (actor.kind !== 'machine' && !(await designs.getDesign(db, designId))) throw designNotFound(designId);
  if (RANK[role] < RANK[NEEDED[access]]) {
    const who = actor.kind === 'share' ? 'This share link gives read-only access' : `You are ${role === 'VIEWER' ? 'a viewer' : 'an editor'} of this design`;
    const what =
      access === 'edit'
        ? 'viewers cannot change it. Ask an owner for the editor role.'
        : 'only owners manage its members and share links.';
    throw new DomainError('FORBIDDEN', `${who}: ${what}`);
  }
  return role;
}

/** Fails unless the actor is a signed-in user (or the machine): creating designs needs an identity to own them. */
export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw signInRequired();
  if (actor.kind === 'share') throw new DomainError('FORBIDDEN', 'A share link gives read-only access to one design: sign in to create designs.');
}

/** Which designs the actor may list: all of them (null), or these ids with the actor's role. */
export async function visibleDesigns(db: Db, actor: Actor): Promise<Map<string, DesignRoleDto> | null> {
  switch (actor.kind) {
    case 'machine':
      return null;
    case 'anonymous':
      throw signInRequired();
    case 'share':
      return new Map([[actor.designId, 'VIEWER']]);
    case 'user':
      return actor.user.isAdmin ? null : store.listMembershipsOf(db, actor.user.id);
  }
}

/** Makes a signed-in creator the owner of the design they just created (nothing to record for the machine). */
export async function grantCreatorOwnership(db: Db, actor: Actor, designId: string): Promise<void> {
  if (actor.kind === 'user') await store.upsertMember(db, designId, actor.user.id, 'OWNER');
}
