import 'server-only';
import {
  createGroupInputSchema,
  createManagedPolicyInputSchema,
  createPolicyVersionInputSchema,
  createRoleInputSchema,
  createUserInputSchema,
  deleteInlinePolicyInputSchema,
  deletePermissionsBoundaryInputSchema,
  groupMembershipInputSchema,
  groupRefInputSchema,
  iamAccountInputSchema,
  iamAccountSchema,
  iamAttachmentInputSchema,
  iamEditResultSchema,
  iamTagResourceInputSchema,
  iamUntagResourceInputSchema,
  managedPolicyRefInputSchema,
  policyVersionInputSchema,
  putInlinePolicyInputSchema,
  putPermissionsBoundaryInputSchema,
  roleRefInputSchema,
  updateAssumeRolePolicyInputSchema,
  updateGroupInputSchema,
  updateRoleInputSchema,
  updateUserInputSchema,
  userRefInputSchema,
  validateIamDraftInputSchema,
} from '../../schemas/iam';
import { iamGroupPageSchema, iamListInputSchema, iamPolicyPageSchema, iamRolePageSchema, iamUserPageSchema } from '../../schemas/iam-lists';
import { validatePolicyOutputSchema } from '../../schemas/policy-library';
import * as iam from '../../services/iam';
import { createTRPCRouter, publicProcedure } from '../trpc';

const edit = publicProcedure.output(iamEditResultSchema);

/** IAM in an account: read it for editing, validate a draft, and every create/update/delete AWS's IAM API offers for users, groups, roles and policies. */
export const iamRouter = createTRPCRouter({
  account: publicProcedure.input(iamAccountInputSchema).output(iamAccountSchema).query(({ ctx, input }) => iam.iamAccount(ctx.db, input.designId, input.accountId)),
  // The panel's lists a page at a time, by name, with a search: an account may hold thousands of roles.
  roles: publicProcedure.input(iamListInputSchema).output(iamRolePageSchema).query(({ ctx, input }) => iam.listIamRoles(ctx.db, input)),
  users: publicProcedure.input(iamListInputSchema).output(iamUserPageSchema).query(({ ctx, input }) => iam.listIamUsers(ctx.db, input)),
  groups: publicProcedure.input(iamListInputSchema).output(iamGroupPageSchema).query(({ ctx, input }) => iam.listIamGroups(ctx.db, input)),
  policies: publicProcedure.input(iamListInputSchema).output(iamPolicyPageSchema).query(({ ctx, input }) => iam.listIamPolicies(ctx.db, input)),
  // A mutation only for transport, like policy.validate: drafts do not fit in a GET URL. It saves nothing.
  validate: publicProcedure.input(validateIamDraftInputSchema).output(validatePolicyOutputSchema).mutation(({ ctx, input }) => iam.validateIamDraft(ctx.db, input)),
  createRole: edit.input(createRoleInputSchema).mutation(({ ctx, input }) => iam.createRole(ctx.db, input)),
  updateRole: edit.input(updateRoleInputSchema).mutation(({ ctx, input }) => iam.updateRole(ctx.db, input)),
  updateAssumeRolePolicy: edit.input(updateAssumeRolePolicyInputSchema).mutation(({ ctx, input }) => iam.updateAssumeRolePolicy(ctx.db, input)),
  deleteRole: edit.input(roleRefInputSchema).mutation(({ ctx, input }) => iam.deleteRole(ctx.db, input)),
  createUser: edit.input(createUserInputSchema).mutation(({ ctx, input }) => iam.createUser(ctx.db, input)),
  updateUser: edit.input(updateUserInputSchema).mutation(({ ctx, input }) => iam.updateUser(ctx.db, input)),
  deleteUser: edit.input(userRefInputSchema).mutation(({ ctx, input }) => iam.deleteUser(ctx.db, input)),
  createGroup: edit.input(createGroupInputSchema).mutation(({ ctx, input }) => iam.createGroup(ctx.db, input)),
  updateGroup: edit.input(updateGroupInputSchema).mutation(({ ctx, input }) => iam.updateGroup(ctx.db, input)),
  deleteGroup: edit.input(groupRefInputSchema).mutation(({ ctx, input }) => iam.deleteGroup(ctx.db, input)),
  addUserToGroup: edit.input(groupMembershipInputSchema).mutation(({ ctx, input }) => iam.addUserToGroup(ctx.db, input)),
  removeUserFromGroup: edit.input(groupMembershipInputSchema).mutation(({ ctx, input }) => iam.removeUserFromGroup(ctx.db, input)),
  createPolicy: edit.input(createManagedPolicyInputSchema).mutation(({ ctx, input }) => iam.createManagedPolicy(ctx.db, input)),
  deletePolicy: edit.input(managedPolicyRefInputSchema).mutation(({ ctx, input }) => iam.deleteManagedPolicy(ctx.db, input)),
  createPolicyVersion: edit.input(createPolicyVersionInputSchema).mutation(({ ctx, input }) => iam.createPolicyVersion(ctx.db, input)),
  deletePolicyVersion: edit.input(policyVersionInputSchema).mutation(({ ctx, input }) => iam.deletePolicyVersion(ctx.db, input)),
  setDefaultPolicyVersion: edit.input(policyVersionInputSchema).mutation(({ ctx, input }) => iam.setDefaultPolicyVersion(ctx.db, input)),
  attachPolicy: edit.input(iamAttachmentInputSchema).mutation(({ ctx, input }) => iam.attachPrincipalPolicy(ctx.db, input)),
  detachPolicy: edit.input(iamAttachmentInputSchema).mutation(({ ctx, input }) => iam.detachPrincipalPolicy(ctx.db, input)),
  putInlinePolicy: edit.input(putInlinePolicyInputSchema).mutation(({ ctx, input }) => iam.putInlinePolicy(ctx.db, input)),
  deleteInlinePolicy: edit.input(deleteInlinePolicyInputSchema).mutation(({ ctx, input }) => iam.deleteInlinePolicy(ctx.db, input)),
  putPermissionsBoundary: edit.input(putPermissionsBoundaryInputSchema).mutation(({ ctx, input }) => iam.putPermissionsBoundary(ctx.db, input)),
  deletePermissionsBoundary: edit.input(deletePermissionsBoundaryInputSchema).mutation(({ ctx, input }) => iam.deletePermissionsBoundary(ctx.db, input)),
  tagResource: edit.input(iamTagResourceInputSchema).mutation(({ ctx, input }) => iam.tagIamResource(ctx.db, input)),
  untagResource: edit.input(iamUntagResourceInputSchema).mutation(({ ctx, input }) => iam.untagIamResource(ctx.db, input)),
});
