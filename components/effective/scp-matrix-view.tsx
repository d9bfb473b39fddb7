'use client';
import { useOrgTree } from '../editor-base/use-org-tree';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MatrixServiceRow } from '@/server/schemas/analysis';
import { findOrgNode } from '../editor-base/org-tree-queries';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { MATRIX_COLUMNS, MatrixServiceRows, type MatrixContext, type MatrixFilter } from './matrix-service-rows';
import { MATRIX_DECISION_HINTS, MATRIX_DECISION_LABELS, MATRIX_DECISION_ORDER } from './matrix-words';
import { useDebounced } from './use-debounced';
import './effective.css';

/**
 * The SCP action matrix (the editor's "SCP matrix" view): choose an account (and optionally one of its principals)
 * and see, service by service, how many actions its SCP chain still allows, denies, denies except for principals
 * matching a pattern, or leaves to request conditions; expand a service for its actions and why. Search by service
 * ("s3") or by action ("s3:Put").
 */
export function ScpMatrixView() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const tree = useOrgTree()?.tree ?? null;
  const selectedId = useEditorStore((state) => state.selectedId);
  const revision = useEditorStore((state) => state.revision);
  const accounts = useMemo(() => [...(tree?.accounts ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [tree]);
  const selected = tree && selectedId ? findOrgNode(tree, selectedId) : null;
  const fallback = accounts.find((account) => !account.isManagement) ?? accounts[0];
  const [chosen, setChosen] = useState<string | null>(null);
  const accountId = chosen ?? (selected?.kind === 'account' ? selected.awsId : fallback?.accountId);
  // The principal is per account: switching accounts goes back to "any principal".
  const [principalChoice, setPrincipalChoice] = useState<{ accountId?: string; arn: string }>({ arn: '' });
  const principalArn = principalChoice.accountId === accountId && principalChoice.arn !== '' ? principalChoice.arn : undefined;
  // The chosen account's principals only (a design of 5,000 accounts holds about 15,000).
  const principals = useQuery({ ...trpc.analysis.principals.queryOptions({ designId, accountId: accountId ?? '000000000000' }), enabled: accountId !== undefined, staleTime: 30_000 });
  const accountPrincipals = useMemo(
    () => [...(principals.data?.principals ?? [])].sort((a, b) => a.arn.localeCompare(b.arn)),
    [principals.data],
  );
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<MatrixFilter>('all');
  const [regionInput, setRegionInput] = useState('');
  const region = useDebounced(regionInput.trim(), 400);
  // A region settles the conditions that read only aws:RequestedRegion (e.g. region-deny SCPs).
  const context = useMemo(() => (region ? [{ key: 'aws:RequestedRegion', values: [region], type: 'string' as const }] : []), [region]);

  const summary = useQuery({
    ...trpc.analysis.scpMatrix.queryOptions({ designId, accountId: accountId ?? '', includeActions: false, context, ...(principalArn ? { principalArn } : {}) }),
    enabled: accountId !== undefined,
    placeholderData: keepPreviousData,
  });
  // An edit to the design (a new revision) can change the answer for the same account.
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.analysis.scpMatrix.pathKey() });
  }, [revision, queryClient, trpc]);

  const query = search.trim().toLowerCase();
  const [serviceQuery, actionQuery] = query.includes(':') ? [query.slice(0, query.indexOf(':')), query.slice(query.indexOf(':') + 1)] : [query, undefined];
  const services = useMemo(() => (summary.data?.services ?? []).filter((service) => {
    if (actionQuery !== undefined ? service.service !== serviceQuery : !service.service.includes(serviceQuery)) return false;
    return filter === 'all' || service[filter] > 0;
  }), [summary.data, serviceQuery, actionQuery, filter]);

  if (!tree) return <MatrixShell><p className="matrix-view__empty" role="status">Loading the organization…</p></MatrixShell>;
  if (!tree.root) {
    return (
      <MatrixShell>
        <p className="matrix-view__empty">
          No organization in this design: SCPs restrict the member accounts of an organization only, so nothing here limits
          what an account&apos;s own IAM allows. Select an account on the canvas to see what each of its users and roles may do.
        </p>
      </MatrixShell>
    );
  }
  if (accounts.length === 0) return <MatrixShell><p className="matrix-view__empty">This design has no accounts yet: add one to see what its SCPs allow.</p></MatrixShell>;

  return (
    <MatrixShell>
      <div className="matrix-view__bar">
        <select aria-label="Account" value={accountId} onChange={(event) => setChosen(event.target.value)}>
          {accounts.map((account) => (
            <option key={account.accountId} value={account.accountId}>{account.name} · {account.accountId}{account.isManagement ? ' (management)' : ''}</option>
          ))}
        </select>
        <select aria-label="Principal" value={principalArn ?? ''} onChange={(event) => setPrincipalChoice({ accountId, arn: event.target.value })}
          title="Resolve conditions on aws:PrincipalArn, aws:PrincipalTag/… for one principal">
          <option value="">Any principal of the account</option>
          {accountId ? <option value={`arn:aws:iam::${accountId}:root`}>Root user</option> : null}
          {accountPrincipals.map((principal) => (
            <option key={principal.arn} value={principal.arn}>{principal.kind === 'role' ? 'Role' : 'User'} {principal.path !== '/' ? principal.path : ''}{principal.name}</option>
          ))}
        </select>
        <input type="search" className="matrix-view__search" aria-label="Search services or actions" placeholder='Search: "s3" or "s3:Put"'
          value={search} onChange={(event) => setSearch(event.target.value)} />
        <input className="matrix-view__region" aria-label="Requested region (optional)" placeholder="Region, e.g. us-east-1" spellCheck={false}
          value={regionInput} onChange={(event) => setRegionInput(event.target.value)} title="Settles conditions on aws:RequestedRegion" />
        <select aria-label="Show" value={filter} onChange={(event) => setFilter(event.target.value as MatrixFilter)}>
          <option value="all">All services</option>
          {MATRIX_DECISION_ORDER.map((decision) => <option key={decision} value={decision}>With {MATRIX_DECISION_LABELS[decision]} actions</option>)}
        </select>
        {summary.data ? (
          <span className="matrix-view__totals" role="status" aria-label="Totals">
            {MATRIX_DECISION_ORDER.map((decision) => (
              <span key={decision} className={`decision-chip decision-chip--${decision}`} title={MATRIX_DECISION_HINTS[decision]}>{summary.data.totals[decision]} {MATRIX_DECISION_LABELS[decision]}</span>
            ))}
            of {summary.data.totals.total} actions
          </span>
        ) : null}
      </div>
      {summary.data && !summary.data.appliesScps ? (
        <p className="matrix-view__note" role="note">SCPs do not restrict this account: {summary.data.note}. Every action is reported as allowed.</p>
      ) : summary.data ? (
        <p className="matrix-view__path">Path: {summary.data.levels.map((level) => level.targetName).join(' › ')} — an action is allowed only when every level allows it and no level denies it.</p>
      ) : <span />}
      <div className="matrix-view__scroll">
        {summary.isError ? (
          <p className="field__error" role="alert">{summary.error.message} Choose another account or reload the page.</p>
        ) : summary.isPending ? (
          <p className="matrix-view__empty" role="status">Evaluating every catalogued action for this account…</p>
        ) : services.length === 0 ? (
          <p className="matrix-view__empty">No service matches “{search}”{filter !== 'all' ? ` with ${filter} actions` : ''}.</p>
        ) : (
          <MatrixTable designId={designId} accountId={accountId!} principalArn={principalArn} services={services} actionQuery={actionQuery} filter={filter} context={context} />
        )}
      </div>
    </MatrixShell>
  );
}

function MatrixShell({ children }: { children: ReactNode }) {
  return <section className="matrix-view" aria-label="SCP action matrix">{children}</section>;
}

/** Rows shown before "show more": 456 services render fast, but a long list is hard to read. */
const PAGE = 120;

function MatrixTable({ designId, accountId, principalArn, services, actionQuery, filter, context }: {
  designId: string; accountId: string; principalArn?: string; services: MatrixServiceRow[]; actionQuery?: string; filter: MatrixFilter; context: MatrixContext;
}) {
  const [shown, setShown] = useState(PAGE);
  return (
    <table className="matrix-table" aria-label="Services and actions">
      <thead>
        <tr>
          <th scope="col">Service / action</th>
          {MATRIX_DECISION_ORDER.map((decision) => <th key={decision} scope="col" className="num" title={MATRIX_DECISION_HINTS[decision]}>{MATRIX_DECISION_LABELS[decision]}</th>)}
          <th scope="col">Why</th>
        </tr>
      </thead>
      {services.slice(0, shown).map((service) => (
        <MatrixServiceRows key={`${accountId}|${principalArn ?? ''}|${service.service}`} designId={designId} accountId={accountId} principalArn={principalArn} service={service} context={context}
          actionQuery={actionQuery} filter={filter} initiallyOpen={actionQuery !== undefined} />
      ))}
      {services.length > shown ? (
        <tbody>
          <tr>
            <td colSpan={MATRIX_COLUMNS}>
              <button type="button" className="toolbar-button" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, services.length - shown)} more of {services.length - shown}</button>
            </td>
          </tr>
        </tbody>
      ) : null}
    </table>
  );
}

/** The matrix over the canvas while the "SCP matrix" view is chosen (the canvas stays mounted underneath). */
export function ScpMatrixOverlay() {
  const mode = useEditorStore((state) => state.mode);
  return mode === 'matrix' ? <ScpMatrixView /> : null;
}
