import 'server-only';
import {
  acrossAccountsInputSchema, acrossAccountsOutputSchema, simulateBatchInputSchema, simulateBatchOutputSchema,
  simulateInputSchema, simulateOutputSchema,
} from '../../schemas/simulation';
import { simulate, simulateAcrossAccounts, simulateBatch } from '../../services/simulation/simulation-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Run the engine against a stored design (its compiled world is cached per revision). */
export const simulationRouter = createTRPCRouter({
  simulate: publicProcedure
    .input(simulateInputSchema)
    .output(simulateOutputSchema)
    .query(({ ctx, input }) => simulate(ctx.db, input.designId, input.request)),

  // A mutation only for transport: a batch of thousands of requests does not fit in a GET URL. It changes nothing.
  simulateBatch: publicProcedure
    .input(simulateBatchInputSchema)
    .output(simulateBatchOutputSchema)
    .mutation(({ ctx, input }) => simulateBatch(ctx.db, input.designId, input.requests)),

  acrossAccounts: publicProcedure
    .input(acrossAccountsInputSchema)
    .output(acrossAccountsOutputSchema)
    .query(({ ctx, input }) => simulateAcrossAccounts(ctx.db, input)),
});
