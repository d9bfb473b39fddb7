import 'server-only';

import { Prisma, type Db, type PrismaClient } from './client';
import { readDesignForExport } from './export-design';
import { getPayloadsNewestFirst } from './history';
import type { InterchangeDesign } from './import-export-model';
import { applyRowChanges, type EntityKind } from './org-mutations';
import { TRANSACTION_LIMITS } from './transaction';

// The whole design (IAM, RAM, Control Tower, Identity Center and the Organizations tree) as it was at older
// revisions. The stored inverse changes are written, newest first, inside one transaction that is always rolled
// back, and the exporters' own reader (export-design.ts) reads each state on the way down: one reader of the model,
// exact for every kind of row the history records, and nothing is ever committed. The transaction is REPEATABLE
// READ so that every statement sees the same snapshot; an edit committed meanwhile to a row it rewrites makes
// PostgreSQL refuse the write (a serialization failure), and the read starts again.

/** Thrown inside the transaction to roll it back once the states are read. */
class RollBack extends Error {}

/** The states read, by revision, and the design's revision they were read from. */
export interface DesignsAtRevisions {
  /** The revision the design was at. */
  current: number;
  /** The interchange model at each asked revision. */
  designs: Map<number, InterchangeDesign>;
}

/** Outcome for the caller's errors: the design is unknown, or a revision is newer than the design. */
export type DesignsAtRevisionsResult = { ok: true; value: DesignsAtRevisions } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'future'; current: number; revision: number };

/** Reads the design at each of `revisions` (never writes anything that stays). */
export async function readDesignsAtRevisions(db: PrismaClient, designId: string, revisions: readonly number[]): Promise<DesignsAtRevisionsResult> {
  const wanted = [...new Set(revisions)].sort((a, b) => b - a);
  for (let attempt = 0; ; attempt++) {
    let outcome: DesignsAtRevisionsResult | undefined;
    try {
      await db.$transaction(async (tx) => {
        const design = await tx.design.findUnique({ where: { id: designId }, select: { revision: true } });
        if (!design) {
          outcome = { ok: false, reason: 'not-found' };
          throw new RollBack();
        }
        const future = wanted.find((revision) => revision > design.revision);
        if (future !== undefined) {
          outcome = { ok: false, reason: 'future', current: design.revision, revision: future };
          throw new RollBack();
        }
        const designs = new Map<number, InterchangeDesign>();
        let at = design.revision;
        for (const revision of wanted) {
          for (const { payload } of await getPayloadsNewestFirst(tx, designId, revision, at)) await applyRowChanges(tx, payload.inverse.changes);
          at = revision;
          const exported = await readDesignForExport(tx, designId);
          if (!exported) throw new Error(`Design ${designId} vanished while its revision ${revision} was read.`);
          designs.set(revision, exported.design);
        }
        outcome = { ok: true, value: { current: design.revision, designs } };
        throw new RollBack();
      }, { ...TRANSACTION_LIMITS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
    } catch (error) {
      if (error instanceof RollBack && outcome) return outcome;
      // 40001: an edit committed meanwhile rewrote a row this read rewrites; read again from the new state.
      if (attempt < 2 && isSerializationFailure(error)) continue;
      throw error;
    }
    throw new Error('The revision read was not rolled back.');
  }
}

function isSerializationFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? '')}` : '';
  return /40001|could not serialize/i.test(text) || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034');
}

/** The row kinds the changes in (fromExclusive, toInclusive] wrote. */
export async function kindsChangedBetween(db: Db, designId: string, fromExclusive: number, toInclusive: number): Promise<Set<EntityKind>> {
  const kinds = new Set<EntityKind>();
  for (const { payload } of await getPayloadsNewestFirst(db, designId, fromExclusive, toInclusive)) {
    for (const change of payload.forward.changes) kinds.add(change.kind);
  }
  return kinds;
}
