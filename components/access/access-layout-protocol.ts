// Messages between the access view and its layout worker (access-layout.worker.ts).
import type { AccessFlowEdge, AccessFlowNode } from './access-flow';

/** A flow to lay out; `id` pairs the replies with it. */
export interface AccessLayoutRequest {
  id: number;
  nodes: AccessFlowNode[];
  edges: AccessFlowEdge[];
}

/** The worker's replies: a stage reached, the positioned flow, or the layout's error. */
export type AccessLayoutReply =
  | { id: number; stage: 'edges' }
  | { id: number; nodes: AccessFlowNode[]; edges: AccessFlowEdge[] }
  | { id: number; error: string };
