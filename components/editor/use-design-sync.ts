'use client';
import { QueryObserver, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import { useTRPC } from '../trpc/client';
import { ancestorsOf } from './org-tree-queries';
import { useEditorStoreApi } from './store/editor-store-provider';

/**
 * Keeps the store in step with the API: the org tree and the design's revision, as react-query fetches them
 * (the page prefetched both on the server, so the first render needs no request). The tree goes into the store
 * from a cache subscription, not from a render: the editor's shell (which calls this hook) must not re-render,
 * sidebar, inspector and all, each time the tree changes (a move), and the store's readers get the new tree in
 * the same batch as the canvas instead of one effect later.
 */
export function useDesignSync() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  const designId = store.getState().designId;
  const design = useQuery(trpc.design.get.queryOptions({ designId }));
  // The shell shows only whether the tree loaded: it re-renders on status and error, never on new data.
  const treeOptions = trpc.org.tree.queryOptions({ designId });
  const tree = useQuery({ ...treeOptions, notifyOnChangeProps: ['status', 'error'] });

  useEffect(() => {
    if (design.data) store.getState().setRevision(design.data.revision);
  }, [design.data, store]);

  const linked = useRef(false);
  useEffect(() => {
    const observer = new QueryObserver(queryClient, { queryKey: treeOptions.queryKey, enabled: false });
    const take = (data: OrgTree | undefined) => {
      if (!data) return;
      if (store.getState().tree !== data) store.getState().setTree(data);
      // `?account=<12-digit id>` (links from the Identity Center page and elsewhere) opens that account once the tree is in.
      if (linked.current) return;
      linked.current = true;
      const wanted = new URLSearchParams(window.location.search).get('account');
      const account = wanted ? data.accounts.find((candidate) => candidate.accountId === wanted) : undefined;
      if (!account) return;
      const state = store.getState();
      state.expandPathTo(ancestorsOf(data, account.id));
      state.select(account.id);
      state.requestFocus(account.id);
    };
    take(observer.getCurrentResult().data as OrgTree | undefined);
    return observer.subscribe((result) => take(result.data as OrgTree | undefined));
    // One subscription per design (the key is the design's; the options object is new on every render).
  }, [queryClient, store, designId]);

  return { treeStatus: tree.status, treeError: tree.error };
}
