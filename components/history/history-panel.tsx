'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RevisionEntryView } from '@/server/schemas/history';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useUndoRedo } from '../editor-base/use-undo-redo';
import { useTRPC } from '../trpc/client';
import { operationLabel, relativeTime } from './operation-labels';
import { RevisionDiffDialog } from './revision-diff-dialog';
import './history.css';

/**
 * The revision history (left sidebar, "History" tab): every edit as a revision, newest first, undone ones
 * marked; undo and redo; tick two revisions (or press "Changes" on one) to see what changed between them.
 */
export function HistoryPanel() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const history = useQuery(trpc.history.revisions.queryOptions({ designId }));
  const { undo, redo, canUndo, canRedo } = useUndoRedo();
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<{ from: number; to: number } | null>(null);

  const toggle = (revision: number) =>
    setPicked((current) =>
      current.includes(revision) ? current.filter((r) => r !== revision) : [...current, revision].slice(-2),
    );
  const [from, to] = [...picked].sort((a, b) => a - b);

  return (
    <section className="side-panel history-panel" aria-labelledby="history-heading">
      <div className="side-panel__head">
        <h2 id="history-heading" className="side-panel__title">History</h2>
        <div className="history-panel__actions">
          <button type="button" className="toolbar-button" disabled={!canUndo} onClick={() => void undo()} aria-label="Undo the last change">
            Undo
          </button>
          <button type="button" className="toolbar-button" disabled={!canRedo} onClick={() => void redo()} aria-label="Redo the last undone change">
            Redo
          </button>
        </div>
      </div>

      <div className="history-panel__compare" aria-live="polite">
        {picked.length === 2 ? (
          <button type="button" className="toolbar-button toolbar-button--primary" onClick={() => setComparing({ from, to })}>
            Compare r{from} → r{to}
          </button>
        ) : (
          <span className="muted small">Tick two revisions to compare them{picked.length === 1 ? ` (r${picked[0]} ticked)` : ''}.</span>
        )}
        {picked.length > 0 ? (
          <button type="button" className="link-button" onClick={() => setPicked([])}>Clear</button>
        ) : null}
      </div>

      {history.isPending ? <p className="empty-state" role="status">Loading the history…</p> : null}
      {history.isError ? (
        <p className="field__error" role="alert">The history could not be loaded: {history.error.message} Reload the page to try again.</p>
      ) : null}
      {history.data ? (
        <ol className="revision-list" aria-label="Revisions, newest first">
          {history.data.revisions.map((entry) => (
            <RevisionRow
              key={entry.revision}
              entry={entry}
              picked={picked.includes(entry.revision)}
              onToggle={() => toggle(entry.revision)}
              onShowChanges={() => setComparing({ from: entry.revision - 1, to: entry.revision })}
            />
          ))}
          <li className="revision revision--origin">
            <label className="revision__pick">
              <input type="checkbox" checked={picked.includes(0)} onChange={() => toggle(0)} aria-label="Compare revision 0" />
            </label>
            <span className="revision__number">r0</span>
            <span className="revision__label">Design created</span>
          </li>
        </ol>
      ) : null}
      {history.data && history.data.revisions.length === 0 ? (
        <p className="empty-state">No edits yet. Every change you make (move, create, attach, edit a policy) appears here and can be undone.</p>
      ) : null}

      {comparing ? <RevisionDiffDialog from={comparing.from} to={comparing.to} onClose={() => setComparing(null)} /> : null}
    </section>
  );
}

function RevisionRow({ entry, picked, onToggle, onShowChanges }: { entry: RevisionEntryView; picked: boolean; onToggle: () => void; onShowChanges: () => void }) {
  const label = entry.summary
    ? entry.targetRevision !== null ? `${operationLabel(entry.operation)}: ${entry.summary}` : entry.summary
    : operationLabel(entry.operation);
  const stepOf = entry.targetRevision !== null && !entry.summary ? ` r${entry.targetRevision}` : '';
  return (
    <li className={`revision${entry.undone ? ' revision--undone' : ''}`}>
      <label className="revision__pick">
        <input type="checkbox" checked={picked} onChange={onToggle} aria-label={`Compare revision ${entry.revision}`} />
      </label>
      <span className="revision__number">r{entry.revision}</span>
      <span className="revision__label">
        {label}
        {stepOf}
        {entry.undone ? <span className="revision__tag">undone</span> : null}
      </span>
      <time className="revision__time" dateTime={entry.createdAt.toISOString()} title={entry.createdAt.toLocaleString('en-GB')}>
        {relativeTime(entry.createdAt)}
      </time>
      <button type="button" className="link-button revision__show" onClick={onShowChanges} aria-label={`Show the changes of revision ${entry.revision}`}>
        Changes
      </button>
    </li>
  );
}
