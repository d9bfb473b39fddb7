// The API's POSTs as `npm start` answers them (server/api/node-api-path.ts, before Next's request path), over real
// HTTP on the test database: every check proxy.ts and the API route make holds on this path too (issue 14: Host and
// Origin allow-list, Origin and Sec-Fetch-Site on mutations, security headers, body and batch limits, sessions and
// CSRF). test/e2e/exposure.test.ts checks the same through the whole app server.
import { createServer, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpContext, createInnerContext } from '@/server/api/context';
import { MAX_BATCH_LENGTH, MAX_REQUEST_BODY_BYTES, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { answerApiPost, isApiPost } from '@/server/api/node-api-path';
import { hostPolicyFromEnv } from '@/server/http/request-guard';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@/server/services/auth/request-identity';
import { createLocalUser, signInWithPassword } from '@/server/services/auth/sessions';
import { SignInLimiter } from '@/server/services/auth/sign-in-limiter';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const policy = hostPolicyFromEnv({ LZSIM_ALLOWED_HOSTS: 'lzsim.example.com' });
const servers: Server[] = [];

/** A Node server that answers every request with answerApiPost, as scripts/app-server.mjs does for API POSTs. */
async function serve(createContext: NonNullable<Parameters<typeof answerApiPost>[2]>['createContext']): Promise<number> {
  const server = createServer((request, response) => void answerApiPost(request, response, { policy, createContext }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

let open: number;
let signedIn: number;

beforeAll(async () => {
  open = await serve(() => createInnerContext({ db }));
  signedIn = await serve((request: Request) => createHttpContext(request, { db, mode: 'local' }));
});
afterAll(async () => {
  for (const server of servers) server.close();
  await db.$disconnect();
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One POST with exactly these headers (fetch would not let us forge Host); `body` may be a function that writes the
 * body itself. Resolves with the answer, even when the server answers before the body is all sent.
 */
function post(port: number, path: string, headers: Record<string, string>, body: string | ((request: ClientRequest) => void)): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() });
        request.destroy();
      });
    });
    request.on('error', reject);
    if (typeof body === 'string') request.end(body);
    else body(request);
  });
}

const json = (input: unknown) => JSON.stringify(superjson.serialize(input));
const sameOrigin = (port: number) => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' });

function expectSecurityHeaders(response: RawResponse): string {
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-frame-options']).toBe('DENY');
  return csp;
}

describe('API POSTs answered before Next', () => {
  it('takes POSTs under the API path only', () => {
    const request = (method: string, url: string) => ({ method, url }) as Parameters<typeof isApiPost>[0];
    expect(isApiPost(request('POST', `${TRPC_ENDPOINT}/design.create`))).toBe(true);
    expect(isApiPost(request('GET', `${TRPC_ENDPOINT}/design.list`))).toBe(false);
    expect(isApiPost(request('POST', '/api/auth/sign-in'))).toBe(false);
    expect(isApiPost(request('POST', '/designs'))).toBe(false);
  });

  it('answers a same-origin edit with the security headers of every answer, a fresh nonce each time', async () => {
    const name = uniqueName('node path');
    const first = await post(open, `${TRPC_ENDPOINT}/design.create`, sameOrigin(open), json({ name }));
    expect(first.status).toBe(200);
    expect((superjson.deserialize(JSON.parse(first.body).result.data) as { name: string }).name).toBe(name);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    const second = await post(open, `${TRPC_ENDPOINT}/design.create`, sameOrigin(open), json({ name }));
    expect(second.status).toBe(409);
    expect(expectSecurityHeaders(second)).not.toBe(expectSecurityHeaders(first));
  });

  it('refuses a foreign Host, a foreign Origin and a cross-site POST without Origin, and creates nothing', async () => {
    const name = uniqueName('node path refused');
    const body = json({ name });
    const refusals: Record<string, string>[] = [
      { ...sameOrigin(open), host: 'evil.example', origin: 'http://evil.example' },
      { ...sameOrigin(open), origin: 'http://evil.example' },
      { ...sameOrigin(open), origin: 'null' },
      { host: `127.0.0.1:${open}`, 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refusals) {
      const response = await post(open, `${TRPC_ENDPOINT}/design.create`, headers, body);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expectSecurityHeaders(response);
    }
    // A listed shared name, and a tool that sends neither Origin nor Sec-Fetch-Site, are served.
    expect((await post(open, `${TRPC_ENDPOINT}/design.create`, { ...sameOrigin(open), host: 'lzsim.example.com', origin: 'https://lzsim.example.com' }, body)).status).toBe(200);
    expect(await db.design.count({ where: { name } })).toBe(1);
  });

  it('answers 413 over the body limit, by Content-Length and while streaming a chunked upload, and 400 over the batch limit', async () => {
    const declared = await post(open, `${TRPC_ENDPOINT}/design.create`, { ...sameOrigin(open), 'content-length': String(MAX_REQUEST_BODY_BYTES + 1) }, (request) => {
      request.write('{"json":{"name":"');
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.json.message).toMatch(/at most 32 MB/);
    expectSecurityHeaders(declared);

    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 32);
    const streamed = await post(open, `${TRPC_ENDPOINT}/design.create`, { ...sameOrigin(open), 'transfer-encoding': 'chunked' }, (request) => {
      // Writes as fast as the server reads; stops on its own well past the limit, so a server that reads the whole
      // upload fails the size check below.
      const more = () => {
        while (sent < MAX_REQUEST_BODY_BYTES * 2 && !request.destroyed) {
          sent += chunk.byteLength;
          if (!request.write(chunk)) return void request.once('drain', more);
        }
      };
      more();
    });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(MAX_REQUEST_BODY_BYTES * 2);

    const paths = Array.from({ length: MAX_BATCH_LENGTH + 1 }, () => 'design.create').join(',');
    const batch = await post(open, `${TRPC_ENDPOINT}/${paths}?batch=1`, sameOrigin(open), '{}');
    expect(batch.status).toBe(400);
    expect(JSON.parse(batch.body).error.json.message).toContain(`at most ${MAX_BATCH_LENGTH} calls`);
  });

  it('with sign-in on: 401 without a session, 403 for a session mutation without its CSRF token, 200 with it', async () => {
    const username = uniqueName('node-path').replace(' ', '-');
    await createLocalUser(db, { username, password: 'correct horse battery staple' }, { log2Cost: 14 });
    const session = await signInWithPassword(db, { username, password: 'correct horse battery staple' }, new SignInLimiter({ failuresPerName: 3, nameWindowMs: 60_000, attemptsPerServer: 100, serverWindowMs: 60_000 }));
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(session.token)}; ${CSRF_COOKIE}=${encodeURIComponent(session.csrfToken)}`;
    const name = uniqueName('node path csrf');
    const create = (headers: Record<string, string>) => post(signedIn, `${TRPC_ENDPOINT}/design.create`, { ...sameOrigin(signedIn), ...headers }, json({ name }));

    expect((await create({})).status).toBe(401);
    const withoutToken = await create({ cookie });
    expect(withoutToken.status).toBe(403);
    expect(JSON.parse(withoutToken.body).error.json.message).toMatch(/anti-CSRF token/);
    expect((await create({ cookie, [CSRF_HEADER]: 'forged' })).status).toBe(403);
    expect(await db.design.count({ where: { name } })).toBe(0);
    expect((await create({ cookie, [CSRF_HEADER]: session.csrfToken })).status).toBe(200);
  });
});
