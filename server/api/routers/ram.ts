import 'server-only';
import {
  associatePermissionInputSchema,
  associateResourceShareInputSchema,
  createResourceShareInputSchema,
  enableSharingInputSchema,
  invitationInputSchema,
  ramMutationResultSchema,
  ramOverviewInputSchema,
  ramOverviewSchema,
  resourceShareRefInputSchema,
  shareableTypesSchema,
  shareScpStopsSchema,
  sharedWithAccountInputSchema,
  sharedWithAccountSchema,
  updateResourceShareInputSchema,
} from '../../schemas/ram';
import {
  acceptResourceShareInvitation,
  associateResourceShare,
  associateResourceSharePermission,
  createResourceShare,
  deleteResourceShare,
  disassociateResourceShare,
  enableSharingWithAwsOrganization,
  ramOverview,
  rejectResourceShareInvitation,
  shareableTypes,
  shareScpStops,
  sharedWithAccount,
  updateResourceShare,
} from '../../services/ram';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** AWS RAM: resource shares, their associations and permissions, invitations, sharing with AWS Organizations. */
export const ramRouter = createTRPCRouter({
  overview: publicProcedure.input(ramOverviewInputSchema).output(ramOverviewSchema).query(({ ctx, input }) => ramOverview(ctx.db, input.designId)),
  sharedWithAccount: publicProcedure.input(sharedWithAccountInputSchema).output(sharedWithAccountSchema).query(({ ctx, input }) => sharedWithAccount(ctx.db, input.designId, input.accountId)),
  shareScpStops: publicProcedure.input(ramOverviewInputSchema).output(shareScpStopsSchema).query(({ ctx, input }) => shareScpStops(ctx.db, input.designId)),
  shareableTypes: publicProcedure.output(shareableTypesSchema).query(() => shareableTypes()),
  enableSharingWithAwsOrganization: publicProcedure.input(enableSharingInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => enableSharingWithAwsOrganization(ctx.db, input)),
  createResourceShare: publicProcedure.input(createResourceShareInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => createResourceShare(ctx.db, input)),
  updateResourceShare: publicProcedure.input(updateResourceShareInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => updateResourceShare(ctx.db, input)),
  deleteResourceShare: publicProcedure.input(resourceShareRefInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => deleteResourceShare(ctx.db, input)),
  associateResourceShare: publicProcedure.input(associateResourceShareInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => associateResourceShare(ctx.db, input)),
  disassociateResourceShare: publicProcedure.input(associateResourceShareInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => disassociateResourceShare(ctx.db, input)),
  associateResourceSharePermission: publicProcedure.input(associatePermissionInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => associateResourceSharePermission(ctx.db, input)),
  acceptResourceShareInvitation: publicProcedure.input(invitationInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => acceptResourceShareInvitation(ctx.db, input)),
  rejectResourceShareInvitation: publicProcedure.input(invitationInputSchema).output(ramMutationResultSchema).mutation(({ ctx, input }) => rejectResourceShareInvitation(ctx.db, input)),
});
