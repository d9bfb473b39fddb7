'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../trpc/client';

/** A policy's text as the design stores it, with one statement highlighted (by index, from the trace). */
export function PolicySourceView({ designId, policyId, accountId, statementIndex }: { designId: string; policyId: string; accountId?: string; statementIndex: number }) {
  const trpc = useTRPC();
  const source = useQuery(trpc.analysis.policySource.queryOptions({ designId, policyId, ...(accountId ? { accountId } : {}) }));
  const firstHit = useRef<HTMLSpanElement>(null);
  const range = source.data?.statements.find((statement) => statement.index === statementIndex);

  useEffect(() => {
    // Bring the highlighted statement into view inside the code box, not the whole page.
    const line = firstHit.current;
    const box = line?.closest('pre');
    if (line && box) box.scrollTop = Math.max(0, line.offsetTop - box.offsetTop - 24);
  }, [range?.startLine, policyId]);

  if (source.isPending) return <p className="empty-state" role="status">Loading the policy…</p>;
  if (source.isError) return <p className="field__error" role="alert">{source.error.message}</p>;
  const lines = source.data.text.split('\n');
  return (
    <figure className="policy-source" aria-label={`Policy ${source.data.name}, statement ${statementIndex + 1} highlighted`}>
      <figcaption className="policy-source__head">
        <strong>{source.data.name}</strong>
        <span className="mono">{source.data.kind} · statement {statementIndex + 1}{range ? ` · lines ${range.startLine}–${range.endLine}` : ''}</span>
      </figcaption>
      <pre className="policy-source__code" tabIndex={0} aria-label="Policy JSON">
        {lines.map((text, index) => {
          const lineNumber = index + 1;
          const hit = range !== undefined && lineNumber >= range.startLine && lineNumber <= range.endLine;
          return (
            <span key={lineNumber} ref={hit && lineNumber === range.startLine ? firstHit : undefined}
              className={`policy-source__line${hit ? ' policy-source__line--hit' : ''}`} data-highlighted={hit || undefined}>
              <span className="policy-source__number" aria-hidden="true">{lineNumber}</span>
              <span>{text}{'\n'}</span>
            </span>
          );
        })}
      </pre>
    </figure>
  );
}
