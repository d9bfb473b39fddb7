import type { ContainerData } from '../to-flow';
import { useGraphActions } from '../graph-actions';

// One formatter for every card: toLocaleString builds a new one per call, which showed in the profile of a move.
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

function plural(count: number, one: string, many: string): string {
  return `${COUNT_FORMAT.format(count)} ${count === 1 ? one : many}`;
}

/** What a folded container hides, e.g. "12 OUs · 340 accounts". */
export function hiddenSummary(subtree: ContainerData['subtree']): string {
  const parts = [];
  if (subtree.ous > 0) parts.push(plural(subtree.ous, 'OU', 'OUs'));
  if (subtree.accounts > 0) parts.push(plural(subtree.accounts, 'account', 'accounts'));
  return parts.join(' · ');
}

/**
 * The fold control under a root or OU card that has children: "▸ 340 accounts" when folded, "▾" when open.
 * Drawn only when the graph's owner can fold (the editor); `nodrag` so clicking it never starts a drag.
 */
export function FoldToggle({ id, name, data }: { id: string; name: string; data: ContainerData }) {
  const actions = useGraphActions();
  const { subtree, collapsed } = data;
  if (subtree.childOus + subtree.childAccounts === 0) return null;
  const summary = hiddenSummary(subtree);
  if (!actions) {
    return collapsed ? <span className="fold-toggle fold-toggle--static">{summary} hidden</span> : null;
  }
  return (
    <button
      type="button"
      className={`fold-toggle nodrag${collapsed ? ' fold-toggle--folded' : ''}`}
      aria-expanded={!collapsed}
      aria-label={collapsed ? `Show the ${summary} under ${name}` : `Hide the ${summary} under ${name}`}
      title={collapsed ? `Show ${summary}` : `Hide ${summary}`}
      onClick={(event) => {
        event.stopPropagation();
        actions.setFolded(id, !collapsed);
      }}
    >
      <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
      {collapsed ? <span className="fold-toggle__count">{summary}</span> : null}
    </button>
  );
}
