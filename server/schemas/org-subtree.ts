// org.subtree: one root or OU's children a page at a time, for a canvas that unfolds a big organization on demand.
import { z } from 'zod';
import { designIdSchema } from './design';
import { orgAccountNodeSchema, orgUnitNodeSchema } from './org';

/** Input of org.subtree: one root or OU's children, a page at a time (the canvas unfolds a folded OU). */
export const orgSubtreeInputSchema = z.object({
  designId: designIdSchema,
  /** Row id of the root or OU whose children to list. */
  parentId: z.string().trim().min(1, { error: 'Parent id is required.' }).max(64),
  /** The nextCursor of the previous page. */
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.number().int().min(1, { error: 'limit must be between 1 and 1000.' }).max(1000, { error: 'limit must be between 1 and 1000.' }).default(200),
});

/** One child in org.subtree: an OU with what its subtree holds, or an account. */
export const orgSubtreeChildSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ou'),
    ou: orgUnitNodeSchema,
    /** OUs and accounts anywhere under this OU (what a folded card says it hides). */
    descendants: z.object({ ous: z.number().int().nonnegative(), accounts: z.number().int().nonnegative() }),
  }),
  z.object({ kind: z.literal('account'), account: orgAccountNodeSchema }),
]);

/** Output of org.subtree: the parent, a page of its children (OUs by name, then accounts by name) and the cursor. */
export const orgSubtreeSchema = z.object({
  designId: z.string(),
  parent: z.object({ id: z.string(), kind: z.enum(['root', 'ou']), name: z.string() }),
  /** How many children the parent has in all. */
  total: z.number().int().nonnegative(),
  children: z.array(orgSubtreeChildSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
/** org.subtree's answer. */
export type OrgSubtree = z.infer<typeof orgSubtreeSchema>;
