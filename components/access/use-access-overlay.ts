'use client';
import { useQuery } from '@tanstack/react-query';
import { MarkerType } from '@xyflow/react';
import { useMemo } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import type { OrgFlowEdge } from '../org-graph/to-flow';
import { useEditorStore } from '../editor/store/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { edgeStyleKind } from './access-flow';
import './access.css';

/**
 * The access graph as edges between account cards of the org graph (one per pair of accounts that some principal of
 * the first can assume a role of the second, counted), drawn after the tree layout so they never move a card.
 */
export function useAccessOverlayEdges(tree: OrgTree): OrgFlowEdge[] {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const shown = useEditorStore((state) => state.accessOverlay);
  const graph = useQuery({ ...trpc.access.graph.queryOptions({ designId }), enabled: shown });
  return useMemo(() => {
    if (!shown || !graph.data) return [];
    const cardOf = new Map(tree.accounts.map((account) => [account.accountId, account.id]));
    const accountOf = new Map(graph.data.nodes.map((node) => [node.id, node.accountId]));
    const pairs = new Map<string, { source: string; target: string; count: number; kinds: Set<string>; conditional: boolean }>();
    for (const edge of graph.data.edges) {
      const source = cardOf.get(accountOf.get(edge.from) ?? '');
      const target = cardOf.get(accountOf.get(edge.to) ?? '');
      if (!source || !target || source === target) continue;
      const key = `${source}|${target}`;
      const pair = pairs.get(key) ?? { source, target, count: 0, kinds: new Set<string>(), conditional: false };
      pair.count += 1;
      pair.kinds.add(edgeStyleKind(edge));
      pair.conditional ||= edge.decision === 'conditional';
      pairs.set(key, pair);
    }
    return [...pairs.values()].map((pair) => {
      const kind = ['externalId', 'mfa', 'mfaAge', 'sessionTags', 'organization'].find((candidate) => pair.kinds.has(candidate)) ?? 'plain';
      return {
        id: `access:${pair.source}->${pair.target}`,
        source: pair.source,
        target: pair.target,
        sourceHandle: 'access-out',
        targetHandle: 'access-in',
        type: 'smoothstep' as const,
        label: `${pair.count} can assume`,
        className: `access-edge access-edge--${kind}${pair.conditional ? ' access-edge--conditional' : ''} access-overlay-edge`,
        markerEnd: { type: MarkerType.ArrowClosed },
        zIndex: 20,
        selectable: false,
      };
    });
  }, [shown, graph.data, tree]);
}
