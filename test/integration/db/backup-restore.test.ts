// `lzsim backup` and `lzsim restore` in-process through runCli: designs with edits, undo, members, a share link and
// an imported real bundle are backed up from the run's test database and restored into a fresh, migrated database
// on the same server; the restored designs export and list their history identically (through the API), undo still
// works (row ids survive), a second restore is refused naming the design unless --replace, and a damaged file is
// refused naming the JSON path, with nothing written.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import type { CliIo } from '@/server/cli/command';
import { runCli } from '@/server/cli/lzsim';
import type { UserDto } from '@/server/db/access-control';
import { createPrismaClient, type PrismaClient } from '@/server/db/client';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '@/server/db/database-url';
import { applyMigrations } from '@/server/db/migrations';
import type { Actor } from '@/server/services/auth/actor';
import { createLocalUser } from '@/server/services/auth/sessions';
import { createTestDb, testAdminDatabaseUrl, testDatabaseUrl, uniqueName } from '../../support/db-test-client';

const source = createTestDb();
const dir = mkdtempSync(join(tmpdir(), 'lzsim-backup-'));
const freshUrl = withDatabaseName(testAdminDatabaseUrl(), `lzsim_restore_${Date.now()}`);
let fresh: PrismaClient;
let savedUrl: string | undefined;
let owner: UserDto;
let viewer: UserDto;
const designIds: string[] = [];

const userActor = (user: UserDto): Actor => ({ kind: 'user', user });
const api = (db: PrismaClient, user: UserDto) => createCaller(createInnerContext({ db, actor: userActor(user) }));

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; }, readStdin: async () => '', cwd: dir };
  return io;
}

/** `lzsim ARGS` against the database at `url`. */
async function cli(url: string, args: string[]): Promise<{ code: number; err: string }> {
  process.env.DATABASE_URL = url;
  const io = captureIo();
  const code = await runCli(args, io).catch((error: unknown) => {
    io.err += String(error);
    return -1;
  });
  return { code, err: io.err };
}

/** What the API shows of a design: its bundle export, its history (authors included), members and share links. */
async function observed(db: PrismaClient, user: UserDto, designId: string) {
  const caller = api(db, user);
  const design = await caller.design.get({ designId });
  const exported = await caller.interchange.export({ designId, format: 'bundle' });
  const revisions = await caller.history.revisions({ designId });
  const members = await caller.members.list({ designId });
  const links = await caller.shareLinks.list({ designId });
  return { name: design.name, revision: design.revision, exported: exported.content, revisions, members, links };
}

beforeAll(async () => {
  savedUrl = process.env.DATABASE_URL;
  const newUser = (prefix: string) =>
    createLocalUser(source, { username: uniqueName(prefix).replace(' ', '-'), password: 'correct horse battery' }, { log2Cost: 14 });
  [owner, viewer] = await Promise.all([newUser('backup-owner'), newUser('backup-viewer')]);
  const caller = api(source, owner);

  // A design edited by hand: OUs created, one renamed, the rename undone, a viewer and a share link.
  const edited = await caller.design.create({ name: uniqueName('backup edited') });
  const rootId = (await caller.org.tree({ designId: edited.id })).root!.id;
  let { revision } = await caller.ou.create({ designId: edited.id, expectedRevision: edited.revision, parentId: rootId, name: 'Workloads' });
  const ou = (await caller.org.tree({ designId: edited.id })).orgUnits.find((unit) => unit.name === 'Workloads')!;
  ({ revision } = await caller.ou.create({ designId: edited.id, expectedRevision: revision, parentId: ou.id, name: 'Prod' }));
  ({ revision } = await caller.ou.rename({ designId: edited.id, expectedRevision: revision, ouId: ou.id, name: 'Apps' }));
  await caller.history.undo({ designId: edited.id, expectedRevision: revision });
  await caller.members.set({ designId: edited.id, username: viewer.username, role: 'VIEWER' });
  await caller.shareLinks.create({ designId: edited.id, label: 'auditors' });
  designIds.push(edited.id);

  // A design imported from a real bundle (IAM, policies, attachments).
  const bundle = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/bundles/sample-org.json'), 'utf8')) as unknown;
  const imported = await caller.interchange.importBundle({ document: bundle as Record<string, unknown>, name: uniqueName('backup imported') });
  designIds.push(imported.designId);

  await ensureDatabaseExists(freshUrl);
  await applyMigrations(freshUrl);
  fresh = createPrismaClient(freshUrl);
}, 180_000);

afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await source.$disconnect();
  await fresh?.$disconnect();
  await dropDatabase(freshUrl).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('lzsim backup and restore', () => {
  it('restores every design into a fresh database with the same export, history, members and share links', async () => {
    const designArgs = designIds.flatMap((id) => ['--design', id]);
    const backup = await cli(testDatabaseUrl(), ['backup', '--out', 'designs.json.gz', ...designArgs]);
    expect(backup.err).toMatch(/Wrote 2 designs \(\d+ history entries, 2 users\)/);
    expect(backup.code).toBe(0);
    expect(statSync(join(dir, 'designs.json.gz')).mode & 0o777).toBe(0o600);
    const file = JSON.parse(gunzipSync(readFileSync(join(dir, 'designs.json.gz'))).toString('utf8')) as { format: string; version: number; designs: unknown[] };
    expect(file).toMatchObject({ format: 'lzsim-backup', version: 1 });

    const restored = await cli(freshUrl, ['restore', '--in', 'designs.json.gz']);
    expect(restored.err).toMatch(/Restored 2 designs; users created: 2, matched by username: 0/);
    expect(restored.code).toBe(0);

    // The restored users are the same people: same usernames, and the owner's password still signs in (same hash).
    const restoredOwner = await fresh.user.findUniqueOrThrow({ where: { username: owner.username } });
    expect(restoredOwner.passwordHash).toBe((await source.user.findUniqueOrThrow({ where: { username: owner.username } })).passwordHash);
    for (const designId of designIds) {
      const before = await observed(source, owner, designId);
      const after = await observed(fresh, { ...owner, id: restoredOwner.id }, designId);
      expect(after).toEqual(before);
    }
    // The edited design's history came along whole (newest first): four entries, authored, the undo included.
    const history = (await observed(fresh, { ...owner, id: restoredOwner.id }, designIds[0])).revisions.revisions;
    expect(history.map((entry) => [entry.operation, entry.author])).toEqual([
      ['undo', owner.username], ['renameOrganizationalUnit', owner.username],
      ['createOrganizationalUnit', owner.username], ['createOrganizationalUnit', owner.username],
    ]);

    // Row ids survived: the history's redo (of the undone rename) applies on the restored design.
    const caller = api(fresh, { ...owner, id: restoredOwner.id });
    const { revision } = await caller.design.get({ designId: designIds[0] });
    await caller.history.redo({ designId: designIds[0], expectedRevision: revision });
    expect((await caller.org.tree({ designId: designIds[0] })).orgUnits.map((unit) => unit.name).sort()).toEqual(['Apps', 'Prod']);
  });

  it('refuses to restore over an existing design, naming it, unless --replace', async () => {
    const again = await cli(freshUrl, ['restore', '--in', 'designs.json.gz']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(new RegExp(`designs\\[0\\]: a design with id ${designIds[0]} exists already .*nothing was restored; restore --replace replaces it`));
    // The redo made above is still there: nothing was clobbered.
    const { revision: kept } = await fresh.design.findUniqueOrThrow({ where: { id: designIds[0] } });

    const replaced = await cli(freshUrl, ['restore', '--in', 'designs.json.gz', '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.err).toMatch(/Replaced/);
    const { revision } = await fresh.design.findUniqueOrThrow({ where: { id: designIds[0] } });
    expect(revision).toBe(kept - 1);
  });

  it('refuses a damaged file naming the JSON path, and writes nothing', async () => {
    const file = JSON.parse(gunzipSync(readFileSync(join(dir, 'designs.json.gz'))).toString('utf8')) as {
      designs: { tables: Record<string, Record<string, unknown>[]> }[];
    };
    const designCount = await fresh.design.count();
    file.designs[1].tables.Account[0].status = 'DORMANT';
    writeFileSync(join(dir, 'damaged.json'), JSON.stringify(file));
    const damaged = await cli(freshUrl, ['restore', '--in', 'damaged.json', '--replace']);
    expect(damaged.code).toBe(2);
    expect(damaged.err).toMatch(/damaged\.json: designs\[1\]\.tables\.Account\[0\]\.status: must be one of PENDING_ACTIVATION, ACTIVE/);

    writeFileSync(join(dir, 'not-backup.json'), JSON.stringify({ format: 'something else' }));
    const other = await cli(freshUrl, ['restore', '--in', 'not-backup.json']);
    expect(other.err).toMatch(/not-backup\.json: format: must be "lzsim-backup"/);
    expect(await fresh.design.count()).toBe(designCount);
  });
});
