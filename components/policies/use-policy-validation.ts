'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EditablePolicyType } from '@/server/schemas/organizations';
import { useTRPCClient } from '../trpc/client';

/** Quiet time after the last keystroke before the draft is validated. */
const DEBOUNCE_MS = 300;

/** A value that follows `value` once it has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * The engine's findings for a draft, fetched as the user types (debounced; the previous findings stay on screen
 * while the next ones load). The browser never validates by itself: policy.validate runs the same validators as
 * CreatePolicy. policy.validate is a mutation for transport only (large drafts do not fit in a URL), so it runs
 * inside a query to get caching and stale-while-loading.
 */
export function usePolicyValidation(designId: string, type: EditablePolicyType, content: string) {
  const client = useTRPCClient();
  const draft = useDebounced(content, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ['policy-draft-validation', designId, type, draft],
    queryFn: () => client.policy.validate.mutate({ designId, type, content: draft }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  return { ...query, isCurrent: draft === content && !query.isPlaceholderData };
}
