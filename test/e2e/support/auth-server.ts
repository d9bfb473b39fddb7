// A second app server (scripts/app-server.mjs, as `npm start` runs it) of the same build with sign-in on (LZSIM_AUTH=local), on a throwaway database of its own:
// for the browser tests of issue 14's shared deployment (roles, share links, the viewer's read-only panels).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { findFreePort } from '../../support/embedded-db';
import type { BrowserSession } from './browser';

/** A running app with sign-in on. */
export interface AuthServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the app server with LZSIM_AUTH=local (or what `options.env` says) against `databaseUrl`, on `options.port` or a
 * free one, and waits until its sign-in page answers.
 */
export async function startAuthServer(databaseUrl: string, options: { port?: number; env?: Record<string, string> } = {}): Promise<AuthServer> {
  const port = options.port ?? await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [join(process.cwd(), 'scripts/app-server.mjs'), '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: process.cwd(),
    // A wide engine budget, as the suite's own server has: it is wall time on a loaded 2-core machine.
    env: { LZSIM_ENGINE_BUDGET_MS: '120000', ...process.env, DATABASE_URL: databaseUrl, LZSIM_AUTH: 'local', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...options.env },
    stdio: 'ignore',
  });
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual' }).then((response) => response.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline || server.exitCode !== null) {
      await stop();
      throw new Error(`the app server with LZSIM_AUTH=${options.env?.LZSIM_AUTH ?? 'local'} did not answer (status ${status})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { baseUrl, stop };
}

/** Signs `username` in through the sign-in form from a fresh cookie jar, landing on `path`. */
export async function signInAs(browser: BrowserSession, baseUrl: string, username: string, password: string, path: string): Promise<Page> {
  const { page } = browser;
  await browser.context.clearCookies();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}${path}`);
  return page;
}
