import 'server-only';
import {
  designPrincipalsOutputSchema, policySourceInputSchema, policySourceOutputSchema, scpMatrixInputSchema, scpMatrixOutputSchema,
} from '../../schemas/analysis';
import { designRefInputSchema } from '../../schemas/design';
import { listDesignPrincipals } from '../../services/analysis/design-principals';
import { policySource } from '../../services/analysis/policy-source';
import { scpMatrix } from '../../services/analysis/scp-matrix';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Read-only analyses of a design for the effective-permission view: SCP matrix, principals, policy text. */
export const analysisRouter = createTRPCRouter({
  scpMatrix: publicProcedure
    .input(scpMatrixInputSchema)
    .output(scpMatrixOutputSchema)
    .query(({ ctx, input }) => scpMatrix(ctx.db, input)),

  principals: publicProcedure
    .input(designRefInputSchema)
    .output(designPrincipalsOutputSchema)
    .query(({ ctx, input }) => listDesignPrincipals(ctx.db, input.designId)),

  policySource: publicProcedure
    .input(policySourceInputSchema)
    .output(policySourceOutputSchema)
    .query(({ ctx, input }) => policySource(ctx.db, input)),
});
