// AWS's structural quotas (orgs_reference_limits.html, from the quotas data): OUs per organization, policies per
// organization and per target, and while a type is enabled at least one policy of it on every root, OU and account
// (FullAWSAccess / RCPFullAWSAccess unless replaced). A real export always satisfies them; a hand-made bundle may not.
import type { OrgPolicyTypeName } from '../../../quotas';
import type { InterchangeDesign } from '../model';
import type { ProblemCollector } from '../problems';
import { organizationQuotasOf } from './quota-overrides';

/** Records a ConstraintViolationException for every quota the design breaks (with the quotas it raised). */
export function checkOrganizationQuotas(problems: ProblemCollector, design: InterchangeDesign): void {
  const { root, organization } = design;
  if (!root || !organization) return;
  const quotas = organizationQuotasOf(design);
  if (design.ous.length > quotas.maxOusPerOrganization) {
    problems.add('$.OrganizationalUnits', `${design.ous.length} OUs; an organization holds at most ${quotas.maxOusPerOrganization}`, 'ConstraintViolationException', 'OU_NUMBER_LIMIT_EXCEEDED');
  }
  const targets = [root.awsId, ...design.ous.map((ou) => ou.awsId), ...design.accounts.filter((a) => a.parentId !== null).map((a) => a.accountId)];
  for (const [type, max] of Object.entries(quotas.maxPoliciesAttachedPerTarget) as [OrgPolicyTypeName, number][]) {
    const ofType = design.policies.filter((p) => p.type === type);
    const perOrganization = quotas.maxPoliciesPerOrganization[type];
    if (ofType.length > perOrganization) problems.add('$.Policies', `${ofType.length} ${type} policies; at most ${perOrganization} per organization`, 'ConstraintViolationException', 'POLICY_NUMBER_LIMIT_EXCEEDED');
    const attached = new Map<string, number>();
    for (const policy of ofType) for (const target of policy.targetIds) attached.set(target, (attached.get(target) ?? 0) + 1);
    for (const [target, count] of attached) {
      if (count > max) problems.add('$.Policies', `${count} ${type} policies are attached to ${target}; at most ${max} may be`, 'ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    }
    const min = quotas.minPoliciesAttachedPerTarget[type];
    const enabled = organization.featureSet === 'ALL' && root.policyTypes.some((t) => t.type === type && t.status === 'ENABLED');
    if (!min || !enabled) continue;
    for (const target of targets) {
      if ((attached.get(target) ?? 0) < min) {
        problems.add('$.Policies', `no ${type} is attached to ${target}; while the type is enabled every root, OU and account keeps at least ${min}`, 'ConstraintViolationException', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      }
    }
  }
}
