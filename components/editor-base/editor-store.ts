// The editor's one store: domain facts and UI state shared by the canvas, the panels and the toolbar. Made by a
// factory (one store per mounted editor, never a module singleton) and provided through context
// (editor-store-provider.tsx). It never holds the org tree: that lives once, in react-query's cache, read through
// useOrgTree() (components/editor-base/use-org-tree.ts); the canvas derives React Flow nodes from it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimulationRequest } from '@/server/schemas/simulation';
import type { OrgTree } from '@/server/schemas/org';

/** What the canvas shows: the design, the effective-permission colours, or one account's SCP action matrix. */
export type EditorMode = 'design' | 'effective' | 'matrix' | 'access';
/** The tabs of the left sidebar. */
export type SidebarTab = 'policies' | 'history' | 'outside';

/** The effective-permission outcome of the current request for one account (filled in by the request bar). */
export interface AccountDecision {
  /** `conditional`: a condition key decides, so the outcome depends on the request's context. */
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny' | 'conditional';
  /** One line saying why, from the API. */
  summary: string;
  /** The exact request evaluated for this account: the trace panel runs it again to show the trace. */
  request?: SimulationRequest;
}

/** A short message shown in the corner; `tone: 'error'` for refusals (AWS's code and reason). */
export interface Toast {
  id: number;
  tone: 'info' | 'error';
  title: string;
  detail?: string;
  /** AWS's exception and reason, shown small under the message ("ConstraintViolationException (OU_DEPTH_LIMIT_EXCEEDED)"). */
  code?: string | null;
}

/** Most toasts on screen at once: a burst of refusals (a drag over many cards) must not cover the canvas. */
export const MAX_TOASTS = 3;

/** The edit dialog that is open, and what it acts on (row ids). */
export type EditorDialog =
  | { kind: 'createOu'; parentId: string }
  | { kind: 'createAccount'; parentId: string }
  | { kind: 'inviteAccount' }
  | { kind: 'renameOu'; ouId: string }
  | { kind: 'renameAccount'; accountId: string }
  | { kind: 'deleteOu'; ouId: string }
  | { kind: 'removeAccount'; accountId: string };

/** The editor's state and its actions. */
export interface EditorState {
  designId: string;
  designName: string;
  /** The caller may only read this design (a viewer, or a share link): edit commands are hidden or refused. */
  readOnly: boolean;
  /** The design revision every edit names as `expectedRevision`; moves forward with each edit's result. */
  revision: number;
  /** The selected root, OU or account (our row id), shown in the inspector. */
  selectedId: string | null;
  mode: EditorMode;
  /** Draw the access graph's edges between account cards on the org graph (set from the access view). */
  accessOverlay: boolean;
  /** Draw AWS RAM share edges (owner → principals) on the org graph (toggled from the canvas's top-right control). */
  shareEdges: boolean;
  /** The RAM share a dragged card is over (in the inspector), and whether RAM would refuse the drop. */
  shareDrop: { shareArn: string; refused: boolean } | null;
  /** A service prefix whose share of allowed actions each account card shows (the org-wide matrix), or null. */
  serviceOverlay: string | null;
  sidebarTab: SidebarTab;
  /** Row ids of OUs (or the root) the user folded (see collapse-defaults.ts for what starts folded). */
  collapsed: ReadonlySet<string>;
  /** Row ids the user unfolded explicitly, so the scale defaults never fold them again. */
  expanded: ReadonlySet<string>;
  /** Effective-permission decisions of the current request, by 12-digit account id (empty outside that mode). */
  decisions: Readonly<Record<string, AccountDecision>>;
  /** The selected account's trace as a path on the canvas: row ids root → account, and the level that stopped it. */
  tracePath: { nodeIds: string[]; stoppedId: string | null } | null;
  /** Node ids of an edit in flight (drawn busy; a second drag on them waits). */
  pending: ReadonlySet<string>;
  /** A node the canvas should centre on next (search, keyboard), then clears. */
  focusRequest: { id: string; seq: number } | null;
  /**
   * The org tree the canvas last drew, null while no canvas draws one. The panels follow it (useOrgTree): after a
   * move the canvas draws and paints the new tree before the panels beside it re-render.
   */
  drawnTree: OrgTree | null;
  toasts: readonly Toast[];
  /** The open create/rename/delete dialog, if any. */
  dialog: EditorDialog | null;
  /** The open context menu: which node, and where on screen. */
  contextMenu: { id: string; x: number; y: number } | null;
  /** "Export this subtree" asked for this OU: the export menu opens with it chosen (seq tells repeats apart). */
  exportRequest: { subtree: string; seq: number } | null;

  setRevision: (revision: number) => void;
  select: (id: string | null) => void;
  setMode: (mode: EditorMode) => void;
  setAccessOverlay: (shown: boolean) => void;
  setShareEdges: (shown: boolean) => void;
  setShareDrop: (shareDrop: { shareArn: string; refused: boolean } | null) => void;
  setServiceOverlay: (service: string | null) => void;
  setSidebarTab: (tab: SidebarTab) => void;
  /** Folds (true) or unfolds (false) one container, overriding the scale defaults. */
  setFolded: (id: string, folded: boolean) => void;
  /** Unfolds every given container (e.g. the ancestors of a search result). */
  expandPathTo: (ids: Iterable<string>) => void;
  /** Replaces every fold choice at once (expand all, collapse to a level). */
  setFoldChoices: (choices: { collapsed: ReadonlySet<string>; expanded: ReadonlySet<string> }) => void;
  setDecisions: (decisions: Record<string, AccountDecision>) => void;
  setTracePath: (tracePath: { nodeIds: string[]; stoppedId: string | null } | null) => void;
  setPending: (id: string, busy: boolean) => void;
  requestFocus: (id: string) => void;
  setDrawnTree: (tree: OrgTree | null) => void;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  dismissToast: (id: number) => void;
  openDialog: (dialog: EditorDialog | null) => void;
  openContextMenu: (menu: { id: string; x: number; y: number } | null) => void;
  /** Opens the export menu on the subtree of `id` (an OU). */
  requestSubtreeExport: (id: string) => void;
}

/** What the editor knows when it opens. */
export interface EditorStoreInit {
  designId: string;
  designName: string;
  revision: number;
  /** True for viewers (the server refuses their changes anyway; the editor does not offer them). */
  readOnly?: boolean;
}

/** The store's type, as the provider hands it out. */
export type EditorStore = StoreApi<EditorState>;

let toastSeq = 0;
let focusSeq = 0;
let exportSeq = 0;

/** Creates one editor store. */
export function createEditorStore(init: EditorStoreInit): EditorStore {
  return createStore<EditorState>()((set) => ({
    designId: init.designId,
    designName: init.designName,
    readOnly: init.readOnly ?? false,
    revision: init.revision,
    selectedId: null,
    mode: 'design',
    accessOverlay: false,
    shareEdges: false,
    shareDrop: null,
    serviceOverlay: null,
    sidebarTab: 'policies',
    collapsed: new Set(),
    expanded: new Set(),
    decisions: {},
    tracePath: null,
    pending: new Set(),
    focusRequest: null,
    drawnTree: null,
    toasts: [],
    dialog: null,
    contextMenu: null,
    exportRequest: null,

    // Revisions only move forward: a late response for an older edit must not rewind the store.
    setRevision: (revision) => set((state) => (revision > state.revision ? { revision } : state)),
    select: (selectedId) => set({ selectedId }),
    setMode: (mode) => set({ mode }),
    setAccessOverlay: (accessOverlay) => set({ accessOverlay }),
    setShareEdges: (shareEdges) => set({ shareEdges }),
    setShareDrop: (shareDrop) => set((state) => (state.shareDrop?.shareArn === shareDrop?.shareArn && state.shareDrop?.refused === shareDrop?.refused ? state : { shareDrop })),
    setServiceOverlay: (serviceOverlay) => set({ serviceOverlay }),
    setSidebarTab: (sidebarTab) => set({ sidebarTab }),
    setFolded: (id, folded) =>
      set((state) => {
        const collapsed = new Set(state.collapsed);
        const expanded = new Set(state.expanded);
        if (folded) {
          collapsed.add(id);
          expanded.delete(id);
        } else {
          collapsed.delete(id);
          expanded.add(id);
        }
        return { collapsed, expanded };
      }),
    expandPathTo: (ids) =>
      set((state) => {
        const collapsed = new Set(state.collapsed);
        const expanded = new Set(state.expanded);
        for (const id of ids) {
          collapsed.delete(id);
          expanded.add(id);
        }
        return { collapsed, expanded };
      }),
    setFoldChoices: ({ collapsed, expanded }) => set({ collapsed: new Set(collapsed), expanded: new Set(expanded) }),
    setDecisions: (decisions) => set({ decisions }),
    setTracePath: (tracePath) => set({ tracePath }),
    setPending: (id, busy) =>
      set((state) => {
        const pending = new Set(state.pending);
        if (busy) pending.add(id);
        else pending.delete(id);
        return { pending };
      }),
    requestFocus: (id) => set({ focusRequest: { id, seq: ++focusSeq } }),
    setDrawnTree: (drawnTree) => set({ drawnTree }),
    // The same message again replaces the one on screen (and restarts its timer) instead of stacking a copy.
    showToast: (toast) => set((state) => {
      const others = state.toasts.filter((shown) => shown.title !== toast.title || shown.detail !== toast.detail || (shown.code ?? null) !== (toast.code ?? null));
      return { toasts: [...others.slice(-(MAX_TOASTS - 1)), { ...toast, id: ++toastSeq }] };
    }),
    dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
    // Every edit dialog changes the design: a read-only editor says so instead of opening one.
    openDialog: (dialog) =>
      set((state) =>
        dialog && state.readOnly
          ? { contextMenu: null, toasts: [...state.toasts.slice(-3), { id: ++toastSeq, tone: 'info', title: 'View only', detail: 'You can read this design but not change it. Ask an owner for the editor role.' }] }
          : { dialog, contextMenu: null },
      ),
    openContextMenu: (contextMenu) => set({ contextMenu }),
    requestSubtreeExport: (id) => set({ contextMenu: null, exportRequest: { subtree: id, seq: ++exportSeq } }),
  }));
}
