// Issue 14, "A shared deployment": per-design roles enforced by the API's access middleware and the services,
// through createCaller on the real test database. Every rule has its test: owners manage, editors edit, viewers
// read (FORBIDDEN with a clear message on any change), outsiders see nothing (NOT_FOUND, as for a design that does
// not exist), anonymous callers get 401, share links give read-only access to one design until revoked, every
// history entry names its author, and a design keeps an owner.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import type { UserDto } from '@/server/db/access-control';
import type { Actor } from '@/server/services/auth/actor';
import { identifyRequest, SHARE_COOKIE } from '@/server/services/auth/request-identity';
import { createLocalUser } from '@/server/services/auth/sessions';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const as = (actor: Actor) => createCaller(createInnerContext({ db, actor }));
const userActor = (user: UserDto): Actor => ({ kind: 'user', user });
// Low scrypt cost for test users only (the stored hash names its cost; sign-in reads it from there).
const newUser = (prefix: string, isAdmin = false) =>
  createLocalUser(db, { username: uniqueName(prefix).replace(' ', '-'), password: 'correct horse battery', isAdmin }, { log2Cost: 14 });

let owner: UserDto, editor: UserDto, viewer: UserDto, outsider: UserDto, admin: UserDto;
let designId: string;
let rootId: string;

/** Expects a tRPC failure with this code whose message matches. */
async function expectFailure(call: Promise<unknown>, code: TRPCError['code'], message?: RegExp) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
}

beforeAll(async () => {
  [owner, editor, viewer, outsider, admin] = await Promise.all([newUser('owner'), newUser('editor'), newUser('viewer'), newUser('outsider'), newUser('admin', true)]);
  const design = await as(userActor(owner)).design.create({ name: uniqueName('roles') });
  designId = design.id;
  rootId = (await as(userActor(owner)).org.tree({ designId })).root!.id;
  await as(userActor(owner)).members.set({ designId, username: editor.username, role: 'EDITOR' });
  await as(userActor(owner)).members.set({ designId, username: viewer.username, role: 'VIEWER' });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('per-design roles', () => {
  it('the creator of a design is its owner; members are listed owners first', async () => {
    const members = await as(userActor(viewer)).members.list({ designId });
    expect(members.map((member) => [member.username, member.role])).toEqual([
      [owner.username, 'OWNER'],
      [editor.username, 'EDITOR'],
      [viewer.username, 'VIEWER'],
    ]);
    expect(await as(userActor(editor)).auth.designRole({ designId })).toEqual({ role: 'EDITOR', canEdit: true, canManage: false, viaShareLink: false });
  });

  it('a viewer reads everything and changes nothing: FORBIDDEN saying why', async () => {
    const api = as(userActor(viewer));
    expect((await api.design.get({ designId })).id).toBe(designId);
    expect((await api.org.tree({ designId })).root?.id).toBe(rootId);
    // Mutations only for transport (they save nothing) stay open to viewers.
    const validated = await api.policy.validate({ designId, type: 'SERVICE_CONTROL_POLICY', content: '{"Version":"2012-10-17","Statement":[]}' });
    expect(validated).toBeTruthy();
    const { revision } = await api.design.get({ designId });
    await expectFailure(api.ou.create({ designId, expectedRevision: revision, parentId: rootId, name: 'Nope' }), 'FORBIDDEN', /viewer of this design: viewers cannot change it\. Ask an owner for the editor role/);
    await expectFailure(api.history.undo({ designId, expectedRevision: revision }), 'FORBIDDEN', /viewers cannot change it/);
    await expectFailure(api.members.set({ designId, username: viewer.username, role: 'OWNER' }), 'FORBIDDEN', /only owners manage its members/);
    await expectFailure(api.shareLinks.create({ designId }), 'FORBIDDEN');
    expect((await api.design.get({ designId })).revision).toBe(revision);
  });

  it('an editor edits, and the history names them; only owners manage members', async () => {
    const api = as(userActor(editor));
    const { revision } = await api.design.get({ designId });
    const created = await api.ou.create({ designId, expectedRevision: revision, parentId: rootId, name: uniqueName('Team') });
    expect(created.revision).toBe(revision + 1);
    const history = await api.history.revisions({ designId });
    expect(history.revisions.find((entry) => entry.revision === created.revision)?.author).toBe(editor.username);
    await expectFailure(api.members.set({ designId, username: outsider.username, role: 'VIEWER' }), 'FORBIDDEN', /an editor of this design: only owners/);
    await expectFailure(api.shareLinks.list({ designId }), 'FORBIDDEN');
  });

  it('every history entry names its author: the owner, an undo by the editor, and the machine when nobody signs in', async () => {
    const ownerApi = as(userActor(owner));
    let { revision } = await ownerApi.design.get({ designId });
    const made = await ownerApi.ou.create({ designId, expectedRevision: revision, parentId: rootId, name: uniqueName('Owned') });
    const undone = await as(userActor(editor)).history.undo({ designId, expectedRevision: made.revision });
    ({ revision } = await as({ kind: 'machine' }).history.redo({ designId, expectedRevision: undone.revision }));
    const all = (await ownerApi.history.revisions({ designId })).revisions;
    const authorOf = (at: number) => all.find((entry) => entry.revision === at)?.author;
    expect([authorOf(made.revision), authorOf(undone.revision)]).toEqual([owner.username, editor.username]);
    expect(authorOf(revision)).toBeTruthy();
    expect(all.every((entry) => entry.author)).toBe(true);
  });

  it('someone without a role gets NOT_FOUND, as for a design that does not exist, and does not see it listed', async () => {
    const api = as(userActor(outsider));
    await expectFailure(api.design.get({ designId }), 'NOT_FOUND', new RegExp(`no design with id "${designId}"`));
    await expectFailure(api.org.tree({ designId }), 'NOT_FOUND');
    await expectFailure(api.design.get({ designId: 'no-such-design' }), 'NOT_FOUND');
    expect((await api.design.list()).map((design) => design.id)).not.toContain(designId);
    const { revision } = await as(userActor(owner)).design.get({ designId });
    await expectFailure(api.ou.create({ designId, expectedRevision: revision, parentId: rootId, name: 'Intruder' }), 'NOT_FOUND');
    await expectFailure(api.history.branch({ designId, newName: uniqueName('stolen') }), 'NOT_FOUND');
  });

  it('the design list shows members their designs with their role, administrators all of them as owners', async () => {
    expect((await as(userActor(viewer)).design.list()).map((design) => [design.id, design.role, design.viaShareLink])).toEqual([[designId, 'VIEWER', false]]);
    expect((await as(userActor(editor)).design.list()).find((design) => design.id === designId)?.role).toBe('EDITOR');
    expect((await as(userActor(admin)).design.list()).find((design) => design.id === designId)?.role).toBe('OWNER');
    expect((await as(userActor(admin)).auth.designRole({ designId })).role).toBe('OWNER');
  });

  it('an anonymous caller gets 401 for everything but auth.session', async () => {
    const api = as({ kind: 'anonymous' });
    await expectFailure(api.design.list(), 'UNAUTHORIZED', /Sign in first/);
    await expectFailure(api.design.get({ designId }), 'UNAUTHORIZED');
    await expectFailure(api.catalog.actions({ prefix: 's3:Get', limit: 5 }), 'UNAUTHORIZED');
    await expectFailure(api.design.create({ name: uniqueName('anon') }), 'UNAUTHORIZED');
    expect(await api.auth.session()).toEqual({ mode: expect.any(String), user: null, sharedDesignId: null });
  });

  it('copying a design needs read access to it and makes the copier owner of the copy', async () => {
    const branch = await as(userActor(viewer)).history.branch({ designId, newName: uniqueName('viewer copy') });
    const copyId = (branch.design as { id: string }).id;
    expect((await as(userActor(viewer)).auth.designRole({ designId: copyId })).role).toBe('OWNER');
    await expectFailure(as(userActor(owner)).design.get({ designId: copyId }), 'NOT_FOUND');
  });

  it('a design keeps an owner; owners change roles and remove members; anyone may leave', async () => {
    const ownerApi = as(userActor(owner));
    await expectFailure(ownerApi.members.set({ designId, username: owner.username, role: 'EDITOR' }), 'CONFLICT', /keeps at least one owner/);
    await expectFailure(ownerApi.members.remove({ designId, username: owner.username }), 'CONFLICT', /keeps at least one owner/);
    await expectFailure(ownerApi.members.set({ designId, username: 'nobody-by-that-name', role: 'VIEWER' }), 'NOT_FOUND', /no user named/);
    await ownerApi.members.set({ designId, username: outsider.username, role: 'VIEWER' });
    expect((await as(userActor(outsider)).design.get({ designId })).id).toBe(designId);
    await ownerApi.members.remove({ designId, username: outsider.username });
    await expectFailure(as(userActor(outsider)).design.get({ designId }), 'NOT_FOUND');
    await ownerApi.members.set({ designId, username: outsider.username, role: 'VIEWER' });
    expect(await as(userActor(outsider)).members.remove({ designId, username: outsider.username })).toEqual([]);
    await expectFailure(as(userActor(viewer)).members.remove({ designId, username: editor.username }), 'FORBIDDEN');
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const second = await newUser('second-owner');
    const ownerApi = as(userActor(owner));
    await ownerApi.members.set({ designId, username: second.username, role: 'OWNER' });
    const results = await Promise.allSettled([
      ownerApi.members.set({ designId, username: second.username, role: 'EDITOR' }),
      as(userActor(second)).members.set({ designId, username: owner.username, role: 'EDITOR' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const owners = (await as(userActor(admin)).members.list({ designId })).filter((member) => member.role === 'OWNER');
    expect(owners).toHaveLength(1);
    // Put the original owner back for the tests after this one.
    await as(userActor(admin)).members.set({ designId, username: owner.username, role: 'OWNER' });
    await as(userActor(admin)).members.remove({ designId, username: second.username });
  });
});

describe('read-only share links', () => {
  it('a link opens one design read-only until an owner revokes it', async () => {
    const link = await as(userActor(owner)).shareLinks.create({ designId, label: 'auditors' });
    expect(link.path).toMatch(/^\/share\/[A-Za-z0-9_-]{43}$/);
    const secret = link.path.split('/').pop()!;
    const identity = await identifyRequest(db, 'local', (name) => (name === SHARE_COOKIE ? secret : undefined), null);
    expect(identity.actor).toEqual({ kind: 'share', designId, linkId: link.id });
    const api = as(identity.actor);
    expect((await api.design.get({ designId })).id).toBe(designId);
    expect((await api.design.list()).map((design) => [design.id, design.role, design.viaShareLink])).toEqual([[designId, 'VIEWER', true]]);
    expect(await api.auth.session()).toMatchObject({ user: null, sharedDesignId: designId });
    expect(await api.auth.designRole({ designId })).toEqual({ role: 'VIEWER', canEdit: false, canManage: false, viaShareLink: true });
    const { revision } = await api.design.get({ designId });
    await expectFailure(api.ou.create({ designId, expectedRevision: revision, parentId: rootId, name: 'Via link' }), 'FORBIDDEN', /share link gives read-only access/);
    await expectFailure(api.design.create({ name: uniqueName('via link') }), 'FORBIDDEN', /sign in to create designs/);
    await expectFailure(api.members.list({ designId: 'another-design' }), 'NOT_FOUND');
    await expectFailure(api.members.list({ designId }), 'FORBIDDEN', /not its members/);
    // The owner sees the link (never its secret) and revokes it.
    const listed = await as(userActor(owner)).shareLinks.list({ designId });
    expect(listed.find((entry) => entry.id === link.id)).toMatchObject({ label: 'auditors', createdBy: owner.username, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(secret);
    const revoked = await as(userActor(owner)).shareLinks.revoke({ designId, linkId: link.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const after = await identifyRequest(db, 'local', (name) => (name === SHARE_COOKIE ? secret : undefined), null);
    expect(after.actor).toEqual({ kind: 'anonymous', shareRevoked: true });
    await expectFailure(as(after.actor).design.get({ designId }), 'UNAUTHORIZED');
    await expectFailure(as(userActor(owner)).shareLinks.revoke({ designId, linkId: 'not-a-link' }), 'NOT_FOUND');
  });

  it('with authentication off the machine owns everything, and members and links are refused with the reason', async () => {
    const api = as({ kind: 'machine' });
    expect((await api.design.list()).map((design) => design.id)).toContain(designId);
    expect((await api.auth.designRole({ designId })).role).toBe('OWNER');
    await expectFailure(api.members.set({ designId, username: viewer.username, role: 'EDITOR' }), 'CONFLICT', /Authentication is off/);
    await expectFailure(api.shareLinks.create({ designId }), 'CONFLICT', /Authentication is off/);
  });
});
