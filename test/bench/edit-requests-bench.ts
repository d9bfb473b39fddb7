// `npm run bench:edit-requests`: how many API requests the editor sends after one edit, in headless Chromium
// against `next start` on a throwaway database holding the sample landing zone. Three edits from the UI: an
// account renamed from its context menu, an account dragged under another OU, and that move undone (top bar).
// For each it prints the tRPC HTTP requests sent from the click that submits the edit until the page has sent
// nothing for 2 s (the edit's own mutation counted apart), and the procedures they carried (a batched request
// carries several). Figures only; the load average is printed with them. LZSIM_BENCH_URL=<base url> measures an
// app that is already running (it must hold the sample design) instead of starting one.
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import type { Page, Request } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { createPrismaClient } from '../../server/db/client';
import { SAMPLE_DESIGN_NAME } from '../../server/db/sample-landing-zone';
import { seedSampleLandingZone } from '../../server/db/seed';
import { branchSample, card, dragCard, showCards } from '../e2e/editor-helpers';
import { openBrowser } from '../e2e/support/browser';
import { startThrowawayDatabase } from '../support/embedded-db';
import { startApp } from './start-app';

const QUIET_MS = 2_000;
const load = () => `load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}`;

/** The tRPC procedures one request carries: `/api/trpc/a.b,c.d?batch=1` carries a.b and c.d. */
function proceduresOf(request: Request): string[] {
  const path = new URL(request.url()).pathname;
  const marker = '/api/trpc/';
  const at = path.indexOf(marker);
  return at < 0 ? [] : decodeURIComponent(path.slice(at + marker.length)).split(',');
}

/** Runs `act` and records the tRPC requests sent from then until the page has been quiet for QUIET_MS. */
async function requestsDuring(page: Page, act: () => Promise<void>): Promise<Request[]> {
  const seen: Request[] = [];
  let last = Date.now();
  const listener = (request: Request) => {
    if (proceduresOf(request).length === 0) return;
    seen.push(request);
    last = Date.now();
  };
  page.on('request', listener);
  try {
    await act();
    last = Date.now();
    while (Date.now() - last < QUIET_MS) await page.waitForTimeout(200);
  } finally {
    page.off('request', listener);
  }
  return seen;
}

function report(label: string, requests: Request[], mutation: string): void {
  const procedures = requests.flatMap(proceduresOf);
  const reads = procedures.filter((name) => name !== mutation);
  const readRequests = requests.filter((request) => !proceduresOf(request).includes(mutation));
  const counts = new Map<string, number>();
  for (const name of reads) counts.set(name, (counts.get(name) ?? 0) + 1);
  console.log(`  ${label}: ${requests.length} HTTP requests (${readRequests.length} besides the mutation ${mutation}), ${reads.length} reads: ${[...counts].map(([name, count]) => (count > 1 ? `${name} x${count}` : name)).join(', ') || 'none'}`);
}

async function measure(baseUrl: string): Promise<void> {
  const { designId } = await branchSample(baseUrl, SAMPLE_DESIGN_NAME, 'edit requests bench');
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await card(page, 'Web Prod').waitFor();
    // Let the first view's own requests (quotas, policies, history, ...) finish before the first edit.
    await requestsDuring(page, async () => undefined);
    console.log(`Requests after one edit in the editor (sample landing zone, design mode), ${load()}:`);

    await showCards(page, ['Web Prod']);
    await card(page, 'Web Prod').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for Web Prod' }).getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename account' });
    await dialog.getByLabel('Account name').fill('Web Production');
    const renamed = await requestsDuring(page, async () => {
      await dialog.getByRole('button', { name: 'Rename' }).click();
      await card(page, 'Web Production').waitFor();
    });
    report('rename an account (context menu)', renamed, 'account.rename');

    const moved = await requestsDuring(page, async () => {
      await dragCard(page, 'Web NonProd', 'Prod');
      await page.getByText('Moved Web NonProd into Prod').waitFor();
    });
    report('move an account (drag onto an OU)', moved, 'account.move');

    const undone = await requestsDuring(page, async () => {
      await page.getByRole('button', { name: /Undo/ }).first().click();
    });
    report('undo (the top bar’s Undo button)', undone, 'history.undo');
    console.log(`  (${load()})`);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (!findChromium()) throw new Error('No Chromium found: install it with `apt-get install chromium` (or set CHROMIUM_PATH).');
  if (process.env.LZSIM_BENCH_URL) {
    await measure(process.env.LZSIM_BENCH_URL);
    return;
  }
  const database = await startThrowawayDatabase();
  let server: ChildProcess | undefined;
  try {
    const db = createPrismaClient(database.url);
    try {
      await seedSampleLandingZone(db);
    } finally {
      await db.$disconnect();
    }
    const app = await startApp(database.url);
    server = app.server;
    await measure(app.baseUrl);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise<void>((resolve) => server?.once('exit', () => resolve()));
      server.kill('SIGTERM');
      await exited;
    }
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
