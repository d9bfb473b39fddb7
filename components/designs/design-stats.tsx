'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';

/** The design's size at a glance; reads the org tree the page prefetched (no extra request). */
export function DesignStats({ designId, revision }: { designId: string; revision: number }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));
  const stats: [string, number | string][] = [
    ['Revision', revision],
    ['OUs', tree.data ? tree.data.orgUnits.length : '–'],
    ['Accounts', tree.data ? tree.data.accounts.length : '–'],
    ['Policies', tree.data ? tree.data.policyCount : '–'],
  ];
  return (
    <dl className="stats" aria-label="Design summary">
      {stats.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
