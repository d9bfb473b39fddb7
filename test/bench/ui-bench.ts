// `npm run bench:ui`: the graph editor in headless Chromium against `next start` on a throwaway database holding
// the sample landing zone and the synthetic 5,000-account, 1,000-OU organization (test/bench/synthetic-org.ts).
// Prints, per design: time to first render (navigation start → first card drawn, and → the whole first view laid
// out) and time for a move to show (mouse released on the new parent → the card drawn under it; and → the API's
// confirmation). Targets: first render <= 2 s, a move visible <= 200 ms. Figures only: no assertions.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { createPrismaClient } from '../../server/db/client';
import { seedSampleLandingZone } from '../../server/db/seed';
import { importBundle } from '../../server/services/interchange/interchange-service';
import { openBrowser } from '../e2e/support/browser';
import { findFreePort, startThrowawayDatabase } from '../support/embedded-db';
import { ACCOUNTS, OUS, syntheticBundle } from './synthetic-org';

const FIRST_RENDERS = 5;
const MOVES = 6;
const root = process.cwd();

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}
const ms = (value: number) => `${value.toFixed(0)} ms`;
const line = (label: string, s: Stats, target?: number) =>
  `  ${label}: median ${ms(s.median)}, p95 ${ms(s.p95)} (min ${ms(s.min)}, max ${ms(s.max)})${
    target === undefined ? '' : s.median <= target ? `  ok (target <= ${target} ms)` : `  OVER the ${target} ms target`
  }`;

/** Newest modification time under a path (what scripts/run-e2e.mjs checks too). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!['node_modules', '.next', 'generated', 'cli'].includes(entry)) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the app when the production build is missing or older than the sources: the figures must be of this code. */
function ensureBuild(): void {
  const buildId = join(root, '.next', 'BUILD_ID');
  const inputs = ['app', 'components', 'server', 'next.config.js', 'package-lock.json'];
  if (existsSync(buildId) && inputs.every((input) => newestMtime(join(root, input)) <= statSync(buildId).mtimeMs)) return;
  console.log('The production build is missing or older than the sources: running next build ...');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed: the UI benchmark needs the production build.');
}

async function startApp(databaseUrl: string): Promise<{ baseUrl: string; server: ChildProcess }> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  server.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}:\n${output.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000) })).ok) return { baseUrl, server };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill('SIGKILL');
  throw new Error(`next start did not answer within 60 s:\n${output.join('')}`);
}

/** Opens the design and returns ms from navigation start to the first card, and to the first view laid out. */
async function measureFirstRender(page: Page, url: string): Promise<{ firstCard: number; laidOut: number; cards: number }> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('.react-flow__node .org-node') !== null, undefined, { polling: 'raf', timeout: 60_000 });
  const firstCard = await page.evaluate(() => performance.now());
  // Laid out: cards have their final transforms (the "laying out" message is gone and no card sits at 0,0 twice).
  await page.waitForFunction(
    () => document.querySelector('.canvas-message') === null && document.querySelectorAll('.react-flow__node').length > 0,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const laidOut = await page.evaluate(() => performance.now());
  const cards = await page.locator('.react-flow__node').count();
  return { firstCard, laidOut, cards };
}

/** A draggable account card and two OU cards on screen (neither its parent) to move it between. */
async function pickMove(page: Page): Promise<{ account: string; first: string; second: string }> {
  // Zoom out step by step until enough open OUs are in view (a big tree opens zoomed in on the searched card).
  for (let attempt = 0; attempt < 6; attempt++) {
    const choice = await findMoveOnScreen(page);
    if (choice) return choice;
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await page.waitForTimeout(500);
  }
  throw new Error('No account card and two other open OU cards on screen to move it between.');
}

async function findMoveOnScreen(page: Page): Promise<{ account: string; first: string; second: string } | null> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return null;
    // Cards under the legend, toolbar, minimap or zoom controls cannot take a drop: leave them out.
    const obstacles = [...document.querySelectorAll('.graph-legend, .canvas-toolbar, .react-flow__minimap, .react-flow__controls')].map((element) => element.getBoundingClientRect());
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const onScreen = (element: Element) => {
      const box = element.getBoundingClientRect();
      const inside = box.left >= pane.left + 10 && box.right <= pane.right - 10 && box.top >= pane.top + 10 && box.bottom <= pane.bottom - 10;
      return inside && box.width > 60 && !obstacles.some((obstacle) => overlaps(box, obstacle));
    };
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter(onScreen);
    const ous = nodes.filter((node) => node.classList.contains('react-flow__node-ou'));
    const edges = [...document.querySelectorAll<SVGElement>('.react-flow__edge')].map((edge) => (edge.dataset.id ?? '').split('->'));
    for (const node of nodes) {
      if (!node.classList.contains('react-flow__node-account') || node.getAttribute('aria-label')?.startsWith('Management')) continue;
      const parent = edges.find(([, target]) => target === node.dataset.id)?.[0];
      // The editor unfolds a drop target holding fewer than 50 accounts; a bigger folded one would hide the card.
      const hiddenAccounts = (ou: HTMLElement) => Number(/(\d+) accounts? hidden/.exec(ou.getAttribute('aria-label') ?? '')?.[1] ?? 0);
      const targets = ous.filter((ou) => ou.dataset.id !== parent && hiddenAccounts(ou) < 50);
      if (targets.length >= 2) return { account: node.dataset.id ?? '', first: targets[0].dataset.id ?? '', second: targets[1].dataset.id ?? '' };
    }
    return null;
  });
}

/** Finds a card with the search box (which unfolds its ancestors and centres it), as a user of a big tree would. */
async function focusWithSearch(page: Page, name: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Find an OU or account by name or id' });
  await search.fill(name);
  await page.getByRole('option', { name: new RegExp(name) }).first().waitFor();
  await search.press('Enter');
  await page.locator('.react-flow__node.selected').waitFor();
  await page.waitForTimeout(800);

}

/** Drags `account` onto `target`; returns ms from mouse release to the edge drawn, and to the API's answer. */
async function measureMove(page: Page, account: string, target: string): Promise<{ visible: number; confirmed: number }> {
  const box = async (id: string) => {
    const found = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    if (!found) throw new Error(`Card ${id} is not on screen.`);
    return found;
  };
  const from = await box(account);
  const to = await box(target);
  const revisionBefore = await page.getByTestId('revision').innerText();
  await page.evaluate(
    ({ edgeId, revision }) => {
      const probe = window as unknown as { benchDrop?: number; benchSeen?: Promise<number>; benchConfirmed?: Promise<number> };
      probe.benchDrop = undefined;
      window.addEventListener('mouseup', () => (probe.benchDrop = performance.now()), { capture: true, once: true });
      // Resolves with the time the condition first held; rejects after 15 s so a lost move cannot hang the run.
      const waitFor = (test: () => boolean, what: string) =>
        new Promise<number>((resolve, reject) => {
          const deadline = performance.now() + 15_000;
          const check = () => {
            if (test()) resolve(performance.now());
            else if (performance.now() > deadline) reject(new Error(`Timed out waiting for ${what}.`));
            else requestAnimationFrame(check);
          };
          check();
        });
      // Shown: the edge from the new parent to the card is drawn.
      probe.benchSeen = waitFor(
        () => probe.benchDrop !== undefined && document.querySelector(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"]`) !== null,
        `the card under its new parent (${edgeId})`,
      );
      probe.benchConfirmed = waitFor(() => probe.benchDrop !== undefined && document.querySelector('[data-testid="revision"]')?.textContent !== revision, 'a new revision');
    },
    { edgeId: `${target}->${account}`, revision: revisionBefore },
  );
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 15, from.y + from.height / 2 + 15, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  const result = await page.evaluate(async () => {
    const probe = window as unknown as { benchDrop: number; benchSeen: Promise<number>; benchConfirmed: Promise<number> };
    const [seen, confirmed] = await Promise.all([probe.benchSeen, probe.benchConfirmed]);
    return { visible: seen - probe.benchDrop, confirmed: confirmed - probe.benchDrop };
  });
  // Let the toast and the refetch settle before the next drag.
  await page.waitForTimeout(400);
  return result;
}

async function benchDesign(page: Page, baseUrl: string, label: string, designId: string, focusName?: string): Promise<void> {
  const url = `${baseUrl}/designs/${designId}`;
  console.log(`${label}: measuring ...`);
  await measureFirstRender(page, url); // warm-up: the first request compiles nothing in production, but fills caches
  const firsts: number[] = [];
  const laidOuts: number[] = [];
  let cards = 0;
  for (let i = 0; i < FIRST_RENDERS; i++) {
    const result = await measureFirstRender(page, url);
    firsts.push(result.firstCard);
    laidOuts.push(result.laidOut);
    cards = result.cards;
  }
  await page.waitForTimeout(500);
  // Toasts ("Moved … into …") would cover cards the next drag needs; they are not what is measured.
  await page.addStyleTag({ content: '.toasts { display: none !important; }' });
  console.log(`${label} (${cards} cards drawn at first):`);
  console.log(line(`first render, navigation → first card (${FIRST_RENDERS} loads)`, stats(firsts), 2000));
  console.log(line('first render, navigation → first view laid out', stats(laidOuts)));
  try {
    if (focusName) await focusWithSearch(page, focusName);
    const { account, first, second } = await pickMove(page);
    const visible: number[] = [];
    const confirmed: number[] = [];
    for (let i = 0; i < MOVES; i++) {
      const result = await measureMove(page, account, i % 2 === 0 ? first : second);
      visible.push(result.visible);
      confirmed.push(result.confirmed);
    }
    console.log(line(`move visible, drop → card drawn under its new parent (${MOVES} moves)`, stats(visible), 200));
    console.log(line('move confirmed, drop → the API returned the new revision', stats(confirmed)));
  } catch (error) {
    // Say so instead of printing a figure that was not measured; the screenshot shows what the page looked like.
    await page.screenshot({ path: join(root, 'test-results', 'ui-bench-no-move.png') });
    console.log(`  move: NOT MEASURED (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); see test-results/ui-bench-no-move.png`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  if (!findChromium()) throw new Error('No Chromium found: install it with `apt-get install chromium` (or set CHROMIUM_PATH).');
  ensureBuild();
  console.log(`UI benchmark on ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}: starting a throwaway PostgreSQL ...`);
  const database = await startThrowawayDatabase();
  let server: ChildProcess | undefined;
  const db = createPrismaClient(database.url);
  try {
    const sample = await seedSampleLandingZone(db);
    if (!sample) throw new Error('Seeding the sample landing zone created nothing.');
    const { bundle } = syntheticBundle();
    const big = await importBundle(db, JSON.parse(JSON.stringify(bundle)), { name: 'ui bench 5,000 accounts' });
    await db.$disconnect();
    const app = await startApp(database.url);
    server = app.server;
    const browser = await openBrowser();
    // tsx (esbuild keepNames) wraps named functions in __name(...): the page needs it too for page.evaluate.
    await browser.page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    try {
      await benchDesign(browser.page, app.baseUrl, 'Sample landing zone', sample.id);
      await benchDesign(browser.page, app.baseUrl, `Synthetic organization, ${ACCOUNTS.toLocaleString('en-US')} accounts and ${OUS.toLocaleString('en-US')} OUs`, big.designId, 'account-2500');
    } finally {
      await browser.close();
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise<void>((resolve) => server?.once('exit', () => resolve()));
      server.kill('SIGTERM');
      await exited;
    }
    await db.$disconnect().catch(() => undefined);
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
