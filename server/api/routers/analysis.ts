import 'server-only';
import {
  designPrincipalsInputSchema, designPrincipalsOutputSchema, policySourceInputSchema, principalNamesInputSchema, principalNamesOutputSchema, policySourceOutputSchema, principalPermissionsInputSchema, principalPermissionsOutputSchema,
  scpMatrixInputSchema, scpMatrixOutputSchema, servicePrincipalsInputSchema, servicePrincipalsOutputSchema,
} from '../../schemas/analysis';
import { listDesignPrincipals, listPrincipalNames, listServicePrincipals } from '../../services/analysis/design-principals';
import { policySource } from '../../services/analysis/policy-source';
import { principalPermissions } from '../../services/analysis/principal-permissions';
import { scpMatrix } from '../../services/analysis/scp-matrix';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Read-only analyses of a design: SCP matrix, principals, policy text, one principal's effective permissions. */
export const analysisRouter = createTRPCRouter({
  scpMatrix: publicProcedure
    .input(scpMatrixInputSchema)
    .output(scpMatrixOutputSchema)
    .query(({ ctx, input }) => scpMatrix(ctx.db, input)),

  principals: publicProcedure
    .input(designPrincipalsInputSchema)
    .output(designPrincipalsOutputSchema)
    .query(({ ctx, input }) => listDesignPrincipals(ctx.db, input)),

  principalNames: publicProcedure
    .input(principalNamesInputSchema)
    .output(principalNamesOutputSchema)
    .query(({ ctx, input }) => listPrincipalNames(ctx.db, input)),

  servicePrincipals: publicProcedure
    .input(servicePrincipalsInputSchema)
    .output(servicePrincipalsOutputSchema)
    .query(({ ctx, input }) => listServicePrincipals(ctx.db, input)),

  policySource: publicProcedure
    .input(policySourceInputSchema)
    .output(policySourceOutputSchema)
    .query(({ ctx, input }) => policySource(ctx.db, input)),

  principalPermissions: publicProcedure
    .input(principalPermissionsInputSchema)
    .output(principalPermissionsOutputSchema)
    .query(({ ctx, input }) => principalPermissions(ctx.db, input)),
});
