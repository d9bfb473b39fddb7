import 'server-only';
import { impactApplyInputSchema, impactApplyOutputSchema, impactPreviewInputSchema, impactPreviewOutputSchema } from '../../schemas/impact';
import { applyChange, previewChange } from '../../services/impact/impact-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** What-if impact: preview a pending change (nothing saved), then apply it. */
export const impactRouter = createTRPCRouter({
  preview: publicProcedure
    .input(impactPreviewInputSchema)
    .output(impactPreviewOutputSchema)
    .mutation(({ ctx, input }) => previewChange(ctx.db, input)),

  applyCalls: publicProcedure
    .input(impactApplyInputSchema)
    .output(impactApplyOutputSchema)
    .mutation(({ ctx, input }) => applyChange(ctx.db, input)),
});
