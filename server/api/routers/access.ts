import 'server-only';
import {
  accessEdgeInputSchema, accessEdgeOutputSchema, accessGraphInputSchema, accessGraphOutputSchema, archiveFindingInputSchema,
  archiveFindingOutputSchema, findingsOutputSchema, reachInputSchema, reachOutputSchema, whoCanInputSchema, whoCanOutputSchema,
} from '../../schemas/access';
import { designRefInputSchema } from '../../schemas/design';
import { accessEdge, accessGraph, reach, whoCan } from '../../services/access/access-service';
import { archiveFinding, listFindings, unarchiveFinding } from '../../services/access/findings-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Cross-account access: the access graph, who-can, reachability and external-access findings. */
export const accessRouter = createTRPCRouter({
  graph: publicProcedure.input(accessGraphInputSchema).output(accessGraphOutputSchema).query(({ ctx, input }) => accessGraph(ctx.db, input)),
  edge: publicProcedure.input(accessEdgeInputSchema).output(accessEdgeOutputSchema).query(({ ctx, input }) => accessEdge(ctx.db, input)),
  whoCan: publicProcedure.input(whoCanInputSchema).output(whoCanOutputSchema).query(({ ctx, input }) => whoCan(ctx.db, input)),
  reach: publicProcedure.input(reachInputSchema).output(reachOutputSchema).query(({ ctx, input }) => reach(ctx.db, input)),
  findings: publicProcedure.input(designRefInputSchema).output(findingsOutputSchema).query(({ ctx, input }) => listFindings(ctx.db, input.designId)),
  archiveFinding: publicProcedure.input(archiveFindingInputSchema).output(archiveFindingOutputSchema).mutation(({ ctx, input }) => archiveFinding(ctx.db, input)),
  unarchiveFinding: publicProcedure.input(archiveFindingInputSchema).output(archiveFindingOutputSchema).mutation(({ ctx, input }) => unarchiveFinding(ctx.db, input)),
});
