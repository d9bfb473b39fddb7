'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../trpc/client';
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

  return { treeStatus: tree.status, treeError: tree.error };
}
