import 'server-only';
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { OrgTree } from '../schemas/org';
import type { orgSubtreeInputSchema, OrgSubtree } from '../schemas/org-subtree';
import { DomainError } from './domain-error';
import { getOrgTree } from './org-service';

type OrgSubtreeInput = z.output<typeof orgSubtreeInputSchema>;

/** What a tree's OUs hold below them, per tree snapshot (the tree of a revision never changes). */
const descendantsByTree = new WeakMap<OrgTree, Map<string, { ous: number; accounts: number }>>();

/**
 * One root or OU's children, OUs by name then accounts by name, a page at a time: a canvas that starts folded asks
 * for what it unfolds instead of the whole organization. Reads the revision-cached tree. An id that is no root or
 * OU is Organizations' ParentNotFoundException (ListChildren); a cursor whose child has gone since is a CONFLICT.
 */
export async function getOrgSubtree(db: Db, input: OrgSubtreeInput): Promise<OrgSubtree> {
  const tree = await getOrgTree(db, input.designId);
  const ou = tree.orgUnits.find((unit) => unit.id === input.parentId);
  const parent = tree.root && tree.root.id === input.parentId
    ? { id: tree.root.id, kind: 'root' as const, name: tree.root.name }
    : ou ? { id: ou.id, kind: 'ou' as const, name: ou.name } : undefined;
  if (!parent) {
    const isAccount = tree.accounts.some((account) => account.id === input.parentId);
    throw new DomainError('NOT_FOUND', isAccount
      ? `${input.parentId} is an account: only the root and OUs have children.`
      : `There is no root or OU with id "${input.parentId}" in this design.`, { awsCode: 'ParentNotFoundException', field: 'parentId' });
  }
  const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const descendants = descendantsOf(tree);
  const children: OrgSubtree['children'] = [
    ...tree.orgUnits.filter((unit) => unit.parentId === parent.id).sort(byName).map((unit) => ({ kind: 'ou' as const, ou: unit, descendants: descendants.get(unit.id)! })),
    ...tree.accounts.filter((account) => account.parentId === parent.id).sort(byName).map((account) => ({ kind: 'account' as const, account })),
  ];
  const idOf = (child: OrgSubtree['children'][number]) => (child.kind === 'ou' ? child.ou.id : child.account.id);
  let start = 0;
  if (input.cursor !== undefined) {
    const at = children.findIndex((child) => idOf(child) === input.cursor);
    if (at < 0) throw new DomainError('CONFLICT', `The child the cursor names (${input.cursor}) is no longer under ${parent.name}: the organization changed, read the first page again.`, { field: 'cursor' });
    start = at + 1;
  }
  const page = children.slice(start, start + input.limit);
  const more = start + page.length < children.length;
  return { designId: input.designId, parent, total: children.length, children: page, nextCursor: more ? idOf(page.at(-1)!) : null };
}

function descendantsOf(tree: OrgTree): Map<string, { ous: number; accounts: number }> {
  let counts = descendantsByTree.get(tree);
  if (counts) return counts;
  counts = new Map(tree.orgUnits.map((unit) => [unit.id, { ous: 0, accounts: 0 }]));
  const parentOf = new Map(tree.orgUnits.map((unit) => [unit.id, unit.parentId]));
  // Each node adds itself to every OU above it (an organization is at most five OUs deep).
  const climb = (from: string, key: 'ous' | 'accounts') => {
    for (let id: string | undefined = from; id !== undefined; id = parentOf.get(id)) {
      const above = counts!.get(id);
      if (above) above[key] += 1;
    }
  };
  for (const unit of tree.orgUnits) climb(unit.parentId, 'ous');
  for (const account of tree.accounts) climb(account.parentId, 'accounts');
  descendantsByTree.set(tree, counts);
  return counts;
}
