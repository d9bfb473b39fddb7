// What one design edit makes stale, so only those queries are refetched (the rest of the page keeps its data).
// Pure: no React. tRPC's query keys start with the procedure's path, e.g. [['org', 'tree'], { input, type }].
import type { OrgTree } from '@/server/schemas/org';

/**
 * What kind of change an edit made, as far as the editor's queries care:
 * - `renamed`: an OU or account got a new name (the result carries its view: `ou` or `account`);
 * - `movedAccount` / `movedOu`: a new parent (the result carries the view);
 * - `anything`: any other edit (create, delete, policies, IAM, RAM, undo and redo, ...).
 */
export type EditEffect = 'anything' | 'renamed' | 'movedAccount' | 'movedOu';

/**
 * Procedures whose answer no design edit changes: the caller's role, AWS's catalogues, members and share links,
 * the designs list, and card pins (presentation kept outside the history: no edit, undo or redo touches them).
 */
const NEVER_STALE = ['auth', 'catalog', 'members', 'shareLinks', 'design.list', 'ram.shareableTypes', 'controlTower.catalog', 'org.cardPositions'];

/** The policy library's queries: a move changes no attachment and no name in them. */
const POLICY_LIBRARY = ['policy.list', 'policy.summaries', 'policy.attachedTo', 'policy.get'];

/**
 * The IAM editor's reads (an account's users, groups, roles and policies, iam.account with the account's name): a
 * move changes none of them. Not iam.validate, whose findings may read the organization.
 */
const IAM_READS = ['iam.account', 'iam.roles', 'iam.users', 'iam.groups', 'iam.policies'];

/** What each effect leaves untouched besides NEVER_STALE; org.tree is left out whenever the result patched it. */
const UNCHANGED_BY: Record<EditEffect, readonly string[]> = {
  anything: [],
  // Names are not counted by any quota; the policies attached to a node keep theirs (their targets' names change).
  renamed: ['organization.quotas', 'policy.attachedTo'],
  // A policy's targets keep their names and attachments; an account move changes no count or depth, and no IAM.
  movedAccount: ['organization.quotas', ...POLICY_LIBRARY, ...IAM_READS],
  // An OU move can change the deepest OU level, which the quotas page counts.
  movedOu: [...POLICY_LIBRARY, ...IAM_READS],
};

/** True when `path` (dotted) is `prefix` or below it. */
function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** The dotted procedure path of a tRPC query key, or null for a key that is not tRPC's. */
export function procedurePathOf(queryKey: readonly unknown[]): string | null {
  const path = queryKey[0];
  return Array.isArray(path) && path.every((part) => typeof part === 'string') ? path.join('.') : null;
}

/** Whether an edit with this effect makes the query at `path` stale (`treePatched`: the tree was updated in place). */
export function isStaleAfter(path: string, effect: EditEffect, treePatched: boolean): boolean {
  if (NEVER_STALE.some((prefix) => within(path, prefix))) return false;
  if (treePatched && path === 'org.tree') return false;
  return !UNCHANGED_BY[effect].some((prefix) => within(path, prefix));
}

/** An OU or account as a rename or move returns it (server/services/organizations/views.ts). */
interface NodeView {
  id: string;
  name: string;
  parentId: string | null;
}

function nodeViewOf(value: unknown): NodeView | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, name, parentId } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof name === 'string' && (typeof parentId === 'string' || parentId === null) ? { id, name, parentId } : null;
}

/**
 * The tree with the renamed or moved node as the edit's result says it now is, or null when the result does not
 * say enough (then the tree is refetched). The tree keeps every other node object, so only that card redraws.
 */
export function patchedTree(tree: OrgTree, effect: EditEffect, result: Record<string, unknown>): OrgTree | null {
  if (effect === 'anything') return null;
  const ou = effect !== 'movedAccount' ? nodeViewOf(result.ou) : null;
  const account = effect !== 'movedOu' ? nodeViewOf(result.account) : null;
  if (ou && ou.parentId !== null) {
    const known = tree.orgUnits.find((entry) => entry.id === ou.id);
    if (!known) return null;
    // Already drawn so (a move's optimistic picture): the same tree, so nothing is derived or laid out again.
    if (known.name === ou.name && known.parentId === ou.parentId) return tree;
    const patched = { ...known, name: ou.name, parentId: ou.parentId };
    return { ...tree, orgUnits: tree.orgUnits.map((entry) => (entry === known ? patched : entry)) };
  }
  if (account && account.parentId !== null) {
    const known = tree.accounts.find((entry) => entry.id === account.id);
    if (!known) return null;
    if (known.name === account.name && known.parentId === account.parentId) return tree;
    const patched = { ...known, name: account.name, parentId: account.parentId };
    return { ...tree, accounts: tree.accounts.map((entry) => (entry === known ? patched : entry)) };
  }
  return null;
}
