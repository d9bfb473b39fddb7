// Inputs and outputs of IAM Identity Center editing (sso-admin and identitystore APIs), shared by the API and the
// browser's forms: this module imports only zod. Patterns and lengths are the API references' ("Request
// Parameters" of CreatePermissionSet, AttachCustomerManagedPolicyReferenceToPermissionSet, CreateUser, CreateGroup,
// CreateAccountAssignment: docs.aws.amazon.com/singlesignon/latest/APIReference/ and .../identitystore/...). The
// rules checked against the design (ConflictException, ServiceQuotaExceededException, ...) live in
// server/services/identity-center.
import { z } from 'zod';
import { designIdSchema } from './design';
import { entityRefSchema, mutationBaseSchema } from './organizations';
import { MAX_DRAFT_LENGTH, policyFindingSchema } from './policy-library';
import { refuseUnsafeText } from './text';

/** Permission set names (CreatePermissionSet Name): 1-32 of letters, digits and +=,.@_-. */
export const permissionSetNameSchema = z.string().regex(/^[\w+=,.@-]{1,32}$/, { error: 'A permission set name is 1 to 32 letters, digits or +=,.@_- characters.' });
/** Permission set descriptions (CreatePermissionSet Description): up to 700 characters. */
export const permissionSetDescriptionSchema = z
  .string()
  .max(700, { error: 'A description has at most 700 characters.' })
  .regex(/^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, { error: 'A description may hold tab, line breaks and characters U+0020-U+007E, U+00A1-U+00FF only.' });
/** SessionDuration: an ISO-8601 duration (its range, PT1H to PT12H, is checked by the service with ValidationException). */
export const sessionDurationSchema = z.string().min(1).max(100);
/** RelayState (CreatePermissionSet): a URL of up to 240 characters. */
export const relayStateSchema = z.string().min(1).max(240).regex(/^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\]() {}]+$/, { error: 'A relay state is a URL of letters, digits and URL punctuation.' });
/** A managed policy ARN (AttachManagedPolicyToPermissionSet ManagedPolicyArn: 20-2,048 characters). */
export const managedPolicyArnSchema = z.string().min(20).max(2048).regex(/^arn:[\w-]+:iam::(aws|\d{12}):policy\//, {
  error: 'A managed policy ARN reads arn:aws:iam::aws:policy/<path><name>.',
});
/** CustomerManagedPolicyReference: Name 1-128 of [\w+=,.@-], Path "/" or "/…/" up to 512 (default "/"). */
export const customerManagedPolicyReferenceSchema = z
  .object({
    name: z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: 'A policy name is 1 to 128 letters, digits or +=,.@_- characters.' }),
    path: z.string().max(512).regex(/^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/, { error: 'A path starts and ends with "/", e.g. /teams/.' }).default('/'),
  })
  .strict();
/** An inline policy as submitted: the service checks AWS's sizes and the engine its grammar. */
export const permissionSetInlinePolicySchema = z.string().min(1, { error: 'The inline policy is required.' }).max(MAX_DRAFT_LENGTH).superRefine(refuseUnsafeText('multi-line'));
/** Identity store user names (CreateUser UserName): 1-128 printable characters, not "Administrator" or "AWSAdministrators". */
export const identityStoreUserNameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'A user name is required.' }).max(128);
/** Identity store display names (users and groups): 1-1,024 characters. */
export const identityStoreDisplayNameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'A display name is required.' }).max(1024);
/** A short optional text (given name, family name, email, group description). */
const optionalText = (max: number) => z.string().trim().superRefine(refuseUnsafeText()).max(max).optional();
/** An Identity Center principal type. */
export const principalTypeSchema = z.enum(['USER', 'GROUP']);

const edit = mutationBaseSchema;
const permissionSetRef = { permissionSetArn: entityRefSchema };

/** identityCenter.enable: create the organization instance (in the management account). */
export const enableIdentityCenterInputSchema = edit.extend({
  name: z.string().trim().superRefine(refuseUnsafeText()).max(255).optional(),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: 'A Region reads like us-east-1 or eu-west-2.' }).optional(),
});
/** identityCenter.createUser (identitystore CreateUser). */
export const createIdentityStoreUserInputSchema = edit.extend({
  userName: identityStoreUserNameSchema,
  displayName: identityStoreDisplayNameSchema,
  givenName: optionalText(1024),
  familyName: optionalText(1024),
  email: optionalText(1024),
});
/** identityCenter.deleteUser: by UserId or UserName. */
export const identityStoreUserRefInputSchema = edit.extend({ userId: entityRefSchema });
/** identityCenter.createGroup (identitystore CreateGroup). */
export const createIdentityStoreGroupInputSchema = edit.extend({ displayName: identityStoreDisplayNameSchema, description: optionalText(1024) });
/** identityCenter.deleteGroup: by GroupId or DisplayName. */
export const identityStoreGroupRefInputSchema = edit.extend({ groupId: entityRefSchema });
/** identityCenter.createGroupMembership / deleteGroupMembership. */
export const groupMembershipRefInputSchema = edit.extend({ groupId: entityRefSchema, userId: entityRefSchema });
/** identityCenter.createPermissionSet (CreatePermissionSet). */
export const createPermissionSetInputSchema = edit.extend({
  name: permissionSetNameSchema,
  description: permissionSetDescriptionSchema.optional(),
  sessionDuration: sessionDurationSchema.optional(),
  relayState: relayStateSchema.optional(),
});
/** identityCenter.updatePermissionSet (UpdatePermissionSet: description, session duration, relay state). */
export const updatePermissionSetInputSchema = edit.extend({
  ...permissionSetRef,
  description: permissionSetDescriptionSchema.optional(),
  sessionDuration: sessionDurationSchema.optional(),
  relayState: relayStateSchema.optional(),
});
/** A permission set by ARN or name (DeletePermissionSet, DeleteInlinePolicyFromPermissionSet, DeletePermissionsBoundaryFromPermissionSet). */
export const permissionSetRefInputSchema = edit.extend(permissionSetRef);
/** Attach/DetachManagedPolicy(To|From)PermissionSet. */
export const permissionSetManagedPolicyInputSchema = edit.extend({ ...permissionSetRef, managedPolicyArn: managedPolicyArnSchema });
/** Attach/DetachCustomerManagedPolicyReference(To|From)PermissionSet. */
export const permissionSetCustomerPolicyInputSchema = edit.extend({ ...permissionSetRef, customerManagedPolicyReference: customerManagedPolicyReferenceSchema });
/** PutInlinePolicyToPermissionSet. */
export const putPermissionSetInlinePolicyInputSchema = edit.extend({ ...permissionSetRef, inlinePolicy: permissionSetInlinePolicySchema });
/** PutPermissionsBoundaryToPermissionSet: exactly one of a managed policy ARN and a customer-managed reference. */
export const putPermissionSetBoundaryInputSchema = edit
  .extend({
    ...permissionSetRef,
    managedPolicyArn: managedPolicyArnSchema.optional(),
    customerManagedPolicyReference: customerManagedPolicyReferenceSchema.optional(),
  })
  .refine((input) => (input.managedPolicyArn === undefined) !== (input.customerManagedPolicyReference === undefined), {
    error: 'A permissions boundary is either a managed policy ARN or a customer-managed policy reference, not both and not neither.',
    path: ['managedPolicyArn'],
  });
/** Create/DeleteAccountAssignment (TargetType AWS_ACCOUNT). */
export const accountAssignmentInputSchema = edit.extend({
  ...permissionSetRef,
  /** The target account: 12-digit id or row id. */
  targetId: entityRefSchema,
  principalType: principalTypeSchema,
  /** The user's UserId or UserName, the group's GroupId or DisplayName. */
  principalId: entityRefSchema,
});

/** What every Identity Center edit returns. */
export const identityCenterEditResultSchema = z
  .object({
    revision: z.number().int().positive(),
    entity: z
      .object({
        type: z.enum(['instance', 'user', 'group', 'membership', 'permissionSet', 'assignment']),
        /** The AWS identifier: instance or permission set ARN, UserId, GroupId, MembershipId, or "<ps>|<account>|<principal>". */
        id: z.string(),
        name: z.string(),
      })
      .strict(),
    /** Findings below "error" for an inline policy that was saved. */
    warnings: z.array(policyFindingSchema),
  })
  .strict();
/** What an Identity Center edit returns. */
export type IdentityCenterEditResult = z.infer<typeof identityCenterEditResultSchema>;

/** identityCenter.validateInlinePolicy: a draft checked as PutInlinePolicyToPermissionSet would, without saving it. */
export const validatePermissionSetInlinePolicyInputSchema = z.object({
  designId: designIdSchema.optional(),
  content: z.string().max(MAX_DRAFT_LENGTH, { error: `A policy draft may have at most ${MAX_DRAFT_LENGTH} characters.` }),
});

/** identityCenter.view input. */
export const identityCenterViewInputSchema = z.object({ designId: designIdSchema });

const referenceOut = z.object({ name: z.string(), path: z.string() }).strict();
const accountRefOut = z.object({ accountId: z.string(), name: z.string() }).strict();

/** Everything the Identity Center panel shows. `instance` is null while Identity Center is not enabled. */
export const identityCenterViewSchema = z
  .object({
    instance: z
      .object({
        instanceArn: z.string(),
        identityStoreId: z.string(),
        name: z.string(),
        region: z.string(),
        owner: accountRefOut,
        /** Delegated administrators for sso.amazonaws.com (they administer the instance too). */
        delegatedAdministrators: z.array(accountRefOut),
      })
      .strict()
      .nullable(),
    users: z.array(z.object({ userId: z.string(), userName: z.string(), displayName: z.string(), email: z.string().nullable(), groups: z.array(z.string()) }).strict()),
    groups: z.array(z.object({ groupId: z.string(), displayName: z.string(), description: z.string(), members: z.array(z.string()) }).strict()),
    permissionSets: z.array(
      z
        .object({
          arn: z.string(),
          name: z.string(),
          description: z.string(),
          sessionDuration: z.string(),
          relayState: z.string().nullable(),
          managedPolicyArns: z.array(z.string()),
          customerManagedPolicies: z.array(referenceOut),
          inlinePolicy: z.string().nullable(),
          permissionsBoundary: z.object({ managedPolicyArn: z.string().optional(), customerManagedPolicyReference: referenceOut.optional() }).strict().nullable(),
        })
        .strict(),
    ),
    assignments: z.array(
      z
        .object({
          permissionSetArn: z.string(),
          permissionSetName: z.string(),
          accountId: z.string(),
          accountName: z.string(),
          principalType: principalTypeSchema,
          principalId: z.string(),
          principalName: z.string(),
        })
        .strict(),
    ),
    /** AWS-managed policies the design holds: the ones AttachManagedPolicyToPermissionSet accepts here. */
    awsManagedPolicies: z.array(z.object({ arn: z.string(), name: z.string() }).strict()),
    /** One entry per (permission set, account) with an assignment: the role and whether it could be created. */
    provisioning: z.array(
      z
        .object({
          permissionSetArn: z.string(),
          accountId: z.string(),
          roleName: z.string(),
          roleArn: z.string(),
          status: z.enum(['SUCCEEDED', 'FAILED']),
          failureReason: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();
/** The Identity Center panel's data. */
export type IdentityCenterView = z.infer<typeof identityCenterViewSchema>;
