// Organization (describe-organization) and EnabledServicePrincipals (list-aws-service-access-for-organization).
import type { BundleSection } from '../context';
import { ACCOUNT_ID, ORG_ID } from '../identifiers';

/** The organization and the services with trusted access. */
export const organizationSection: BundleSection = {
  keys: ['Organization', 'EnabledServicePrincipals'],
  read({ top, read, problems, design }) {
    if (top.Organization === undefined || top.Organization === null) return;
    const org = read.object(top.Organization, '$.Organization');
    if (!org) return;
    const awsId = read.id(org.Id, '$.Organization.Id', ORG_ID, 'organization id');
    const managementAccountId = read.id(org.MasterAccountId, '$.Organization.MasterAccountId', ACCOUNT_ID, '12-digit account id');
    const featureSet = org.FeatureSet ?? 'ALL';
    if (featureSet !== 'ALL' && featureSet !== 'CONSOLIDATED_BILLING') {
      problems.add('$.Organization.FeatureSet', `expected "ALL" or "CONSOLIDATED_BILLING", got ${JSON.stringify(featureSet)}`);
    }
    const services = new Set<string>();
    read.array(top.EnabledServicePrincipals, '$.EnabledServicePrincipals').forEach((entry, i) => {
      const item = read.object(entry, `$.EnabledServicePrincipals[${i}]`);
      const principal = item && read.string(item.ServicePrincipal, `$.EnabledServicePrincipals[${i}].ServicePrincipal`);
      if (principal) services.add(principal);
    });
    if (!awsId || !managementAccountId) return;
    design.organization = {
      awsId,
      managementAccountId,
      featureSet: featureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
      serviceAccessPrincipals: [...services].sort(),
    };
  },
};
