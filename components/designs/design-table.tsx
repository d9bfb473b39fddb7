import Link from 'next/link';
import type { DesignListItem } from '@/server/schemas/design';

const createdFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The designs as a table: name (links to the tree), revision, how many OUs and accounts, when it was created. */
export function DesignTable({ designs }: { designs: DesignListItem[] }) {
  return (
    <table className="data-table" aria-label="Designs">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">Revision</th>
          <th scope="col" className="num">OUs</th>
          <th scope="col" className="num">Accounts</th>
          <th scope="col">Created (UTC)</th>
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
