// Design schemas shared by the API and the browser's forms: this module imports only zod.
import { z } from 'zod';
import { refuseUnsafeText } from './text';

/** Longest design name the product accepts (a display label, not an AWS limit). */
export const DESIGN_NAME_MAX_LENGTH = 80;
/** Longest design description the product accepts. */
export const DESIGN_DESCRIPTION_MAX_LENGTH = 500;

/** A per-design role: owners also manage members and share links, editors change the design, viewers read it. */
export const designRoleSchema = z.enum(['OWNER', 'EDITOR', 'VIEWER']);

/** A design's name as people type it: trimmed, not empty, not too long. */
export const designNameSchema = z
  .string({ error: 'Name is required.' })
  .trim()
  .superRefine(refuseUnsafeText())
  .min(1, { error: 'Name is required.' })
  .max(DESIGN_NAME_MAX_LENGTH, { error: `Name must be at most ${DESIGN_NAME_MAX_LENGTH} characters.` });

/** Input of design.create; the same schema validates the create form in the browser. */
export const createDesignInputSchema = z.object({
  name: designNameSchema,
  description: z
    .string()
    .trim()
    .superRefine(refuseUnsafeText('multi-line'))
    .max(DESIGN_DESCRIPTION_MAX_LENGTH, {
      error: `Description must be at most ${DESIGN_DESCRIPTION_MAX_LENGTH} characters.`,
    })
    .optional(),
});
/** What design.create accepts. */
export type CreateDesignInput = z.infer<typeof createDesignInputSchema>;

/** A design id as the API accepts it. */
export const designIdSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'Design id is required.' }).max(64);

/** Input of every procedure that reads one design. */
export const designRefInputSchema = z.object({ designId: designIdSchema });
/** What design.get and org.tree accept. */
export type DesignRefInput = z.infer<typeof designRefInputSchema>;

/** A design without its contents (design.get, design.create). */
export const designSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Null when the design has no description. */
  description: z.string().nullable(),
  /** Increases by one with every saved change; later issues use it for optimistic concurrency. */
  revision: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
/** A design without its contents. */
export type DesignSummary = z.infer<typeof designSummarySchema>;

/** One row of the designs list: the summary and the size of its organization. */
export const designListItemSchema = designSummarySchema.extend({
  counts: z.object({
    orgUnits: z.number().int().nonnegative(),
    accounts: z.number().int().nonnegative(),
  }),
  /** The caller's role on it (the designs page greys out what the role cannot do; the API refuses it anyway). */
  role: designRoleSchema,
  /** The caller sees it through a read-only share link. */
  viaShareLink: z.boolean(),
});
/** One row of the designs list. */
export type DesignListItem = z.infer<typeof designListItemSchema>;

/** Output of design.list, most recently changed first. */
export const designListSchema = z.array(designListItemSchema);

/** Input of design.rename; the same schema validates the rename field on the designs page. */
export const renameDesignInputSchema = z.object({ designId: designIdSchema, name: designNameSchema });
/** What design.rename accepts. */
export type RenameDesignInput = z.infer<typeof renameDesignInputSchema>;

/** What design.delete returns: the id of the design that is gone. */
export const deleteDesignResultSchema = z.object({ deletedId: z.string() }).strict();
