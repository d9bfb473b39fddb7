'use client';
import { useOrgTree } from '../editor-base/use-org-tree';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type FitViewOptions } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AccessEdgeDto, AccessNodeDto, AccessPathDto, ReachDto, WhoCanDto } from '@/server/schemas/access';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { AccessEdgePanel, short } from './access-edge-panel';
import { AccessFindings } from './access-findings';
import { defaultFolded, FOLD_ABOVE, toAccessFlow, type AccessFlowEdge, type AccessFlowNode } from './access-flow';
import { AccessFoldContext, accessEdgeTypes, accessNodeTypes } from './access-nodes';
import { RoutesBeyondCards } from './routes-beyond-cards';
import { useAccessLayout, type AccessLayoutProgress } from './use-access-layout';
import { useEdgesInSlices } from './use-edges-in-slices';
import './access.css';

/** The access view is the editor's mode "Access". */
export function AccessOverlay() {
  const mode = useEditorStore((state) => state.mode);
  return mode === 'access' ? <ReactFlowProvider><AccessView /></ReactFlowProvider> : null;
}

interface WhoCanQuestion {
  action: string;
  resource: string;
  region?: string;
}

/** "Who can reach role R" (to) or "what can principal P reach" (from). */
interface ReachQuestion {
  direction: 'to' | 'from';
  arn: string;
}

/**
 * Who can assume which role, across the organization: principals and roles in their account and OU boxes, edges
 * styled by the conditions they need (ExternalId, MFA, organization, session tags). Filter by account, OU or
 * principal, fold accounts, ask who can do an action on a resource and follow each path, click an edge for its trust
 * statement and trace, and review the external-access findings of each account.
 */
function AccessView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const designId = useEditorStore((state) => state.designId);
  const revision = useEditorStore((state) => state.revision);
  const tree = useOrgTree()?.tree ?? null;
  const setMode = useEditorStore((state) => state.setMode);
  const setAccessOverlay = useEditorStore((state) => state.setAccessOverlay);
  const [accountFilter, setAccountFilter] = useState('');
  const [ouFilter, setOuFilter] = useState('');
  const [principalInput, setPrincipalInput] = useState('');
  const [principalFilter, setPrincipalFilter] = useState('');
  // The user's folding; null until they fold or unfold, so the default (fold when large) applies to each new view.
  const [foldChoice, setFoldChoice] = useState<ReadonlySet<string> | null>(null);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [tab, setTab] = useState<'answers' | 'reach' | 'findings'>('answers');
  const [question, setQuestion] = useState<WhoCanQuestion | null>(null);
  const [selectedAnswer, setSelectedAnswer] = useState<number | null>(null);
  const [reachQuestion, setReachQuestion] = useState<ReachQuestion | null>(null);
  const [selectedPath, setSelectedPath] = useState<number | null>(null);

  // Every edit makes a new revision: the graph, the answers and the findings are recomputed for it.
  useEffect(() => {
    void queryClient.invalidateQueries(trpc.access.pathFilter());
  }, [revision, queryClient, trpc]);

  const graph = useQuery({
    ...trpc.access.graph.queryOptions({
      designId,
      ...(accountFilter ? { accountIds: [accountFilter] } : {}),
      ...(ouFilter ? { ouId: ouFilter } : {}),
      ...(principalFilter ? { principal: principalFilter } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const whoCan = useQuery({
    ...trpc.access.whoCan.queryOptions({ designId, action: question?.action ?? 'sts:AssumeRole', resource: question?.resource ?? 'arn:aws:iam::000000000000:role/none', ...(question?.region ? { region: question.region } : {}) }),
    enabled: question !== null,
  });

  const reach = useQuery({
    ...trpc.access.reach.queryOptions({ designId, direction: reachQuestion?.direction ?? 'to', arn: reachQuestion?.arn ?? 'none' }),
    enabled: reachQuestion !== null,
  });

  const answer = whoCan.data && selectedAnswer !== null ? whoCan.data.answers[selectedAnswer] : undefined;
  // The reach tab draws its own answer's paths; the other tabs draw the who-can answer's paths, or the filtered graph.
  const showingReach = tab === 'reach' && reachQuestion !== null && reach.data !== undefined;
  const chosenPath: AccessPathDto | undefined = showingReach ? (selectedPath !== null ? reach.data?.paths[selectedPath] : undefined) : answer?.path;
  const { nodes, edges } = useMemo(() => {
    if (showingReach && reach.data) return drawnPart(reach.data.nodes, reach.data.paths);
    if (question && whoCan.data) return drawnPart(whoCan.data.nodes, whoCan.data.answers.map((entry) => entry.path));
    return { nodes: graph.data?.nodes ?? [], edges: graph.data?.edges ?? [] };
  }, [graph.data, whoCan.data, question, showingReach, reach.data]);
  const highlighted = useMemo(() => new Set(chosenPath?.hops.map((hop) => hop.edge.id) ?? []), [chosenPath]);
  // A new filter or question shows a new set of principals: folding starts again from the default.
  useEffect(() => setFoldChoice(null), [accountFilter, ouFilter, principalFilter, question, reachQuestion, showingReach]);
  const autoFolded = useMemo(() => defaultFolded(nodes), [nodes]);
  const folded = useMemo(() => {
    const chosen = foldChoice ?? autoFolded;
    // The accounts a chosen path runs through stay open, so the path is drawn card to card.
    const onPath = new Set(nodes.filter((node) => chosenPath?.hops.some((hop) => hop.edge.from === node.id || hop.edge.to === node.id)).map((node) => node.accountId));
    return onPath.size === 0 ? chosen : new Set([...chosen].filter((accountId) => !onPath.has(accountId)));
  }, [foldChoice, autoFolded, nodes, chosenPath]);
  const toggleFold = useCallback((accountId: string) => setFoldChoice((current) => toggled(current ?? autoFolded, accountId)), [autoFolded]);
  const hiddenPrincipals = nodes.filter((node) => node.accountId !== undefined && folded.has(node.accountId)).length;
  const accountNames = useMemo(() => new Map((graph.data?.accounts ?? []).map((account) => [account.accountId, account.name])), [graph.data]);
  const accountOptions = useMemo(() => [...(tree?.accounts ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [tree]);
  const ouOptions = useMemo(() => [...(tree?.orgUnits ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [tree]);

  // Laid out in a web worker (elkjs on hundreds of cards takes seconds): the last layout stays on screen meanwhile.
  const flow = useMemo(() => toAccessFlow(nodes, edges, graph.data?.accounts ?? [], { folded, highlighted }), [nodes, edges, graph.data?.accounts, folded, highlighted]);
  const { laidOut, progress, error: layoutError } = useAccessLayout(flow);

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const action = String(form.get('action') ?? '').trim();
    const resource = String(form.get('resource') ?? '').trim();
    const region = String(form.get('region') ?? '').trim();
    setSelectedAnswer(null);
    setTab('answers');
    setQuestion(action && resource ? { action, resource, ...(region ? { region } : {}) } : null);
  };
  const accountsShown = [...new Set(nodes.map((node) => node.accountId).filter((id): id is string => id !== undefined))];

  return (
    <section className="access-view" aria-label="Access view">
      <div className="access-view__bar">
        <form className="access-view__ask" onSubmit={ask} aria-label="Who can">
          <strong>Who can</strong>
          <input name="action" aria-label="Action" placeholder="cloudformation:CreateStack" spellCheck={false} />
          <span>on</span>
          <input name="resource" className="access-view__resource" aria-label="Resource ARN" placeholder="arn:aws:…" spellCheck={false} />
          <input name="region" className="access-view__region" aria-label="Region (optional)" placeholder="eu-west-1" spellCheck={false} />
          <button type="submit" className="access-button access-button--primary">Ask</button>
          {question ? <button type="button" className="access-link" onClick={() => { setQuestion(null); setSelectedAnswer(null); }}>Clear</button> : null}
        </form>
        <div className="access-view__filters">
          <select aria-label="Filter by account" value={accountFilter} onChange={(event) => setAccountFilter(event.target.value)}>
            <option value="">All accounts</option>
            {accountOptions.map((account) => <option key={account.accountId} value={account.accountId}>{account.name}</option>)}
          </select>
          <select aria-label="Filter by OU" value={ouFilter} onChange={(event) => setOuFilter(event.target.value)}>
            <option value="">All OUs</option>
            {ouOptions.map((ou) => <option key={ou.awsId} value={ou.awsId}>{ou.name}</option>)}
          </select>
          <form onSubmit={(event) => { event.preventDefault(); setPrincipalFilter(principalInput.trim()); }}>
            <input type="search" aria-label="Filter by principal" placeholder="Principal name or ARN" value={principalInput} onChange={(event) => setPrincipalInput(event.target.value)} onBlur={() => setPrincipalFilter(principalInput.trim())} />
          </form>
          <button type="button" className="access-button" onClick={() => setFoldChoice(folded.size > 0 ? new Set() : new Set(accountsShown))}>{folded.size > 0 ? 'Unfold all accounts' : 'Fold accounts'}</button>
          <button type="button" className="access-button" onClick={() => { setAccessOverlay(true); setMode('design'); }}>Show on the org graph</button>
        </div>
        <AccessLegend />
      </div>
      <div className={`access-view__body${selectedEdge ? ' access-view__body--edge' : ''}`}>
        <aside className="access-panel" aria-label="Answers and findings">
          <div className="segmented" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'answers'} className="segmented__option" onClick={() => setTab('answers')}>Who can</button>
            <button type="button" role="tab" aria-selected={tab === 'reach'} className="segmented__option" onClick={() => setTab('reach')}>Reach</button>
            <button type="button" role="tab" aria-selected={tab === 'findings'} className="segmented__option" onClick={() => setTab('findings')}>Findings</button>
          </div>
          {tab === 'findings' ? <AccessFindings accountNames={accountNames} /> : tab === 'reach' ? (
            <ReachPanel
              question={reachQuestion}
              result={reach.data}
              pending={reach.isFetching}
              error={reach.error?.message}
              selected={selectedPath}
              onSelect={setSelectedPath}
              onAsk={(next) => { setSelectedPath(null); setReachQuestion(next); }}
              suggestions={graph.data?.nodes ?? []}
            />
          ) : (
            <WhoCanAnswers question={question} result={whoCan.data} pending={whoCan.isFetching} error={whoCan.error?.message} selected={selectedAnswer} onSelect={setSelectedAnswer} stats={graph.data ? `${graph.data.edges.length} of ${graph.data.totalEdges} edges drawn` : ''} />
          )}
        </aside>
        <div className="access-view__canvas" aria-label="Access graph">
          {graph.isError ? <p className="access-error" role="alert">{graph.error.message}</p> : null}
          {hiddenPrincipals > 0 ? (
            <p className="access-fold-note" role="status">
              {hiddenPrincipals} principal{hiddenPrincipals === 1 ? '' : 's'} hidden in {folded.size} folded account{folded.size === 1 ? '' : 's'}
              {foldChoice === null ? ` (over ${FOLD_ABOVE} principals to draw: accounts start folded)` : ''}. Unfold an account on its card, or filter by account, OU or principal.
              <button type="button" className="access-link" onClick={() => setFoldChoice(new Set())}>Unfold all</button>
            </p>
          ) : null}
          {layoutError ? <p className="access-error" role="alert">{layoutError}</p> : null}
          {question && whoCan.data && !whoCan.isFetching && !showingReach && nodes.length === 0 ? (
            // An empty answer would otherwise leave an empty canvas that reads as "still loading".
            <p className="access-fold-note" role="status">No principal of the design can do {question.action} on this resource: nothing to draw. The list beside says how many were evaluated.</p>
          ) : null}
          {progress ? <LayoutProgress progress={progress} /> : null}
          {laidOut ? (
            <AccessFoldContext.Provider value={toggleFold}>
              <AccessCanvas nodes={laidOut.nodes} edges={laidOut.edges} onEdge={setSelectedEdge} onFold={toggleFold} />
            </AccessFoldContext.Provider>
          ) : null}
        </div>
        {selectedEdge ? <AccessEdgePanel designId={designId} edgeId={selectedEdge} onClose={() => setSelectedEdge(null)} /> : null}
      </div>
    </section>
  );
}

/** Cards being laid out in the worker, with the seconds it has taken so far (the page stays usable meanwhile). */
function LayoutProgress({ progress }: { progress: AccessLayoutProgress }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, (now - progress.startedAt) / 1000);
  return (
    <div className="access-layout-progress" role="status" aria-label="Layout progress">
      <span className="access-layout-progress__bar" aria-hidden="true" />
      <span>
        {progress.stage === 'layout' ? `Laying out ${progress.cards} card${progress.cards === 1 ? '' : 's'}` : `Routing the edges between ${progress.cards} cards`}
        {seconds >= 0.5 ? ` · ${seconds.toFixed(0)} s` : ''}
      </span>
    </div>
  );
}

/** Card names are 13 px: below this zoom they would fall under 11 px, so fit view stops here and shows the top left. */
const MIN_READABLE_ZOOM = 11 / 13;
const FIT_MARGIN = 24;
/** Above this many cards, boxes and edges, React Flow draws only those in view. */
const RENDER_VISIBLE_ABOVE = 400;
/** The lowest zoom a chosen path is framed at (a path across the whole organization is still shown whole). */
const PATH_MIN_ZOOM = 0.4;
/** Room at the top of the pane when no fold note is shown. */
const FIT_TOP = 64;

/** Room the fold note really takes at the top of the pane (it wraps to three lines when the edge panel narrows the canvas). */
function fitTop(pane: HTMLElement, rect: DOMRect): number {
  const note = pane.parentElement?.querySelector('.access-fold-note');
  return note ? Math.max(FIT_TOP, note.getBoundingClientRect().bottom - rect.top + 12) : FIT_TOP;
}

function AccessCanvas({ nodes, edges, onEdge, onFold }: { nodes: AccessFlowNode[]; edges: AccessFlowEdge[]; onEdge: (id: string) => void; onFold: (accountId: string) => void }) {
  const reactFlow = useReactFlow();
  const pane = useRef<HTMLDivElement>(null);
  const { shown: shownEdges, pending: edgesPending } = useEdgesInSlices(edges);
  const onlyVisible = nodes.length + edges.length > RENDER_VISIBLE_ABOVE;
  // The card under the pointer: its edges stay as they are and every other edge fades, so a card's own routes can be
  // followed through corridors that carry dozens. A stylesheet, not new edge classes: React Flow redraws nothing.
  const [pointed, setPointed] = useState<string | null>(null);
  const focusStyle = useMemo(() => {
    if (pointed === null) return null;
    const own = shownEdges.filter((edge) => edge.source === pointed || edge.target === pointed);
    if (own.length === 0 || own.length === shownEdges.length) return null;
    const selectors = own.map((edge) => `.access-view__pane .react-flow__edge[data-id="${CSS.escape(edge.id)}"]`).join(',\n');
    return `.access-view__pane .react-flow__edge { opacity: 0.12; }\n${selectors} { opacity: 1; }`;
  }, [pointed, shownEdges]);
  // Fit once the new layout is on screen (two frames: React Flow renders, then measures handles), never below a zoom
  // where names stay readable: a graph too large for that is shown from its top left at that zoom.
  useEffect(() => {
    const fit = () => {
      const rect = pane.current?.getBoundingClientRect();
      const top = nodes.filter((node) => !node.parentId);
      if (!rect || rect.width === 0 || top.length === 0) return;
      const left = Math.min(...top.map((node) => node.position.x));
      const upper = Math.min(...top.map((node) => node.position.y));
      const width = Math.max(...top.map((node) => node.position.x + (node.width ?? 0))) - left;
      const height = Math.max(...top.map((node) => node.position.y + (node.height ?? 0))) - upper;
      const topRoom = fitTop(pane.current!, rect);
      const padding = { top: `${topRoom}px`, bottom: `${FIT_MARGIN}px`, left: `${FIT_MARGIN}px`, right: `${FIT_MARGIN}px` } as const satisfies FitViewOptions["padding"];
      // A chosen who-can or reach path is what the user asked to see: frame its cards, whole, even below the zoom
      // where names stay readable (the highlighted route is the answer; the card names are one zoom-in away).
      const onPath = nodes.filter((node) => node.type === 'principal' && (node.data as { highlighted?: boolean }).highlighted);
      if (onPath.length > 0) {
        void reactFlow.fitView({ nodes: onPath.map((node) => ({ id: node.id })), padding, maxZoom: 1.1, minZoom: PATH_MIN_ZOOM });
        return;
      }
      const fits = Math.min(1.1, (rect.width - 2 * FIT_MARGIN) / width, (rect.height - topRoom - FIT_MARGIN) / height);
      if (fits >= MIN_READABLE_ZOOM) {
        void reactFlow.fitView({ padding, maxZoom: 1.1 });
        return;
      }
      // From the left edge, and from the top of what stands in that first screenful (the layout's top corner may be empty).
      const inView = top.filter((node) => node.position.x < left + rect.width / MIN_READABLE_ZOOM);
      const firstTop = Math.min(...inView.map((node) => node.position.y));
      void reactFlow.setViewport({ zoom: MIN_READABLE_ZOOM, x: FIT_MARGIN - left * MIN_READABLE_ZOOM, y: topRoom - firstTop * MIN_READABLE_ZOOM });
    };
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(fit);
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [nodes, reactFlow]);
  return (
    <div ref={pane} className="access-view__pane" aria-busy={edgesPending}>
      {focusStyle ? <style data-testid="access-edge-focus">{focusStyle}</style> : null}
      <ReactFlow
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={accessNodeTypes}
        edgeTypes={accessEdgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        zIndexMode="manual"
        // Hundreds of cards and edges: only those in view are in the page (drawing every one froze the page for
        // hundreds of ms after an unfold); a small graph is drawn whole.
        onlyRenderVisibleElements={onlyVisible}
        minZoom={0.1}
        onEdgeClick={(_, edge) => onEdge((edge.data as { edge: AccessEdgeDto }).edge.id)}
        onNodeMouseEnter={(_, node) => setPointed(node.id)}
        onNodeMouseLeave={() => setPointed(null)}
        onNodeClick={(_, node) => {
          // A folded account's card unfolds on a click anywhere on it.
          const data = node.data as { accountId?: string; folded?: boolean };
          if (node.type === 'group' && data.folded && data.accountId) onFold(data.accountId);
        }}
        onNodeDoubleClick={(_, node) => {
          const data = node.data as { accountId?: string; folded?: boolean };
          if (node.type === 'group' && !data.folded && data.accountId) onFold(data.accountId);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        {onlyVisible ? <RoutesBeyondCards edges={shownEdges} onEdge={onEdge} /> : null}
      </ReactFlow>
    </div>
  );
}

function WhoCanAnswers({ question, result, pending, error, selected, onSelect, stats }: {
  question: WhoCanQuestion | null; result?: WhoCanDto; pending: boolean; error?: string; selected: number | null; onSelect: (index: number) => void; stats: string;
}) {
  if (!question) {
    return (
      <div className="access-muted access-help">
        <p>Ask who can do an action on a resource: principals allowed directly, and those that reach such a role through assume-role chains, each with its path.</p>
        <p>Click an edge for its trust statement and the engine&apos;s trace. Fold an account to one card (its fold button), click a folded card to open it.</p>
        <p>{stats}</p>
      </div>
    );
  }
  if (error) return <p className="access-error" role="alert">{error}</p>;
  if (pending || !result) return <p className="access-muted">Evaluating every principal…</p>;
  const shown = result.answers.length < result.totalAnswers ? ` Showing ${result.answers.length} of ${result.totalAnswers}.` : '';
  return (
    <div className="access-answers">
      <p className="access-muted" role="status">
        {result.directAnswers} principal{result.directAnswers === 1 ? '' : 's'} can directly; {result.chainPaths} role-chain path{result.chainPaths === 1 ? '' : 's'}
        {result.chainPathsTruncated ? ' (the search stopped at its cap: more paths exist)' : ''} ({result.evaluated} principals evaluated).{shown}
        {result.outside.length > 0 ? ` The resource's own policy also lets ${result.outside.length} outside the organization in.` : ''}
      </p>
      {result.outside.length > 0 ? (
        <section className="access-outside" aria-label="Outside the organization">
          <h4>Outside the organization</h4>
          <p className="access-muted">The resource&apos;s own policy lets these in; their own account&apos;s policies, which the design cannot see, decide the rest.</p>
          <ul className="access-list">
            {result.outside.map((found) => {
              const details = found.findingDetails[0].externalAccessDetails;
              const carries = Object.entries(details.condition).map(([key, value]) => `${key} = ${value}`).join(', ');
              return (
                <li key={found.id} className="access-outside__item">
                  <span className={`access-badge access-badge--${details.isPublic ? 'public' : 'external'}`}>{details.isPublic ? 'Public' : 'External'}</span>{' '}
                  <strong>{details.isPublic ? 'Anyone (any AWS account)' : Object.values(details.principal).join(', ')}</strong>
                  {carries ? <span className="access-muted"> when the request carries {carries}</span> : null}
                  <p className="access-muted">{found.lzsim.summary}</p>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <ol className="access-list" aria-label="Who-can answers">
        {result.answers.map((answer, i) => (
          <li key={`${answer.principal}#${i}`}>
            <button type="button" className={`access-answer${selected === i ? ' access-answer--selected' : ''}`} aria-pressed={selected === i} onClick={() => onSelect(i)}>
              <span className={`access-decision access-decision--${answer.decision}`}>{answer.decision}</span>
              <span className="access-answer__who">{short(answer.principal)}</span>
              <span className="access-answer__how">{answer.path.hopCount === 0 ? 'directly' : `${answer.path.hopCount} hop${answer.path.hopCount === 1 ? '' : 's'}`}</span>
              {/* One principal often reaches the resource through several roles: the row names the role that acts, so
                  three "user/alice, 1 hop" rows read as three different paths. */}
              {answer.path.hopCount > 0 ? <span className="access-answer__via">via {short(answer.actingPrincipal)}</span> : null}
            </button>
            {selected === i ? (
              <ol className="access-path" aria-label="Path">
                {answer.path.hops.map((hop) => (
                  <li key={hop.hop}>{hop.hop}. {short(hop.edge.from)} → {short(hop.edge.to)}{hop.edge.chained ? ` · chained, ≤ ${hop.maxSessionSeconds / 3600} h` : ''}</li>
                ))}
                <li className="access-path__last">
                  Last hop: {short(answer.actingPrincipal)}{answer.callerSessionName !== undefined ? `, its session named ${answer.callerSessionName}` : ''} — {answer.lastHop.decision}. {answer.lastHop.summary}
                </li>
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function AccessLegend() {
  return (
    <ul className="access-legend" aria-label="Edge legend">
      <li className="access-legend__item access-legend__item--plain">allowed</li>
      <li className="access-legend__item access-legend__item--conditional">conditional</li>
      <li className="access-legend__item access-legend__item--externalId">ExternalId</li>
      <li className="access-legend__item access-legend__item--mfa">MFA</li>
      <li className="access-legend__item access-legend__item--organization">organization</li>
      <li className="access-legend__item access-legend__item--sessionTags">session tags or name</li>
      <li className="access-legend__item access-legend__item--chained">chained (≤ 1 h)</li>
    </ul>
  );
}

/** With an answer set (who-can or reach), the graph shows the answer's nodes and the edges of its paths. */
function drawnPart(nodes: readonly AccessNodeDto[], paths: readonly AccessPathDto[]): { nodes: readonly AccessNodeDto[]; edges: readonly AccessEdgeDto[] } {
  const pathEdges = new Map<string, AccessEdgeDto>();
  for (const path of paths) for (const hop of path.hops) pathEdges.set(hop.edge.id, hop.edge);
  return { nodes, edges: [...pathEdges.values()] };
}

/** Most principals offered as suggestions in the reach form's ARN field. */
const REACH_SUGGESTIONS = 400;

/** "Who can reach role R" / "what can principal P reach": one shortest path each, with every hop's conditions. */
function ReachPanel({ question, result, pending, error, selected, onSelect, onAsk, suggestions }: {
  question: ReachQuestion | null; result?: ReachDto; pending: boolean; error?: string; selected: number | null;
  onSelect: (index: number) => void; onAsk: (question: ReachQuestion | null) => void; suggestions: readonly AccessNodeDto[];
}) {
  const [direction, setDirection] = useState<'to' | 'from'>(question?.direction ?? 'to');
  const [arn, setArn] = useState(question?.arn ?? '');
  const options = useMemo(() => suggestions
    .filter((node) => (direction === 'to' ? node.kind === 'role' : true) && node.id.startsWith('arn:'))
    .slice(0, REACH_SUGGESTIONS), [suggestions, direction]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onAsk(arn.trim() ? { direction, arn: arn.trim() } : null);
  };
  return (
    <div className="access-answers">
      <form className="access-reach" onSubmit={submit} aria-label="Reach">
        <select aria-label="Question" value={direction} onChange={(event) => setDirection(event.target.value as 'to' | 'from')}>
          <option value="to">Who can reach role</option>
          <option value="from">What can this principal reach</option>
        </select>
        <input aria-label={direction === 'to' ? 'Role ARN' : 'Principal ARN'} list="access-reach-suggestions" value={arn} onChange={(event) => setArn(event.target.value)}
          placeholder={direction === 'to' ? 'arn:aws:iam::111122223333:role/Name' : 'arn:aws:iam::111122223333:user/name'} spellCheck={false} />
        <datalist id="access-reach-suggestions">
          {options.map((node) => <option key={node.id} value={node.id}>{node.name}</option>)}
        </datalist>
        <button type="submit" className="access-button access-button--primary">Ask</button>
      </form>
      {!question ? (
        <p className="access-muted">Pick a role to see every principal that can reach it, directly or through role chains, or a principal to see every role it can reach. Each answer is one shortest path; a hop made from a role session is chained and lasts one hour at most.</p>
      ) : error ? <p className="access-error" role="alert">{error}</p> : pending || !result ? <p className="access-muted">Searching the access graph…</p> : (
        <>
          <p className="access-muted" role="status">
            {result.totalPaths} {question.direction === 'to' ? 'principal' : 'role'}{result.totalPaths === 1 ? '' : 's'} {question.direction === 'to' ? `can reach ${short(question.arn)}` : `reachable from ${short(question.arn)}`}
            {result.paths.length < result.totalPaths ? ` (showing ${result.paths.length})` : ''}.
          </p>
          <ol className="access-list" aria-label="Reach answers">
            {result.paths.map((path, i) => (
              <li key={`${path.from}>${path.to}`}>
                <button type="button" className={`access-answer${selected === i ? ' access-answer--selected' : ''}`} aria-pressed={selected === i} onClick={() => onSelect(i)}>
                  <span className={`access-decision access-decision--${path.conditional ? 'conditional' : 'allowed'}`}>{path.conditional ? 'conditional' : 'allowed'}</span>
                  <span className="access-answer__who">{short(question.direction === 'to' ? path.from : path.to)}</span>
                  <span className="access-answer__how">{`${path.hopCount} hop${path.hopCount === 1 ? '' : 's'}`}</span>
                </button>
                {selected === i ? (
                  <ol className="access-path" aria-label="Path">
                    {path.hops.map((hop) => (
                      <li key={hop.hop}>
                        {hop.hop}. {short(hop.edge.from)} → {short(hop.edge.to)}
                        {hop.edge.conditions.length > 0 ? ` · needs ${hop.edge.conditions.map((condition) => `${condition.key}${condition.values.length > 0 ? `=${condition.values.join('|')}` : ''}`).join(', ')}` : ''}
                        {hop.edge.chained ? ` · chained, ≤ ${hop.maxSessionSeconds / 3600} h` : ''}
                        {hop.transitiveTagKeys.length > 0 ? ` · transitive tags possible: ${hop.transitiveTagKeys.join(', ')}` : ''}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function toggled(set: ReadonlySet<string>, value: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
