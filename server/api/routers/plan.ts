import 'server-only';
import { planBuildInputSchema, planBuildOutputSchema } from '../../schemas/plan';
import { planBetweenDesigns } from '../../services/plan/plan-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Migration plans: the ordered AWS calls from a live organization (an imported design) to a design. */
export const planRouter = createTRPCRouter({
  build: publicProcedure
    .input(planBuildInputSchema)
    .output(planBuildOutputSchema)
    .query(({ ctx, input }) => planBetweenDesigns(ctx.db, input, ctx.actor)),
});
