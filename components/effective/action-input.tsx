'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { ComboBox } from './combo-box';
import { useDebounced } from './use-debounced';

/** The action field: free text "service:Action" with suggestions from the IAM action catalogue. */
export function ActionInput({ value, onChange, invalid, label = 'Action' }: { value: string; onChange: (value: string) => void; invalid?: boolean; label?: string }) {
  const trpc = useTRPC();
  const prefix = useDebounced(value.trim(), 150);
  const suggestions = useQuery({
    ...trpc.catalog.actions.queryOptions({ prefix }),
    enabled: prefix.length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const options = (suggestions.data?.actions ?? [])
    // An exact match needs no suggestion.
    .filter((row) => row.action.toLowerCase() !== value.trim().toLowerCase())
    .map((row) => ({ value: row.action, label: row.action, detail: row.accessLevel }));
  return (
    <ComboBox
      label={label}
      value={value}
      onChange={onChange}
      options={prefix.length > 0 ? options : []}
      placeholder="s3:GetObject"
      invalid={invalid}
      busy={suggestions.isFetching}
      width={230}
      footer={suggestions.data?.truncated ? 'More actions match: keep typing.' : undefined}
      emptyText={prefix.length > 0 && suggestions.isSuccess && options.length === 0 && !value.includes('*') ? 'No catalogued action starts like this.' : undefined}
    />
  );
}
