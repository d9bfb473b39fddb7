'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { HeatmapResult } from '@/server/schemas/impact';
import { describeApiError } from '../editor-base/api-error';
import { EditLockBadge } from '../sharing/edit-lock-badge';
import { useTRPC } from '../trpc/client';
import { heatmapCsv } from './heatmap-csv';
import { ImpactPreviewPanel } from './impact-preview-panel';
import { shareBackground, sharePercent, type ShareCell } from './service-share';
import './matrix.css';

const CATEGORY_WORDS: Record<string, string> = {
  allowed: 'allowed', explicitDeny: 'explicit deny', noAllow: 'no allow at a level', deniedExcept: 'denied except some principals',
  allowedExcept: 'allowed except some principals', conditional: 'depends on context',
};

/** Height of a body row in px (matrix.css sets it): rows outside the scrolled view are not drawn. */
const ROW_HEIGHT = 26;
/** Rows drawn above and below the visible ones, so a scroll shows drawn rows before the next render. */
const OVERSCAN = 20;

/** Columns shown before "all services" is ticked: the most restricted ones (the server ranks and cuts them). */
const DEFAULT_COLUMNS = 60;
/** Rows the server sends per page; the page around the scrolled view is asked for (two pages cover any view). */
const PAGE_ROWS = 200;

/** The number a cell shows: the percentage of the service's actions allowed ("~" when most depend on context). */
function cellText(cell: ShareCell): string {
  const [allowed, denied, other] = cell;
  return other * 2 > allowed + denied + other ? '~' : String(sharePercent(cell));
}

/**
 * The org-wide permission matrix: accounts (or OUs) × services, each cell the share of the service's actions the
 * account's principals may use under its SCPs and RCPs; search an action to see its category per row; click a cell
 * for the service's actions in the effective-permission view; export to CSV; preview an SCP attach or detach.
 */
export function OrgHeatmapView({ designId }: { designId: string }) {
  const trpc = useTRPC();
  const [rows, setRows] = useState<'account' | 'ou'>('account');
  const [region, setRegion] = useState('');
  const [actionDraft, setActionDraft] = useState('');
  const [action, setAction] = useState('');
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<{ row: string; service: string } | null>(null);
  const [allColumns, setAllColumns] = useState(false);
  // Only the rows in the scrolled view are drawn, and only the pages of rows around it are fetched: 5,000 accounts ×
  // every service is some 20 MB of JSON and 5,000 rows, too many to send or paint at once.
  const [view, setView] = useState({ top: 0, height: 1000 });
  const firstVisible = Math.floor(view.top / ROW_HEIGHT);
  const pageStart = Math.max(0, Math.floor((firstVisible - OVERSCAN) / PAGE_ROWS)) * PAGE_ROWS;
  const input = { designId, rows, ...(region ? { region } : {}), ...(action ? { action } : {}) };
  const heatmap = useQuery({
    ...trpc.impact.heatmap.queryOptions({ ...input, ...(allColumns ? {} : { columns: DEFAULT_COLUMNS }), offset: pageStart, limit: 2 * PAGE_ROWS }),
    placeholderData: keepPreviousData,
  });
  const tableRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [paintMs, setPaintMs] = useState<number | null>(null);

  // How long the browser takes from the data's arrival to the painted table (bench target: 500 ms).
  const arrived = useRef<number>(0);
  if (heatmap.data && arrived.current === 0) arrived.current = performance.now();
  useEffect(() => {
    if (!heatmap.data) return;
    const start = arrived.current;
    requestAnimationFrame(() => requestAnimationFrame(() => setPaintMs(Math.round(performance.now() - start))));
    arrived.current = 0;
  }, [heatmap.data]);

  const download = async () => {
    // The export holds every row and every restricted service, asked for when the button is pressed.
    const data: HeatmapResult = await queryClient.fetchQuery(trpc.impact.heatmap.queryOptions(input));
    const url = URL.createObjectURL(new Blob([heatmapCsv(data)], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `permission-matrix-${rows}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const data = heatmap.data;
  // The server sends the most restricted services first (all of them on request: hundreds of columns paint slowly).
  const columns = data ? data.services.map((service, i) => ({ ...service, i })) : [];
  const total = data?.totalRows ?? 0;
  const loadedFrom = data?.offset ?? 0;
  const loadedTo = loadedFrom + (data?.rows.length ?? 0);
  // Rows drawn: those in view (with overscan) that the page holds; rows of a page still loading are blank spacer.
  const wantedFirst = Math.max(0, Math.min(total, firstVisible - OVERSCAN));
  const wantedLast = Math.min(total, wantedFirst + Math.ceil(view.height / ROW_HEIGHT) + 2 * OVERSCAN);
  const first = Math.min(Math.max(wantedFirst, loadedFrom), loadedTo);
  const last = Math.max(first, Math.min(wantedLast, loadedTo));
  const onCellClick = (event: React.MouseEvent<HTMLTableSectionElement>) => {
    const cell = (event.target as HTMLElement).closest('td[data-service]') as HTMLElement | null;
    if (cell?.dataset.row && cell.dataset.service) setSelected({ row: cell.dataset.row, service: cell.dataset.service });
  };
  return (
    <div className="matrix-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/designs/${encodeURIComponent(designId)}`}>Design</Link> <span aria-hidden="true">›</span> Permission matrix
        {' · '}<Link href={`/designs/${encodeURIComponent(designId)}/plan`}>Migration plan to this design</Link>
      </nav>
      <h1>Permission matrix <EditLockBadge designId={designId} /></h1>
      <p className="matrix-page__lead">Every account × every catalogued action under its SCP chain and, for the RCP-supported services, its RCP chain. A cell is the share of the service&apos;s actions allowed.</p>
      <form className="matrix-controls" onSubmit={(event) => { event.preventDefault(); setAction(actionDraft.trim()); }}>
        <label>Rows <select aria-label="Rows" value={rows} onChange={(event) => { setRows(event.target.value as 'account' | 'ou'); scrollRef.current?.scrollTo(0, 0); setView((current) => ({ ...current, top: 0 })); }}>
          <option value="account">Accounts</option><option value="ou">OUs</option>
        </select></label>
        <label>Region <input aria-label="Region" placeholder="any (e.g. eu-central-1)" value={region} onChange={(event) => setRegion(event.target.value.trim())} /></label>
        <label>Action <input aria-label="Search action" placeholder="s3:GetObject" value={actionDraft} onChange={(event) => setActionDraft(event.target.value)} /></label>
        <button type="submit" className="toolbar-button">Search</button>
        <label className="matrix-controls__check"><input type="checkbox" checked={allColumns} onChange={(event) => setAllColumns(event.target.checked)} /> All services</label>
        <button type="button" className="toolbar-button" disabled={!data} onClick={() => void download()}>Export CSV</button>
      </form>
      {heatmap.isPending && <p role="status" aria-busy="true">Computing the matrix…</p>}
      {heatmap.isError && <p role="alert">{describeApiError(heatmap.error).message}</p>}
      {data && total === 0 && (
        <p className="matrix-page__empty" role="status">
          No member accounts to show: SCPs and RCPs apply to the member accounts of an organization, and this design has
          none. What an account&apos;s own IAM allows is in the design view (select the account) and in the Access view.
        </p>
      )}
      {data && total > 0 && (
        <>
          <p className="matrix-page__stats">{total} rows × {columns.length} of {data.restrictedServices} services some account does not fully have{allColumns ? '' : ' (the most restricted; tick All services for the rest)'}; {data.distinctChains} distinct SCP chains{paintMs !== null ? ` · painted in ${paintMs} ms` : ''}. A cell is the % of the service&apos;s actions allowed; ~ when most depend on the request&apos;s context or the principal; click a cell for its actions.</p>
          <div ref={scrollRef} className="heatmap-scroll" onScroll={(event) => setView({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}>
            <table ref={tableRef} className="heatmap" aria-label="Permission heatmap" aria-rowcount={total + 1} data-paint-ms={paintMs ?? undefined}>
              <thead>
                <tr>
                  <th scope="col">{rows === 'ou' ? 'OU' : 'Account'}</th>
                  {data.action && <th scope="col" className="heatmap__action">{data.action}</th>}
                  {columns.map((service) => <th key={service.service} scope="col" className="heatmap__service"><span>{service.service}</span></th>)}
                </tr>
              </thead>
              <tbody onClick={onCellClick}>
                {first > 0 ? <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} /> : null}
                {data.rows.slice(first - loadedFrom, last - loadedFrom).map((row, offset) => (
                  <tr key={row.id} aria-rowindex={first + offset + 2}>
                    <th scope="row" title={row.note ?? `${row.id} · ${row.accounts} account${row.accounts === 1 ? '' : 's'}`}>{row.name}{row.note ? ' *' : ''}</th>
                    {data.action && <td className={`heatmap__category heatmap__category--${row.action}`}>{row.action ? CATEGORY_WORDS[row.action] : '—'}</td>}
                    {columns.map(({ service, actions, i }) => {
                      const cell = row.cells[i];
                      return (
                        <td key={service} data-row={row.id} data-service={service} style={{ background: shareBackground(cell) }}
                          title={`${row.name} · ${service}: ${cell[0]} of ${actions} allowed, ${cell[1]} denied, ${cell[2]} depend on context or principal`}>
                          {cellText(cell)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                {last < total ? <tr aria-hidden="true" style={{ height: (total - last) * ROW_HEIGHT }} /> : null}
              </tbody>
            </table>
          </div>
          {selected && (
            <CellDrillDown designId={designId} accountId={rows === 'account' ? selected.row : undefined} service={selected.service} region={region} onClose={() => setSelected(null)} />
          )}
        </>
      )}
      <ImpactPreviewPanel designId={designId} {...(region ? { region } : {})} onApplied={() => void heatmap.refetch()} />
    </div>
  );
}

/** The service's actions for one account, with the SCP matrix's decision and why (analysis.scpMatrix). */
function CellDrillDown({ designId, accountId, service, region, onClose }: { designId: string; accountId?: string; service: string; region: string; onClose: () => void }) {
  const trpc = useTRPC();
  const matrix = useQuery({
    ...trpc.analysis.scpMatrix.queryOptions({ designId, accountId: accountId ?? '000000000000', services: [service], context: region ? [{ key: 'aws:RequestedRegion', values: [region], type: 'string' }] : [] }),
    enabled: accountId !== undefined,
  });
  return (
    <section className="heatmap-drill" aria-label={`${service} actions`}>
      <header><h2>{service}{accountId ? ` · ${accountId}` : ''}</h2><button type="button" className="toolbar-button" onClick={onClose}>Close</button></header>
      {!accountId && <p>Choose account rows to see one account&apos;s actions.</p>}
      {matrix.data && (
        <table className="impact-table">
          <thead><tr><th>Action</th><th>Access level</th><th>SCP decision</th><th>Why</th></tr></thead>
          <tbody>{matrix.data.services[0]?.actions.map((row) => (
            <tr key={row.action}>
              <td><code>{row.action}</code></td><td>{row.accessLevel}</td><td>{row.decision}</td>
              <td>{row.deniedBy ? `${row.deniedBy.kind === 'explicitDeny' ? `${row.deniedBy.policyName ?? ''}${row.deniedBy.sid ? ` (${row.deniedBy.sid})` : ''}` : 'no allow'} at ${row.deniedBy.level.targetName}` : row.dependsOn ? `depends on ${row.dependsOn.conditionKeys.join(', ')}` : ''}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
