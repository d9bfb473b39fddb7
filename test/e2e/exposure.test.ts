// Issue 14, hole 1 (exposure), against the real app server of the e2e harness (scripts/app-server.mjs, as `npm start` runs it): foreign Host headers (DNS
// rebinding) and foreign Origins (a cross-site JSON POST) are refused, every answer carries the security headers,
// and the app still works in Chromium under its nonce-based CSP without a single violation.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly these headers (fetch would not let us forge Host). */
function send(baseUrl: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const url = new URL(options.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const createDesignBody = (name: string) => JSON.stringify(superjson.serialize({ name }));

describe.skipIf(!chromiumPath)('exposure: hosts, origins and security headers', () => {
  let baseUrl: string;
  let host: string;
  let browser: BrowserSession;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    host = new URL(baseUrl).host;
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a page, an asset and an API call for a foreign Host (DNS rebinding)', async () => {
    for (const path of ['/', '/icon.svg', '/api/trpc/design.list']) {
      const response = await send(baseUrl, { path, headers: { host: `evil.example:${new URL(baseUrl).port}` } });
      expect(response.status, path).toBe(403);
      expect(response.body).toContain('LZSIM_ALLOWED_HOSTS');
    }
    expect((await send(baseUrl, { path: '/', headers: { host } })).status).toBe(200);
    expect((await send(baseUrl, { path: '/', headers: { host: `localhost:${new URL(baseUrl).port}` } })).status).toBe(200);
  });

  it('refuses a cross-site JSON POST (foreign Origin, or cross-site without one) and creates nothing', async () => {
    const name = `cross-site ${Date.now()}`;
    const headers = { host, 'content-type': 'text/plain' };
    const foreign = await send(baseUrl, {
      method: 'POST', path: '/api/trpc/design.create', headers: { ...headers, origin: 'https://evil.example' }, body: createDesignBody(name),
    });
    expect(foreign.status).toBe(403);
    const nullOrigin = await send(baseUrl, {
      method: 'POST', path: '/api/trpc/design.create', headers: { ...headers, origin: 'null' }, body: createDesignBody(name),
    });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await send(baseUrl, {
      method: 'POST', path: '/api/trpc/design.create', headers: { ...headers, 'sec-fetch-site': 'cross-site' }, body: createDesignBody(name),
    });
    expect(crossSite.status).toBe(403);
    const list = await send(baseUrl, { path: '/api/trpc/design.list', headers: { host } });
    expect(list.body).not.toContain(name);

    const sameOrigin = await send(baseUrl, {
      method: 'POST', path: '/api/trpc/design.create', headers: { ...headers, 'content-type': 'application/json', origin: baseUrl }, body: createDesignBody(name),
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('reads a 12 MB body whole through the proxy (no silent cut at 10 MB), and answers 413 over the limit', async () => {
    const headers = { host, 'content-type': 'application/json', origin: baseUrl };
    const twelve = JSON.stringify(superjson.serialize({ name: 'big', description: 'd'.repeat(12 * 1024 * 1024) }));
    const whole = await send(baseUrl, { method: 'POST', path: '/api/trpc/design.create', headers, body: twelve });
    // A cut body would be invalid JSON (PARSE_ERROR); the whole one reaches validation.
    expect(whole.status).toBe(400);
    expect(whole.body).toContain('Description must be at most 500 characters');
    const forty = JSON.stringify(superjson.serialize({ name: 'huge', description: 'd'.repeat(40 * 1024 * 1024) }));
    const refused = await send(baseUrl, { method: 'POST', path: '/api/trpc/design.create', headers, body: forty });
    expect(refused.status).toBe(413);
    expect(refused.body).toContain('at most 32 MB');
  });

  it('sends a nonce CSP without inline script, frame-ancestors none, nosniff and a Referrer-Policy', async () => {
    const page = await send(baseUrl, { path: '/', headers: { host } });
    const csp = String(page.headers['content-security-policy']);
    const scriptSrc = csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // Every inline script Next rendered carries this response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = await send(baseUrl, { path: '/', headers: { host } });
    expect(String(again.headers['content-security-policy'])).not.toContain(nonce);
    const api = await send(baseUrl, { path: '/api/trpc/design.list', headers: { host } });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('still works in Chromium under the CSP: no violation while listing, opening and editing a design', async () => {
    const { page } = browser;
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.evaluate(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Refused by CSP: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`),
      );
    });
    const sampleDesignName = inject('e2eSampleDesignName');
    await page.getByRole('link', { name: sampleDesignName }).click();
    await page.waitForURL(/\/designs\/[^/]+$/);
    await page.locator('.react-flow__node').first().waitFor();
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    // Hydrated and interactive: a click selects a node and the inspector follows (client-side React at work).
    await page.locator('.react-flow__node').filter({ hasText: 'Security' }).first().click();
    await page.getByRole('heading', { name: 'Security' }).first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'csp-editor.png') });
    expect(violations).toEqual([]);
  });
});
