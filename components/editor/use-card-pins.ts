'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import type { CardPositions } from '@/server/schemas/card-positions';
import type { PinnedPosition } from '../org-graph/pinned-layout';
import { useTRPC, useTRPCClient } from '../trpc/client';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';

/** The design's pinned cards, and how to pin and unpin them. */
export interface CardPins {
  /** Pinned positions by card id (empty while loading). */
  pins: ReadonlyMap<string, PinnedPosition>;
  /** Pins a card where it was dropped: drawn there at once, saved in the background. */
  pin: (id: string, position: PinnedPosition) => void;
  /** Gives the cards (all of them when `ids` is absent) back to the automatic layout. */
  unpin: (ids?: readonly string[]) => void;
}

/**
 * Pinned card positions (org.cardPositions): a drop on empty canvas pins the card, "Re-layout" unpins. Pins are
 * outside the design's history (see server/services/card-position-service.ts), so they take no revision: the
 * picture changes at once (optimistic), and a refusal puts the previous pins back and says why.
 */
export function useCardPins(designId: string): CardPins {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  const key = useMemo(() => trpc.org.cardPositions.queryKey({ designId }), [trpc, designId]);
  const query = useQuery(trpc.org.cardPositions.queryOptions({ designId }));
  const pins = useMemo(() => new Map((query.data?.pins ?? []).map((pin) => [pin.id, { x: pin.x, y: pin.y }])), [query.data]);

  // Saves go to the server one after the other: a pin and the unpin that follows it at once were two requests in
  // flight, and when the pin arrived second the card came back pinned after a reload.
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const save = useCallback(
    async (next: (current: CardPositions) => CardPositions, send: () => Promise<CardPositions>, failureTitle: string) => {
      const state = store.getState();
      if (state.readOnly) {
        state.showToast({ tone: 'info', title: 'View only', detail: 'You can read this design but not change it. Ask an owner for the editor role.' });
        return;
      }
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<CardPositions>(key) ?? { pins: [] };
      queryClient.setQueryData<CardPositions>(key, next(before));
      const sent = inFlight.current.then(send);
      const tail = sent.catch(() => undefined);
      inFlight.current = tail;
      // Only the newest save writes its answer (or rolls back): an earlier one would undo a later one's state.
      const newest = () => inFlight.current === tail;
      try {
        const saved = await sent;
        if (newest()) queryClient.setQueryData<CardPositions>(key, saved);
      } catch (error) {
        if (newest()) queryClient.setQueryData<CardPositions>(key, before);
        const details = describeApiError(error);
        state.showToast({ tone: 'error', title: failureTitle, code: awsLabelOf(details), detail: details.message });
      }
    },
    [key, queryClient, store],
  );

  const pin = useCallback(
    (id: string, position: PinnedPosition) => {
      const rounded = { id, x: Math.round(position.x), y: Math.round(position.y) };
      void save(
        (current) => ({ pins: [...current.pins.filter((entry) => entry.id !== id), rounded] }),
        () => client.org.pinCards.mutate({ designId, pins: [rounded] }),
        'The card could not be pinned',
      );
    },
    [client, designId, save],
  );

  const unpin = useCallback(
    (ids?: readonly string[]) => {
      const dropped = ids ? new Set(ids) : null;
      void save(
        (current) => ({ pins: dropped ? current.pins.filter((entry) => !dropped.has(entry.id)) : [] }),
        () => client.org.unpinCards.mutate({ designId, ...(ids ? { ids: [...ids] } : {}) }),
        'The layout could not be reset',
      );
    },
    [client, designId, save],
  );

  return useMemo(() => ({ pins, pin, unpin }), [pins, pin, unpin]);
}
