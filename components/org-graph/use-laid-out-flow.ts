'use client';
import { useEffect, useMemo, useState } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import { layout } from './layout';
import { toFlow, type OrgFlow } from './to-flow';

/** Where the layout of a tree stands. */
export type LaidOutFlow =
  | { status: 'laying-out' }
  | { status: 'ready'; flow: OrgFlow }
  | { status: 'failed'; message: string };

/** Converts a tree to nodes and edges and lays them out (elkjs is async); re-runs when the tree changes. */
export function useLaidOutFlow(tree: OrgTree): LaidOutFlow {
  const flow = useMemo(() => {
    try {
      return { ok: true as const, flow: toFlow(tree) };
    } catch (error) {
      return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
    }
  }, [tree]);
  const [result, setResult] = useState<{ source: OrgFlow; laidOut: LaidOutFlow } | null>(null);

  useEffect(() => {
    if (!flow.ok) return;
    let cancelled = false;
    layout(flow.flow.nodes, flow.flow.edges).then(
      (nodes) => {
        if (!cancelled) setResult({ source: flow.flow, laidOut: { status: 'ready', flow: { nodes, edges: flow.flow.edges } } });
      },
      (error: unknown) => {
        if (!cancelled) {
          const message = error instanceof Error ? error.message : String(error);
          setResult({ source: flow.flow, laidOut: { status: 'failed', message } });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [flow]);

  if (!flow.ok) return { status: 'failed', message: flow.message };
  // A result computed for a previous tree is stale: show the layout as pending rather than old positions.
  if (!result || result.source !== flow.flow) return { status: 'laying-out' };
  return result.laidOut;
}
