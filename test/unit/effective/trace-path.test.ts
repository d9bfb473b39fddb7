// The trace path on the canvas: only the edges along root → account are marked, by where the request stopped.
import { describe, expect, it } from 'vitest';
import { TRACE_EDGE_CLASS, withTracePath } from '@/components/effective/trace-path';
import type { OrgFlow } from '@/components/org-graph/to-flow';

const edge = (source: string, target: string) => ({ id: `${source}->${target}`, source, target, type: 'smoothstep' as const, data: { stacked: false } });
const flow: OrgFlow = { nodes: [], edges: [edge('root', 'ou1'), edge('ou1', 'ou2'), edge('ou2', 'acct'), edge('root', 'other')] };

describe('withTracePath', () => {
  it('marks edges before the stopping level passed, the one into it stopped, the rest beyond', () => {
    const marked = withTracePath(flow, { nodeIds: ['root', 'ou1', 'ou2', 'acct'], stoppedId: 'ou1' });
    expect(marked.edges.map((e) => e.className)).toEqual([TRACE_EDGE_CLASS.stopped, TRACE_EDGE_CLASS.beyond, TRACE_EDGE_CLASS.beyond, undefined]);
  });

  it('marks the whole path passed when no level stopped the request', () => {
    const marked = withTracePath(flow, { nodeIds: ['root', 'ou1', 'ou2', 'acct'], stoppedId: null });
    expect(marked.edges.slice(0, 3).every((e) => e.className === TRACE_EDGE_CLASS.passed)).toBe(true);
    expect(marked.edges[3].className).toBeUndefined();
  });

  it('returns the same flow without a path, or when the path is not drawn (collapsed)', () => {
    expect(withTracePath(flow, null)).toBe(flow);
    expect(withTracePath(flow, { nodeIds: ['x', 'y'], stoppedId: null })).toBe(flow);
  });
});
