import 'server-only';
import { getDb, type Db } from '../db/client';
import { authModeFromEnv, sessionLifetimeMs, type AuthMode } from '../services/auth/auth-config';
import { cookieFromHeader, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, SHARE_COOKIE } from '../services/auth/request-identity';
import { resolveSession, signInWithPassword, signOut, SignInRateLimited, csrfTokenMatches } from '../services/auth/sessions';
import { resolveShareLink } from '../services/auth/share-links-service';
import { serverSignInLimiter, type SignInLimiter } from '../services/auth/sign-in-limiter';
import { isDomainError } from '../services/domain-error';
import { oidcSettingsFromEnv, type OidcSettings } from '../services/auth/oidc-config';
import { beginOidcSignIn, completeOidcSignIn, OidcProviderUnreachable, redirectUriFor, type PendingOidcSignIn } from '../services/auth/oidc';

// The HTTP routes of sign-in, sign-out and share links (app/api/auth/*, app/share/[secret]): they set cookies,
// which tRPC procedures do not. The sign-in form is a plain HTML form (it works before any script loads);
// a client that asks for JSON (Accept: application/json) gets statuses instead of redirects.

/** Options tests pass to run the routes on their own database and mode. */
export interface AuthRouteOptions {
  db?: Db;
  mode?: AuthMode;
  limiter?: SignInLimiter;
  oidc?: OidcSettings;
}

/** A local path to go back to after sign-in ("/" for anything else: no open redirect to another site). */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 2000) return '/';
  return value;
}

/** True when the request came over HTTPS (directly or through a proxy that says so): cookies get Secure then. */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}

/** One Set-Cookie value. */
function cookie(name: string, value: string, options: { httpOnly: boolean; sameSite: 'Lax' | 'Strict'; maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${options.maxAgeSeconds}`,
    `SameSite=${options.sameSite}`,
    ...(options.httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

function redirect(location: string, headers: Headers = new Headers()): Response {
  headers.set('Location', location);
  return new Response(null, { status: 303, headers });
}

function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

/** The fields of a form or JSON body (at most 16 KB: a sign-in form is tiny). */
async function readFields(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  if (text.length > 16_384) return {};
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** POST /api/auth/sign-in: username, password, next. */
export async function handleSignIn(request: Request, options: AuthRouteOptions = {}): Promise<Response> {
  const mode = options.mode ?? authModeFromEnv();
  const json = wantsJson(request);
  if (mode !== 'local') {
    const message = mode === 'off' ? 'Authentication is off on this server (LZSIM_AUTH).' : 'This server signs in through OpenID Connect, not with passwords.';
    return json ? Response.json({ error: message }, { status: 404 }) : redirect('/sign-in?error=not-local');
  }
  const fields = await readFields(request);
  const next = safeNextPath(fields.next);
  const back = (error: string) => `/sign-in?error=${error}&next=${encodeURIComponent(next)}`;
  try {
    const session = await signInWithPassword(options.db ?? getDb(), { username: fields.username ?? '', password: fields.password ?? '' }, options.limiter);
    const headers = sessionCookies(session, isHttps(request));
    if (json) {
      headers.set('Content-Type', 'application/json');
      return new Response(JSON.stringify({ username: session.user.username, next }), { status: 200, headers });
    }
    return redirect(next, headers);
  } catch (error) {
    if (error instanceof SignInRateLimited) {
      const headers = { 'Retry-After': String(error.retryAfterSeconds) };
      return json ? Response.json({ error: error.message }, { status: 429, headers }) : redirect(`${back('rate-limited')}&wait=${error.retryAfterSeconds}`, new Headers(headers));
    }
    if (isDomainError(error) && error.kind === 'UNAUTHENTICATED') {
      return json ? Response.json({ error: error.message }, { status: 401 }) : redirect(back('wrong-credentials'));
    }
    throw error;
  }
}

/** The cookies of a new session: the HTTP-only token and the readable CSRF token. */
function sessionCookies(session: { token: string; csrfToken: string }, secure: boolean): Headers {
  const maxAgeSeconds = Math.floor(sessionLifetimeMs() / 1000);
  const headers = new Headers();
  headers.append('Set-Cookie', cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Lax', maxAgeSeconds, secure }));
  headers.append('Set-Cookie', cookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: 'Strict', maxAgeSeconds, secure }));
  return headers;
}

/** The HTTP-only cookie holding an OIDC sign-in between the redirect to the provider and its callback. */
const OIDC_PENDING_COOKIE = 'lzsim_oidc';
/** How long a user may spend at the provider's sign-in page. */
const OIDC_PENDING_SECONDS = 600;

function readPending(request: Request): PendingOidcSignIn | null {
  const raw = cookieFromHeader(request.headers.get('cookie'), OIDC_PENDING_COOKIE);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingOidcSignIn>;
    if (typeof parsed.state !== 'string' || typeof parsed.nonce !== 'string' || typeof parsed.verifier !== 'string') return null;
    return { state: parsed.state, nonce: parsed.nonce, verifier: parsed.verifier, next: safeNextPath(parsed.next) };
  } catch {
    return null;
  }
}

/** GET /api/auth/oidc/start?next=/path: sends the browser to the provider (LZSIM_AUTH=oidc). */
export async function handleOidcStart(request: Request, options: AuthRouteOptions = {}): Promise<Response> {
  const mode = options.mode ?? authModeFromEnv();
  if (mode !== 'oidc') return redirect('/sign-in?error=not-oidc');
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get('next'));
  try {
    const settings = options.oidc ?? oidcSettingsFromEnv();
    const { url: providerUrl, pending } = await beginOidcSignIn(settings, redirectUriFor(settings, request), next);
    const headers = new Headers();
    const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
    // Lax: the provider's redirect back is a top-level GET from another site, which must carry it.
    headers.append('Set-Cookie', cookie(OIDC_PENDING_COOKIE, value, { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: OIDC_PENDING_SECONDS, secure: isHttps(request) }));
    return redirect(providerUrl.href, headers);
  } catch (error) {
    if (error instanceof OidcProviderUnreachable) {
      console.error(`[lzsim] ${error.message}`);
      return redirect(`/sign-in?error=provider-unreachable&next=${encodeURIComponent(next)}`);
    }
    throw error;
  }
}

/** GET /api/auth/oidc/callback: the provider's redirect back; starts the session (rate-limited like sign-in). */
export async function handleOidcCallback(request: Request, options: AuthRouteOptions = {}): Promise<Response> {
  const mode = options.mode ?? authModeFromEnv();
  if (mode !== 'oidc') return redirect('/sign-in?error=not-oidc');
  const settings = options.oidc ?? oidcSettingsFromEnv();
  const pending = readPending(request);
  const secure = isHttps(request);
  const clearPending = cookie(OIDC_PENDING_COOKIE, '', { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: 0, secure });
  // Failed callbacks count against the caller's address, as failed passwords count against a name.
  const limiter = options.limiter ?? serverSignInLimiter();
  const caller = `oidc:${request.headers.get('x-forwarded-for')?.split(',')[0].trim() || 'direct'}`;
  const wait = limiter.check(caller);
  if (wait !== null) return redirect(`/sign-in?error=rate-limited&wait=${wait}`, new Headers({ 'Retry-After': String(wait), 'Set-Cookie': clearPending }));
  // The URL the provider redirected to, as this server named it (the request may arrive under another host name).
  const callbackUrl = redirectUriFor(settings, request);
  callbackUrl.search = new URL(request.url).search;
  try {
    const session = await completeOidcSignIn(options.db ?? getDb(), settings, callbackUrl, pending);
    limiter.recordSuccess(caller);
    const headers = sessionCookies(session, secure);
    headers.append('Set-Cookie', clearPending);
    return redirect(pending?.next ?? '/', headers);
  } catch (error) {
    if (error instanceof OidcProviderUnreachable) {
      console.error(`[lzsim] ${error.message}`);
      return redirect('/sign-in?error=provider-unreachable', new Headers({ 'Set-Cookie': clearPending }));
    }
    if (isDomainError(error) && error.kind === 'UNAUTHENTICATED') {
      limiter.recordFailure(caller);
      return redirect(`/sign-in?error=oidc-refused&reason=${encodeURIComponent(error.message)}`, new Headers({ 'Set-Cookie': clearPending }));
    }
    throw error;
  }
}

/** Cookies that end a session in the browser. */
function clearedSessionCookies(secure: boolean): string[] {
  return [
    cookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: 0, secure }),
    cookie(CSRF_COOKIE, '', { httpOnly: false, sameSite: 'Strict', maxAgeSeconds: 0, secure }),
    cookie(SHARE_COOKIE, '', { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: 0, secure }),
  ];
}

/** POST /api/auth/sign-out: needs the session's CSRF token (form field "csrf" or the x-lzsim-csrf header). */
export async function handleSignOut(request: Request, options: AuthRouteOptions = {}): Promise<Response> {
  const db = options.db ?? getDb();
  const token = cookieFromHeader(request.headers.get('cookie'), SESSION_COOKIE);
  const fields = await readFields(request);
  const presented = request.headers.get(CSRF_HEADER) ?? fields.csrf ?? null;
  if (token) {
    const session = await resolveSession(db, token);
    if (session && !csrfTokenMatches(session.csrfToken, presented)) {
      return Response.json({ error: 'Sign-out needs the page\'s anti-CSRF token: reload the page and try again.' }, { status: 403 });
    }
    await signOut(db, token);
  }
  const headers = new Headers();
  for (const value of clearedSessionCookies(isHttps(request))) headers.append('Set-Cookie', value);
  return wantsJson(request) ? new Response(null, { status: 204, headers }) : redirect('/sign-in?signed-out=1', headers);
}

/** GET /share/<secret>: remembers the link in an HTTP-only cookie and opens its design, or says why not. */
export async function handleShareLink(request: Request, secret: string, options: AuthRouteOptions = {}): Promise<Response> {
  const mode = options.mode ?? authModeFromEnv();
  if (mode === 'off') return redirect('/');
  const link = await resolveShareLink(options.db ?? getDb(), secret);
  if (!link.ok) return redirect(`/shared-link?status=${link.reason}`);
  const headers = new Headers();
  headers.append('Set-Cookie', cookie(SHARE_COOKIE, secret, { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: 30 * 24 * 3600, secure: isHttps(request) }));
  return redirect(`/designs/${encodeURIComponent(link.designId)}`, headers);
}
