// The trace's path on the canvas: the edges from the root down to the selected account, marked by whether the
// request passed each level, was stopped there, or never got that far. Pure: the canvas styles the marked edges.
import type { OrgFlow } from '../org-graph/to-flow';

/** Row ids root → account, and the level (row id) that stopped the request, if an SCP/RCP level did. */
export interface TracePath {
  nodeIds: string[];
  stoppedId: string | null;
}

/** Edge class per mark (styled in effective.css). */
export const TRACE_EDGE_CLASS = { passed: 'trace-path trace-path--passed', stopped: 'trace-path trace-path--stopped', beyond: 'trace-path trace-path--beyond' } as const;

/** The flow with the path's edges classed; other edges and every node are returned unchanged. */
export function withTracePath(flow: OrgFlow, path: TracePath | null): OrgFlow {
  if (!path || path.nodeIds.length < 2) return flow;
  const position = new Map(path.nodeIds.map((id, index) => [id, index]));
  const stopAt = path.stoppedId !== null ? (position.get(path.stoppedId) ?? Infinity) : Infinity;
  let changed = false;
  const edges = flow.edges.map((edge) => {
    const from = position.get(edge.source);
    const to = position.get(edge.target);
    if (from === undefined || to !== from + 1) return edge;
    changed = true;
    const mark = to < stopAt ? 'passed' : to === stopAt ? 'stopped' : 'beyond';
    return { ...edge, className: TRACE_EDGE_CLASS[mark], zIndex: 1 };
  });
  return changed ? { nodes: flow.nodes, edges } : flow;
}
