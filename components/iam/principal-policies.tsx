'use client';
import { useId, useState } from 'react';
import type { IamAccount, IamPrincipalType } from '@/server/schemas/iam';
import { ImpactPreviewDialog, type PendingCall } from '../matrix/impact-preview-dialog';
import { IamDocumentDialog } from './iam-document-dialog';
import { STARTER_IDENTITY_POLICY, useBusy, useIamEdit } from './use-iam-edit';

/** What a principal holds, as iam.account lists it. */
export interface PrincipalPoliciesProps {
  account: IamAccount;
  type: IamPrincipalType;
  name: string;
  attachedPolicies: { arn: string; name: string }[];
  inlinePolicies: { name: string; document: string }[];
  /** Roles and users only; undefined for groups, which have no boundary. */
  permissionsBoundaryArn?: string | null;
}

type InlineDialog = { mode: 'add' } | { mode: 'edit'; name: string; document: string };

const INLINE_KIND = { role: 'role-inline', user: 'user-inline', group: 'group-inline' } as const;

/** IAM's own operation names and request keys per principal type (AttachRolePolicy {RoleName, PolicyArn}, …). */
const IAM_CALL = { role: { noun: 'Role', key: 'RoleName' }, user: { noun: 'User', key: 'UserName' }, group: { noun: 'Group', key: 'GroupName' } } as const;

/** A change waiting in the what-if preview: its title and its IAM calls. */
type PendingPreview = { title: string; calls: PendingCall[]; closesEditor?: boolean };

/**
 * The managed policies attached to a role, user or group (Detach each, attach another: AWS's LimitExceeded past the
 * quota shows in a toast), its inline policies (add, edit in the checked JSON editor, delete), and for roles and
 * users the permissions boundary (set from a managed policy, remove). Buttons are named after what they do to
 * whom ("Detach ReadOnly from role App"), so keyboard, screen-reader and browser-test users find them alike.
 */
export function PrincipalPolicies({ account, type, name, attachedPolicies, inlinePolicies, permissionsBoundaryArn }: PrincipalPoliciesProps) {
  const ids = useId();
  const { client, run, lock } = useIamEdit(account.account.id);
  const [attachChoice, setAttachChoice] = useState('');
  const [boundaryChoice, setBoundaryChoice] = useState('');
  const [inlineDialog, setInlineDialog] = useState<InlineDialog | null>(null);
  const [pendingPreview, setPendingPreview] = useState<PendingPreview | null>(null);
  const { busy, act } = useBusy();
  const who = `${type} ${name}`;
  const principal = { principalType: type, principalName: name };
  const choices = [
    ...account.policies.map((p) => ({ arn: p.arn, name: p.name, aws: false })),
    ...account.awsManagedPolicies.map((p) => ({ arn: p.arn, name: p.name, aws: true })),
  ];
  const attachable = choices.filter((c) => !attachedPolicies.some((a) => a.arn === c.arn));
  const iamCall = (operation: 'Attach' | 'Detach', policyArn: string): PendingCall => ({
    api: 'iam', accountId: account.account.accountId, operation: `${operation}${IAM_CALL[type].noun}Policy`, input: { [IAM_CALL[type].key]: name, PolicyArn: policyArn },
  });
  const quota = { role: account.quotas.maxManagedPoliciesPerRole, user: account.quotas.maxManagedPoliciesPerUser, group: account.quotas.maxManagedPoliciesPerGroup }[type];


  return (
    <div className="iam-policies">
      <h4 className="iam-policies__title">
        Managed policies <span className="muted">{attachedPolicies.length} / {quota}</span>
      </h4>
      {attachedPolicies.length === 0 ? <p className="empty-state small">None attached.</p> : null}
      <ul className="attached-list">
        {attachedPolicies.map((policy) => (
          <li key={policy.arn} className="attached-item">
            <span className="attached-item__name" title={policy.arn}>{policy.name}</span>
            {policy.arn.includes(':iam::aws:') ? <span className="aws-managed-badge" title="Managed by AWS">AWS</span> : null}
            <button
              type="button"
              className="toolbar-button attached-item__detach"
              {...lock.control({ busy })}
              aria-label={`Detach ${policy.name} from ${who}`}
              onClick={() => void act(() => run((base) => client.iam.detachPolicy.mutate({ ...base, ...principal, policyArn: policy.arn }), { failure: 'Policy not detached', done: `Detached ${policy.name} from ${who}` }))}
            >
              Detach
            </button>
            <button type="button" className="toolbar-button" disabled={busy} aria-label={`Preview detaching ${policy.name} from ${who}`}
              onClick={() => setPendingPreview({ title: `Detach ${policy.name} from ${who}?`, calls: [iamCall('Detach', policy.arn)] })}>
              Preview
            </button>
          </li>
        ))}
      </ul>
      {attachable.length > 0 ? (
        <form
          className="attach-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!attachChoice) return;
            void act(async () => {
              const outcome = await run((base) => client.iam.attachPolicy.mutate({ ...base, ...principal, policyArn: attachChoice }), { failure: 'Policy not attached', done: `Attached to ${who}` });
              if (outcome.ok) setAttachChoice('');
            });
          }}
        >
          <label className="visually-hidden" htmlFor={`${ids}-attach`}>Managed policy to attach to {who}</label>
          <select {...lock.field('choice')} id={`${ids}-attach`} value={attachChoice} onChange={(event) => setAttachChoice(event.target.value)}>
            <option value="">Attach a managed policy…</option>
            {attachable.map((c) => (
              <option key={c.arn} value={c.arn}>{c.name}{c.aws ? ' (AWS managed)' : ''}</option>
            ))}
          </select>
          <button type="submit" className="toolbar-button" {...lock.control({ busy: busy || !attachChoice })} aria-label={`Attach the chosen policy to ${who}`}>Attach</button>
          <button type="button" className="toolbar-button" disabled={busy || !attachChoice} aria-label={`Preview attaching the chosen policy to ${who}`}
            onClick={() => setPendingPreview({ title: `Attach ${choices.find((c) => c.arn === attachChoice)?.name ?? attachChoice} to ${who}?`, calls: [iamCall('Attach', attachChoice)] })}>
            Preview
          </button>
        </form>
      ) : null}

      <h4 className="iam-policies__title">Inline policies <span className="muted">{inlinePolicies.length}</span></h4>
      <ul className="attached-list">
        {inlinePolicies.map((policy) => (
          <li key={policy.name} className="attached-item">
            <span className="attached-item__name">{policy.name}</span>
            <button type="button" className="toolbar-button" {...lock.control({ busy })} aria-label={`Edit inline policy ${policy.name} of ${who}`} onClick={() => setInlineDialog({ mode: 'edit', ...policy })}>Edit</button>
            <button
              type="button"
              className="toolbar-button toolbar-button--danger"
              {...lock.control({ busy })}
              aria-label={`Delete inline policy ${policy.name} of ${who}`}
              onClick={() => void act(() => run((base) => client.iam.deleteInlinePolicy.mutate({ ...base, ...principal, policyName: policy.name }), { failure: 'Inline policy not deleted', done: `Deleted inline policy ${policy.name}` }))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="toolbar-button" {...lock.control({ busy })} aria-label={`Add an inline policy to ${who}`} onClick={() => setInlineDialog({ mode: 'add' })}>
        Add inline policy
      </button>

      {permissionsBoundaryArn !== undefined && type !== 'group' ? (
        <>
          <h4 className="iam-policies__title">Permissions boundary</h4>
          {permissionsBoundaryArn ? (
            <p className="attached-item">
              <span className="attached-item__name mono" title={permissionsBoundaryArn}>{permissionsBoundaryArn.split('/').pop()}</span>
              <button
                type="button"
                className="toolbar-button"
                {...lock.control({ busy })}
                aria-label={`Remove the permissions boundary of ${who}`}
                onClick={() => void act(() => run((base) => client.iam.deletePermissionsBoundary.mutate({ ...base, principalType: type, principalName: name }), { failure: 'Boundary not removed', done: `Removed the boundary of ${who}` }))}
              >
                Remove
              </button>
            </p>
          ) : (
            <p className="empty-state small">None: the identity policies alone set the maximum.</p>
          )}
          <form
            className="attach-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (!boundaryChoice) return;
              void act(async () => {
                const outcome = await run((base) => client.iam.putPermissionsBoundary.mutate({ ...base, principalType: type, principalName: name, permissionsBoundary: boundaryChoice }), { failure: 'Boundary not set', done: `Set the boundary of ${who}` });
                if (outcome.ok) setBoundaryChoice('');
              });
            }}
          >
            <label className="visually-hidden" htmlFor={`${ids}-boundary`}>Permissions boundary for {who}</label>
            <select {...lock.field('choice')} id={`${ids}-boundary`} value={boundaryChoice} onChange={(event) => setBoundaryChoice(event.target.value)}>
              <option value="">Use a managed policy as boundary…</option>
              {choices.filter((c) => c.arn !== permissionsBoundaryArn).map((c) => (
                <option key={c.arn} value={c.arn}>{c.name}{c.aws ? ' (AWS managed)' : ''}</option>
              ))}
            </select>
            <button type="submit" className="toolbar-button" {...lock.control({ busy: busy || !boundaryChoice })} aria-label={`Set the chosen boundary on ${who}`}>Set</button>
          </form>
        </>
      ) : null}

      {inlineDialog ? (
        <IamDocumentDialog
          title={inlineDialog.mode === 'add' ? `Inline policy for ${who}` : `Edit ${inlineDialog.name} of ${who}`}
          kind={INLINE_KIND[type]}
          documentLabel="Policy document (JSON)"
          initialDocument={inlineDialog.mode === 'edit' ? inlineDialog.document : STARTER_IDENTITY_POLICY}
          fields={[{ name: 'policyName', label: 'Policy name', initial: inlineDialog.mode === 'edit' ? inlineDialog.name : '', readOnly: inlineDialog.mode === 'edit', required: true }]}
          note={`Inline policies of one ${type} share one size quota (IAM counts them together, without whitespace).`}
          submitLabel={inlineDialog.mode === 'add' ? 'Add policy' : 'Save policy'}
          onSubmit={(values, document) =>
            run((base) => client.iam.putInlinePolicy.mutate({ ...base, ...principal, policyName: values.policyName, policyDocument: document }), {
              failure: 'Inline policy not saved',
              toastOnError: false,
              done: `Saved inline policy ${values.policyName}`,
            })
          }
          onPreview={(values, document) => setPendingPreview({
            title: `Save inline policy ${values.policyName} of ${who}?`,
            calls: [{ api: 'iam', accountId: account.account.accountId, operation: `Put${IAM_CALL[type].noun}Policy`, input: { [IAM_CALL[type].key]: name, PolicyName: values.policyName, PolicyDocument: document } }],
            closesEditor: true,
          })}
          onClose={() => setInlineDialog(null)}
        />
      ) : null}
      {pendingPreview ? (
        <ImpactPreviewDialog designId={account.designId} calls={pendingPreview.calls} title={pendingPreview.title}
          description="Who gains or loses which actions, judged by the identity policies, SCPs and RCPs; nothing is saved until Apply."
          onDismiss={() => setPendingPreview(null)}
          onApplied={() => {
            if (pendingPreview.closesEditor) setInlineDialog(null);
            if (pendingPreview.calls[0]?.operation.startsWith('Attach')) setAttachChoice('');
            setPendingPreview(null);
          }} />
      ) : null}
    </div>
  );
}
