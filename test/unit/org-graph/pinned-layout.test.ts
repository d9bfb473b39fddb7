import { describe, expect, it } from 'vitest';
import { withPinnedPositions } from '@/components/org-graph/pinned-layout';

const node = (id: string, x: number, y: number) => ({ id, position: { x, y }, data: { label: id } });
// root → ou → (acct, child-ou → deep)
const nodes = [node('root', 100, 0), node('ou', 100, 100), node('acct', 50, 200), node('child-ou', 150, 200), node('deep', 150, 300)];
const edges = [
  { id: 'e1', source: 'root', target: 'ou' },
  { id: 'e2', source: 'ou', target: 'acct' },
  { id: 'e3', source: 'ou', target: 'child-ou' },
  { id: 'e4', source: 'child-ou', target: 'deep' },
];
const positions = (list: { id: string; position: { x: number; y: number } }[]) => Object.fromEntries(list.map((entry) => [entry.id, entry.position]));

describe('withPinnedPositions', () => {
  it('returns the nodes untouched without pins', () => {
    expect(withPinnedPositions(nodes, edges, new Map())).toBe(nodes);
  });

  it('puts a pinned card at its pin and moves its subtree by the same offset, marking only the pinned card', () => {
    const result = withPinnedPositions(nodes, edges, new Map([['ou', { x: 400, y: 150 }]]));
    expect(positions(result)).toEqual({
      root: { x: 100, y: 0 },
      ou: { x: 400, y: 150 },
      acct: { x: 350, y: 250 },
      'child-ou': { x: 450, y: 250 },
      deep: { x: 450, y: 350 },
    });
    expect(result.filter((entry) => (entry.data as { pinned?: boolean }).pinned).map((entry) => entry.id)).toEqual(['ou']);
    expect(result[0]).toBe(nodes[0]);
  });

  it('keeps a pinned descendant at its own pin when its ancestor is pinned too', () => {
    const result = withPinnedPositions(nodes, edges, new Map([['ou', { x: 400, y: 150 }], ['child-ou', { x: 0, y: 500 }]]));
    expect(positions(result)['child-ou']).toEqual({ x: 0, y: 500 });
    expect(positions(result).deep).toEqual({ x: 0, y: 600 });
    expect(positions(result).acct).toEqual({ x: 350, y: 250 });
  });

  it('ignores pins of cards that are not drawn (inside a folded OU)', () => {
    const result = withPinnedPositions(nodes, edges, new Map([['gone', { x: 1, y: 1 }]]));
    expect(positions(result)).toEqual(positions(nodes));
  });
});
