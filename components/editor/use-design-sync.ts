'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../trpc/client';
import { ancestorsOf } from './org-tree-queries';
import { useEditorStoreApi } from './store/editor-store-provider';

/**
 * Keeps the store in step with the API: the org tree and the design's revision, as react-query fetches them
 * (the page prefetched both on the server, so the first render needs no request).
 */
export function useDesignSync() {
  const trpc = useTRPC();
  const store = useEditorStoreApi();
  const designId = store.getState().designId;
  const design = useQuery(trpc.design.get.queryOptions({ designId }));
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));

  useEffect(() => {
    if (design.data) store.getState().setRevision(design.data.revision);
  }, [design.data, store]);
  useEffect(() => {
    if (tree.data) store.getState().setTree(tree.data);
  }, [tree.data, store]);
  // `?account=<12-digit id>` (links from the Identity Center page and elsewhere) opens that account once the tree is in.
  const linked = useRef(false);
  useEffect(() => {
    if (!tree.data || linked.current) return;
    linked.current = true;
    const wanted = new URLSearchParams(window.location.search).get('account');
    const account = wanted ? tree.data.accounts.find((candidate) => candidate.accountId === wanted) : undefined;
    if (!account) return;
    const state = store.getState();
    state.expandPathTo(ancestorsOf(tree.data, account.id));
    state.select(account.id);
    state.requestFocus(account.id);
  }, [tree.data, store]);

  return { treeStatus: tree.status, treeError: tree.error };
}
