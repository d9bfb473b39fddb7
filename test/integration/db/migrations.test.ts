import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createMigration,
  DEFAULT_MIGRATION_PATHS,
  EmptyMigrationError,
  listMigrationNames,
  type MigrationPaths,
} from '../../../server/db/migrations';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../../server/db/database-url';
import { testAdminDatabaseUrl, testDatabaseUrl } from '../../support/db-test-client';

describe('migrations', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('records every applied migration in _prisma_migrations as the Prisma CLI does (sha256 checksum)', async () => {
    const names = await listMigrationNames();
    expect(names.length).toBeGreaterThan(0);
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(join(DEFAULT_MIGRATION_PATHS.migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(testDatabaseUrl())).toEqual([]);
  });

  it('creates the tables of the schema, with the hand-added CHECK constraints', async () => {
    const tables = await client.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    const names = tables.rows.map((row) => row.table_name);
    for (const table of ['Design', 'DesignChange', 'Organization', 'Root', 'OrganizationalUnit', 'Account', 'OrganizationPolicy', 'PolicyAttachment', 'IamRole', 'ResourceShare', 'LandingZone', 'EnabledControl']) {
      expect(names).toContain(table);
    }
    const checks = await client.query("SELECT conname FROM pg_constraint WHERE contype = 'c' ORDER BY conname");
    expect(checks.rows.map((row) => row.conname)).toEqual(
      expect.arrayContaining(['PolicyAttachment_exactly_one_target_check', 'Account_accountId_twelve_digits_check']),
    );
  });
});

describe('creating a migration (npm run db:migration)', () => {
  let dir: string;
  let paths: MigrationPaths;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lzsim-migration-test-'));
    cpSync(DEFAULT_MIGRATION_PATHS.migrationsDir, join(dir, 'migrations'), { recursive: true });
    cpSync(DEFAULT_MIGRATION_PATHS.schemaFile, join(dir, 'schema.prisma'));
    paths = {
      schemaFile: join(dir, 'schema.prisma'),
      migrationsDir: join(dir, 'migrations'),
      snapshotFile: join(dir, 'migrations', 'last-migrated-schema.prisma'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses when the schema has not changed since the last migration', async () => {
    await expect(createMigration('nothing', paths)).rejects.toBeInstanceOf(EmptyMigrationError);
    await expect(createMigration('nothing', paths)).rejects.toThrow(/no change since the last migration/);
  });

  it('writes only the diff from the saved schema, updates the snapshot, and the migration applies', async () => {
    const schema = readFileSync(paths.schemaFile, 'utf8');
    writeFileSync(paths.schemaFile, `${schema}\nmodel MigrationProbe {\n  id    String @id\n  label String\n}\n`);
    const created = await createMigration('Add migration probe', paths, new Date('2099-01-02T03:04:05Z'));
    expect(created.name).toBe('20990102030405_add_migration_probe');
    expect(created.sql).toContain('CREATE TABLE "MigrationProbe"');
    expect(created.sql).not.toContain('CREATE TABLE "Design"');
    expect(readFileSync(paths.snapshotFile, 'utf8')).toBe(readFileSync(paths.schemaFile, 'utf8'));
    await expect(createMigration('again', paths)).rejects.toBeInstanceOf(EmptyMigrationError);
    expect(existsSync(created.file)).toBe(true);

    // The new migration applies on top of the existing ones, in a database of its own on the test server.
    // Creating a database takes the server's admin (the app's role may not).
    const probeUrl = withDatabaseName(testAdminDatabaseUrl(), `lzsim_probe_${Date.now()}`);
    await ensureDatabaseExists(probeUrl);
    try {
      const applied = await applyMigrations(probeUrl, paths);
      expect(applied.at(-1)).toBe(created.name);
      const probe = new pg.Client({ connectionString: probeUrl });
      await probe.connect();
      try {
        await probe.query('INSERT INTO "MigrationProbe" (id, label) VALUES ($1, $2)', ['1', 'applied']);
      } finally {
        await probe.end();
      }
      // Editing an applied migration is refused (checksum mismatch), as the CLI refuses it.
      writeFileSync(created.file, `${created.sql}\n-- edited afterwards\n`);
      await expect(applyMigrations(probeUrl, paths)).rejects.toThrow(new RegExp(`${created.name} were edited after being applied`));
    } finally {
      await dropDatabase(probeUrl);
    }
  });
});
