'use client';
import dynamic from 'next/dynamic';
import { ShareEdgeControls } from '../ram/share-edge-controls';
import { shareEdgeOf, type ShareOverlay } from '../ram/share-flow';
import { useShareDrop } from '../ram/use-share-drop';
import { useShareOverlay } from '../ram/use-share-overlay';
import { overlayEdgeAccounts, useAccessOverlayEdges } from '../access/use-access-overlay';
import { useQuery } from '@tanstack/react-query';
import { ServiceShareLegend } from '../matrix/service-overlay';
import { shareBackground as shareBackgroundOf, sharePercent, useServiceShares } from '../matrix/service-share';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OrgTree } from '@/server/schemas/org';
import { OrgGraph, OVERVIEW_MIN_ZOOM, type OrgGraphEditing } from '../org-graph/org-graph';
import { toFlow, type OrgFlow } from '../org-graph/to-flow';
import { EffectiveCanvasLegend } from '../effective/effective-legend';
import { withTracePath } from '../effective/trace-path';
import { useLaidOutFlow } from '../org-graph/use-laid-out-flow';
import { useTRPC } from '../trpc/client';
import { CanvasToolbar } from './canvas-toolbar';
import { effectiveCollapsed } from '../editor-base/collapse-defaults';
import { useHydrated } from '../editor-base/use-hydrated';
import { EditDialogs } from './dialogs/edit-dialogs';
import { NodeContextMenu } from './node-context-menu';
import { commandsFor } from './node-commands';
import { findOrgNode, placementRefusalOf } from '../editor-base/org-tree-queries';
import { useEditorStore, useEditorStoreApi } from '../editor-base/editor-store-provider';
import { navigationStep } from './tree-navigation';
import { useMaxOuDepth } from './use-max-ou-depth';
import { useCardPins } from './use-card-pins';
import type { PendingMove } from './move-preview-dialog';
import { useMoveNode } from './use-move-node';

// Panels and dialogs that open on a click are fetched then, not with the canvas (see EditorShell).
const AccessOverlayPanel = dynamic(() => import('../access/access-overlay-panel').then((m) => m.AccessOverlayPanel));
const ShareEdgePanel = dynamic(() => import('../ram/share-edge-panel').then((m) => m.ShareEdgePanel));
const NoOrganization = dynamic(() => import('./no-organization').then((m) => m.NoOrganization));
const MovePreviewDialog = dynamic(() => import('./move-preview-dialog').then((m) => m.MovePreviewDialog));

/** The canvas: the org tree as an editable graph, with loading, empty and error states. */
export function EditorCanvas() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));
  const hydrated = useHydrated();

  if (!hydrated || tree.isPending) return <CanvasMessage busy title="Loading the organization…" />;
  if (tree.isError) {
    return <CanvasMessage title="The organization could not be loaded." detail={`${tree.error.message} Reload the page to try again.`} />;
  }
  if (!tree.data.root) return <NoOrganization />;
  return <EditableTree tree={tree.data} />;
}

function EditableTree({ tree: latestTree }: { tree: OrgTree }) {
  const store = useEditorStoreApi();
  const designName = useEditorStore((state) => state.designName);
  const { collapsedChoice: latestCollapsed, expandedChoice: latestExpanded, mode, decisions, tracePath, selectedId, pending: latestPending, focusRequest } = useEditorStore(
    useShallow((state) => ({
      collapsedChoice: state.collapsed,
      expandedChoice: state.expanded,
      mode: state.mode,
      decisions: state.decisions,
      tracePath: state.tracePath,
      selectedId: state.selectedId,
      pending: state.pending,
      focusRequest: state.focusRequest,
    })),
  );
  // A new tree (a move, an edit, its confirmation), the folding and the busy marks a move changes with it are drawn
  // in one interruptible render after the urgent one (useDeferredValue), together: deriving, laying out and redrawing
  // the 5,000-account design's flow after a drop was one task of 50-76 ms of CPU (a performance trace of bench:ui's
  // moves), which React now splits into slices between which the page can answer. The urgent render bails out at
  // LaidOutTree (memo) with the previous values.
  const tree = useDeferredValue(latestTree);
  // What the panels show follows what is drawn here (useOrgTree): published in a task of its own after the frame
  // that paints this render (an animation frame, then a timer), so that the panels' re-render lengthens neither the
  // commit's task nor the wait for its paint.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => store.getState().setDrawnTree(tree), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [store, tree]);
  useEffect(() => () => store.getState().setDrawnTree(null), [store]);
  const collapsedChoice = useDeferredValue(latestCollapsed);
  const expandedChoice = useDeferredValue(latestExpanded);
  const pending = useDeferredValue(latestPending);
  const collapsed = useMemo(
    () => effectiveCollapsed(tree, { collapsed: collapsedChoice, expanded: expandedChoice }),
    [tree, collapsedChoice, expandedChoice],
  );
  const flow = useMemo((): { ok: true; flow: OrgFlow } | { ok: false; message: string } => {
    try {
      const drawn = toFlow(tree, { collapsed, decisions: mode === 'effective' ? decisions : undefined });
      // The selected account's trace: its path from the root, marked where the request stopped.
      return { ok: true, flow: mode === 'effective' ? withTracePath(drawn, tracePath) : drawn };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }, [tree, collapsed, decisions, mode, tracePath]);
  if (!flow.ok) return <CanvasMessage title="The tree could not be drawn." detail={flow.message} />;
  return (
    <LaidOutTree
      flow={flow.flow}
      tree={tree}
      label={`Organization tree of ${designName}`}
      selectedId={selectedId}
      pending={pending}
      focusRequest={focusRequest}
      store={store}
    />
  );
}

interface LaidOutTreeProps {
  flow: OrgFlow;
  tree: OrgTree;
  label: string;
  selectedId: string | null;
  pending: ReadonlySet<string>;
  focusRequest: { id: string; seq: number } | null;
  store: ReturnType<typeof useEditorStoreApi>;
}

const LaidOutTree = memo(function LaidOutTree({ flow, tree, label, selectedId, pending, focusRequest, store }: LaidOutTreeProps) {
  const designId = useEditorStore((state) => state.designId);
  const cardPins = useCardPins(designId);
  const laidOut = useLaidOutFlow(flow, cardPins.pins);
  const mode = useEditorStore((state) => state.mode);
  const accessEdges = useAccessOverlayEdges(tree);
  const serviceShares = useServiceShares();
  // The service overlay only changes what account cards say, never the layout: applied after it.
  const drawnFlow = useMemo(() => {
    if (laidOut.status !== 'ready' || serviceShares.shares.size === 0 || mode !== 'design') return null;
    return {
      ...laidOut.flow,
      nodes: laidOut.flow.nodes.map((node) => {
        const share = node.type === 'account' ? serviceShares.shares.get(node.data.account.accountId) : undefined;
        if (!share || node.type !== 'account') return node;
        const [allowed, denied, other] = share.cell;
        const title = `${share.service}: ${allowed} of ${share.actions} actions allowed, ${denied} denied, ${other} depend on the request's context or the principal${share.note ? ` (${share.note})` : ''}`;
        return { ...node, data: { ...node.data, share: { text: `${share.service} ${sharePercent(share.cell)}%`, background: shareBackgroundOf(share.cell), title } } };
      }),
    };
  }, [laidOut, serviceShares.shares, mode]);
  const [accessPair, setAccessPair] = useState<{ fromAccount: string; toAccount: string } | null>(null);
  const shareOverlayShown = useEditorStore((state) => state.shareEdges);
  const shares = useShareOverlay(tree, laidOut.status === 'ready' ? laidOut.flow : null);
  const [shareEdge, setShareEdge] = useState<{ shareArn: string; principal: string } | null>(null);
  const move = useMoveNode();
  const [previewMoves, setPreviewMoves] = useState(false);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const maxOuDepth = useMaxOuDepth();
  const shareDrop = useShareDrop(tree);

  /** Null when the node has no children; else whether they are hidden. */
  const foldedOf = useCallback(
    (id: string): boolean | null => {
      const node = flow.nodes.find((entry) => entry.id === id);
      if (!node || node.type === 'account' || node.type === 'externalAccount') return null;
      return node.data.subtree.childOus + node.data.subtree.childAccounts === 0 ? null : node.data.collapsed;
    },
    [flow],
  );

  const onNodeKeyDown = useCallback(
    (id: string, event: KeyboardEvent) => {
      const state = store.getState();
      const node = findOrgNode(tree, id);
      if (!node) return;
      const command = (commandId: string) => commandsFor(node, foldedOf(id)).find((entry) => entry.id === commandId);
      const rename = command('rename');
      if (event.key === 'F2' && rename && 'dialog' in rename.run) {
        event.preventDefault();
        state.openDialog(rename.run.dialog);
        return;
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        const remove = command('delete') ?? command('remove');
        if (remove && 'dialog' in remove.run) {
          event.preventDefault();
          state.openDialog(remove.run.dialog);
        }
        return;
      }
      if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
        event.preventDefault();
        const rect = (event.target as HTMLElement).getBoundingClientRect();
        state.select(id);
        state.openContextMenu({ id, x: rect.left + 24, y: rect.bottom - 8 });
        return;
      }
      const step = navigationStep(
        { nodeIds: flow.nodes.map((entry) => entry.id), links: flow.edges },
        id,
        event.key,
        foldedOf(id),
      );
      if (!step) return;
      // Arrow keys would otherwise nudge the selected card (React Flow's default): the tree pattern wins.
      event.preventDefault();
      event.stopPropagation();
      if ('fold' in step) state.setFolded(id, step.fold);
      else {
        state.select(step.focus);
        state.requestFocus(step.focus);
      }
    },
    [flow, foldedOf, store, tree],
  );

  // What the cards' fold and pin buttons call, given to them by context: a new object would redraw every card on
  // screen at each move, so it changes only with the pin functions (not with the tree).
  const unpinCards = cardPins.unpin;
  const actions = useMemo(
    () => ({ setFolded: (id: string, folded: boolean) => store.getState().setFolded(id, folded), unpin: (id: string) => unpinCards([id]) }),
    [store, unpinCards],
  );
  const editing = useMemo(
    (): OrgGraphEditing => ({
      onMove: (nodeId, targetId) => {
        const state = store.getState();
        if (state.readOnly) {
          state.openDialog({ kind: 'inviteAccount' }); // refused with the "View only" notice
          return undefined;
        }
        // With "Preview moves" on, a dropped account waits for the user's word on its impact (MoveAccount).
        const node = tree ? findOrgNode(tree, nodeId) : null;
        const source = tree && node?.parentId ? findOrgNode(tree, node.parentId) : null;
        const target = tree ? findOrgNode(tree, targetId) : null;
        if (previewMoves && node?.kind === 'account' && source && target && !placementRefusalOf(tree!, nodeId, targetId, maxOuDepth)) {
          setPendingMove({ nodeId, targetId, accountId: node.awsId, accountName: node.name, sourceParentId: source.awsId, destinationParentId: target.awsId, destinationName: target.name });
          return false;
        }
        void move(nodeId, targetId);
        return undefined;
      },
      onPin: (nodeId, position) => cardPins.pin(nodeId, position),
      onSelect: (id) => store.getState().select(id),
      onContextMenu: (id, point) => store.getState().openContextMenu({ id, ...point }),
      onNodeKeyDown,
      actions,
      dropRefusal: (nodeId, targetId) => placementRefusalOf(tree, nodeId, targetId, maxOuDepth)?.message ?? null,
      outsideDrop: shareDrop,
    }),
    [actions, cardPins, maxOuDepth, move, onNodeKeyDown, previewMoves, shareDrop, store, tree],
  );

  if (laidOut.status === 'failed') return <CanvasMessage title="The tree could not be drawn." detail={`${laidOut.message} Reload the page to try again.`} />;
  const shownFlow = drawnFlow ?? laidOut.flow;
  return (
    <>
      <OrgGraph
        flow={withOverlays(shownFlow, accessEdges, shares)}
        label={label}
        selectedId={selectedId}
        pendingIds={pending}
        focusRequest={focusRequest}
        editing={editing}
        toolbar={(
          <>
            <CanvasToolbar foldedOf={foldedOf} pinnedCount={cardPins.pins.size} onRelayout={() => cardPins.unpin()} />
            <label className="canvas-preview-moves" title="Show what dropping an account elsewhere would change, before it is saved">
              <input type="checkbox" checked={previewMoves} onChange={(event) => setPreviewMoves(event.target.checked)} /> Preview moves
            </label>
          </>
        )}
        overlayControls={<ShareEdgeControls count={shares.edges.length} />}
        fitKey={shares.nodes.map((node) => node.id).join(',')}
        fitFloor={mode === 'effective' ? OVERVIEW_MIN_ZOOM : undefined}
        legend={mode === 'effective' ? <EffectiveCanvasLegend /> : serviceShares.service && mode === 'design' ? <ServiceShareLegend service={serviceShares.service} /> : undefined}
        onEdgeClick={(edgeId) => {
          const pair = overlayEdgeAccounts(edgeId);
          if (pair) setAccessPair(pair);
          const share = shareEdgeOf(edgeId);
          if (share) setShareEdge(share);
        }}
      />
      {shareEdge && shareOverlayShown ? (
        <ShareEdgePanel designId={designId} shareArn={shareEdge.shareArn} principal={shareEdge.principal} onClose={() => setShareEdge(null)} />
      ) : null}
      {accessPair && accessEdges.length > 0 ? (
        <AccessOverlayPanel designId={designId} fromAccount={accessPair.fromAccount} toAccount={accessPair.toAccount} onClose={() => setAccessPair(null)} />
      ) : null}
      {pendingMove ? (
        <MovePreviewDialog designId={designId} move={pendingMove} onCancel={() => setPendingMove(null)}
          onMove={() => { setPendingMove(null); void move(pendingMove.nodeId, pendingMove.targetId); }} />
      ) : null}
      <NodeContextMenu foldedOf={foldedOf} />
      <EditDialogs />
    </>
  );
});

/** The laid-out tree with the overlays' edges (access, RAM shares) and the RAM overlay's external cards added. */
function withOverlays(flow: OrgFlow, accessEdges: OrgFlow['edges'], shares: ShareOverlay): OrgFlow {
  if (accessEdges.length === 0 && shares.edges.length === 0) return flow;
  return { nodes: shares.nodes.length > 0 ? [...flow.nodes, ...shares.nodes] : flow.nodes, edges: [...flow.edges, ...accessEdges, ...shares.edges] };
}

/** A centred loading, empty or error message on the canvas. */
export function CanvasMessage({ title, detail, busy = false }: { title: string; detail?: string; busy?: boolean }) {
  return (
    <div className="panel-message canvas-message" role={busy ? 'status' : 'alert'} aria-busy={busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <p className="panel-message__title">{title}</p>
      {detail ? <p className="panel-message__detail">{detail}</p> : null}
    </div>
  );
}
