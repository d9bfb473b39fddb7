'use client';
import { useQueryClient, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { describeApiError, type ApiErrorDetails } from '../editor/api-error';
import { useTRPC } from '../trpc/client';

/**
 * Edits from a page outside the editor (the quotas page): names the design's current revision as
 * expectedRevision, refreshes the design and its quotas afterwards, and keeps the last failure for the page to show.
 */
export function usePageEdit(designId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const design = useQuery(trpc.design.get.queryOptions({ designId }));
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = useCallback(
    async (key: string, work: (base: { designId: string; expectedRevision: number }) => Promise<unknown>): Promise<boolean> => {
      if (!design.data) return false;
      setBusy(key);
      setError(null);
      try {
        await work({ designId, expectedRevision: design.data.revision });
        return true;
      } catch (caught) {
        setError(describeApiError(caught));
        return false;
      } finally {
        // Success or a stale revision: either way the page must show the design as it is now.
        await queryClient.invalidateQueries({ queryKey: trpc.design.get.queryKey({ designId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.organization.quotas.queryKey({ designId }) });
        setBusy(null);
      }
    },
    [design.data, designId, queryClient, trpc],
  );

  return { design, run, busy, error, clearError: () => setError(null) };
}
