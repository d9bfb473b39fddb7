'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CustomerPermissionView, ResourceShareView } from '@/server/schemas/ram';
import { FormDialog } from '../editor-base/form-dialog';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { ImpactPreviewDialog, type PendingCall } from '../matrix/impact-preview-dialog';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC, useTRPCClient } from '../trpc/client';
import { CustomerPermissionsSection } from './customer-permissions-section';
import './ram.css';

const list = (text: string | undefined) => (text ?? '').split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);

/**
 * AWS RAM on the account panel: the shares the account owns (resources, principals with their status, the accounts
 * they reach, the managed permission per type; external principals marked), editable with RAM's own operations, and
 * what other accounts share with this one, from whom and under which permission. Every rule is the server's (AWS's
 * errors come back in the toast); this only shows what the API returns.
 */
export function RamSection({ accountId }: { accountId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const edit = useDesignEdit();
  const designId = useEditorStore((state) => state.designId);
  const lock = useEditLock(designId);
  const overview = useQuery(trpc.ram.overview.queryOptions({ designId }));
  const shared = useQuery(trpc.ram.sharedWithAccount.queryOptions({ designId, accountId }));
  const types = useQuery(trpc.ram.shareableTypes.queryOptions());
  const shareDrop = useEditorStore((state) => state.shareDrop);
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'associate' | 'permission'; share: ResourceShareView } | null>(null);
  // A RAM call waiting in the what-if preview: who gains or loses use of which shared resource; nothing saved until Apply.
  const [pending, setPending] = useState<{ title: string; call: PendingCall } | null>(null);
  const previewRemoval = (share: ResourceShareView, what: { principals?: string[]; resourceArns?: string[] }, name: string) =>
    setPending({ title: `Remove ${name} from ${share.name}?`, call: { api: 'ram', operation: 'DisassociateResourceShare', input: { resourceShareArn: share.arn, ...what } } });

  if (overview.isPending || shared.isPending) return <p className="empty-state small" role="status">Loading resource shares…</p>;
  if (overview.isError || shared.isError) {
    return <p className="field__error" role="alert">Resource shares could not be loaded: {(overview.error ?? shared.error)?.message}</p>;
  }
  const owned = overview.data.shares.filter((share) => share.owningAccountId === accountId);
  return (
    <section className="inspector-section" aria-label="Resource shares (AWS RAM)">
      <div className="inspector-section__head">
        <h3 className="inspector-section__title">Resource shares <span className="muted">{owned.length}</span></h3>
        <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create' })}>Create share</button>
      </div>
      {!overview.data.sharingWithOrganizationEnabled ? (
        <p className="muted small">Sharing with AWS Organizations is off: OUs and the organization cannot be principals, and member accounts get invitations.</p>
      ) : null}
      {owned.length === 0 ? <p className="empty-state small">This account shares nothing through RAM.</p> : lock.locked ? null : <p className="muted ram-drop-hint">Drag an OU, account or the root card from the canvas onto a share to add it as a principal.</p>}
      {owned.map((share) => (
        <div
          key={share.arn}
          className={`ram-share${shareDrop?.shareArn === share.arn ? (shareDrop.refused ? ' is-drop-refused' : ' is-drop-target') : ''}`}
          data-testid="ram-share"
          data-share-name={share.name}
          data-ram-share-drop={share.arn}
          title={lock.reason ?? 'Drop an OU, account or the root card here to share with it'}
        >
          <div className="inspector-section__head">
            <strong>{share.name}</strong>
            {share.hasExternalPrincipals ? <span className="ram-badge-external" data-testid="ram-external">external</span> : null}
          </div>
          <p className="muted small">{share.region} · {share.allowExternalPrincipals ? 'external principals allowed' : 'organization only'}</p>
          <ul className="small" aria-label={`Resources of ${share.name}`}>
            {share.resources.map((resource) => {
              const permission = share.permissions.find((p) => p.resourceType === resource.type);
              return (
                <li key={resource.arn}>
                  <code>{resource.arn}</code> <span className="muted">{resource.type}{permission ? ` · ${permission.permissionName} v${permission.permissionVersion}` : ''}</span>{' '}
                  <button type="button" className="ram-link" aria-label={`Preview removing ${resource.arn} from ${share.name}`} onClick={() => previewRemoval(share, { resourceArns: [resource.arn] }, resource.arn)}>Preview removal</button>
                </li>
              );
            })}
          </ul>
          <ul className="small" aria-label={`Principals of ${share.name}`}>
            {share.principals.map((principal) => (
              <li key={principal.principal}>
                <code>{principal.principal}</code> <span className="muted">{principal.status.toLowerCase()}{principal.external ? ' · outside the organization' : ''}{principal.invitationStatus ? ` · invitation ${principal.invitationStatus.toLowerCase()}` : ''}</span>
                {principal.invitationStatus === 'PENDING' && principal.invitationArn ? (
                  <>
                    {' '}
                    <button type="button" className="ram-link" {...lock.control()} onClick={() => void edit((base) => client.ram.acceptResourceShareInvitation.mutate({ ...base, resourceShareInvitationArn: principal.invitationArn! }), { failureTitle: 'Invitation not accepted' })}>Accept as recipient</button>{' '}
                    <button type="button" className="ram-link" {...lock.control()} onClick={() => void edit((base) => client.ram.rejectResourceShareInvitation.mutate({ ...base, resourceShareInvitationArn: principal.invitationArn! }), { failureTitle: 'Invitation not rejected' })}>Reject as recipient</button>
                  </>
                ) : null}
                {' '}
                <button type="button" className="ram-link" aria-label={`Preview removing ${principal.principal} from ${share.name}`} onClick={() => previewRemoval(share, { principals: [principal.principal] }, principal.principal)}>Preview removal</button>
              </li>
            ))}
          </ul>
          <p className="small" data-testid="ram-recipients">
            Reaches: {share.recipients.length === 0 ? <span className="muted">no account yet</span> : share.recipients.map((r) => `${r.accountName ?? r.accountId} (${r.accountId})`).join(', ')}
          </p>
          <div className="ram-actions">
            <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'associate', share })}>Add resources or principals</button>
            <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'permission', share })}>Choose permission</button>
            <button type="button" className="toolbar-button" {...lock.control()} onClick={() => void edit((base) => client.ram.deleteResourceShare.mutate({ ...base, resourceShareArn: share.arn }), { failureTitle: 'Share not deleted' })}>Delete share</button>
          </div>
        </div>
      ))}

      <CustomerPermissionsSection accountId={accountId} permissions={overview.data.customerPermissions} region={owned[0]?.region ?? 'us-east-1'} />

      <h3 className="inspector-section__title">Shared with this account <span className="muted">{shared.data.entries.length}</span></h3>
      {shared.data.entries.length === 0 ? <p className="empty-state small">Nothing is shared with this account.</p> : null}
      <ul className="small" aria-label="Shared with this account">
        {shared.data.entries.map((entry) => (
          <li key={`${entry.resourceShareArn} ${entry.resourceArn} ${entry.via}`} data-testid="ram-shared-with">
            <code>{entry.resourceArn}</code> <span className="muted">from {entry.owningAccountName} ({entry.owningAccountId}) in “{entry.resourceShareName}” under {entry.permissionName ?? 'no permission'}{entry.status === 'ASSOCIATING' ? ' · invitation pending' : ''}</span>
          </li>
        ))}
      </ul>

      {dialog?.kind === 'create' ? (
        <FormDialog
          title="Create resource share"
          description="Resources of this account (ARNs) and principals: 12-digit account ids, OU or organization ARNs, IAM role/user ARNs where the type allows, or service principals. Separate several with commas."
          fields={[
            { name: 'name', label: 'Name', required: true, placeholder: 'e.g. shared-subnets' },
            { name: 'resourceArns', label: 'Resource ARNs', placeholder: 'arn:aws:ec2:us-east-1:111122223333:subnet/subnet-…' },
            { name: 'principals', label: 'Principals', placeholder: 'ou ARN, account id…' },
            { name: 'allowExternalPrincipals', label: 'Allow principals outside the organization (yes/no)', initial: 'no' },
            { name: 'region', label: 'Region (a share holds resources of its own Region)', required: true, initial: owned[0]?.region ?? 'us-east-1' },
          ]}
          submitLabel="Create share"
          onSubmit={(values) =>
            edit((base) => client.ram.createResourceShare.mutate({
              ...base,
              ownerAccountId: accountId,
              name: values.name,
              region: values.region.trim(),
              allowExternalPrincipals: /^y/i.test(values.allowExternalPrincipals ?? ''),
              resourceArns: list(values.resourceArns),
              principals: list(values.principals),
            }), { failureTitle: 'Share not created', toastOnError: false })
          }
          onPreview={(values) => setPending({
            title: `Create ${values.name?.trim() || 'the share'}?`,
            call: {
              api: 'ram', operation: 'CreateResourceShare', accountId,
              input: { name: values.name ?? '', region: (values.region ?? '').trim(), allowExternalPrincipals: /^y/i.test(values.allowExternalPrincipals ?? ''), resourceArns: list(values.resourceArns), principals: list(values.principals) },
            },
          })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'associate' ? (
        <FormDialog
          title={`Add to ${dialog.share.name}`}
          fields={[
            { name: 'resourceArns', label: 'Resource ARNs' },
            { name: 'principals', label: 'Principals' },
          ]}
          submitLabel="Add"
          onSubmit={(values) =>
            edit((base) => client.ram.associateResourceShare.mutate({ ...base, resourceShareArn: dialog.share.arn, resourceArns: list(values.resourceArns), principals: list(values.principals) }), { failureTitle: 'Not added', toastOnError: false })
          }
          onPreview={(values) => setPending({
            title: `Add to ${dialog.share.name}?`,
            call: { api: 'ram', operation: 'AssociateResourceShare', input: { resourceShareArn: dialog.share.arn, resourceArns: list(values.resourceArns), principals: list(values.principals) } },
          })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'permission' ? (
        <FormDialog
          title={`Permission of ${dialog.share.name}`}
          description={`One managed permission per resource type; it replaces the one the type has now. Choose from: ${permissionChoices(dialog.share, overview.data.customerPermissions, types.data ?? []).join(' · ')}`}
          fields={[{ name: 'permissionArn', label: 'Permission ARN', required: true, placeholder: 'arn:aws:ram:…:permission/…' }]}
          submitLabel="Use permission"
          onSubmit={(values) =>
            edit((base) => client.ram.associateResourceSharePermission.mutate({ ...base, resourceShareArn: dialog.share.arn, permissionArn: values.permissionArn.trim(), replace: true }), { failureTitle: 'Permission not set', toastOnError: false })
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {pending ? (
        <ImpactPreviewDialog designId={designId} calls={[pending.call]} title={pending.title}
          description="Which principals in which accounts gain or lose use of which shared resources, and what else flips; nothing is saved until Apply."
          onDismiss={() => setPending(null)} onApplied={() => { setPending(null); setDialog(null); }} />
      ) : null}
    </section>
  );
}

/** The permissions a share's types can use: the ones it holds, the AWS managed ones and the owner's customer managed ones. */
function permissionChoices(share: ResourceShareView, customer: readonly CustomerPermissionView[], shareable: readonly { type: string; defaultPermissionArn: string }[]): string[] {
  const types = new Set(share.resources.map((r) => r.type));
  const held = share.permissions.map((p) => `${p.permissionArn} (${p.resourceType}, in use)`);
  const managed = shareable
    .filter((t) => types.has(t.type) && !share.permissions.some((h) => h.permissionArn === t.defaultPermissionArn))
    .map((t) => `${t.defaultPermissionArn} (${t.type}, AWS managed)`);
  const own = customer
    .filter((p) => p.ownerAccountId === share.owningAccountId && p.region === share.region && types.has(p.resourceType) && !share.permissions.some((h) => h.permissionArn === p.arn))
    .map((p) => `${p.arn} (${p.resourceType})`);
  return [...held, ...managed, ...own];
}
