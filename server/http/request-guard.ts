import 'server-only';

// Which requests the app answers at all, and the headers every answer carries. proxy.ts (Next's request proxy,
// in front of every page, asset and API call) applies both; this module is plain functions so that unit tests
// can drive every branch without a server.
//
// - Host: a DNS-rebinding page (evil.example resolving to 127.0.0.1) reaches a loopback server with its own
//   name in Host. Only the loopback names and the names listed in LZSIM_ALLOWED_HOSTS are served.
// - Origin: a cross-site page can POST JSON to us (text/plain needs no CORS preflight, and tRPC parses it).
//   Browsers send Origin on every cross-origin request and on every POST, so a request whose Origin is not one
//   of ours is refused, and a mutation that a browser marks cross-site (Sec-Fetch-Site) is refused even without
//   Origin. Tools (curl, the CLI's HTTP-less calls) send neither and stay possible.

/** Host names that always mean "this machine". */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Which names the server answers to. */
export interface HostPolicy {
  /** Lower-case host names (any port), e.g. "localhost", "lzsim.example.com". */
  hostnames: ReadonlySet<string>;
  /** Lower-case "host:port" entries that only match with that port. */
  hostsWithPort: ReadonlySet<string>;
}

/** The loopback names plus LZSIM_ALLOWED_HOSTS (comma-separated, "name" or "name:port"). */
export function hostPolicyFromEnv(env: Record<string, string | undefined> = process.env): HostPolicy {
  const hostnames = new Set(LOOPBACK_HOSTS);
  const hostsWithPort = new Set<string>();
  for (const raw of (env.LZSIM_ALLOWED_HOSTS ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (/:\d+$/.test(entry)) hostsWithPort.add(entry);
    else hostnames.add(entry);
  }
  return { hostnames, hostsWithPort };
}

/** "Host" header or URL host ("name:port", "[::1]:3000") → lower-case name and the whole entry. */
function splitHost(host: string): { hostname: string; full: string } {
  const full = host.trim().toLowerCase();
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(full);
  return { hostname: match ? match[1] : full, full };
}

/** True when `host` (a Host header value) names this server. */
export function isAllowedHost(host: string | null, policy: HostPolicy): boolean {
  if (!host) return false;
  const { hostname, full } = splitHost(host);
  return policy.hostnames.has(hostname) || policy.hostsWithPort.has(full);
}

/** The parts of a request the guard looks at. */
export interface GuardedRequest {
  method: string;
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
}

/** Accepted, or refused with the status and a sentence saying why and what to do. */
export type GuardDecision = { ok: true } | { ok: false; status: 403; message: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Decides whether the app should answer `request` at all (Host, then Origin, then Sec-Fetch-Site on mutations). */
export function checkRequest(request: GuardedRequest, policy: HostPolicy): GuardDecision {
  if (!isAllowedHost(request.host, policy)) {
    return {
      ok: false,
      status: 403,
      message:
        `This server does not answer to the host name "${request.host ?? ''}". A shared server lists its public ` +
        'names in LZSIM_ALLOWED_HOSTS (comma-separated), e.g. LZSIM_ALLOWED_HOSTS=lzsim.example.com.',
    };
  }
  // A form POST from our own page says "Origin: null" (our Referrer-Policy is no-referrer, and Chromium then hides
  // the origin of form submissions); the browser's Sec-Fetch-Site, which pages cannot set, still says where it
  // came from. Any other "null" origin (sandboxed frame, file://) stays refused.
  const sameOriginNull = request.origin === 'null' && request.secFetchSite === 'same-origin';
  if (request.origin !== null && !sameOriginNull) {
    let originHost: string | null = null;
    try {
      const url = new URL(request.origin);
      if (url.protocol === 'http:' || url.protocol === 'https:') originHost = url.host;
    } catch {
      originHost = null; // "null" (sandboxed frames, file://) or garbage
    }
    if (!originHost || !isAllowedHost(originHost, policy)) {
      return { ok: false, status: 403, message: `Requests from the origin "${request.origin}" are not accepted.` };
    }
  } else if (!SAFE_METHODS.has(request.method.toUpperCase()) && request.secFetchSite === 'cross-site') {
    return { ok: false, status: 403, message: 'Cross-site requests that change data are not accepted.' };
  }
  return { ok: true };
}

/**
 * The Content-Security-Policy of a response: scripts only from us or carrying this request's nonce (Next puts
 * the nonce on its own inline scripts when it finds it in the request's CSP header), no plugins, no framing.
 * Styles keep 'unsafe-inline': React Flow positions every node with a style attribute, and server-rendered
 * style attributes are not nonce-able; a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts our nonce-bearing scripts load (Next's chunks) are trusted; in development React
    // needs eval for its error overlay (Next's CSP guide).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    // Diagram exports and the access view's layout run in workers: Next bundles each as a same-origin script
    // (its worker bootstrap loads the chunks with importScripts), so no blob: worker is needed.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // The PNG export draws the diagram's SVG through a blob: image (components/export/rasterize-svg.ts).
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    // data: and blob: stay local (they never reach the network).
    "connect-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh CSP nonce: 18 random bytes in base64, one per response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
}

/** Headers every response carries besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Every security header of one response: its CSP (with `nonce`) and SECURITY_HEADERS. */
export function securityHeaders(nonce: string, options: { development?: boolean } = {}): Record<string, string> {
  return { 'Content-Security-Policy': contentSecurityPolicy(nonce, options), ...SECURITY_HEADERS };
}
