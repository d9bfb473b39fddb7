'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EditablePolicyType } from '@/server/schemas/organizations';
import type { ValidatePolicyOutput } from '@/server/schemas/policy-library';
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
 * The engine's verdict on a draft, fetched as the user types (debounced; the previous findings stay on screen
 * while the next ones load). The browser never validates by itself: `validate` calls the API, which runs the same
 * validators as the save. Validation endpoints are mutations for transport only (large drafts do not fit in a
 * URL), so the call runs inside a query to get caching and stale-while-loading.
 */
export function useDraftValidation(key: readonly unknown[], content: string, validate: (draft: string) => Promise<ValidatePolicyOutput>) {
  const draft = useDebounced(content, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: [...key, draft],
    queryFn: () => validate(draft),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  return { ...query, isCurrent: draft === content && !query.isPlaceholderData };
}

/** An Organizations policy draft checked by policy.validate (the validators of CreatePolicy). */
export function usePolicyValidation(designId: string, type: EditablePolicyType, content: string) {
  const client = useTRPCClient();
  return useDraftValidation(['policy-draft-validation', designId, type], content, (draft) => client.policy.validate.mutate({ designId, type, content: draft }));
}
