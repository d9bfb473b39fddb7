// Issue 14, "A shared deployment": sign-in, sessions, CSRF, rate limits and share links over the real HTTP paths
// (the route handlers' functions and the tRPC fetch handler) on the test database, with LZSIM_AUTH=local.
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleShareLink, handleSignIn, handleSignOut, safeNextPath } from '@/server/api/auth-routes';
import { createHttpContext, createInnerContext } from '@/server/api/context';
import { handleTRPCRequest, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { createCaller } from '@/server/api/root';
import type { UserDto } from '@/server/db/access-control';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, SHARE_COOKIE } from '@/server/services/auth/request-identity';
import { createLocalUser, resolveSession } from '@/server/services/auth/sessions';
import { SignInLimiter } from '@/server/services/auth/sign-in-limiter';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const PASSWORD = 'correct horse battery staple';
let alice: UserDto;
let designId: string;
const limiter = () => new SignInLimiter({ failuresPerName: 3, nameWindowMs: 60_000, attemptsPerServer: 1000, serverWindowMs: 60_000 });

beforeAll(async () => {
  alice = await createLocalUser(db, { username: uniqueName('alice').replace(' ', '-'), password: PASSWORD }, { log2Cost: 14 });
  const design = await createCaller(createInnerContext({ db, actor: { kind: 'user', user: alice } })).design.create({ name: uniqueName('http auth') });
  designId = design.id;
});
afterAll(async () => {
  await db.$disconnect();
});

/** POSTs the sign-in form (or JSON when `json`). */
function signIn(fields: Record<string, string>, options: { json?: boolean; limiter?: SignInLimiter } = {}) {
  const request = new Request('http://localhost/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.json ? { accept: 'application/json' } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
  return handleSignIn(request, { db, mode: 'local', limiter: options.limiter ?? limiter() });
}

/** Name → { value, attributes } of every Set-Cookie of a response. */
function setCookies(response: Response): Map<string, { value: string; attributes: string }> {
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split('; ');
    const [name, value] = pair.split('=');
    cookies.set(name, { value: decodeURIComponent(value), attributes: attributes.join('; ') });
  }
  return cookies;
}

/** Calls a tRPC procedure over HTTP with the given cookies and headers, as the browser does. */
async function callApi(path: string, input: unknown, options: { mutation?: boolean; cookies?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const cookie = Object.entries(options.cookies ?? {}).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...options.headers };
  const serialized = JSON.stringify(superjson.serialize(input));
  const request = options.mutation
    ? new Request(`http://localhost${TRPC_ENDPOINT}/${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: serialized })
    : new Request(`http://localhost${TRPC_ENDPOINT}/${path}?input=${encodeURIComponent(serialized)}`, { headers });
  const response = await handleTRPCRequest(request, (bounded) => createHttpContext(bounded, { db, mode: 'local' }));
  const payload = (await response.json()) as { error?: { json: { message: string } } };
  return { status: response.status, message: payload.error?.json.message ?? '' };
}

/** Signs alice in and returns her cookies. */
async function aliceCookies() {
  const response = await signIn({ username: alice.username, password: PASSWORD, next: '/designs/x' });
  const cookies = setCookies(response);
  return { [SESSION_COOKIE]: cookies.get(SESSION_COOKIE)!.value, [CSRF_COOKIE]: cookies.get(CSRF_COOKIE)!.value };
}

describe('sign-in', () => {
  it('a right password starts a session in an HTTP-only SameSite cookie, with a readable Strict CSRF cookie', async () => {
    const response = await signIn({ username: alice.username, password: PASSWORD, next: '/designs/abc' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/designs/abc');
    const cookies = setCookies(response);
    expect(cookies.get(SESSION_COOKIE)?.attributes).toMatch(/HttpOnly/);
    expect(cookies.get(SESSION_COOKIE)?.attributes).toMatch(/SameSite=Lax/);
    expect(cookies.get(SESSION_COOKIE)?.attributes).toMatch(/Path=\//);
    expect(cookies.get(CSRF_COOKIE)?.attributes).not.toMatch(/HttpOnly/);
    expect(cookies.get(CSRF_COOKIE)?.attributes).toMatch(/SameSite=Strict/);
    // The database keeps only the session token's hash: the token itself is no row's value.
    const token = cookies.get(SESSION_COOKIE)!.value;
    expect(await db.session.count({ where: { tokenHash: token } })).toBe(0);
    expect((await resolveSession(db, token))?.actor).toMatchObject({ kind: 'user', user: { username: alice.username } });
  });

  it('over HTTPS (behind a proxy that says so) the cookies are Secure', async () => {
    const request = new Request('http://localhost/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ username: alice.username, password: PASSWORD }).toString(),
    });
    const response = await handleSignIn(request, { db, mode: 'local', limiter: limiter() });
    expect(response.headers.getSetCookie().every((line) => line.includes('; Secure'))).toBe(true);
  });

  it('a wrong password and an unknown name get the same answer, and no cookie', async () => {
    const wrong = await signIn({ username: alice.username, password: 'not the password' }, { json: true });
    const unknown = await signIn({ username: 'nobody-here', password: 'not the password' }, { json: true });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual({ error: 'Wrong user name or password.' });
    expect(await unknown.json()).toEqual({ error: 'Wrong user name or password.' });
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const form = await signIn({ username: alice.username, password: 'nope', next: '/designs/abc' });
    expect(form.headers.get('location')).toBe('/sign-in?error=wrong-credentials&next=%2Fdesigns%2Fabc');
  });

  it('is rate-limited per user name: after the allowed failures even the right password waits (429, Retry-After)', async () => {
    const shared = limiter();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await signIn({ username: alice.username, password: 'guess' }, { json: true, limiter: shared })).status).toBe(401);
    }
    const limited = await signIn({ username: alice.username, password: PASSWORD }, { json: true, limiter: shared });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/Too many sign-in attempts\. Wait \d+ seconds/);
    // Another name is not affected.
    expect((await signIn({ username: 'someone-else', password: 'guess' }, { json: true, limiter: shared })).status).toBe(401);
  });

  it('is rate-limited for the whole server, whatever the names', async () => {
    const server = new SignInLimiter({ failuresPerName: 100, nameWindowMs: 60_000, attemptsPerServer: 2, serverWindowMs: 60_000 });
    await signIn({ username: alice.username, password: 'x' }, { json: true, limiter: server });
    await signIn({ username: alice.username, password: 'y' }, { json: true, limiter: server });
    expect((await signIn({ username: 'anyone-else', password: 'x' }, { json: true, limiter: server })).status).toBe(429);
  });

  it('goes back only to a local path (no open redirect)', () => {
    expect(safeNextPath('/designs/1?x=2')).toBe('/designs/1?x=2');
    for (const hostile of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', undefined]) {
      expect(safeNextPath(hostile)).toBe('/');
    }
  });
});

describe('sessions and CSRF on the API', () => {
  it('without a session the API answers 401; with one it answers', async () => {
    expect((await callApi('design.get', { designId })).status).toBe(401);
    const cookies = await aliceCookies();
    expect((await callApi('design.get', { designId }, { cookies })).status).toBe(200);
  });

  it('a cookie-authenticated mutation needs the session CSRF token in the x-lzsim-csrf header', async () => {
    const cookies = await aliceCookies();
    const name = uniqueName('csrf');
    const without = await callApi('design.create', { name }, { mutation: true, cookies });
    expect(without.status).toBe(403);
    expect(without.message).toMatch(/anti-CSRF token/);
    const wrong = await callApi('design.create', { name }, { mutation: true, cookies, headers: { [CSRF_HEADER]: 'forged' } });
    expect(wrong.status).toBe(403);
    expect(await db.design.count({ where: { name } })).toBe(0);
    const right = await callApi('design.create', { name }, { mutation: true, cookies, headers: { [CSRF_HEADER]: cookies[CSRF_COOKIE] } });
    expect(right.status).toBe(200);
  });

  it('sign-out needs the CSRF token, then ends the session and clears the cookies', async () => {
    const cookies = await aliceCookies();
    const cookieHeader = `${SESSION_COOKIE}=${encodeURIComponent(cookies[SESSION_COOKIE])}`;
    const refused = await handleSignOut(new Request('http://localhost/api/auth/sign-out', { method: 'POST', headers: { cookie: cookieHeader } }), { db });
    expect(refused.status).toBe(403);
    expect((await callApi('design.get', { designId }, { cookies })).status).toBe(200);
    const signedOut = await handleSignOut(
      new Request('http://localhost/api/auth/sign-out', {
        method: 'POST',
        headers: { cookie: cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: cookies[CSRF_COOKIE] }).toString(),
      }),
      { db },
    );
    expect(signedOut.status).toBe(303);
    expect(setCookies(signedOut).get(SESSION_COOKIE)?.attributes).toMatch(/Max-Age=0/);
    expect((await callApi('design.get', { designId }, { cookies })).status).toBe(401);
  });

  it('an expired session is no session', async () => {
    const cookies = await aliceCookies();
    const later = new Date(Date.now() + 13 * 3_600_000);
    expect(await resolveSession(db, cookies[SESSION_COOKIE], later)).toBeNull();
  });
});

describe('share links over HTTP', () => {
  it('/share/<secret> sets an HTTP-only cookie and opens the design read-only; a revoked link says so', async () => {
    const owner = createCaller(createInnerContext({ db, actor: { kind: 'user', user: alice } }));
    const link = await owner.shareLinks.create({ designId });
    const secret = link.path.split('/').pop()!;
    const opened = await handleShareLink(new Request(`http://localhost${link.path}`), secret, { db, mode: 'local' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/designs/${designId}`);
    const cookie = setCookies(opened).get(SHARE_COOKIE)!;
    expect(cookie.attributes).toMatch(/HttpOnly/);
    const cookies = { [SHARE_COOKIE]: cookie.value };
    expect((await callApi('design.get', { designId }, { cookies })).status).toBe(200);
    const tree = await callApi('org.tree', { designId }, { cookies });
    expect(tree.status).toBe(200);
    const edit = await callApi('ou.create', { designId, expectedRevision: 0, parentId: 'r', name: 'x' }, { mutation: true, cookies });
    expect(edit.status).toBe(403);
    await owner.shareLinks.revoke({ designId, linkId: link.id });
    expect((await callApi('design.get', { designId }, { cookies })).status).toBe(401);
    const again = await handleShareLink(new Request(`http://localhost${link.path}`), secret, { db, mode: 'local' });
    expect(again.headers.get('location')).toBe('/shared-link?status=revoked');
    const unknown = await handleShareLink(new Request('http://localhost/share/nope'), 'nope', { db, mode: 'local' });
    expect(unknown.headers.get('location')).toBe('/shared-link?status=unknown');
  });
});
