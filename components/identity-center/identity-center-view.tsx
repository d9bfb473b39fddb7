'use client';
import Link from 'next/link';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { awsLabelOf } from '../editor-base/api-error';
import { operationLabel } from '../history/operation-labels';
import { usePageEdit } from '../quotas/use-page-edit';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { AccountLink } from './account-link';
import { AssignmentsSection } from './assignments-section';
import { IdentityStoreSection } from './identity-store-section';
import { PermissionSetsSection } from './permission-sets-section';
import type { IdentityCenterEdit } from './identity-center-edit';
import '../editor/editor.css';
import '../policies/policies.css';
import './identity-center.css';

/**
 * A design's IAM Identity Center page: the organization instance (enable it when there is none), its identity
 * store's users and groups, the permission sets with their policies, and the account assignments with the
 * AWSReservedSSO_ role each one yields in its account. Every change is a revision (undo/redo here or in the editor);
 * AWS's refusals are shown as a sentence with AWS's error code under it. The server decides; the page shows.
 */
export function IdentityCenterView({ designId }: { designId: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.identityCenter.view.queryOptions({ designId }));
  const role = useQuery(trpc.auth.designRole.queryOptions({ designId }));
  const lock = useEditLock(designId);
  const revisions = useQuery(trpc.history.revisions.queryOptions({ designId }));
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));
  const { design, run, busy, error } = usePageEdit(designId, [trpc.identityCenter.view.queryKey({ designId }), trpc.org.tree.queryKey({ designId })]);
  const undo = useMutation(trpc.history.undo.mutationOptions());
  const redo = useMutation(trpc.history.redo.mutationOptions());
  const [warnings, setWarnings] = useState<string[]>([]);

  if (view.isPending || design.isPending || role.isPending || tree.isPending) {
    return <div className="panel-message" role="status" aria-busy="true"><span className="spinner" aria-hidden="true" /><p className="panel-message__title">Loading IAM Identity Center…</p></div>;
  }
  if (view.isError || design.isError || role.isError || tree.isError) {
    return (
      <div className="panel-message" role="alert">
        <p className="panel-message__title">IAM Identity Center could not be loaded.</p>
        <p className="panel-message__detail">{(view.error ?? design.error ?? role.error ?? tree.error)?.message}</p>
      </div>
    );
  }

  const readOnly = lock.locked;
  const edit: IdentityCenterEdit = {
    designId,
    lock,
    busy,
    run: async (key, work) => {
      const result = await run(key, work);
      setWarnings(result && typeof result === 'object' && 'warnings' in result ? (result as { warnings: { message: string }[] }).warnings.map((w) => w.message) : []);
      return result !== undefined;
    },
  };
  const aws = error ? awsLabelOf(error) : null;
  const lastChange = revisions.data?.revisions.find((r) => !r.undone);
  const instance = view.data.instance;
  return (
    <div className="idc-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Designs</Link> / <Link href={`/designs/${encodeURIComponent(designId)}`}>{design.data.name}</Link> / IAM Identity Center
      </nav>
      <header className="page-heading page-heading--row">
        <div>
          <h1>IAM Identity Center</h1>
          <p className="muted">
            Users and groups, permission sets, and which accounts they reach. Each assignment makes IAM Identity Center
            create an <span className="mono">AWSReservedSSO_</span> role in its account; the engine evaluates it as any role.
          </p>
        </div>
        {readOnly ? (
          <span className="read-only-badge" data-testid="read-only" title={lock.reason ?? undefined}>View only</span>
        ) : (
          <div className="idc-history" role="group" aria-label="History">
            <span className="muted small" data-testid="revision">rev {design.data.revision}{lastChange ? ` · last: ${operationLabel(lastChange.operation)}` : ''}</span>
            <button type="button" className="toolbar-button" disabled={busy !== null || !revisions.data?.canUndo} onClick={() => void edit.run('undo', (base) => undo.mutateAsync(base))}>
              <span aria-hidden="true">↶</span> Undo
            </button>
            <button type="button" className="toolbar-button" disabled={busy !== null || !revisions.data?.canRedo} onClick={() => void edit.run('redo', (base) => redo.mutateAsync(base))}>
              <span aria-hidden="true">↷</span> Redo
            </button>
          </div>
        )}
      </header>
      {error ? (
        <div className="idc-error" role="alert">
          <p className="idc-error__message">{error.message}</p>
          {aws ? <p className="idc-error__code mono">{aws}</p> : null}
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="idc-warnings" role="status" aria-label="Saved with warnings">
          <strong>Saved, with the engine&apos;s warnings:</strong>
          <ul>{warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      ) : null}
      {instance ? (
        <>
          <section className="card idc-card" aria-label="Instance">
            <dl className="idc-summary">
              <div><dt>Instance</dt><dd className="mono">{instance.instanceArn}</dd></div>
              <div><dt>Name</dt><dd>{instance.name || '—'}</dd></div>
              <div><dt>Region</dt><dd>{instance.region}</dd></div>
              <div><dt>Identity store</dt><dd className="mono">{instance.identityStoreId}</dd></div>
              <div><dt>Management account</dt><dd><AccountLink designId={designId} accountId={instance.owner.accountId} name={instance.owner.name} /></dd></div>
              <div>
                <dt>Delegated administrators</dt>
                <dd>
                  {instance.delegatedAdministrators.length === 0 ? 'none' : instance.delegatedAdministrators.map((a, i) => (
                    <span key={a.accountId}>{i > 0 ? ', ' : ''}<AccountLink designId={designId} accountId={a.accountId} name={a.name} /></span>
                  ))}
                </dd>
              </div>
            </dl>
          </section>
          <IdentityStoreSection view={view.data} edit={edit} />
          <PermissionSetsSection view={view.data} edit={edit} />
          <AssignmentsSection view={view.data} tree={tree.data} edit={edit} />
        </>
      ) : (
        <EnableForm edit={edit} />
      )}
    </div>
  );
}

function EnableForm({ edit }: { edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const enable = useMutation(trpc.identityCenter.enable.mutationOptions());
  const [name, setName] = useState('');
  const [region, setRegion] = useState('us-east-1');
  return (
    <section className="card idc-card" aria-label="Enable IAM Identity Center">
      <h2>Enable IAM Identity Center</h2>
      <p className="muted">
        The organization instance lives in the management account (a delegated administrator can manage it). Enabling
        it turns on trusted access for <span className="mono">sso.amazonaws.com</span>.
      </p>
      <form className="idc-form" onSubmit={(event) => {
        event.preventDefault();
        void edit.run('enable', (base) => enable.mutateAsync({ ...base, ...(name.trim() ? { name: name.trim() } : {}), region }));
      }}>
        <label>Instance name (optional)<input {...edit.lock.field('text')} value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Region<input {...edit.lock.field('text')} value={region} onChange={(e) => setRegion(e.target.value)} required /></label>
        <button type="submit" className="toolbar-button toolbar-button--primary" {...edit.lock.control({ busy: edit.busy !== null })}>Enable</button>
      </form>
    </section>
  );
}
