// An access edge's style key, in a module of its own: the editor's access overlay (use-access-overlay, in the design
// page's first chunk) needs only this of access-flow, whose layout code is the access view's.
import type { AccessEdgeDto } from '@/server/schemas/access';

/** The condition a style keys on: the most telling one of the edge. */
export function edgeStyleKind(edge: AccessEdgeDto): string {
  const order = ['externalId', 'mfa', 'mfaAge', 'sessionTags', 'sessionName', 'sourceIdentity', 'organization', 'source', 'other'];
  const kinds = edge.conditions.map((condition) => condition.kind);
  return order.find((kind) => kinds.includes(kind as never)) ?? (edge.chained ? 'chained' : 'plain');
}
