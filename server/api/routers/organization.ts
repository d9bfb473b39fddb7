import 'server-only';
import {
  delegatedAdminInputSchema,
  effectivePolicyInputSchema,
  enableAllFeaturesInputSchema,
  serviceAccessInputSchema,
  designQuotasSchema,
  setQuotaOverridesInputSchema,
  setServiceQuotaInputSchema,
  setServiceQuotaResultSchema,
  tagResourceInputSchema,
  targetQueryInputSchema,
  untagResourceInputSchema,
} from '../../schemas/organizations';
import { designRefInputSchema } from '../../schemas/design';
import { effectivePolicy, rcpChain, scpChain } from '../../services/effective-policy';
import {
  deregisterDelegatedAdministrator,
  describeDesignQuotas,
  disableAwsServiceAccess,
  enableAllFeatures,
  enableAwsServiceAccess,
  registerDelegatedAdministrator,
  setQuotaOverrides,
  setServiceQuota,
  tagResource,
  untagResource,
} from '../../services/organizations';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { allFeaturesEnabledSchema, authorizationChainSchema, delegatedAdminDeregisteredSchema, delegatedAdminRegisteredSchema, effectivePolicyOutputSchema, quotaOverridesResultSchema, serviceAccessResultSchema, tagsResultSchema } from '../../schemas/organization-outputs';

/** Organization-wide settings and reads: feature set, delegated admins, trusted access, tags, quotas, effective policies. */
export const organizationRouter = createTRPCRouter({
  enableAllFeatures: publicProcedure.input(enableAllFeaturesInputSchema).output(allFeaturesEnabledSchema).mutation(({ ctx, input }) => enableAllFeatures(ctx.db, input)),
  registerDelegatedAdministrator: publicProcedure.input(delegatedAdminInputSchema).output(delegatedAdminRegisteredSchema).mutation(({ ctx, input }) => registerDelegatedAdministrator(ctx.db, input)),
  deregisterDelegatedAdministrator: publicProcedure.input(delegatedAdminInputSchema).output(delegatedAdminDeregisteredSchema).mutation(({ ctx, input }) => deregisterDelegatedAdministrator(ctx.db, input)),
  enableServiceAccess: publicProcedure.input(serviceAccessInputSchema).output(serviceAccessResultSchema).mutation(({ ctx, input }) => enableAwsServiceAccess(ctx.db, input)),
  disableServiceAccess: publicProcedure.input(serviceAccessInputSchema).output(serviceAccessResultSchema).mutation(({ ctx, input }) => disableAwsServiceAccess(ctx.db, input)),
  tagResource: publicProcedure.input(tagResourceInputSchema).output(tagsResultSchema).mutation(({ ctx, input }) => tagResource(ctx.db, input)),
  untagResource: publicProcedure.input(untagResourceInputSchema).output(tagsResultSchema).mutation(({ ctx, input }) => untagResource(ctx.db, input)),
  setQuotaOverrides: publicProcedure.input(setQuotaOverridesInputSchema).output(quotaOverridesResultSchema).mutation(({ ctx, input }) => setQuotaOverrides(ctx.db, input)),
  quotas: publicProcedure.input(designRefInputSchema).output(designQuotasSchema).query(({ ctx, input }) => describeDesignQuotas(ctx.db, input.designId)),
  setServiceQuota: publicProcedure.input(setServiceQuotaInputSchema).output(setServiceQuotaResultSchema).mutation(({ ctx, input }) => setServiceQuota(ctx.db, input)),
  effectivePolicy: publicProcedure.input(effectivePolicyInputSchema).output(effectivePolicyOutputSchema).query(({ ctx, input }) => effectivePolicy(ctx.db, input.designId, input.targetId, input.type)),
  scpChain: publicProcedure.input(targetQueryInputSchema).output(authorizationChainSchema).query(({ ctx, input }) => scpChain(ctx.db, input.designId, input.targetId)),
  rcpChain: publicProcedure.input(targetQueryInputSchema).output(authorizationChainSchema).query(({ ctx, input }) => rcpChain(ctx.db, input.designId, input.targetId)),
});
