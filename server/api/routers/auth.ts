import 'server-only';
import {
  authSessionSchema, createdShareLinkSchema, createShareLinkInputSchema, designMemberListSchema, designRoleOutputSchema,
  removeMemberInputSchema, revokeShareLinkInputSchema, setMemberInputSchema, shareLinkListSchema, shareLinkSchema,
} from '../../schemas/auth';
import { designRefInputSchema } from '../../schemas/design';
import { describeSession, myDesignRole } from '../../services/auth/session-view';
import { listDesignMembers, removeDesignMember, setDesignMember } from '../../services/auth/members-service';
import { createDesignShareLink, listDesignShareLinks, revokeDesignShareLink } from '../../services/auth/share-links-service';
import { currentAuthMode } from '../context';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Who is asking, and their role on a design (sign-in and sign-out are HTTP routes: they set cookies). */
export const authRouter = createTRPCRouter({
  session: publicProcedure.output(authSessionSchema).query(({ ctx }) => describeSession(currentAuthMode(), ctx.actor)),
  designRole: publicProcedure.input(designRefInputSchema).output(designRoleOutputSchema).query(({ ctx, input }) => myDesignRole(ctx.db, ctx.actor, input.designId)),
});

/** A design's members: list (any role), give a role or remove (owners; anyone may leave). */
export const membersRouter = createTRPCRouter({
  list: publicProcedure.input(designRefInputSchema).output(designMemberListSchema).query(({ ctx, input }) => listDesignMembers(ctx.db, ctx.actor, input.designId)),
  set: publicProcedure.input(setMemberInputSchema).output(designMemberListSchema).mutation(({ ctx, input }) => setDesignMember(ctx.db, ctx.actor, input)),
  remove: publicProcedure.input(removeMemberInputSchema).output(designMemberListSchema).mutation(({ ctx, input }) => removeDesignMember(ctx.db, ctx.actor, input)),
});

/** Read-only share links of a design (owners). */
export const shareLinksRouter = createTRPCRouter({
  list: publicProcedure.input(designRefInputSchema).output(shareLinkListSchema).query(({ ctx, input }) => listDesignShareLinks(ctx.db, ctx.actor, input.designId)),
  create: publicProcedure.input(createShareLinkInputSchema).output(createdShareLinkSchema).mutation(({ ctx, input }) => createDesignShareLink(ctx.db, ctx.actor, input)),
  revoke: publicProcedure.input(revokeShareLinkInputSchema).output(shareLinkSchema).mutation(({ ctx, input }) => revokeDesignShareLink(ctx.db, ctx.actor, input)),
});
