'use client';
import type { PolicyFinding } from '@/server/schemas/policy-library';
import type { LineSeverity } from './json-code-editor';

const SEVERITY_LABEL: Record<PolicyFinding['severity'], string> = {
  error: 'Error',
  security_warning: 'Security warning',
  warning: 'Warning',
  suggestion: 'Suggestion',
};

/** The editor's highlight for a finding's severity. */
export function lineSeverityOf(severity: PolicyFinding['severity']): LineSeverity {
  if (severity === 'error') return 'error';
  if (severity === 'suggestion') return 'info';
  return 'warning';
}

const RANK: Record<LineSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The worst severity per line, for the editor's highlights. */
export function lineMarkersOf(findings: readonly PolicyFinding[]): Map<number, LineSeverity> {
  const markers = new Map<number, LineSeverity>();
  for (const finding of findings) {
    if (finding.line === undefined) continue;
    const severity = lineSeverityOf(finding.severity);
    const current = markers.get(finding.line);
    if (!current || RANK[severity] < RANK[current]) markers.set(finding.line, severity);
  }
  return markers;
}

/** The engine's findings under the editor: severity, message, JSON path and line; a click jumps to the line. */
export function FindingList({ id, findings, onSelect }: { id: string; findings: readonly PolicyFinding[]; onSelect: (finding: PolicyFinding) => void }) {
  if (findings.length === 0) {
    return (
      <p id={id} className="finding-list__empty" role="status">
        <span className="finding-dot finding-dot--ok" aria-hidden="true" /> No findings: AWS would accept this document.
      </p>
    );
  }
  return (
    <ul id={id} className="finding-list" aria-label="Validation findings">
      {findings.map((finding, index) => (
        <li key={`${finding.code}-${finding.path}-${index}`}>
          <button type="button" className={`finding finding--${lineSeverityOf(finding.severity)}`} onClick={() => onSelect(finding)}>
            <span className={`finding__severity finding__severity--${lineSeverityOf(finding.severity)}`}>{SEVERITY_LABEL[finding.severity]}</span>
            <span className="finding__message">{finding.message}</span>
            <span className="finding__where">
              <code>{finding.path}</code>
              {finding.line !== undefined ? <span> · line {finding.line}{finding.column !== undefined ? `:${finding.column}` : ''}</span> : null}
              <span className="finding__code"> · {finding.code}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
