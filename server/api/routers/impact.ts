import 'server-only';
import {
  heatmapInputSchema, heatmapOutputSchema, impactApplyInputSchema, impactApplyOutputSchema, impactPreviewInputSchema, impactPreviewOutputSchema, revisionImpactInputSchema,
} from '../../schemas/impact';
import { orgHeatmap } from '../../services/impact/heatmap';
import { applyChange, previewChange, revisionImpact } from '../../services/impact/impact-service';
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

  /** What the changes between two revisions did: the history diff's impact. */
  revisionImpact: publicProcedure
    .input(revisionImpactInputSchema)
    .output(impactPreviewOutputSchema)
    .query(({ ctx, input }) => revisionImpact(ctx.db, input)),

  applyCalls: publicProcedure
    .input(impactApplyInputSchema)
    .output(impactApplyOutputSchema)
    .mutation(({ ctx, input }) => applyChange(ctx.db, input)),
});
