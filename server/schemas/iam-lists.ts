// The account panel's IAM lists, a page at a time (iam.roles, iam.users, iam.groups, iam.policies): an account
// may hold thousands of roles, so the panel asks for the first page, then the next, or for the names matching a
// search. Imports only zod and the IAM editor's views.
import { z } from 'zod';
import { accountRoleSchema } from './account-details';
import { designIdSchema } from './design';
import { iamGroupViewSchema, iamManagedPolicyViewSchema, iamRoleViewSchema, iamUserViewSchema } from './iam';
import { entityRefSchema } from './organizations';

/** Entries in a page when the caller does not say. */
export const IAM_PAGE_SIZE = 50;
/** The most a caller may ask for in one page. */
export const IAM_MAX_PAGE_SIZE = 200;

/** One page of one account's IAM list: after `cursor` (a previous page's nextCursor), names containing `search`. */
export const iamListInputSchema = z.object({
  designId: designIdSchema,
  accountId: entityRefSchema,
  /** Part of the name, any case; empty or absent lists everything. */
  search: z.string().max(128, { error: 'A search is at most 128 characters.' }).optional(),
  /** The nextCursor of the page before; absent for the first page. */
  cursor: z.string().max(256, { error: 'That cursor is not one this list gave out.' }).nullish(),
  limit: z.number().int().min(1, { error: 'A page holds at least one entry.' }).max(IAM_MAX_PAGE_SIZE, { error: `A page holds at most ${IAM_MAX_PAGE_SIZE} entries.` }).default(IAM_PAGE_SIZE),
});
/** Input of iam.roles, iam.users, iam.groups and iam.policies. */
export type IamListInput = z.input<typeof iamListInputSchema>;

/** A page of `item`: the entries by name, where the next page starts (null after the last) and how many match. */
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });

/** A role as the panel lists it: who may assume it (the engine's trust summary) and what the editor edits. */
export const iamRoleListItemSchema = z.object({ summary: accountRoleSchema, role: iamRoleViewSchema });
/** A role in the panel's list. */
export type IamRoleListItem = z.infer<typeof iamRoleListItemSchema>;

/** iam.roles output. */
export const iamRolePageSchema = pageOf(iamRoleListItemSchema);
/** iam.users output. */
export const iamUserPageSchema = pageOf(iamUserViewSchema);
/** iam.groups output. */
export const iamGroupPageSchema = pageOf(iamGroupViewSchema);
/** iam.policies output. */
export const iamPolicyPageSchema = pageOf(iamManagedPolicyViewSchema);
/** A page of one of the lists. */
export type IamPage<T> = { items: T[]; nextCursor: string | null; total: number };
