import 'server-only';
import {
  attachmentInputSchema,
  createPolicyInputSchema,
  mutationResultSchema,
  policyRefInputSchema,
  policyTypeInputSchema,
  updatePolicyInputSchema,
} from '../../schemas/organizations';
import { attachPolicy, createPolicy, deletePolicy, detachPolicy, disablePolicyType, enablePolicyType, updatePolicy } from '../../services/organizations';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Organizations policies of every type: create, update, delete, attach, detach, enable/disable a type on the root. */
export const policyRouter = createTRPCRouter({
  create: publicProcedure.input(createPolicyInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => createPolicy(ctx.db, input)),
  update: publicProcedure.input(updatePolicyInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => updatePolicy(ctx.db, input)),
  delete: publicProcedure.input(policyRefInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => deletePolicy(ctx.db, input)),
  attach: publicProcedure.input(attachmentInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => attachPolicy(ctx.db, input)),
  detach: publicProcedure.input(attachmentInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => detachPolicy(ctx.db, input)),
  enableType: publicProcedure.input(policyTypeInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => enablePolicyType(ctx.db, input)),
  disableType: publicProcedure.input(policyTypeInputSchema).output(mutationResultSchema).mutation(({ ctx, input }) => disablePolicyType(ctx.db, input)),
});
