import 'server-only';
import type { DesignAccess } from '../services/auth/design-access';

// What each API procedure needs from its caller, checked by the access middleware (trpc.ts) before the input is
// parsed. The default follows the procedure's type: a query reads its design (viewer), a mutation changes it
// (editor). Listed here are the exceptions: procedures without a design, those that create one, those that are
// mutations only for transport (a large input does not fit in a GET URL) and change nothing, and those for owners.

/** What a procedure needs. */
export type ProcedureAccess =
  /** Anyone, signed in or not (how to sign in, who am I). */
  | { kind: 'open' }
  /** Anyone signed in or holding a share link; the service decides what they see (design.list). */
  | { kind: 'authenticated' }
  /** A role on the design named by the input's designId (`optional`: an input without one reads no design). */
  | { kind: 'design'; access: DesignAccess; optional?: boolean }
  /**
   * Creates a design, so the caller must be signed in (a share link is not enough); `source` is what it needs on
   * the input's designId when it copies one. The caller becomes the new design's owner; `createdId` finds the new
   * design's id in the procedure's result.
   */
  | { kind: 'creates-design'; source?: DesignAccess; createdId: (result: unknown) => string | undefined };

const field = (...path: string[]) => (result: unknown): string | undefined => {
  let current: unknown = result;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return typeof current === 'string' ? current : undefined;
};

const READ: ProcedureAccess = { kind: 'design', access: 'read' };
const MANAGE: ProcedureAccess = { kind: 'design', access: 'manage' };

/** The exceptions to the default, by procedure path. */
export const PROCEDURE_ACCESS: Readonly<Record<string, ProcedureAccess>> = {
  'auth.session': { kind: 'open' },
  'catalog.actions': { kind: 'authenticated' },
  'design.list': { kind: 'authenticated' },
  'design.create': { kind: 'creates-design', createdId: field('id') },
  'interchange.importBundle': { kind: 'creates-design', createdId: field('designId') },
  'interchange.importOrgDesigner': { kind: 'creates-design', createdId: field('designId') },
  'interchange.importFile': { kind: 'creates-design', createdId: field('designId') },
  'interchange.importCliFiles': { kind: 'creates-design', createdId: field('designId') },
  // Deleting a design is its owners' decision; renaming it is an edit.
  'design.delete': MANAGE,
  'history.branch': { kind: 'creates-design', source: 'read', createdId: field('design', 'id') },
  // Mutations only for transport: they validate or simulate and save nothing.
  'policy.validate': { kind: 'design', access: 'read', optional: true },
  'iam.validate': { kind: 'design', access: 'read', optional: true },
  'identityCenter.validateInlinePolicy': { kind: 'design', access: 'read', optional: true },
  'simulation.simulateBatch': READ,
  'impact.preview': READ, // applies the change to a copy: nothing is saved
  'members.set': MANAGE,
  'members.remove': READ, // leaving a design yourself; removing others is checked by the service (owners only)
  'shareLinks.list': MANAGE,
  'shareLinks.create': MANAGE,
  'shareLinks.revoke': MANAGE,
};

/**
 * What the procedure at `path` needs. An unlisted query without a designId reads no design (reference data such
 * as a catalogue): anyone signed in or holding a link may call it. An unlisted mutation always needs a design it
 * may edit, so a new design-creating procedure fails closed until it is listed above.
 */
export function procedureAccess(path: string, type: 'query' | 'mutation' | 'subscription', hasDesignId: boolean): ProcedureAccess {
  const listed = PROCEDURE_ACCESS[path];
  if (listed?.kind === 'design' && listed.optional && !hasDesignId) return { kind: 'authenticated' };
  if (listed) return listed;
  if (type === 'query') return hasDesignId ? READ : { kind: 'authenticated' };
  return { kind: 'design', access: 'edit' };
}
