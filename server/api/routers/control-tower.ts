import 'server-only';
import { z } from 'zod';
import { designIdSchema } from '../../schemas/design';
import {
  catalogControlSchema,
  controlCatalogInputSchema,
  controlCatalogOutputSchema,
  controlTowerEditResultSchema,
  disableControlInputSchema,
  enableControlInputSchema,
  enrollAccountInputSchema,
  governanceReportSchema,
  provisionAccountInputSchema,
  putAccountFactsInputSchema,
  repairDriftInputSchema,
  landingZoneViewSchema,
  registerOuInputSchema,
  setUpLandingZoneInputSchema,
  updateLandingZoneInputSchema,
} from '../../schemas/control-tower';
import { getCatalogControl, listCatalogControls } from '../../services/control-tower/catalog-service';
import { disableControl, enableControl, registerOrganizationalUnit, setUpLandingZone, updateLandingZone } from '../../services/control-tower/landing-zone';
import { landingZoneView } from '../../services/control-tower/landing-zone-view';
import { enrollAccount, governanceReport, provisionAccount, putAccountFacts, repairDrift } from '../../services/control-tower/governance';
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
  landingZone: publicProcedure
    .input(z.object({ designId: designIdSchema }))
    .output(landingZoneViewSchema)
    .query(({ ctx, input }) => landingZoneView(ctx.db, input.designId)),
  setUpLandingZone: publicProcedure.input(setUpLandingZoneInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => setUpLandingZone(ctx.db, input)),
  updateLandingZone: publicProcedure.input(updateLandingZoneInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => updateLandingZone(ctx.db, input)),
  registerOrganizationalUnit: publicProcedure.input(registerOuInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => registerOrganizationalUnit(ctx.db, input)),
  enableControl: publicProcedure.input(enableControlInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => enableControl(ctx.db, input)),
  disableControl: publicProcedure.input(disableControlInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => disableControl(ctx.db, input)),
  governance: publicProcedure
    .input(z.object({ designId: designIdSchema }))
    .output(governanceReportSchema)
    .query(({ ctx, input }) => governanceReport(ctx.db, input.designId)),
  putAccountFacts: publicProcedure.input(putAccountFactsInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => putAccountFacts(ctx.db, input)),
  provisionAccount: publicProcedure.input(provisionAccountInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => provisionAccount(ctx.db, input)),
  enrollAccount: publicProcedure.input(enrollAccountInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => enrollAccount(ctx.db, input)),
  repairDrift: publicProcedure.input(repairDriftInputSchema).output(controlTowerEditResultSchema).mutation(({ ctx, input }) => repairDrift(ctx.db, input)),
});
