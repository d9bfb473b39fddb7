// Diagram exports in a real browser, read back through playwright's download API: PNG (signature and size),
// SVG (parses, every visible account name as text, no script or foreignObject), draw.io (XML with one cell per
// node and per edge), Mermaid (a flowchart), and the JSON bundle; with the effective view's colours and legend.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDenyScenario, type DenyScenario } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

type ExportLabel = 'PNG image' | 'SVG' | 'draw.io' | 'Mermaid' | 'JSON bundle';

/** Chooses an export in the top bar's menu and returns the downloaded file. */
async function exportFile(page: Page, label: ExportLabel, scope: 'Current view' | 'Whole tree' = 'Current view'): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByRole('button', { name: /^Export/ }).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  await menu.getByRole('menuitemradio', { name: new RegExp(`^${scope}`) }).click();
  const downloading = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: new RegExp(`^${label.replace('.', '\\.')}`) }).click();
  const download = await downloading;
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

/** Parses XML in the page (the browser's own DOMParser) and reports what the test checks. */
async function inspectXml(page: Page, text: string, mime: 'image/svg+xml' | 'application/xml') {
  return page.evaluate(([source, type]) => {
    const doc = new DOMParser().parseFromString(source, type as DOMParserSupportedType);
    const error = doc.querySelector('parsererror');
    return {
      error: error ? error.textContent : null,
      root: doc.documentElement.nodeName,
      texts: [...doc.querySelectorAll('text')].map((node) => node.textContent ?? ''),
      scripts: doc.querySelectorAll('script').length,
      foreignObjects: doc.getElementsByTagName('foreignObject').length,
      // draw.io vertices are <object label=…> around their mxCell (the object holds the shape data).
      vertices: [...doc.querySelectorAll('object > mxCell[vertex="1"]')].map((cell) => cell.parentElement?.getAttribute('label') ?? ''),
      shapes: [...doc.querySelectorAll('object > mxCell[vertex="1"]')].map((cell) => /shape=(mxgraph\.aws4\.[A-Za-z_]+)/.exec(cell.getAttribute('style') ?? '')?.[1] ?? ''),
      policies: [...doc.querySelectorAll('object[policies]')].map((object) => object.getAttribute('policies') ?? ''),
      edges: doc.querySelectorAll('mxCell[edge="1"]').length,
    };
  }, [text, mime] as const);
}

describe.skipIf(!chromiumPath)('diagram export', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let scenario: DenyScenario;
  let visibleAccounts: string[];
  let visibleNodes: number;
  let visibleEdges: number;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    scenario = await createDenyScenario(baseUrl, 'e2e export');
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${scenario.designId}`, { waitUntil: 'load' });
    await page.locator('.react-flow__node').filter({ hasText: scenario.deniedAccount }).waitFor();
    // Colour the cards: exports carry the effective view's statuses and legend.
    await page.getByRole('radio', { name: 'Effective' }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('root');
    await bar.getByRole('combobox', { name: 'Action' }).fill('s3:DeleteBucket');
    await bar.getByRole('combobox', { name: 'Action' }).press('Escape');
    await bar.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status', { name: 'Effective permission result' }).waitFor();
    const accountCards = page.locator('.react-flow__node-account');
    await page.locator('.react-flow__node').filter({ hasText: 'Explicit deny' }).first().waitFor();
    visibleAccounts = (await accountCards.locator('.org-node__name').allInnerTexts()).map((name) => name.trim());
    visibleNodes = await page.locator('.react-flow__node').count();
    visibleEdges = await page.locator('.react-flow__edge').count();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('exports a PNG with the PNG signature and the size of the drawn tree', async () => {
    expect(visibleAccounts).toEqual(expect.arrayContaining([scenario.deniedAccount, scenario.openAccount]));
    const { download, bytes } = await exportFile(browser.page, 'PNG image');
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    await download.saveAs(join(screenshotDir, 'export-view.png'));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    // One canvas unit per pixel or more (names stay readable), one tile at most 12,000 px a side.
    expect(width).toBeGreaterThanOrEqual(320);
    expect(height).toBeGreaterThanOrEqual(200);
    expect(width).toBeLessThanOrEqual(12_000);
    expect(height).toBeLessThanOrEqual(12_000);
  });

  it('exports the whole tree as a PNG too (rasterized SVG)', async () => {
    const { download, bytes } = await exportFile(browser.page, 'PNG image', 'Whole tree');
    await download.saveAs(join(screenshotDir, 'export-whole-tree.png'));
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(100);
  });

  it('exports an SVG that parses, keeps every visible account name as text and has no script or foreignObject', async () => {
    // Written in a worker, off the page's main thread, which the page's CSP lets start (no violation reported).
    const workers: string[] = [];
    const refusals: string[] = [];
    const onWorker = (worker: { url(): string }) => workers.push(worker.url());
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refusals.push(message.text());
    };
    browser.page.on('worker', onWorker);
    browser.page.on('console', onConsole);
    const { download, bytes } = await exportFile(browser.page, 'SVG').finally(() => {
      browser.page.off('worker', onWorker);
      browser.page.off('console', onConsole);
    });
    expect(workers, 'the export ran in a worker').toHaveLength(1);
    expect(refusals).toEqual([]);
    expect(download.suggestedFilename()).toMatch(/\.svg$/);
    await download.saveAs(join(screenshotDir, 'export-view.svg'));
    const svg = bytes.toString('utf8');
    const parsed = await inspectXml(browser.page, svg, 'image/svg+xml');
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.scripts).toBe(0);
    expect(parsed.foreignObjects).toBe(0);
    for (const name of visibleAccounts) expect(parsed.texts, `SVG names ${name}`).toContain(name);
    // The effective view's legend travels with the picture.
    expect(parsed.texts).toEqual(expect.arrayContaining(['Allowed', 'Explicit deny', 'Implicit deny', 'Depends on conditions']));
  });

  it('exports draw.io XML with one AWS-shaped vertex per node and one cell per edge', async () => {
    const { download, bytes } = await exportFile(browser.page, 'draw.io');
    expect(download.suggestedFilename()).toMatch(/\.drawio$/);
    const parsed = await inspectXml(browser.page, bytes.toString('utf8'), 'application/xml');
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('mxfile');
    expect(parsed.edges).toBe(visibleEdges);
    expect(parsed.vertices).toHaveLength(visibleNodes);
    for (const name of visibleAccounts) expect(parsed.vertices.some((value) => value.includes(name)), `draw.io names ${name}`).toBe(true);
    // AWS's Organizations shapes from diagrams.net's AWS library, and the attached policies in the shape data.
    const awsShapes = ['mxgraph.aws4.resourceIcon', 'mxgraph.aws4.organizations_organizational_unit', 'mxgraph.aws4.organizations_account', 'mxgraph.aws4.organizations_management_account'];
    for (const shape of parsed.shapes) expect(awsShapes).toContain(shape);
    expect(parsed.shapes).toEqual(expect.arrayContaining(['mxgraph.aws4.resourceIcon', 'mxgraph.aws4.organizations_account']));
    expect(parsed.policies.some((names) => names.includes('FullAWSAccess'))).toBe(true);
    await download.saveAs(join(screenshotDir, 'export-view.drawio'));
  });

  it('exports a Mermaid flowchart naming the accounts', async () => {
    const { download, bytes } = await exportFile(browser.page, 'Mermaid');
    expect(download.suggestedFilename()).toMatch(/\.mmd$/);
    const text = bytes.toString('utf8');
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text).toMatch(/^(%%[^\n]*\n)*\s*flowchart (TD|TB)/m);
    for (const name of visibleAccounts) expect(text).toContain(name);
  });

  it('exports the design as the JSON bundle', async () => {
    const { download, bytes } = await exportFile(browser.page, 'JSON bundle');
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const bundle = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(JSON.stringify(bundle)).toContain(scenario.deniedAccount);
    await browser.page.screenshot({ path: join(screenshotDir, 'export-menu.png') });
  });
});
