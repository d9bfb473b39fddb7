// Helpers of the editor's browser tests: a fresh copy of the sample design per test file (branched through the
// API, so no test edits the shared sample), card lookup by name, and a mouse drag from one card onto another.
import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { apiClient } from './effective-scenario';
import { screenshotDir } from './support/browser';

/** A branch of the sample landing zone that one test file owns. */
export async function branchSample(baseUrl: string, sampleName: string, label: string): Promise<{ designId: string; name: string }> {
  const api = apiClient(baseUrl);
  const sample = (await api.design.list.query()).find((design) => design.name === sampleName);
  if (!sample) throw new Error(`The sample design "${sampleName}" is not in the test database.`);
  const name = `${label} ${Date.now().toString(36)}`;
  const result = (await api.history.branch.mutate({ designId: sample.id, newName: name })) as { design: { id: string } };
  return { designId: result.design.id, name };
}

/** The parent row id of the OU or account named `name`, as the API reports it. */
export async function parentNameOf(baseUrl: string, designId: string, name: string): Promise<string | null> {
  const tree = await apiClient(baseUrl).org.tree.query({ designId });
  const node = tree.orgUnits.find((ou) => ou.name === name) ?? tree.accounts.find((account) => account.name === name);
  if (!node) throw new Error(`No OU or account named "${name}" in design ${designId}.`);
  if (tree.root?.id === node.parentId) return tree.root.name;
  return tree.orgUnits.find((ou) => ou.id === node.parentId)?.name ?? null;
}

/** The canvas card whose name is exactly `name`. */
export function card(page: Page, name: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.locator('.org-node__name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
}

/** Creates an OU under the root from the root card's edit toolbar, and waits for its card. */
export async function createOuUnderRoot(page: Page, name: string): Promise<void> {
  await card(page, 'Root').click();
  await page.getByRole('toolbar', { name: 'Edit Root' }).getByRole('button', { name: '+ OU' }).click();
  const dialog = page.getByRole('dialog', { name: 'New organizational unit' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create OU' }).click();
  await card(page, name).waitFor();
}

/**
 * Room kept from the pane's edges: a drag within 40 px of an edge makes React Flow pan under the mouse, the
 * canvas toolbar sits at the top and the zoom controls and minimap at the bottom (the legend is docked under the pane).
 */
const PANE_MARGIN = { top: 72, bottom: 110, side: 48 };

/**
 * Pans the canvas, as a person would by dragging the empty background, until every named card lies inside the
 * pane away from its edges (the editor keeps the user's zoom and view, so a card can be off screen). A card not
 * drawn at all (off screen, so not rendered) is first brought into view with the search box.
 */
export async function showCards(page: Page, names: string[]): Promise<void> {
  await settleViewport(page);
  const pane = page.locator('.org-graph .react-flow__pane');
  for (let attempt = 0; attempt < 8; attempt++) {
    const paneBox = await pane.boundingBox();
    if (!paneBox) throw new Error('The canvas is not on screen.');
    const boxes = await Promise.all(names.map(async (name) => ((await card(page, name).count()) > 0 ? card(page, name).boundingBox() : null)));
    const missing = names.find((_, index) => !boxes[index]);
    if (missing) {
      const search = page.getByRole('combobox', { name: 'Find an OU or account by name or id' });
      await search.fill(missing);
      await search.press('Enter');
      await card(page, missing).waitFor();
      await page.waitForTimeout(400);
      continue;
    }
    const bottomMargin = PANE_MARGIN.bottom;
    const left = Math.min(...boxes.map((box) => box!.x));
    const top = Math.min(...boxes.map((box) => box!.y));
    const right = Math.max(...boxes.map((box) => box!.x + box!.width));
    const bottom = Math.max(...boxes.map((box) => box!.y + box!.height));
    const inside =
      left >= paneBox.x + PANE_MARGIN.side && top >= paneBox.y + PANE_MARGIN.top &&
      right <= paneBox.x + paneBox.width - PANE_MARGIN.side && bottom <= paneBox.y + paneBox.height - bottomMargin;
    if (inside) return;
    // Farther apart than the pane holds between its toolbar and controls (a wrapped tree stacks rows tall): zoom out.
    if (right - left > paneBox.width - 2 * PANE_MARGIN.side || bottom - top > paneBox.height - PANE_MARGIN.top - bottomMargin) {
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await settleViewport(page);
      continue;
    }
    const dx = paneBox.x + paneBox.width / 2 - (left + right) / 2;
    const dy = paneBox.y + (PANE_MARGIN.top + paneBox.height - bottomMargin) / 2 - (top + bottom) / 2;
    // Grab a point of the empty background (the pane itself under the mouse, not a card, edge or panel).
    const grip = await page.evaluate(({ x, y, width, height }) => {
      for (let row = 1; row < 12; row++) {
        for (let column = 1; column < 12; column++) {
          const point = { x: x + (width * column) / 12, y: y + (height * row) / 12 };
          if (document.elementFromPoint(point.x, point.y)?.classList.contains('react-flow__pane')) return point;
        }
      }
      return null;
    }, paneBox);
    if (!grip) throw new Error('No empty background on the canvas to pan it by.');
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + dx, grip.y + dy, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(150);
  }
  throw new Error(`Cannot show ${names.join(' and ')} together on the canvas at this zoom.`);
}

/** The canvas's zoom, read from React Flow's viewport transform. */
export async function viewportZoom(page: Page): Promise<number> {
  return page.locator('.org-graph .react-flow__viewport').evaluate((element) => new DOMMatrixReadOnly(getComputedStyle(element).transform).a);
}

/** Waits until the canvas's view stands still (fit on load, a glide to a focused card). */
export async function settleViewport(page: Page): Promise<void> {
  const viewport = page.locator('.org-graph .react-flow__viewport');
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const now = await viewport.evaluate((element) => getComputedStyle(element).transform);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

/** Fits the view, then zooms out until every card is drawn inside the pane (structure checks need the whole tree). */
export async function showWholeTree(page: Page): Promise<void> {
  await settleViewport(page);
  await page.getByRole('button', { name: 'Fit view' }).click();
  for (let attempt = 0; attempt < 8; attempt++) {
    await settleViewport(page);
    // The minimap draws every card; the canvas only those in view.
    const fits = await page.evaluate(() => {
      const pane = document.querySelector('.org-graph .react-flow__pane')?.getBoundingClientRect();
      if (!pane) return false;
      const drawn = [...document.querySelectorAll('.org-graph .react-flow__node')].map((node) => node.getBoundingClientRect());
      const total = document.querySelectorAll('.org-graph .react-flow__minimap-node').length;
      return drawn.length >= total && drawn.every((box) => box.left >= pane.left && box.top >= pane.top && box.right <= pane.right && box.bottom <= pane.bottom);
    });
    if (fits) return;
    await page.getByRole('button', { name: 'Zoom out' }).click();
  }
  throw new Error('The whole tree does not fit on the canvas even zoomed out.');
}

/** Drags the card `from` and drops it on the middle of the card `onto`, moving the mouse in steps as a person would. */
export async function dragCard(page: Page, from: string, onto: string, beforeDrop?: () => Promise<void>): Promise<void> {
  await showCards(page, [from, onto]);
  // The view may still be gliding (centring on a new card): measure once both cards stand still.
  let source = await card(page, from).boundingBox();
  let target = await card(page, onto).boundingBox();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(100);
    const [nextSource, nextTarget] = [await card(page, from).boundingBox(), await card(page, onto).boundingBox()];
    const still = JSON.stringify([nextSource, nextTarget]) === JSON.stringify([source, target]);
    [source, target] = [nextSource, nextTarget];
    if (still) break;
  }
  if (!source || !target) throw new Error(`Cannot drag "${from}" onto "${onto}": one of the cards is not on screen.`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 20, source.y + source.height / 2 + 20, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  // What the drop looked like (drop-target highlight), for reading a failure.
  await page.screenshot({ path: join(screenshotDir, `editor-drag-${from}-onto-${onto}.png`.replaceAll(' ', '-')) });
  await beforeDrop?.();
  await page.mouse.up();
}

/** The names of the cards drawn directly under the card named `parent` (following the drawn edges). */
export async function drawnChildrenOf(page: Page, parent: string): Promise<string[]> {
  return page.evaluate((parentName) => {
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
    const nameOf = (id: string) => nodes.find((node) => node.dataset.id === id)?.querySelector('.org-node__name')?.textContent ?? id;
    const parentId = nodes.find((node) => node.querySelector('.org-node__name')?.textContent === parentName)?.dataset.id;
    return [...document.querySelectorAll<SVGElement>('.react-flow__edge')]
      .map((edge) => edge.dataset.id ?? '')
      .filter((id) => id.startsWith(`${parentId}->`))
      .map((id) => nameOf(id.slice(id.indexOf('->') + 2)));
  }, parent);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
