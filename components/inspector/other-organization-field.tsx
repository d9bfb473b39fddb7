'use client';
import { useId, useState } from 'react';
import type { AccountDetails } from '@/server/schemas/account-details';
import { awsLabelOf } from '../editor-base/api-error';
import { useFieldEdit } from './use-field-edit';

/**
 * The organization an account outside this one is in (a partner's, or another of the company's), as
 * describe-organization would say in that account, with a form to set or clear it. AWS gives that account's principals
 * aws:PrincipalOrgID (and its resources aws:ResourceOrgID) from it: a policy granting that organization lets them in.
 */
export function OtherOrganizationField({ account }: { account: AccountDetails['account'] }) {
  const ids = useId();
  const { lock, client, busy, failure, clearFailure, save: saveEdit } = useFieldEdit('Organization not set');
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');

  const save = async (organizationId: string | null) => {
    const saved = await saveEdit((base) => client.account.setOtherOrganization.mutate({ ...base, accountId: account.accountId, organizationId }));
    if (saved) setEditing(false);
  };

  if (!editing) {
    return (
      <>
        <dt>Organization</dt>
        <dd>
          {account.otherOrganizationId ? <span className="mono">{account.otherOrganizationId}</span> : <span className="muted">none known</span>}{' '}
          <button
            type="button"
            className="toolbar-button"
            {...lock.control({ title: 'The other organization this account is in: AWS sets its principals\' aws:PrincipalOrgID to it' })}
            onClick={() => {
              setValue(account.otherOrganizationId ?? '');
              clearFailure();
              setEditing(true);
            }}
          >
            {account.otherOrganizationId ? 'Change…' : 'Set…'}
          </button>
        </dd>
      </>
    );
  }
  return (
    <>
      <dt><label htmlFor={`${ids}-org`}>Organization</label></dt>
      <dd>
        <form
          className="attach-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save(value.trim() === '' ? null : value.trim());
          }}
        >
          <input
            id={`${ids}-org`}
            className="other-organization__input mono"
            placeholder="o-a1b2c3d4e5"
            value={value}
            autoFocus
            aria-describedby={`${ids}-help`}
            aria-invalid={failure ? true : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="toolbar-button" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
          {account.otherOrganizationId ? (
            <button type="button" className="toolbar-button" disabled={busy} onClick={() => void save(null)}>None</button>
          ) : null}
          <button type="button" className="toolbar-button" disabled={busy} onClick={() => setEditing(false)}>Cancel</button>
        </form>
        <p id={`${ids}-help`} className="muted small">
          The id <code>aws organizations describe-organization</code> prints in this account. Its principals then carry it as
          aws:PrincipalOrgID, and a policy that grants that organization lets them in.
        </p>
        {failure ? <p role="alert" className="field__error">{awsLabelOf(failure) ? `${awsLabelOf(failure)}: ` : ''}{failure.message}</p> : null}
      </dd>
    </>
  );
}
