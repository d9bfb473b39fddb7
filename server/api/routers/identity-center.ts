import 'server-only';
import {
  accountAssignmentInputSchema,
  createIdentityStoreGroupInputSchema,
  createIdentityStoreUserInputSchema,
  createPermissionSetInputSchema,
  enableIdentityCenterInputSchema,
  groupMembershipRefInputSchema,
  identityCenterEditResultSchema,
  identityCenterViewInputSchema,
  identityCenterViewSchema,
  identityStoreGroupRefInputSchema,
  identityStoreUserRefInputSchema,
  permissionSetCustomerPolicyInputSchema,
  permissionSetManagedPolicyInputSchema,
  permissionSetRefInputSchema,
  putPermissionSetBoundaryInputSchema,
  putPermissionSetInlinePolicyInputSchema,
  updatePermissionSetInputSchema,
  validatePermissionSetInlinePolicyInputSchema,
} from '../../schemas/identity-center';
import { validatePolicyOutputSchema } from '../../schemas/policy-library';
import * as ic from '../../services/identity-center';
import { createTRPCRouter, publicProcedure } from '../trpc';

const edit = publicProcedure.output(identityCenterEditResultSchema);

/** IAM Identity Center: the panel's view, and the sso-admin / identitystore operations on the organization instance. */
export const identityCenterRouter = createTRPCRouter({
  view: publicProcedure.input(identityCenterViewInputSchema).output(identityCenterViewSchema).query(({ ctx, input }) => ic.identityCenterView(ctx.db, input.designId)),
  // A mutation only for transport, like iam.validate: drafts do not fit in a GET URL. It saves nothing.
  validateInlinePolicy: publicProcedure
    .input(validatePermissionSetInlinePolicyInputSchema)
    .output(validatePolicyOutputSchema)
    .mutation(({ input }) => ic.validatePermissionSetInlinePolicy(input.content)),
  enable: edit.input(enableIdentityCenterInputSchema).mutation(({ ctx, input }) => ic.enableIdentityCenter(ctx.db, input)),
  createUser: edit.input(createIdentityStoreUserInputSchema).mutation(({ ctx, input }) => ic.createIdentityStoreUser(ctx.db, input)),
  deleteUser: edit.input(identityStoreUserRefInputSchema).mutation(({ ctx, input }) => ic.deleteIdentityStoreUser(ctx.db, input)),
  createGroup: edit.input(createIdentityStoreGroupInputSchema).mutation(({ ctx, input }) => ic.createIdentityStoreGroup(ctx.db, input)),
  deleteGroup: edit.input(identityStoreGroupRefInputSchema).mutation(({ ctx, input }) => ic.deleteIdentityStoreGroup(ctx.db, input)),
  createGroupMembership: edit.input(groupMembershipRefInputSchema).mutation(({ ctx, input }) => ic.createGroupMembership(ctx.db, input)),
  deleteGroupMembership: edit.input(groupMembershipRefInputSchema).mutation(({ ctx, input }) => ic.deleteGroupMembership(ctx.db, input)),
  createPermissionSet: edit.input(createPermissionSetInputSchema).mutation(({ ctx, input }) => ic.createPermissionSet(ctx.db, input)),
  updatePermissionSet: edit.input(updatePermissionSetInputSchema).mutation(({ ctx, input }) => ic.updatePermissionSet(ctx.db, input)),
  deletePermissionSet: edit.input(permissionSetRefInputSchema).mutation(({ ctx, input }) => ic.deletePermissionSet(ctx.db, input)),
  attachManagedPolicy: edit.input(permissionSetManagedPolicyInputSchema).mutation(({ ctx, input }) => ic.attachManagedPolicyToPermissionSet(ctx.db, input)),
  detachManagedPolicy: edit.input(permissionSetManagedPolicyInputSchema).mutation(({ ctx, input }) => ic.detachManagedPolicyFromPermissionSet(ctx.db, input)),
  attachCustomerManagedPolicyReference: edit.input(permissionSetCustomerPolicyInputSchema).mutation(({ ctx, input }) => ic.attachCustomerManagedPolicyReference(ctx.db, input)),
  detachCustomerManagedPolicyReference: edit.input(permissionSetCustomerPolicyInputSchema).mutation(({ ctx, input }) => ic.detachCustomerManagedPolicyReference(ctx.db, input)),
  putInlinePolicy: edit.input(putPermissionSetInlinePolicyInputSchema).mutation(({ ctx, input }) => ic.putInlinePolicyToPermissionSet(ctx.db, input)),
  deleteInlinePolicy: edit.input(permissionSetRefInputSchema).mutation(({ ctx, input }) => ic.deleteInlinePolicyFromPermissionSet(ctx.db, input)),
  putPermissionsBoundary: edit.input(putPermissionSetBoundaryInputSchema).mutation(({ ctx, input }) => ic.putPermissionsBoundaryToPermissionSet(ctx.db, input)),
  deletePermissionsBoundary: edit.input(permissionSetRefInputSchema).mutation(({ ctx, input }) => ic.deletePermissionsBoundaryFromPermissionSet(ctx.db, input)),
  createAccountAssignment: edit.input(accountAssignmentInputSchema).mutation(({ ctx, input }) => ic.createAccountAssignment(ctx.db, input)),
  deleteAccountAssignment: edit.input(accountAssignmentInputSchema).mutation(({ ctx, input }) => ic.deleteAccountAssignment(ctx.db, input)),
});
