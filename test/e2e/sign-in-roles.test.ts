// Issue 14, "A shared deployment", in a real browser: a second app server (scripts/app-server.mjs) of the same build with LZSIM_AUTH=local
// on its own throwaway database. An owner signs in through the form and adds an editor and a viewer; the editor
// creates an OU; the viewer sees the read-only editor (no edit toolbar, "View only"); an anonymous visitor opens a
// share link read-only, and after the owner revokes it is told so. Screenshots in test-results/e2e/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../server/api/context';
import { createCaller } from '../../server/api/root';
import { createPrismaClient, type PrismaClient } from '../../server/db/client';
import { createLocalUser } from '../../server/services/auth/sessions';
import { startThrowawayDatabase, type ThrowawayDatabase } from '../support/embedded-db';
import { card, createOuUnderRoot } from './editor-helpers';
import { signInAs as signInThroughForm, startAuthServer, type AuthServer } from './support/auth-server';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const PASSWORD = 'correct horse battery staple';
const DESIGN = 'Shared landing zone';

describe.skipIf(!chromiumPath)('sign-in and per-design roles in the browser', () => {
  let database: ThrowawayDatabase;
  let db: PrismaClient;
  let server: AuthServer | undefined;
  let baseUrl: string;
  let browser: BrowserSession;
  let designId: string;
  let shareUrl: string;

  beforeAll(async () => {
    database = await startThrowawayDatabase();
    db = createPrismaClient(database.url);
    const owner = await createLocalUser(db, { username: 'olivia', displayName: 'Olivia Owner', password: PASSWORD }, { log2Cost: 14 });
    await createLocalUser(db, { username: 'eddie', password: PASSWORD }, { log2Cost: 14 });
    await createLocalUser(db, { username: 'vera', password: PASSWORD }, { log2Cost: 14 });
    designId = (await createCaller(createInnerContext({ db, actor: { kind: 'user', user: owner } })).design.create({ name: DESIGN })).id;
    server = await startAuthServer(database.url);
    baseUrl = server.baseUrl;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.$disconnect();
    await database?.stop();
  });

  /** Signs in through the form from a fresh cookie jar, landing on `path`. */
  const signInAs = (username: string, path: string) => signInThroughForm(browser, baseUrl, username, PASSWORD, path);

  it('turns a wrong password away, then signs the owner in, who adds members and makes a share link', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await page.getByLabel('User name').fill('olivia');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password.' }).waitFor();

    await signInAs('olivia', `/designs/${designId}`);
    await card(page, 'Root').waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Olivia Owner');
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Members and share links' });
    await dialog.getByTestId('member-olivia').waitFor();
    for (const [name, role] of [['eddie', 'EDITOR'], ['vera', 'VIEWER']] as const) {
      await dialog.getByLabel('User name').fill(name);
      await dialog.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
      await dialog.getByRole('button', { name: 'Add member' }).click();
      await dialog.getByTestId(`member-${name}`).waitFor();
    }
    await dialog.getByLabel('User name').fill('nobody');
    await dialog.getByRole('button', { name: 'Add member' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'There is no user named "nobody".' }).waitFor();
    await dialog.getByRole('button', { name: 'Create a share link' }).click();
    shareUrl = await dialog.getByLabel('New share link').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${baseUrl}/share/[A-Za-z0-9_-]{43}$`));
    await page.screenshot({ path: join(screenshotDir, 'sign-in-owner-members.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, 240_000);

  it('the editor edits: a new OU from the canvas toolbar, recorded under their name', async () => {
    const { page } = browser;
    await signInAs('eddie', `/designs/${designId}`);
    await createOuUnderRoot(page, 'Platform');
    await expect.poll(() => page.getByTestId('revision').innerText()).toBe('rev 1');
    const change = await db.designChange.findFirstOrThrow({ where: { designId, revision: 1 }, select: { author: true } });
    expect(change.author).toBe('eddie');
  }, 120_000);

  it('the viewer sees the design read-only: no edit toolbar, no undo, a "View only" badge', async () => {
    const { page } = browser;
    await signInAs('vera', `/designs/${designId}`);
    await card(page, 'Platform').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByRole('toolbar', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Undo/ }).count()).toBe(0);
    // The context menu keeps only what changes the view.
    await card(page, 'Root').click({ button: 'right' });
    expect(await page.getByRole('menuitem', { name: /New OU/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Members' }).click();
    const dialog = page.getByRole('dialog', { name: 'Members and share links' });
    await dialog.getByText('Only owners change members.').waitFor();
    await dialog.getByTestId('member-vera').waitFor();
    expect(await dialog.getByRole('button', { name: 'Create a share link' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'sign-in-viewer-read-only.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, 120_000);

  it('a share link opens the design read-only without an account, until the owner revokes it', async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(shareUrl, { waitUntil: 'load' });
    await page.waitForURL(`${baseUrl}/designs/${designId}`);
    await card(page, 'Platform').waitFor();
    await page.getByTestId('read-only').waitFor();
    await page.getByText('Viewing a shared design (read-only)').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'sign-in-share-link.png') });
    const shareCookies = await browser.context.cookies();

    await signInAs('olivia', `/designs/${designId}`);
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Members and share links' });
    await dialog.getByTestId('share-link').getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByTestId('share-link').getByText(/revoked/).waitFor();

    await browser.context.clearCookies();
    await browser.context.addCookies(shareCookies);
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.waitForURL(/\/shared-link\?status=revoked$/);
    await page.getByRole('heading', { name: 'This share link was revoked' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'sign-in-share-link-revoked.png') });
  }, 240_000);
});
