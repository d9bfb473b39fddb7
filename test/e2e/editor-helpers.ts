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

/** Drags the card `from` and drops it on the middle of the card `onto`, moving the mouse in steps as a person would. */
export async function dragCard(page: Page, from: string, onto: string, beforeDrop?: () => Promise<void>): Promise<void> {
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
