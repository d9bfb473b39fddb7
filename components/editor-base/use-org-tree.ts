'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import { useTRPC } from '../trpc/client';
import { useEditorStore, useEditorStoreApi } from './editor-store-provider';
import { indexOrgTree, type OrgTreeIndex } from './org-tree-index';
import { useHydrated } from './use-hydrated';

/**
 * The open design's org tree and its shared index, straight from react-query's cache (the one copy: the page
 * prefetched it, edits update it). Null until it is loaded. Every reader of the same tree gets the same index
 * object, and re-renders only when the tree changes.
 *
 * For panels beside the canvas (toolbar, inspector, search, menus, exports): a new tree reaches them once the canvas
 * has drawn it (the store's drawnTree; at once when no canvas draws), in an interruptible render (useDeferredValue),
 * so after a move on a big design the canvas paints first and their re-render is split into short tasks instead of
 * lengthening the move's. The canvas reads the query itself (EditorCanvas).
 */
export function useOrgTree(): OrgTreeIndex | null {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  // `select` with a stable function: react-query runs it once per new tree, and indexOrgTree caches per tree.
  const { data } = useQuery({ ...trpc.org.tree.queryOptions({ designId }), select: indexOrgTree });
  // The tree the canvas has drawn while it has not drawn this one yet (else null, so that the canvas's first
  // drawing re-renders no panel): in the traces of bench:ui's moves, the panels' render (the inspector of the moved
  // account among them) was part of the deferred render the canvas waited for before it painted the move.
  const behind = useEditorStore((state) => (data && state.drawnTree && state.drawnTree !== data.tree ? state.drawnTree : null));
  // The page streams the tree: it is shown after hydration only (useHydrated), as the canvas does.
  const hydrated = useHydrated();
  return useDeferredValue(!hydrated ? null : behind ? indexOrgTree(behind) : data ?? null);
}

/** Reads the open design's tree at the moment of the call, for event handlers that must not subscribe. */
export function useOrgTreeReader(): () => OrgTree | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  return useCallback(
    () => queryClient.getQueryData<OrgTree>(trpc.org.tree.queryKey({ designId: store.getState().designId })) ?? null,
    [queryClient, store, trpc],
  );
}
