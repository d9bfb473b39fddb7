// The access view in a real browser, on a branch of the seeded sample landing zone (server/db/sample-landing-zone.ts):
// ask who can create a CloudFormation stack in Web Prod and follow the two-hop path CodeBuild → Shared Services
// pipeline → SharedServicesDeploy; click an edge for its trust statement and trace; see the legacy partner's
// confused-deputy finding and archive it (recorded in the history); create a role with a trust policy in the account
// panel and see its edge appear in the access view and as an arrow on the org graph, whose edges open their trust
// statement and trace; fold the accounts into cards and unfold one.
// Role chaining: docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html; findings:
// docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html and confused-deputy.html.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEPLOY_ROLE_NAME, sampleAccount } from '../../server/db/sample-landing-zone';
import { generatedAccessBundle } from '../support/generated-access-bundle';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

/**
 * Measures, in the page, every drawn edge line against every drawn card (principal cards and folded accounts): the
 * path is walked every 4 px of its length (SVG getPointAtLength, mapped to the screen by its CTM) and a point
 * further than 1.5 px inside a card's box is a crossing. An edge's own ends touch its cards' sides, which is not
 * inside. Returns how many edges and cards were measured and the crossings found (edge id, card id).
 */
async function edgeCrossings(page: Page): Promise<{ edges: number; cards: number; crossings: string[] }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.access-view__canvas')!;
    const cards = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node-principal, .react-flow__node-group:has(> .access-group--folded)')]
      .map((card) => ({ id: card.dataset.id ?? '', box: card.getBoundingClientRect() }));
    const paths = [...canvas.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')];
    const crossings: string[] = [];
    for (const path of paths) {
      const matrix = path.getScreenCTM();
      if (!matrix) continue;
      const length = path.getTotalLength();
      const edgeId = path.closest<SVGGElement>('.react-flow__edge')?.dataset.id ?? '';
      for (let at = 0; at <= length; at += 4) {
        const onPath = path.getPointAtLength(at);
        const point = new DOMPoint(onPath.x, onPath.y).matrixTransform(matrix);
        const inside = cards.find(({ box }) => point.x > box.left + 1.5 && point.x < box.right - 1.5 && point.y > box.top + 1.5 && point.y < box.bottom - 1.5);
        if (inside) {
          crossings.push(`${edgeId} through ${inside.id}`);
          break;
        }
      }
    }
    return { edges: paths.length, cards: cards.length, crossings };
  });
}

/** A point of a drawn route outside the span of its two cards (flow coordinates), and on which side of the span. */
interface RouteDetour {
  edgeId: string;
  point: { x: number; y: number };
  side: 'above' | 'below' | 'left' | 'right';
}

/**
 * Finds, among the drawn edges (every edge must be in view), the route point furthest outside the span of the edge's
 * two cards: a route starts on its source card's right side and ends on its target card's left side, so its ends name
 * the cards. Paths are drawn in flow coordinates; cards are read from the screen and mapped back through the viewport.
 */
async function routeDetour(page: Page): Promise<RouteDetour | undefined> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.access-view__canvas')!;
    const flow = canvas.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
    const [, tx, ty, zoom] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(canvas.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)!.map(Number);
    const cards = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node-principal')].map((card) => {
      const box = card.getBoundingClientRect();
      return { x: (box.left - flow.left - tx) / zoom, y: (box.top - flow.top - ty) / zoom, x2: (box.right - flow.left - tx) / zoom, y2: (box.bottom - flow.top - ty) / zoom };
    });
    const cardAt = (point: DOMPoint) => cards.find((card) => point.x >= card.x - 2 && point.x <= card.x2 + 2 && point.y >= card.y - 2 && point.y <= card.y2 + 2);
    let best: { edgeId: string; point: { x: number; y: number }; side: 'above' | 'below' | 'left' | 'right'; distance: number } | undefined;
    for (const path of canvas.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')) {
      const length = path.getTotalLength();
      const source = cardAt(path.getPointAtLength(0));
      const target = cardAt(path.getPointAtLength(length));
      if (!source || !target || source === target) continue;
      const span = { x: Math.min(source.x, target.x), y: Math.min(source.y, target.y), x2: Math.max(source.x2, target.x2), y2: Math.max(source.y2, target.y2) };
      for (let at = 0; at <= length; at += 8) {
        const point = path.getPointAtLength(at);
        const sides = { above: span.y - point.y, below: point.y - span.y2, left: span.x - point.x, right: point.x - span.x2 } as const;
        for (const side of ['above', 'below', 'left', 'right'] as const) {
          if (sides[side] >= 30 && (!best || sides[side] > best.distance)) {
            best = { edgeId: path.closest<SVGGElement>('.react-flow__edge')!.dataset.id ?? '', point: { x: point.x, y: point.y }, side, distance: sides[side] };
          }
        }
      }
    }
    return best ? { edgeId: best.edgeId, point: best.point, side: best.side } : undefined;
  });
}

/** Two edges side by side in a shared lane: a horizontal run of each, a few px apart, over a common stretch (flow coordinates). */
interface NeighbourRuns {
  x: number;
  upper: { edgeId: string; y: number };
  lower: { edgeId: string; y: number };
}

/**
 * Finds, among the drawn edge paths (in flow coordinates), two horizontal runs of different edges under 10 px apart
 * (the widest such gap, then the longest common stretch, at least 40 px) with no third line within 8 px where they
 * are compared: edges that shared a lane and were set apart. A path is "M start (L before-bend Q bend after-bend)* L end": its straight runs go from
 * the start or a bend's end to the next L.
 */
async function neighbourRuns(page: Page): Promise<NeighbourRuns | undefined> {
  return page.evaluate(() => {
    const runs: { edgeId: string; y: number; low: number; high: number }[] = [];
    for (const path of document.querySelectorAll<SVGPathElement>('.access-view__canvas .react-flow__edge path.react-flow__edge-path')) {
      const edgeId = path.closest<SVGGElement>('.react-flow__edge')?.dataset.id ?? '';
      const tokens = (path.getAttribute('d') ?? '').trim().split(/\s+/);
      let at = { x: Number(tokens[1]), y: Number(tokens[2]) };
      for (let k = 3; k < tokens.length;) {
        if (tokens[k] === 'L') {
          const next = { x: Number(tokens[k + 1]), y: Number(tokens[k + 2]) };
          if (Math.abs(next.y - at.y) < 0.01 && Math.abs(next.x - at.x) > 1) runs.push({ edgeId, y: at.y, low: Math.min(at.x, next.x), high: Math.max(at.x, next.x) });
          at = next;
          k += 3;
        } else {
          at = { x: Number(tokens[k + 3]), y: Number(tokens[k + 4]) };
          k += 5;
        }
      }
    }
    runs.sort((a, b) => a.y - b.y);
    let best: { gap: number; overlap: number; x: number; upper: (typeof runs)[number]; lower: (typeof runs)[number] } | undefined;
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length && runs[j].y - runs[i].y < 10; j++) {
        const [upper, lower] = [runs[i], runs[j]];
        const gap = lower.y - upper.y;
        const overlap = Math.min(upper.high, lower.high) - Math.max(upper.low, lower.low);
        if (upper.edgeId === lower.edgeId || gap < 3 || overlap < 40) continue;
        // Only a pair no third line comes near at the place clicked (a crowded lane's other lines are another case).
        const x = (Math.max(upper.low, lower.low) + Math.min(upper.high, lower.high)) / 2;
        const crowded = runs.some((run) => run !== upper && run !== lower && run.low < x && run.high > x && Math.min(Math.abs(run.y - upper.y), Math.abs(run.y - lower.y)) < 8);
        if (crowded) continue;
        if (!best || gap > best.gap || (gap === best.gap && overlap > best.overlap)) best = { gap, overlap, x, upper, lower };
      }
    }
    return best ? { x: best.x, upper: { edgeId: best.upper.edgeId, y: best.upper.y }, lower: { edgeId: best.lower.edgeId, y: best.lower.y } } : undefined;
  });
}

/**
 * Pans (dragging the pane) until the flow point sits 12 px inside the pane's edge on the detour's side, so that the
 * view ends just past the point and the edge's cards, further that way, are out of view; with side 'centre', until
 * it is in the middle of the pane.
 */
async function bringFlowPointToPaneEdge(page: Page, detour: Pick<RouteDetour, 'point'> & { side: RouteDetour['side'] | 'centre' }): Promise<void> {
  for (let step = 0; step < 12; step++) {
    const where = await page.evaluate((point) => {
      const canvas = document.querySelector('.access-view__canvas')!;
      const flow = canvas.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
      const [, tx, ty, zoom] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(canvas.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)!.map(Number);
      // A place to start the drag from: on the pane or a card, not on an edge, a control or a panel (those do not pan).
      let grip = { x: (flow.left + flow.right) / 2, y: (flow.top + flow.bottom) / 2 };
      search: for (let fy = 0.3; fy <= 0.7; fy += 0.05) {
        for (let fx = 0.2; fx <= 0.6; fx += 0.05) {
          const x = flow.left + (flow.right - flow.left) * fx;
          const y = flow.top + (flow.bottom - flow.top) * fy;
          const element = document.elementFromPoint(x, y);
          if (element && canvas.contains(element) && !element.closest('.react-flow__edge, .nopan, button, .react-flow__controls, .access-overlay-panel')) {
            grip = { x, y };
            break search;
          }
        }
      }
      return { x: flow.left + tx + point.x * zoom, y: flow.top + ty + point.y * zoom, grip, flow: { left: flow.left, top: flow.top, right: flow.right, bottom: flow.bottom } };
    }, detour.point);
    const goal = detour.side === 'centre' ? { x: (where.flow.left + where.flow.right) / 2, y: (where.flow.top + where.flow.bottom) / 2 } : {
      x: detour.side === 'left' ? where.flow.right - 12 : detour.side === 'right' ? where.flow.left + 12 : (where.flow.left + where.flow.right) / 2,
      y: detour.side === 'above' ? where.flow.bottom - 12 : detour.side === 'below' ? where.flow.top + 12 : (where.flow.top + where.flow.bottom) / 2,
    };
    const dx = Math.max(-500, Math.min(500, goal.x - where.x));
    const dy = Math.max(-300, Math.min(300, goal.y - where.y));
    if (Math.abs(goal.x - where.x) < 2 && Math.abs(goal.y - where.y) < 2) return;
    // Cards do not take the drag (they are not draggable in this view): the pane pans.
    const from = where.grip;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 });
    await page.mouse.move(from.x + dx, from.y + dy, { steps: 4 });
    await page.mouse.up();
  }
}

/** How many cards (principal cards and folded accounts) React Flow has in the page: cheap, for polling. */
async function drawnCards(page: Page): Promise<number> {
  return page.locator('.access-view__canvas').locator('.react-flow__node-principal, .react-flow__node-group:has(> .access-group--folded)').count();
}

describe.skipIf(!chromiumPath)('access view', { timeout: 180_000 }, () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;
  const webProd = sampleAccount('webProd').accountId;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const api = apiClient(baseUrl);
    const sample = (await api.design.list.query()).find((design) => design.name === inject('e2eSampleDesignName'));
    if (!sample) throw new Error('The sample design is not seeded.');
    const branch = await api.history.branch.mutate({ designId: sample.id, newName: `e2e access ${Date.now().toString(36)}` });
    designId = (branch.design as { id: string }).id;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('asks who can create a stack in Web Prod and follows the two-hop path from CodeBuild', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('radio', { name: 'Access' }).click();
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('application').or(view.locator('.react-flow__node').first()).first().waitFor();
    await view.locator('.react-flow__edge').first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'access-graph.png') });

    const ask = view.getByRole('form', { name: 'Who can' });
    await ask.getByRole('textbox', { name: 'Action' }).fill('cloudformation:CreateStack');
    await ask.getByRole('textbox', { name: 'Resource ARN' }).fill(`arn:aws:cloudformation:eu-west-1:${webProd}:stack/app/1`);
    await ask.getByRole('textbox', { name: 'Region (optional)' }).fill('eu-west-1');
    await ask.getByRole('button', { name: 'Ask' }).click();
    const answers = view.getByRole('list', { name: 'Who-can answers' });
    await answers.waitFor();
    const codebuild = answers.getByRole('button', { name: /codebuild\.amazonaws\.com.*2 hops/ });
    await codebuild.click();
    const path = view.getByRole('list', { name: 'Path' });
    await expect.poll(() => path.innerText(), { timeout: 15_000 }).toMatch(/1\. codebuild\.amazonaws\.com → role\/DeploymentPipeline/);
    expect(await path.innerText()).toMatch(/2\. role\/DeploymentPipeline \(\d{12}\) → role\/SharedServicesDeploy \(\d{12}\) · chained, ≤ 1 h/);
    expect(await path.innerText()).toMatch(/Last hop: role\/SharedServicesDeploy \(\d{12}\) — allowed/);
    // The chosen path is drawn highlighted.
    await expect.poll(() => view.locator('.access-edge--highlighted').count(), { timeout: 15_000 }).toBe(2);
    // The view frames the chosen path: its three cards, CodeBuild to the Web Prod role, are all in the pane (it kept
    // the whole graph's view before, and the path ran off its right edge).
    const pane = (await view.locator('.access-view__pane').boundingBox())!;
    const pathCardsInPane = () => view.locator('.access-card--highlighted').evaluateAll((cards, box) => cards.map((card) => {
      const rect = card.getBoundingClientRect();
      return rect.left >= box.x && rect.right <= box.x + box.width && rect.top >= box.y && rect.bottom <= box.y + box.height;
    }), pane);
    await expect.poll(pathCardsInPane, { timeout: 15_000 }).toEqual([true, true, true]);
    await page.screenshot({ path: join(screenshotDir, 'access-who-can.png') });

    // Click the second hop: its trust statement and the engine's trace.
    await view.locator('.access-edge--highlighted:not(.access-edge--conditional)').dispatchEvent('click');
    const edgePanel = page.getByRole('complementary', { name: 'Edge details' });
    await edgePanel.waitFor();
    await expect.poll(() => edgePanel.getByLabel('Trust policy').innerText(), { timeout: 15_000 }).toContain('PipelineDeploys');
    await expect.poll(() => edgePanel.getByRole('list', { name: 'Trace' }).innerText(), { timeout: 15_000 }).toMatch(/Role trust policy/);
    await page.screenshot({ path: join(screenshotDir, 'access-edge.png') });
  });

  it('asks who can reach the Web Prod deploy role and what the pipeline role can reach, each with its paths', async () => {
    const { page } = browser;
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('tab', { name: 'Reach' }).click();
    const form = view.getByRole('form', { name: 'Reach' });
    await form.getByRole('combobox', { name: 'Question' }).selectOption('to');
    await form.getByRole('combobox', { name: 'Role ARN' }).fill(`arn:aws:iam::${webProd}:role/${DEPLOY_ROLE_NAME}`);
    await form.getByRole('button', { name: 'Ask' }).click();
    const answers = view.getByRole('list', { name: 'Reach answers' });
    await answers.waitFor();
    await answers.getByRole('button', { name: /role\/DeploymentPipeline.*1 hop/ }).waitFor();
    await answers.getByRole('button', { name: /codebuild\.amazonaws\.com.*2 hops/ }).click();
    const path = view.getByRole('list', { name: 'Path' });
    await expect.poll(() => path.innerText(), { timeout: 15_000 }).toMatch(/1\. codebuild\.amazonaws\.com → role\/DeploymentPipeline/);
    expect(await path.innerText()).toMatch(/2\. role\/DeploymentPipeline \(\d{12}\) → role\/SharedServicesDeploy \(\d{12}\).*chained, ≤ 1 h/);
    await expect.poll(() => view.locator('.access-edge--highlighted').count(), { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: join(screenshotDir, 'access-reach.png') });

    // The other direction: the pipeline role reaches the deploy role of every workload account, Web Prod among them.
    const shared = sampleAccount('sharedServices').accountId;
    await form.getByRole('combobox', { name: 'Question' }).selectOption('from');
    await form.getByRole('combobox', { name: 'Principal ARN' }).fill(`arn:aws:iam::${shared}:role/DeploymentPipeline`);
    await form.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => view.getByRole('status').filter({ hasText: 'reachable from' }).innerText(), { timeout: 15_000 }).toMatch(/^\d+ roles? reachable from role\/DeploymentPipeline/);
    await answers.getByRole('button', { name: new RegExp(`role/SharedServicesDeploy \\(${webProd}\\).*1 hop`) }).waitFor();
    await view.getByRole('tab', { name: 'Who can' }).click();
  });

  it('lists the legacy partner role as a confused-deputy finding and archives it', async () => {
    const { page } = browser;
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('tab', { name: 'Findings' }).click();
    const sandbox = view.getByRole('region', { name: /Findings of Sandbox/ });
    await sandbox.waitFor();
    const finding = sandbox.getByRole('listitem').filter({ hasText: 'LegacyPartnerAccess' });
    await expect.poll(() => finding.innerText(), { timeout: 15_000 }).toMatch(/Confused deputy/);
    expect(await finding.innerText()).toMatch(/without an sts:ExternalId condition/);
    await page.screenshot({ path: join(screenshotDir, 'access-findings.png') });
    await finding.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => finding.innerText(), { timeout: 20_000 }).toMatch(/archived/);
    await finding.getByRole('button', { name: 'Reopen' }).waitFor();
  });

  it('folds accounts into cards that count what they hide and the edges crossing them, and unfolds one on a click', async () => {
    const { page } = browser;
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('tab', { name: 'Who can' }).click();
    await view.getByRole('button', { name: 'Clear' }).click();
    // Over forty principals in several accounts: the view starts folded, a map of the organization's accounts.
    await expect.poll(() => view.getByRole('status').filter({ hasText: 'hidden in' }).innerText(), { timeout: 30_000 }).toMatch(/accounts start folded/);
    const unfold = view.getByRole('button', { name: `Unfold Web Prod · ${webProd}` });
    await expect.poll(() => unfold.innerText(), { timeout: 30_000 }).toMatch(/^\d+ (roles|principals) hidden — unfold$/);
    expect(await unfold.locator('xpath=..').innerText()).toMatch(/\d+ in · \d+ out/);
    await expect.poll(() => view.getByRole('status').filter({ hasText: 'hidden in' }).innerText()).toMatch(/^\d+ principals hidden in \d+ folded accounts/);
    await page.screenshot({ path: join(screenshotDir, 'access-folded.png') });
    // The fit leaves the room the fold note really takes: it covers no card.
    const note = await view.locator('.access-fold-note').boundingBox();
    const cards = await view.locator('.access-group--folded').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number }));
    expect(note).not.toBeNull();
    for (const card of cards) {
      const overlaps = card.left < note!.x + note!.width && note!.x < card.right && card.top < note!.y + note!.height && note!.y < card.bottom;
      expect(overlaps).toBe(false);
    }
    // Every folded card shows its whole name and its account id (the id used to be cut off after the name).
    const clipped = await view.locator('.access-group--folded .access-group__label').evaluateAll((labels) => labels.flatMap((label) => {
      const name = label.querySelector('.access-group__name') as HTMLElement;
      const id = label.querySelector('.access-group__id');
      const box = label.getBoundingClientRect();
      const idBox = id?.getBoundingClientRect();
      return name.scrollWidth > name.clientWidth || (idBox && idBox.right > box.right) ? [label.textContent] : [];
    }));
    expect(clipped).toEqual([]);
    expect(await unfold.locator('xpath=..').locator('.access-group__id').innerText()).toBe(webProd);
    // Pointing at a card fades every edge but its own, so its routes can be followed through the busy corridors.
    const opacities = () => view.locator('.react-flow__edge').evaluateAll((edges) => edges.map((edge) => Number(getComputedStyle(edge).opacity)));
    expect((await opacities()).every((opacity) => opacity === 1)).toBe(true);
    await unfold.locator('xpath=..').locator('.access-group__label').hover();
    await expect.poll(async () => (await opacities()).filter((opacity) => opacity < 0.5).length).toBeGreaterThan(0);
    const pointed = await opacities();
    expect(pointed.filter((opacity) => opacity === 1).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'access-pointed-card.png') });
    await page.mouse.move(2, 2);
    await expect.poll(async () => (await opacities()).every((opacity) => opacity === 1)).toBe(true);
    await unfold.click();
    await expect.poll(() => view.locator('.access-card', { hasText: DEPLOY_ROLE_NAME }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await view.getByRole('button', { name: `Fold Web Prod · ${webProd}` }).waitFor();
  });

  it('lays the graph out in a web worker and draws edges under the cards, the chosen path over them', async () => {
    const { page } = browser;
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('radio', { name: 'Access' }).click();
    const view = page.getByRole('region', { name: 'Access view' });
    await view.locator('.access-group--folded').first().waitFor({ timeout: 30_000 });
    // elkjs ran in a worker the page started, and the progress note is gone once the layout is on screen.
    expect(workers.length).toBeGreaterThan(0);
    await expect.poll(() => view.getByRole('status', { name: 'Layout progress' }).count(), { timeout: 30_000 }).toBe(0);
    // The opening screen is a map of the organization: most of its thirteen account cards in view at a readable zoom
    // (unfolded, the sample's 70 principals opened on an empty top left corner).
    const pane = (await view.locator('.access-view__pane').boundingBox())!;
    const inView = await view.locator('.access-group--folded').evaluateAll((cards, box) => cards.filter((card) => {
      const rect = card.getBoundingClientRect();
      return rect.right > box.x && rect.left < box.x + box.width && rect.bottom > box.y && rect.top < box.y + box.height;
    }).length, pane);
    expect(inView).toBeGreaterThanOrEqual(10);
    // Unfolding and folding everything lays out again (in the worker) and ends with the cards back.
    await view.getByRole('button', { name: 'Unfold all accounts' }).click();
    await view.locator('.access-card').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => view.locator('.access-group--folded').count(), { timeout: 30_000 }).toBe(0);
    // Stacking: an edge's svg sits below every card, so a line never runs over a card's name.
    const zOf = (selector: string) => view.locator(selector).first().evaluate((element) => Number(getComputedStyle(element).zIndex));
    const edgeZ = await view.locator('.react-flow__edge').first().evaluate((element) => Number(getComputedStyle(element.closest('svg')!).zIndex));
    expect(edgeZ).toBeLessThan(await zOf('.react-flow__node-principal'));
    await view.getByRole('button', { name: 'Fold accounts' }).click();
    await view.locator('.access-group--folded').first().waitFor({ timeout: 30_000 });
  });

  it('routes every edge around the cards: on the sample, and on 240 roles folded and unfolded (measured in Chromium at 1440x900)', async () => {
    const { page } = browser;
    const view = page.getByRole('region', { name: 'Access view' });
    const settled = async () => {
      await expect.poll(() => view.getByRole('status', { name: 'Layout progress' }).count(), { timeout: 120_000 }).toBe(0);
      await expect.poll(() => view.locator('.access-view__pane[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
    };
    // The sample, every account open (laid out left to right by its edges).
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('radio', { name: 'Access' }).click();
    await view.locator('.access-group--folded').first().waitFor({ timeout: 30_000 });
    await view.getByRole('button', { name: 'Unfold all accounts' }).click();
    await view.locator('.access-card').first().waitFor({ timeout: 30_000 });
    await settled();
    const sample = await edgeCrossings(page);
    await page.screenshot({ path: join(screenshotDir, 'access-routes-sample.png') });
    expect(sample.edges).toBeGreaterThan(10);
    expect(sample.crossings).toEqual([]);

    // A generated design of 24 accounts and 240 roles: folded by default (a map of account cards), then unfolded.
    const api = apiClient(baseUrl);
    const big = await api.interchange.importBundle.mutate({ document: generatedAccessBundle({ accounts: 24, rolesPerAccount: 10 }), name: `e2e access routes ${Date.now().toString(36)}` });
    await page.goto(`${baseUrl}/designs/${big.designId}`, { waitUntil: 'load' });
    await page.getByRole('radio', { name: 'Access' }).click();
    await view.locator('.access-group--folded').first().waitFor({ timeout: 120_000 });
    await settled();
    await page.screenshot({ path: join(screenshotDir, 'access-routes-folded.png') });
    // React Flow draws only what is in view: fit the whole map in first, so every card and edge is measured.
    await view.getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(() => drawnCards(page), { timeout: 15_000 }).toBe(25);
    const folded = await edgeCrossings(page);
    expect(folded.edges).toBeGreaterThan(40);
    expect(folded.crossings).toEqual([]);

    await view.getByRole('button', { name: 'Unfold all accounts' }).click();
    await expect.poll(() => view.locator('.access-group--folded').count(), { timeout: 120_000 }).toBe(0);
    await settled();
    await page.screenshot({ path: join(screenshotDir, 'access-routes-unfolded.png') });
    await view.getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(() => drawnCards(page), { timeout: 15_000 }).toBe(244);
    const unfolded = await edgeCrossings(page);
    expect(unfolded.edges).toBeGreaterThan(500);
    expect(unfolded.crossings).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'access-routes-unfolded-whole.png') });

    // A route that detours outside the span of its two cards stays drawn when the view shows the detour and neither
    // card: React Flow (drawing only what is in view) judges an edge by its cards' span, and dropped such an edge.
    const detour = await routeDetour(page);
    expect(detour, 'an edge whose route leaves its cards\' span by 30 px or more').toBeDefined();
    for (let click = 0; click < 4; click++) await view.getByRole('button', { name: 'Zoom In' }).click();
    await bringFlowPointToPaneEdge(page, detour!);
    const drawn = await page.evaluate((id) => {
      const edge = document.querySelector<SVGGElement>(`.access-view__canvas .react-flow__edge[data-id="${CSS.escape(id)}"]`);
      const line = edge?.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const pane = document.querySelector('.access-view__canvas .react-flow')!.getBoundingClientRect();
      const box = line?.getBoundingClientRect();
      const inPane = box !== undefined && box.right > pane.left && box.left < pane.right && box.bottom > pane.top && box.top < pane.bottom;
      return { drawn: edge !== null, beyondCards: edge?.dataset.beyondCards !== undefined, inPane, stroke: line ? getComputedStyle(line).stroke : 'none' };
    }, detour!.edgeId);
    await page.screenshot({ path: join(screenshotDir, 'access-routes-detour-in-view.png') });
    // Drawn by the view itself (React Flow left it out: its cards are off screen), on screen, with a visible line.
    expect(drawn).toMatchObject({ drawn: true, beyondCards: true, inPane: true });
    expect(drawn.stroke).not.toBe('none');

    // Edges that share a lane are drawn apart, and each can be clicked: zoomed to 100 % on two neighbours in a lane,
    // the point on each line belongs to that edge (not to the neighbour drawn over it), and clicking each opens its own.
    await view.getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(() => drawnCards(page), { timeout: 15_000 }).toBe(244);
    const pair = await neighbourRuns(page);
    expect(pair, 'two edges side by side in a shared lane').toBeDefined();
    const zoom = () => page.evaluate(() => Number(/scale\(([-\d.e]+)\)/.exec(document.querySelector<HTMLElement>('.access-view__canvas .react-flow__viewport')!.style.transform)![1]));
    for (let click = 0; click < 20 && (await zoom()) < 1; click++) await view.getByRole('button', { name: 'Zoom In' }).click();
    expect(await zoom()).toBeGreaterThanOrEqual(1);
    await bringFlowPointToPaneEdge(page, { point: { x: pair!.x, y: (pair!.upper.y + pair!.lower.y) / 2 }, side: 'centre' });
    await page.screenshot({ path: join(screenshotDir, 'access-routes-shared-lane.png') });
    const titles: string[] = [];
    for (const run of [pair!.upper, pair!.lower]) {
      const at = await page.evaluate(({ x, y }) => {
        const canvas = document.querySelector('.access-view__canvas')!;
        const flow = canvas.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
        const [, tx, ty, scale] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(canvas.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)!.map(Number);
        const point = { x: flow.left + tx + x * scale, y: flow.top + ty + y * scale };
        return { ...point, edgeId: document.elementFromPoint(point.x, point.y)?.closest<SVGGElement>('.react-flow__edge')?.dataset.id };
      }, { x: pair!.x, y: run.y });
      expect(at.edgeId).toBe(run.edgeId);
      await page.mouse.click(at.x, at.y);
      const title = page.getByRole('complementary', { name: 'Edge details' }).locator('.access-edge-title');
      await expect.poll(() => title.count(), { timeout: 15_000 }).toBe(1);
      if (titles.length > 0) await expect.poll(() => title.innerText(), { timeout: 15_000 }).not.toBe(titles[0]);
      titles.push(await title.innerText());
    }
    expect(titles[0]).not.toBe(titles[1]);
  }, 300_000); // Two layouts of 240 roles, every path walked twice, a detour and two clicks: over 3 min at load 10.

  it('creates a role with a trust policy in the account panel and sees its edge in the access view and on the org graph', async () => {
    const { page } = browser;
    const sandbox = sampleAccount('sandbox').accountId;
    const shared = sampleAccount('sharedServices').accountId;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await page.getByRole('radio', { name: 'Design' }).click();
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await page.locator('.react-flow__node').filter({ hasText: sandbox }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('heading', { name: 'Sandbox' }).waitFor();
    await inspector.getByRole('region', { name: 'IAM roles' }).getByRole('button', { name: 'Create role', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create role' });
    // The Shared Services pipeline may assume any role with this name (its identity policy); the trust policy names it.
    await dialog.getByLabel('Role name').fill(DEPLOY_ROLE_NAME);
    await dialog.getByRole('textbox', { name: 'Trust policy (JSON)' }).fill(JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'SandboxPipeline', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${shared}:role/DeploymentPipeline` }, Action: 'sts:AssumeRole' }],
    }, null, 2));
    await dialog.getByText('No findings: AWS would accept this document.').waitFor();
    await dialog.getByRole('button', { name: 'Create role', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // The access view draws the new edge: the pipeline role into the new role of Sandbox.
    await page.getByRole('radio', { name: 'Access' }).click();
    const view = page.getByRole('region', { name: 'Access view' });
    await view.getByRole('combobox', { name: 'Filter by account' }).selectOption({ label: 'Sandbox' });
    await expect.poll(() => view.locator('.access-card', { hasText: DEPLOY_ROLE_NAME }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => view.locator('.access-card', { hasText: 'DeploymentPipeline' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'access-new-role.png') });

    // On the org graph: the arrow from Shared Services to Sandbox opens the edges behind it, each with its statement and trace.
    await view.getByRole('button', { name: 'Show on the org graph' }).click();
    const arrow = page.locator(`.react-flow__edge[data-id="access:${shared}->${sandbox}"]`);
    await arrow.waitFor({ timeout: 30_000 });
    await arrow.dispatchEvent('click');
    const between = page.getByRole('complementary', { name: 'Access between accounts' });
    await between.waitFor();
    const edge = between.getByRole('button', { name: new RegExp(`DeploymentPipeline.*${DEPLOY_ROLE_NAME}`) });
    await edge.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'access-overlay-pair.png') });
    await edge.click();
    const edgePanel = page.getByRole('complementary', { name: 'Edge details' });
    await expect.poll(() => edgePanel.getByLabel('Trust policy').innerText(), { timeout: 15_000 }).toContain('SandboxPipeline');
    await expect.poll(() => edgePanel.getByRole('list', { name: 'Trace' }).innerText(), { timeout: 15_000 }).toMatch(/Role trust policy/);
    await page.screenshot({ path: join(screenshotDir, 'access-overlay-edge.png') });
  });
});
