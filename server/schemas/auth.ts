// Sign-in, design members and share links: schemas shared by the API and the browser's forms (imports only zod).
import { z } from 'zod';
import { designIdSchema, designRoleSchema } from './design';
import { refuseUnsafeText } from './text';

/** The readable cookie holding the session's anti-CSRF token (the browser echoes it in the x-lzsim-csrf header). */
export const CSRF_COOKIE_NAME = 'lzsim_csrf';
/** The header mutations carry the anti-CSRF token in. */
export const CSRF_HEADER_NAME = 'x-lzsim-csrf';

export { designRoleSchema };
/** A per-design role. */
export type DesignRole = z.infer<typeof designRoleSchema>;

/** A user name as people type it. */
export const usernameSchema = z.string().trim().superRefine(refuseUnsafeText()).min(1, { error: 'User name is required.' }).max(64);

/** Output of auth.session: how this server signs people in and who this request is. */
export const authSessionSchema = z.object({
  mode: z.enum(['off', 'local', 'oidc']),
  user: z.object({ username: z.string(), displayName: z.string(), isAdmin: z.boolean() }).nullable(),
  /** Set when the request views a design through a share link. */
  sharedDesignId: z.string().nullable(),
});

/** Output of auth.designRole: the caller's role on one design and what it allows. */
export const designRoleOutputSchema = z.object({
  role: designRoleSchema,
  canEdit: z.boolean(),
  canManage: z.boolean(),
  /** The caller holds a read-only share link (not a member): the browser says so where it disables an edit. */
  viaShareLink: z.boolean(),
});

/** One member of a design. */
export const designMemberSchema = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), role: designRoleSchema });
/** A design's members. */
export const designMemberListSchema = z.array(designMemberSchema);

/** Input of members.set. */
export const setMemberInputSchema = z.object({ designId: designIdSchema, username: usernameSchema, role: designRoleSchema });
/** Input of members.remove. */
export const removeMemberInputSchema = z.object({ designId: designIdSchema, username: usernameSchema });

/** A share link as owners see it (never its secret, except once in shareLinks.create's path). */
export const shareLinkSchema = z.object({
  id: z.string(),
  designId: z.string(),
  label: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});
/** A design's share links. */
export const shareLinkListSchema = z.array(shareLinkSchema);
/** Output of shareLinks.create: the link and its path with the secret, shown once. */
export const createdShareLinkSchema = shareLinkSchema.extend({ path: z.string() });

/** Input of shareLinks.create. */
export const createShareLinkInputSchema = z.object({
  designId: designIdSchema,
  label: z.string().trim().superRefine(refuseUnsafeText()).max(80, { error: 'Label must be at most 80 characters.' }).optional(),
});
/** Input of shareLinks.revoke. */
export const revokeShareLinkInputSchema = z.object({ designId: designIdSchema, linkId: z.string().trim().min(1).max(64) });
