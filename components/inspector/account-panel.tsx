'use client';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { AccountDetails } from '@/server/schemas/account-details';
import { useEditorStore } from '../editor/store/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { EffectivePolicyCard } from './effective-policy-card';
import { RoleTrust } from './role-trust';

/**
 * The account panel: the account's facts, its attached policies (passed in, so they sit under the facts), IAM
 * roles with who can assume them, users and groups, and its effective management policies.
 */
export function AccountPanel({ accountId, attachedPolicies }: { accountId: string; attachedPolicies: ReactNode }) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const details = useQuery(trpc.account.details.queryOptions({ designId, accountId }));

  if (details.isPending) {
    return (
      <>
        {attachedPolicies}
        <p className="empty-state small" role="status">Loading the account’s IAM…</p>
      </>
    );
  }
  if (details.isError) {
    return (
      <>
        {attachedPolicies}
        <p className="field__error" role="alert">The account could not be loaded: {details.error.message} Select it again to retry.</p>
      </>
    );
  }
  return <AccountSections details={details.data} attachedPolicies={attachedPolicies} />;
}

function AccountSections({ details, attachedPolicies }: { details: AccountDetails; attachedPolicies: ReactNode }) {
  const { account, users, groups, roles, effectivePolicies } = details;
  return (
    <>
      <dl className="detail-list">
        <dt>Email</dt>
        <dd>{account.email ?? '—'}</dd>
        <dt>Status</dt>
        <dd>{account.status.toLowerCase().replace(/_/g, ' ')}</dd>
        <dt>Joined</dt>
        <dd>{account.joinedMethod === 'INVITED' ? 'invited' : 'created by Organizations'}</dd>
      </dl>
      {attachedPolicies}

      <section className="inspector-section" aria-label="IAM roles">
        <h3 className="inspector-section__title">Roles <span className="muted">{roles.length}</span></h3>
        {roles.length === 0 ? <p className="empty-state small">No IAM roles in this account.</p> : null}
        {roles.map((role) => (
          <RoleTrust key={role.arn} role={role} />
        ))}
      </section>

      <section className="inspector-section" aria-label="IAM users">
        <h3 className="inspector-section__title">Users <span className="muted">{users.length}</span></h3>
        {users.length === 0 ? <p className="empty-state small">No IAM users: people reach this account through roles.</p> : null}
        <ul className="iam-list">
          {users.map((user) => (
            <li key={user.arn}>
              <span className="iam-list__name">{user.name}</span>
              <span className="muted small">
                {[
                  user.groups.length > 0 ? `groups: ${user.groups.join(', ')}` : null,
                  user.attachedPolicies.length + user.inlinePolicies.length > 0
                    ? `${user.attachedPolicies.length + user.inlinePolicies.length} polic${user.attachedPolicies.length + user.inlinePolicies.length === 1 ? 'y' : 'ies'}`
                    : 'no policies',
                  user.permissionsBoundary ? 'boundary' : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
        {groups.length > 0 ? (
          <p className="muted small">Groups: {groups.map((g) => `${g.name} (${g.members})`).join(', ')}</p>
        ) : null}
      </section>

      <section className="inspector-section" aria-label="Effective management policies">
        <h3 className="inspector-section__title">Effective policies</h3>
        {!account.inOrganization ? <p className="empty-state small">Outside the organization: no Organizations policy applies.</p> : null}
        {effectivePolicies.map((effective) => (
          <EffectivePolicyCard key={effective.type} effective={effective} />
        ))}
      </section>
    </>
  );
}
