'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc/client';
import { AccessEdgePanel, short } from './access-edge-panel';
import { edgeLabel } from './access-flow';

/**
 * The edges behind one overlay arrow of the org graph (every principal of one account that can assume a role of the
 * other), each opening its trust statement and the engine's trace, as the access view's edges do.
 */
export function AccessOverlayPanel({ designId, fromAccount, toAccount, onClose }: { designId: string; fromAccount: string; toAccount: string; onClose: () => void }) {
  const trpc = useTRPC();
  // The overlay's own query: already in the cache when its arrow was drawn.
  const graph = useQuery(trpc.access.graph.queryOptions({ designId }));
  const [edgeId, setEdgeId] = useState<string | null>(null);
  const accountOf = new Map((graph.data?.nodes ?? []).map((node) => [node.id, node.accountId]));
  const name = (accountId: string) => graph.data?.accounts.find((account) => account.accountId === accountId)?.name ?? accountId;
  const edges = (graph.data?.edges ?? []).filter((edge) => accountOf.get(edge.from) === fromAccount && accountOf.get(edge.to) === toAccount);
  if (edgeId) return <div className="access-overlay-panel"><AccessEdgePanel designId={designId} edgeId={edgeId} onClose={() => setEdgeId(null)} /></div>;
  return (
    <div className="access-overlay-panel">
      <aside className="access-panel access-panel--edge" aria-label="Access between accounts">
        <header className="access-panel__head">
          <h3>{name(fromAccount)} → {name(toAccount)}</h3>
          <button type="button" className="access-link" onClick={onClose} aria-label="Close access between accounts">Close</button>
        </header>
        <p className="access-muted">{edges.length} principal{edges.length === 1 ? '' : 's'} of {fromAccount} can assume a role of {toAccount}. Pick one for its trust statement and trace.</p>
        <ul className="access-list" aria-label="Edges between the accounts">
          {edges.map((edge) => (
            <li key={edge.id}>
              <button type="button" className="access-answer" onClick={() => setEdgeId(edge.id)}>
                <span className={`access-decision access-decision--${edge.decision}`}>{edge.decision}</span>
                <span className="access-answer__who">{short(edge.from)} → {short(edge.to)}</span>
                <span className="access-answer__how">{edgeLabel(edge) || (edge.chained ? 'chained' : '')}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
