import 'server-only';
import type { LandingZoneServiceFacts } from '../engine/control-tower/landing-zone-services';

// Plain data returned by the repository functions: no Prisma types leak out of server/db. References between
// rows use our row ids (`id`); AWS identifiers (`awsId`, 12-digit `accountId`) are separate fields for display
// and for the engine's World (see world.ts).

/** An AWS tag, as AWS returns it. */
export interface TagDto {
  key: string;
  value: string;
}

/** A design as listed. */
export interface DesignSummaryDto {
  id: string;
  name: string;
  description: string;
  /** Optimistic-concurrency counter: bumped by every change. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A design as listed, with the size of its organization. */
export interface DesignListItemDto extends DesignSummaryDto {
  accountCount: number;
  ouCount: number;
}

/** Organizations policy types, as the Organizations API names them. */
export type OrganizationsPolicyTypeDto =
  | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2' | 'TAG_POLICY' | 'BACKUP_POLICY'
  | 'AISERVICES_OPT_OUT_POLICY' | 'CHATBOT_POLICY' | 'SECURITYHUB_POLICY' | 'SECURITYHUB_CSPM_POLICY'
  | 'INSPECTOR_POLICY' | 'UPGRADE_ROLLOUT_POLICY' | 'BEDROCK_POLICY' | 'S3_POLICY'
  | 'NETWORK_SECURITY_DIRECTOR_POLICY' | 'GUARDDUTY_POLICY';

/** The organization of a design. */
export interface OrganizationDto {
  id: string;
  awsId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Row id of the management account (null only mid-creation). */
  managementAccountId: string | null;
}

/** The root, with the policy types enabled on it. */
export interface RootDto {
  id: string;
  awsId: string;
  name: string;
  policyTypes: { type: OrganizationsPolicyTypeDto; status: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE' }[];
  tags: TagDto[];
}

/** An organizational unit. */
export interface OuDto {
  id: string;
  awsId: string;
  name: string;
  /** Row id of the parent: the root's id or another OU's id. */
  parentId: string;
  /** Row id of the parent OU; null when the parent is the root. */
  parentOuId: string | null;
  /** Canvas position; null lets the automatic layout place it. */
  layout: { x: number; y: number } | null;
  tags: TagDto[];
  /** Control Tower controls (guardrails) enabled on this OU. */
  enabledControlCount: number;
}

/** An account of the design. */
export interface AccountDto {
  id: string;
  /** The 12-digit AWS account id. */
  accountId: string;
  name: string;
  email: string | null;
  joinedMethod: 'CREATED' | 'INVITED';
  status: 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'INVITED_PENDING';
  /** Row id of the parent root or OU; null for an account outside the organization. */
  parentId: string | null;
  isManagementAccount: boolean;
  tags: TagDto[];
}

/** An Organizations policy without its content. */
export interface PolicySummaryDto {
  id: string;
  awsId: string;
  type: OrganizationsPolicyTypeDto;
  name: string;
  description: string;
  awsManaged: boolean;
  /** Characters of the content as submitted (what AWS's size quota counts). */
  contentLength: number;
}

/** A policy attached to a root, OU or account. */
export interface AttachmentDto {
  id: string;
  policyId: string;
  targetKind: 'root' | 'ou' | 'account';
  /** Row id of the root, OU or account. */
  targetId: string;
}

/** Everything the organization tree view needs, in one read. */
export interface OrgTreeDto {
  design: DesignSummaryDto;
  organization: OrganizationDto | null;
  root: RootDto | null;
  ous: OuDto[];
  accounts: AccountDto[];
  policies: PolicySummaryDto[];
  attachments: AttachmentDto[];
  /** The landing zone's shared accounts and trail, and the delegated administrators (account row ids). */
  landingZoneServiceFacts?: LandingZoneServiceFacts;
}
