import 'server-only';
import { designRefInputSchema } from '../../schemas/design';
import { orgTreeSchema } from '../../schemas/org';
import { getOrgTree } from '../../services/org-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The organization of a design: its tree (root, OUs, accounts, attached policy counts). */
export const orgRouter = createTRPCRouter({
  tree: publicProcedure
    .input(designRefInputSchema)
    .output(orgTreeSchema)
    .query(({ ctx, input }) => getOrgTree(ctx.db, input.designId)),
});
