import 'server-only';
import { accountRefInputSchema, createAccountInputSchema, inviteAccountInputSchema, moveAccountInputSchema, putAccountPublicAccessBlockInputSchema, renameAccountInputSchema, setAccountOtherOrganizationInputSchema } from '../../schemas/organizations';
import { acceptInvitation, createAccount, declineInvitation, inviteAccount, moveAccount, removeAccount, putAccountPublicAccessBlock, renameAccount, setAccountOtherOrganization } from '../../services/organizations';
import { accountDetailsInputSchema, accountDetailsSchema, designVpcEndpointsSchema, outsideAccountsSchema } from '../../schemas/account-details';
import { designRefInputSchema } from '../../schemas/design';
import { accountDetails, designVpcEndpoints, outsideAccounts } from '../../services/account-details-service';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { accountResultSchema } from '../../schemas/organization-outputs';

/** Accounts: details (IAM, role trust, effective management policies, VPC endpoints), those outside the organization, the design's VPC endpoints, create, invite (accept/decline the handshake), move, remove from the organization, the other organization an outside account is in, and S3 Block Public Access. */
export const accountRouter = createTRPCRouter({
  details: publicProcedure.input(accountDetailsInputSchema).output(accountDetailsSchema).query(({ ctx, input }) => accountDetails(ctx.db, input.designId, input.accountId)),
  outside: publicProcedure.input(designRefInputSchema).output(outsideAccountsSchema).query(({ ctx, input }) => outsideAccounts(ctx.db, input.designId)),
  vpcEndpoints: publicProcedure.input(designRefInputSchema).output(designVpcEndpointsSchema).query(({ ctx, input }) => designVpcEndpoints(ctx.db, input.designId)),
  create: publicProcedure.input(createAccountInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => createAccount(ctx.db, input)),
  invite: publicProcedure.input(inviteAccountInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => inviteAccount(ctx.db, input)),
  acceptInvitation: publicProcedure.input(accountRefInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
  declineInvitation: publicProcedure.input(accountRefInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => declineInvitation(ctx.db, input)),
  rename: publicProcedure.input(renameAccountInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => renameAccount(ctx.db, input)),
  move: publicProcedure.input(moveAccountInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => moveAccount(ctx.db, input)),
  remove: publicProcedure.input(accountRefInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => removeAccount(ctx.db, input)),
  putPublicAccessBlock: publicProcedure.input(putAccountPublicAccessBlockInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => putAccountPublicAccessBlock(ctx.db, input)),
  setOtherOrganization: publicProcedure.input(setAccountOtherOrganizationInputSchema).output(accountResultSchema).mutation(({ ctx, input }) => setAccountOtherOrganization(ctx.db, input)),
});
