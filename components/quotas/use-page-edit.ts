'use client';
import { useQueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { describeApiError, type ApiErrorDetails } from '../editor-base/api-error';
import { useTRPC } from '../trpc/client';

/**
 * Edits from a page outside the editor (quotas, Identity Center): names the design's current revision as
 * expectedRevision, refreshes the design, its history and the page's own queries (`refreshKeys`) afterwards, and
 * keeps the last failure for the page to show. `run` resolves to the edit's result, or undefined when it failed.
 */
export function usePageEdit(designId: string, refreshKeys: readonly QueryKey[]) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const design = useQuery(trpc.design.get.queryOptions({ designId }));
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The keys are read when an edit ends: a new array on each render must not make a new `run`.
  const keys = useRef(refreshKeys);
  keys.current = refreshKeys;

  const run = useCallback(
    async <T,>(key: string, work: (base: { designId: string; expectedRevision: number }) => Promise<T>): Promise<T | undefined> => {
      if (!design.data) return undefined;
      setBusy(key);
      setError(null);
      try {
        return await work({ designId, expectedRevision: design.data.revision });
      } catch (caught) {
        setError(describeApiError(caught));
        return undefined;
      } finally {
        // Success or a stale revision: either way the page must show the design as it is now.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.design.get.queryKey({ designId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.history.revisions.queryKey({ designId }) }),
          ...keys.current.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
        ]);
        setBusy(null);
      }
    },
    [design.data, designId, queryClient, trpc],
  );

  return { design, run, busy, error, clearError: () => setError(null) };
}
