// Service quotas as data, in one place, so a design can be checked against them and the numbers updated when
// AWS changes them (it raised several in 2025-2026) without touching any rule. Sources, read mid-2026:
//   Organizations: docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
//     ("Maximum and minimum values": policy document sizes, policies per target, OU nesting depth).
//   IAM and STS:   docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
//     ("IAM and STS character limits": managed policy, role trust policy, inline policy aggregates, session policies).
//   Resource policies are service quotas; the default here is S3's bucket policy limit (AmazonS3/latest/userguide/
//     BucketRestrictions.html, 20 KB), the most common resource policy in a landing zone.

/** Maximum policy sizes in characters, per policy type. */
export interface PolicyQuotas {
  /** Service control policy (SERVICE_CONTROL_POLICY). Whitespace counts. */
  SERVICE_CONTROL_POLICY: number;
  /** Resource control policy (RESOURCE_CONTROL_POLICY). Whitespace counts. */
  RESOURCE_CONTROL_POLICY: number;
  /** Tag policy. Whitespace counts. */
  TAG_POLICY: number;
  /** Backup policy. Whitespace counts. */
  BACKUP_POLICY: number;
  /** AI services opt-out policy. Whitespace counts. */
  AISERVICES_OPT_OUT_POLICY: number;
  /** Declarative policy for EC2. Whitespace counts. */
  DECLARATIVE_POLICY_EC2: number;
  /** Amazon S3 policy (organization-level Block Public Access). Whitespace counts. */
  S3_POLICY: number;
  /** Customer-managed IAM policy. IAM does not count whitespace. */
  IAM_MANAGED_POLICY: number;
  /** Role trust policy (AssumeRolePolicyDocument), default quota (adjustable). IAM does not count whitespace. */
  IAM_ROLE_TRUST_POLICY: number;
  /** All inline policies of one user together. IAM does not count whitespace. */
  IAM_USER_INLINE_POLICIES: number;
  /** All inline policies of one role together. IAM does not count whitespace. */
  IAM_ROLE_INLINE_POLICIES: number;
  /** All inline policies of one group together. IAM does not count whitespace. */
  IAM_GROUP_INLINE_POLICIES: number;
  /** Session policy passed to AssumeRole* / GetFederationToken (plaintext limit; STS also caps the packed size). */
  STS_SESSION_POLICY: number;
  /** Resource-based policy (default: an S3 bucket policy). */
  RESOURCE_POLICY: number;
}

/** Default policy size quotas (characters). */
export const DEFAULT_POLICY_QUOTAS: Readonly<PolicyQuotas> = Object.freeze({
  SERVICE_CONTROL_POLICY: 10_240,
  RESOURCE_CONTROL_POLICY: 5_120,
  TAG_POLICY: 10_000,
  BACKUP_POLICY: 10_000,
  AISERVICES_OPT_OUT_POLICY: 2_500,
  DECLARATIVE_POLICY_EC2: 10_000,
  // The quota page read here lists no figure for S3 policies; they follow the declarative policy syntax
  // (orgs_manage_policies_s3_syntax.html), so they get the declarative policies' figures.
  S3_POLICY: 10_000,
  IAM_MANAGED_POLICY: 6_144,
  IAM_ROLE_TRUST_POLICY: 2_048,
  IAM_USER_INLINE_POLICIES: 2_048,
  IAM_ROLE_INLINE_POLICIES: 10_240,
  IAM_GROUP_INLINE_POLICIES: 5_120,
  STS_SESSION_POLICY: 2_048,
  RESOURCE_POLICY: 20_480,
});

/** Quota names whose size AWS counts without whitespace (IAM and STS); Organizations counts every character. */
export const QUOTAS_IGNORING_WHITESPACE: ReadonlySet<keyof PolicyQuotas> = new Set<keyof PolicyQuotas>([
  'IAM_MANAGED_POLICY', 'IAM_ROLE_TRUST_POLICY', 'IAM_USER_INLINE_POLICIES', 'IAM_ROLE_INLINE_POLICIES',
  'IAM_GROUP_INLINE_POLICIES', 'STS_SESSION_POLICY',
]);

/** Organizations policy types that can be attached to a root, OU or account. */
export type OrgPolicyTypeName =
  | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'TAG_POLICY' | 'BACKUP_POLICY'
  | 'AISERVICES_OPT_OUT_POLICY' | 'DECLARATIVE_POLICY_EC2' | 'S3_POLICY';

/** Structural quotas of an organization. */
export interface OrganizationQuotas {
  /** OU nesting below the root (the root is level 0); deeper gives OU_DEPTH_LIMIT_EXCEEDED. */
  maxOuDepth: number;
  /** OUs in one organization (OU_NUMBER_LIMIT_EXCEEDED). */
  maxOusPerOrganization: number;
  /** Roots per organization. */
  maxRoots: number;
  /** Default maximum accounts (adjustable through Service Quotas; ACCOUNT_NUMBER_LIMIT_EXCEEDED). */
  defaultMaxAccounts: number;
  /** Policies of one type attached directly to one root, OU or account (MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED). */
  maxPoliciesAttachedPerTarget: Readonly<Record<OrgPolicyTypeName, number>>;
  /** Policies of a type that must stay attached to each target while the type is enabled (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED). */
  minPoliciesAttachedPerTarget: Readonly<Partial<Record<OrgPolicyTypeName, number>>>;
  /** Policies of one type in the organization (POLICY_NUMBER_LIMIT_EXCEEDED). */
  maxPoliciesPerOrganization: Readonly<Record<OrgPolicyTypeName, number>>;
}

/** Default organization quotas. */
export const DEFAULT_ORGANIZATION_QUOTAS: Readonly<OrganizationQuotas> = Object.freeze({
  maxOuDepth: 5,
  maxOusPerOrganization: 2_000,
  maxRoots: 1,
  defaultMaxAccounts: 10,
  maxPoliciesAttachedPerTarget: Object.freeze({
    SERVICE_CONTROL_POLICY: 10,
    RESOURCE_CONTROL_POLICY: 5,
    TAG_POLICY: 10,
    BACKUP_POLICY: 10,
    AISERVICES_OPT_OUT_POLICY: 5,
    DECLARATIVE_POLICY_EC2: 10,
    S3_POLICY: 10,
  }),
  // FullAWSAccess / RCPFullAWSAccess (or a replacement) must stay attached: an SCP-enabled target needs at least one.
  minPoliciesAttachedPerTarget: Object.freeze({ SERVICE_CONTROL_POLICY: 1, RESOURCE_CONTROL_POLICY: 1 }),
  maxPoliciesPerOrganization: Object.freeze({
    SERVICE_CONTROL_POLICY: 10_000,
    RESOURCE_CONTROL_POLICY: 1_000,
    TAG_POLICY: 1_000,
    BACKUP_POLICY: 1_000,
    AISERVICES_OPT_OUT_POLICY: 1_000,
    DECLARATIVE_POLICY_EC2: 1_000,
    S3_POLICY: 1_000,
  }),
});

// IAM object quotas: docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("IAM object quotas",
// read mid-2026). Several are adjustable through Service Quotas (managed policies per role up to 25, per user up to
// 20, roles and customer-managed policies per account, groups per account up to 500); the role trust policy length
// is PolicyQuotas.IAM_ROLE_TRUST_POLICY (2,048 by default, adjustable).

/** Count quotas of IAM in one account (GetAccountSummary's *Quota keys). */
export interface IamQuotas {
  /** Managed policies attached to one role (AttachedPoliciesPerRoleQuota). */
  maxManagedPoliciesPerRole: number;
  /** Managed policies attached to one user (AttachedPoliciesPerUserQuota). */
  maxManagedPoliciesPerUser: number;
  /** Managed policies attached to one group (AttachedPoliciesPerGroupQuota). */
  maxManagedPoliciesPerGroup: number;
  /** Versions stored for one managed policy (VersionsPerPolicyQuota). */
  maxVersionsPerPolicy: number;
  /** Customer-managed policies in one account (PoliciesQuota). */
  maxCustomerManagedPoliciesPerAccount: number;
  /** Roles in one account (RolesQuota). */
  maxRolesPerAccount: number;
  /** Users in one account (UsersQuota). */
  maxUsersPerAccount: number;
  /** Groups in one account (GroupsQuota). */
  maxGroupsPerAccount: number;
  /** Groups one user can be a member of (GroupsPerUserQuota). */
  maxGroupsPerUser: number;
  /** Tags on one IAM resource (role, user, customer-managed policy). */
  maxTagsPerResource: number;
}

/** Default IAM quotas of an account. */
export const DEFAULT_IAM_QUOTAS: Readonly<IamQuotas> = Object.freeze({
  maxManagedPoliciesPerRole: 10,
  maxManagedPoliciesPerUser: 10,
  maxManagedPoliciesPerGroup: 10,
  maxVersionsPerPolicy: 5,
  maxCustomerManagedPoliciesPerAccount: 1_500,
  maxRolesPerAccount: 1_000,
  maxUsersPerAccount: 5_000,
  maxGroupsPerAccount: 300,
  maxGroupsPerUser: 10,
  maxTagsPerResource: 50,
});

// AWS RAM quotas: github.com/awsdocs/aws-resource-access-manager-user-guide @ 01f545a (2023-04-21)
// doc_source/service-quotas.md, "Service quotas for AWS RAM" (the current page, ram/latest/userguide/service-quotas.html,
// could be read only in translation and only its definitions, which match). Shares, associations and customer managed
// permissions are counted per AWS Region (RAM is Regional); a resource or principal in three shares counts three times.
// The 100 resources per call is stated by RAM's ResourceShareLimitExceededException ("You can associate up to 100
// resources per call"). The overridable keys keep their first names (designs store them): maxResourceSharesPerAccount
// is AWS's "Maximum number of resource shares per AWS Region", counted per owner account and Region.

/** The page the RAM quotas come from. */
export const RAM_QUOTAS_DOC = 'https://docs.aws.amazon.com/ram/latest/userguide/service-quotas.html';

/** Count quotas of AWS RAM in one account and Region. */
export interface RamQuotas {
  /** Resource shares one account owns in one Region (ResourceShareLimitExceededException). */
  maxResourceSharesPerAccount: number;
  /** Principal associations of one resource share. */
  maxPrincipalsPerResourceShare: number;
  /** Resource associations of one resource share. */
  maxResourcesPerResourceShare: number;
  /** Resources one CreateResourceShare or AssociateResourceShare call may name. */
  maxResourcesPerCall: number;
  /** Invitations pending from one sharing account (ResourceShareLimitExceededException when exceeded). */
  maxPendingInvitationsPerAccount: number;
  /** Customer managed permissions of one account in one Region (PermissionLimitExceededException). */
  maxCustomerManagedPermissions: number;
  /** Customer managed permissions of one account for one resource type. */
  maxCustomerManagedPermissionsPerResourceType: number;
  /** Versions of one customer managed permission (PermissionVersionsLimitExceededException). */
  maxVersionsPerCustomerManagedPermission: number;
}

/** Default RAM quotas of an account. */
export const DEFAULT_RAM_QUOTAS: Readonly<RamQuotas> = Object.freeze({
  maxResourceSharesPerAccount: 25_000,
  maxPrincipalsPerResourceShare: 5_000,
  maxResourcesPerResourceShare: 5_000,
  maxResourcesPerCall: 100,
  maxPendingInvitationsPerAccount: 20,
  maxCustomerManagedPermissions: 1_500,
  maxCustomerManagedPermissionsPerResourceType: 10,
  maxVersionsPerCustomerManagedPermission: 5,
});

// IAM Identity Center quotas: docs.aws.amazon.com/singlesignon/latest/userguide/limits.html ("AWS account quotas",
// read December 2026). The 20 managed policies per permission set count AWS-managed and customer-managed policies
// together; the role each assignment creates still obeys IAM's managed-policies-per-role quota (10 by default), so a
// permission set with more fails to provision where that IAM quota was not raised.

/** The page the Identity Center quotas come from. */
export const IDENTITY_CENTER_QUOTAS_DOC = 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html';

/** Quotas of an IAM Identity Center instance. */
export interface IdentityCenterQuotas {
  /** Permission sets in the instance ("Number of permission sets allowed in IAM Identity Center", adjustable). */
  maxPermissionSets: number;
  /** Permission sets provisioned to one account ("Number of provisioned permission sets allowed per AWS account", adjustable). */
  maxProvisionedPermissionSetsPerAccount: number;
  /** AWS-managed and customer-managed policies per permission set (not adjustable). */
  maxManagedPoliciesPerPermissionSet: number;
  /** Inline policies per permission set (not adjustable). */
  maxInlinePoliciesPerPermissionSet: number;
  /** Inline policy size in bytes (not adjustable). */
  maxInlinePolicyBytes: number;
  /** Inline policy size in non-whitespace characters (not adjustable). */
  maxInlinePolicyNonWhitespace: number;
}

/** Default IAM Identity Center quotas. */
export const DEFAULT_IDENTITY_CENTER_QUOTAS: Readonly<IdentityCenterQuotas> = Object.freeze({
  maxPermissionSets: 2_000,
  maxProvisionedPermissionSetsPerAccount: 250,
  maxManagedPoliciesPerPermissionSet: 20,
  maxInlinePoliciesPerPermissionSet: 1,
  maxInlinePolicyBytes: 32_768,
  maxInlinePolicyNonWhitespace: 10_240,
});
