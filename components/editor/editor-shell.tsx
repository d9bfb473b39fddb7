'use client';
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { ExportMenu } from '../export/export-menu';
import { PolicyLibraryPanel } from '../policies/policy-library-panel';
import { usePolicyDropTarget } from '../policies/use-policy-drop-target';
import { RequestBar } from '../effective/request-bar';
import { EditorCanvas } from './editor-canvas';
import { EditorSidebar } from './editor-sidebar';
import { OutsideAccountsPanel } from './outside-accounts';
import { EditorToasts } from './editor-toasts';
import { EditorTopBar } from './editor-top-bar';
import { EditorStoreProvider, useEditorStore } from '../editor-base/editor-store-provider';
import { useDesignSync } from './use-design-sync';
import './editor.css';

// What is not on screen when the editor opens is fetched when it is first shown: the inspector (with the IAM lists,
// which bring most of the API's zod schemas), the history tab, and the access and SCP matrix views. Their code was
// in the editor's first chunk, compiled and run before the first card.
const InspectorPanel = dynamic(() => import('../inspector/inspector-panel').then((m) => m.InspectorPanel));
const HistoryPanel = dynamic(() => import('../history/history-panel').then((m) => m.HistoryPanel));
const AccessOverlay = dynamic(() => import('../access/access-view').then((m) => m.AccessOverlay));
const ScpMatrixOverlay = dynamic(() => import('../effective/scp-matrix-view').then((m) => m.ScpMatrixOverlay));

/** What the page knows about the design when it renders the editor. */
export interface EditorShellProps {
  designId: string;
  designName: string;
  revision: number;
  /** The caller may only read the design (viewer or share link). */
  readOnly?: boolean;
  /** Shown in the top bar when sign-in is on and the caller owns the design: members and share links. */
  accessMenu?: ReactNode;
}

/**
 * The design editor: top bar (name, revision, undo/redo, search, theme, export), the effective-permission
 * request bar, the policy/history sidebar, the canvas and the inspector. The panels are imported by name:
 * each lives in its own folder (components/policies, history, inspector, effective, export).
 */
export function EditorShell({ designId, designName, revision, readOnly = false, accessMenu }: EditorShellProps) {
  return (
    <EditorStoreProvider init={{ designId, designName, revision, readOnly }}>
      <EditorLayout accessMenu={accessMenu} />
    </EditorStoreProvider>
  );
}

function EditorLayout({ accessMenu }: { accessMenu?: ReactNode }) {
  useDesignSync();
  // A policy dragged from the library and dropped on a node is attached to it (components/policies).
  const policyDrop = usePolicyDropTarget();
  // The access view needs the width: its own panels replace the policy sidebar and the inspector.
  const mode = useEditorStore((state) => state.mode);
  const wide = mode === 'access';
  // With nothing selected in the design view the inspector would only say "select something": the canvas takes its
  // 320 px instead, which is what lets the sample's whole first level of OUs open with names at 11 px or more at
  // 1440x900. A selection (or the effective view's trace) brings the panel back.
  const inspectorShown = useEditorStore((state) => state.mode === 'effective' || state.selectedId !== null);
  return (
    <div className="editor-shell">
      <EditorTopBar exportMenu={<ExportMenu />} accessMenu={accessMenu} />
      <RequestBar />
      <div className={`editor-body${wide ? ' editor-body--wide' : inspectorShown ? '' : ' editor-body--no-inspector'}`}>
        <EditorSidebar policies={<PolicyLibraryPanel />} history={<HistoryPanel />} outside={<OutsideAccountsPanel />} />
        <main className="editor-canvas" aria-label="Canvas" {...policyDrop}>
          <EditorCanvas />
          {mode === 'matrix' ? <ScpMatrixOverlay /> : null}
          {mode === 'access' ? <AccessOverlay /> : null}
        </main>
        <aside className="editor-inspector" aria-label="Inspector">
          {inspectorShown ? <InspectorPanel /> : null}
        </aside>
      </div>
      <EditorToasts />
    </div>
  );
}
