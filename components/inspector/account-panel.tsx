'use client';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { AccountDetails } from '@/server/schemas/account-details';
import type { IamAccount } from '@/server/schemas/iam';
import { BreakableId } from '../editor-base/breakable-id';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { IamPoliciesSection } from '../iam/iam-policies-section';
import { IamRolesSection } from '../iam/iam-roles-section';
import { IamUsersGroupsSection } from '../iam/iam-users-groups-section';
import { useIamAccount } from '../iam/use-iam-edit';
import '../iam/iam.css';
import { RamSection } from '../ram/ram-section';
import { useTRPC } from '../trpc/client';
import { AccountControlTower } from './account-control-tower';
import { BlockPublicAccessField } from './block-public-access-field';
import { EffectivePolicyCard } from './effective-policy-card';
import { OtherOrganizationField } from './other-organization-field';
import { PrincipalPermissions } from './principal-permissions';
import { VpcEndpointsSection } from './vpc-endpoints-section';

/**
 * The account panel: the account's facts, its attached policies (passed in, so they sit under the facts), how
 * Control Tower governs it (enrolment, the controls of its registered OU, detective compliance, drift), IAM
 * roles with who can assume them, users, groups and customer-managed policies, each editable (components/iam), one
 * principal's effective permissions, its RAM shares and VPC endpoints, and its effective management policies. `hasOrganization`: whether the design
 * has an organization (an account outside one the design has may well be in another: it says "outside").
 */
export function AccountPanel(props: { accountId: string; hasOrganization: boolean; attachedPolicies: ReactNode }) {
  const { accountId, hasOrganization, attachedPolicies } = props;
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const details = useQuery(trpc.account.details.queryOptions({ designId, accountId }));
  const iam = useIamAccount(accountId);

  // The attached-policies form keeps one place in the tree whether the details are loading, failed or here: moving
  // it would remount it and drop a policy the user chose while the details arrived.
  return (
    <>
      {details.data ? <AccountFacts details={details.data} hasOrganization={hasOrganization} /> : null}
      {attachedPolicies}
      {details.data?.controlTower ? <AccountControlTower view={details.data.controlTower} /> : null}
      {details.isPending ? <p className="empty-state small" role="status">Loading the account’s IAM…</p> : null}
      {details.isError ? (
        <p className="field__error" role="alert">The account could not be loaded: {details.error.message} Select it again to retry.</p>
      ) : null}
      {details.data ? <AccountSections accountId={accountId} details={details.data} iam={iam.data} iamError={iam.isError ? iam.error.message : null} /> : null}
    </>
  );
}

function AccountFacts({ details, hasOrganization }: { details: AccountDetails; hasOrganization: boolean }) {
  const { account, landingZoneServices } = details;
  return (
    <>
      <dl className="detail-list">
        <dt>Email</dt>
        <dd>{account.email ? <BreakableId text={account.email} /> : '—'}</dd>
        <dt>Status</dt>
        <dd>{account.status.toLowerCase().replace(/_/g, ' ')}</dd>
        <dt>Joined</dt>
        <dd>{!account.inOrganization ? (hasOrganization ? 'outside the organization' : 'not in an organization') : account.joinedMethod === 'INVITED' ? 'invited' : 'created by Organizations'}</dd>
        {!account.inOrganization && hasOrganization ? <OtherOrganizationField account={account} /> : null}
        <BlockPublicAccessField account={account} />
      </dl>
      {landingZoneServices.length > 0 ? (
        <section className="inspector-section" aria-label="Landing-zone services">
          <h3 className="inspector-section__title">Landing-zone services</h3>
          <ul className="lz-services small">
            {landingZoneServices.map((service) => (
              <li key={`${service.key} ${service.servicePrincipal ?? ''}`}>
                <span className="policy-badge policy-badge--lz">{service.short}</span> {service.label}
                {service.servicePrincipal ? <code className="muted"> {service.servicePrincipal}</code> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function AccountSections(props: { accountId: string; details: AccountDetails; iam: IamAccount | undefined; iamError: string | null }) {
  const { accountId, details, iam, iamError } = props;
  const { account, users, groups, roles, effectivePolicies } = details;
  return (
    <>
      {iamError ? <p className="field__error" role="alert">The IAM editor could not be loaded: {iamError}</p> : null}
      <IamRolesSection accountId={accountId} identityCenterRoles={roles.filter((role) => role.identityCenter)} iam={iam} />
      {iam ? (
        <>
          <IamUsersGroupsSection iam={iam} />
          <IamPoliciesSection iam={iam} />
        </>
      ) : (
        <p className="muted small">
          {users.length} user{users.length === 1 ? '' : 's'}, {groups.length} group{groups.length === 1 ? '' : 's'}
        </p>
      )}

      <PrincipalPermissions
        accountId={account.accountId}
        principals={[...roles.map((role) => ({ arn: role.arn, label: `role ${role.name}` })), ...users.map((user) => ({ arn: user.arn, label: `user ${user.name}` }))]}
      />

      <RamSection accountId={account.accountId} />
      <VpcEndpointsSection endpoints={details.vpcEndpoints} />

      <section className="inspector-section" aria-label="Effective management policies">
        <h3 className="inspector-section__title">Effective policies</h3>
        {!account.inOrganization ? (
          <p className="empty-state small">
            Outside the organization: none of its Organizations policies applies.
            {account.otherOrganizationId ? ` The policies of ${account.otherOrganizationId} are not in this design.` : ''}
          </p>
        ) : null}
        {effectivePolicies.map((effective) => (
          <EffectivePolicyCard key={effective.type} effective={effective} />
        ))}
      </section>
    </>
  );
}

