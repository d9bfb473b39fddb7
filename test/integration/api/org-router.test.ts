// org.tree through createCaller on the real migrated test database, for a new design and the seeded sample.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { SAMPLE_ACCOUNTS, SAMPLE_DESIGN_NAME, SAMPLE_OUS } from '@/server/db/sample-landing-zone';
import { seedSampleLandingZone } from '@/server/db/seed';
import type { OrgTree } from '@/server/schemas/org';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));

afterAll(async () => {
  await db.$disconnect();
});

describe('org.tree of a new design', () => {
  it('holds the root and the management account, each with FullAWSAccess attached', async () => {
    const design = await api.design.create({ name: uniqueName('api tree') });
    const tree = await api.org.tree({ designId: design.id });
    expect(tree.designId).toBe(design.id);
    expect(tree.organizationId).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(tree.root).toMatchObject({ name: 'Root', policyCounts: { scp: 1, rcp: 0 } });
    expect(tree.root?.awsId).toMatch(/^r-[a-z0-9]{4,32}$/);
    expect(tree.orgUnits).toEqual([]);
    expect(tree.accounts).toHaveLength(1);
    const [management] = tree.accounts;
    expect(management).toMatchObject({ isManagement: true, parentId: tree.root?.id, status: 'ACTIVE', policyCounts: { scp: 1, rcp: 0 } });
    expect(tree.managementAccountId).toBe(management.accountId);
    expect(tree.policyCount).toBe(1);
  });

  it('answers NOT_FOUND for an unknown design', async () => {
    await expect(api.org.tree({ designId: 'no-such-design' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND',
    );
  });
});

describe('org.tree of the sample landing zone', () => {
  let tree: OrgTree;

  beforeAll(async () => {
    await seedSampleLandingZone(db); // idempotent: another test file may have seeded it already
    const sample = (await api.design.list()).find((design) => design.name === SAMPLE_DESIGN_NAME);
    if (!sample) throw new Error('the sample design was not seeded');
    tree = await api.org.tree({ designId: sample.id });
  });

  it('holds every sample OU under the right parent', () => {
    const nameOf = new Map([[tree.root!.id, 'Root'], ...tree.orgUnits.map((ou) => [ou.id, ou.name] as const)]);
    const actual = tree.orgUnits.map((ou) => `${nameOf.get(ou.parentId)} > ${ou.name}`).sort();
    const sampleName = new Map(SAMPLE_OUS.map((ou) => [ou.key, ou.name]));
    const expected = SAMPLE_OUS.map((ou) => `${ou.parent ? sampleName.get(ou.parent) : 'Root'} > ${ou.name}`).sort();
    expect(actual).toEqual(expected);
  });

  it('holds every sample account with its AWS id, status and parent', () => {
    const nameOf = new Map([[tree.root!.id, 'Root'], ...tree.orgUnits.map((ou) => [ou.id, ou.name] as const)]);
    const ouName = new Map(SAMPLE_OUS.map((ou) => [ou.key, ou.name]));
    const actual = tree.accounts.map((a) => `${a.accountId} ${a.name} ${a.status} in ${nameOf.get(a.parentId)}`).sort();
    const expected = SAMPLE_ACCOUNTS.map(
      (a) => `${a.accountId} ${a.name} ${a.status} in ${a.parent ? ouName.get(a.parent) : 'Root'}`,
    ).sort();
    expect(actual).toEqual(expected);
  });

  it('marks exactly one management account, the one the organization names', () => {
    const managers = tree.accounts.filter((account) => account.isManagement);
    expect(managers.map((account) => account.accountId)).toEqual([tree.managementAccountId]);
  });

  it('counts SCPs and RCPs per node, with RCPFullAWSAccess wherever RCPs are enabled', () => {
    // Every node of an organization keeps at least one SCP (AWS refuses to detach the last one).
    for (const node of [tree.root!, ...tree.orgUnits, ...tree.accounts]) {
      expect(node.policyCounts.scp, node.name).toBeGreaterThanOrEqual(1);
    }
    const totalAttachments = [tree.root!, ...tree.orgUnits, ...tree.accounts].reduce(
      (sum, node) => sum + node.policyCounts.scp + node.policyCounts.rcp,
      0,
    );
    expect(totalAttachments).toBeGreaterThan(tree.orgUnits.length + tree.accounts.length + 1);
  });
});

describe('org.tree follows every change (the server keeps one tree per design revision)', () => {
  it('after a move, its undo and redo, and a rename, each read shows the change', async () => {
    const design = await api.design.create({ name: uniqueName('api tree cache') });
    const parentOf = (tree: OrgTree, name: string) => {
      const node = [...tree.orgUnits, ...tree.accounts].find((candidate) => candidate.name === name)!;
      return node.parentId === tree.root?.id ? 'Root' : tree.orgUnits.find((ou) => ou.id === node.parentId)?.name;
    };
    let tree = await api.org.tree({ designId: design.id });
    let revision = (await api.design.get({ designId: design.id })).revision;
    const created = await api.ou.create({ designId: design.id, expectedRevision: revision, parentId: tree.root!.id, name: 'Infrastructure' });
    revision = created.revision;
    tree = await api.org.tree({ designId: design.id });
    const infrastructure = tree.orgUnits.find((ou) => ou.name === 'Infrastructure')!;
    const management = tree.accounts[0];
    // The same snapshot while the revision stands (checked and encoded once).
    expect(await api.org.tree({ designId: design.id })).toBe(tree);

    revision = (await api.account.move({ designId: design.id, expectedRevision: revision, accountId: management.id, destinationParentId: infrastructure.id })).revision;
    expect(parentOf(await api.org.tree({ designId: design.id }), management.name)).toBe('Infrastructure');
    revision = (await api.history.undo({ designId: design.id, expectedRevision: revision })).revision;
    expect(parentOf(await api.org.tree({ designId: design.id }), management.name)).toBe('Root');
    revision = (await api.history.redo({ designId: design.id, expectedRevision: revision })).revision;
    expect(parentOf(await api.org.tree({ designId: design.id }), management.name)).toBe('Infrastructure');
    await api.ou.rename({ designId: design.id, expectedRevision: revision, ouId: infrastructure.id, name: 'Platform' });
    expect((await api.org.tree({ designId: design.id })).orgUnits.map((ou) => ou.name)).toEqual(['Platform']);
  });
});

describe('org.subtree: a root or OU\'s children a page at a time (issue 14, subtrees on demand)', () => {
  let tree: OrgTree;
  let designId: string;

  beforeAll(async () => {
    await seedSampleLandingZone(db);
    const sample = (await api.design.list()).find((design) => design.name === SAMPLE_DESIGN_NAME);
    if (!sample) throw new Error('the sample design was not seeded');
    designId = sample.id;
    tree = await api.org.tree({ designId });
  });

  it('lists the root\'s OUs by name with what they hold below, then its accounts, and pages through them', async () => {
    const whole = await api.org.subtree({ designId, parentId: tree.root!.id });
    const expectedOus = tree.orgUnits.filter((ou) => ou.parentId === tree.root!.id).map((ou) => ou.name).sort((a, b) => a.localeCompare(b));
    const expectedAccounts = tree.accounts.filter((account) => account.parentId === tree.root!.id).map((account) => account.name).sort((a, b) => a.localeCompare(b));
    const names = whole.children.map((child) => (child.kind === 'ou' ? child.ou.name : child.account.name));
    expect(names).toEqual([...expectedOus, ...expectedAccounts]);
    expect(whole).toMatchObject({ parent: { kind: 'root', name: 'Root' }, total: names.length, nextCursor: null });
    // Workloads holds Prod and NonProd and their four accounts.
    const workloads = whole.children.find((child) => child.kind === 'ou' && child.ou.name === 'Workloads');
    expect(workloads).toMatchObject({ descendants: { ous: 2, accounts: 4 } });

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.org.subtree({ designId, parentId: tree.root!.id, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.children.length).toBeLessThanOrEqual(2);
      expect(page.total).toBe(names.length);
      paged.push(...page.children.map((child) => (child.kind === 'ou' ? child.ou.name : child.account.name)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(names);
  });

  it('lists an OU\'s children with the same card data as org.tree', async () => {
    const workloads = tree.orgUnits.find((ou) => ou.name === 'Workloads')!;
    const page = await api.org.subtree({ designId, parentId: workloads.id });
    expect(page.parent).toEqual({ id: workloads.id, kind: 'ou', name: 'Workloads' });
    expect(page.children.map((child) => (child.kind === 'ou' ? child.ou.name : child.account.name))).toEqual(['NonProd', 'Prod']);
    const prod = page.children.find((child) => child.kind === 'ou' && child.ou.name === 'Prod');
    expect(prod?.kind === 'ou' && prod.ou).toEqual(tree.orgUnits.find((ou) => ou.name === 'Prod'));
  });

  it('refuses an account or an unknown id as the parent, a stale cursor and a limit out of range, saying why', async () => {
    const account = tree.accounts[0];
    await expect(api.org.subtree({ designId, parentId: account.id })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND' && error.message === `${account.id} is an account: only the root and OUs have children.`,
    );
    await expect(api.org.subtree({ designId, parentId: 'ou-nosuch' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND' && /no root or OU with id "ou-nosuch"/.test(error.message),
    );
    await expect(api.org.subtree({ designId, parentId: tree.root!.id, cursor: 'gone' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'CONFLICT' && /read the first page again/.test(error.message),
    );
    await expect(api.org.subtree({ designId, parentId: tree.root!.id, limit: 0 })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'BAD_REQUEST' && /limit must be between 1 and 1000/.test(error.message),
    );
  });
});
