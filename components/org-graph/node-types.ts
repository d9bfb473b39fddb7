import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ShareEdge } from '../ram/share-edge';
import { ColumnEdge, WrappedRowEdge } from './column-edge';
import { AccountNode } from './nodes/account-node';
import { ExternalAccountNode } from './nodes/external-account-node';
import { OuNode } from './nodes/ou-node';
import { RootNode } from './nodes/root-node';

/**
 * The custom node components by `type`. Declared once at module scope: React Flow re-creates every node when
 * this object changes identity between renders.
 */
export const orgNodeTypes = {
  root: RootNode,
  ou: OuNode,
  account: AccountNode,
  externalAccount: ExternalAccountNode,
} satisfies NodeTypes;

/** The custom edge components by `type` (module scope for the same reason); `smoothstep` is React Flow's own. */
export const orgEdgeTypes = {
  column: ColumnEdge,
  wrappedRow: WrappedRowEdge,
  ramShare: ShareEdge,
} satisfies EdgeTypes;
