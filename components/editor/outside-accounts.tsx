'use client';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useOutsideAccounts, type OutsideAccount } from '../editor-base/use-outside-accounts';
import { EFFECTIVE_STATUS_LABELS } from '../effective/effective-status';

/**
 * The accounts as buttons: selecting one opens its IAM users and roles in the inspector, as an account card of the
 * tree does. In the effective view an evaluated account wears its decision, as a card does, and selecting it shows
 * the trace.
 */
export function OutsideAccountList({ accounts, label }: { accounts: readonly OutsideAccount[]; label: string }) {
  const selectedId = useEditorStore((state) => state.selectedId);
  const select = useEditorStore((state) => state.select);
  const decisions = useEditorStore((state) => state.decisions);
  return (
    <ul className="no-organization__accounts" aria-label={label}>
      {accounts.map((account) => {
        const decided = decisions[account.accountId];
        return (
          <li key={account.accountId}>
            <button
              type="button"
              className={`toolbar-button no-organization__account${selectedId === account.accountId ? ' no-organization__account--selected' : ''}`}
              aria-pressed={selectedId === account.accountId}
              data-decision={decided?.decision}
              title={decided?.summary}
              onClick={() => select(account.accountId)}
            >
              <span className="no-organization__name">{account.name}</span>
              {account.name !== account.accountId ? <span className="mono muted"> {account.accountId}</span> : null}
              <span className="muted small"> · {count(account.roleCount, 'role')}, {count(account.userCount, 'user')}</span>
              {account.otherOrganizationId ? <span className="muted small no-organization__org">in organization <span className="mono">{account.otherOrganizationId}</span></span> : null}
              {decided ? <span className={`decision-chip decision-chip--${decided.decision} no-organization__decision`}>{EFFECTIVE_STATUS_LABELS[decided.decision]}</span> : null}
            </button>
          </li>
        );
      })}
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
