// Issue 14, "A shared deployment", with OpenID Connect: a second app server (scripts/app-server.mjs) of the same build with LZSIM_AUTH=oidc,
// signing in through a real OIDC provider (panva's oidc-provider, started here on a loopback port with its
// development login pages) on a throwaway database. A new user is created on first sign-in and sees only the designs
// granted to them; their edit's history names them; a forged callback is refused with the reason; an address listed in
// LZSIM_OIDC_ADMINS signs in as an administrator. Screenshots in test-results/e2e/.
import type { Server } from 'node:http';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../server/api/context';
import { createCaller } from '../../server/api/root';
import { createPrismaClient, type PrismaClient } from '../../server/db/client';
import { createLocalUser } from '../../server/services/auth/sessions';
import { findFreePort, startThrowawayDatabase, type ThrowawayDatabase } from '../support/embedded-db';
import { createOuUnderRoot } from './editor-helpers';
import { startAuthServer, type AuthServer } from './support/auth-server';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const DESIGN = 'Team landing zone';
const NAMES: Record<string, string> = { bob: 'Bob Builder', alice: 'Alice Admin' };

describe.skipIf(!chromiumPath)('OpenID Connect sign-in in the browser', () => {
  let database: ThrowawayDatabase;
  let db: PrismaClient;
  let provider: Server | undefined;
  let issuer: string;
  let server: AuthServer | undefined;
  let baseUrl: string;
  let browser: BrowserSession;
  let designId: string;
  let ownerCaller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    database = await startThrowawayDatabase();
    db = createPrismaClient(database.url);
    const owner = await createLocalUser(db, { username: 'olivia', password: 'not used here' }, { log2Cost: 14 });
    ownerCaller = createCaller(createInnerContext({ db, actor: { kind: 'user', user: owner } }));
    designId = (await ownerCaller.design.create({ name: DESIGN })).id;
    const [appPort, providerPort] = [await findFreePort(), await findFreePort()];
    issuer = `http://127.0.0.1:${providerPort}`;
    const oidc = new Provider(issuer, {
      clients: [{
        client_id: 'lzsim', client_secret: 'lzsim-test-secret', grant_types: ['authorization_code'], response_types: ['code'],
        redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/oidc/callback`],
      }],
      // Any login name is an account: its claims, as a directory would give them.
      findAccount: (_context, sub) => ({ accountId: sub, claims: () => ({ sub, email: `${sub}@example.com`, preferred_username: sub, name: NAMES[sub] ?? sub }) }),
      claims: { openid: ['sub'], email: ['email'], profile: ['name', 'preferred_username'] },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['lzsim-e2e-cookie-key'] },
    });
    provider = await new Promise<Server>((resolve) => {
      const listening = oidc.listen(providerPort, '127.0.0.1', () => resolve(listening));
    });
    server = await startAuthServer(database.url, {
      port: appPort,
      env: { LZSIM_AUTH: 'oidc', LZSIM_OIDC_ISSUER: issuer, LZSIM_OIDC_CLIENT_ID: 'lzsim', LZSIM_OIDC_CLIENT_SECRET: 'lzsim-test-secret', LZSIM_OIDC_ADMINS: 'alice@example.com' },
    });
    baseUrl = server.baseUrl;
    browser = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => (provider ? provider.close(resolve) : resolve(undefined)));
    await db?.$disconnect();
    await database?.stop();
  });

  /** From lzsim's sign-in page through the provider's login and consent pages, back to `path`. */
  async function signInThroughProvider(page: Page, login: string, path: string): Promise<void> {
    await browser.context.clearCookies();
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('link', { name: 'Sign in with your organization\'s account' }).click();
    await page.waitForURL(new RegExp(`^${issuer}/interaction/`));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password: the provider\'s development login');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
  }

  it('signs a new user in through the provider; they see only the designs granted to them', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await page.screenshot({ path: join(screenshotDir, 'oidc-sign-in.png') });
    await signInThroughProvider(page, 'bob', '/');
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Bob Builder');
    const bob = await db.user.findUniqueOrThrow({ where: { username: 'bob' } });
    expect(bob).toMatchObject({ oidcIssuer: issuer, oidcSubject: 'bob', passwordHash: null, isAdmin: false, displayName: 'Bob Builder' });
    // Nothing is shared with bob yet.
    await page.getByText('0 in total').waitFor();
    expect(await page.getByRole('link', { name: DESIGN }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'oidc-signed-in.png') });

    await ownerCaller.members.set({ designId, username: 'bob', role: 'EDITOR' });
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('link', { name: DESIGN }).waitFor();
  }, 120_000);

  it('records the OIDC user\'s edit under their name, and signs them out', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await createOuUnderRoot(page, 'Platform');
    await expect.poll(() => page.getByTestId('revision').innerText()).toBe('rev 1');
    const change = await db.designChange.findFirstOrThrow({ where: { designId, revision: 1 }, select: { author: true } });
    expect(change.author).toBe('bob');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signed-out=1$/);
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
  }, 120_000);

  it('refuses a callback this browser did not start, and one whose state was changed, saying why', async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(`${baseUrl}/api/auth/oidc/callback?code=stolen&state=forged`, { waitUntil: 'load' });
    await page.waitForURL(/\/sign-in\?error=oidc-refused/);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The sign-in did not complete' }).innerText()).toMatch(/The sign-in did not complete\. This sign-in was not started here/);

    // Started here, but the provider's answer comes back with another state (a forged or replayed link).
    await page.goto(`${baseUrl}/sign-in`, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'Sign in with your organization\'s account' }).click();
    await page.waitForURL(new RegExp(`^${issuer}/interaction/`));
    await page.goto(`${baseUrl}/api/auth/oidc/callback?code=stolen&state=forged`, { waitUntil: 'load' });
    await page.waitForURL(/\/sign-in\?error=oidc-refused/);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The sign-in did not complete' }).innerText()).toMatch(/came back with a state this browser did not send/);
    await page.screenshot({ path: join(screenshotDir, 'oidc-refused.png') });
    expect(await db.session.count()).toBe(0);
  }, 120_000);

  it('makes an address listed in LZSIM_OIDC_ADMINS an administrator, who sees every design', async () => {
    const { page } = browser;
    await signInThroughProvider(page, 'alice', '/');
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Alice Admin');
    expect((await db.user.findUniqueOrThrow({ where: { username: 'alice' } })).isAdmin).toBe(true);
    await page.getByRole('link', { name: DESIGN }).waitFor();
  }, 120_000);
});
