'use client';
import { CanvasMessage } from './editor-canvas';
import { useOutsideAccounts } from '../editor-base/use-outside-accounts';
import { OutsideAccountList } from './outside-accounts';

/**
 * The canvas of a design without an organization. A design imported from accounts' own
 * get-account-authorization-details has none, yet holds those accounts and their IAM: they are listed here, and
 * selecting one opens its IAM users and roles in the inspector, as an account card of the tree does.
 */
export function NoOrganization() {
  const { accounts, pending } = useOutsideAccounts();
  if (accounts.length === 0) {
    return (
      <CanvasMessage
        busy={pending}
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
      <OutsideAccountList accounts={accounts} label="Accounts outside any organization" />
    </div>
  );
}
