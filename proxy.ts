// Next's request proxy: runs before every page, asset and API call (see server/http/request-guard.ts for why).
// It refuses requests for other host names or from other origins, and gives every answer a nonce-based CSP,
// nosniff, a Referrer-Policy and frame-ancestors 'none'.
import { NextResponse, type NextRequest } from 'next/server';
import { checkRequest, contentSecurityPolicy, hostPolicyFromEnv, SECURITY_HEADERS } from '@/server/http/request-guard';

const policy = hostPolicyFromEnv();
const development = process.env.NODE_ENV === 'development';

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/** Refuses foreign hosts and origins; passes the rest on with this request's CSP nonce. */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy(nonce, { development });
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
      csp,
    );
  }
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

export const config = {
  // Every path: a foreign Host must not get even a static asset (DNS rebinding reads whatever it can reach).
  matcher: '/:path*',
};
