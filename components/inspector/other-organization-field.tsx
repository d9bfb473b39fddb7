'use client';
import { useId, useState } from 'react';
import type { AccountDetails } from '@/server/schemas/account-details';
import { awsLabelOf, type ApiErrorDetails } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPCClient } from '../trpc/client';

/**
 * The organization an account outside this one is in (a partner's, or another of the company's), as
 * describe-organization would say in that account, with a form to set or clear it. AWS gives that account's principals
 * aws:PrincipalOrgID (and its resources aws:ResourceOrgID) from it: a policy granting that organization lets them in.
 */
export function OtherOrganizationField({ account }: { account: AccountDetails['account'] }) {
  const ids = useId();
  const designId = useEditorStore((state) => state.designId);
  const lock = useEditLock(designId);
  const edit = useDesignEdit();
  const client = useTRPCClient();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorDetails | null>(null);

  const save = async (organizationId: string | null) => {
    setBusy(true);
    const outcome = await edit(
      (base) => client.account.setOtherOrganization.mutate({ ...base, accountId: account.accountId, organizationId }),
      { failureTitle: 'Organization not set', toastOnError: false },
    );
    setBusy(false);
    if (outcome.ok) {
      setEditing(false);
      setFailure(null);
    } else {
      setFailure(outcome.error);
    }
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
              setFailure(null);
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
