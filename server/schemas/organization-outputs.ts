// What each Organizations editing operation (ou.*, account.*, policy.* edits, organization.* edits, history undo,
// redo and branch) and each policy-chain query returns: one exact schema per operation, so the browser gets real
// types and the API refuses to send a field nobody declared. The shapes are those the services build
// (server/services/organizations/views.ts, effective-policy.ts, engine/management/types.ts). Imports only zod.
import { z } from 'zod';
import { editablePolicyTypeSchema, managementPolicyTypeSchema } from './organizations';
import { policyFindingSchema } from './policy-library';

/** Every edit answers with the design revision it produced. */
const revision = z.number().int().positive();

/** An OU as the operations return it. */
export const ouViewSchema = z.object({
  id: z.string(),
  awsId: z.string(),
  name: z.string(),
  /** Row id of the parent: the root or an OU. */
  parentId: z.string(),
  tags: z.array(z.object({ key: z.string(), value: z.string() }).strict()),
}).strict();

/** An account as the operations return it. */
export const accountViewSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  joinedMethod: z.string(),
  status: z.string(),
  /** Row id of the parent; null for an account outside the organization (invited, declined or removed). */
  parentId: z.string().nullable(),
}).strict();

/** A policy as the operations return it. */
export const policyViewSchema = z.object({
  id: z.string(),
  awsId: z.string(),
  type: z.string(),
  name: z.string(),
  description: z.string(),
  content: z.string(),
  awsManaged: z.boolean(),
}).strict();

/** ou.create, ou.rename, ou.move: the OU as it now is. */
export const ouResultSchema = z.object({ revision, ou: ouViewSchema }).strict();
/** ou.delete: which OU went. */
export const ouDeletedSchema = z.object({ revision, ouId: z.string(), awsId: z.string() }).strict();
/** account.create, invite, acceptInvitation, declineInvitation, rename, move, remove: the account as it now is. */
export const accountResultSchema = z.object({ revision, account: accountViewSchema }).strict();

/** policy.create, policy.update: the policy and the validator's non-blocking findings. */
export const policyResultSchema = z.object({ revision, policy: policyViewSchema, warnings: z.array(policyFindingSchema) }).strict();
/** policy.delete: which policy went. */
export const policyDeletedSchema = z.object({ revision, policyId: z.string(), awsId: z.string() }).strict();
const attachmentSchema = z.object({ id: z.string(), policyId: z.string(), targetKind: z.enum(['root', 'ou', 'account']), targetId: z.string() }).strict();
/** policy.attach: the new attachment. */
export const policyAttachedSchema = z.object({ revision, attachment: attachmentSchema }).strict();
/** policy.detach: the attachment removed. */
export const policyDetachedSchema = z.object({ revision, attachmentId: z.string() }).strict();
/** policy.promote: the staged policy attached, the policy it replaced detached. */
export const policyPromotedSchema = z.object({ revision, attachment: attachmentSchema, detachedAttachmentId: z.string() }).strict();
/** policy.enableType: the type now enabled on the root, and where its default policy was attached (a count). */
export const policyTypeEnabledSchema = z.object({ revision, type: editablePolicyTypeSchema, status: z.literal('ENABLED'), defaultPolicyAttachedTo: z.number().int().nonnegative() }).strict();
/** policy.disableType: the type disabled, and how many attachments went with it. */
export const policyTypeDisabledSchema = z.object({ revision, type: editablePolicyTypeSchema, detached: z.number().int().nonnegative() }).strict();

/** organization.enableAllFeatures: the new feature set and the invited accounts that must approve it. */
export const allFeaturesEnabledSchema = z.object({ revision, featureSet: z.literal('ALL'), accountsThatMustApprove: z.array(z.string()) }).strict();
/** organization.registerDelegatedAdministrator. */
export const delegatedAdminRegisteredSchema = z.object({
  revision,
  delegatedAdministrator: z.object({ id: z.string(), accountId: z.string(), servicePrincipal: z.string() }).strict(),
}).strict();
/** organization.deregisterDelegatedAdministrator. */
export const delegatedAdminDeregisteredSchema = z.object({ revision, accountId: z.string(), servicePrincipal: z.string() }).strict();
/** organization.enableServiceAccess / disableServiceAccess: the service's trusted access now. */
export const serviceAccessResultSchema = z.object({ revision, servicePrincipal: z.string(), enabled: z.boolean() }).strict();
/** organization.tagResource / untagResource: the resource's tags now. */
export const tagsResultSchema = z.object({ revision, resourceId: z.string(), tags: z.array(z.object({ key: z.string(), value: z.string() }).strict()) }).strict();

const count = z.number().int().nonnegative();
/** Per Organizations policy type. */
const perPolicyType = z.record(z.string(), count);
/** organization.setQuotaOverrides: the quotas now in force (AWS's defaults with the design's overrides; engine/quotas.ts). */
export const quotaOverridesResultSchema = z.object({
  revision,
  quotas: z.object({
    organization: z.object({
      maxOuDepth: count,
      maxOusPerOrganization: count,
      maxRoots: count,
      defaultMaxAccounts: count,
      maxPoliciesAttachedPerTarget: perPolicyType,
      minPoliciesAttachedPerTarget: perPolicyType,
      maxPoliciesPerOrganization: perPolicyType,
    }).strict(),
    policySizes: z.object({ SERVICE_CONTROL_POLICY: count, RESOURCE_CONTROL_POLICY: count, TAG_POLICY: count, BACKUP_POLICY: count, AISERVICES_OPT_OUT_POLICY: count, DECLARATIVE_POLICY_EC2: count, S3_POLICY: count, IAM_MANAGED_POLICY: count, IAM_ROLE_TRUST_POLICY: count, IAM_USER_INLINE_POLICIES: count, IAM_ROLE_INLINE_POLICIES: count, IAM_GROUP_INLINE_POLICIES: count, STS_SESSION_POLICY: count, RESOURCE_POLICY: count }).strict(),
    iam: z.object({ maxManagedPoliciesPerRole: count, maxManagedPoliciesPerUser: count, maxManagedPoliciesPerGroup: count, maxVersionsPerPolicy: count, maxCustomerManagedPoliciesPerAccount: count, maxRolesPerAccount: count, maxUsersPerAccount: count, maxGroupsPerAccount: count, maxGroupsPerUser: count, maxTagsPerResource: count }).strict(),
    ram: z.object({ maxResourceSharesPerAccount: count, maxPrincipalsPerResourceShare: count, maxResourcesPerResourceShare: count, maxResourcesPerCall: count, maxPendingInvitationsPerAccount: count, maxCustomerManagedPermissions: count, maxCustomerManagedPermissionsPerResourceType: count, maxVersionsPerCustomerManagedPermission: count }).strict(),
    identityCenter: z.object({ maxPermissionSets: count, maxProvisionedPermissionSetsPerAccount: count, maxManagedPoliciesPerPermissionSet: count, maxInlinePoliciesPerPermissionSet: count, maxInlinePolicyBytes: count, maxInlinePolicyNonWhitespace: count }).strict(),
  }).strict(),
}).strict();

/** history.undo / history.redo: the revision whose change was reverted or applied again. */
export const historyStepResultSchema = z.union([
  z.object({ revision, undoneRevision: z.number().int().nonnegative() }).strict(),
  z.object({ revision, redoneRevision: z.number().int().nonnegative() }).strict(),
]);
/** history.branch: the new design. */
export const branchResultSchema = z.object({ design: z.object({ id: z.string(), name: z.string(), revision: z.number().int().nonnegative() }).strict() }).strict();

/** One level of a target's path (root first) with the policies of one type attached there. */
const chainLevelSchema = z.object({
  kind: z.enum(['root', 'ou', 'account']),
  id: z.string(),
  awsId: z.string(),
  name: z.string(),
  policies: z.array(z.object({ id: z.string(), awsId: z.string(), name: z.string(), content: z.string(), awsManaged: z.boolean() }).strict()),
}).strict();
/** organization.scpChain / rcpChain: per level the policies that apply, and whether they apply at all. */
export const authorizationChainSchema = z.object({
  type: z.enum(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']),
  targetId: z.string(),
  enabled: z.boolean(),
  applies: z.boolean(),
  note: z.string().optional(),
  levels: z.array(chainLevelSchema),
}).strict();

const policyOriginSchema = z.object({
  policyId: z.string(),
  policyName: z.string(),
  targetId: z.string(),
  targetName: z.string(),
  kind: z.enum(['root', 'ou', 'account']),
  level: z.number().int().nonnegative(),
}).strict();
const valueOperatorSchema = z.enum(['@@assign', '@@append', '@@remove']);
const jsonObjectSchema = z.record(z.string(), z.json());
const settingContributionSchema = z.object({
  path: z.string(),
  value: z.json(),
  from: policyOriginSchema,
  history: z.array(z.object({ origin: policyOriginSchema, operator: valueOperatorSchema, operand: z.json() }).strict()),
}).strict();
const ignoredOperationSchema = z.object({
  path: z.string(),
  operator: z.union([valueOperatorSchema, z.literal('add')]),
  origin: policyOriginSchema,
  reason: z.enum(['operator-not-allowed-for-child', 'same-level-conflict']),
  blockedBy: z.array(policyOriginSchema),
  message: z.string(),
}).strict();
const effectivePolicyErrorSchema = z.object({ code: z.string(), message: z.string(), path: z.string(), policyId: z.string().optional(), targetId: z.string().optional() }).strict();
const effectivePolicySuccessSchema = z.object({
  ok: z.literal(true),
  type: managementPolicyTypeSchema,
  targetId: z.string(),
  effective: jsonObjectSchema,
  contributions: z.array(settingContributionSchema),
  ignored: z.array(ignoredOperationSchema),
  restrictions: z.array(z.object({ path: z.string(), allowed: z.array(valueOperatorSchema), setBy: z.array(policyOriginSchema) }).strict()),
  warnings: z.array(effectivePolicyErrorSchema),
}).strict();
const effectivePolicyFailureSchema = z.object({
  ok: z.literal(false),
  type: managementPolicyTypeSchema,
  targetId: z.string().optional(),
  reason: z.enum(['invalid-policy', 'invalid-effective-policy', 'not-found', 'invalid-input']),
  errors: z.array(effectivePolicyErrorSchema),
  merged: jsonObjectSchema.optional(),
  contributions: z.array(settingContributionSchema).optional(),
  ignored: z.array(ignoredOperationSchema).optional(),
  lastValid: effectivePolicySuccessSchema.optional(),
}).strict();
/** organization.effectivePolicy: the tag, backup or AI opt-out policy merged down the target's path. */
export const effectivePolicyOutputSchema = z.object({
  type: managementPolicyTypeSchema,
  targetId: z.string(),
  enabled: z.boolean(),
  levels: z.array(chainLevelSchema),
  result: z.discriminatedUnion('ok', [effectivePolicySuccessSchema, effectivePolicyFailureSchema]),
}).strict();
