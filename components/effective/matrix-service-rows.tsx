'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MatrixActionRow, MatrixServiceRow } from '@/server/schemas/analysis';
import { useTRPC } from '../trpc/client';
import type { MatrixContext, MatrixFilter } from './scp-matrix-view';

/** One service of the matrix (a row with counts) and, when expanded, its actions fetched from the API. */
export function MatrixServiceRows({ designId, accountId, service, actionQuery, filter, initiallyOpen, context }: {
  designId: string; accountId: string; service: MatrixServiceRow; actionQuery?: string; filter: MatrixFilter; initiallyOpen: boolean; context: MatrixContext;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const isOpen = open || initiallyOpen;
  const percent = (count: number) => (service.total === 0 ? 0 : (100 * count) / service.total);
  return (
    <tbody>
      <tr className="matrix-service">
        <td>
          <button type="button" className="matrix-service__toggle" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}
            aria-label={`${service.service}: ${service.allowed} allowed, ${service.denied} denied, ${service.conditional} conditional of ${service.total}`}>
            <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>{service.service}
          </button>
          <div className="matrix-service__bar" aria-hidden="true">
            <span className="matrix-bar--allowed" style={{ width: `${percent(service.allowed)}%` }} />
            <span className="matrix-bar--conditional" style={{ width: `${percent(service.conditional)}%` }} />
            <span className="matrix-bar--denied" style={{ width: `${percent(service.denied)}%` }} />
          </div>
        </td>
        <td className="num">{service.allowed}</td>
        <td className="num">{service.denied}</td>
        <td className="num">{service.conditional}</td>
        <td className="matrix-action__why">{service.total} actions</td>
      </tr>
      {isOpen ? <ServiceActions designId={designId} accountId={accountId} service={service.service} actionQuery={actionQuery} filter={filter} context={context} /> : null}
    </tbody>
  );
}

function ServiceActions({ designId, accountId, service, actionQuery, filter, context }: { designId: string; accountId: string; service: string; actionQuery?: string; filter: MatrixFilter; context: MatrixContext }) {
  const trpc = useTRPC();
  const matrix = useQuery(trpc.analysis.scpMatrix.queryOptions({ designId, accountId, services: [service], context }));
  if (matrix.isPending) return <tr><td colSpan={5} className="matrix-action__why" role="status">Loading the actions of {service}…</td></tr>;
  if (matrix.isError) return <tr><td colSpan={5} className="field__error" role="alert">{matrix.error.message}</td></tr>;
  const rows = (matrix.data.services[0]?.actions ?? []).filter((row) => {
    if (actionQuery && !row.action.slice(row.action.indexOf(':') + 1).toLowerCase().startsWith(actionQuery)) return false;
    return filter === 'all' || row.decision === filter;
  });
  if (rows.length === 0) return <tr><td colSpan={5} className="matrix-action__why">No action of {service} matches.</td></tr>;
  return (
    <>
      {rows.map((row) => (
        <tr key={row.action} className="matrix-action">
          <td className="matrix-action__name">{row.action} <span className="matrix-action__why">{row.accessLevel}</span></td>
          <td colSpan={3}><span className={`decision-chip decision-chip--${row.decision}`}>{row.decision}</span></td>
          <td className="matrix-action__why">{whyText(row)}</td>
        </tr>
      ))}
    </>
  );
}

/** Why an action has its answer, in words: the denying level and policy, or what the answer depends on. */
export function whyText(row: MatrixActionRow): string {
  if (row.deniedBy) {
    const where = `${row.deniedBy.level.targetName} (${row.deniedBy.level.kind})`;
    if (row.deniedBy.kind === 'noAllow') return `No SCP at ${where} allows it`;
    const statement = row.deniedBy.sid ? `Sid ${row.deniedBy.sid}` : `statement ${(row.deniedBy.statementIndex ?? 0) + 1}`;
    return `Denied by ${row.deniedBy.policyName ?? row.deniedBy.policyId} (${statement}) at ${where}`;
  }
  if (row.dependsOn) {
    const keys = row.dependsOn.conditionKeys.length > 0 ? `conditions on ${row.dependsOn.conditionKeys.join(', ')}` : '';
    const resources = row.dependsOn.resourceSpecific ? 'specific resources' : '';
    return `Depends on ${[keys, resources].filter(Boolean).join(' and ')}`;
  }
  return '';
}
