// Helpers for integration tests: a Prisma client on the run's test database, and unique names so that every
// test owns its data.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../server/db/client';

/** URL of the migrated test database prepared by integration-global-setup.ts. */
export function testDatabaseUrl(): string {
  const url = inject('lzsimTestDatabaseUrl') ?? process.env.LZSIM_TEST_DATABASE_URL;
  if (!url) throw new Error('No test database: run integration tests with "npx vitest run --project integration".');
  return url;
}

/** A URL on the test server allowed to create and drop databases (the embedded server's superuser). */
export function testAdminDatabaseUrl(): string {
  const url = inject('lzsimTestAdminDatabaseUrl') ?? process.env.LZSIM_TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error('No test database: run integration tests with "npx vitest run --project integration".');
  return url;
}

/** A Prisma client on the test database; call $disconnect() in afterAll. */
export function createTestDb(): PrismaClient {
  return createPrismaClient(testDatabaseUrl());
}

/** A name no other test uses, e.g. "constraints 3f9a2c1b". */
export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}
