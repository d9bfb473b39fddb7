import 'server-only';
import { z } from 'zod';
import { designRefInputSchema } from '../../schemas/design';
import { branchInputSchema, diffInputSchema, historyStepInputSchema, mutationResultSchema } from '../../schemas/organizations';
import { branchDesign, diffRevisions, listRevisions, redo, undo } from '../../services/history';
import { createTRPCRouter, publicProcedure } from '../trpc';

const queryResultSchema = z.object({}).catchall(z.unknown());

/** A design's history: revisions, undo/redo, diff between revisions, branch (copy) a design. */
export const historyRouter = createTRPCRouter({
  revisions: publicProcedure.input(designRefInputSchema).output(queryResultSchema).query(({ ctx, input }) => listRevisions(ctx.db, input.designId)),
  undo: publicProcedure.input(historyStepInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => undo(ctx.db, input)),
  redo: publicProcedure.input(historyStepInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => redo(ctx.db, input)),
  diff: publicProcedure.input(diffInputSchema).output(queryResultSchema).query(async ({ ctx, input }) => ({ ...(await diffRevisions(ctx.db, input.designId, input.fromRevision, input.toRevision)) })),
  branch: publicProcedure.input(branchInputSchema).output(queryResultSchema).mutation(({ ctx, input }) => branchDesign(ctx.db, input)),
});
