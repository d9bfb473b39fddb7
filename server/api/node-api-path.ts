import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { checkRequest, hostPolicyFromEnv, newNonce, securityHeaders, type HostPolicy } from '../http/request-guard';
import type { InnerContext } from './context';
import { handleTRPCRequest, TRPC_ENDPOINT } from './http-handler';

// The API's POSTs (every edit) answered from Node's HTTP server, before Next's request path. Fifty editors renaming
// back to back cost the app 6.5-7.0 ms of CPU per rename through `next start` (warm), 3.1-3.7 ms through the same
// handleTRPCRequest answered here (50 clients, load 8-10; profile of Next: its proxy invocation with its cloned
// body, its NextRequest/NextURL, route matching and work stores, the web-stream pipe back to Node, and gzip of
// every small answer). With 50 clients each waiting on its answer, latency is 50 / throughput, so that CPU was the
// editors' p95. scripts/app-server.mjs (what `npm start` runs) gives these requests to answerApiPost, which applies
// proxy.ts's checks and headers from the same module (request-guard.ts), then the same handler as the route
// (limits, context, authentication, CSRF, error logging). Everything else, GETs included (compressed and
// revalidated by Next), goes through Next as before.

/** What scripts/app-server.mjs finds on globalThis once Next has loaded the API route. */
export interface NodeApiPath {
  /** True for the requests `answer` serves: POSTs under the API's path. */
  accepts(request: IncomingMessage): boolean;
  /** Answers one such request in full. */
  answer(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** Where the API route leaves its NodeApiPath (app-server.mjs is plain JavaScript outside Next's module graph). */
export const NODE_API_PATH_KEY = Symbol.for('lzsim.nodeApiPath');

/** Options tests pass to answer on their own database and host names. */
export interface NodeApiOptions {
  policy?: HostPolicy;
  createContext?: (request: Request) => InnerContext | Promise<InnerContext>;
}

let serverPolicy: HostPolicy | undefined;

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

/** True for a POST whose path is under the API's endpoint. */
export function isApiPost(request: IncomingMessage): boolean {
  return request.method === 'POST' && (request.url ?? '').startsWith(`${TRPC_ENDPOINT}/`);
}

/**
 * What the web body reads. A body without a declared length is read through a pipe: the handler cancels its read past
 * the limit, and a cancel destroys the stream it reads, which for Node's request is its socket (the 413 was then
 * never sent). A declared length is checked before reading, so those bodies are never cancelled and read directly.
 */
function bodySource(request: IncomingMessage): Readable {
  return request.headers['content-length'] === undefined ? request.pipe(new PassThrough()) : request;
}

/** The web Request the handler reads: Node's headers, and the body as a stream (handleTRPCRequest bounds it). */
function toWebRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const init: RequestInit & { duplex: 'half' } = {
    method: request.method,
    headers,
    body: Readable.toWeb(bodySource(request)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  };
  return new Request(new URL(request.url ?? '/', 'http://localhost'), init);
}

function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  if (!request.complete) response.once('finish', () => drainOrCut(request));
  response.end(body);
}

/** How long, and how many more bytes, the rest of a body left unread is read and dropped before the connection is cut. */
const DRAIN_MS = 2_000;
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * A body left unread (refused, or over the limit) is read on and dropped after the answer, so the connection can
 * serve the client's next request; past DRAIN_MS or DRAIN_BYTES it is cut. Closing at once, with the client's bytes
 * still arriving, made the kernel reset the connection, and a client still writing its upload saw EPIPE instead of
 * the answer already sent.
 */
function drainOrCut(request: IncomingMessage): void {
  const socket = request.socket;
  let dropped = 0;
  const cut = () => socket.destroy();
  const timer = setTimeout(cut, DRAIN_MS);
  timer.unref();
  request.unpipe();
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > DRAIN_BYTES) cut();
  });
  request.once('end', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
  request.resume();
}

/** Answers one API POST as proxy.ts and the API route together do: the same refusals, headers and handler. */
export async function answerApiPost(request: IncomingMessage, response: ServerResponse, options: NodeApiOptions = {}): Promise<void> {
  const headers = securityHeaders(newNonce(), { development: process.env.NODE_ENV === 'development' });
  const decision = checkRequest(
    { method: request.method ?? 'POST', host: header(request, 'host'), origin: header(request, 'origin'), secFetchSite: header(request, 'sec-fetch-site') },
    options.policy ?? (serverPolicy ??= hostPolicyFromEnv()),
  );
  if (!decision.ok) {
    send(request, response, decision.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, `${decision.message}\n`);
    return;
  }
  let answer: Response;
  try {
    answer = await handleTRPCRequest(toWebRequest(request), options.createContext);
  } catch (error) {
    // Next answers a route that throws with an empty 500; so does this path, and the log gets the error.
    console.error(`API ${request.url ?? ''} failed:`, error);
    send(request, response, 500, headers, '');
    return;
  }
  const body = new Uint8Array(await answer.arrayBuffer());
  for (const [name, value] of answer.headers) if (name !== 'set-cookie') response.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader('Set-Cookie', cookies);
  send(request, response, answer.status, headers, body);
}

/** Leaves this path on globalThis for scripts/app-server.mjs (the API route calls it when Next loads the route). */
export function registerNodeApiPath(): void {
  const path: NodeApiPath = { accepts: isApiPost, answer: (request, response) => answerApiPost(request, response) };
  (globalThis as Record<symbol, unknown>)[NODE_API_PATH_KEY] = path;
}
