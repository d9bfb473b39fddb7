'use client';

/** The policy library (left sidebar, "Policies" tab): the design's policies by type. */
export function PolicyLibraryPanel() {
  return (
    <section className="side-panel" aria-labelledby="policy-library-heading">
      <h2 id="policy-library-heading" className="side-panel__title">Policies</h2>
      <p className="empty-state">No policy list yet. Policies attached to a node appear as badges on its card.</p>
    </section>
  );
}
