import 'server-only';
import type { Db } from '../../db/client';
import { CSRF_COOKIE_NAME, CSRF_HEADER_NAME } from '../../schemas/auth';
import type { Actor } from './actor';
import type { AuthMode } from './auth-config';
import { resolveSession, csrfTokenMatches } from './sessions';
import { resolveShareLink } from './share-links-service';

// Who a request is, from its cookies. Cookies (all SameSite, Path=/):
//   lzsim_session  HTTP-only, SameSite=Lax: the session secret (Lax so that following a link to lzsim from
//                  another site, e.g. a chat message, arrives signed in; cross-site POSTs never carry it).
//   lzsim_csrf     readable by the page's script, SameSite=Strict: the session's anti-CSRF token, echoed in the
//                  x-lzsim-csrf header on every mutation (double submit, checked against the session row).
//   lzsim_share    HTTP-only, SameSite=Lax: a read-only share link's secret (set by /share/<secret>).

/** Cookie and header names. */
export const SESSION_COOKIE = 'lzsim_session';
export const CSRF_COOKIE = CSRF_COOKIE_NAME;
export const SHARE_COOKIE = 'lzsim_share';
export const CSRF_HEADER = CSRF_HEADER_NAME;

/** Whether a cookie-authenticated mutation proved it comes from our own page. */
export type CsrfState = 'verified' | 'missing' | 'not-required';

/** The actor and CSRF state of a request. */
export interface RequestIdentity {
  actor: Actor;
  csrf: CsrfState;
}

/**
 * Resolves the request's actor: the machine when authentication is off, else the session's user, else the share
 * link's viewer, else anonymous. `csrfHeader` is the x-lzsim-csrf header (null for server renders, which never
 * mutate).
 */
export async function identifyRequest(
  db: Db,
  mode: AuthMode,
  readCookie: (name: string) => string | undefined,
  csrfHeader: string | null,
): Promise<RequestIdentity> {
  if (mode === 'off') return { actor: { kind: 'machine' }, csrf: 'not-required' };
  const sessionToken = readCookie(SESSION_COOKIE);
  if (sessionToken) {
    const session = await resolveSession(db, sessionToken);
    if (session) return { actor: session.actor, csrf: csrfTokenMatches(session.csrfToken, csrfHeader) ? 'verified' : 'missing' };
  }
  const shareSecret = readCookie(SHARE_COOKIE);
  if (shareSecret) {
    const link = await resolveShareLink(db, shareSecret);
    // Share viewers cannot mutate anything, so no CSRF token is needed to protect them.
    if (link.ok) return { actor: { kind: 'share', designId: link.designId, linkId: link.linkId }, csrf: 'not-required' };
    if (link.reason === 'revoked') return { actor: { kind: 'anonymous', shareRevoked: true }, csrf: 'not-required' };
  }
  return { actor: { kind: 'anonymous' }, csrf: 'not-required' };
}

/** Reads one cookie from a Cookie header (first occurrence wins, values URL-decoded). */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
