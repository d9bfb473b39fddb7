import 'server-only';
import type { Db } from '../../db/client';
import { getChangePayload, listChangeSummaries, type ChangeSummaryDto } from '../../db/history';
import { applyRowChanges } from '../../db/org-mutations';
import { designExists } from '../../db/org-mutations-queries';
import { designNotFound, DomainError } from '../domain-error';
import { runMutation, type MutationBase } from '../organizations/mutation';

// Undo and redo over the change log. Each undo or redo is itself a new change (operation "undo"/"redo", with
// targetRevision naming the change it reverts or re-applies), so the log only grows and nothing is lost. The
// stacks are rebuilt from the log: a normal change pushes onto the undo stack and clears the redo stack; an undo
// moves the top of the undo stack onto the redo stack; a redo moves it back.

/** The undo and redo stacks (revisions of normal changes, top last). */
export function undoRedoStacks(log: readonly Pick<ChangeSummaryDto, 'revision' | 'operation' | 'targetRevision'>[]): { undo: number[]; redo: number[] } {
  const undo: number[] = [];
  let redo: number[] = [];
  for (const change of log) {
    if (change.operation === 'undo') {
      const reverted = undo.pop();
      if (reverted !== undefined) redo.push(reverted);
    } else if (change.operation === 'redo') {
      const reapplied = redo.pop();
      if (reapplied !== undefined) undo.push(reapplied);
    } else {
      undo.push(change.revision);
      redo = [];
    }
  }
  return { undo, redo };
}

async function step(db: Db, input: MutationBase, direction: 'undo' | 'redo') {
  return runMutation(db, direction, input, async (scope) => {
    const stacks = undoRedoStacks(await listChangeSummaries(scope.db, input.designId));
    const target = direction === 'undo' ? stacks.undo.at(-1) : stacks.redo.at(-1);
    if (target === undefined) {
      // Not an AWS error: no awsCode, only the kind and a message.
      throw new DomainError('CONFLICT', direction === 'undo' ? 'There is no change to undo.' : 'There is no undone change to redo.');
    }
    const payload = await getChangePayload(scope.db, input.designId, target);
    if (!payload) throw new Error(`The history of design ${input.designId} has no change ${target}.`);
    const changes = direction === 'undo' ? payload.inverse.changes : payload.forward.changes;
    await applyRowChanges(scope.db, changes);
    // Recorded as written, so that diffs and later undos treat this step like any other change.
    scope.writer.changes.push(...changes);
    scope.history.targetRevision = target;
    return direction === 'undo' ? { undoneRevision: target } : { redoneRevision: target };
  });
}

/** Reverts the latest change not yet undone (as a new change); CONFLICT "There is no change to undo" when there is none. */
export function undo(db: Db, input: MutationBase) {
  return step(db, input, 'undo');
}

/** Re-applies the latest undone change (as a new change); CONFLICT when there is none (a new edit clears the redo stack). */
export function redo(db: Db, input: MutationBase) {
  return step(db, input, 'redo');
}

/** One revision in the design's history. */
export interface RevisionEntry {
  revision: number;
  operation: string;
  /** For undo/redo: the revision reverted or re-applied. */
  targetRevision: number | null;
  author: string | null;
  createdAt: Date;
  /** What the change did, in one sentence; for undo and redo, the reverted or re-applied change's sentence. */
  summary: string | null;
  /** True when the change is currently undone (on the redo stack). */
  undone: boolean;
}

/** The design's revisions, newest first, with whether undo and redo are possible now. */
export async function listRevisions(db: Db, designId: string): Promise<{ revisions: RevisionEntry[]; canUndo: boolean; canRedo: boolean }> {
  if (!(await designExists(db, designId))) throw designNotFound(designId);
  const log = await listChangeSummaries(db, designId);
  const stacks = undoRedoStacks(log);
  const undone = new Set(stacks.redo);
  return {
    revisions: log.map((entry) => ({
      ...entry,
      summary: entry.targetRevision !== null ? log.find((target) => target.revision === entry.targetRevision)?.summary ?? null : entry.summary,
      undone: undone.has(entry.revision),
    })).reverse(),
    canUndo: stacks.undo.length > 0,
    canRedo: stacks.redo.length > 0,
  };
}
