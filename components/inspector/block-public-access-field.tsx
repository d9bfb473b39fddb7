'use client';
import { useId, useState } from 'react';
import type { AccountDetails } from '@/server/schemas/account-details';
import { awsLabelOf } from '../editor-base/api-error';
import { useFieldEdit } from './use-field-edit';

type Settings = NonNullable<AccountDetails['account']['s3PublicAccessBlock']>;

const SETTINGS: readonly { key: keyof Settings; label: string; help: string }[] = [
  { key: 'blockPublicAcls', label: 'BlockPublicAcls', help: 'PUT calls with a public ACL fail' },
  { key: 'ignorePublicAcls', label: 'IgnorePublicAcls', help: 'public ACLs are ignored' },
  { key: 'blockPublicPolicy', label: 'BlockPublicPolicy', help: 'a public bucket policy cannot be put' },
  { key: 'restrictPublicBuckets', label: 'RestrictPublicBuckets', help: 'a bucket with a public policy serves only AWS services and this account' },
];

const ALL_ON: Settings = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const ALL_OFF: Settings = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

/**
 * The account's S3 Block Public Access settings (s3control PutPublicAccessBlock / DeletePublicAccessBlock), shown in a
 * few words with a form to change them. They apply to every bucket the account owns, with the bucket's own. While the
 * organization's Amazon S3 policy sets them, that policy's value is shown instead and cannot be changed here.
 */
export function BlockPublicAccessField({ account }: { account: AccountDetails['account'] }) {
  if (account.organizationPublicAccessBlock) return <OrganizationBlockPublicAccess account={account} managed={account.organizationPublicAccessBlock} />;
  return <AccountBlockPublicAccess account={account} />;
}

/** The value the organization's S3 policy puts in place of the account's own settings, and where it comes from. */
function OrganizationBlockPublicAccess({ account, managed }: { account: AccountDetails['account']; managed: NonNullable<AccountDetails['account']['organizationPublicAccessBlock']> }) {
  return (
    <>
      <dt>S3 public access</dt>
      <dd data-testid="organization-block-public-access">
        {managed.value === 'all' ? 'all blocked' : 'not blocked'} by the organization&apos;s S3 policy{' '}
        <strong>{managed.policyName}</strong> <span className="muted">(attached to {managed.targetName})</span>
        <span className="muted small block-public-access__note">
          It replaces the account&apos;s own settings
          {account.s3PublicAccessBlock ? ` (${describeBlockPublicAccess(account.s3PublicAccessBlock)}), which return if the policy is detached` : ''}; change or detach
          the policy to change it.
        </span>
      </dd>
    </>
  );
}

function AccountBlockPublicAccess({ account }: { account: AccountDetails['account'] }) {
  const ids = useId();
  const { lock, client, busy, failure, save: saveEdit } = useFieldEdit('Block Public Access not changed');
  const [draft, setDraft] = useState<Settings | null>(null);

  const save = async (configuration: Settings | null) => {
    const saved = await saveEdit((base) => client.account.putPublicAccessBlock.mutate({ ...base, accountId: account.accountId, configuration }));
    if (saved) setDraft(null);
  };

  return (
    <>
      <dt>S3 public access</dt>
      <dd>
        {describeBlockPublicAccess(account.s3PublicAccessBlock)}{' '}
        {draft === null ? (
          <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDraft(account.s3PublicAccessBlock ?? ALL_ON)}>
            Change…
          </button>
        ) : null}
      </dd>
      {draft !== null ? (
        <dd className="block-public-access__wide">
          <form
            className="block-public-access"
            aria-label="S3 Block Public Access of the account"
            onSubmit={(event) => {
              event.preventDefault();
              void save(draft);
            }}
          >
            {SETTINGS.map((setting) => (
              <label key={setting.key} className="block-public-access__setting small" htmlFor={`${ids}-${setting.key}`}>
                <input
                  id={`${ids}-${setting.key}`}
                  type="checkbox"
                  checked={draft[setting.key]}
                  onChange={(event) => setDraft({ ...draft, [setting.key]: event.target.checked })}
                />
                <span className="mono">{setting.label}</span> <span className="muted">{setting.help}</span>
              </label>
            ))}
            <div className="attach-form">
              <button type="button" className="toolbar-button" disabled={busy} onClick={() => setDraft(ALL_ON)}>All on</button>
              <button type="button" className="toolbar-button" disabled={busy} onClick={() => setDraft(ALL_OFF)}>All off</button>
            </div>
            <div className="attach-form">
              <button type="submit" className="toolbar-button" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
              {account.s3PublicAccessBlock ? (
                <button type="button" className="toolbar-button" disabled={busy} title="DeletePublicAccessBlock: each bucket's own settings alone apply" onClick={() => void save(null)}>
                  Delete
                </button>
              ) : null}
              <button type="button" className="toolbar-button" disabled={busy} onClick={() => setDraft(null)}>Cancel</button>
            </div>
            {failure ? <p role="alert" className="field__error">{awsLabelOf(failure) ? `${awsLabelOf(failure)}: ` : ''}{failure.message}</p> : null}
          </form>
        </dd>
      ) : null}
    </>
  );
}

/** The account's S3 Block Public Access settings in a few words. */
function describeBlockPublicAccess(settings: AccountDetails['account']['s3PublicAccessBlock']): string {
  const on = settings ? SETTINGS.filter((setting) => settings[setting.key]).map((setting) => setting.label) : [];
  if (on.length === SETTINGS.length) return 'all blocked';
  return on.length === 0 ? 'not blocked at the account' : `blocked: ${on.join(', ')}`;
}
