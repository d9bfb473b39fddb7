import 'server-only';

// Services that support a delegated administrator, with how many member accounts each accepts, as data. Source:
// "AWS services that you can use with AWS Organizations" (organizations/latest/userguide/orgs_integrate_services_list.html,
// column "Supports delegated administrator") and each service's own guide, read mid-2026. Most services accept
// one delegated administrator; the larger numbers come from the services' guides (CloudFormation StackSets up to
// 5, AWS Config up to 3, Firewall Manager up to 10). The list grows: add entries here, no code changes needed.

/** Service principal -> most delegated administrators the service accepts. */
export const DELEGATED_ADMIN_SERVICES: Readonly<Record<string, number>> = Object.freeze({
  'access-analyzer.amazonaws.com': 1,
  'account.amazonaws.com': 1,
  'auditmanager.amazonaws.com': 1,
  'backup.amazonaws.com': 1,
  'cloudtrail.amazonaws.com': 3,
  'compute-optimizer.amazonaws.com': 1,
  'config.amazonaws.com': 3,
  'config-multiaccountsetup.amazonaws.com': 3,
  'detective.amazonaws.com': 1,
  'devops-guru.amazonaws.com': 1,
  'fms.amazonaws.com': 10,
  'guardduty.amazonaws.com': 1,
  'health.amazonaws.com': 5,
  'inspector2.amazonaws.com': 1,
  'ipam.amazonaws.com': 1,
  'license-manager.amazonaws.com': 1,
  'macie.amazonaws.com': 1,
  'member.org.stacksets.cloudformation.amazonaws.com': 5,
  'reachabilityanalyzer.networkinsights.amazonaws.com': 1,
  'securityhub.amazonaws.com': 1,
  'securitylake.amazonaws.com': 1,
  'servicecatalog.amazonaws.com': 1,
  'ssm.amazonaws.com': 1,
  'sso.amazonaws.com': 1,
  'storage-lens.s3.amazonaws.com': 1,
});
