'use client';
import type { SessionTagRow } from './effective-request';

let rowSeq = 0;

/**
 * The session tags of the requesting role session: key, value, and whether the tag is transitive (inherited from an
 * earlier session of a role chain). The engine applies them as aws:PrincipalTag over the role's own tags.
 */
export function SessionTagEntries({ rows, onChange, invalid }: { rows: readonly SessionTagRow[]; onChange: (rows: SessionTagRow[]) => void; invalid?: boolean }) {
  const update = (id: number, patch: Partial<SessionTagRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <div className="context-entries" role="group" aria-label="Session tags">
      {rows.map((row) => (
        <div key={row.id} className="context-entry">
          <input aria-label="Session tag key" className="context-entry__key" value={row.key} placeholder="team" spellCheck={false}
            aria-invalid={(invalid && row.key.trim() === '') || undefined} onChange={(event) => update(row.id, { key: event.target.value })} />
          <input aria-label={`Session tag value of ${row.key || 'tag'}`} className="context-entry__value" value={row.value} placeholder="value" spellCheck={false}
            onChange={(event) => update(row.id, { value: event.target.value })} />
          <label className="context-entry__flag" title="Inherited from an earlier session of a role chain, set transitive there (TransitiveTagKeys)">
            <input type="checkbox" checked={row.transitive} aria-label={`Transitive ${row.key || 'session tag'}`}
              onChange={(event) => update(row.id, { transitive: event.target.checked })} />
            transitive
          </label>
          <button type="button" className="icon-button" aria-label={`Remove session tag ${row.key || ''}`.trim()} title="Remove"
            onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}>×</button>
        </div>
      ))}
      <button type="button" className="toolbar-button request-bar__add" aria-label="Add session tag"
        title="Session tags passed when the role was assumed: they override the role's tags of the same key (aws:PrincipalTag)"
        onClick={() => onChange([...rows, { id: ++rowSeq, key: '', value: '', transitive: false }])}>
        + Session tag
      </button>
    </div>
  );
}
