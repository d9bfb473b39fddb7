'use client';

/** The revision history (left sidebar, "History" tab). */
export function HistoryPanel() {
  return (
    <section className="side-panel" aria-labelledby="history-heading">
      <h2 id="history-heading" className="side-panel__title">History</h2>
      <p className="empty-state">Every edit becomes a revision. Use Undo and Redo in the top bar to step through them.</p>
    </section>
  );
}
