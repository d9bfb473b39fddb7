import 'server-only';

import type { Db } from './client';
import { inTransaction } from './transaction';

/** A pinned card's row id and position. */
export interface CardPinDto {
  id: string;
  x: number;
  y: number;
}

/** Every OU and account of the design with a pinned position, OUs first; null when there is no such design. */
export async function loadCardPins(db: Db, designId: string): Promise<CardPinDto[] | null> {
  const design = await db.design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) return null;
  const pinned = { layoutX: { not: null }, layoutY: { not: null } };
  const [ous, accounts] = await Promise.all([
    db.organizationalUnit.findMany({ where: { root: { organization: { designId } }, ...pinned }, select: { id: true, layoutX: true, layoutY: true }, orderBy: { id: 'asc' } }),
    db.account.findMany({ where: { designId, ...pinned }, select: { id: true, layoutX: true, layoutY: true }, orderBy: { id: 'asc' } }),
  ]);
  return [...ous, ...accounts].map((row) => ({ id: row.id, x: row.layoutX as number, y: row.layoutY as number }));
}

/**
 * Pins cards of the design, in one transaction. Returns the ids that are neither an OU nor a member account of
 * the design (nothing is written then).
 */
export async function saveCardPins(db: Db, designId: string, pins: readonly CardPinDto[]): Promise<string[]> {
  return inTransaction(db, async (tx) => {
    const ids = pins.map((pin) => pin.id);
    const [ous, accounts] = await Promise.all([
      tx.organizationalUnit.findMany({ where: { id: { in: ids }, root: { organization: { designId } } }, select: { id: true } }),
      // Only members are drawn in the tree: an account outside the organization has no card to pin.
      tx.account.findMany({ where: { id: { in: ids }, designId, OR: [{ parentOuId: { not: null } }, { parentRootId: { not: null } }] }, select: { id: true } }),
    ]);
    const ouIds = new Set(ous.map((row) => row.id));
    const accountIds = new Set(accounts.map((row) => row.id));
    const unknown = ids.filter((id) => !ouIds.has(id) && !accountIds.has(id));
    if (unknown.length > 0) return unknown;
    for (const pin of pins) {
      const data = { layoutX: pin.x, layoutY: pin.y };
      if (ouIds.has(pin.id)) await tx.organizationalUnit.update({ where: { id: pin.id }, data, select: { id: true } });
      else await tx.account.update({ where: { id: pin.id }, data, select: { id: true } });
    }
    return [];
  });
}

/** Unpins the named cards of the design (all of them when `ids` is undefined); returns how many were pinned. */
export async function clearCardPins(db: Db, designId: string, ids?: readonly string[]): Promise<number> {
  const data = { layoutX: null, layoutY: null };
  const only = ids ? { id: { in: [...ids] } } : {};
  const pinned = { OR: [{ layoutX: { not: null } }, { layoutY: { not: null } }] };
  return inTransaction(db, async (tx) => {
    const ous = await tx.organizationalUnit.updateMany({ where: { ...only, root: { organization: { designId } }, ...pinned }, data });
    const accounts = await tx.account.updateMany({ where: { ...only, designId, ...pinned }, data });
    return ous.count + accounts.count;
  });
}
