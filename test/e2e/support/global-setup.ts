// vitest globalSetup of the "e2e" project: a throwaway migrated database seeded with the sample landing zone,
// and the app's production server as `npm start` runs it (scripts/app-server.mjs: Next's handler for the build that
// scripts/run-e2e.mjs makes first, the API's POSTs answered before Next) on a free port against it.
// Without Chromium it does nothing: the tests then report themselves skipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPrismaClient } from '../../../server/db/client';
import { SAMPLE_DESIGN_NAME } from '../../../server/db/sample-landing-zone';
import { seedSampleLandingZone } from '../../../server/db/seed';
import { findFreePort, startThrowawayDatabase } from '../../support/embedded-db';
import { chromiumPath } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the app under test answers, e.g. http://127.0.0.1:41234. */
    e2eBaseUrl: string;
    /** Name of the seeded sample design. */
    e2eSampleDesignName: string;
  }
}

const root = process.cwd();
const SERVER_START_TIMEOUT_MS = 60_000;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('e2eSampleDesignName', SAMPLE_DESIGN_NAME);
  project.provide('e2eBaseUrl', '');
  if (!chromiumPath) return undefined;
  if (!existsSync(join(root, '.next', 'BUILD_ID'))) {
    throw new Error('No production build in .next/: run the browser tests with "npm run test:e2e", which builds first.');
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

    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(root, 'scripts/app-server.mjs'), '--port', String(port), '--hostname', '127.0.0.1'], {
      cwd: root,
      // A wide engine budget: it is wall time, and the suite runs on loaded 2-core machines (see vitest.config.ts).
      env: { LZSIM_ENGINE_BUDGET_MS: '120000', ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    server.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await waitUntilServing(baseUrl, server, output);
    console.log(`[e2e] app server on ${baseUrl} with a seeded throwaway database`);
    project.provide('e2eBaseUrl', baseUrl);
  } catch (error) {
    await stopServer(server);
    await database.stop();
    throw error;
  }

  return async () => {
    await stopServer(server);
    await database.stop();
  };
}

/** Polls the home page until it answers 200; fails early, with the server's output, if the server exits. */
async function waitUntilServing(baseUrl: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`the app server exited with code ${server.exitCode}:\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app server did not answer on ${baseUrl} within ${SERVER_START_TIMEOUT_MS / 1000} s:\n${output.join('')}`);
}

/** Stops the server and waits for it to exit (SIGKILL after 5 s). */
async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
