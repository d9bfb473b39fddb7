// LzsimQuotaOverrides: the quotas the design raised above AWS's defaults (as a customer does with Service Quotas'
// RequestServiceQuotaIncrease, or a quota AWS changed). Not an AWS output: AWS has no CLI command that prints a
// design's overrides (Service Quotas' list-service-quotas gives applied values by quota code for some services only,
// and several of these quotas, such as the OU depth, are not in Service Quotas). The object is the design's quota
// overrides as stored (server/schemas/organizations.ts, quotaOverridesSchema), e.g.
// {"iam": {"maxManagedPoliciesPerRole": 20}, "policySizes": {"SERVICE_CONTROL_POLICY": 10000}}. Read first, so that
// the quota checks of the other sections (OU depth and count, policies per target) apply the raised values.
import { quotaOverridesSchema } from '../../../../schemas/organizations';
import { DEFAULT_IDENTITY_CENTER_QUOTAS, DEFAULT_ORGANIZATION_QUOTAS, type IdentityCenterQuotas, type OrganizationQuotas } from '../../../quotas';
import type { BundleSection } from '../context';
import type { InterchangeDesign } from '../model';

/** The bundle key of the design's quota overrides. */
export const QUOTA_OVERRIDES_KEY = 'LzsimQuotaOverrides';

/** The design's quota overrides. */
export const quotaOverridesSection: BundleSection = {
  keys: [QUOTA_OVERRIDES_KEY],
  read({ top, problems, design }) {
    const value = top[QUOTA_OVERRIDES_KEY];
    if (value === undefined || value === null) return;
    const parsed = quotaOverridesSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
        problems.add(`$.${QUOTA_OVERRIDES_KEY}${path}`, issue.message, 'InvalidInputException');
      }
      return;
    }
    if (Object.keys(parsed.data).length > 0) design.quotaOverrides = parsed.data;
  },
};

/** AWS's organization quotas with the design's raised values (LzsimQuotaOverrides) in place. */
export function organizationQuotasOf(design: InterchangeDesign): OrganizationQuotas {
  const raised = design.quotaOverrides?.organization ?? {};
  return {
    ...DEFAULT_ORGANIZATION_QUOTAS,
    ...(raised.maxOuDepth !== undefined ? { maxOuDepth: raised.maxOuDepth } : {}),
    ...(raised.maxOusPerOrganization !== undefined ? { maxOusPerOrganization: raised.maxOusPerOrganization } : {}),
    ...(raised.defaultMaxAccounts !== undefined ? { defaultMaxAccounts: raised.defaultMaxAccounts } : {}),
    maxPoliciesAttachedPerTarget: { ...DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesAttachedPerTarget, ...raised.maxPoliciesAttachedPerTarget },
    maxPoliciesPerOrganization: { ...DEFAULT_ORGANIZATION_QUOTAS.maxPoliciesPerOrganization, ...raised.maxPoliciesPerOrganization },
  };
}

/** AWS's IAM Identity Center quotas with the design's raised values (LzsimQuotaOverrides.identityCenter) in place. */
export function identityCenterQuotasOf(design: InterchangeDesign): IdentityCenterQuotas {
  return { ...DEFAULT_IDENTITY_CENTER_QUOTAS, ...design.quotaOverrides?.identityCenter };
}
