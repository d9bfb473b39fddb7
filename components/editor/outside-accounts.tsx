'use client';
import { useQuery } from '@tanstack/react-query';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';

/** An account the design holds outside any organization: a partner's, or one imported on its own. */
export interface OutsideAccount {
  accountId: string;
  name: string;
  roleCount: number;
  userCount: number;
}

/** The design's accounts outside the organization (none while loading). */
export function useOutsideAccounts(): { accounts: readonly OutsideAccount[]; pending: boolean } {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const outside = useQuery(trpc.account.outside.queryOptions({ designId }));
  return { accounts: outside.data?.accounts ?? [], pending: outside.isPending };
}

/**
 * The accounts as buttons: selecting one opens its IAM users and roles in the inspector, as an account card of the
 * tree does.
 */
export function OutsideAccountList({ accounts, label }: { accounts: readonly OutsideAccount[]; label: string }) {
  const selectedId = useEditorStore((state) => state.selectedId);
  const select = useEditorStore((state) => state.select);
  return (
    <ul className="no-organization__accounts" aria-label={label}>
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
  );
}

/**
 * The sidebar's list of the accounts outside an organization the design has: partners whose IAM was imported
 * beside the organization. No SCP or RCP of the organization applies to them; their roles and users reach in only
 * where a trust or resource policy lets them.
 */
export function OutsideAccountsPanel() {
  const { accounts } = useOutsideAccounts();
  return (
    <div className="outside-accounts">
      <p className="muted small outside-accounts__about">
        Accounts this design holds outside the organization. No SCP or RCP of the organization applies to them. Select one
        to see its users and roles; the Access view shows what they can reach.
      </p>
      <OutsideAccountList accounts={accounts} label="Accounts outside the organization" />
    </div>
  );
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
