import 'server-only';
import {
  attachmentInputSchema,
  createPolicyInputSchema,
 
  policyRefInputSchema,
  policyTypeInputSchema,
  promotePolicyInputSchema,
  updatePolicyInputSchema,
} from '../../schemas/organizations';
import {
  libraryPolicySchema,
  policiesAttachedToInputSchema,
  policiesAttachedToSchema,
  policyGetInputSchema,
  policyLibraryInputSchema,
  policyLibrarySchema,
  policySummariesSchema,
  validatePolicyInputSchema,
  validatePolicyOutputSchema,
} from '../../schemas/policy-library';
import { attachPolicy, createPolicy, deletePolicy, detachPolicy, disablePolicyType, enablePolicyType, promotePolicy, updatePolicy } from '../../services/organizations';
import { getLibraryPolicy, listPoliciesAttachedTo, listPolicyLibrary, listPolicySummaries, validatePolicyDraft } from '../../services/policy-library-service';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { policyAttachedSchema, policyDeletedSchema, policyDetachedSchema, policyPromotedSchema, policyResultSchema, policyTypeDisabledSchema, policyTypeEnabledSchema } from '../../schemas/organization-outputs';

/**
 * Organizations policies of every type: list (the library with every document and target), summaries (without
 * them: the library panel and pickers), attachedTo (one target's policies: the inspector), get (one policy with its
 * document and targets: the editor), validate a draft, create, update, delete, attach, detach, enable/disable a type on the root. */
export const policyRouter = createTRPCRouter({
  list: publicProcedure.input(policyLibraryInputSchema).output(policyLibrarySchema).query(({ ctx, input }) => listPolicyLibrary(ctx.db, input.designId)),
  summaries: publicProcedure.input(policyLibraryInputSchema).output(policySummariesSchema).query(({ ctx, input }) => listPolicySummaries(ctx.db, input.designId)),
  attachedTo: publicProcedure.input(policiesAttachedToInputSchema).output(policiesAttachedToSchema)
    .query(({ ctx, input }) => listPoliciesAttachedTo(ctx.db, input.designId, input.targetId)),
  get: publicProcedure.input(policyGetInputSchema).output(libraryPolicySchema).query(({ ctx, input }) => getLibraryPolicy(ctx.db, input.designId, input.policyId)),
  // A mutation only for transport, like simulation.simulateBatch: a 10,000-character draft does not fit in a GET URL.
  // It changes nothing (the editor calls it, debounced, as people type).
  validate: publicProcedure.input(validatePolicyInputSchema).output(validatePolicyOutputSchema).mutation(({ ctx, input }) => validatePolicyDraft(ctx.db, input)),
  create: publicProcedure.input(createPolicyInputSchema).output(policyResultSchema).mutation(({ ctx, input }) => createPolicy(ctx.db, input)),
  update: publicProcedure.input(updatePolicyInputSchema).output(policyResultSchema).mutation(({ ctx, input }) => updatePolicy(ctx.db, input)),
  delete: publicProcedure.input(policyRefInputSchema).output(policyDeletedSchema).mutation(({ ctx, input }) => deletePolicy(ctx.db, input)),
  attach: publicProcedure.input(attachmentInputSchema).output(policyAttachedSchema).mutation(({ ctx, input }) => attachPolicy(ctx.db, input)),
  detach: publicProcedure.input(attachmentInputSchema).output(policyDetachedSchema).mutation(({ ctx, input }) => detachPolicy(ctx.db, input)),
  promote: publicProcedure.input(promotePolicyInputSchema).output(policyPromotedSchema).mutation(({ ctx, input }) => promotePolicy(ctx.db, input)),
  enableType: publicProcedure.input(policyTypeInputSchema).output(policyTypeEnabledSchema).mutation(({ ctx, input }) => enablePolicyType(ctx.db, input)),
  disableType: publicProcedure.input(policyTypeInputSchema).output(policyTypeDisabledSchema).mutation(({ ctx, input }) => disablePolicyType(ctx.db, input)),
});
