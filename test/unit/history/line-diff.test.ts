// Pure helpers of the history panel: the side-by-side line diff and operation labels.
import { describe, expect, it } from 'vitest';
import { diffLines, prettyJson } from '@/components/history/line-diff';
import { operationLabel, relativeTime } from '@/components/history/operation-labels';

describe('diffLines', () => {
  it('keeps common lines side by side, pairs a replaced line with its replacement and marks the rest', () => {
    const rows = diffLines('a\nb\nc', 'a\nx\nc\nd');
    expect(rows.map((r) => `${r.kind}:${r.left?.text ?? ''}|${r.right?.text ?? ''}`)).toEqual([
      'same:a|a', 'changed:b|x', 'same:c|c', 'added:|d',
    ]);
    expect(diffLines('a\nb\nc', 'a\nz').map((r) => r.kind)).toEqual(['same', 'changed', 'removed']);
    expect(rows.at(-1)?.right?.number).toBe(4);
  });

  it('shows an added statement entirely on the right and a removed one on the left', () => {
    expect(diffLines('', 'a\nb').every((r) => r.kind === 'added' && !r.left)).toBe(true);
    expect(diffLines('a\nb', '').every((r) => r.kind === 'removed' && !r.right)).toBe(true);
  });

  it('finds the changed line in two versions of a statement', () => {
    const before = prettyJson({ Sid: 'DenyS3', Effect: 'Deny', Action: 's3:*', Resource: '*' });
    const after = prettyJson({ Sid: 'DenyS3', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' });
    const changed = diffLines(before, after).filter((r) => r.kind !== 'same');
    expect(changed.map((r) => [r.kind, r.left?.text.trim(), r.right?.text.trim()])).toEqual([
      ['changed', '"Action": "s3:*",', '"Action": "s3:DeleteBucket",'],
    ]);
    expect(prettyJson(undefined)).toBe('');
  });
});

describe('operation labels', () => {
  it('names known operations and splits unknown ones into words', () => {
    expect(operationLabel('moveOrganizationalUnit')).toBe('Move OU');
    expect(operationLabel('attachPolicy')).toBe('Attach policy');
    expect(operationLabel('someNewThing')).toBe('Some new thing');
  });

  it('says how long ago a change was', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(relativeTime(new Date('2026-06-01T11:59:50Z'), now)).toBe('just now');
    expect(relativeTime(new Date('2026-06-01T11:50:00Z'), now)).toBe('10 min ago');
    expect(relativeTime(new Date('2026-06-01T09:00:00Z'), now)).toBe('3 h ago');
    expect(relativeTime(new Date('2026-05-01T09:00:00Z'), now)).toBe('1 May 2026');
  });
});
