'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import type { DesignListItem } from '@/server/schemas/design';
import { DesignActions } from './design-actions';
import type { PendingDelete } from './use-deferred-delete';

const createdFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The designs as a table: name (links to the tree), revision, how many OUs and accounts, when it was created, actions. */
export function DesignTable({ designs, onDelete }: { designs: DesignListItem[]; onDelete: (design: PendingDelete) => void }) {
  const names = useMemo(() => new Set(designs.map((design) => design.name)), [designs]);
  return (
    <table className="data-table" aria-label="Designs">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">Revision</th>
          <th scope="col" className="num">OUs</th>
          <th scope="col" className="num">Accounts</th>
          <th scope="col">Created (UTC)</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {designs.map((design) => (
          <tr key={design.id}>
            <td>
              <Link href={`/designs/${encodeURIComponent(design.id)}`} className="design-link">
                {design.name}
              </Link>
              {design.description ? <div className="muted small">{design.description}</div> : null}
            </td>
            <td className="num">{design.revision}</td>
            <td className="num">{design.counts.orgUnits}</td>
            <td className="num">{design.counts.accounts}</td>
            <td className="nowrap">
              <time dateTime={design.createdAt.toISOString()}>{createdFormat.format(design.createdAt)}</time>
            </td>
            <td>
              <DesignActions design={design} names={names} onDelete={() => onDelete({ designId: design.id, name: design.name })} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
