'use client';
import { useQuery } from '@tanstack/react-query';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { CanvasMessage } from './editor-canvas';

/**
 * The canvas of a design without an organization. A design imported from accounts' own
 * get-account-authorization-details has none, yet holds those accounts and their IAM: they are listed here, and
 * selecting one opens its IAM users and roles in the inspector, as an account card of the tree does.
 */
export function NoOrganization() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const selectedId = useEditorStore((state) => state.selectedId);
  const select = useEditorStore((state) => state.select);
  const outside = useQuery(trpc.account.outside.queryOptions({ designId }));
  const accounts = outside.data?.accounts ?? [];
  if (accounts.length === 0) {
    return (
      <CanvasMessage
        busy={outside.isPending}
        title="No organization yet"
        detail="This design has no organization root. Import one (npx lzsim import) or branch the sample landing zone from the designs page."
      />
    );
  }
  return (
    <div className="panel-message canvas-message no-organization">
      <p className="panel-message__title">No organization: {accounts.length === 1 ? 'one account' : `${accounts.length} accounts`} on {accounts.length === 1 ? 'its' : 'their'} own</p>
      <p className="panel-message__detail">
        This design holds IAM of accounts in no organization, so no SCP or RCP applies to them. Select an account to see its
        users and roles and what each may do; the Access view shows who can reach which role.
      </p>
      <ul className="no-organization__accounts" aria-label="Accounts outside any organization">
        {accounts.map((account) => (
          <li key={account.accountId}>
            <button
              type="button"
              className={`toolbar-button no-organization__account${selectedId === account.accountId ? ' no-organization__account--selected' : ''}`}
              aria-pressed={selectedId === account.accountId}
              onClick={() => select(account.accountId)}
            >
              <span className="no-organization__name">{account.name}</span>
              {account.name !== account.accountId ? <span className="mono muted"> {account.accountId}</span> : null}
              <span className="muted small"> · {count(account.roleCount, 'role')}, {count(account.userCount, 'user')}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
