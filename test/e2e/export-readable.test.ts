// Whole-tree exports of a 601-card organization (root, 60 OUs, 540 accounts), read back at 100 %: the test finds
// one account's name in the PNG (where the SVG export of the same tree puts it) and measures the height of its ink
// in pixels; it renders the PDF export with poppler's pdftoppm at 96 dpi (a PDF viewer's 100 %) and measures the
// same name there. Names must be at least 11 px high. Exporting must not change the canvas's zoom. Then one OU's
// subtree from the card's context menu, with policy names on the cards and the cards' key in the legend.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundleOf601 } from '../support/org-601';
import { viewportZoom } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

/** The account whose name the test measures: capitals, ascenders and descenders ("P", "l", "y", "g", "d"). */
const PROBE = 'Playground 317';
const PDFTOPPM = '/usr/bin/pdftoppm';

/**
 * Chooses an export (of the whole tree unless the menu is already open on another scope) and collects every file
 * it downloads (a large PNG comes as tiles).
 */
async function exportWholeTree(page: Page, label: 'PNG image' | 'SVG' | 'PDF', options: { scope?: RegExp; policyNames?: boolean } = {}): Promise<{ name: string; bytes: Buffer }[]> {
  const downloads: Download[] = [];
  const collect = (download: Download) => downloads.push(download);
  page.on('download', collect);
  try {
    const menu = page.getByRole('menu', { name: 'Export' });
    if (!(await menu.isVisible())) await page.getByRole('button', { name: /^Export/ }).click();
    await menu.getByRole('menuitemradio', { name: options.scope ?? /^Whole tree/ }).click();
    const policyNames = menu.getByRole('menuitemcheckbox', { name: 'Policy names on cards' });
    if ((await policyNames.getAttribute('aria-checked')) !== String(options.policyNames ?? false)) await policyNames.click();
    await menu.getByRole('menuitem', { name: new RegExp(`^${label}`) }).click();
    await page.getByRole('status').filter({ hasText: /^Saved / }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
  } finally {
    page.off('download', collect);
  }
  return Promise.all(downloads.map(async (download) => ({ name: download.suggestedFilename(), bytes: readFileSync(await download.path()) })));
}

describe.skipIf(!chromiumPath)('readable PNG export at 601 cards', { timeout: 240_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const report = await apiClient(baseUrl).interchange.importBundle.mutate({ document: bundleOf601(), name: `e2e 601 cards ${Date.now().toString(36)}` });
    designId = report.designId;
    expect(report.counts.organizationalUnits + report.counts.accounts + 1).toBe(601);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('exports the whole tree as PNG with names at least 11 px high, without changing the zoom', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.waitForTimeout(500);
    const zoomBefore = await viewportZoom(page);

    const pngs = await exportWholeTree(page, 'PNG image');
    expect(pngs.length).toBeGreaterThan(0);
    for (const png of pngs) expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await viewportZoom(page)).toBeCloseTo(zoomBefore, 3);

    // Where the name is: the SVG export of the same tree holds its text position in the same units.
    const [svgFile] = await exportWholeTree(page, 'SVG');
    const svg = svgFile.bytes.toString('utf8');
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"[^>]*viewBox="(-?[\d.]+) (-?[\d.]+) /.exec(svg)!;
    const [svgWidth, viewX, viewY] = [Number(size[1]), Number(size[3]), Number(size[4])];
    const text = new RegExp(`<text x="(-?[\\d.]+)" y="(-?[\\d.]+)" font-size="14"[^>]*>${PROBE}</text>`).exec(svg);
    expect(text, `the SVG export names ${PROBE}`).not.toBeNull();
    const [textX, textY] = [Number(text![1]) - viewX, Number(text![2]) - viewY];

    // The tiles in reading order make one picture; find the tile that holds the name and measure its ink there.
    const tiles = pngs.map((png) => {
      const match = /-row-(\d+)-col-(\d+)\.png$/.exec(png.name);
      return { ...png, row: match ? Number(match[1]) : 1, column: match ? Number(match[2]) : 1 };
    });
    const measured = await page.evaluate(async ({ files, svgWidth: widthInUnits, x, y }) => {
      const images = await Promise.all(files.map(async (file) => {
        const image = new Image();
        image.src = `data:image/png;base64,${file.base64}`;
        await image.decode();
        return { image, row: file.row, column: file.column };
      }));
      const columnWidths = new Map<number, number>();
      const rowHeights = new Map<number, number>();
      for (const tile of images) {
        columnWidths.set(tile.column, tile.image.naturalWidth);
        rowHeights.set(tile.row, tile.image.naturalHeight);
      }
      const totalWidth = [...columnWidths.values()].reduce((sum, width) => sum + width, 0);
      const scale = totalWidth / widthInUnits;
      const offset = (sizes: Map<number, number>, index: number) => [...sizes.entries()].filter(([key]) => key < index).reduce((sum, [, value]) => sum + value, 0);
      const px = x * scale;
      const py = y * scale;
      const tile = images.find((candidate) => {
        const left = offset(columnWidths, candidate.column);
        const top = offset(rowHeights, candidate.row);
        return px >= left && px < left + candidate.image.naturalWidth && py >= top && py < top + candidate.image.naturalHeight;
      });
      if (!tile) return { scale, inkHeight: 0, tiles: images.length, width: totalWidth };
      const canvas = document.createElement('canvas');
      canvas.width = tile.image.naturalWidth;
      canvas.height = tile.image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(tile.image, 0, 0);
      // The band from a line above the baseline to half a line below it, over the name's first 120 units.
      const left = Math.round(px - offset(columnWidths, tile.column));
      const baseline = Math.round(py - offset(rowHeights, tile.row));
      const band = context.getImageData(left, baseline - Math.round(16 * scale), Math.round(100 * scale), Math.round(24 * scale));
      const inked: number[] = [];
      for (let row = 0; row < band.height; row++) {
        for (let column = 0; column < band.width; column++) {
          const at = (row * band.width + column) * 4;
          const luminance = 0.2126 * band.data[at] + 0.7152 * band.data[at + 1] + 0.0722 * band.data[at + 2];
          if (luminance < 110) {
            inked.push(row);
            break;
          }
        }
      }
      return { scale, inkHeight: inked.length === 0 ? 0 : inked[inked.length - 1] - inked[0] + 1, tiles: images.length, width: totalWidth };
    }, { files: tiles.map((tile) => ({ base64: tile.bytes.toString('base64'), row: tile.row, column: tile.column })), svgWidth, x: textX, y: textY });

    console.log(`[e2e] 601-card PNG: ${measured.tiles} file(s), ${measured.width} px wide in all, scale ${measured.scale.toFixed(2)}, name ink ${measured.inkHeight} px high`);
    expect(measured.inkHeight).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: join(screenshotDir, 'export-601-canvas.png') });

    // The sheet has a title and the cards' key above the cards.
    expect(/<text [^>]*font-size="16"[^>]*>e2e 601 cards/.test(svg), 'the title').toBe(true);
    expect(/<g data-legend="true">.*>Management account<\/text>.*>SCP n · RCP n: policies attached directly</.test(svg), 'the key').toBe(true);
  });

  // Skipped only off CI: with CI=true (.ci/run installs poppler-utils) a missing pdftoppm fails the case.
  it.skipIf(!existsSync(PDFTOPPM) && process.env.CI !== 'true')('exports the whole tree as a vector PDF whose names are at least 11 px high at 100 %', async () => {
    const { page } = browser;
    const [pdfFile] = await exportWholeTree(page, 'PDF');
    expect(pdfFile.name).toMatch(/-whole-tree\.pdf$/);
    expect(pdfFile.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [svgFile] = await exportWholeTree(page, 'SVG');
    const svg = svgFile.bytes.toString('utf8');
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"[^>]*viewBox="(-?[\d.]+) (-?[\d.]+) /.exec(svg)!;
    const text = new RegExp(`<text x="(-?[\\d.]+)" y="(-?[\\d.]+)" font-size="14"[^>]*>${PROBE}</text>`).exec(svg)!;
    const [sheetWidth, sheetHeight] = [Number(size[1]), Number(size[2])];
    const [textX, textY] = [Number(text[1]) - Number(size[3]), Number(text[2]) - Number(size[4])];

    // The page's size says the scale (one page: the sheet fits 14,400 pt at 1 pt a unit or a little less).
    const dir = mkdtempSync(join(tmpdir(), 'lzsim-pdf-'));
    const pdfPath = join(dir, 'export.pdf');
    writeFileSync(pdfPath, pdfFile.bytes);
    writeFileSync(join(screenshotDir, 'export-601.pdf'), pdfFile.bytes);
    const mediaBox = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdfFile.bytes.toString('latin1'))!;
    const scale = Number(mediaBox[1]) / sheetWidth;
    expect(Number(mediaBox[2]) / sheetHeight).toBeCloseTo(scale, 2);
    // Render at 96 dpi (what a viewer shows at 100 %) the band around the name, as 8-bit grey (PGM), and measure its ink.
    const dpi = 96;
    const px = (units: number) => Math.round((units * scale * dpi) / 72);
    const crop = { x: px(textX), y: px(textY - 16), width: px(100), height: px(24) };
    const rendered = spawnSync(PDFTOPPM, ['-r', String(dpi), '-gray', '-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.width), '-H', String(crop.height), '-singlefile', pdfPath, join(dir, 'band')], { encoding: 'buffer' });
    expect(rendered.status, rendered.stderr?.toString()).toBe(0);
    const pgm = readFileSync(join(dir, 'band.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    const inked: number[] = [];
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        if (pixels[row * width + column] < 110) {
          inked.push(row);
          break;
        }
      }
    }
    const inkHeight = inked.length === 0 ? 0 : inked[inked.length - 1] - inked[0] + 1;
    console.log(`[e2e] 601-card PDF: page ${mediaBox[1]} × ${mediaBox[2]} pt, ${scale.toFixed(2)} pt a unit, name ink ${inkHeight} px high at ${dpi} dpi`);
    expect(inkHeight).toBeGreaterThanOrEqual(11);
  });

  it('exports one OU\'s subtree from the card\'s context menu, with the policy names on its cards', async () => {
    const { page } = browser;
    const search = page.getByRole('combobox', { name: 'Find an OU or account by name or id' });
    await search.fill('Business Unit 7');
    await page.getByRole('option', { name: /Business Unit 7\b/ }).first().waitFor();
    await search.press('Enter');
    const card = page.locator('.react-flow__node-ou[aria-label^="Organizational unit Business Unit 7,"]');
    await card.waitFor();
    await card.click({ button: 'right' });
    await page.getByRole('menu', { name: /^Actions for Business Unit 7/ }).getByRole('menuitem', { name: 'Export this subtree…' }).click();
    const menu = page.getByRole('menu', { name: 'Export' });
    await expect.poll(() => menu.getByRole('menuitemradio', { name: /^Subtree of Business Unit 7/ }).getAttribute('aria-checked')).toBe('true');
    await page.screenshot({ path: join(screenshotDir, 'export-subtree-menu.png') });
    const [svgFile] = await exportWholeTree(page, 'SVG', { scope: /^Subtree of Business Unit 7/, policyNames: true });
    expect(svgFile.name).toBe(`${svgFile.name.split('-subtree-')[0]}-subtree-business-unit-7.svg`);
    const svg = svgFile.bytes.toString('utf8');
    writeFileSync(join(screenshotDir, 'export-subtree.svg'), svg);
    // Business Unit 7 holds Playground 55 to 63 and nothing else.
    const accounts = [...svg.matchAll(/data-kind="account"/g)].length;
    expect(accounts).toBe(9);
    expect(svg.includes('>Playground 55<'), 'Playground 55 is drawn').toBe(true);
    expect(svg.includes('>Playground 54<'), 'Playground 54 (another OU) is not').toBe(false);
    expect(svg.includes('Business Unit 7 and everything under it'), 'the title names the subtree').toBe(true);
    // The policy names, one line each under the name (FullAWSAccess is attached everywhere in this bundle).
    expect([...svg.matchAll(/font-size="11"[^>]*>SCP FullAWSAccess</g)].length).toBe(10);
  });
});
