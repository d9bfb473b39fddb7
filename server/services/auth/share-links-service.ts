import 'server-only';
import * as store from '../../db/access-control';
import type { ShareLinkDto } from '../../db/access-control';
import type { Db } from '../../db/client';
import { DomainError } from '../domain-error';
import type { Actor } from './actor';
import { requireDesignAccess } from './design-access';
import { hashSecret, newSecret } from './secrets';

// Read-only share links: /share/<secret> lets whoever holds it view one design without an account, until an owner
// revokes it. The secret is shown once, when the link is made; the database keeps its SHA-256 only.

/** Fails when authentication is off: with nobody signing in, everyone may already read everything. */
function requireAuthentication(actor: Actor): void {
  if (actor.kind === 'machine') {
    throw new DomainError('CONSTRAINT_VIOLATION', 'Authentication is off (LZSIM_AUTH): share links only matter when people sign in.');
  }
}

/** A design's share links; owners only. */
export async function listDesignShareLinks(db: Db, actor: Actor, designId: string): Promise<ShareLinkDto[]> {
  await requireDesignAccess(db, actor, designId, 'manage');
  return store.listShareLinks(db, designId);
}

/** Makes a read-only link; returns it with its secret path (shown once). Owners only. */
export async function createDesignShareLink(db: Db, actor: Actor, input: { designId: string; label?: string }): Promise<ShareLinkDto & { path: string }> {
  requireAuthentication(actor);
  await requireDesignAccess(db, actor, input.designId, 'manage');
  const secret = newSecret();
  const link = await store.createShareLink(db, {
    designId: input.designId,
    tokenHash: hashSecret(secret),
    label: input.label ?? '',
    createdById: actor.kind === 'user' ? actor.user.id : null,
  });
  return { ...link, path: `/share/${secret}` };
}

/** Revokes a link: every view made through it ends at its next request. Owners only. */
export async function revokeDesignShareLink(db: Db, actor: Actor, input: { designId: string; linkId: string }): Promise<ShareLinkDto> {
  await requireDesignAccess(db, actor, input.designId, 'manage');
  const link = await store.revokeShareLink(db, input.designId, input.linkId, new Date());
  if (!link) throw new DomainError('NOT_FOUND', `This design has no share link "${input.linkId}".`);
  return link;
}

/** What a share-link secret opens: its design, or why not. */
export type ShareLinkResolution = { ok: true; designId: string; linkId: string } | { ok: false; reason: 'unknown' | 'revoked' };

/** Looks a share-link secret up. */
export async function resolveShareLink(db: Db, secret: string): Promise<ShareLinkResolution> {
  if (!secret || secret.length > 200) return { ok: false, reason: 'unknown' };
  const link = await store.findShareLink(db, hashSecret(secret));
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.revokedAt) return { ok: false, reason: 'revoked' };
  return { ok: true, designId: link.designId, linkId: link.id };
}
