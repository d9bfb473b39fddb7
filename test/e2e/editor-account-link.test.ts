// A link to one account (/designs/<id>?account=<12-digit id>, as the Identity Center page makes them) on a 601-card
// organization whose first view folds most OUs and cannot show the whole width: the editor unfolds the account's
// path, selects it (the inspector shows it), brings its card into the pane at the readable zoom and gives it the
// keyboard focus. The page streams the tree after the editor's HTML, so the link is taken whatever arrives first.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundleOf601 } from '../support/org-601';
import { card, settleViewport, viewportZoom } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

/** The last OU's last account: its OU starts folded (the first view's card budget is spent on the first OUs). */
const LINKED = { name: 'Playground 537', accountId: '300000000537', ou: 'Business Unit 60' };

describe.skipIf(!chromiumPath)('a link to an account', { timeout: 180_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    designId = (await apiClient(baseUrl).interchange.importBundle.mutate({ document: bundleOf601(), name: `e2e account link ${Date.now().toString(36)}` })).designId;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens the design with the account unfolded, selected, in view and focused', async () => {
    const { page } = browser;
    // Without the link, the account's card is not drawn (its OU is folded, and beyond the pane's right edge).
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await card(page, 'Root').waitFor();
    await settleViewport(page);
    expect(await card(page, LINKED.name).count()).toBe(0);

    await page.goto(`${baseUrl}/designs/${designId}?account=${LINKED.accountId}`, { waitUntil: 'load' });
    const linked = card(page, LINKED.name);
    await linked.waitFor();
    await expect.poll(() => linked.getAttribute('class')).toMatch(/\bselected\b/);
    await page.getByRole('complementary', { name: 'Inspector' }).getByText(LINKED.accountId).first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(new RegExp(`^Account ${LINKED.name}\\b`));
    await settleViewport(page);
    const pane = await page.locator('.org-graph .react-flow').boundingBox();
    const box = await linked.boundingBox();
    expect(pane && box && box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height).toBe(true);
    // The first fit's readable zoom is kept (names of 11 px or more: 14 px at 0.8 at least).
    expect(await viewportZoom(page)).toBeGreaterThanOrEqual(0.8);
    await page.screenshot({ path: join(screenshotDir, 'editor-account-link.png') });
  });
});
