import 'server-only';
import {
  acrossAccountsInputSchema, acrossAccountsOutputSchema, simulateBatchInputSchema, simulateBatchOutputSchema,
  simulateInputSchema, simulateOutputSchema,
} from '../../schemas/simulation';
import { simulate, simulateAcrossAccounts, simulateBatch } from '../../services/simulation/simulation-service';
import { chargeSimulations, createTRPCRouter, publicProcedure } from '../trpc';

/** Run the engine against a stored design (its compiled world is cached per revision). */
export const simulationRouter = createTRPCRouter({
  simulate: publicProcedure
    .input(simulateInputSchema)
    .use(chargeSimulations(() => 1))
    .output(simulateOutputSchema)
    .query(({ ctx, input }) => simulate(ctx.db, input.designId, input.request)),

  // A mutation only for transport: a batch of thousands of requests does not fit in a GET URL. It changes nothing.
  simulateBatch: publicProcedure
    .input(simulateBatchInputSchema)
    .use(chargeSimulations((input: { requests: unknown[] }) => input.requests.length))
    .output(simulateBatchOutputSchema)
    .mutation(({ ctx, input }) => simulateBatch(ctx.db, input.designId, input.requests)),

  acrossAccounts: publicProcedure
    .input(acrossAccountsInputSchema)
    // One per account asked about; all member accounts (unknown before the design is read) count as one batch.
    .use(chargeSimulations((input: { accountIds?: string[] }) => input.accountIds?.length ?? 1))
    .output(acrossAccountsOutputSchema)
    .query(({ ctx, input }) => simulateAcrossAccounts(ctx.db, input)),
});
