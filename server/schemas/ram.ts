// Inputs and outputs of the AWS RAM operations (API reference: docs.aws.amazon.com/ram/latest/APIReference/),
// shared by the API and the browser: this module imports only zod and sibling schemas. The rules RAM checks against
// the design (who is in the organization, which types may go where) live in server/services/ram.
import { z } from 'zod';
import { designIdSchema } from './design';
import { entityRefSchema, mutationBaseSchema, tagSchema } from './organizations';
import { refuseUnsafeText } from './text';

const arnText = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'An ARN is required.' }).max(2048);
/** A share principal: account id, organization/OU/IAM ARN or service principal (checked by the service). */
const principalText = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'A principal is required.' }).max(2048);
/** A resource share name (CreateResourceShare name: a string; RAM's console allows up to 255 characters). */
export const resourceShareNameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'Name is required.' }).max(255, { error: 'Name must be at most 255 characters.' });
/** An AWS Region code. */
const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'A Region is like us-east-1.' });

/** ram.enableSharingWithAwsOrganization: the caller is the management account unless another is named. */
export const enableSharingInputSchema = mutationBaseSchema.extend({ callerAccountId: entityRefSchema.optional() });

/** ram.createResourceShare */
export const createResourceShareInputSchema = mutationBaseSchema.extend({
  /** The owning account (row id or 12-digit id): RAM acts in the caller's account. */
  ownerAccountId: entityRefSchema,
  name: resourceShareNameSchema,
  region: regionSchema.optional(),
  /** AWS's default is true. */
  allowExternalPrincipals: z.boolean().optional(),
  tags: z.array(tagSchema).max(50).optional(),
  resourceArns: z.array(arnText).optional(),
  principals: z.array(principalText).optional(),
  permissionArns: z.array(arnText).optional(),
});

/** ram.updateResourceShare */
export const updateResourceShareInputSchema = mutationBaseSchema.extend({
  resourceShareArn: entityRefSchema,
  name: resourceShareNameSchema.optional(),
  allowExternalPrincipals: z.boolean().optional(),
});

/** ram.deleteResourceShare */
export const resourceShareRefInputSchema = mutationBaseSchema.extend({ resourceShareArn: entityRefSchema });

/** ram.associateResourceShare / ram.disassociateResourceShare */
export const associateResourceShareInputSchema = mutationBaseSchema.extend({
  resourceShareArn: entityRefSchema,
  resourceArns: z.array(arnText).optional(),
  principals: z.array(principalText).optional(),
});

/** ram.associateResourceSharePermission */
export const associatePermissionInputSchema = mutationBaseSchema.extend({
  resourceShareArn: entityRefSchema,
  permissionArn: arnText,
  permissionVersion: z.number().int().positive().optional(),
  /** Required to replace the permission a resource type already has. */
  replace: z.boolean().optional(),
});

/** A customer managed permission's policy template: JSON text of one statement body (checked by the service). */
const policyTemplateText = z.string().min(2, { error: 'A policy template is required.' }).max(20_480, { error: 'A policy template is at most 20,480 characters.' });

/** ram.createPermission */
export const createPermissionInputSchema = mutationBaseSchema.extend({
  /** The owning account (row id or 12-digit id). */
  ownerAccountId: entityRefSchema,
  name: z.string().trim().min(1, { error: 'A name is required.' }).max(36, { error: 'A permission name is at most 36 characters.' }),
  resourceType: z.string().trim().min(3).max(128),
  policyTemplate: policyTemplateText,
  region: regionSchema.optional(),
  tags: z.array(tagSchema).max(50).optional(),
});

/** ram.createPermissionVersion */
export const createPermissionVersionInputSchema = mutationBaseSchema.extend({ permissionArn: arnText, policyTemplate: policyTemplateText });

/** ram.setDefaultPermissionVersion */
export const setDefaultPermissionVersionInputSchema = mutationBaseSchema.extend({ permissionArn: arnText, permissionVersion: z.number().int().positive() });

/** ram.deletePermission */
export const deletePermissionInputSchema = mutationBaseSchema.extend({ permissionArn: arnText });

/** ram.acceptResourceShareInvitation / ram.rejectResourceShareInvitation */
export const invitationInputSchema = mutationBaseSchema.extend({ resourceShareInvitationArn: arnText });

/** ram.overview */
export const ramOverviewInputSchema = z.object({ designId: designIdSchema });
/** ram.sharedWithAccount */
export const sharedWithAccountInputSchema = z.object({ designId: designIdSchema, accountId: entityRefSchema });

const associationStatus = z.enum(['ASSOCIATING', 'ASSOCIATED', 'FAILED', 'DISASSOCIATING', 'DISASSOCIATED']);
const invitationStatus = z.enum(['PENDING', 'ACCEPTED', 'REJECTED', 'EXPIRED']);
const principalKind = z.enum(['ACCOUNT', 'ORGANIZATION', 'ORGANIZATIONAL_UNIT', 'IAM_ROLE', 'IAM_USER', 'SERVICE']);

/** A share principal association as the views show it. */
export const sharePrincipalSchema = z.object({
  principal: z.string(),
  principalType: principalKind,
  status: associationStatus,
  /** Outside the owner's organization (AWS's `external` of ListPrincipals). */
  external: z.boolean(),
  invitationArn: z.string().nullable(),
  invitationStatus: invitationStatus.nullable(),
  statusMessage: z.string().nullable(),
});

/** One account a share reaches (expanded from its associated principals). */
export const shareRecipientSchema = z.object({
  accountId: z.string(),
  accountName: z.string().nullable(),
  via: z.string(),
  viaKind: principalKind,
  principalArn: z.string().optional(),
  external: z.boolean(),
});

/** A resource share with its associations. */
export const resourceShareSchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  region: z.string(),
  owningAccountId: z.string(),
  owningAccountName: z.string(),
  allowExternalPrincipals: z.boolean(),
  status: z.enum(['PENDING', 'ACTIVE', 'FAILED', 'DELETING', 'DELETED']),
  tags: z.array(tagSchema),
  createdAt: z.date(),
  resources: z.array(z.object({ arn: z.string(), type: z.string() })),
  principals: z.array(sharePrincipalSchema),
  permissions: z.array(z.object({
    resourceType: z.string(),
    permissionArn: z.string(),
    permissionName: z.string(),
    permissionVersion: z.number().int(),
    defaultVersion: z.boolean(),
  })),
  /** Accounts reached through ASSOCIATED principals (pending invitations reach nobody yet). */
  recipients: z.array(shareRecipientSchema),
  /** Some principal is outside the organization (associated or invited). */
  hasExternalPrincipals: z.boolean(),
});
/** A resource share with its associations. */
export type ResourceShareView = z.infer<typeof resourceShareSchema>;

/** A customer managed permission with its versions, and the shares that hold it (ListPermissions + GetPermission). */
export const customerPermissionSchema = z.object({
  arn: z.string(),
  name: z.string(),
  ownerAccountId: z.string(),
  region: z.string(),
  resourceType: z.string(),
  defaultVersion: z.number().int(),
  versions: z.array(z.object({ version: z.number().int(), policyTemplate: z.string(), createdAt: z.string() })),
  /** The shares using it, with the version each holds. */
  usedBy: z.array(z.object({ resourceShareArn: z.string(), resourceShareName: z.string(), version: z.number().int() })),
});
/** A customer managed permission as the views show it. */
export type CustomerPermissionView = z.infer<typeof customerPermissionSchema>;

/** ram.overview result. */
export const ramOverviewSchema = z.object({
  sharingWithOrganizationEnabled: z.boolean(),
  organizationArn: z.string().nullable(),
  shares: z.array(resourceShareSchema),
  customerPermissions: z.array(customerPermissionSchema),
});

/** ram.sharedWithAccount result: what the account can use, from whom, under which permission. */
export const sharedWithAccountSchema = z.object({
  accountId: z.string(),
  entries: z.array(z.object({
    resourceShareArn: z.string(),
    resourceShareName: z.string(),
    owningAccountId: z.string(),
    owningAccountName: z.string(),
    resourceArn: z.string(),
    resourceType: z.string(),
    permissionArn: z.string().nullable(),
    permissionName: z.string().nullable(),
    via: z.string(),
    /** Where the account stands: ASSOCIATED (can use it) or ASSOCIATING (invitation pending). */
    status: associationStatus,
    invitationArn: z.string().nullable(),
  })),
});

/** ram.shareScpStops result: per share and recipient account, what its SCPs and the owner's RCPs leave of the share's permission actions. */
export const shareScpStopsSchema = z.object({
  revision: z.number().int(),
  shares: z.array(z.object({
    shareArn: z.string(),
    recipients: z.array(z.object({
      accountId: z.string(),
      /** none: every action stays allowed; some / all: its SCPs deny some / all; conditional: it depends. */
      stop: z.enum(['none', 'some', 'all', 'conditional']),
      stopped: z.array(z.object({
        action: z.string(),
        resourceType: z.string(),
        decision: z.enum(['denied', 'deniedExcept']),
        policyName: z.string().optional(),
        levelName: z.string(),
        kind: z.enum(['explicitDeny', 'noAllow', 'serviceRule']),
        /** The recipient's SCPs, or the owner's RCPs (they apply to the resource's account). */
        policyType: z.enum(['SCP', 'RCP']),
        /** The shared resource it was decided on, when the answer needed it. */
        resourceArn: z.string().optional(),
      })),
      conditional: z.array(z.string()),
      note: z.string().optional(),
      /** Outside the owner's organization: never under its SCPs. */
      external: z.boolean(),
      /** Why the owner's RCPs cannot bear on the share, when they cannot. */
      rcpNote: z.string().optional(),
    })),
  })),
});
/** ram.shareScpStops result. */
export type ShareScpStops = z.infer<typeof shareScpStopsSchema>;

/** ram.shareableTypes result. */
export const shareableTypesSchema = z.array(z.object({
  type: z.string(),
  service: z.string(),
  resource: z.string(),
  shareWithIamPrincipals: z.boolean(),
  shareOutsideOrganization: z.boolean(),
  customerManagedPermissions: z.boolean(),
  shareWithServicePrincipals: z.boolean(),
  defaultPermissionName: z.string(),
  defaultPermissionArn: z.string(),
  defaultPermissionActions: z.array(z.string()),
}));

// What each RAM edit returns: the new revision and what it touched, one exact schema per operation.
const ramRevision = z.number().int().positive();
const ramCount = z.number().int().nonnegative();
/** enableSharingWithAwsOrganization: RAM's returnValue. */
export const ramEnableSharingResultSchema = z.object({ revision: ramRevision, returnValue: z.boolean() }).strict();
/** createResourceShare, updateResourceShare: the share's ARN. */
export const ramShareResultSchema = z.object({ revision: ramRevision, resourceShareArn: z.string() }).strict();
/** deleteResourceShare, associateResourceSharePermission: the share's ARN and RAM's returnValue. */
export const ramShareReturnValueSchema = z.object({ revision: ramRevision, resourceShareArn: z.string(), returnValue: z.boolean() }).strict();
/** associateResourceShare: how many resources and principals were added. */
export const ramAssociatedSchema = z.object({ revision: ramRevision, resourceShareArn: z.string(), resourcesAdded: ramCount, principalsAdded: ramCount }).strict();
/** disassociateResourceShare: how many resources and principals were removed. */
export const ramDisassociatedSchema = z.object({ revision: ramRevision, resourceShareArn: z.string(), resourcesRemoved: ramCount, principalsRemoved: ramCount }).strict();
/** acceptResourceShareInvitation, rejectResourceShareInvitation: the invitation now. */
export const ramInvitationResultSchema = z.object({
  revision: ramRevision,
  resourceShareInvitation: z.object({ resourceShareInvitationArn: z.string(), resourceShareArn: z.string().nullable(), status: z.string() }).strict(),
}).strict();
/** createPermission, createPermissionVersion, setDefaultPermissionVersion: the permission and the version concerned. */
export const ramPermissionResultSchema = z.object({ revision: ramRevision, permissionArn: z.string(), version: z.number().int().positive() }).strict();
/** deletePermission: the permission and RAM's returnValue. */
export const ramPermissionDeletedSchema = z.object({ revision: ramRevision, permissionArn: z.string(), returnValue: z.boolean() }).strict();
