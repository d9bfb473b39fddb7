// Launches Debian's Chromium through playwright-core (never a downloaded browser) with a fresh profile.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../../../scripts/find-chromium.mjs';

/** Flags that keep headless Chromium quiet on a machine without a network (see STACK-NOTES.md). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser binary, or null when none is installed (the tests then skip themselves). */
export const chromiumPath: string | null = findChromium();

/** Where screenshots go (git-ignored). */
export const screenshotDir = join(process.cwd(), 'test-results', 'e2e');

/** A browser session with its own throwaway profile directory. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Opens Chromium with a fresh --user-data-dir (persistent context = that directory) and one page. */
export async function openBrowser(): Promise<BrowserSession> {
  if (!chromiumPath) throw new Error('No Chromium found: install it with `sudo apt-get install chromium`.');
  const profile = mkdtempSync(join(tmpdir(), 'lzsim-chromium-'));
  mkdirSync(screenshotDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
