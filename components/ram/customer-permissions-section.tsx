'use client';
import { useState } from 'react';
import type { CustomerPermissionView } from '@/server/schemas/ram';
import { FormDialog } from '../editor-base/form-dialog';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPCClient } from '../trpc/client';

type Dialog = { kind: 'create' } | { kind: 'version'; permission: CustomerPermissionView } | { kind: 'default'; permission: CustomerPermissionView } | null;

/** The actions a version's policy template allows, for the list (the template is the server's to check). */
function actionsOf(template: string): string {
  try {
    const parsed = JSON.parse(template) as { Action?: string | string[] };
    const actions = Array.isArray(parsed.Action) ? parsed.Action : parsed.Action ? [parsed.Action] : [];
    return actions.join(', ');
  } catch {
    return template;
  }
}

/**
 * The customer managed RAM permissions an account owns, with RAM's operations on them: CreatePermission,
 * CreatePermissionVersion (the new version becomes the default), SetDefaultPermissionVersion and DeletePermission.
 * Every rule (types that accept them, template rules, quotas, a permission in use) is the server's; AWS's errors come
 * back in the dialog or the toast.
 */
export function CustomerPermissionsSection({ accountId, permissions, region }: { accountId: string; permissions: readonly CustomerPermissionView[]; region: string }) {
  const client = useTRPCClient();
  const edit = useDesignEdit();
  const lock = useEditLock(useEditorStore((state) => state.designId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const owned = permissions.filter((p) => p.ownerAccountId === accountId);
  return (
    <div aria-label="Customer managed permissions" role="group">
      <div className="inspector-section__head">
        <h3 className="inspector-section__title">Customer managed permissions <span className="muted">{owned.length}</span></h3>
        <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create' })}>Create permission</button>
      </div>
      {owned.length === 0 ? <p className="empty-state small">This account has no customer managed permission.</p> : null}
      {owned.map((permission) => (
        <div key={permission.arn} className="ram-share" data-testid="ram-permission" data-permission-name={permission.name}>
          <div className="inspector-section__head">
            <strong>{permission.name}</strong>
            <span className="muted small">{permission.resourceType} · {permission.region}</span>
          </div>
          <ul className="small" aria-label={`Versions of ${permission.name}`}>
            {permission.versions.map((version) => (
              <li key={version.version} data-testid="ram-permission-version">
                v{version.version}{version.version === permission.defaultVersion ? <strong> (default)</strong> : null}: <code>{actionsOf(version.policyTemplate)}</code>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {permission.usedBy.length === 0 ? 'Used by no share.' : `Used by ${permission.usedBy.map((u) => `${u.resourceShareName} (v${u.version})`).join(', ')}.`}
          </p>
          <div className="ram-actions">
            <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'version', permission })}>New version</button>
            <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'default', permission })}>Set default version</button>
            <button
              type="button"
              className="toolbar-button"
              {...lock.control()}
              onClick={() => void edit((base) => client.ram.deletePermission.mutate({ ...base, permissionArn: permission.arn }), { failureTitle: 'Permission not deleted' })}
            >
              Delete permission
            </button>
          </div>
        </div>
      ))}
      {dialog?.kind === 'create' ? (
        <FormDialog
          title="Create customer managed permission"
          description="For a resource type that accepts customer managed permissions. The template is one statement body: Effect Allow, Action (actions of the type), optional Condition; RAM adds the principals and the resource."
          fields={[
            { name: 'name', label: 'Name', required: true, placeholder: 'e.g. IpamAllocateOnly' },
            { name: 'resourceType', label: 'Resource type', required: true, placeholder: 'e.g. ec2:IpamPool' },
            { name: 'policyTemplate', label: 'Policy template (JSON)', required: true, placeholder: '{"Effect":"Allow","Action":["ec2:GetIpamPoolAllocations"]}' },
            { name: 'region', label: 'Region (a share can use it only in this Region)', required: true, initial: region },
          ]}
          submitLabel="Create permission"
          onSubmit={(values) =>
            edit((base) => client.ram.createPermission.mutate({ ...base, ownerAccountId: accountId, name: values.name, resourceType: values.resourceType, policyTemplate: values.policyTemplate, region: values.region.trim() }), { failureTitle: 'Permission not created', toastOnError: false })
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'version' ? (
        <FormDialog
          title={`New version of ${dialog.permission.name}`}
          description="The new version becomes the default; shares keep the version they hold until you replace it."
          fields={[{ name: 'policyTemplate', label: 'Policy template (JSON)', required: true, initial: dialog.permission.versions.find((v) => v.version === dialog.permission.defaultVersion)?.policyTemplate ?? '' }]}
          submitLabel="Create version"
          onSubmit={(values) =>
            edit((base) => client.ram.createPermissionVersion.mutate({ ...base, permissionArn: dialog.permission.arn, policyTemplate: values.policyTemplate }), { failureTitle: 'Version not created', toastOnError: false })
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'default' ? (
        <FormDialog
          title={`Default version of ${dialog.permission.name}`}
          description={`Versions: ${dialog.permission.versions.map((v) => v.version).join(', ')}. New shares get the default version.`}
          fields={[{ name: 'version', label: 'Version', required: true, initial: String(dialog.permission.defaultVersion), apiNames: ['permissionVersion'] }]}
          submitLabel="Set default"
          onSubmit={(values) =>
            edit((base) => client.ram.setDefaultPermissionVersion.mutate({ ...base, permissionArn: dialog.permission.arn, permissionVersion: Number(values.version) }), { failureTitle: 'Default not set', toastOnError: false })
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
