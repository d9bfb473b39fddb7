// The AWS bundle model: one validated, AWS-identifier-keyed description of an organization and its accounts' IAM.
// The one bundle reader (read-bundle.ts) produces it from the AWS CLI's output shapes; simulate derives the engine's
// World from it (to-world.ts); every importer writes it to the database, which reads it back for the exporters. One
// model means an import, an export and a simulation of the same data cannot drift apart field by field.
import type { QuotaOverrides } from '../../../schemas/organizations';
import type { BackupIntegration } from '../../control-tower/backup';
import type { RamCustomerPermission, S3PublicAccessBlock, Tag, VpcEndpoint } from '../../types';

/** Every Organizations PolicyType value the API accepts (Organizations API reference, PolicyType). */
export const ORGANIZATIONS_POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2', 'TAG_POLICY', 'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'SECURITYHUB_POLICY', 'SECURITYHUB_CSPM_POLICY', 'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY', 'BEDROCK_POLICY', 'S3_POLICY', 'NETWORK_SECURITY_DIRECTOR_POLICY', 'GUARDDUTY_POLICY',
] as const;

/** An Organizations policy type, as the Organizations API names it. */
export type OrganizationsPolicyType = (typeof ORGANIZATIONS_POLICY_TYPES)[number];

/** Root.PolicyTypes[].Status. */
export type PolicyTypeStatus = 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE';

/** Account.State (orgs_manage_accounts_account_state.html), plus INVITED_PENDING for an invitation not yet accepted. */
export type AccountStatus = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'INVITED_PENDING';

/** The organization, when the design has one. */
export interface InterchangeOrganization {
  /** "o-…". */
  awsId: string;
  /** ALL or CONSOLIDATED_BILLING. */
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** 12-digit id of the management account (one of `accounts`). */
  managementAccountId: string;
  /** Services with trusted access (ListAWSServiceAccessForOrganization), sorted. */
  serviceAccessPrincipals: string[];
}

/** The root and the policy types enabled on it. */
export interface InterchangeRoot {
  /** "r-…". */
  awsId: string;
  /** Display name. */
  name: string;
  /** Policy types and their status. */
  policyTypes: { type: OrganizationsPolicyType; status: PolicyTypeStatus }[];
  /** Tags. */
  tags: Tag[];
}

/** An OU; `parentId` is the AWS id of the root or of another OU. Parents always come before their children. */
export interface InterchangeOu {
  /** "ou-…". */
  awsId: string;
  /** Display name, unique among siblings. */
  name: string;
  /** The root's or the parent OU's AWS id. */
  parentId: string;
  /** Tags. */
  tags: Tag[];
}

/** An account; `parentId` is null for an account outside the organization (a partner's). */
export interface InterchangeAccount {
  /** 12-digit account id. */
  accountId: string;
  /** Account name. */
  name: string;
  /** Root user email, when known. */
  email: string | null;
  /** How it joined the organization. */
  joinedMethod: 'CREATED' | 'INVITED';
  /** Account.State. */
  status: AccountStatus;
  /** ISO 8601 timestamp, or null when unknown. */
  joinedAt: string | null;
  /** Parent root or OU id; null outside the organization. */
  parentId: string | null;
  /** Tags. */
  tags: Tag[];
  /** For an account outside the organization: the other organization it is in (OtherOrganizations), when known. */
  otherOrganizationId?: string;
  /** Its S3 Block Public Access settings (S3AccountPublicAccessBlocks), when given. */
  s3PublicAccessBlock?: S3PublicAccessBlock;
}

/** An Organizations policy of any type with the targets (root, OU or account ids) it is attached to. */
export interface InterchangePolicy {
  /** "p-…". */
  awsId: string;
  /** Policy type. */
  type: OrganizationsPolicyType;
  /** Name, unique per type. */
  name: string;
  /** Description. */
  description: string;
  /** The document exactly as submitted (AWS counts its characters). */
  content: string;
  /** True for FullAWSAccess, RCPFullAWSAccess and other AWS-managed policies. */
  awsManaged: boolean;
  /** Tags. */
  tags: Tag[];
  /** AWS ids of the root, OUs and 12-digit account ids, sorted. */
  targetIds: string[];
}

/** One version of a managed IAM policy (PolicyVersion). */
export interface InterchangePolicyVersion {
  /** "v1", "v2", … */
  versionId: string;
  /** The document as JSON text. */
  document: string;
  /** The version that takes effect; exactly one per policy. */
  isDefault: boolean;
  /** PolicyVersion.CreateDate as ISO 8601, or null when the input did not give it. */
  createDate: string | null;
}

/** A managed IAM policy with its versions. AWS-managed ones (scope AWS) have no owning account. */
export interface InterchangeManagedPolicy {
  /** Policy ARN. */
  arn: string;
  /** Policy name. */
  name: string;
  /** Path, "/" by default. */
  path: string;
  /** The ANPA… id AWS assigns, when known. */
  policyId: string | null;
  /** Description. */
  description: string;
  /** AWS for arn:aws:iam::aws:policy/…, LOCAL for customer-managed policies. */
  scope: 'AWS' | 'LOCAL';
  /** Owning account for customer-managed policies; null for AWS-managed ones. */
  accountId: string | null;
  /** Versions, by version number. */
  versions: InterchangePolicyVersion[];
}

/** An inline policy of a user, group or role. */
export interface InterchangeInlinePolicy {
  /** Name, unique within its owner. */
  name: string;
  /** The document as JSON text. */
  document: string;
}

/** An IAM user. */
export interface InterchangeUser {
  /** User name. */
  name: string;
  /** Path. */
  path: string;
  /** The AIDA… id, when known. */
  userId: string | null;
  /** Names of the groups it belongs to, sorted. */
  groups: string[];
  /** ARNs of attached managed policies, sorted. */
  attachedPolicyArns: string[];
  /** Inline policies, by name. */
  inlinePolicies: InterchangeInlinePolicy[];
  /** Permissions boundary ARN, or null. */
  permissionsBoundaryArn: string | null;
  /** Tags. */
  tags: Tag[];
}

/** An IAM group. */
export interface InterchangeGroup {
  /** Group name. */
  name: string;
  /** Path. */
  path: string;
  /** The AGPA… id, when known. */
  groupId: string | null;
  /** ARNs of attached managed policies, sorted. */
  attachedPolicyArns: string[];
  /** Inline policies, by name. */
  inlinePolicies: InterchangeInlinePolicy[];
}

/** RoleDetail.RoleLastUsed: both null when IAM reports `{}` (no use in its tracking period). */
export interface InterchangeRoleLastUsed {
  /** ISO 8601, or null. */
  lastUsedDate: string | null;
  /** The Region of the last use, or null. */
  region: string | null;
}

/**
 * An IAM role with its trust policy: the fields of get-account-authorization-details' RoleDetail
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html). RoleDetail has no Description nor
 * MaxSessionDuration; the latter is read when a bundle carries it (GetRole's Role has it) and never written.
 */
export interface InterchangeRole {
  /** Role name. */
  name: string;
  /** Path. */
  path: string;
  /** The AROA… id, when known. */
  roleId: string | null;
  /** RoleDetail.CreateDate as ISO 8601, or null when the input did not give it. */
  createDate: string | null;
  /** The trust policy as JSON text. */
  trustPolicy: string;
  /** RoleDetail.InstanceProfileList exactly as given (InstanceProfile objects). */
  instanceProfiles: Record<string, unknown>[];
  /** RoleDetail.RoleLastUsed. */
  lastUsed: InterchangeRoleLastUsed;
  /** Maximum session duration in seconds (3600 to 43200), when the input gave it; null otherwise. */
  maxSessionDuration: number | null;
  /** ARNs of attached managed policies, sorted. */
  attachedPolicyArns: string[];
  /** Inline policies, by name. */
  inlinePolicies: InterchangeInlinePolicy[];
  /** Permissions boundary ARN, or null. */
  permissionsBoundaryArn: string | null;
  /** Tags. */
  tags: Tag[];
}

/** IAM entities of one account. */
export interface InterchangeAccountIam {
  /** Users, by name. */
  users: InterchangeUser[];
  /** Groups, by name. */
  groups: InterchangeGroup[];
  /** Roles, by name. */
  roles: InterchangeRole[];
}

/** A resource-based policy. */
export interface InterchangeResourcePolicy {
  /** The owning 12-digit account. */
  accountId: string;
  /** The resource's ARN. */
  resourceArn: string;
  /** "service:type", e.g. "s3:bucket". */
  resourceType: string;
  /** The document as JSON text. */
  document: string;
  /** For an S3 bucket: its own Block Public Access settings (PublicAccessBlockConfiguration), when given. */
  publicAccessBlock?: S3PublicAccessBlock;
}

/** An AWS RAM resource share with its associations (get-resource-shares, list-resources, get-resource-share-associations, list-resource-share-permissions, get-resource-share-invitations). */
export interface InterchangeResourceShare {
  /** resourceShareArn (arn:aws:ram:REGION:ACCOUNT:resource-share/ID). */
  arn: string;
  name: string;
  /** owningAccountId. */
  ownerAccountId: string;
  /** The Region of the share (from its ARN). */
  region: string;
  allowExternalPrincipals: boolean;
  /** ResourceShareStatus: PENDING | ACTIVE | FAILED | DELETING | DELETED. */
  status: string;
  tags: Tag[];
  /** Associated resources with their RAM type code. */
  resources: { arn: string; type: string }[];
  /** Principal associations; invited ones carry their invitation. */
  principals: {
    principal: string;
    /** ASSOCIATING | ASSOCIATED | FAILED | DISASSOCIATING | DISASSOCIATED. */
    status: string;
    statusMessage: string | null;
    invitationArn: string | null;
    /** PENDING | ACCEPTED | REJECTED | EXPIRED. */
    invitationStatus: string | null;
  }[];
  /** The managed permission per resource type. */
  permissions: { resourceType: string; permissionArn: string; permissionVersion: number | null }[];
}

/** A customer managed RAM permission with every version and its tags (aws ram get-permission --permission-version N, per version). */
export interface InterchangeRamPermission extends RamCustomerPermission {
  tags: Tag[];
}

/** A whole design, as the bundle reader produces it, importers store it and exporters read it. */
export interface InterchangeDesign {
  /** The organization, or null for standalone accounts. */
  organization: InterchangeOrganization | null;
  /** The root, or null without an organization. */
  root: InterchangeRoot | null;
  /** OUs, parents first. */
  ous: InterchangeOu[];
  /** Accounts, in the organization or not. */
  accounts: InterchangeAccount[];
  /** Organizations policies of every type. */
  policies: InterchangePolicy[];
  /** Delegated administrators. */
  delegatedAdministrators: { accountId: string; servicePrincipal: string }[];
  /** Customer-managed policies of every account and the AWS-managed policies the design uses (once each). */
  managedPolicies: InterchangeManagedPolicy[];
  /** IAM per 12-digit account id. */
  iam: Record<string, InterchangeAccountIam>;
  /** Resource-based policies. */
  resourcePolicies: InterchangeResourcePolicy[];
  /** Tags of resources by ARN (aws:ResourceTag), whether or not the resource has a policy. */
  resourceTags: Record<string, Tag[]>;
  /** AWS RAM resource shares (absent or empty when the design shares nothing). */
  resourceShares?: InterchangeResourceShare[];
  /** Customer managed RAM permissions (absent or empty when the design has none). */
  ramPermissions?: InterchangeRamPermission[];
  /** The IAM Identity Center organization instance, when the design has one. */
  identityCenter?: InterchangeIdentityCenter;
  /** The AWS Control Tower landing zone, when the design has one. */
  controlTower?: InterchangeControlTower;
  /** The quotas the design raised (LzsimQuotaOverrides), when it raised any. */
  quotaOverrides?: QuotaOverrides;
  /** VPC endpoints of the accounts (VpcEndpoints; absent or empty when the design has none). */
  vpcEndpoints?: InterchangeVpcEndpoint[];
}

/** A VPC endpoint as `aws ec2 describe-vpc-endpoints` prints it (the fields the engine reads). */
export interface InterchangeVpcEndpoint {
  /** VpcEndpointId, "vpce-…". */
  id: string;
  /** OwnerId: the 12-digit account that owns it. */
  ownerAccountId: string;
  /** VpcId, "vpc-…". */
  vpcId: string;
  /** ServiceName, e.g. "com.amazonaws.us-east-1.s3". */
  serviceName: string;
  /** VpcEndpointType. */
  type: VpcEndpoint['type'];
  /** PolicyDocument as JSON text; null when the endpoint has none (AWS's default policy: full access). */
  policyDocument: string | null;
}

/** Control Tower's EnablementStatus / DriftStatus values (API reference, EnablementStatusSummary, DriftStatusSummary). */
export type ControlTowerEnablementStatus = 'SUCCEEDED' | 'FAILED' | 'UNDER_CHANGE';
/** DriftStatus of an enabled control or baseline; a landing zone is DRIFTED or IN_SYNC. */
export type ControlTowerDriftStatus = 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKING' | 'UNKNOWN';

/**
 * An AWS Control Tower landing zone (get-landing-zone), its registered OUs and enrolled accounts (list-enabled-baselines
 * with children: AWSControlTowerBaseline on an OU, its child baseline on each account) and its enabled controls
 * (list-enabled-controls with get-enabled-control's parameters). OUs and accounts are named by AWS id.
 */
export interface InterchangeControlTower {
  /** LandingZoneDetail.arn (arn:aws:controltower:HOME-REGION:MANAGEMENT-ACCOUNT:landingzone/ID). */
  arn: string;
  /** LandingZoneDetail.version, e.g. "3.3". */
  version: string;
  /** The home Region (the Region of the landing zone's ARN). */
  homeRegion: string;
  /** manifest.governedRegions. */
  governedRegions: string[];
  /** manifest.organizationStructure.security (3.x), or the parent OU of the integration accounts (4.0): the Security OU's AWS id. */
  securityOuId: string | null;
  /**
   * The Security OU deleted in Organizations (landing zone drift ORGANIZATIONAL_UNIT_DELETED), or null: its name (what
   * the 3.x manifest still names) and its former AWS id (from LzsimDeletedSecurityOu; null when the bundle, as one from
   * AWS, does not carry it).
   */
  deletedSecurityOu: { awsId: string | null; name: string } | null;
  /** manifest.organizationStructure.sandbox: the Sandbox OU's AWS id, or null. */
  sandboxOuId: string | null;
  /** manifest.centralizedLogging.accountId. */
  logArchiveAccountId: string | null;
  /** manifest.securityRoles.accountId. */
  auditAccountId: string | null;
  /** manifest.centralizedLogging.enabled: the organization trail. */
  organizationTrail: boolean;
  /** manifest.accessManagement.enabled: IAM Identity Center. */
  identityCenter: boolean;
  /** The IdentityCenterBaseline enabled on the management account (list-enabled-baselines), when Identity Center is on. */
  identityCenterBaselineArn: string | null;
  /** manifest.config.enabled (landing zone 4.0; always true before): Config recording and its aggregator in Audit. */
  configEnabled: boolean;
  /** manifest.backup (landing zone 4.0): the AWS Backup integration's accounts and KMS key, or null when it is off. */
  backup: BackupIntegration | null;
  /** The landing-zone Region deny (AWS-GR_REGION_DENY), listed among the enabled controls of the top-level registered OUs. */
  regionDeny: boolean;
  /** ACTIVE, PROCESSING or FAILED. */
  status: 'ACTIVE' | 'PROCESSING' | 'FAILED';
  /** LandingZoneDriftStatusSummary.status. */
  driftStatus: 'DRIFTED' | 'IN_SYNC';
  /** Registered OUs: the AWSControlTowerBaseline enabled on each. */
  registeredOus: { ouId: string; enabledBaselineArn: string; baselineVersion: string | null; status: ControlTowerEnablementStatus }[];
  /** Enabled controls, each on an OU. */
  enabledControls: {
    arn: string;
    /** The Control Catalog ARN (or legacy Control Tower control ARN) as listed. */
    controlIdentifier: string;
    targetOuId: string;
    status: ControlTowerEnablementStatus;
    driftStatus: ControlTowerDriftStatus;
    parameters: { key: string; value: unknown }[];
  }[];
  /** Enrolled accounts: the child baseline on each, and what lzsim records about them (no AWS API returns these). */
  enrolledAccounts: {
    accountId: string;
    enabledBaselineArn: string;
    /** SETUP, ACCOUNT_FACTORY or ENROLLED. */
    origin: string;
    /** The Account Factory blueprint applied ({} when none). */
    blueprint: Record<string, unknown>;
    /** The facts its detective controls read ({} when none). */
    facts: Record<string, unknown>;
  }[];
}

/** An IAM Identity Center instance with its identity store, permission sets and account assignments. */
export interface InterchangeIdentityCenter {
  /** arn:aws:sso:::instance/ssoins-…. */
  instanceArn: string;
  /** d-…. */
  identityStoreId: string;
  /** Instance name. */
  name: string;
  /** The instance's Region (the CLI prints it nowhere: it is the Region the commands ran in). */
  region: string;
  /** OwnerAccountId: the management account. */
  ownerAccountId: string;
  /** Identity store users (ListUsers). */
  users: { userId: string; userName: string; displayName: string; givenName: string; familyName: string; email: string | null }[];
  /** Identity store groups (ListGroups). */
  groups: { groupId: string; displayName: string; description: string }[];
  /** Group memberships (ListGroupMemberships). */
  memberships: { membershipId: string; groupId: string; userId: string }[];
  /** Permission sets with their policies (DescribePermissionSet and the List/Get…PermissionSet calls). */
  permissionSets: InterchangePermissionSet[];
  /** Account assignments (ListAccountAssignments). */
  assignments: { accountId: string; permissionSetArn: string; principalType: 'USER' | 'GROUP'; principalId: string }[];
}

/** A permission set as the interchange model keeps it. */
export interface InterchangePermissionSet {
  /** PermissionSetArn. */
  arn: string;
  /** Name. */
  name: string;
  /** Description ("" when none). */
  description: string;
  /** SessionDuration, ISO-8601. */
  sessionDuration: string;
  /** RelayState, or null. */
  relayState: string | null;
  /** AWS-managed policy ARNs. */
  managedPolicyArns: string[];
  /** Customer-managed policy references. */
  customerManagedPolicies: { name: string; path: string }[];
  /** The inline policy text, or null. */
  inlinePolicy: string | null;
  /** The permissions boundary, or null. */
  permissionsBoundary: { managedPolicyArn?: string; customerManagedPolicyReference?: { name: string; path: string } } | null;
}

/** How many of each thing a design holds, for an import's report. */
export interface ImportCounts {
  /** OUs. */
  organizationalUnits: number;
  /** Accounts. */
  accounts: number;
  /** Organizations policies. */
  policies: number;
  /** Organizations policy attachments. */
  policyAttachments: number;
  /** Delegated administrators. */
  delegatedAdministrators: number;
  /** IAM users. */
  iamUsers: number;
  /** IAM groups. */
  iamGroups: number;
  /** IAM roles. */
  iamRoles: number;
  /** Managed IAM policies. */
  iamManagedPolicies: number;
  /** Resource-based policies. */
  resourcePolicies: number;
}

/** Counts of a design in the model. */
export function countDesign(design: InterchangeDesign): ImportCounts {
  const iam = Object.values(design.iam);
  return {
    organizationalUnits: design.ous.length,
    accounts: design.accounts.length,
    policies: design.policies.length,
    policyAttachments: design.policies.reduce((sum, policy) => sum + policy.targetIds.length, 0),
    delegatedAdministrators: design.delegatedAdministrators.length,
    iamUsers: iam.reduce((sum, account) => sum + account.users.length, 0),
    iamGroups: iam.reduce((sum, account) => sum + account.groups.length, 0),
    iamRoles: iam.reduce((sum, account) => sum + account.roles.length, 0),
    iamManagedPolicies: design.managedPolicies.length,
    resourcePolicies: design.resourcePolicies.length,
  };
}
