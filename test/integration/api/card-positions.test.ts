// org.cardPositions / pinCards / unpinCards through createCaller on the real migrated test database: pins are
// saved per design, outside the history (no revision), validated, and survive an undo of another edit.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));

afterAll(async () => {
  await db.$disconnect();
});

const refusedAs = (code: string, message: RegExp) => (error: unknown) => error instanceof TRPCError && error.code === code && message.test(error.message);

describe('pinned card positions', () => {
  let designId: string;
  let ouId: string;
  let accountId: string;
  let otherDesignOuId: string;

  beforeAll(async () => {
    designId = (await api.design.create({ name: uniqueName('pins') })).id;
    await api.ou.create({ designId, expectedRevision: 0, parentId: (await api.org.tree({ designId })).root!.id, name: 'Workloads' });
    const tree = await api.org.tree({ designId });
    ouId = tree.orgUnits[0].id;
    accountId = tree.accounts[0].id;
    const other = (await api.design.create({ name: uniqueName('pins other') })).id;
    await api.ou.create({ designId: other, expectedRevision: 0, parentId: (await api.org.tree({ designId: other })).root!.id, name: 'Elsewhere' });
    otherDesignOuId = (await api.org.tree({ designId: other })).orgUnits[0].id;
  });

  it('starts with no pins, saves an OU and an account, and takes no revision', async () => {
    expect(await api.org.cardPositions({ designId })).toEqual({ pins: [] });
    const saved = await api.org.pinCards({ designId, pins: [{ id: ouId, x: 120.5, y: -40 }, { id: accountId, x: 900, y: 300 }] });
    expect(saved.pins).toEqual([{ id: ouId, x: 120.5, y: -40 }, { id: accountId, x: 900, y: 300 }]);
    expect(await api.org.cardPositions({ designId })).toEqual(saved);
    expect((await api.design.get({ designId })).revision).toBe(1);
    // Pinning again moves the pin.
    expect((await api.org.pinCards({ designId, pins: [{ id: ouId, x: 10, y: 20 }] })).pins).toContainEqual({ id: ouId, x: 10, y: 20 });
  });

  it("refuses a card of another design or no card at all, naming it, and changes nothing", async () => {
    await expect(api.org.pinCards({ designId, pins: [{ id: ouId, x: 1, y: 1 }, { id: otherDesignOuId, x: 5, y: 5 }] })).rejects.toSatisfy(
      refusedAs('NOT_FOUND', new RegExp(`no OU or member account with id "${otherDesignOuId}"`)),
    );
    expect((await api.org.cardPositions({ designId })).pins).toContainEqual({ id: ouId, x: 10, y: 20 });
    await expect(api.org.pinCards({ designId, pins: [{ id: ouId, x: Number.NaN, y: 0 }] })).rejects.toSatisfy(refusedAs('BAD_REQUEST', /number/));
    await expect(api.org.pinCards({ designId, pins: [{ id: ouId, x: 1e12, y: 0 }] })).rejects.toSatisfy(refusedAs('BAD_REQUEST', /at most 10000000/));
  });

  it('keeps a pin when another edit of the card is undone (pins are outside the history)', async () => {
    await api.ou.rename({ designId, expectedRevision: 1, ouId, name: 'Workloads Renamed' });
    await api.org.pinCards({ designId, pins: [{ id: ouId, x: 77, y: 88 }] });
    await api.history.undo({ designId, expectedRevision: 2 });
    const tree = await api.org.tree({ designId });
    expect(tree.orgUnits.find((ou) => ou.id === ouId)?.name).toBe('Workloads');
    expect((await api.org.cardPositions({ designId })).pins).toContainEqual({ id: ouId, x: 77, y: 88 });
  });

  it('unpins one card, then every card', async () => {
    expect((await api.org.unpinCards({ designId, ids: [ouId] })).pins).toEqual([{ id: accountId, x: 900, y: 300 }]);
    expect(await api.org.unpinCards({ designId })).toEqual({ pins: [] });
  });

  it('answers NOT_FOUND for an unknown design', async () => {
    await expect(api.org.cardPositions({ designId: 'no-such-design' })).rejects.toSatisfy(refusedAs('NOT_FOUND', /no design/));
  });
});
