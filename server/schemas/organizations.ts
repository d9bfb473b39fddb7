// Inputs and outputs of the Organizations editing operations, shared by the API and the browser's forms: this
// module imports only zod. Field limits are the Organizations API's (API reference, each action's "Request
// Parameters"); the rules AWS checks against the organization itself live in server/services/organizations.
import { z } from 'zod';
import { designIdSchema } from './design';
import { refuseUnsafeText } from './text';

/** The policy types the designer can create, attach and validate. */
export const EDITABLE_POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'S3_POLICY',
  'DECLARATIVE_POLICY_EC2',
] as const;
/** A policy type the designer edits. */
export const editablePolicyTypeSchema = z.enum(EDITABLE_POLICY_TYPES);
/** A policy type the designer edits. */
export type EditablePolicyType = z.infer<typeof editablePolicyTypeSchema>;

/** Management policy types (effective policies are merged for these). */
export const managementPolicyTypeSchema = z.enum(['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'S3_POLICY', 'DECLARATIVE_POLICY_EC2']);

/** A reference to a root, OU, account or policy: our row id or AWS's id ("r-…", "ou-…", 12 digits, "p-…"). */
export const entityRefSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'An id is required.' }).max(200);

/** Every edit names the design and the revision it was based on (optimistic concurrency). */
export const mutationBaseSchema = z.object({
  designId: designIdSchema,
  expectedRevision: z.number().int().nonnegative(),
});

/** A tag as the API takes it (TagResource: key 1-128, value 0-256 characters; checked with AWS's errors). */
export const tagSchema = z.object({ key: z.string(), value: z.string() });
/** A tag. */
export type TagInput = z.infer<typeof tagSchema>;

/** OU names: 1 to 128 characters (CreateOrganizationalUnit Name). */
export const ouNameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'Name is required.' }).max(128, { error: 'Name must be at most 128 characters.' });

/** organizations.createOrganizationalUnit */
export const createOuInputSchema = mutationBaseSchema.extend({ parentId: entityRefSchema, name: ouNameSchema, tags: z.array(tagSchema).optional() });
/** organizations.renameOrganizationalUnit */
export const renameOuInputSchema = mutationBaseSchema.extend({ ouId: entityRefSchema, name: ouNameSchema });
/** organizations.moveOrganizationalUnit */
export const moveOuInputSchema = mutationBaseSchema.extend({ ouId: entityRefSchema, destinationParentId: entityRefSchema });
/** organizations.deleteOrganizationalUnit */
export const deleteOuInputSchema = mutationBaseSchema.extend({ ouId: entityRefSchema });

/** Account names: 1 to 50 characters (CreateAccount AccountName). */
export const accountNameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'Account name is required.' }).max(50, { error: 'Account name must be at most 50 characters.' });
/** Account email: 6 to 64 characters, an address (CreateAccount Email). */
export const accountEmailSchema = z.string().trim().min(6).max(64).email({ error: 'Enter an email address.' });
/** A 12-digit account id. */
export const accountNumberSchema = z.string().regex(/^\d{12}$/, { error: 'An account id is 12 digits.' });

/** organizations.createAccount */
export const createAccountInputSchema = mutationBaseSchema.extend({
  accountName: accountNameSchema,
  email: accountEmailSchema,
  /** Where the account goes; the root when omitted (CreateAccount always puts it under the root). */
  parentId: entityRefSchema.optional(),
  /** The id AWS would assign; generated when omitted. */
  accountId: accountNumberSchema.optional(),
  /** RoleName of CreateAccount; OrganizationAccountAccessRole by default. */
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'A role name is 1-64 letters, digits or +=,.@_-.' }).optional(),
  tags: z.array(tagSchema).optional(),
});
/** organizations.inviteAccount */
export const inviteAccountInputSchema = mutationBaseSchema.extend({
  accountId: accountNumberSchema,
  accountName: accountNameSchema.optional(),
  email: accountEmailSchema.optional(),
  tags: z.array(tagSchema).optional(),
});
/** organizations.acceptInvitation / declineInvitation / removeAccount */
export const accountRefInputSchema = mutationBaseSchema.extend({ accountId: entityRefSchema });
/** account.putAccountName (Account Management API) */
export const renameAccountInputSchema = mutationBaseSchema.extend({ accountId: entityRefSchema, accountName: accountNameSchema });
/**
 * The other organization of an account outside this one ("o-…", checked by the service with AWS's pattern), or null
 * when it is in none the design knows of.
 */
export const setAccountOtherOrganizationInputSchema = mutationBaseSchema.extend({
  accountId: entityRefSchema,
  organizationId: z.string().trim().max(64).nullable(),
});
/** S3 Block Public Access settings (PublicAccessBlockConfiguration), the four booleans. */
export const s3PublicAccessBlockSchema = z.object({
  blockPublicAcls: z.boolean(), ignorePublicAcls: z.boolean(), blockPublicPolicy: z.boolean(), restrictPublicBuckets: z.boolean(),
});
/** An account's S3 Block Public Access settings (s3control PutPublicAccessBlock), or null to delete them (DeletePublicAccessBlock). */
export const putAccountPublicAccessBlockInputSchema = mutationBaseSchema.extend({
  accountId: entityRefSchema,
  configuration: s3PublicAccessBlockSchema.nullable(),
});
/** organizations.moveAccount */
export const moveAccountInputSchema = mutationBaseSchema.extend({
  accountId: entityRefSchema,
  /** MoveAccount's SourceParentId; the account's current parent when omitted. */
  sourceParentId: entityRefSchema.optional(),
  destinationParentId: entityRefSchema,
});

/** Policy names: 1 to 128 characters (CreatePolicy Name). */
export const policyNameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'Name is required.' }).max(128, { error: 'Name must be at most 128 characters.' });
/** Policy descriptions: up to 512 characters. */
export const policyDescriptionSchema = z.string().superRefine(refuseUnsafeText('multi-line')).max(512, { error: 'Description must be at most 512 characters.' });
/** Policy content: the document as submitted (size quotas are checked per type by the service). */
export const policyContentSchema = z.string().superRefine(refuseUnsafeText('multi-line')).min(1, { error: 'Content is required.' }).max(1_000_000);

/** organizations.createPolicy */
export const createPolicyInputSchema = mutationBaseSchema.extend({
  type: editablePolicyTypeSchema,
  name: policyNameSchema,
  description: policyDescriptionSchema.optional(),
  content: policyContentSchema,
  tags: z.array(tagSchema).optional(),
});
/** organizations.updatePolicy */
export const updatePolicyInputSchema = mutationBaseSchema.extend({
  policyId: entityRefSchema,
  name: policyNameSchema.optional(),
  description: policyDescriptionSchema.optional(),
  content: policyContentSchema.optional(),
});
/** organizations.deletePolicy */
export const policyRefInputSchema = mutationBaseSchema.extend({ policyId: entityRefSchema });
/** organizations.attachPolicy / detachPolicy */
export const attachmentInputSchema = mutationBaseSchema.extend({ policyId: entityRefSchema, targetId: entityRefSchema });
/** policy.promote: the staging workflow's promotion (attach to production, detach from staging, one history entry) */
export const promotePolicyInputSchema = mutationBaseSchema.extend({ policyId: entityRefSchema, stagingTargetId: entityRefSchema, productionTargetId: entityRefSchema });
/** organizations.enablePolicyType / disablePolicyType */
export const policyTypeInputSchema = mutationBaseSchema.extend({ type: editablePolicyTypeSchema });
/** organizations.enableAllFeatures */
export const enableAllFeaturesInputSchema = mutationBaseSchema;

/** A service principal, e.g. "guardduty.amazonaws.com". */
export const servicePrincipalSchema = z.string().trim().min(1).max(128);
/** organizations.registerDelegatedAdministrator / deregisterDelegatedAdministrator */
export const delegatedAdminInputSchema = mutationBaseSchema.extend({ accountId: entityRefSchema, servicePrincipal: servicePrincipalSchema });
/** organizations.enableAwsServiceAccess / disableAwsServiceAccess */
export const serviceAccessInputSchema = mutationBaseSchema.extend({ servicePrincipal: servicePrincipalSchema });

/** organizations.tagResource */
export const tagResourceInputSchema = mutationBaseSchema.extend({ resourceId: entityRefSchema, tags: z.array(tagSchema).min(1) });
/** organizations.untagResource */
export const untagResourceInputSchema = mutationBaseSchema.extend({ resourceId: entityRefSchema, tagKeys: z.array(z.string()).min(1) });

const positive = z.number().int().positive();
const perType = z.object({
  SERVICE_CONTROL_POLICY: positive, RESOURCE_CONTROL_POLICY: positive, TAG_POLICY: positive, BACKUP_POLICY: positive,
  AISERVICES_OPT_OUT_POLICY: positive, DECLARATIVE_POLICY_EC2: positive, S3_POLICY: positive,
}).partial().strict();

/** Per-design quota overrides; anything absent keeps the AWS default of server/engine/quotas.ts. */
export const quotaOverridesSchema = z.object({
  organization: z.object({
    maxOuDepth: positive,
    maxOusPerOrganization: positive,
    defaultMaxAccounts: positive,
    maxPoliciesAttachedPerTarget: perType,
    maxPoliciesPerOrganization: perType,
  }).partial().strict().optional(),
  /** Policy document sizes in characters, by Organizations policy type, and the (adjustable) role trust policy length. */
  policySizes: perType.extend({ IAM_ROLE_TRUST_POLICY: positive.optional() }).strict().optional(),
  /** IAM count quotas of every account (reference_iam-quotas.html, "IAM object quotas"). */
  iam: z.object({
    maxManagedPoliciesPerRole: positive,
    maxManagedPoliciesPerUser: positive,
    maxManagedPoliciesPerGroup: positive,
    maxVersionsPerPolicy: positive,
    maxCustomerManagedPoliciesPerAccount: positive,
    maxRolesPerAccount: positive,
    maxUsersPerAccount: positive,
    maxGroupsPerAccount: positive,
    maxGroupsPerUser: positive,
    maxTagsPerResource: positive,
  }).partial().strict().optional(),
  /** IAM Identity Center quotas of the organization instance (singlesignon/latest/userguide/limits.html). */
  identityCenter: z.object({
    maxPermissionSets: positive,
    maxProvisionedPermissionSetsPerAccount: positive,
  }).partial().strict().optional(),
  /** AWS RAM count quotas of every account (Service Quotas, AWS Resource Access Manager). */
  ram: z.object({
    maxResourceSharesPerAccount: positive,
    maxPrincipalsPerResourceShare: positive,
    maxResourcesPerResourceShare: positive,
    maxResourcesPerCall: positive,
    maxPendingInvitationsPerAccount: positive,
    maxCustomerManagedPermissions: positive,
    maxCustomerManagedPermissionsPerResourceType: positive,
    maxVersionsPerCustomerManagedPermission: positive,
  }).partial().strict().optional(),
}).strict();
/** Per-design quota overrides. */
export type QuotaOverrides = z.infer<typeof quotaOverridesSchema>;
/** organizations.setQuotaOverrides (null restores every default). */
export const setQuotaOverridesInputSchema = mutationBaseSchema.extend({ overrides: quotaOverridesSchema.nullable() });

/** organizations.setServiceQuota: raise one adjustable quota (a quota key of the catalog), or null for AWS's default. */
export const setServiceQuotaInputSchema = mutationBaseSchema.extend({
  quotaKey: z.string().trim().min(1, { error: 'A quota is required.' }).max(120),
  value: z.number({ error: 'The quota must be a whole number.' }).int({ error: 'The quota must be a whole number.' }).positive({ error: 'The quota must be at least 1.' }).nullable(),
});
/** What organizations.setServiceQuota returns. */
export const setServiceQuotaResultSchema = z.object({
  revision: z.number().int().positive(),
  quota: z.object({ key: z.string(), name: z.string(), value: z.number().int().positive(), raised: z.boolean() }),
}).strict();

/** One quota of a design: AWS's default and maximum, the value in force and how much the design uses. */
export const designQuotaSchema = z.object({
  /** The override path, e.g. "organization.defaultMaxAccounts". */
  key: z.string(),
  service: z.enum(['Organizations', 'IAM', 'IAM Identity Center', 'AWS RAM']),
  name: z.string(),
  unit: z.string(),
  defaultValue: z.number().int().positive(),
  /** True when a customer can raise it through Service Quotas. */
  adjustable: z.boolean(),
  /** AWS's documented maximum for an increase (the default when fixed). */
  maximum: z.number().int().positive(),
  docUrl: z.string(),
  /** What the usage counts when it is not a plain total ("the account with the most"). */
  usageNote: z.string().nullable(),
  /** The value in force for this design. */
  value: z.number().int().positive(),
  /** True when the design overrides AWS's default. */
  raised: z.boolean(),
  used: z.number().int().nonnegative(),
}).strict();
/** One quota of a design. */
export type DesignQuota = z.infer<typeof designQuotaSchema>;
/** organizations.quotas: the design's quotas and the policy types on its root. */
export const designQuotasSchema = z.object({
  quotas: z.array(designQuotaSchema),
  policyTypes: z.array(z.object({ type: z.string(), status: z.enum(['ENABLED', 'PENDING_ENABLE', 'PENDING_DISABLE']) }).strict()),
  featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']),
}).strict();
/** The design's quotas and policy types. */
export type DesignQuotas = z.infer<typeof designQuotasSchema>;

/** A reference to a target of an effective-policy or chain query. */
export const targetQueryInputSchema = z.object({ designId: designIdSchema, targetId: entityRefSchema });
/** organizations.effectivePolicy */
export const effectivePolicyInputSchema = targetQueryInputSchema.extend({ type: managementPolicyTypeSchema });

/** history.undo / history.redo */
export const historyStepInputSchema = mutationBaseSchema;
/** history.diff */
export const diffInputSchema = z.object({ designId: designIdSchema, fromRevision: z.number().int().nonnegative(), toRevision: z.number().int().nonnegative() });
/** history.branch */
export const branchInputSchema = z.object({ designId: designIdSchema, newName: z.string().trim().min(1, { error: 'Name is required.' }).max(80) });

