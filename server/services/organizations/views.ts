import 'server-only';
import type { RowData } from '../../db/org-mutations';

// What the operations return: plain objects built from the rows they wrote (row ids for structure, AWS ids for
// display), so a caller can update its view without reading the tree again.

/** An OU as the operations return it. */
export interface OuView {
  id: string;
  awsId: string;
  name: string;
  /** Row id of the parent: the root or an OU. */
  parentId: string;
  tags: { key: string; value: string }[];
}

/** An account as the operations return it. */
export interface AccountView {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  joinedMethod: string;
  status: string;
  /** Row id of the parent; null for an account outside the organization (invited, declined or removed). */
  parentId: string | null;
}

/** A policy as the operations return it. */
export interface PolicyView {
  id: string;
  awsId: string;
  type: string;
  name: string;
  description: string;
  content: string;
  awsManaged: boolean;
}

/** An OU row as returned to callers. */
export function toOuView(row: RowData, rootId: string): OuView {
  return {
    id: row.id,
    awsId: String(row.awsId),
    name: String(row.name),
    parentId: (row.parentOuId as string | null) ?? rootId,
    tags: (row.tags as OuView['tags']) ?? [],
  };
}

/** An account row as returned to callers. */
export function toAccountView(row: RowData): AccountView {
  return {
    id: row.id,
    accountId: String(row.accountId),
    name: String(row.name),
    email: (row.email as string | null) ?? null,
    joinedMethod: String(row.joinedMethod),
    status: String(row.status),
    parentId: (row.parentOuId as string | null) ?? (row.parentRootId as string | null) ?? null,
  };
}

/** A policy row as returned to callers. */
export function toPolicyView(row: RowData): PolicyView {
  return {
    id: row.id,
    awsId: String(row.awsId),
    type: String(row.type),
    name: String(row.name),
    description: String(row.description ?? ''),
    content: String(row.content),
    awsManaged: Boolean(row.awsManaged),
  };
}
