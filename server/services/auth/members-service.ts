import 'server-only';
import * as store from '../../db/access-control';
import type { DesignMemberDto, DesignRoleDto } from '../../db/access-control';
import type { Db } from '../../db/client';
import { DomainError } from '../domain-error';
import type { Actor } from './actor';
import { requireDesignAccess } from './design-access';

// Design memberships. Reading the list needs a role on the design; changing it needs the owner role (checked here
// as well as by the API's middleware: the service is what the CLI and tests call too).

/** Fails when authentication is off: memberships mean nothing when nobody signs in. */
function requireAuthentication(actor: Actor): void {
  if (actor.kind === 'machine') {
    throw new DomainError('CONSTRAINT_VIOLATION', 'Authentication is off (LZSIM_AUTH): everyone at this machine owns every design. Turn it on to manage members.');
  }
}

/** The design's members (for people with a role: a share link shows the design, not who works on it). */
export async function listDesignMembers(db: Db, actor: Actor, designId: string): Promise<DesignMemberDto[]> {
  await requireDesignAccess(db, actor, designId, 'read');
  if (actor.kind === 'share') throw new DomainError('FORBIDDEN', 'A share link shows the design, not its members: sign in to see them.');
  return store.listMembers(db, designId);
}

/** The error when a change would leave the design without an owner. */
function lastOwner(): DomainError {
  return new DomainError('CONSTRAINT_VIOLATION', 'A design keeps at least one owner: make someone else owner first.', { field: 'role' });
}

/** Gives a user (by user name) a role on the design; owners only. */
export async function setDesignMember(db: Db, actor: Actor, input: { designId: string; username: string; role: DesignRoleDto }): Promise<DesignMemberDto[]> {
  requireAuthentication(actor);
  await requireDesignAccess(db, actor, input.designId, 'manage');
  const user = await store.findUserByUsername(db, input.username);
  if (!user) throw new DomainError('NOT_FOUND', `There is no user named "${input.username}".`, { field: 'username' });
  await store.changeMembersLocked(
    db,
    input.designId,
    (tx) => store.upsertMember(tx, input.designId, user.id, input.role),
    (owners) => {
      if (owners === 0) throw lastOwner();
    },
  );
  return store.listMembers(db, input.designId);
}

/** Removes a user from the design; owners only (anyone may leave a design themselves). */
export async function removeDesignMember(db: Db, actor: Actor, input: { designId: string; username: string }): Promise<DesignMemberDto[]> {
  requireAuthentication(actor);
  const self = actor.kind === 'user' && actor.user.username === input.username;
  await requireDesignAccess(db, actor, input.designId, self ? 'read' : 'manage');
  const user = await store.findUserByUsername(db, input.username);
  const removed = user
    ? await store.changeMembersLocked(
        db,
        input.designId,
        (tx) => store.deleteMember(tx, input.designId, user.id),
        (owners) => {
          if (owners === 0) throw lastOwner();
        },
      )
    : false;
  if (!removed) throw new DomainError('NOT_FOUND', `"${input.username}" is not a member of this design.`, { field: 'username' });
  return self ? [] : store.listMembers(db, input.designId);
}
