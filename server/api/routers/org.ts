import 'server-only';
import { z } from 'zod';
import { cardPositionsSchema, pinCardsInputSchema, unpinCardsInputSchema } from '../../schemas/card-positions';
import { designRefInputSchema } from '../../schemas/design';
import type { OrgTree } from '../../schemas/org';
import { isOrgTreeSnapshot } from '../../schemas/org-tree-wire';
import { getCardPositions, pinCards, unpinCards } from '../../services/card-position-service';
import { getOrgTree } from '../../services/org-service';
import { orgSubtreeInputSchema, orgSubtreeSchema } from '../../schemas/org-subtree';
import { getOrgSubtree } from '../../services/org-subtree';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The organization of a design: its tree (root, OUs, accounts, attached policy counts) and pinned card positions. */
export const orgRouter = createTRPCRouter({
  tree: publicProcedure
    .input(designRefInputSchema)
    // A snapshot was checked against orgTreeSchema once, when its revision was first read (snapshotOrgTree);
    // parsing it again per request would copy 5,000 accounts, and the copy would lose its compact form.
    .output(z.custom<OrgTree>(isOrgTreeSnapshot, 'an org tree snapshot'))
    .query(({ ctx, input }) => getOrgTree(ctx.db, input.designId)),

  /** One root or OU's children, a page at a time (OUs with what they hold below, then accounts). */
  subtree: publicProcedure
    .input(orgSubtreeInputSchema)
    .output(orgSubtreeSchema)
    .query(({ ctx, input }) => getOrgSubtree(ctx.db, input)),

  /** Cards the user pinned on the canvas (outside the history: see card-position-service). */
  cardPositions: publicProcedure
    .input(designRefInputSchema)
    .output(cardPositionsSchema)
    .query(({ ctx, input }) => getCardPositions(ctx.db, input.designId)),

  pinCards: publicProcedure
    .input(pinCardsInputSchema)
    .output(cardPositionsSchema)
    .mutation(({ ctx, input }) => pinCards(ctx.db, input)),

  unpinCards: publicProcedure
    .input(unpinCardsInputSchema)
    .output(cardPositionsSchema)
    .mutation(({ ctx, input }) => unpinCards(ctx.db, input)),
});
