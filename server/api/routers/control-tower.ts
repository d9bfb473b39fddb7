import 'server-only';
import { z } from 'zod';
import { catalogControlSchema, controlCatalogInputSchema, controlCatalogOutputSchema } from '../../schemas/control-tower';
import { getCatalogControl, listCatalogControls } from '../../services/control-tower/catalog-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** AWS Control Tower: the control catalogue, the landing zone, controls on registered OUs, compliance and drift. */
export const controlTowerRouter = createTRPCRouter({
  catalog: publicProcedure
    .input(controlCatalogInputSchema)
    .output(controlCatalogOutputSchema)
    .query(({ input }) => listCatalogControls(input)),
  control: publicProcedure
    .input(z.object({ identifier: z.string().min(1).max(2048) }))
    .output(catalogControlSchema.nullable())
    .query(({ input }) => getCatalogControl(input.identifier)),
});
