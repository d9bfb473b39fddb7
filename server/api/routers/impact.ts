import 'server-only';
import {
  heatmapInputSchema, heatmapOutputSchema, impactApplyInputSchema, impactApplyOutputSchema, impactPreviewInputSchema, impactPreviewOutputSchema,
} from '../../schemas/impact';
import { orgHeatmap } from '../../services/impact/heatmap';
import { applyChange, previewChange } from '../../services/impact/impact-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The org-wide matrix as a heatmap, and what-if impact: preview a pending change (nothing saved), then apply it. */
export const impactRouter = createTRPCRouter({
  heatmap: publicProcedure
    .input(heatmapInputSchema)
    .output(heatmapOutputSchema)
    .query(({ ctx, input }) => orgHeatmap(ctx.db, input)),

  preview: publicProcedure
    .input(impactPreviewInputSchema)
    .output(impactPreviewOutputSchema)
    .mutation(({ ctx, input }) => previewChange(ctx.db, input)),

  applyCalls: publicProcedure
    .input(impactApplyInputSchema)
    .output(impactApplyOutputSchema)
    .mutation(({ ctx, input }) => applyChange(ctx.db, input)),
});
