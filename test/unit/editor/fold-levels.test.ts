import { describe, expect, it } from 'vitest';
import { deepestOuLevel, foldToLevel } from '@/components/editor/fold-levels';
import { fixtureTree } from './tree-fixture';

describe('fold to level', () => {
  it('opens containers above the level and folds the rest; Infinity opens everything', () => {
    const tree = fixtureTree();
    expect(deepestOuLevel(tree)).toBe(2);
    const one = foldToLevel(tree, 1);
    expect([...one.expanded].sort()).toEqual(['root']);
    expect([...one.collapsed].sort()).toEqual(['prod', 'security', 'workloads']);
    const two = foldToLevel(tree, 2);
    expect([...two.expanded].sort()).toEqual(['root', 'security', 'workloads']);
    expect([...two.collapsed]).toEqual(['prod']);
    const all = foldToLevel(tree, Infinity);
    expect(all.collapsed.size).toBe(0);
    expect([...all.expanded].sort()).toEqual(['prod', 'root', 'security', 'workloads']);
    expect([...foldToLevel(tree, 0).collapsed]).toContain('root');
  });
});
