'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { DEFAULT_MAX_OU_DEPTH } from '../editor-base/org-tree-queries';
import { useEditorStore } from '../editor-base/editor-store-provider';

/** The OU nesting depth in force for the design (its quotas), AWS's default until they are loaded. */
export function useMaxOuDepth(): number {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const quotas = useQuery({ ...trpc.organization.quotas.queryOptions({ designId }), staleTime: 60_000 });
  return quotas.data?.quotas.find((quota) => quota.key === 'organization.maxOuDepth')?.value ?? DEFAULT_MAX_OU_DEPTH;
}
