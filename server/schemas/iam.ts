// Inputs and outputs of IAM editing in an account (users, groups, roles, managed and inline policies, permissions
// boundaries), shared by the API and the browser's forms: this module imports only zod. Field limits and patterns
// are the IAM API reference's (each action's "Request Parameters", docs.aws.amazon.com/IAM/latest/APIReference/);
// the rules IAM checks against the account (EntityAlreadyExists, LimitExceeded, DeleteConflict, ...) live in
// server/services/iam.
import { z } from 'zod';
import { designIdSchema } from './design';
import { entityRefSchema, mutationBaseSchema } from './organizations';
import { MAX_DRAFT_LENGTH, policyFindingSchema } from './policy-library';
import { refuseUnsafeText } from './text';

/** Role and user names: 1-64 of letters, digits and +=,.@_- (API_CreateRole.html RoleName, API_CreateUser.html UserName). */
export const iamRoleNameSchema = z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'A name is 1 to 64 letters, digits or +=,.@_- characters.' });
/** Group and managed policy names: 1-128 of letters, digits and +=,.@_- (API_CreateGroup.html, API_CreatePolicy.html). */
export const iamLongNameSchema = z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: 'A name is 1 to 128 letters, digits or +=,.@_- characters.' });
/** Inline policy names (API_PutRolePolicy.html PolicyName): 1-128 of letters, digits and +=,.@_-. */
export const inlinePolicyNameSchema = iamLongNameSchema;
/** Paths (API_CreateRole.html Path): "/" or "/…/" of printable ASCII, at most 512 characters. */
export const iamPathSchema = z
  .string()
  .max(512, { error: 'A path has at most 512 characters.' })
  .regex(/^(\/|\/[\u0021-\u007e]+\/)$/, { error: 'A path starts and ends with "/" and holds printable ASCII only, e.g. /app/.' });
/** Role and policy descriptions: up to 1,000 characters, no control characters except tab and line breaks. */
export const iamDescriptionSchema = z
  .string()
  .max(1000, { error: 'A description has at most 1,000 characters.' })
  .regex(/^[\t\n\r\u0020-\u007e\u00a1-\u00ff]*$/, { error: 'A description may hold tab, line breaks and characters U+0020-U+007E, U+00A1-U+00FF only.' });
/** MaxSessionDuration of a role, in seconds (API_CreateRole.html: 3,600 to 43,200). */
export const maxSessionDurationSchema = z
  .number()
  .int()
  .min(3600, { error: 'A role session lasts at least 3,600 seconds (1 hour).' })
  .max(43200, { error: 'A role session lasts at most 43,200 seconds (12 hours).' });
/** A policy document as submitted (its size and grammar are the engine validator's to judge, with AWS's errors). */
export const iamPolicyDocumentSchema = z
  .string()
  .min(1, { error: 'The policy document is required.' })
  .max(MAX_DRAFT_LENGTH)
  .superRefine(refuseUnsafeText('multi-line'));
/** A managed policy ARN (API_AttachRolePolicy.html PolicyArn: 20-2,048 characters). */
export const policyArnSchema = z.string().min(20, { error: 'A policy ARN has at least 20 characters.' }).max(2048).regex(/^arn:[\w-]+:iam::(aws|\d{12}):policy\//, {
  error: 'A policy ARN reads arn:aws:iam::<account id or "aws">:policy/<path><name>.',
});
/** A policy version id: v1, v2, … (API_SetDefaultPolicyVersion.html VersionId). */
export const policyVersionIdSchema = z.string().regex(/^v[1-9][0-9]*$/, { error: 'A version id reads v1, v2, …' });
/** An IAM tag (API_Tag.html: key 1-128, value 0-256 characters of letters, digits, spaces and _.:/=+-@). */
export const iamTagSchema = z.object({
  key: z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, { error: 'A tag key is 1 to 128 letters, digits, spaces or _.:/=+-@ characters.' }),
  value: z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, { error: 'A tag value is up to 256 letters, digits, spaces or _.:/=+-@ characters.' }),
});
/** An IAM tag. */
export type IamTag = z.infer<typeof iamTagSchema>;

/** Which IAM principal an attachment, inline policy or boundary concerns. */
export const iamPrincipalTypeSchema = z.enum(['role', 'user', 'group']);
/** A role, user or group. */
export type IamPrincipalType = z.infer<typeof iamPrincipalTypeSchema>;

/** Every IAM edit names the design, its revision and the account (row id or 12-digit id). */
const accountEditSchema = mutationBaseSchema.extend({ accountId: entityRefSchema });
const principalRefShape = { principalType: iamPrincipalTypeSchema, principalName: iamLongNameSchema };

/** iam.createRole (CreateRole) */
export const createRoleInputSchema = accountEditSchema.extend({
  roleName: iamRoleNameSchema,
  path: iamPathSchema.optional(),
  description: iamDescriptionSchema.optional(),
  assumeRolePolicyDocument: iamPolicyDocumentSchema,
  maxSessionDuration: maxSessionDurationSchema.optional(),
  permissionsBoundary: policyArnSchema.optional(),
  tags: z.array(iamTagSchema).optional(),
});
/** iam.updateRole (UpdateRole: description and maximum session; AWS cannot rename a role or change its path). */
export const updateRoleInputSchema = accountEditSchema.extend({
  roleName: iamRoleNameSchema,
  description: iamDescriptionSchema.optional(),
  maxSessionDuration: maxSessionDurationSchema.optional(),
});
/** iam.updateAssumeRolePolicy (UpdateAssumeRolePolicy) */
export const updateAssumeRolePolicyInputSchema = accountEditSchema.extend({ roleName: iamRoleNameSchema, policyDocument: iamPolicyDocumentSchema });
/** iam.deleteRole (DeleteRole) */
export const roleRefInputSchema = accountEditSchema.extend({ roleName: iamRoleNameSchema });

/** iam.createUser (CreateUser) */
export const createUserInputSchema = accountEditSchema.extend({
  userName: iamRoleNameSchema,
  path: iamPathSchema.optional(),
  permissionsBoundary: policyArnSchema.optional(),
  tags: z.array(iamTagSchema).optional(),
});
/** iam.updateUser (UpdateUser: NewUserName, NewPath) */
export const updateUserInputSchema = accountEditSchema.extend({ userName: iamRoleNameSchema, newUserName: iamRoleNameSchema.optional(), newPath: iamPathSchema.optional() });
/** iam.deleteUser (DeleteUser) */
export const userRefInputSchema = accountEditSchema.extend({ userName: iamRoleNameSchema });

/** iam.createGroup (CreateGroup) */
export const createGroupInputSchema = accountEditSchema.extend({ groupName: iamLongNameSchema, path: iamPathSchema.optional() });
/** iam.updateGroup (UpdateGroup: NewGroupName, NewPath) */
export const updateGroupInputSchema = accountEditSchema.extend({ groupName: iamLongNameSchema, newGroupName: iamLongNameSchema.optional(), newPath: iamPathSchema.optional() });
/** iam.deleteGroup (DeleteGroup) */
export const groupRefInputSchema = accountEditSchema.extend({ groupName: iamLongNameSchema });
/** iam.addUserToGroup / iam.removeUserFromGroup */
export const groupMembershipInputSchema = accountEditSchema.extend({ groupName: iamLongNameSchema, userName: iamRoleNameSchema });

/** iam.createPolicy (CreatePolicy: a customer-managed policy with version v1 as default) */
export const createManagedPolicyInputSchema = accountEditSchema.extend({
  policyName: iamLongNameSchema,
  path: iamPathSchema.optional(),
  description: iamDescriptionSchema.optional(),
  policyDocument: iamPolicyDocumentSchema,
  tags: z.array(iamTagSchema).optional(),
});
/** iam.deletePolicy (DeletePolicy) */
export const managedPolicyRefInputSchema = accountEditSchema.extend({ policyArn: policyArnSchema });
/** iam.createPolicyVersion (CreatePolicyVersion) */
export const createPolicyVersionInputSchema = accountEditSchema.extend({
  policyArn: policyArnSchema,
  policyDocument: iamPolicyDocumentSchema,
  setAsDefault: z.boolean().optional(),
});
/** iam.deletePolicyVersion (DeletePolicyVersion) / iam.setDefaultPolicyVersion (SetDefaultPolicyVersion) */
export const policyVersionInputSchema = accountEditSchema.extend({ policyArn: policyArnSchema, versionId: policyVersionIdSchema });

/** iam.attachPolicy / iam.detachPolicy (Attach/DetachRolePolicy, …UserPolicy, …GroupPolicy) */
export const iamAttachmentInputSchema = accountEditSchema.extend({ ...principalRefShape, policyArn: policyArnSchema });
/** iam.putInlinePolicy (PutRolePolicy, PutUserPolicy, PutGroupPolicy: creates or replaces) */
export const putInlinePolicyInputSchema = accountEditSchema.extend({ ...principalRefShape, policyName: inlinePolicyNameSchema, policyDocument: iamPolicyDocumentSchema });
/** iam.deleteInlinePolicy (DeleteRolePolicy, DeleteUserPolicy, DeleteGroupPolicy) */
export const deleteInlinePolicyInputSchema = accountEditSchema.extend({ ...principalRefShape, policyName: inlinePolicyNameSchema });
/** iam.putPermissionsBoundary (PutRolePermissionsBoundary, PutUserPermissionsBoundary) */
export const putPermissionsBoundaryInputSchema = accountEditSchema.extend({
  principalType: z.enum(['role', 'user']),
  principalName: iamRoleNameSchema,
  permissionsBoundary: policyArnSchema,
});
/** iam.deletePermissionsBoundary (DeleteRolePermissionsBoundary, DeleteUserPermissionsBoundary) */
export const deletePermissionsBoundaryInputSchema = accountEditSchema.extend({ principalType: z.enum(['role', 'user']), principalName: iamRoleNameSchema });

/** What iam.tagResource / iam.untagResource tag: a role, a user or a customer-managed policy (groups have no tags). */
const taggableShape = { resourceType: z.enum(['role', 'user', 'policy']), resourceName: z.string().min(1).max(2048).superRefine(refuseUnsafeText()) };
/** iam.tagResource (TagRole, TagUser, TagPolicy); resourceName is the role or user name, or the policy ARN. */
export const iamTagResourceInputSchema = accountEditSchema.extend({ ...taggableShape, tags: z.array(iamTagSchema).min(1) });
/** iam.untagResource (UntagRole, UntagUser, UntagPolicy) */
export const iamUntagResourceInputSchema = accountEditSchema.extend({ ...taggableShape, tagKeys: z.array(z.string().min(1).max(128).superRefine(refuseUnsafeText())).min(1) });

/** What an IAM document is checked as: a trust policy, or an identity policy in a managed policy or inline in an entity. */
export const iamDocumentKindSchema = z.enum(['trust', 'managed', 'role-inline', 'user-inline', 'group-inline']);
/** An IAM document's kind. */
export type IamDocumentKind = z.infer<typeof iamDocumentKindSchema>;

/** iam.validate: a draft checked as CreateRole / CreatePolicy / Put*Policy would, without saving it. */
export const validateIamDraftInputSchema = z.object({
  designId: designIdSchema.optional(),
  kind: iamDocumentKindSchema,
  content: z.string().max(MAX_DRAFT_LENGTH, { error: `A policy draft may have at most ${MAX_DRAFT_LENGTH} characters.` }),
});
/** What iam.validate accepts. */
export type ValidateIamDraftInput = z.infer<typeof validateIamDraftInputSchema>;

/** What every IAM edit returns: the design's new revision, what it touched, and the validator's warnings. */
export const iamEditResultSchema = z
  .object({
    revision: z.number().int().positive(),
    entity: z.object({ type: z.enum(['role', 'user', 'group', 'policy']), name: z.string(), arn: z.string() }).strict(),
    /** For policy version operations: the version created, deleted or made default. */
    versionId: z.string().optional(),
    /** Findings below "error" for the document that was saved (warnings, suggestions). */
    warnings: z.array(policyFindingSchema),
  })
  .strict();
/** What an IAM edit returns. */
export type IamEditResult = z.infer<typeof iamEditResultSchema>;

/** iam.account input: the account by row id or 12-digit id. */
export const iamAccountInputSchema = z.object({ designId: designIdSchema, accountId: entityRefSchema });

const attachedPolicySchema = z.object({ arn: z.string(), name: z.string() }).strict();
const inlinePolicySchema = z.object({ name: z.string(), document: z.string() }).strict();
const tagsSchema = z.array(z.object({ key: z.string(), value: z.string() }).strict());

/** A role as the IAM editor shows it. */
export const iamRoleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  arn: z.string(),
  description: z.string(),
  trustPolicy: z.string(),
  maxSessionDuration: z.number().int(),
  permissionsBoundaryArn: z.string().nullable(),
  tags: tagsSchema,
  attachedPolicies: z.array(attachedPolicySchema),
  inlinePolicies: z.array(inlinePolicySchema),
  /** Path /aws-service-role/: made by an AWS service; IAM refuses to edit it (UnmodifiableEntity). */
  serviceLinked: z.boolean(),
}).strict();
/** A role in the IAM editor. */
export type IamRoleView = z.infer<typeof iamRoleViewSchema>;

/** A user as the IAM editor shows it. */
export const iamUserViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  arn: z.string(),
  permissionsBoundaryArn: z.string().nullable(),
  tags: tagsSchema,
  groups: z.array(z.string()),
  attachedPolicies: z.array(attachedPolicySchema),
  inlinePolicies: z.array(inlinePolicySchema),
}).strict();
/** A user in the IAM editor. */
export type IamUserView = z.infer<typeof iamUserViewSchema>;

/** A group as the IAM editor shows it. */
export const iamGroupViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  arn: z.string(),
  members: z.array(z.string()),
  attachedPolicies: z.array(attachedPolicySchema),
  inlinePolicies: z.array(inlinePolicySchema),
}).strict();
/** A group in the IAM editor. */
export type IamGroupView = z.infer<typeof iamGroupViewSchema>;

/** A customer-managed policy of the account with its versions. */
export const iamManagedPolicyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  arn: z.string(),
  description: z.string(),
  tags: tagsSchema,
  defaultVersionId: z.string(),
  versions: z.array(z.object({ versionId: z.string(), document: z.string(), isDefault: z.boolean(), createdAt: z.date() }).strict()),
  /** Users, groups and roles it is attached to ("role/Name", "user/Name", "group/Name"). */
  attachedTo: z.array(z.string()),
  /** Users and roles that use it as their permissions boundary. */
  boundaryOf: z.array(z.string()),
}).strict();
/** A customer-managed policy in the IAM editor. */
export type IamManagedPolicyView = z.infer<typeof iamManagedPolicyViewSchema>;

/** What iam.account returns: one account's IAM, everything the editor needs, and the quotas in force. */
export const iamAccountSchema = z.object({
  designId: z.string(),
  revision: z.number().int().nonnegative(),
  account: z.object({ id: z.string(), accountId: z.string(), name: z.string() }).strict(),
  roles: z.array(iamRoleViewSchema),
  users: z.array(iamUserViewSchema),
  groups: z.array(iamGroupViewSchema),
  policies: z.array(iamManagedPolicyViewSchema),
  /** AWS-managed policies the design holds (attachable anywhere): AdministratorAccess, ReadOnlyAccess, … */
  awsManagedPolicies: z.array(attachedPolicySchema),
  quotas: z.object({
    maxManagedPoliciesPerRole: z.number().int(),
    maxManagedPoliciesPerUser: z.number().int(),
    maxManagedPoliciesPerGroup: z.number().int(),
    maxVersionsPerPolicy: z.number().int(),
    trustPolicySize: z.number().int(),
  }).strict(),
}).strict();
/** One account's IAM for the editor. */
export type IamAccount = z.infer<typeof iamAccountSchema>;
