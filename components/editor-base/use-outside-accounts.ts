'use client';
import { useQuery } from '@tanstack/react-query';
import { useEditorStore } from './editor-store-provider';
import { useTRPC } from '../trpc/client';

/** An account the design holds outside any organization: a partner's, or one imported on its own. */
export interface OutsideAccount {
  accountId: string;
  name: string;
  /** The other organization it is in, when known. */
  otherOrganizationId: string | null;
  roleCount: number;
  userCount: number;
}

/** The design's accounts outside the organization (none while loading). */
export function useOutsideAccounts(): { accounts: readonly OutsideAccount[]; pending: boolean } {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const outside = useQuery(trpc.account.outside.queryOptions({ designId }));
  return { accounts: outside.data?.accounts ?? [], pending: outside.isPending };
}
