// The engine's Account from the fields every store keeps (database rows, the bundle model), so that each source leaves
// out the same absent fields: a parent only for a member, another organization only for an account outside this one.
import type { Account } from '../types';

/** The world's Account for an account with this id, name, parent (null outside the organization) and other organization. */
export function worldAccount(id: string, name: string, parentId: string | null | undefined, otherOrganizationId: string | null | undefined): Account {
  const account: Account = { id, name };
  if (parentId) account.parentId = parentId;
  else if (otherOrganizationId) account.organizationId = otherOrganizationId;
  return account;
}
