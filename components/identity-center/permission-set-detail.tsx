'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { IdentityCenterView } from '@/server/schemas/identity-center';
import { CheckedDocument } from '../policies/checked-document';
import { useDraftValidation } from '../policies/use-policy-validation';
import { useTRPC, useTRPCClient } from '../trpc/client';
import type { IdentityCenterEdit } from './identity-center-edit';
import { AccountLink } from './account-link';

type PermissionSet = IdentityCenterView['permissionSets'][number];

const EMPTY_INLINE_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, null, 2);

/**
 * One permission set: its settings (UpdatePermissionSet), AWS-managed policies and customer-managed references
 * (Attach/Detach…), the inline policy with the engine's findings as it is typed (PutInlinePolicyToPermissionSet's
 * checks), the permissions boundary, and where it is provisioned: the AWSReservedSSO_ role in each account.
 */
export function PermissionSetDetail({ permissionSet: ps, view, edit, onDeleted }: {
  permissionSet: PermissionSet; view: IdentityCenterView; edit: IdentityCenterEdit; onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const update = useMutation(trpc.identityCenter.updatePermissionSet.mutationOptions());
  const remove = useMutation(trpc.identityCenter.deletePermissionSet.mutationOptions());
  const [description, setDescription] = useState(ps.description);
  const [sessionDuration, setSessionDuration] = useState(ps.sessionDuration);
  const [relayState, setRelayState] = useState(ps.relayState ?? '');
  const ref = { permissionSetArn: ps.arn };
  const roles = view.provisioning.filter((p) => p.permissionSetArn === ps.arn);
  const accountName = new Map(view.assignments.map((a) => [a.accountId, a.accountName]));
  return (
    <article className="idc-detail" aria-label={`Permission set ${ps.name}`}>
      <header className="idc-detail__header">
        <h3>{ps.name}</h3>
        <span className="mono muted idc-arn">{ps.arn}</span>
        <button type="button" className="toolbar-button toolbar-button--danger" {...edit.lock.control({ busy: edit.busy !== null })}
          onClick={() => void edit.run(`ps:${ps.arn}`, (base) => remove.mutateAsync({ ...base, ...ref })).then((saved) => saved && onDeleted())}>
          Delete permission set
        </button>
      </header>

      <form className="idc-form idc-form--row" aria-label="Permission set settings" onSubmit={(event) => {
        event.preventDefault();
        void edit.run(`ps:${ps.arn}`, (base) => update.mutateAsync({ ...base, ...ref, description, sessionDuration, ...(relayState ? { relayState } : {}) }));
      }}>
        <label>Description<input value={description} onChange={(e) => setDescription(e.target.value)} readOnly={edit.lock.locked} /></label>
        <label>Session duration<input value={sessionDuration} onChange={(e) => setSessionDuration(e.target.value)} readOnly={edit.lock.locked} title="ISO-8601, PT1H to PT12H" /></label>
        <label>Relay state<input value={relayState} onChange={(e) => setRelayState(e.target.value)} readOnly={edit.lock.locked} placeholder="optional URL" /></label>
        <button type="submit" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}>Save settings</button>
      </form>

      <ManagedPolicies ps={ps} view={view} edit={edit} />
      <CustomerManagedPolicies ps={ps} edit={edit} />
      <InlinePolicy ps={ps} edit={edit} />
      <PermissionsBoundary ps={ps} view={view} edit={edit} />

      <section aria-label={`Roles of ${ps.name}`}>
        <h4>Provisioned roles</h4>
        {roles.length === 0 ? <p className="muted small">Not assigned to any account: no role exists yet.</p> : (
          <ul className="idc-list">
            {roles.map((role) => (
              <li key={role.roleArn} className="idc-row">
                <span>
                  <span className="mono">{role.roleName}</span> in <AccountLink designId={edit.designId} accountId={role.accountId} name={accountName.get(role.accountId) ?? ''} />
                  {role.status === 'FAILED' ? <span className="idc-row__meta idc-failed">Provisioning failed: {role.failureReason}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function ManagedPolicies({ ps, view, edit }: { ps: PermissionSet; view: IdentityCenterView; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const attach = useMutation(trpc.identityCenter.attachManagedPolicy.mutationOptions());
  const detach = useMutation(trpc.identityCenter.detachManagedPolicy.mutationOptions());
  const attachable = view.awsManagedPolicies.filter((p) => !ps.managedPolicyArns.includes(p.arn));
  const [chosen, setChosen] = useState('');
  const arn = chosen || attachable[0]?.arn || '';
  return (
    <section aria-label="AWS managed policies">
      <h4>AWS managed policies</h4>
      <ul className="idc-list">
        {ps.managedPolicyArns.length === 0 ? <li className="muted small">None</li> : ps.managedPolicyArns.map((policyArn) => (
          <li key={policyArn} className="idc-row">
            <span className="mono">{policyArn}</span>
            <button type="button" className="toolbar-button" aria-label={`Detach ${policyArn}`} {...edit.lock.control({ busy: edit.busy !== null })}
              onClick={() => void edit.run(`ps:${ps.arn}`, (base) => detach.mutateAsync({ ...base, permissionSetArn: ps.arn, managedPolicyArn: policyArn }))}>
              Detach
            </button>
          </li>
        ))}
      </ul>
      {attachable.length === 0 ? null : (
        <div className="idc-inline-form">
          <select {...edit.lock.field('choice')} aria-label="AWS managed policy to attach" value={arn} onChange={(e) => setChosen(e.target.value)}>
            {attachable.map((p) => <option key={p.arn} value={p.arn}>{p.name}</option>)}
          </select>
          <button type="button" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null || !arn })}
            onClick={() => void edit.run(`ps:${ps.arn}`, (base) => attach.mutateAsync({ ...base, permissionSetArn: ps.arn, managedPolicyArn: arn }))}>
            Attach
          </button>
        </div>
      )}
    </section>
  );
}

function CustomerManagedPolicies({ ps, edit }: { ps: PermissionSet; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const attach = useMutation(trpc.identityCenter.attachCustomerManagedPolicyReference.mutationOptions());
  const detach = useMutation(trpc.identityCenter.detachCustomerManagedPolicyReference.mutationOptions());
  const [name, setName] = useState('');
  const [path, setPath] = useState('/');
  return (
    <section aria-label="Customer managed policies">
      <h4>Customer managed policies <span className="muted small">(by name: each account must hold the policy)</span></h4>
      <ul className="idc-list">
        {ps.customerManagedPolicies.length === 0 ? <li className="muted small">None</li> : ps.customerManagedPolicies.map((reference) => (
          <li key={`${reference.path}${reference.name}`} className="idc-row">
            <span className="mono">{reference.path}{reference.name}</span>
            <button type="button" className="toolbar-button" aria-label={`Detach ${reference.path}${reference.name}`} {...edit.lock.control({ busy: edit.busy !== null })}
              onClick={() => void edit.run(`ps:${ps.arn}`, (base) => detach.mutateAsync({ ...base, permissionSetArn: ps.arn, customerManagedPolicyReference: reference }))}>
              Detach
            </button>
          </li>
        ))}
      </ul>
      <form className="idc-inline-form" aria-label="Attach customer managed policy" onSubmit={(event) => {
        event.preventDefault();
        void edit.run(`ps:${ps.arn}`, (base) => attach.mutateAsync({ ...base, permissionSetArn: ps.arn, customerManagedPolicyReference: { name, path } }))
          .then((saved) => saved && setName(''));
      }}>
        <input {...edit.lock.field('text')} aria-label="Customer managed policy path" value={path} onChange={(e) => setPath(e.target.value)} size={8} />
        <input {...edit.lock.field('text')} aria-label="Customer managed policy name" placeholder="Policy name" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}>Attach reference</button>
      </form>
    </section>
  );
}

function InlinePolicy({ ps, edit }: { ps: PermissionSet; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const put = useMutation(trpc.identityCenter.putInlinePolicy.mutationOptions());
  const remove = useMutation(trpc.identityCenter.deleteInlinePolicy.mutationOptions());
  const [content, setContent] = useState(ps.inlinePolicy ?? EMPTY_INLINE_POLICY);
  const validation = useDraftValidation(['idc-inline-validation', edit.designId], content, (draft) =>
    client.identityCenter.validateInlinePolicy.mutate({ designId: edit.designId, content: draft }));
  const changed = content !== (ps.inlinePolicy ?? EMPTY_INLINE_POLICY);
  return (
    <section aria-label="Inline policy" className="idc-inline-policy">
      <h4>Inline policy {ps.inlinePolicy === null ? <span className="muted small">(none saved)</span> : null}</h4>
      <CheckedDocument label="Inline policy (JSON)" content={content} onChange={edit.lock.locked ? undefined : setContent} readOnly={edit.lock.locked} validation={validation} />
      <div className="idc-inline-form">
        <button type="button" className="toolbar-button toolbar-button--primary" {...edit.lock.control({ busy: edit.busy !== null || (!changed && ps.inlinePolicy !== null) })}
          onClick={() => void edit.run(`ps:${ps.arn}`, (base) => put.mutateAsync({ ...base, permissionSetArn: ps.arn, inlinePolicy: content }))}>
          Save inline policy
        </button>
        {ps.inlinePolicy === null ? null : (
          <button type="button" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}
            onClick={() => void edit.run(`ps:${ps.arn}`, (base) => remove.mutateAsync({ ...base, permissionSetArn: ps.arn })).then((saved) => saved && setContent(EMPTY_INLINE_POLICY))}>
            Delete inline policy
          </button>
        )}
      </div>
    </section>
  );
}

function PermissionsBoundary({ ps, view, edit }: { ps: PermissionSet; view: IdentityCenterView; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const put = useMutation(trpc.identityCenter.putPermissionsBoundary.mutationOptions());
  const remove = useMutation(trpc.identityCenter.deletePermissionsBoundary.mutationOptions());
  const [kind, setKind] = useState<'aws' | 'customer'>('aws');
  const [arn, setArn] = useState('');
  const [name, setName] = useState('');
  const [path, setPath] = useState('/');
  const boundary = ps.permissionsBoundary;
  const current = boundary?.managedPolicyArn ?? (boundary?.customerManagedPolicyReference ? `${boundary.customerManagedPolicyReference.path}${boundary.customerManagedPolicyReference.name} (customer managed, by name)` : null);
  const chosenArn = arn || view.awsManagedPolicies[0]?.arn || '';
  return (
    <section aria-label="Permissions boundary">
      <h4>Permissions boundary</h4>
      <p className="idc-row">
        <span className={current ? 'mono' : 'muted small'}>{current ?? 'None'}</span>
        {!current ? null : (
          <button type="button" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}
            onClick={() => void edit.run(`ps:${ps.arn}`, (base) => remove.mutateAsync({ ...base, permissionSetArn: ps.arn }))}>
            Remove boundary
          </button>
        )}
      </p>
      <form className="idc-inline-form" aria-label="Set permissions boundary" onSubmit={(event) => {
        event.preventDefault();
        void edit.run(`ps:${ps.arn}`, (base) => put.mutateAsync({
          ...base, permissionSetArn: ps.arn,
          ...(kind === 'aws' ? { managedPolicyArn: chosenArn } : { customerManagedPolicyReference: { name, path } }),
        }));
      }}>
        <select {...edit.lock.field('choice')} aria-label="Boundary kind" value={kind} onChange={(e) => setKind(e.target.value as 'aws' | 'customer')}>
          <option value="aws">AWS managed policy</option>
          <option value="customer">Customer managed policy (name)</option>
        </select>
        {kind === 'aws' ? (
          <select {...edit.lock.field('choice')} aria-label="Boundary policy" value={chosenArn} onChange={(e) => setArn(e.target.value)}>
            {view.awsManagedPolicies.map((p) => <option key={p.arn} value={p.arn}>{p.name}</option>)}
          </select>
        ) : (
          <>
            <input {...edit.lock.field('text')} aria-label="Boundary policy path" value={path} onChange={(e) => setPath(e.target.value)} size={8} />
            <input {...edit.lock.field('text')} aria-label="Boundary policy name" placeholder="Policy name" value={name} onChange={(e) => setName(e.target.value)} required />
          </>
        )}
        <button type="submit" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}>Set boundary</button>
      </form>
    </section>
  );
}
