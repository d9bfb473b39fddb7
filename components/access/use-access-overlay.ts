'use client';
import { useQuery } from '@tanstack/react-query';
import { MarkerType } from '@xyflow/react';
import { useMemo } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import type { OrgFlowEdge } from '../org-graph/to-flow';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { edgeStyleKind } from './edge-style-kind';
import './access.css';

const OVERLAY_EDGE = /^access:(\d{12})->(\d{12})$/;

/** The id of the overlay edge from one account's card to another's. */
export function overlayEdgeId(fromAccount: string, toAccount: string): string {
  return `access:${fromAccount}->${toAccount}`;
}

/** The two accounts of an overlay edge id, or null for any other edge. */
export function overlayEdgeAccounts(edgeId: string): { fromAccount: string; toAccount: string } | null {
  const match = OVERLAY_EDGE.exec(edgeId);
  return match ? { fromAccount: match[1], toAccount: match[2] } : null;
}

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
    const pairs = new Map<string, { source: string; target: string; fromAccount: string; toAccount: string; count: number; kinds: Set<string>; conditional: boolean }>();
    for (const edge of graph.data.edges) {
      const fromAccount = accountOf.get(edge.from) ?? '';
      const toAccount = accountOf.get(edge.to) ?? '';
      const source = cardOf.get(fromAccount);
      const target = cardOf.get(toAccount);
      if (!source || !target || source === target) continue;
      const key = `${source}|${target}`;
      const pair = pairs.get(key) ?? { source, target, fromAccount, toAccount, count: 0, kinds: new Set<string>(), conditional: false };
      pair.count += 1;
      pair.kinds.add(edgeStyleKind(edge));
      pair.conditional ||= edge.decision === 'conditional';
      pairs.set(key, pair);
    }
    return [...pairs.values()].map((pair) => {
      const kind = ['externalId', 'mfa', 'mfaAge', 'sessionTags', 'organization'].find((candidate) => pair.kinds.has(candidate)) ?? 'plain';
      return {
        id: overlayEdgeId(pair.fromAccount, pair.toAccount),
        source: pair.source,
        target: pair.target,
        sourceHandle: 'access-out',
        targetHandle: 'access-in',
        type: 'smoothstep' as const,
        label: `${pair.count} can assume`,
        className: `access-edge access-edge--${kind}${pair.conditional ? ' access-edge--conditional' : ''} access-overlay-edge`,
        markerEnd: { type: MarkerType.ArrowClosed },
        zIndex: 20,
        // Not selectable (a click must not change the editor's selection); clicking opens the pair's edges instead.
        selectable: false,
      };
    });
  }, [shown, graph.data, tree]);
}
