'use client';
import { keepPreviousData } from '@tanstack/react-query';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { IAM_PAGE_SIZE, type IamPage } from '@/server/schemas/iam-lists';

// The controls of a paged IAM list (the API sends 50 entries a page): a search box over the names, and under the
// list how many are shown of how many, with "Show more" while pages remain.

/** The search box over a list's names; shown once the list is longer than a page, or while a search is on. */
export function IamListSearch({ noun, value, total, onChange }: { noun: string; value: string; total: number | undefined; onChange: (value: string) => void }) {
  if (value === '' && (total ?? 0) <= IAM_PAGE_SIZE) return null;
  return (
    <input
      type="search"
      className="iam-list__search"
      aria-label={`Search ${noun} by name`}
      placeholder={`Search ${noun} by name`}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** "Showing 50 of 2,000 roles" and the button that loads the next page, or what a search found nothing for. */
export function IamListMore(props: { noun: string; shown: number; total: number; search: string; hasMore: boolean; loading: boolean; onMore: () => void }) {
  const { noun, shown, total, search, hasMore, loading, onMore } = props;
  if (total === 0 && search !== '') return <p className="empty-state small">No {noun} match “{search}”.</p>;
  if (!hasMore && search === '') return null;
  const matching = search === '' ? '' : ` matching “${search}”`;
  return (
    <div className="iam-list__more">
      <span className="muted small" role="status">Showing {shown.toLocaleString('en-US')} of {total.toLocaleString('en-US')} {noun}{matching}</span>
      {hasMore ? (
        <button type="button" className="toolbar-button" disabled={loading} onClick={onMore}>
          {loading ? 'Loading…' : `Show ${Math.min(IAM_PAGE_SIZE, total - shown).toLocaleString('en-US')} more`}
        </button>
      ) : null}
    </div>
  );
}

/** The search typed over a list, and the one the list asks for (following the typing at React's pace). */
export function useIamListSearch(): { search: string; setSearch: (value: string) => void; wanted: string } {
  const [search, setSearch] = useState('');
  const wanted = useDeferredValue(search.trim());
  return { search, setSearch, wanted };
}

/** The infinite-query options every paged IAM list uses: the next page after a page's cursor; the old list kept while a search loads. */
export const IAM_PAGES = { getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor, placeholderData: keepPreviousData };

/** The entries of the pages read so far, and how many the list holds (undefined until the first page). */
export function pagedItems<T>(pages: { pages: IamPage<T>[] } | undefined): { items: T[]; total: number | undefined } {
  return { items: pages?.pages.flatMap((page) => page.items) ?? [], total: pages?.pages[0]?.total };
}

/**
 * A list entry that renders its body only while it is open: an account's hundreds of users or policies each carry
 * an editor (policies, tags, versions), and drawing them all, hidden, made the panel slow to open.
 */
export function LazyDetails({ summary, children }: { summary: ReactNode; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="role" onToggle={(event) => setOpen(event.currentTarget.open)}>
      {summary}
      {open ? children() : null}
    </details>
  );
}
