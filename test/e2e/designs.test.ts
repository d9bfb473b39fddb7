// The app in a real browser: its production server (scripts/app-server.mjs) on a throwaway database seeded with the sample landing zone
// (see support/global-setup.ts). Screenshots land in test-results/e2e/.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from './effective-scenario';
import { SAMPLE_ACCOUNTS, SAMPLE_OUS } from '../../server/db/sample-landing-zone';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

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
    // The side panel's fields stay inside their forms: a file input's intrinsic width ("No file chosen") once
    // widened the import form's grid past the panel's border.
    const spilling = await page.evaluate(() => [...document.querySelectorAll('form')].flatMap((form) => {
      const edge = form.getBoundingClientRect().right;
      return [...form.querySelectorAll('input, textarea, select, button')]
        .filter((field) => field.getBoundingClientRect().right > edge + 0.5)
        .map((field) => `${form.getAttribute('aria-label') ?? 'form'}: ${field.id || field.textContent}`);
    }));
    expect(spilling).toEqual([]);
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
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);

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

  it('renames, duplicates and deletes a design from the designs page, with confirmation and undo', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const stamp = Date.now().toString(36);
    const design = await api.design.create.mutate({ name: `e2e manage ${stamp}` });
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

    await rowOf(design.name).getByRole('button', { name: `Rename ${design.name}` }).click();
    const renamed = `e2e managed ${stamp}`;
    await page.getByLabel(`New name for ${design.name}`).fill(renamed);
    await page.getByRole('button', { name: 'Save' }).click();
    await rowOf(renamed).waitFor();
    expect((await api.design.get.query({ designId: design.id })).name).toBe(renamed);

    await rowOf(renamed).getByRole('button', { name: `Duplicate ${renamed}` }).click();
    const copy = `Copy of ${renamed}`;
    await rowOf(copy).waitFor();

    await rowOf(copy).getByRole('button', { name: `Delete ${copy}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete “${copy}”?` });
    await confirm.getByRole('button', { name: 'Delete design' }).click();
    await expect.poll(() => rowOf(copy).count()).toBe(0);
    await page.getByRole('status').filter({ hasText: `Deleted “${copy}”.` }).getByRole('button', { name: 'Undo' }).click();
    await rowOf(copy).waitFor();
    expect((await api.design.list.query()).some((entry) => entry.name === copy)).toBe(true);

    // Deleted for good once the page is left (or the undo window closes).
    await rowOf(copy).getByRole('button', { name: `Delete ${copy}` }).click();
    await confirm.getByRole('button', { name: 'Delete design' }).click();
    await expect.poll(() => rowOf(copy).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'designs-undo-delete.png') });
    await page.reload({ waitUntil: 'load' });
    await expect.poll(async () => (await api.design.list.query()).some((entry) => entry.name === copy)).toBe(false);
    await rowOf(renamed).waitFor();
  });

  it('imports a bundle and a zipped folder of AWS CLI outputs, and lists a broken file\'s problems by JSON path', async () => {
    const { page } = browser;
    const stamp = Date.now().toString(36);
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    const form = page.getByRole('form', { name: 'Import a design' });
    const importFile = async (path: string, name: string) => {
      await form.getByLabel('File').setInputFiles(path);
      await form.getByLabel('Name (optional)').fill(name);
      await form.getByRole('button', { name: 'Import' }).click();
    };

    await importFile(join(process.cwd(), 'test/fixtures/bundles/sample-org.json'), `e2e import bundle ${stamp}`);
    await form.getByRole('status').filter({ hasText: `Imported e2e import bundle ${stamp}` }).waitFor();

    const zip = join(screenshotDir, `cli-folder-${stamp}.zip`);
    execFileSync('zip', ['-q', '-r', zip, 'sample-org'], { cwd: join(process.cwd(), 'test/fixtures/aws-cli') });
    await importFile(zip, `e2e import zip ${stamp}`);
    await form.getByRole('status').filter({ hasText: `Imported e2e import zip ${stamp}` }).waitFor();

    const broken = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/bundles/sample-org.json'), 'utf8')) as { Accounts: { Id: string }[] };
    broken.Accounts[1].Id = 'not-an-account';
    const brokenFile = join(screenshotDir, `broken-${stamp}.json`);
    writeFileSync(brokenFile, JSON.stringify(broken));
    await importFile(brokenFile, `e2e import broken ${stamp}`);
    const problems = form.getByRole('table', { name: 'Import problems' });
    await problems.waitFor();
    const paths = await problems.locator('tbody td.mono').allInnerTexts();
    expect(paths.some((path) => path.startsWith('$.Accounts[1]'))).toBe(true);
    expect(await form.getByRole('alert').innerText()).not.toMatch(/Too small|expected string/);
    await page.screenshot({ path: join(screenshotDir, 'designs-import-problems.png'), fullPage: true });
    const names = (await apiClient(baseUrl).design.list.query()).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining([`e2e import bundle ${stamp}`, `e2e import zip ${stamp}`]));
    expect(names).not.toContain(`e2e import broken ${stamp}`);
  });
});
