'use client';
import { DIAGRAM_STATUSES, type DiagramStatus } from '../org-graph/export';
import { EFFECTIVE_STATUS_HINTS, EFFECTIVE_STATUS_LABELS } from './effective-status';

/** The effective view's legend: one swatch per status, with how many accounts have it when counts are given. */
export function EffectiveLegend({ counts }: { counts?: Readonly<Record<DiagramStatus, number>> }) {
  return (
    <ul className="effective-legend" aria-label="Effective permission legend">
      {DIAGRAM_STATUSES.map((status) => (
        <li key={status} className="effective-legend__item" title={EFFECTIVE_STATUS_HINTS[status]}>
          <span className={`effective-swatch effective-swatch--${status}`} aria-hidden="true" />
          {EFFECTIVE_STATUS_LABELS[status]}
          {counts ? <span className="effective-legend__count" aria-label={`${counts[status]} accounts`}>{counts[status]}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The canvas legend in the effective view: what the card colours and the trace path's edge colours mean. */
export function EffectiveCanvasLegend() {
  return (
    <div className="graph-legend effective-canvas-legend">
      <EffectiveLegend />
      <ul className="effective-legend" aria-label="Trace path legend">
        <li className="effective-legend__item"><span className="path-swatch path-swatch--passed" aria-hidden="true" /> Level allows</li>
        <li className="effective-legend__item"><span className="path-swatch path-swatch--stopped" aria-hidden="true" /> Stopped here</li>
      </ul>
    </div>
  );
}
