'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MatrixDecisionName, MatrixServiceRow } from '@/server/schemas/analysis';
import { useTRPC } from '../trpc/client';
import { MATRIX_DECISION_LABELS, MATRIX_DECISION_ORDER, whyText } from './matrix-words';

/** The request context the matrix assumes (a region, or nothing). */
export type MatrixContext = { key: string; values: string[]; type: 'string' }[];

/** Which rows the matrix shows. */
export type MatrixFilter = 'all' | MatrixDecisionName;

/** Columns of the table: the service cell, one count per decision, and "why". */
export const MATRIX_COLUMNS = MATRIX_DECISION_ORDER.length + 2;

/** One service of the matrix (a row with counts) and, when expanded, its actions fetched from the API. */
export function MatrixServiceRows({ designId, accountId, principalArn, service, actionQuery, filter, initiallyOpen, context }: {
  designId: string; accountId: string; principalArn?: string; service: MatrixServiceRow; actionQuery?: string; filter: MatrixFilter; initiallyOpen: boolean; context: MatrixContext;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const isOpen = open || initiallyOpen;
  const percent = (count: number) => (service.total === 0 ? 0 : (100 * count) / service.total);
  return (
    <tbody>
      <tr className="matrix-service">
        <td>
          <button type="button" className="matrix-service__toggle" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}
            aria-label={`${service.service}: ${MATRIX_DECISION_ORDER.map((decision) => `${service[decision]} ${MATRIX_DECISION_LABELS[decision]}`).join(', ')} of ${service.total}`}>
            <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>{service.service}
          </button>
          <div className="matrix-service__bar" aria-hidden="true">
            {MATRIX_DECISION_ORDER.map((decision) => <span key={decision} className={`matrix-bar--${decision}`} style={{ width: `${percent(service[decision])}%` }} />)}
          </div>
        </td>
        {MATRIX_DECISION_ORDER.map((decision) => <td key={decision} className="num">{service[decision]}</td>)}
        <td className="matrix-action__why">{service.total} actions</td>
      </tr>
      {isOpen ? <ServiceActions designId={designId} accountId={accountId} principalArn={principalArn} service={service.service} actionQuery={actionQuery} filter={filter} context={context} /> : null}
    </tbody>
  );
}

function ServiceActions({ designId, accountId, principalArn, service, actionQuery, filter, context }: {
  designId: string; accountId: string; principalArn?: string; service: string; actionQuery?: string; filter: MatrixFilter; context: MatrixContext;
}) {
  const trpc = useTRPC();
  const matrix = useQuery(trpc.analysis.scpMatrix.queryOptions({ designId, accountId, services: [service], context, ...(principalArn ? { principalArn } : {}) }));
  if (matrix.isPending) return <tr><td colSpan={MATRIX_COLUMNS} className="matrix-action__why" role="status">Loading the actions of {service}…</td></tr>;
  if (matrix.isError) return <tr><td colSpan={MATRIX_COLUMNS} className="field__error" role="alert">{matrix.error.message}</td></tr>;
  const rows = (matrix.data.services[0]?.actions ?? []).filter((row) => {
    if (actionQuery && !row.action.slice(row.action.indexOf(':') + 1).toLowerCase().startsWith(actionQuery)) return false;
    return filter === 'all' || row.decision === filter;
  });
  if (rows.length === 0) return <tr><td colSpan={MATRIX_COLUMNS} className="matrix-action__why">No action of {service} matches.</td></tr>;
  return (
    <>
      {rows.map((row) => (
        <tr key={row.action} className="matrix-action">
          <td className="matrix-action__name">{row.action} <span className="matrix-action__why">{row.accessLevel}</span></td>
          <td colSpan={MATRIX_DECISION_ORDER.length}><span className={`decision-chip decision-chip--${row.decision}`}>{MATRIX_DECISION_LABELS[row.decision]}</span></td>
          <td className="matrix-action__why">
            {whyText(row)}
            {row.serviceRules?.map((rule) => (
              <span key={rule.id}> <a href={rule.doc} target="_blank" rel="noreferrer" data-rule={rule.id}>(AWS: {rule.id})</a></span>
            ))}
          </td>
        </tr>
      ))}
    </>
  );
}
