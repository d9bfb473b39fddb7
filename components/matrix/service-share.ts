'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';

/** A heatmap cell: the service's actions [allowed, denied (explicit or no allow), depending on context or principal]. */
export type ShareCell = [number, number, number];

/**
 * A cell's colour: green when the service's actions are allowed, red when denied, amber when most depend on the
 * request's context or the principal; mixed shares in between.
 */
export function shareBackground([allowed, denied, other]: ShareCell): string {
  const total = Math.max(1, allowed + denied + other);
  if (other * 2 > total) return `hsl(45 85% ${Math.round(88 - (20 * other) / total)}%)`;
  const settled = Math.max(1, allowed + denied);
  return `hsl(${Math.round((120 * allowed) / settled)} 55% 72%)`;
}

/** The percentage of the service's actions allowed, as a whole number. */
export function sharePercent([allowed, denied, other]: ShareCell): number {
  return Math.round((100 * allowed) / Math.max(1, allowed + denied + other));
}

/** What an account card shows for the chosen service. */
export interface AccountShare {
  service: string;
  cell: ShareCell;
  /** The service's catalogued actions. */
  actions: number;
  /** Why SCPs do not restrict the account (the management account), when they do not. */
  note?: string;
}

/**
 * The org graph's service overlay: for the service chosen in the editor, each member account's share of the service's
 * actions its principals may use under SCPs and RCPs, as the server's org-wide matrix says (impact.heatmap).
 */
export function useServiceShares(): { service: string | null; shares: ReadonlyMap<string, AccountShare>; pending: boolean; error: string | null } {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const service = useEditorStore((state) => state.serviceOverlay);
  const heatmap = useQuery({ ...trpc.impact.heatmap.queryOptions({ designId, rows: 'account', services: service ? [service] : [] }), enabled: service !== null });
  const shares = useMemo(() => {
    const byAccount = new Map<string, AccountShare>();
    const column = heatmap.data?.services[0];
    if (!service || !heatmap.data || !column) return byAccount;
    for (const row of heatmap.data.rows) {
      byAccount.set(row.id, { service: column.service, cell: row.cells[0], actions: column.actions, ...(row.note ? { note: row.note } : {}) });
    }
    return byAccount;
  }, [heatmap.data, service]);
  return { service, shares, pending: service !== null && heatmap.isPending, error: heatmap.error?.message ?? null };
}
