// The pure parts of the history (no database needed): undo/redo stacks from the log, statement-level diffs.
import { describe, expect, it } from 'vitest';
import { diffStatements, undoRedoStacks } from '../../../server/services/history';
import { invertChanges, type RowChange } from '../../../server/db/org-mutations';

const log = (...entries: [number, string, number?][]) =>
  entries.map(([revision, operation, targetRevision]) => ({ revision, operation, targetRevision: targetRevision ?? null }));

describe('undoRedoStacks', () => {
  it('moves changes between the stacks and clears redo on a new change', () => {
    expect(undoRedoStacks(log([1, 'a'], [2, 'b']))).toEqual({ undo: [1, 2], redo: [] });
    expect(undoRedoStacks(log([1, 'a'], [2, 'b'], [3, 'undo', 2], [4, 'undo', 1]))).toEqual({ undo: [], redo: [2, 1] });
    expect(undoRedoStacks(log([1, 'a'], [2, 'b'], [3, 'undo', 2], [4, 'redo', 2]))).toEqual({ undo: [1, 2], redo: [] });
    expect(undoRedoStacks(log([1, 'a'], [2, 'b'], [3, 'undo', 2], [4, 'c']))).toEqual({ undo: [1, 4], redo: [] });
  });
});

describe('invertChanges', () => {
  it('reverses the order and swaps before and after', () => {
    const changes: RowChange[] = [
      { kind: 'ou', id: 'o1', before: null, after: { id: 'o1', name: 'A' } },
      { kind: 'attachment', id: 'a1', before: null, after: { id: 'a1' } },
      { kind: 'account', id: 'x', before: { id: 'x', parentOuId: null }, after: { id: 'x', parentOuId: 'o1' } },
    ];
    expect(invertChanges(changes)).toEqual([
      { kind: 'account', id: 'x', before: { id: 'x', parentOuId: 'o1' }, after: { id: 'x', parentOuId: null } },
      { kind: 'attachment', id: 'a1', before: { id: 'a1' }, after: null },
      { kind: 'ou', id: 'o1', before: { id: 'o1', name: 'A' }, after: null },
    ]);
    expect(invertChanges(invertChanges(changes))).toEqual(changes);
  });
});

describe('diffStatements', () => {
  const doc = (statements: object[] | object) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

  it('keys statements by Sid, else by position among unnamed statements, and ignores formatting', () => {
    const before = doc([{ Sid: 'A', Effect: 'Deny', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }]);
    const reformatted = JSON.stringify(JSON.parse(before), null, 2);
    expect(diffStatements(before, reformatted)).toEqual([]);
    const after = doc([{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }, { Sid: 'B', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }]);
    expect(diffStatements(before, after)).toEqual([
      { key: 'B', change: 'added', after: { Sid: 'B', Effect: 'Deny', Action: 'ec2:*', Resource: '*' } },
      { key: 'A', change: 'removed', before: { Sid: 'A', Effect: 'Deny', Action: 's3:*', Resource: '*' } },
    ]);
  });

  it('treats a single Statement object like a one-element array, and diffs management policies by top-level key', () => {
    expect(diffStatements(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]))).toEqual([]);
    const changes = diffStatements(
      JSON.stringify({ tags: { cc: { tag_key: { '@@assign': 'CC' } } } }),
      JSON.stringify({ tags: { cc: { tag_key: { '@@assign': 'CostCenter' } } }, plans: {} }),
    );
    expect(changes.map((c) => [c.key, c.change])).toEqual([['tags', 'changed'], ['plans', 'added']]);
  });

  it('compares unparsable documents as a whole', () => {
    expect(diffStatements('{', '{"a":1}')).toEqual([
      { key: 'a', change: 'added', after: 1 },
      { key: '(document)', change: 'removed', before: '{' },
    ]);
  });
});
