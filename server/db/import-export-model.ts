// The interchange model: one validated, AWS-identifier-keyed description of a whole design. Every importer
// (AWS export bundle, raw AWS CLI folder, aws-org-designer) produces it; the database writer stores it; the database
// reader rebuilds it; every exporter (bundle, Terraform JSON, CloudFormation) reads it. Keeping one model means an
// import and an export of the same thing cannot drift apart field by field.
import 'server-only';

import type { OrganizationsPolicyTypeDto, TagDto } from './dto';

/** Root.PolicyTypes[].Status. */
export type PolicyTypeStatus = 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE';
/** Account.Status, plus INVITED_PENDING for an invitation not yet accepted. */
export type AccountStatus = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'INVITED_PENDING';

/** The organization, when the design has one. */
export interface InterchangeOrganization {
  /** "o-…". */
  awsId: string;
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
  name: string;
  policyTypes: { type: OrganizationsPolicyTypeDto; status: PolicyTypeStatus }[];
  tags: TagDto[];
}

/** An OU; `parentId` is the AWS id of the root or of another OU. Parents always come before their children. */
export interface InterchangeOu {
  awsId: string;
  name: string;
  parentId: string;
  tags: TagDto[];
}

/** An account; `parentId` is null for an account outside the organization (a partner's). */
export interface InterchangeAccount {
  /** 12-digit account id. */
  accountId: string;
  name: string;
  email: string | null;
  joinedMethod: 'CREATED' | 'INVITED';
  status: AccountStatus;
  /** ISO 8601 timestamp, or null when unknown. */
  joinedAt: string | null;
  parentId: string | null;
  tags: TagDto[];
}

/** An Organizations policy of any type with the targets (root, OU or account ids) it is attached to. */
export interface InterchangePolicy {
  /** "p-…". */
  awsId: string;
  type: OrganizationsPolicyTypeDto;
  name: string;
  description: string;
  /** The document exactly as submitted (AWS counts its characters). */
  content: string;
  awsManaged: boolean;
  tags: TagDto[];
  /** AWS ids of the root, OUs and 12-digit account ids, sorted. */
  targetIds: string[];
}

/** A managed IAM policy with its versions. AWS-managed ones (scope AWS) have no owning account. */
export interface InterchangeManagedPolicy {
  arn: string;
  name: string;
  path: string;
  policyId: string | null;
  description: string;
  scope: 'AWS' | 'LOCAL';
  /** Owning account for customer-managed policies; null for AWS-managed ones. */
  accountId: string | null;
  versions: { versionId: string; document: string; isDefault: boolean }[];
}

/** An inline policy of a user, group or role. */
export interface InterchangeInlinePolicy {
  name: string;
  document: string;
}

/** An IAM user. */
export interface InterchangeUser {
  name: string;
  path: string;
  userId: string | null;
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicies: InterchangeInlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: TagDto[];
}

/** An IAM group. */
export interface InterchangeGroup {
  name: string;
  path: string;
  groupId: string | null;
  attachedPolicyArns: string[];
  inlinePolicies: InterchangeInlinePolicy[];
}

/** An IAM role with its trust policy. */
export interface InterchangeRole {
  name: string;
  path: string;
  roleId: string | null;
  description: string;
  trustPolicy: string;
  maxSessionDuration: number;
  attachedPolicyArns: string[];
  inlinePolicies: InterchangeInlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: TagDto[];
}

/** IAM entities of one account. */
export interface InterchangeAccountIam {
  users: InterchangeUser[];
  groups: InterchangeGroup[];
  roles: InterchangeRole[];
}

/** A resource-based policy and the tags of its resource. */
export interface InterchangeResourcePolicy {
  accountId: string;
  resourceArn: string;
  /** "service:type", e.g. "s3:bucket". */
  resourceType: string;
  document: string;
  tags: TagDto[];
}

/** A whole design, as importers produce it and exporters read it. */
export interface InterchangeDesign {
  organization: InterchangeOrganization | null;
  root: InterchangeRoot | null;
  ous: InterchangeOu[];
  accounts: InterchangeAccount[];
  policies: InterchangePolicy[];
  delegatedAdministrators: { accountId: string; servicePrincipal: string }[];
  /** Customer-managed policies of every account and the AWS-managed policies the design uses (once each). */
  managedPolicies: InterchangeManagedPolicy[];
  /** IAM per 12-digit account id. */
  iam: Record<string, InterchangeAccountIam>;
  resourcePolicies: InterchangeResourcePolicy[];
}

/** How many of each thing an import wrote, for the report. */
export interface ImportCounts {
  organizationalUnits: number;
  accounts: number;
  policies: number;
  policyAttachments: number;
  delegatedAdministrators: number;
  iamUsers: number;
  iamGroups: number;
  iamRoles: number;
  iamManagedPolicies: number;
  resourcePolicies: number;
}

/** Counts of a design in the interchange model. */
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
