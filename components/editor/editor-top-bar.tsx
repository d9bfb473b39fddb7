'use client';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRef, useState, type ReactNode } from 'react';
import { SearchBox } from './search-box';
import { ThemeToggle } from './theme-toggle';
import { ModeSwitch } from './mode-switch';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useUndoRedo } from '../editor-base/use-undo-redo';

// Fetched when "?" is first pressed.
const ShortcutsDialog = dynamic(() => import('./shortcuts-dialog').then((m) => m.ShortcutsDialog));

/** The editor's top bar: where you are, the revision, undo/redo, mode, search, theme and the export menu. */
export function EditorTopBar({ exportMenu, accessMenu }: { exportMenu: ReactNode; accessMenu?: ReactNode }) {
  const designId = useEditorStore((state) => state.designId);
  const readOnly = useEditorStore((state) => state.readOnly);
  const designName = useEditorStore((state) => state.designName);
  const revision = useEditorStore((state) => state.revision);
  const { undo, redo, canUndo, canRedo } = useUndoRedo();
  const searchRef = useRef<HTMLInputElement>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  useEditorShortcuts({
    showShortcuts: () => setShortcutsOpen(true),
    undo: () => void (!readOnly && canUndo && undo()),
    redo: () => void (!readOnly && canRedo && redo()),
    focusSearch: () => searchRef.current?.focus(),
  });

  return (
    <header className="editor-top-bar">
      <nav aria-label="Breadcrumb" className="editor-top-bar__crumbs">
        <Link href="/">Designs</Link>
        <span aria-hidden="true">/</span>
        <h1 className="editor-top-bar__title" aria-current="page">
          {designName}
        </h1>
        <span className="revision-badge" aria-label={`Revision ${revision}`} data-testid="revision">
          rev {revision}
        </span>
      </nav>
      {readOnly ? (
        <span className="read-only-badge" data-testid="read-only" title="You can read this design but not change it">
          View only
        </span>
      ) : (
        <div className="editor-top-bar__group" role="group" aria-label="History">
          <button type="button" className="toolbar-button" onClick={() => void undo()} disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl-Z)">
            <span aria-hidden="true">↶</span> Undo
          </button>
          <button type="button" className="toolbar-button" onClick={() => void redo()} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z" title="Redo (Ctrl-Shift-Z)">
            <span aria-hidden="true">↷</span> Redo
          </button>
        </div>
      )}
      <ModeSwitch />
      <div className="editor-top-bar__spacer" />
      <Link href={`/designs/${encodeURIComponent(designId)}/quotas`} className="toolbar-button" title="AWS quotas of this design and the policy types on its root">
        Quotas
      </Link>
      <Link href={`/designs/${encodeURIComponent(designId)}/matrix`} className="toolbar-button" title="Every account × every action under the SCPs and RCPs, and what a change would flip">
        Matrix
      </Link>
      <Link href={`/designs/${encodeURIComponent(designId)}/plan`} className="toolbar-button" title="The ordered AWS calls that turn a live organization into this design">
        Plan
      </Link>
      <Link href={`/designs/${encodeURIComponent(designId)}/control-tower`} className="toolbar-button" title="AWS Control Tower: landing zone, controls, compliance and drift">
        Control Tower
      </Link>
      <Link href={`/designs/${encodeURIComponent(designId)}/identity-center`} className="toolbar-button" title="IAM Identity Center: users, groups, permission sets and account assignments">
        Identity Center
      </Link>
      <SearchBox ref={searchRef} />
      {accessMenu}
      {exportMenu}
      <button type="button" className="toolbar-button toolbar-button--icon" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)"
        onClick={() => setShortcutsOpen(true)}>
        ?
      </button>
      <ThemeToggle />
      {shortcutsOpen ? <ShortcutsDialog open onClose={() => setShortcutsOpen(false)} /> : null}
    </header>
  );
}
