// The graph editor in a real browser, on a branch of the sample landing zone: create an OU, drag an account into
// it, reload (the move persisted); a drop AWS refuses (an OU into its own subtree) shows AWS's reason and changes
// nothing; undo and redo step through the moves; search, keyboard and context menu reach the same commands.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { branchSample, card, dragCard, drawnChildrenOf, parentNameOf, showCards, showWholeTree, viewportZoom } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

/** Whether a card (by name, or a locator) lies wholly inside the canvas's pane. */
async function isInPane(page: Page, name: string | Locator): Promise<boolean> {
  const pane = await page.locator('.org-graph .react-flow').boundingBox();
  const box = await (typeof name === 'string' ? card(page, name) : name).boundingBox();
  if (!pane || !box) return false;
  return box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height;
}

/** The sample's cards directly under the root, by the start of their accessible names (an OU and an account share "Sandbox"). */
const FIRST_LEVEL = ['Organizational unit Security,', 'Organizational unit Infrastructure,', 'Organizational unit Workloads,', 'Organizational unit Sandbox,', 'Organizational unit Suspended,', 'Management account Management '];

/** The canvas card whose accessible name starts with `label`. */
function cardLabelled(page: Page, label: string): Locator {
  return page.locator(`.react-flow__node[aria-label^="${label}"]`);
}

/** A card's name as the eye gets it: the name's font size times the canvas's zoom, in screen pixels. */
async function renderedNameSize(page: Page, label: string): Promise<number> {
  const fontSize = await cardLabelled(page, label).locator('.org-node__name').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  return fontSize * (await viewportZoom(page));
}

/** Waits until the viewport stops changing after the first fit (two equal readings a frame apart). */
async function settleOpenView(page: Page): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const now = await page.evaluate(() => document.querySelector<HTMLElement>('.org-graph .react-flow__viewport')?.style.transform ?? '');
    if (now !== '' && now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

describe.skipIf(!chromiumPath)('graph editor', { timeout: 180_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    ({ designId } = await branchSample(baseUrl, inject('e2eSampleDesignName'), 'e2e editor'));
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const open = async () => {
    await browser.page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await card(browser.page, 'Root').waitFor();
  };

  it('opens the sample with names of 11 px or more on screen, the inspector closed until a card is selected', async () => {
    const { page } = browser;
    await open();
    await settleOpenView(page);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    // Nothing selected: the inspector would only say "select something", so the canvas has its width.
    expect(await inspector.isVisible()).toBe(false);
    const paneWidth = (await page.locator('.org-graph .react-flow').boundingBox())!.width;
    expect(paneWidth).toBeGreaterThan(1100);
    // A card's name: its font size times the zoom is what the eye gets (14 px names, zoom >= 0.8).
    const nameSize = await page.evaluate(() => {
      const name = document.querySelector<HTMLElement>('.org-graph .react-flow__node .org-node__name')!;
      const zoom = Number(/scale\(([\d.e-]+)\)/.exec(document.querySelector<HTMLElement>('.org-graph .react-flow__viewport')!.style.transform)![1]);
      return parseFloat(getComputedStyle(name).fontSize) * zoom;
    });
    expect(nameSize).toBeGreaterThanOrEqual(11);
    expect(await isInPane(page, 'Root')).toBe(true);
    // The whole first level (five OUs and the management account's column: 1,512 px wide in one row at this zoom)
    // wraps into rows under the root, so every card of it is in view, each name drawn at 11 px or more.
    expect(await page.locator('.react-flow__node[aria-label*=", level 1"]').count()).toBe(5);
    for (const label of FIRST_LEVEL) {
      expect(await isInPane(page, cardLabelled(page, label)), `${label} in view`).toBe(true);
      expect(await renderedNameSize(page, label), `${label} name size`).toBeGreaterThanOrEqual(11);
    }
    // The open legend is docked under the pane, so no card, drawn at any zoom, can lie under it (it used to float
    // over the pane's bottom and covered the sample's lowest row).
    const legend = (await page.locator('.org-graph details.legend-fold').boundingBox())!;
    const pane = (await page.locator('.org-graph .react-flow').boundingBox())!;
    expect(await page.locator('.org-graph details.legend-fold').getAttribute('open')).not.toBeNull();
    expect(legend.y).toBeGreaterThanOrEqual(pane.y + pane.height - 1);
    await page.screenshot({ path: join(screenshotDir, 'editor-open-readable.png') });
    // Selecting a card brings the inspector back with its details.
    await card(page, 'Security').click();
    await inspector.getByRole('heading', { name: 'Security' }).waitFor();
    expect(await inspector.isVisible()).toBe(true);
  });

  it('creates an OU from the toolbar, drags an account into it, and the move survives a reload', async () => {
    const { page } = browser;
    await open();
    await card(page, 'Root').click();
    await page.getByRole('toolbar', { name: 'Edit Root' }).getByRole('button', { name: '+ OU' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organizational unit' });
    // The API's validation shows next to the field.
    await dialog.getByRole('button', { name: 'Create OU' }).click();
    await expect.poll(() => dialog.locator('.field__error').innerText()).toMatch(/Name is required/);
    await dialog.getByLabel('Name').fill('Platform Team');
    await dialog.getByRole('button', { name: 'Create OU' }).click();
    await card(page, 'Platform Team').waitFor();
    await expect.poll(() => page.getByTestId('revision').innerText()).toBe('rev 1');
    // Creating a node keeps the root in view (the new card was visible anyway, so the view did not move).
    await page.waitForTimeout(500);
    expect(await isInPane(page, 'Root')).toBe(true);

    // The user's zoom survives the drop, and the moved card stays in view.
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.waitForTimeout(400);
    const zoomBefore = await viewportZoom(page);
    await dragCard(page, 'Network', 'Platform Team');
    await page.getByRole('status').filter({ hasText: 'Moved Network into Platform Team' }).waitFor();
    await page.waitForTimeout(800);
    expect(await viewportZoom(page)).toBeCloseTo(zoomBefore, 3);
    expect(await isInPane(page, 'Network')).toBe(true);
    await expect.poll(() => drawnChildrenOf(page, 'Platform Team')).toEqual(['Network']);
    expect(await parentNameOf(baseUrl, designId, 'Network')).toBe('Platform Team');

    await page.reload({ waitUntil: 'load' });
    await card(page, 'Platform Team').waitFor();
    await expect.poll(() => drawnChildrenOf(page, 'Platform Team')).toEqual(['Network']);
    expect(await drawnChildrenOf(page, 'Infrastructure')).not.toContain('Network');
    await page.screenshot({ path: join(screenshotDir, 'editor-after-move.png') });
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      // The README's picture of the editor: an OU selected, its policies in the inspector. On request only.
      await card(page, 'Workloads').click();
      await page.mouse.move(1, 1);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(process.cwd(), 'test/e2e/__screenshots__/editor.png') });
    }
  });

  it("refuses a drop AWS would refuse, with AWS's reason, and the OU stays where it was", async () => {
    const { page } = browser;
    // The cue comes from the same rules as the server's, before anything is sent.
    await dragCard(page, 'Workloads', 'Prod', async () => {
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cannot drop here' }).innerText()).toMatch(/into itself or one of its descendants/);
      expect(await card(page, 'Prod').evaluate((element) => element.classList.contains('is-drop-refused'))).toBe(true);
    });
    const alert = page.getByRole('alert').filter({ hasText: 'Workloads stays where it was' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/InvalidInputException \(MOVE_INTO_OWN_SUBTREE\)/);
    expect(await parentNameOf(baseUrl, designId, 'Workloads')).toBe('Root');
    await showWholeTree(page);
    await expect.poll(() => drawnChildrenOf(page, 'Root')).toContain('Workloads');
    await expect.poll(() => drawnChildrenOf(page, 'Workloads')).toEqual(expect.arrayContaining(['Prod', 'NonProd']));
    await page.screenshot({ path: join(screenshotDir, 'editor-refused-drop.png') });
  });

  it('undoes the move with Ctrl-Z and redoes it with the Redo button', async () => {
    const { page } = browser;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await showWholeTree(page);
    await expect.poll(() => parentNameOf(baseUrl, designId, 'Network')).toBe('Infrastructure');
    await expect.poll(() => drawnChildrenOf(page, 'Infrastructure')).toContain('Network');
    await expect.poll(() => drawnChildrenOf(page, 'Platform Team')).toEqual([]);

    await page.getByRole('button', { name: 'Redo' }).click();
    await showWholeTree(page);
    await expect.poll(() => parentNameOf(baseUrl, designId, 'Network')).toBe('Platform Team');
    await expect.poll(() => drawnChildrenOf(page, 'Platform Team')).toEqual(['Network']);
  });

  it('finds an account with the search box, then walks the tree with the arrow keys', async () => {
    const { page } = browser;
    await page.keyboard.press('/');
    const search = page.getByRole('combobox', { name: 'Find an OU or account by name or id' });
    await search.fill('payments pr');
    await page.getByRole('option', { name: /Payments Prod/ }).waitFor();
    await search.press('Enter');
    const payments = card(page, 'Payments Prod');
    await expect.poll(() => payments.getAttribute('class')).toMatch(/\bselected\b/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Account Payments Prod/);
    await page.getByRole('complementary', { name: 'Inspector' }).getByText('Payments Prod').first().waitFor();

    // Left goes to the parent OU, Left again folds it (its card then says what it hides), Right unfolds it.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => card(page, 'Prod').getAttribute('class')).toMatch(/\bselected\b/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => card(page, 'Prod').getAttribute('aria-label')).toMatch(/folded: 2 accounts hidden/);
    expect(await card(page, 'Payments Prod').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await card(page, 'Payments Prod').waitFor();
  });

  it('renames an OU from its context menu and deletes it again, naming AWS’s refusal while it is not empty', async () => {
    const { page } = browser;
    // Only visible cards are drawn: bring the OU into view first.
    await showCards(page, ['Platform Team']);
    await card(page, 'Platform Team').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for Platform Team' });
    await menu.getByRole('menuitem', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename organizational unit' });
    await rename.getByLabel('Name').fill('Platform');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await card(page, 'Platform').waitFor();

    // Not empty (Network is inside): AWS refuses DeleteOrganizationalUnit.
    await card(page, 'Platform').focus();
    await page.keyboard.press('Delete');
    const remove = page.getByRole('dialog', { name: 'Delete Platform?' });
    await remove.getByRole('button', { name: 'Delete OU' }).click();
    await expect.poll(() => remove.getByRole('alert').innerText()).toMatch(/OrganizationalUnitNotEmptyException/);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await page.screenshot({ path: join(screenshotDir, 'editor.png') });
  });

  it('pins a card dropped on empty canvas (kept after a reload, marked), and Re-layout or its pin gives it back', async () => {
    const { page } = browser;
    const name = 'Payments Prod';
    const pinButton = card(page, name).getByRole('button', { name: `Return ${name} to the automatic layout` });
    await showCards(page, [name]);
    const automatic = await flowPositionOf(page, name);
    const dropOnEmptyCanvas = async () => {
      await showCards(page, [name]);
      const box = (await card(page, name).boundingBox())!;
      const spot = await emptySpotNear(page, box);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(spot.x, spot.y, { steps: 8 });
      await page.mouse.up();
      await pinButton.waitFor();
    };
    await dropOnEmptyCanvas();
    const pinned = await flowPositionOf(page, name);
    expect(pinned).not.toEqual(automatic);
    expect(await parentNameOf(baseUrl, designId, name)).toBe('Prod');

    await page.reload({ waitUntil: 'load' });
    await card(page, 'Root').waitFor();
    await showCards(page, [name]);
    await pinButton.waitFor();
    expect(await flowPositionOf(page, name)).toEqual(pinned);
    await page.screenshot({ path: join(screenshotDir, 'editor-pinned-card.png') });
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await expect.poll(() => pinButton.count()).toBe(0);
    expect(await flowPositionOf(page, name)).toEqual(automatic);

    await dropOnEmptyCanvas();
    await pinButton.click();
    await expect.poll(() => flowPositionOf(page, name)).toEqual(automatic);
    // The pin and the unpin right after it reach the server in that order (they once raced, and the pin won).
    await expect.poll(async () => (await apiClient(baseUrl).org.cardPositions.query({ designId })).pins.length).toBe(0);
    await page.reload({ waitUntil: 'load' });
    await card(page, 'Root').waitFor();
    await showCards(page, [name]);
    expect(await pinButton.count()).toBe(0);
  });
});

/** A card's position in canvas coordinates (React Flow's transform on the node). */
async function flowPositionOf(page: Page, name: string): Promise<string> {
  return (await card(page, name).evaluate((element) => (element as HTMLElement).style.transform)) ?? '';
}

/** A screen point on empty canvas (no card under it, away from the pane's edges) near the box. */
async function emptySpotNear(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<{ x: number; y: number }> {
  const spot = await page.evaluate((from) => {
    const pane = document.querySelector('.org-graph .react-flow__pane')!.getBoundingClientRect();
    for (let distance = 160; distance < 700; distance += 40) {
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, 1], [1, -1], [-1, -1]]) {
        const x = from.x + from.width / 2 + dx * distance;
        const y = from.y + from.height / 2 + dy * distance * 0.6;
        if (x < pane.left + 80 || x > pane.right - 80 || y < pane.top + 100 || y > pane.bottom - 150) continue;
        // Room for the whole card around the drop point: nothing but the pane under its corners.
        const corners = [[x - from.width / 2 - 10, y - from.height / 2 - 10], [x + from.width / 2 + 10, y + from.height / 2 + 10], [x - from.width / 2 - 10, y + from.height / 2 + 10], [x + from.width / 2 + 10, y - from.height / 2 - 10], [x, y]];
        if (corners.every(([cx, cy]) => document.elementFromPoint(cx, cy)?.classList.contains('react-flow__pane'))) return { x, y };
      }
    }
    return null;
  }, box);
  if (!spot) throw new Error('No empty canvas near the card to drop it on.');
  return spot;
}
