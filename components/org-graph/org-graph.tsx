'use client';
import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  getNodesBounds,
  useReactFlow,
  useStoreApi,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { dropTargetAt } from './drop-target';
import { GraphActionsContext, type GraphActions } from './graph-actions';
import { orgEdgeTypes, orgNodeTypes } from './node-types';
import { inPreviousOrder, reuseSame, sameNode } from './stable-nodes';
import type { OrgFlow, OrgFlowNode } from './to-flow';

/** Minimap colours per node type, matching the cards (see globals.css). */
function minimapColor(node: OrgFlowNode): string {
  if (node.type === 'root') return '#232f3e';
  if (node.type === 'ou') return '#6b7a90';
  if (node.type === 'externalAccount') return '#b54708';
  if (node.data.decision) {
    const decision = node.data.decision.decision;
    return decision === 'allowed' ? '#1f7a4d' : decision === 'explicitDeny' ? '#b42318' : decision === 'conditional' ? '#6941c6' : '#c98a00';
  }
  return node.data.account.isManagement ? '#ff9900' : '#c3ccd8';
}

/** The pointer's screen position of a mouse or touch drag event. */
function clientPointOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('clientX' in event) return { x: event.clientX, y: event.clientY };
  const touch = event.changedTouches[0] ?? event.touches[0];
  return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
}

/** A drop this close to where the drag began (screen pixels) is a click that slipped, not a placement. */
const PIN_MIN_DISTANCE = 8;

/** Card names are 14 px: at this zoom they are 11.2 px on screen (11 px at least), so fit view stops here (see fitReadable). */
const MIN_READABLE_ZOOM = 0.8;
/**
 * The floor of an overview (the effective view), where each account's colour is the answer and the inspector gives
 * the names and reasons: names fall to 8.4 px, so that more of the organization is in view at once.
 */
export const OVERVIEW_MIN_ZOOM = 0.6;
/** Room fit view leaves for the toolbar (top), the zoom controls and minimap (bottom corners), in pixels. */
const FIT_MARGIN = { top: 64, bottom: 96, left: 24, right: 24 };
const FIT_VIEW_OPTIONS = {
  padding: { top: `${FIT_MARGIN.top}px`, bottom: `${FIT_MARGIN.bottom}px`, left: `${FIT_MARGIN.left}px`, right: `${FIT_MARGIN.right}px` },
  maxZoom: 1,
} as const;

/** Everything the editor can do with the graph; all optional, so a read-only view passes none of it. */
export interface OrgGraphEditing {
  /** A card was dropped on another container: the editor asks the API, then redraws (or the card goes back). */
  /** A drop on another parent; false when the move is not made now (the card goes back to its place). */
  onMove: (nodeId: string, targetId: string) => boolean | void;
  /** A card was dropped on empty canvas: pin it at `position` (its new top-left corner); absent, it goes back. */
  onPin?: (nodeId: string, position: { x: number; y: number }) => void;
  onSelect: (id: string | null) => void;
  onContextMenu: (id: string, point: { x: number; y: number }) => void;
  /** Key presses on a focused card, before React Flow's own handling (arrow keys would nudge the card). */
  onNodeKeyDown: (id: string, event: KeyboardEvent) => void;
  actions: GraphActions;
  /** Why dropping the card on the target would be refused (AWS's rules, checked before any request), or null. */
  dropRefusal?: (nodeId: string, targetId: string) => string | null;
  /**
   * Drop targets outside the canvas (a RAM share in the inspector), found under the pointer's screen position:
   * `over` says whether the card is over one and why it would be refused; `drop` acts and returns true when it took
   * the card (which then goes back to its place in the tree).
   */
  outsideDrop?: {
    over: (nodeId: string, point: { x: number; y: number }) => { refusal: string | null } | null;
    drop: (nodeId: string, point: { x: number; y: number }) => boolean;
  };
}

/** What the graph draws and how. */
export interface OrgGraphProps {
  /** Laid-out nodes and edges. */
  flow: OrgFlow;
  /** Accessible name of the whole figure. */
  label: string;
  selectedId?: string | null;
  /** Cards with an edit in flight: drawn busy and not draggable. */
  pendingIds?: ReadonlySet<string>;
  /** A card to centre on; a new `seq` re-centres on the same card. */
  focusRequest?: { id: string; seq: number } | null;
  editing?: OrgGraphEditing;
  /** Replaces the default legend (e.g. the effective-permission colours). */
  legend?: ReactNode;
  /** Edit controls drawn over the top centre of the canvas. */
  toolbar?: ReactNode;
  /** Overlay switches (RAM share edges) drawn over the top right of the canvas. */
  overlayControls?: ReactNode;
  /** A change of this key fits the view again (an overlay added cards beside the tree). */
  fitKey?: string;
  /** Called with an edge's id when it is clicked (the access overlay opens its edges this way). */
  onEdgeClick?: (edgeId: string) => void;
  /** The lowest zoom fit view goes to (default: names at 11 px or more; OVERVIEW_MIN_ZOOM for an overview). */
  fitFloor?: number;
}

/** Draws a laid-out org graph: pan, zoom, minimap, and, when `editing` is given, select, drag to move, fold. */
export function OrgGraph(props: OrgGraphProps) {
  return (
    <ReactFlowProvider>
      <GraphActionsContext.Provider value={props.editing?.actions ?? null}>
        <OrgGraphCanvas {...props} />
      </GraphActionsContext.Provider>
    </ReactFlowProvider>
  );
}

function OrgGraphCanvas({ flow, label, selectedId = null, pendingIds, focusRequest, editing, legend, toolbar, overlayControls, fitKey, onEdgeClick, fitFloor = MIN_READABLE_ZOOM }: OrgGraphProps) {
  const reactFlow = useReactFlow<OrgFlowNode>();
  const flowStore = useStoreApi<OrgFlowNode>();
  const [nodes, setNodes] = useState(flow.nodes);
  const [shownFlow, setShownFlow] = useState(flow);
  const [dropTargetId, setDropTargetId] = useState<string | null>(null);
  const [dropRefused, setDropRefused] = useState<string | null>(null);
  const dragOrigin = useRef<{ id: string; x: number; y: number; screen: { x: number; y: number } } | null>(null);
  const focusHandled = useRef<{ seq: number; x: number; y: number } | null>(null);
  // Whether the first view (onInit's fit) is set: a focus request waits for it, or the fit would undo its pan (a link
  // to an account, ?account=, asks for its card as soon as the tree is in, before React Flow is initialised).
  const viewSet = useRef(false);

  // A new laid-out flow replaces the local nodes (a drag only moves them locally until the API answers). A card
  // of the same size keeps the measurements React Flow took of it: without them React Flow hides and measures
  // every card again after each move. Cards keep their order (inPreviousOrder): their elements stay where they are.
  if (shownFlow !== flow) {
    setShownFlow(flow);
    setNodes((current) => {
      const measured = new Map(current.map((node) => [node.id, node]));
      const next = flow.nodes.map((node) => {
        const old = measured.get(node.id);
        return old?.measured && old.width === node.width && old.height === node.height ? { ...node, measured: old.measured } : node;
      });
      return inPreviousOrder(current, next);
    });
  }

  // Cards whose drawing did not change keep their objects (a busy mark or a selection touches one or two cards):
  // React Flow then re-adopts and re-renders only those.
  const lastDrawn = useRef<OrgFlowNode[]>([]);
  const drawnNodes = useMemo(() => {
    const next = nodes.map((node) => {
      const classes = [];
      if (node.id === dropTargetId) classes.push(dropRefused ? 'is-drop-refused' : 'is-drop-target');
      if (pendingIds?.has(node.id)) classes.push('is-pending');
      const selected = node.id === selectedId;
      const draggable = editing !== undefined && node.type !== 'root' && node.type !== 'externalAccount' && !pendingIds?.has(node.id);
      const className = classes.join(' ') || undefined;
      return node.selected === selected && node.draggable === draggable && node.className === className ? node : { ...node, selected, draggable, className };
    });
    return (lastDrawn.current = reuseSame(lastDrawn.current, next, sameNode));
  }, [nodes, dropTargetId, dropRefused, pendingIds, selectedId, editing]);

  const onNodesChange = useCallback(
    (changes: NodeChange<OrgFlowNode>[]) => {
      // Selection lives in the editor's store; positions and measurements stay local to the canvas.
      for (const change of changes) {
        if (change.type === 'select' && change.selected) editing?.onSelect(change.id);
      }
      setNodes((current) => applyNodeChanges(changes.filter((change) => change.type !== 'select'), current));
    },
    [editing],
  );

  const onNodeDragStart: OnNodeDrag<OrgFlowNode> = useCallback((event, node) => {
    dragOrigin.current = { id: node.id, ...node.position, screen: clientPointOf(event) };
  }, []);

  const onNodeDrag: OnNodeDrag<OrgFlowNode> = useCallback(
    (event, node) => {
      const outside = editing?.outsideDrop?.over(node.id, clientPointOf(event));
      if (outside) {
        setDropTargetId(null);
        setDropRefused(outside.refusal);
        return;
      }
      const point = reactFlow.screenToFlowPosition(clientPointOf(event));
      const target = dropTargetAt(nodes, point, node.id);
      setDropTargetId(target ? target.id : null);
      const parentId = flow.edges.find((edge) => edge.target === node.id)?.source;
      setDropRefused(target && target.id !== parentId ? editing?.dropRefusal?.(node.id, target.id) ?? null : null);
    },
    [editing, flow.edges, nodes, reactFlow],
  );

  const onNodeDragStop: OnNodeDrag<OrgFlowNode> = useCallback(
    (event, node) => {
      const point = reactFlow.screenToFlowPosition(clientPointOf(event));
      const target = dropTargetAt(nodes, point, node.id);
      setDropTargetId(null);
      setDropRefused(null);
      const origin = dragOrigin.current;
      dragOrigin.current = null;
      const goBack = () => {
        if (origin) setNodes((current) => current.map((entry) => (entry.id === origin.id ? { ...entry, position: { x: origin.x, y: origin.y } } : entry)));
      };
      // Taken by a drop target outside the canvas: the card itself stays where the tree has it.
      if (editing?.outsideDrop?.drop(node.id, clientPointOf(event))) return goBack();
      const parentId = flow.edges.find((edge) => edge.target === node.id)?.source;
      const refused = target && editing?.dropRefusal?.(node.id, target.id);
      if (target && target.id !== parentId && editing) {
        // A refused drop still reaches the editor (it says why), but the card goes straight back.
        const taken = editing.onMove(node.id, target.id);
        if (!refused && taken !== false) return;
      }
      // Dropped on empty canvas, far enough to mean it: the card stays there, pinned (its subtree follows).
      const screen = clientPointOf(event);
      const distance = origin ? Math.hypot(screen.x - origin.screen.x, screen.y - origin.screen.y) : 0;
      if (!target && editing?.onPin && origin?.id === node.id && distance >= PIN_MIN_DISTANCE) {
        editing.onPin(node.id, node.position);
        return;
      }
      // Dropped on its own parent (or barely moved): back to where it was.
      goBack();
    },
    [editing, flow.edges, nodes, reactFlow],
  );

  // Fit the tree, but never below a zoom where names stay readable: a tree too big for that is shown at the
  // readable zoom from its top (the root centred), and folding (the Levels control, fold toggles) shows less. The
  // top margin is what the toolbar really takes, so it covers no card.
  const fitReadable = useCallback(() => {
    const paneElement = document.querySelector<HTMLElement>('.org-graph .react-flow');
    const pane = paneElement?.getBoundingClientRect();
    const visible = reactFlow.getNodes().filter((node) => !node.hidden);
    if (!paneElement || !pane || pane.width === 0 || visible.length === 0) return;
    const margin = reservedMargins(paneElement, pane);
    const bounds = getNodesBounds(visible);
    const fits = Math.min(1, (pane.width - margin.left - margin.right) / bounds.width, (pane.height - margin.top - margin.bottom) / bounds.height);
    if (fits >= fitFloor) {
      void reactFlow.fitView({ ...FIT_VIEW_OPTIONS, padding: { top: `${margin.top}px`, bottom: `${margin.bottom}px`, left: `${margin.left}px`, right: `${margin.right}px` } });
      return;
    }
    const root = visible.find((node) => node.type === 'root') ?? visible[0];
    const rootCentre = root.position.x + (root.width ?? 0) / 2;
    void reactFlow.setViewport({ zoom: fitFloor, x: pane.width / 2 - rootCentre * fitFloor, y: margin.top - bounds.y * fitFloor });
  }, [reactFlow, fitFloor]);

  // The pane narrows when a panel opens beside it (the inspector with the effective view's trace): with nothing
  // selected, fit again, so that no card is left beyond the new edge; a selection keeps the user's view. Widening
  // (the inspector closing) keeps it too.
  const selected = useRef(selectedId);
  selected.current = selectedId;
  useEffect(() => {
    const paneElement = document.querySelector<HTMLElement>('.org-graph .react-flow');
    if (!paneElement) return undefined;
    // The width comes from the observer's entries, never from measuring the pane here: a measurement in this effect
    // forced a layout of the whole page (about 25 ms on the 5,000-account design) before the first cards were
    // drawn. The observer reports the pane's first size once it is laid out anyway.
    let width: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver((entries) => {
      const now = entries[entries.length - 1]?.contentRect.width;
      if (now === undefined) return;
      const narrowed = width !== undefined && now < width - 1;
      width = now;
      if (!narrowed || selected.current !== null) return;
      clearTimeout(timer);
      timer = setTimeout(fitReadable, 50);
    });
    observer.observe(paneElement);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [fitReadable]);

  // A new floor (the effective view's overview, or back) fits again when nothing is selected, once the panels
  // that came or went with the mode have taken their place.
  const fittedFloor = useRef(fitFloor);
  useEffect(() => {
    if (fittedFloor.current === fitFloor) return undefined;
    fittedFloor.current = fitFloor;
    if (selected.current !== null) return undefined;
    const timer = setTimeout(fitReadable, 50);
    return () => clearTimeout(timer);
  }, [fitFloor, fitReadable]);

  const fittedKey = useRef(fitKey);
  useEffect(() => {
    if (fittedKey.current === fitKey) return;
    fittedKey.current = fitKey;
    // After React Flow has the new cards: fit them all, as the first paint did.
    const timer = setTimeout(fitReadable, 50);
    return () => clearTimeout(timer);
  }, [fitKey, fitReadable]);

  // Brings the requested card into view and gives it keyboard focus.
  const bringIntoView = useCallback((focusRequest: { id: string; seq: number } | null | undefined) => {
    if (!focusRequest || !viewSet.current) return;
    const node = reactFlow.getNode(focusRequest.id);
    if (!node) return;
    // Once per request and card position (a new layout moves the card): later redraws leave the user's view alone.
    const handled = focusHandled.current;
    if (handled && handled.seq === focusRequest.seq && handled.x === node.position.x && handled.y === node.position.y) return;
    focusHandled.current = { seq: focusRequest.seq, x: node.position.x, y: node.position.y };
    const width = node.width ?? 0;
    const height = node.height ?? 0;
    // The user's zoom is kept, and the view moves only when the card is not already in it: a drop or a new card
    // must not jump to another zoom, nor pan the root away when the card is visible anyway. The pane's size is the
    // one React Flow keeps (its own resize observer): measuring the pane here forced a layout of the whole page
    // (24 ms of style and 13 of layout at load 6) in the task that follows a move's confirmation.
    const { x, y, zoom } = reactFlow.getViewport();
    const pane = flowStore.getState();
    const left = node.position.x * zoom + x;
    const top = node.position.y * zoom + y;
    const inView = pane.width > 0 && left >= 0 && top >= 0 && left + width * zoom <= pane.width && top + height * zoom <= pane.height;
    // Only visible cards are drawn: a card brought into view gets keyboard focus once the glide has drawn it.
    const focusCard = () =>
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focusRequest.id)}"]`)?.focus({ preventScroll: true });
    if (inView) focusCard();
    else void reactFlow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom, duration: 300 }).then(() => requestAnimationFrame(focusCard));
  }, [reactFlow, flowStore]);
  const latestFocusRequest = useRef(focusRequest);
  latestFocusRequest.current = focusRequest;
  useEffect(() => bringIntoView(focusRequest), [bringIntoView, focusRequest, flow]);

  return (
    <div
      className="org-graph"
      aria-label={label}
      role="figure"
      onKeyDownCapture={(event) => {
        const element = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
        const id = element?.dataset.id;
        if (id && editing) editing.onNodeKeyDown(id, event);
      }}
    >
      <ReactFlow<OrgFlowNode>
        nodes={drawnNodes}
        edges={flow.edges}
        nodeTypes={orgNodeTypes}
        edgeTypes={orgEdgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onNodeContextMenu={(event, node) => {
          if (!editing) return;
          event.preventDefault();
          editing.onSelect(node.id);
          editing.onContextMenu(node.id, { x: event.clientX, y: event.clientY });
        }}
        onPaneClick={() => editing?.onSelect(null)}
        onEdgeClick={onEdgeClick ? (_, edge) => onEdgeClick(edge.id) : undefined}
        nodesDraggable={editing !== undefined}
        nodesConnectable={false}
        // A drag must not select the dragged card: the inspector keeps showing, e.g., the RAM panel it is dropped on.
        selectNodesOnDrag={false}
        elementsSelectable
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onlyRenderVisibleElements
        onInit={() =>
          requestAnimationFrame(() => {
            fitReadable();
            viewSet.current = true;
            bringIntoView(latestFocusRequest.current);
          })
        }
        minZoom={0.05}
        maxZoom={1.75}
        defaultEdgeOptions={{ type: 'smoothstep' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="var(--canvas-dot, #d5dbe3)" />
        <MiniMap<OrgFlowNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          ariaLabel="Organization minimap"
          style={{ width: 150, height: 96 }}
        />
        <Controls showInteractive={false} aria-label="Zoom controls" onFitView={fitReadable} />
        {/* The toolbar and the overlay switches share one panel that wraps: two corner panels overlapped on narrow panes. */}
        {toolbar || overlayControls ? (
          <Panel position="top-left" className="org-graph__top-panels">
            {toolbar}
            {overlayControls ? <div className="org-graph__overlay-controls">{overlayControls}</div> : null}
          </Panel>
        ) : null}
        {dropRefused ? (
          <Panel position="top-center">
            <p className="drop-refusal" role="status">Cannot drop here: {dropRefused}</p>
          </Panel>
        ) : null}
      </ReactFlow>
      {/* Docked under the pane, not floating over it: an open legend can never cover a card, whatever the zoom. */}
      <details className="legend-fold legend-dock" open>
        <summary>Legend</summary>
        {legend ?? <GraphLegend />}
      </details>
    </div>
  );
}

/**
 * The room fit view leaves at each side of the pane: at least FIT_MARGIN, and at the top what the top panels
 * (toolbar, overlay switches) take, measured, plus a gap. The legend is docked under the pane and takes none of it.
 */
function reservedMargins(paneElement: HTMLElement, pane: DOMRect): typeof FIT_MARGIN {
  const gap = 12;
  const top = paneElement.querySelector('.org-graph__top-panels')?.getBoundingClientRect();
  return { ...FIT_MARGIN, top: Math.max(FIT_MARGIN.top, top && top.height > 0 ? top.bottom - pane.top + gap : 0) };
}

/** What the card styles and badges mean. */
export function GraphLegend() {
  return (
    <ul className="graph-legend" aria-label="Legend">
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--root" aria-hidden="true" /> Root
      </li>
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--ou" aria-hidden="true" /> Organizational unit
      </li>
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--account" aria-hidden="true" /> Account
      </li>
      <li>
        <span className="graph-legend__swatch graph-legend__swatch--management" aria-hidden="true" /> Management
        account (no SCP or RCP restricts it)
      </li>
      <li>
        <span className="policy-badge policy-badge--scp">SCP</span>{' '}
        <span className="policy-badge policy-badge--rcp">RCP</span>{' '}
        <span className="policy-badge policy-badge--mgmt">TAG · BKP · AI · S3 · EC2</span> policies attached here (names on hover)
      </li>
      <li>
        <span className="policy-badge policy-badge--guardrail">GR</span> Control Tower controls
      </li>
      <li title="Organization trail logs, Config aggregator, delegated administrator (GuardDuty, Security Hub, Config, Access Analyzer, AWS Backup)">
        <span className="policy-badge policy-badge--lz">Trail</span>{' '}
        <span className="policy-badge policy-badge--lz">Aggr</span>{' '}
        <span className="policy-badge policy-badge--lz">DA</span> trail logs, Config aggregator, delegated admin
      </li>
    </ul>
  );
}
