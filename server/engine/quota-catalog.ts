// Which quotas a customer can change, and how far: the Service Quotas view of server/engine/quotas.ts. A design may
// raise an adjustable quota (as a customer would with Service Quotas' RequestServiceQuotaIncrease) up to the maximum
// AWS documents; a fixed quota stays at AWS's value. Pure data, one entry per quota, each naming the page that
// states it. Read mid-2026; where translated pages disagree the English page wins (the zh_CN Organizations page
// says 50,000 accounts, the English one 10,000).
import { DEFAULT_IAM_QUOTAS, DEFAULT_IDENTITY_CENTER_QUOTAS, DEFAULT_ORGANIZATION_QUOTAS, DEFAULT_POLICY_QUOTAS, DEFAULT_RAM_QUOTAS, IDENTITY_CENTER_QUOTAS_DOC, RAM_QUOTAS_DOC, type OrgPolicyTypeName } from './quotas';

/** AWS's quota pages. */
export const ORGANIZATIONS_QUOTAS_URL = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html';
/** IAM and STS quotas, "IAM object quotas" and "IAM and STS character limits". */
export const IAM_QUOTAS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';

/** Where an override lives in the design's quota overrides: a dotted path, e.g. "organization.defaultMaxAccounts". */
export type QuotaKey =
  | 'organization.defaultMaxAccounts'
  | 'organization.maxOusPerOrganization'
  | 'organization.maxOuDepth'
  | `organization.maxPoliciesPerOrganization.${OrgPolicyTypeName}`
  | `organization.maxPoliciesAttachedPerTarget.${OrgPolicyTypeName}`
  | `policySizes.${OrgPolicyTypeName}`
  | 'policySizes.IAM_ROLE_TRUST_POLICY'
  | `iam.${keyof typeof DEFAULT_IAM_QUOTAS}`
  | `identityCenter.${keyof typeof DEFAULT_IDENTITY_CENTER_QUOTAS}`
  | `ram.${keyof typeof DEFAULT_RAM_QUOTAS}`;

/** One quota as Service Quotas describes it. */
export interface QuotaDefinition {
  /** The override path. */
  key: QuotaKey;
  /** Which service's quota it is. */
  service: 'Organizations' | 'IAM' | 'IAM Identity Center' | 'AWS RAM';
  /** The quota's name, as a person reads it. */
  name: string;
  /** What is counted, for the usage column ("accounts", "characters"). */
  unit: string;
  /** AWS's default value. */
  defaultValue: number;
  /** True when a customer can raise it through Service Quotas. */
  adjustable: boolean;
  /** The highest value AWS documents for an increase (equals defaultValue when fixed). */
  maximum: number;
  /** The page that gives the default and the maximum. */
  docUrl: string;
  /** What usage means here, when it is not a plain count (e.g. "the largest account"). */
  usageNote?: string;
}

const POLICY_TYPE_NAMES: Record<OrgPolicyTypeName, string> = {
  SERVICE_CONTROL_POLICY: 'service control policies',
  RESOURCE_CONTROL_POLICY: 'resource control policies',
  TAG_POLICY: 'tag policies',
  BACKUP_POLICY: 'backup policies',
  AISERVICES_OPT_OUT_POLICY: 'AI services opt-out policies',
  DECLARATIVE_POLICY_EC2: 'EC2 policies (declarative)',
  S3_POLICY: 'Amazon S3 policies',
};

function fixed(key: QuotaKey, service: QuotaDefinition['service'], name: string, unit: string, value: number, docUrl: string, usageNote?: string): QuotaDefinition {
  return { key, service, name, unit, defaultValue: value, adjustable: false, maximum: value, docUrl, usageNote };
}

function adjustable(key: QuotaKey, service: QuotaDefinition['service'], name: string, unit: string, value: number, maximum: number, docUrl: string, usageNote?: string): QuotaDefinition {
  return { key, service, name, unit, defaultValue: value, adjustable: true, maximum, docUrl, usageNote };
}

const perType = (build: (type: OrgPolicyTypeName, label: string) => QuotaDefinition): QuotaDefinition[] =>
  (Object.keys(POLICY_TYPE_NAMES) as OrgPolicyTypeName[]).map((type) => build(type, POLICY_TYPE_NAMES[type]));

const org = DEFAULT_ORGANIZATION_QUOTAS;
const iam = DEFAULT_IAM_QUOTAS;
const sso = DEFAULT_IDENTITY_CENTER_QUOTAS;
const ram = DEFAULT_RAM_QUOTAS;

// IAM Identity Center's page gives defaults and "Can be increased" but no maximum. The maximums here are the
// defaults the same page states for the China Regions (docs.amazonaws.cn/en_us/singlesignon/latest/userguide/
// limits.html: 3,500 permission sets, 500 provisioned per account): values AWS runs the service with, so a raise to
// them is one AWS grants. Beyond them a design would claim what no page supports.
const IDENTITY_CENTER_DOCUMENTED_HIGHS = { maxPermissionSets: 3_500, maxProvisionedPermissionSetsPerAccount: 500 } as const;

/** Every quota a design is checked against, Organizations first, in the order the quotas page shows them. */
export const QUOTA_CATALOG: readonly QuotaDefinition[] = Object.freeze([
  // "Limit increases can be granted up to 10,000 accounts based on customer qualifications and requirements."
  adjustable('organization.defaultMaxAccounts', 'Organizations', 'Accounts in the organization', 'accounts', org.defaultMaxAccounts, 10_000, ORGANIZATIONS_QUOTAS_URL, 'members and pending invitations, the management account included'),
  fixed('organization.maxOusPerOrganization', 'Organizations', 'OUs in the organization', 'OUs', org.maxOusPerOrganization, ORGANIZATIONS_QUOTAS_URL),
  fixed('organization.maxOuDepth', 'Organizations', 'OU nesting depth below the root', 'levels', org.maxOuDepth, ORGANIZATIONS_QUOTAS_URL, 'the deepest OU'),
  ...perType((type, label) => fixed(`organization.maxPoliciesPerOrganization.${type}`, 'Organizations', `Number of ${label} in the organization`, 'policies', org.maxPoliciesPerOrganization[type], ORGANIZATIONS_QUOTAS_URL)),
  ...perType((type, label) => fixed(`organization.maxPoliciesAttachedPerTarget.${type}`, 'Organizations', `${capitalise(label)} attached to one root, OU or account`, 'policies', org.maxPoliciesAttachedPerTarget[type], ORGANIZATIONS_QUOTAS_URL, 'the busiest target')),
  ...perType((type, label) => fixed(`policySizes.${type}`, 'Organizations', `Size of one of the ${label}`, 'characters', DEFAULT_POLICY_QUOTAS[type], ORGANIZATIONS_QUOTAS_URL, 'the largest policy, whitespace included')),
  // IAM object quotas: the page's "Adjustable" column and the maximum it gives for each.
  adjustable('iam.maxRolesPerAccount', 'IAM', 'Roles in an account', 'roles', iam.maxRolesPerAccount, 5_000, IAM_QUOTAS_URL, 'the account with the most'),
  adjustable('iam.maxCustomerManagedPoliciesPerAccount', 'IAM', 'Customer managed policies in an account', 'policies', iam.maxCustomerManagedPoliciesPerAccount, 5_000, IAM_QUOTAS_URL, 'the account with the most'),
  adjustable('iam.maxGroupsPerAccount', 'IAM', 'Groups in an account', 'groups', iam.maxGroupsPerAccount, 500, IAM_QUOTAS_URL, 'the account with the most'),
  fixed('iam.maxUsersPerAccount', 'IAM', 'Users in an account', 'users', iam.maxUsersPerAccount, IAM_QUOTAS_URL, 'the account with the most'),
  adjustable('iam.maxManagedPoliciesPerRole', 'IAM', 'Managed policies attached to a role', 'policies', iam.maxManagedPoliciesPerRole, 25, IAM_QUOTAS_URL, 'the role with the most'),
  adjustable('iam.maxManagedPoliciesPerUser', 'IAM', 'Managed policies attached to a user', 'policies', iam.maxManagedPoliciesPerUser, 20, IAM_QUOTAS_URL, 'the user with the most'),
  fixed('iam.maxManagedPoliciesPerGroup', 'IAM', 'Managed policies attached to a group', 'policies', iam.maxManagedPoliciesPerGroup, IAM_QUOTAS_URL, 'the group with the most'),
  fixed('iam.maxGroupsPerUser', 'IAM', 'Groups a user belongs to', 'groups', iam.maxGroupsPerUser, IAM_QUOTAS_URL, 'the user in the most'),
  fixed('iam.maxVersionsPerPolicy', 'IAM', 'Versions of a managed policy', 'versions', iam.maxVersionsPerPolicy, IAM_QUOTAS_URL, 'the policy with the most'),
  fixed('iam.maxTagsPerResource', 'IAM', 'Tags on a role, user or policy', 'tags', iam.maxTagsPerResource, IAM_QUOTAS_URL),
  adjustable('policySizes.IAM_ROLE_TRUST_POLICY', 'IAM', 'Role trust policy length', 'characters', DEFAULT_POLICY_QUOTAS.IAM_ROLE_TRUST_POLICY, 4_096, IAM_QUOTAS_URL, 'the longest, whitespace not counted'),
  // IAM Identity Center: the page's "AWS account quotas"; the policies-per-set figure counts both kinds together.
  adjustable('identityCenter.maxPermissionSets', 'IAM Identity Center', 'Permission sets in the instance', 'permission sets', sso.maxPermissionSets, IDENTITY_CENTER_DOCUMENTED_HIGHS.maxPermissionSets, IDENTITY_CENTER_QUOTAS_DOC),
  adjustable('identityCenter.maxProvisionedPermissionSetsPerAccount', 'IAM Identity Center', 'Permission sets provisioned to one account', 'permission sets', sso.maxProvisionedPermissionSetsPerAccount, IDENTITY_CENTER_DOCUMENTED_HIGHS.maxProvisionedPermissionSetsPerAccount, IDENTITY_CENTER_QUOTAS_DOC, 'the account with the most'),
  fixed('identityCenter.maxManagedPoliciesPerPermissionSet', 'IAM Identity Center', 'AWS managed and customer managed policies per permission set', 'policies', sso.maxManagedPoliciesPerPermissionSet, IDENTITY_CENTER_QUOTAS_DOC, 'the permission set with the most'),
  fixed('identityCenter.maxInlinePoliciesPerPermissionSet', 'IAM Identity Center', 'Inline policies per permission set', 'policies', sso.maxInlinePoliciesPerPermissionSet, IDENTITY_CENTER_QUOTAS_DOC),
  fixed('identityCenter.maxInlinePolicyBytes', 'IAM Identity Center', 'Inline policy size of a permission set', 'bytes', sso.maxInlinePolicyBytes, IDENTITY_CENTER_QUOTAS_DOC, 'the largest inline policy'),
  fixed('identityCenter.maxInlinePolicyNonWhitespace', 'IAM Identity Center', 'Inline policy of a permission set, whitespace not counted', 'characters', sso.maxInlinePolicyNonWhitespace, IDENTITY_CENTER_QUOTAS_DOC, 'the largest inline policy'),
  // AWS RAM: service-quotas.md says "You can request an increase for some of these limits" (through AWS Support) without
  // naming which or how far, so none is offered as a Service Quotas raise here; a design that has a support-granted
  // increase states it in its quota overrides (ram.*), as it can for the Organizations quotas.
  fixed('ram.maxResourceSharesPerAccount', 'AWS RAM', 'Resource shares per account and Region', 'shares', ram.maxResourceSharesPerAccount, RAM_QUOTAS_DOC, 'the account and Region with the most'),
  fixed('ram.maxResourcesPerResourceShare', 'AWS RAM', 'Resource associations per resource share', 'resources', ram.maxResourcesPerResourceShare, RAM_QUOTAS_DOC, 'the share with the most'),
  fixed('ram.maxPrincipalsPerResourceShare', 'AWS RAM', 'Principal associations per resource share', 'principals', ram.maxPrincipalsPerResourceShare, RAM_QUOTAS_DOC, 'the share with the most'),
  fixed('ram.maxPendingInvitationsPerAccount', 'AWS RAM', 'Pending invitations per sharing account', 'invitations', ram.maxPendingInvitationsPerAccount, RAM_QUOTAS_DOC, 'the account with the most'),
  fixed('ram.maxResourcesPerCall', 'AWS RAM', 'Resources named in one CreateResourceShare or AssociateResourceShare call', 'resources', ram.maxResourcesPerCall, RAM_QUOTAS_DOC),
  fixed('ram.maxCustomerManagedPermissions', 'AWS RAM', 'Customer managed permissions per account and Region', 'permissions', ram.maxCustomerManagedPermissions, RAM_QUOTAS_DOC, 'the account with the most'),
  fixed('ram.maxCustomerManagedPermissionsPerResourceType', 'AWS RAM', 'Customer managed permissions per resource type', 'permissions', ram.maxCustomerManagedPermissionsPerResourceType, RAM_QUOTAS_DOC, 'the account and type with the most'),
  fixed('ram.maxVersionsPerCustomerManagedPermission', 'AWS RAM', 'Versions per customer managed permission', 'versions', ram.maxVersionsPerCustomerManagedPermission, RAM_QUOTAS_DOC, 'the permission with the most'),
]);

const BY_KEY = new Map<string, QuotaDefinition>(QUOTA_CATALOG.map((quota) => [quota.key, quota]));

/** The quota with that override path, or undefined. */
export function findQuota(key: string): QuotaDefinition | undefined {
  return BY_KEY.get(key);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
