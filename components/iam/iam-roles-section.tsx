'use client';
import { useState } from 'react';
import type { AccountRoleView } from '@/server/schemas/account-details';
import type { IamAccount, IamRoleView } from '@/server/schemas/iam';
import { FormDialog } from '../editor-base/form-dialog';
import { RoleTrust } from '../inspector/role-trust';
import type { EditLock } from '../sharing/use-edit-lock';
import { IamDocumentDialog } from './iam-document-dialog';
import { IamTags } from './iam-tags';
import { PrincipalPolicies } from './principal-policies';
import { starterTrustPolicy, useBusy, useIamEdit } from './use-iam-edit';

type RoleDialog = { kind: 'create' } | { kind: 'trust'; role: IamRoleView } | { kind: 'edit'; role: IamRoleView };

/**
 * The account's roles: each as the trust summary the engine reads from its trust policy (who can assume it, with
 * which conditions), followed, when the IAM data has loaded, by its editor (trust policy, description and session,
 * policies, boundary, tags, delete). "Create role" opens the trust policy editor with the engine's findings inline.
 */
export function IamRolesSection({ roles, iam }: { roles: AccountRoleView[]; iam: IamAccount | undefined }) {
  const [dialog, setDialog] = useState<RoleDialog | null>(null);
  const accountId = iam?.account.id ?? '';
  const { client, run, lock } = useIamEdit(accountId);

  return (
    <section className="inspector-section" aria-label="IAM roles">
      <div className="inspector-section__head">
        <h3 className="inspector-section__title">Roles <span className="muted">{roles.length}</span></h3>
        {iam ? (
          <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create' })}>
            Create role
          </button>
        ) : null}
      </div>
      {roles.length === 0 ? <p className="empty-state small">No IAM roles in this account.</p> : null}
      {roles.map((role) => {
        const editable = iam?.roles.find((r) => r.arn === role.arn);
        return (
          <RoleTrust key={role.arn} role={role}>
            {iam && editable && !editable.serviceLinked ? (
              <RoleEditor iam={iam} role={editable} lock={lock} onDialog={setDialog} onDelete={() => run((base) => client.iam.deleteRole.mutate({ ...base, roleName: editable.name }), { failure: 'Role not deleted', done: `Deleted role ${editable.name}` })} />
            ) : null}
          </RoleTrust>
        );
      })}

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
