// Which requests the proxy lets through (server/http/request-guard.ts); the real-HTTP version of these checks is
// test/e2e/exposure.test.ts.
import { describe, expect, it } from 'vitest';
import { checkRequest, contentSecurityPolicy, hostPolicyFromEnv, isAllowedHost } from '@/server/http/request-guard';

const loopbackOnly = hostPolicyFromEnv({});
const shared = hostPolicyFromEnv({ LZSIM_ALLOWED_HOSTS: 'lzsim.example.com, Intranet:8443' });
const request = (overrides: Partial<Parameters<typeof checkRequest>[0]>) => ({
  method: 'GET', host: '127.0.0.1:3000', origin: null, secFetchSite: null, ...overrides,
});

describe('hosts', () => {
  it.each(['localhost:3000', '127.0.0.1', '[::1]:3000', 'LOCALHOST:1'])('serves the loopback name %s on any port', (host) => {
    expect(isAllowedHost(host, loopbackOnly)).toBe(true);
  });
  it.each(['evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io', '', 'lzsim.example.com'])('refuses %j by default', (host) => {
    expect(isAllowedHost(host, loopbackOnly)).toBe(false);
  });
  it('adds the names of LZSIM_ALLOWED_HOSTS, with or without a port', () => {
    expect(isAllowedHost('lzsim.example.com', shared)).toBe(true);
    expect(isAllowedHost('intranet:8443', shared)).toBe(true);
    expect(isAllowedHost('intranet:80', shared)).toBe(false);
  });
});

describe('origins and mutations', () => {
  it('accepts our own origin and requests without one (curl, server-side callers)', () => {
    expect(checkRequest(request({ method: 'POST', origin: 'http://127.0.0.1:3000' }), loopbackOnly).ok).toBe(true);
    expect(checkRequest(request({ method: 'POST' }), loopbackOnly).ok).toBe(true);
    expect(checkRequest(request({ method: 'POST', secFetchSite: 'same-origin' }), loopbackOnly).ok).toBe(true);
  });
  it('accepts "Origin: null" only when the browser marks the request same-origin (our own sign-in form under no-referrer)', () => {
    expect(checkRequest(request({ method: 'POST', origin: 'null', secFetchSite: 'same-origin' }), loopbackOnly).ok).toBe(true);
    expect(checkRequest(request({ method: 'POST', origin: 'null', secFetchSite: 'cross-site' }), loopbackOnly).ok).toBe(false);
    expect(checkRequest(request({ method: 'POST', origin: 'null', secFetchSite: 'same-site' }), loopbackOnly).ok).toBe(false);
  });
  it.each([
    ['a foreign origin', { origin: 'https://evil.example' }],
    ['the null origin', { origin: 'null' }],
    ['a non-http origin', { origin: 'file://' }],
    ['a cross-site mutation without Origin', { method: 'POST', secFetchSite: 'cross-site' }],
    ['a foreign host', { host: 'rebound.evil.example:3000' }],
  ])('refuses %s with 403 and a reason', (_what, overrides) => {
    const decision = checkRequest(request(overrides), loopbackOnly);
    expect(decision).toMatchObject({ ok: false, status: 403 });
  });
});

describe('the CSP', () => {
  it('allows scripts only by nonce, and eval only in development', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy('n', { development: true })).toContain("'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('lets the page start workers from its own origin only (no blob: or data: workers)', () => {
    const workerSrc = contentSecurityPolicy('n').split('; ').find((part) => part.startsWith('worker-src'));
    expect(workerSrc).toBe("worker-src 'self'");
  });
});
