'use client';
import type { StatementChangeView } from '@/server/schemas/history';
import { diffLines, prettyJson } from './line-diff';

/** One statement (or top-level element of a management policy) before and after, side by side, changed lines marked. */
export function StatementDiff({ change, fromLabel, toLabel }: { change: StatementChangeView; fromLabel: string; toLabel: string }) {
  const rows = diffLines(prettyJson(change.before), prettyJson(change.after));
  const title = change.key.startsWith('#') ? `Statement ${change.key} (no Sid)` : change.key;
  return (
    <figure className="statement-diff">
      <figcaption className="statement-diff__caption">
        <span className={`change-tag change-tag--${change.change}`}>{change.change}</span>
        <code>{title}</code>
      </figcaption>
      <table className="statement-diff__table">
        <colgroup>
          <col className="statement-diff__number-col" />
          <col />
          <col className="statement-diff__number-col" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" colSpan={2}>{fromLabel}</th>
            <th scope="col" colSpan={2}>{toLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className={`statement-diff__row statement-diff__row--${row.kind}`}>
              <td className="statement-diff__number">{row.left?.number ?? ''}</td>
              <td className={`statement-diff__code${row.kind !== 'same' && row.left ? ' statement-diff__code--removed' : ''}`}>
                {row.left ? <span>{row.kind !== 'same' ? <span className="visually-hidden">removed: </span> : null}{row.left.text}</span> : null}
              </td>
              <td className="statement-diff__number">{row.right?.number ?? ''}</td>
              <td className={`statement-diff__code${row.kind !== 'same' && row.right ? ' statement-diff__code--added' : ''}`}>
                {row.right ? <span>{row.kind !== 'same' ? <span className="visually-hidden">added: </span> : null}{row.right.text}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
