'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { TRPC_PATH, useTRPC, useTRPCClient } from '../trpc/client';

/** How long a deleted design can be brought back, while the page stays open. */
export const UNDO_DELETE_MS = 10_000;

/** A design the user deleted that is not gone from the database yet. */
export interface PendingDelete {
  designId: string;
  name: string;
}

/**
 * Delete with undo: a confirmed deletion hides the design at once and is sent to the server only when the undo
 * window closes (UNDO_DELETE_MS, the page being left or hidden, or the next deletion). Undo within the window and
 * nothing was deleted. Leaving the page sends the pending deletion with `keepalive`, so it is not lost.
 */
export function useDeferredDelete() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const pendingRef = useRef<PendingDelete | null>(null);
  const timer = useRef<number | null>(null);

  const commit = useCallback(async () => {
    const current = pendingRef.current;
    if (!current) return;
    pendingRef.current = null;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    setPending(null);
    try {
      await client.design.delete.mutate({ designId: current.designId });
    } catch (error) {
      setFailure(`"${current.name}" could not be deleted: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.design.list.queryKey() });
    }
  }, [client, queryClient, trpc]);

  const remove = useCallback(
    (design: PendingDelete) => {
      // One pending deletion at a time: an earlier one is carried out now.
      void commit();
      setFailure(null);
      pendingRef.current = design;
      setPending(design);
      timer.current = window.setTimeout(() => void commit(), UNDO_DELETE_MS);
    },
    [commit],
  );

  const undo = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    pendingRef.current = null;
    setPending(null);
  }, []);

  useEffect(() => {
    // Leaving the page (closing the tab, following a link, reloading) carries out a pending deletion.
    const flush = () => {
      const current = pendingRef.current;
      if (!current) return;
      pendingRef.current = null;
      void fetch(`${TRPC_PATH}/design.delete`, {
        method: 'POST',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { designId: current.designId } }),
      });
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      if (timer.current !== null) window.clearTimeout(timer.current);
      flush();
    };
  }, []);

  return { pending, remove, undo, failure, dismissFailure: () => setFailure(null) };
}
