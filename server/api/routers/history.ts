import 'server-only';
import { designRefInputSchema } from '../../schemas/design';
import { branchInputSchema, diffInputSchema, historyStepInputSchema } from '../../schemas/organizations';
import { designDiffSchema, revisionListSchema } from '../../schemas/history';
import { branchDesign, diffRevisions, listRevisions, redo, undo } from '../../services/history';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { branchResultSchema, historyStepResultSchema } from '../../schemas/organization-outputs';

/** A design's history: revisions, undo/redo, diff between revisions, branch (copy) a design. */
export const historyRouter = createTRPCRouter({
  revisions: publicProcedure.input(designRefInputSchema).output(revisionListSchema).query(({ ctx, input }) => listRevisions(ctx.db, input.designId)),
  undo: publicProcedure.input(historyStepInputSchema).output(historyStepResultSchema).mutation(({ ctx, input }) => undo(ctx.db, input)),
  redo: publicProcedure.input(historyStepInputSchema).output(historyStepResultSchema).mutation(({ ctx, input }) => redo(ctx.db, input)),
  diff: publicProcedure.input(diffInputSchema).output(designDiffSchema).query(({ ctx, input }) => diffRevisions(ctx.db, input.designId, input.fromRevision, input.toRevision)),
  branch: publicProcedure.input(branchInputSchema).output(branchResultSchema).mutation(({ ctx, input }) => branchDesign(ctx.db, input)),
});
