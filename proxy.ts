// Next's request proxy: runs before every page, asset and API call (see server/http/request-guard.ts for why).
// It refuses requests for other host names or from other origins, and gives every answer a nonce-based CSP,
// nosniff, a Referrer-Policy and frame-ancestors 'none'. The API's POSTs under `npm start` are answered before Next
// (server/api/node-api-path.ts), with the same checks and headers from the same module.
import { NextResponse, type NextRequest } from 'next/server';
import { checkRequest, hostPolicyFromEnv, newNonce, securityHeaders } from '@/server/http/request-guard';

const policy = hostPolicyFromEnv();
const development = process.env.NODE_ENV === 'development';

function withSecurityHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Refuses foreign hosts and origins; passes the rest on with this request's CSP nonce. */
export function proxy(request: NextRequest): NextResponse {
  const headers = securityHeaders(newNonce(), { development });
  const decision = checkRequest(
    {
      method: request.method,
      host: request.headers.get('host'),
      origin: request.headers.get('origin'),
      secFetchSite: request.headers.get('sec-fetch-site'),
    },
    policy,
  );
  if (!decision.ok) {
    return withSecurityHeaders(
      new NextResponse(`${decision.message}\n`, { status: decision.status, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
      headers,
    );
  }
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  // Every path: a foreign Host must not get even a static asset (DNS rebinding reads whatever it can reach).
  matcher: '/:path*',
};
