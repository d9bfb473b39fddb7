'use client';
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False while the server renders and while the browser hydrates that render, true after (and in every render of a
 * component mounted later). The design page streams the org tree after the editor's HTML; whether it has arrived
 * when the browser hydrates depends on timing, so what the tree changes is drawn only after hydration, or the
 * browser's markup could differ from the server's.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
