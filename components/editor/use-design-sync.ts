'use client';
import { QueryObserver, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import { useTRPC } from '../trpc/client';
import { ancestorsOf } from '../editor-base/org-tree-queries';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';

/**
 * Keeps the store's revision in step with the API and opens a linked account once the tree is in. The org tree
 * itself stays in react-query's cache (the page prefetched it, so the first render needs no request); readers
 * use useOrgTree(). The shell (which calls this hook) re-renders only on the tree's status and error, never on
 * new data: a move must not re-render the sidebar, inspector and all.
 */
export function useDesignSync() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  const designId = store.getState().designId;
  const design = useQuery(trpc.design.get.queryOptions({ designId }));
  const treeOptions = trpc.org.tree.queryOptions({ designId });
  const tree = useQuery({ ...treeOptions, notifyOnChangeProps: ['status', 'error'] });

  useEffect(() => {
    if (design.data) store.getState().setRevision(design.data.revision);
  }, [design.data, store]);

  // `?account=<12-digit id>` (links from the Identity Center page and elsewhere) opens that account once the
  // tree is in: a cache subscription, so the shell does not re-render for it.
  useEffect(() => {
    const wanted = new URLSearchParams(window.location.search).get('account');
    if (!wanted) return;
    const observer = new QueryObserver(queryClient, { queryKey: treeOptions.queryKey, enabled: false });
    let done = false;
    const take = (data: OrgTree | undefined) => {
      if (!data || done) return;
      done = true;
      const account = data.accounts.find((candidate) => candidate.accountId === wanted);
      if (!account) return;
      const state = store.getState();
      state.expandPathTo(ancestorsOf(data, account.id));
      state.select(account.id);
      state.requestFocus(account.id);
    };
    take(observer.getCurrentResult().data as OrgTree | undefined);
    const unsubscribe = observer.subscribe((result) => take(result.data as OrgTree | undefined));
    return unsubscribe;
    // One subscription per design (the key is the design's; the options object is new on every render).
  }, [queryClient, store, designId]);

  return { treeStatus: tree.status, treeError: tree.error };
}
