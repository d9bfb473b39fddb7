// Organization tree schemas shared by the API and the browser: this module imports only zod.
import { z } from 'zod';

/** How many SCPs and RCPs are attached directly to a root, OU or account. */
export const policyCountsSchema = z.object({
  scp: z.number().int().nonnegative(),
  rcp: z.number().int().nonnegative(),
});
/** Directly attached SCP and RCP counts. */
export type PolicyCounts = z.infer<typeof policyCountsSchema>;

/** A policy attached directly to a root, OU or account: enough for a badge and its tooltip. */
export const attachedPolicySchema = z.object({
  /** Our row id. */
  id: z.string(),
  name: z.string(),
  /** The Organizations policy type, e.g. SERVICE_CONTROL_POLICY, TAG_POLICY. */
  type: z.string(),
});
/** A policy attached directly to a node. */
export type AttachedPolicy = z.infer<typeof attachedPolicySchema>;

/** The organization root. */
export const orgRootSchema = z.object({
  /** Our row id; parentId fields refer to it. */
  id: z.string(),
  /** AWS's id, "r-…". */
  awsId: z.string(),
  name: z.string(),
  policyCounts: policyCountsSchema,
  /** Every policy attached directly here, of every type, by type then name. */
  attachedPolicies: z.array(attachedPolicySchema),
});

/** An organizational unit and its parent (the root or another OU). */
export const orgUnitNodeSchema = z.object({
  /** Our row id. */
  id: z.string(),
  /** AWS's id, "ou-…". */
  awsId: z.string(),
  name: z.string(),
  parentId: z.string(),
  policyCounts: policyCountsSchema,
  /** Every policy attached directly here, of every type, by type then name. */
  attachedPolicies: z.array(attachedPolicySchema),
  /** Control Tower controls (guardrails) enabled on this OU. */
  enabledControlCount: z.number().int().nonnegative(),
});

/** One landing-zone service of an account (server/engine/control-tower/landing-zone-services.ts). */
export const landingZoneServiceSchema = z.object({
  key: z.enum(['ORG_TRAIL', 'CONFIG_AGGREGATOR', 'DELEGATED_ADMIN']),
  /** Badge text. */
  short: z.string(),
  /** What it is. */
  label: z.string(),
  servicePrincipal: z.string().optional(),
});
/** A landing-zone service of an account. */
export type LandingZoneServiceView = z.infer<typeof landingZoneServiceSchema>;

/** A member account and its parent (the root or an OU). */
export const orgAccountNodeSchema = z.object({
  /** Our row id. */
  id: z.string(),
  /** The 12-digit AWS account id. */
  accountId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** Account state as Organizations reports it (ACTIVE, SUSPENDED, ...). */
  status: z.enum(['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED', 'INVITED_PENDING']),
  parentId: z.string(),
  /** The management account pays and administers; SCPs and RCPs never restrict it. */
  isManagement: z.boolean(),
  policyCounts: policyCountsSchema,
  /** Every policy attached directly here, of every type, by type then name. */
  attachedPolicies: z.array(attachedPolicySchema),
  /** The landing-zone services the account holds (org trail logs, Config aggregator, delegated administrators); absent when none. */
  landingZoneServices: z.array(landingZoneServiceSchema).optional(),
});

/**
 * A design's organization as a flat list of nodes with parent ids: flat lists are what the graph and later
 * the editor's store consume, and they avoid recursive schemas on the wire.
 */
export const orgTreeSchema = z.object({
  designId: z.string(),
  /** AWS's organization id, "o-…"; null while the design has no organization. */
  organizationId: z.string().nullable(),
  /** The management account's 12-digit id. */
  managementAccountId: z.string().nullable(),
  /** How many Organizations policies (of every type) the organization holds. */
  policyCount: z.number().int().nonnegative(),
  /** Null while a design has no organization yet. */
  root: orgRootSchema.nullable(),
  orgUnits: z.array(orgUnitNodeSchema),
  /** Member accounts only: accounts outside the organization are not part of the tree. */
  accounts: z.array(orgAccountNodeSchema),
});
/** A design's organization tree. */
export type OrgTree = z.infer<typeof orgTreeSchema>;
/** The organization root in an OrgTree. */
export type OrgRoot = z.infer<typeof orgRootSchema>;
/** An OU in an OrgTree. */
export type OrgUnitNode = z.infer<typeof orgUnitNodeSchema>;
/** An account in an OrgTree. */
export type OrgAccountNode = z.infer<typeof orgAccountNodeSchema>;

