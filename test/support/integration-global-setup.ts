// vitest globalSetup of the "integration" project: one throwaway migrated database for the whole run, shared
// by every test file (each test creates its own designs with unique names). Never touches DATABASE_URL.
import type { TestProject } from 'vitest/node';
import { ensureBundles } from '../../scripts/build-bundles.mjs';
import { startThrowawayDatabase } from './embedded-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated test database (the app's role). */
    lzsimTestDatabaseUrl: string;
    /** The same database as a role that may create and drop databases. */
    lzsimTestAdminDatabaseUrl: string;
  }
}

/** Env var carrying the same URL, for helpers that run outside a test's inject() reach. */
export const TEST_DATABASE_URL_ENV = 'LZSIM_TEST_DATABASE_URL';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  // Services run heavy engine work in worker threads loaded from the prebuilt bundle: test the current sources.
  await ensureBundles(undefined, (line) => console.log(`[integration] ${line}`));
  const database = await startThrowawayDatabase();
  console.log(`[integration] migrated test database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('lzsimTestDatabaseUrl', database.url);
  project.provide('lzsimTestAdminDatabaseUrl', database.adminUrl);
  process.env[TEST_DATABASE_URL_ENV] = database.url;
  process.env.LZSIM_TEST_ADMIN_DATABASE_URL = database.adminUrl;
  return async () => {
    await database.stop();
  };
}
