'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountRoleView } from '@/server/schemas/account-details';
import type { IamAccount, IamRoleView } from '@/server/schemas/iam';
import { FormDialog } from '../editor-base/form-dialog';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { RoleTrust } from '../inspector/role-trust';
import type { EditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { IamDocumentDialog } from './iam-document-dialog';
import { IAM_PAGES, IamListMore, IamListSearch, pagedItems, useIamListSearch } from './iam-list-paging';
import { IamTags } from './iam-tags';
import { PrincipalPolicies } from './principal-policies';
import { starterTrustPolicy, useBusy, useIamEdit } from './use-iam-edit';

type RoleDialog = { kind: 'create' } | { kind: 'trust'; role: IamRoleView } | { kind: 'edit'; role: IamRoleView };

/**
 * The account's roles, a page at a time from the API (iam.roles: 50 by name, "Show more", a search over the
 * names): each as the trust summary the engine reads from its trust policy (who can assume it, with which
 * conditions), followed, when the IAM data has loaded, by its editor (trust policy, description and session,
 * policies, boundary, tags, delete). Roles IAM Identity Center made (`identityCenterRoles`, read-only) follow.
 * "Create role" opens the trust policy editor with the engine's findings inline.
 */
export function IamRolesSection({ accountId, identityCenterRoles, iam }: { accountId: string; identityCenterRoles: AccountRoleView[]; iam: IamAccount | undefined }) {
  const [dialog, setDialog] = useState<RoleDialog | null>(null);
  // The list follows the typing at React's pace: a keystroke never waits for the page it asks for.
  const { search, setSearch, wanted } = useIamListSearch();
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const pages = useInfiniteQuery(
    trpc.iam.roles.infiniteQueryOptions({ designId, accountId, ...(wanted ? { search: wanted } : {}) }, IAM_PAGES),
  );
  const { client, run, lock } = useIamEdit(iam?.account.id ?? '');
  const { items, total } = pagedItems(pages.data);
  const centreRoles = identityCenterRoles.filter((role) => role.name.toLowerCase().includes(wanted.toLowerCase()));

  return (
    <section className="inspector-section" aria-label="IAM roles">
      <div className="inspector-section__head">
        <h3 className="inspector-section__title">Roles <span className="muted">{total === undefined ? '…' : (total + centreRoles.length).toLocaleString('en-US')}</span></h3>
        {iam ? (
          <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create' })}>
            Create role
          </button>
        ) : null}
      </div>
      <IamListSearch noun="roles" value={search} total={total} onChange={setSearch} />
      {pages.isPending ? <p className="empty-state small" role="status">Loading the roles…</p> : null}
      {pages.isError ? <p className="field__error" role="alert">The roles could not be loaded: {pages.error.message}</p> : null}
      {total === 0 && wanted === '' && identityCenterRoles.length === 0 ? <p className="empty-state small">No IAM roles in this account.</p> : null}
      {items.map(({ summary, role }) => (
        <RoleTrust key={role.arn} role={summary}>
          {iam && !role.serviceLinked ? (
            <RoleEditor iam={iam} role={role} lock={lock} onDialog={setDialog} onDelete={() => run((base) => client.iam.deleteRole.mutate({ ...base, roleName: role.name }), { failure: 'Role not deleted', done: `Deleted role ${role.name}` })} />
          ) : null}
        </RoleTrust>
      ))}
      {total !== undefined ? (
        <IamListMore noun="roles" shown={items.length} total={total} search={wanted} hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onMore={() => void pages.fetchNextPage()} />
      ) : null}
      {centreRoles.map((role) => (
        <RoleTrust key={role.arn} role={role} />
      ))}

      {dialog?.kind === 'create' && iam ? (
        <IamDocumentDialog
          title="Create role"
          kind="trust"
          documentLabel="Trust policy (JSON)"
          initialDocument={starterTrustPolicy(iam.account.accountId)}
          note={`The trust policy says who may assume the role; IAM limits it to ${iam.quotas.trustPolicySize.toLocaleString('en-US')} characters (whitespace not counted).`}
          fields={[
            { name: 'roleName', label: 'Role name', required: true, placeholder: 'e.g. DeployRole' },
            { name: 'path', label: 'Path', initial: '/', hint: 'Fixed once the role exists (AWS cannot move a role).' },
            { name: 'description', label: 'Description' },
            { name: 'maxSessionDuration', label: 'Maximum session (seconds)', type: 'number', initial: '3600', hint: '3,600 to 43,200.' },
          ]}
          submitLabel="Create role"
          onSubmit={(values, document) =>
            run(
              (base) =>
                client.iam.createRole.mutate({
                  ...base,
                  roleName: values.roleName.trim(),
                  path: values.path || '/',
                  ...(values.description ? { description: values.description } : {}),
                  maxSessionDuration: Number(values.maxSessionDuration || '3600'),
                  assumeRolePolicyDocument: document,
                }),
              { failure: 'Role not created', toastOnError: false, done: `Created role ${values.roleName.trim()}` },
            )
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'trust' ? (
        <IamDocumentDialog
          title={`Trust policy of ${dialog.role.name}`}
          kind="trust"
          documentLabel="Trust policy (JSON)"
          initialDocument={dialog.role.trustPolicy}
          submitLabel="Save trust policy"
          onSubmit={(_values, document) =>
            run((base) => client.iam.updateAssumeRolePolicy.mutate({ ...base, roleName: dialog.role.name, policyDocument: document }), {
              failure: 'Trust policy not saved',
              toastOnError: false,
              done: `Saved the trust policy of ${dialog.role.name}`,
            })
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <FormDialog
          title={`Edit role ${dialog.role.name}`}
          description="UpdateRole changes the description and the maximum session; a role's name and path are fixed."
          fields={[
            { name: 'description', label: 'Description', initial: dialog.role.description },
            { name: 'maxSessionDuration', label: 'Maximum session (seconds)', initial: String(dialog.role.maxSessionDuration), hint: '3,600 to 43,200.' },
          ]}
          submitLabel="Save role"
          onSubmit={(values) =>
            run(
              (base) =>
                client.iam.updateRole.mutate({
                  ...base,
                  roleName: dialog.role.name,
                  description: values.description,
                  maxSessionDuration: Number(values.maxSessionDuration),
                }),
              { failure: 'Role not saved', toastOnError: false, done: `Saved role ${dialog.role.name}` },
            )
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}

function RoleEditor({ iam, role, lock, onDialog, onDelete }: { iam: IamAccount; role: IamRoleView; lock: EditLock; onDialog: (dialog: RoleDialog) => void; onDelete: () => Promise<unknown> }) {
  const { busy, act } = useBusy();
  return (
    <div className="iam-editor" aria-label={`Edit role ${role.name}`} role="group">
      <div className="iam-editor__actions">
        <button type="button" className="toolbar-button" {...lock.control()} aria-label={`Edit trust policy of ${role.name}`} onClick={() => onDialog({ kind: 'trust', role })}>
          Edit trust policy
        </button>
        <button type="button" className="toolbar-button" {...lock.control()} aria-label={`Edit description and session of ${role.name}`} onClick={() => onDialog({ kind: 'edit', role })}>
          Description, session
        </button>
        <button
          type="button"
          className="toolbar-button toolbar-button--danger"
          {...lock.control({ busy, title: 'AWS refuses while policies are attached or inline (DeleteConflict): remove them first.' })}
          aria-label={`Delete role ${role.name}`}
          onClick={() => void act(onDelete)}
        >
          Delete role
        </button>
      </div>
      <PrincipalPolicies
        account={iam}
        type="role"
        name={role.name}
        attachedPolicies={role.attachedPolicies}
        inlinePolicies={role.inlinePolicies}
        permissionsBoundaryArn={role.permissionsBoundaryArn}
      />
      <IamTags accountId={iam.account.id} resourceType="role" resourceName={role.name} label={`role ${role.name}`} tags={role.tags} />
    </div>
  );
}
