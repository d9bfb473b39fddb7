'use client';
import { useEffect, useRef, useState } from 'react';
import { placeEdgeLabels, routeAccessFlow, type AccessFlowEdge, type AccessFlowNode } from './access-flow';
import type { AccessLayoutReply, AccessLayoutRequest } from './access-layout-protocol';

/** A laid-out flow, ready for React Flow. */
export interface LaidOutAccessFlow {
  nodes: AccessFlowNode[];
  edges: AccessFlowEdge[];
}

/** A layout under way: how many cards, since when, and its stage (elkjs, then the edge routes and labels). */
export interface AccessLayoutProgress {
  cards: number;
  startedAt: number;
  stage: 'layout' | 'edges';
}

/**
 * Lays the flow out in a web worker and keeps the last finished layout on screen meanwhile, so the page stays
 * responsive (elkjs cannot yield: on the main thread 240 unfolded cards froze it for seconds). A newer flow
 * supersedes the one being laid out: its worker is terminated (elkjs cannot be interrupted otherwise) and a fresh
 * one starts. Without Worker (server rendering, old browsers) the layout runs on the page as before.
 */
export function useAccessLayout(flow: LaidOutAccessFlow): { laidOut: LaidOutAccessFlow | null; progress: AccessLayoutProgress | null; error: string | null } {
  const [laidOut, setLaidOut] = useState<LaidOutAccessFlow | null>(null);
  const [progress, setProgress] = useState<AccessLayoutProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const nextId = useRef(0);

  useEffect(() => () => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  useEffect(() => {
    const id = ++nextId.current;
    const cards = flow.nodes.filter((node) => node.type === 'principal' || node.data.folded).length;
    setProgress({ cards, startedAt: performance.now(), stage: 'layout' });
    const finish = (result: LaidOutAccessFlow | { error: string }) => {
      if (id !== nextId.current) return;
      busy.current = false;
      setProgress(null);
      if ('error' in result) setError(result.error);
      else {
        setError(null);
        setLaidOut(result);
      }
    };
    if (typeof Worker === 'undefined') {
      let cancelled = false;
      // elkjs is loaded here only on this path: the page's bundle leaves it to the worker.
      void import('./access-layout-elk').then(({ layoutAccessFlow }) => layoutAccessFlow(flow.nodes, flow.edges)).then(
        (nodes) => !cancelled && finish({ nodes, edges: placeEdgeLabels(nodes, routeAccessFlow(nodes, flow.edges)) }),
        (failure: unknown) => !cancelled && finish({ error: String(failure) }),
      );
      return () => {
        cancelled = true;
      };
    }
    if (busy.current) {
      worker.current?.terminate();
      worker.current = null;
    }
    if (!worker.current) worker.current = new Worker(new URL('./access-layout.worker.ts', import.meta.url), { type: 'module', name: 'access-layout' });
    const current = worker.current;
    current.onmessage = (event: MessageEvent<AccessLayoutReply>) => {
      const reply = event.data;
      if (reply.id !== id) return;
      if ('stage' in reply) setProgress((shown) => (shown ? { ...shown, stage: reply.stage } : shown));
      else finish('error' in reply ? { error: reply.error } : { nodes: reply.nodes, edges: reply.edges });
    };
    current.onerror = (event) => finish({ error: `The layout worker failed: ${event.message || 'no message'}` });
    busy.current = true;
    current.postMessage({ id, nodes: flow.nodes, edges: flow.edges } satisfies AccessLayoutRequest);
    return undefined;
  }, [flow]);

  return { laidOut, progress, error };
}
