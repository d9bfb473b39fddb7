import 'server-only';
import type { Db } from '../../db/client';
import type { Actor } from './actor';
import type { AuthMode } from './auth-config';
import { requireDesignAccess } from './design-access';

/** How this server signs people in and who the request is (auth.session). */
export function describeSession(mode: AuthMode, actor: Actor) {
  return {
    mode,
    user: actor.kind === 'user' ? { username: actor.user.username, displayName: actor.user.displayName, isAdmin: actor.user.isAdmin } : null,
    sharedDesignId: actor.kind === 'share' ? actor.designId : null,
  };
}

/** The caller's role on a design and what it allows (the editor greys out what the role cannot do). */
export async function myDesignRole(db: Db, actor: Actor, designId: string) {
  const role = await requireDesignAccess(db, actor, designId, 'read');
  return { role, canEdit: role !== 'VIEWER', canManage: role === 'OWNER', viaShareLink: actor.kind === 'share' };
}
