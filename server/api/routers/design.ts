import 'server-only';
import {
  createDesignInputSchema,
  designListSchema,
  designRefInputSchema,
  designSummarySchema,
  deleteDesignResultSchema,
  renameDesignInputSchema,
} from '../../schemas/design';
import { createDesign, deleteDesign, getDesign, listDesigns, renameDesign } from '../../services/design-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Designs: list, read one, create, rename, delete. Each procedure validates, calls one service, returns its DTO. */
export const designRouter = createTRPCRouter({
  list: publicProcedure.output(designListSchema).query(({ ctx }) => listDesigns(ctx.db, ctx.actor)),

  get: publicProcedure
    .input(designRefInputSchema)
    .output(designSummarySchema)
    .query(({ ctx, input }) => getDesign(ctx.db, input.designId)),

  create: publicProcedure
    .input(createDesignInputSchema)
    .output(designSummarySchema)
    .mutation(({ ctx, input }) => createDesign(ctx.db, input)),

  rename: publicProcedure
    .input(renameDesignInputSchema)
    .output(designSummarySchema)
    .mutation(({ ctx, input }) => renameDesign(ctx.db, input)),

  delete: publicProcedure
    .input(designRefInputSchema)
    .output(deleteDesignResultSchema)
    .mutation(({ ctx, input }) => deleteDesign(ctx.db, input.designId)),
});
