'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import type { OrgFlow } from '../org-graph/to-flow';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { shareOverlay, type ShareOverlay } from './share-flow';

const NONE: ShareOverlay = { nodes: [], edges: [] };

/**
 * The RAM share overlay of the laid-out org graph while share edges are switched on: the shares (ram.overview) and
 * what each recipient's SCPs leave of them (ram.shareScpStops, decided by the engine), drawn after the tree layout so
 * they never move a card.
 */
export function useShareOverlay(tree: OrgTree, flow: OrgFlow | null): ShareOverlay {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const shown = useEditorStore((state) => state.shareEdges);
  const overview = useQuery({ ...trpc.ram.overview.queryOptions({ designId }), enabled: shown });
  const stops = useQuery({ ...trpc.ram.shareScpStops.queryOptions({ designId }), enabled: shown });
  return useMemo(() => {
    if (!shown || !flow || !overview.data) return NONE;
    return shareOverlay(tree, flow.nodes, overview.data.shares, stops.data?.shares ?? []);
  }, [shown, flow, overview.data, stops.data, tree]);
}
