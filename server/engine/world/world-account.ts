// The engine's Account from the fields every store keeps (database rows, the bundle model), so that each source leaves
// out the same absent fields: a parent only for a member, another organization only for an account outside this one.
import type { Account, S3PublicAccessBlock } from '../types';

/** An account as a store keeps it: null or undefined where a field is not set. */
export interface StoredAccount {
  /** 12-digit id. */
  id: string;
  /** Display name. */
  name: string;
  /** Parent root or OU id; null or undefined outside the organization. */
  parentId: string | null | undefined;
  /** The other organization of an account outside this one. */
  otherOrganizationId?: string | null;
  /** S3 Block Public Access settings of the account. */
  s3PublicAccessBlock?: S3PublicAccessBlock | null;
}

/** The world's Account for a stored account. */
export function worldAccount(stored: StoredAccount): Account {
  const account: Account = { id: stored.id, name: stored.name };
  if (stored.parentId) account.parentId = stored.parentId;
  else if (stored.otherOrganizationId) account.organizationId = stored.otherOrganizationId;
  if (stored.s3PublicAccessBlock) account.s3PublicAccessBlock = stored.s3PublicAccessBlock;
  return account;
}
