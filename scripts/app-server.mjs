#!/usr/bin/env node
// The app's HTTP server under `npm start` (scripts/run-app.mjs starts it in place of `next start`):
//
//   node scripts/app-server.mjs --port 3000 --hostname 127.0.0.1
//
// Next's request handler (the same production build, proxy, compression and routes as `next start`) answers every
// request except the API's POSTs, which server/api/node-api-path.ts answers straight from Node's request, with the
// proxy's checks and headers and the API route's handler: an edit cost the app 6.5-7.0 ms of CPU through Next's
// request path against 3.1-3.7 ms this way (see that module). That path lives in Next's build (it is TypeScript, and
// must share the server's modules: the database pool, the caches, the batching of edits), and the API route leaves
// it on globalThis when Next loads it, which the server asks for once at start; until then, Next answers those
// POSTs too, with the same checks.
import { createServer, request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the API route leaves its NodeApiPath (server/api/node-api-path.ts, NODE_API_PATH_KEY). */
const NODE_API_PATH_KEY = Symbol.for('lzsim.nodeApiPath');

function option(names, fallback) {
  const index = process.argv.findIndex((arg) => names.includes(arg));
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}
const port = Number(option(['--port', '-p'], process.env.PORT || '3000'));
const hostname = option(['--hostname', '-H'], process.env.HOST || '127.0.0.1');

process.env.NODE_ENV ??= 'production';
const app = next({ dev: false, dir: repoRoot, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const api = globalThis[NODE_API_PATH_KEY];
  if (api?.accepts(request)) {
    api.answer(request, response).catch((error) => {
      console.error('API request failed:', error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
    return;
  }
  void handle(request, response);
});

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, hostname, resolve);
});
console.log(`Ready on http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`);

// Next loads the API route on its first request: ask for it now (a query for no procedure answers 404 without any
// database work), so that the first edits already take the direct path.
await new Promise((resolve) => {
  const address = server.address();
  const warm = httpRequest({ host: address.address, port: address.port, path: '/api/trpc/warm-up', headers: { host: `localhost:${port}` } }, (response) => {
    response.resume();
    response.on('end', resolve);
  });
  warm.on('error', (error) => {
    console.error(`Loading the API route failed (${error.message}): its POSTs go through Next until its first request.`);
    resolve();
  });
  warm.end();
});

// As `next start` does: leave at once, with the signal's exit code.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
