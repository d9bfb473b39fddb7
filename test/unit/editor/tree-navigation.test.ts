import { describe, expect, it } from 'vitest';
import { navigationStep, type VisibleTree } from '@/components/editor/tree-navigation';

// root → a (a1, a2), b
const tree: VisibleTree = {
  nodeIds: ['root', 'a', 'b', 'a1', 'a2'],
  links: [
    { source: 'root', target: 'a' },
    { source: 'root', target: 'b' },
    { source: 'a', target: 'a1' },
    { source: 'a', target: 'a2' },
  ],
};

describe('navigationStep', () => {
  it('walks the visible nodes in reading order with Down and Up', () => {
    expect(navigationStep(tree, 'root', 'ArrowDown', false)).toEqual({ focus: 'a' });
    expect(navigationStep(tree, 'a', 'ArrowDown', false)).toEqual({ focus: 'a1' });
    expect(navigationStep(tree, 'a2', 'ArrowDown', null)).toEqual({ focus: 'b' });
    expect(navigationStep(tree, 'b', 'ArrowDown', null)).toBeNull();
    expect(navigationStep(tree, 'b', 'ArrowUp', null)).toEqual({ focus: 'a2' });
  });

  it('unfolds a folded node with Right, else enters its first child', () => {
    expect(navigationStep(tree, 'a', 'ArrowRight', true)).toEqual({ fold: false });
    expect(navigationStep(tree, 'a', 'ArrowRight', false)).toEqual({ focus: 'a1' });
    expect(navigationStep(tree, 'a1', 'ArrowRight', null)).toBeNull();
  });

  it('folds an open node with Left, else goes to the parent', () => {
    expect(navigationStep(tree, 'a', 'ArrowLeft', false)).toEqual({ fold: true });
    expect(navigationStep(tree, 'a2', 'ArrowLeft', null)).toEqual({ focus: 'a' });
    expect(navigationStep(tree, 'root', 'ArrowLeft', true)).toBeNull();
  });

  it('jumps to the first and last node with Home and End, and ignores other keys', () => {
    expect(navigationStep(tree, 'a1', 'Home', null)).toEqual({ focus: 'root' });
    expect(navigationStep(tree, 'a1', 'End', null)).toEqual({ focus: 'b' });
    expect(navigationStep(tree, 'a1', 'x', null)).toBeNull();
    expect(navigationStep(tree, 'missing', 'ArrowDown', null)).toBeNull();
  });
});
