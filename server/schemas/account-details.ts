// The account panel's data: an account's IAM users, groups and roles with who can assume each role, and its
// effective tag, backup and AI opt-out policies with where each value came from. Shared with the browser: zod only.
import { z } from 'zod';
import { designIdSchema } from './design';
import { entityRefSchema, managementPolicyTypeSchema } from './organizations';
import { policyFindingSchema } from './policy-library';
import { landingZoneServiceSchema } from './org';
import { complianceStatusSchema, controlBehaviorSchema, controlGuidanceSchema } from './control-tower';

/** account.details input: the account by row id or 12-digit id. */
export const accountDetailsInputSchema = z.object({ designId: designIdSchema, accountId: entityRefSchema });

const policyNamesShape = {
  attachedPolicies: z.array(z.object({ arn: z.string(), name: z.string() })),
  inlinePolicies: z.array(z.string()),
};

/** A principal named in a trust policy, classified by the engine. */
export const trustedPrincipalSchema = z.object({
  type: z.string(),
  value: z.string(),
  kind: z.enum(['anyone', 'account', 'role', 'assumed-role', 'user', 'service', 'federated', 'canonical-user', 'unique-id', 'other']),
  accountId: z.string().optional(),
  description: z.string(),
});

/** One statement of a trust policy as people read it. */
export const trustStatementSchema = z.object({
  statementIndex: z.number().int().nonnegative(),
  sid: z.string().optional(),
  effect: z.enum(['Allow', 'Deny']),
  actions: z.array(z.string()),
  notAction: z.boolean(),
  principals: z.array(trustedPrincipalSchema),
  notPrincipal: z.boolean(),
  guards: z.array(z.object({
    kind: z.enum(['external-id', 'mfa', 'organization', 'source', 'other']),
    operator: z.string(),
    key: z.string(),
    values: z.array(z.string()),
  })),
  openToAnyone: z.boolean(),
});
/** A trust statement. */
export type TrustStatementView = z.infer<typeof trustStatementSchema>;

/** An IAM role with its trust summary. */
export const accountRoleSchema = z.object({
  name: z.string(),
  arn: z.string(),
  path: z.string(),
  description: z.string(),
  maxSessionDuration: z.number().int(),
  permissionsBoundary: z.string().nullable(),
  /** Service-linked roles (path /aws-service-role/) are made by AWS services; SCPs do not restrict them. */
  serviceLinked: z.boolean(),
  /** Roles IAM Identity Center creates for its permission sets (path /aws-reserved/sso.amazonaws.com/): read-only here. */
  identityCenter: z.boolean().default(false),
  trustPolicy: z.string(),
  trust: z.object({ valid: z.boolean(), findings: z.array(policyFindingSchema), statements: z.array(trustStatementSchema) }),
  ...policyNamesShape,
});
/** A role in the account panel. */
export type AccountRoleView = z.infer<typeof accountRoleSchema>;

const originSchema = z.object({
  policyId: z.string(),
  policyName: z.string(),
  targetId: z.string(),
  targetName: z.string(),
  kind: z.enum(['root', 'ou', 'account']),
  level: z.number().int(),
});

/** One effective management policy of the account. */
export const effectiveManagementPolicySchema = z.object({
  type: managementPolicyTypeSchema,
  /** Whether the type is enabled on the root: a disabled type has no effect whatever is attached. */
  enabled: z.boolean(),
  /** Policies of the type attached along the path, root first. */
  levels: z.array(z.object({
    kind: z.enum(['root', 'ou', 'account']),
    awsId: z.string(),
    name: z.string(),
    policies: z.array(z.object({ awsId: z.string(), name: z.string() })),
  })),
  /** ok: the effective document; not-found: no policy of the type applies; otherwise why the merge failed. */
  status: z.enum(['ok', 'not-found', 'invalid-policy', 'invalid-effective-policy', 'invalid-input']),
  /** The effective document (for a failed merge: the merged document AWS refused, when there is one). */
  document: z.record(z.string(), z.unknown()).nullable(),
  /** Where each setting came from. */
  contributions: z.array(z.object({ path: z.string(), value: z.unknown(), from: originSchema })),
  /** Why no effective policy could be produced. */
  errors: z.array(z.object({ code: z.string(), message: z.string(), path: z.string() })),
  /** Operations AWS ignores during the merge, with why. */
  ignored: z.array(z.object({ path: z.string(), message: z.string(), origin: originSchema })),
});
/** An effective management policy. */
export type EffectiveManagementPolicyView = z.infer<typeof effectiveManagementPolicySchema>;

/**
 * The account as Control Tower governs it: enrolment (an enabled AWSControlTowerBaseline on the account), the
 * registered OU it sits in, the controls that apply there (enabled on the OU or inherited from a registered ancestor)
 * with each detective control's result for this account, and the drift that names the account.
 */
export const accountControlTowerSchema = z.object({
  enrolment: z.enum(['ENROLLED', 'NOT_ENROLLED', 'MANAGEMENT_ACCOUNT']),
  /** How it was enrolled: SETUP (a shared account of the landing zone), ACCOUNT_FACTORY or ENROLLED; null when not. */
  origin: z.string().nullable(),
  /** The account's parent OU and whether it is registered (null under the root). */
  ou: z.object({ id: z.string(), awsId: z.string(), name: z.string(), registered: z.boolean() }).nullable(),
  controls: z.array(z.object({
    arn: z.string(),
    alias: z.string().nullable(),
    name: z.string(),
    behavior: controlBehaviorSchema,
    guidance: controlGuidanceSchema,
    /** Null when enabled on the account's own OU; else the registered ancestor it is inherited from. */
    inheritedFrom: z.string().nullable(),
    /** A detective control's result for this account; null for preventive and proactive controls. */
    compliance: z.object({ status: complianceStatusSchema, reason: z.string() }).nullable(),
  })),
  /** The account's overall detective compliance; null when no detective control is evaluated for it. */
  compliance: complianceStatusSchema.nullable(),
  drift: z.array(z.object({ type: z.string(), message: z.string() })),
});
/** The account panel's Control Tower section. */
export type AccountControlTowerView = z.infer<typeof accountControlTowerSchema>;

/** A VPC endpoint as the account panel and the request form show it (describe-vpc-endpoints' fields). */
export const vpcEndpointViewSchema = z.object({
  id: z.string(),
  ownerAccountId: z.string(),
  vpcId: z.string(),
  serviceName: z.string(),
  type: z.string(),
  /** The endpoint policy as given; null for AWS's default policy (full access). */
  policyDocument: z.string().nullable(),
});
/** One VPC endpoint for display. */
export type VpcEndpointView = z.infer<typeof vpcEndpointViewSchema>;

/** What account.vpcEndpoints returns: every endpoint of the design. */
export const designVpcEndpointsSchema = z.object({ endpoints: z.array(vpcEndpointViewSchema) });
/** Every VPC endpoint of a design. */
export type DesignVpcEndpoints = z.infer<typeof designVpcEndpointsSchema>;

/** What account.details returns. */
export const accountDetailsSchema = z.object({
  account: z.object({
    id: z.string(),
    accountId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    status: z.string(),
    joinedMethod: z.string(),
    inOrganization: z.boolean(),
    /** For an account outside the organization: the other organization it is in, when known. */
    otherOrganizationId: z.string().nullable(),
    /** The account's S3 Block Public Access settings, when set. */
    s3PublicAccessBlock: z.object({ blockPublicAcls: z.boolean(), ignorePublicAcls: z.boolean(), blockPublicPolicy: z.boolean(), restrictPublicBuckets: z.boolean() }).nullable(),
    /**
     * The organization's Amazon S3 policy that sets the account's Block Public Access in place of its own settings
     * ("all" on or "none"), when one applies; null when the account's own settings are in force.
     */
    organizationPublicAccessBlock: z.object({
      value: z.enum(['all', 'none']), policyId: z.string(), policyName: z.string(), targetName: z.string(),
    }).nullable().default(null),
    isManagement: z.boolean(),
  }),
  users: z.array(z.object({
    name: z.string(),
    arn: z.string(),
    path: z.string(),
    groups: z.array(z.string()),
    permissionsBoundary: z.string().nullable(),
    ...policyNamesShape,
  })),
  groups: z.array(z.object({ name: z.string(), path: z.string(), members: z.number().int(), ...policyNamesShape })),
  roles: z.array(accountRoleSchema),
  /** Empty for an account outside the organization (no Organizations policy reaches it). */
  effectivePolicies: z.array(effectiveManagementPolicySchema),
  /** The landing-zone services the account holds (org trail logs, Config aggregator, delegated administrators). */
  landingZoneServices: z.array(landingZoneServiceSchema).default([]),
  /** Control Tower's view of the account; null when the design has no landing zone or the account is outside the organization. */
  controlTower: accountControlTowerSchema.nullable().default(null),
  /** The account's VPC endpoints (read-only: they come from an import). */
  vpcEndpoints: z.array(vpcEndpointViewSchema).default([]),
});
/** The account panel's data. */
export type AccountDetails = z.infer<typeof accountDetailsSchema>;

/** An account of the design outside any organization (a partner, or an account imported from its own export). */
export const outsideAccountSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  /** The other organization it is in, when known. */
  otherOrganizationId: z.string().nullable(),
  roleCount: z.number().int().nonnegative(),
  userCount: z.number().int().nonnegative(),
});
/** The design's accounts outside its organization, by account id. */
export const outsideAccountsSchema = z.object({ accounts: z.array(outsideAccountSchema) });
/** The output of account.outside. */
export type OutsideAccounts = z.infer<typeof outsideAccountsSchema>;

