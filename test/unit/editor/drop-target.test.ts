import { describe, expect, it } from 'vitest';
import { dropTargetAt } from '@/components/org-graph/drop-target';
import { toFlow } from '@/components/org-graph/to-flow';
import { fixtureTree } from './tree-fixture';

function placedFlow() {
  // Place cards in a row, 300 px apart, in drawing order.
  const { nodes } = toFlow(fixtureTree());
  return nodes.map((node, index) => ({ ...node, position: { x: index * 300, y: 0 } }));
}

describe('dropTargetAt', () => {
  it('returns the root or OU card under the point', () => {
    const nodes = placedFlow();
    const security = nodes.find((node) => node.id === 'security');
    expect(dropTargetAt(nodes, { x: (security?.position.x ?? 0) + 10, y: 10 }, 'pay')?.id).toBe('security');
  });

  it('never returns an account card, the dragged card itself, or anything over empty canvas', () => {
    const nodes = placedFlow();
    const account = nodes.find((node) => node.id === 'log');
    expect(dropTargetAt(nodes, { x: (account?.position.x ?? 0) + 10, y: 10 }, 'pay')).toBeNull();
    const workloads = nodes.find((node) => node.id === 'workloads');
    expect(dropTargetAt(nodes, { x: (workloads?.position.x ?? 0) + 10, y: 10 }, 'workloads')).toBeNull();
    expect(dropTargetAt(nodes, { x: -50, y: -50 }, 'pay')).toBeNull();
  });
});
