// The app in a real browser: `next start` on a throwaway database seeded with the sample landing zone
// (see support/global-setup.ts). Screenshots land in test-results/e2e/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SAMPLE_ACCOUNTS, SAMPLE_OUS } from '../../server/db/sample-landing-zone';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

/** OUs and accounts of the seeded sample design, as the tree must show them. */
const SAMPLE_TREE_NAMES = [
  'Security',
  'Log Archive',
  'Audit',
  'Infrastructure',
  'Network',
  'Shared Services',
  'Workloads',
  'Prod',
  'NonProd',
  'Sandbox',
  'Suspended',
];

describe.skipIf(!chromiumPath)('designs in the browser', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let sampleDesignName: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    sampleDesignName = inject('e2eSampleDesignName');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the sample design on the designs page, rendered on the server', async () => {
    const { page } = browser;
    const response = await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // Server-rendered: the row is in the HTML before any client fetch.
    expect(await response?.text()).toContain(sampleDesignName);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: sampleDesignName }) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(Number(cells[2])).toBe(SAMPLE_OUS.length);
    expect(Number(cells[3])).toBe(SAMPLE_ACCOUNTS.length);
    await page.screenshot({ path: join(screenshotDir, 'designs.png'), fullPage: true });
  });

  it('draws the sample organization tree with every OU and account', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.getByRole('link', { name: sampleDesignName }).click();
    await page.waitForURL(/\/designs\/[^/]+$/);
    const graph = page.getByRole('figure', { name: `Organization tree of ${sampleDesignName}` });
    await graph.waitFor();
    await page.locator('.react-flow__node').first().waitFor();

    const nodeNames = await graph.locator('.org-node__name').allInnerTexts();
    for (const name of SAMPLE_TREE_NAMES) expect(nodeNames, `tree shows "${name}"`).toContain(name);
    // One root, and exactly one management account, marked as such.
    await expect.poll(() => graph.locator('.org-node--root').count()).toBe(1);
    await expect.poll(() => graph.getByRole('group', { name: /^Management account / }).count()).toBe(1);
    // Every non-root node hangs from an edge.
    const nodes = await graph.locator('.react-flow__node').count();
    expect(await graph.locator('.react-flow__edge').count()).toBe(nodes - 1);
    await expect.poll(() => page.getByRole('img', { name: 'Organization minimap' }).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'design-tree.png') });
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      // The README's picture of the product: refreshed on request only, so a test run leaves the tree clean.
      await page.screenshot({ path: join(process.cwd(), 'test/e2e/__screenshots__/design-tree.png') });
    }
  });

  it('shows the validation error of the create form, then creates a design and opens it', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    const form = page.getByRole('form', { name: 'Create a design' });
    await form.getByLabel('Name').fill('   ');
    await form.getByRole('button', { name: 'Create design' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toBe('Name is required.');
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(screenshotDir, 'create-invalid.png') });

    const name = `E2E design ${Date.now()}`;
    await form.getByLabel('Name').fill(name);
    await form.getByLabel(/Description/).fill('Created by the browser test.');
    await form.getByRole('button', { name: 'Create design' }).click();
    await page.waitForURL(/\/designs\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'created-design.png') });

    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.getByRole('link', { name }).waitFor();
  });

  it('answers 404 for a design that does not exist', async () => {
    const { page } = browser;
    const response = await page.goto(`${baseUrl}/designs/does-not-exist`, { waitUntil: 'load' });
    expect(response?.status()).toBe(404);
    await page.getByText('There is no design or page at this address.').waitFor();
  });
});
