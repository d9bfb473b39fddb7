import 'server-only';
import {
  createDesignInputSchema,
  designListSchema,
  designRefInputSchema,
  designSummarySchema,
} from '../../schemas/design';
import { createDesign, getDesign, listDesigns } from '../../services/design-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Designs: list, read one, create. Each procedure validates, calls one service, returns its DTO. */
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
});
