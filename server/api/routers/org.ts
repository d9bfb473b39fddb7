import 'server-only';
import { z } from 'zod';
import { designRefInputSchema } from '../../schemas/design';
import type { OrgTree } from '../../schemas/org';
import { isOrgTreeSnapshot } from '../../schemas/org-tree-wire';
import { getOrgTree } from '../../services/org-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The organization of a design: its tree (root, OUs, accounts, attached policy counts). */
export const orgRouter = createTRPCRouter({
  tree: publicProcedure
    .input(designRefInputSchema)
    // A snapshot was checked against orgTreeSchema once, when its revision was first read (snapshotOrgTree);
    // parsing it again per request would copy 5,000 accounts, and the copy would lose its compact form.
    .output(z.custom<OrgTree>(isOrgTreeSnapshot, 'an org tree snapshot'))
    .query(({ ctx, input }) => getOrgTree(ctx.db, input.designId)),
});
