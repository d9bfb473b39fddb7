'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { IdentityCenterView } from '@/server/schemas/identity-center';
import { useTRPC } from '../trpc/client';
import type { IdentityCenterEdit } from './identity-center-edit';
import { PermissionSetDetail } from './permission-set-detail';

/** The instance's permission sets: a list to pick from, the chosen one's editor, and a form to create one. */
export function PermissionSetsSection({ view, edit }: { view: IdentityCenterView; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.identityCenter.createPermissionSet.mutationOptions());
  const [selectedArn, setSelectedArn] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [sessionDuration, setSessionDuration] = useState('PT1H');
  // Chosen by ARN, or by name right after creating one (its ARN arrives with the refreshed view).
  const selected = view.permissionSets.find((ps) => ps.arn === selectedArn || ps.name === selectedArn) ?? view.permissionSets[0] ?? null;
  return (
    <section className="card idc-card" aria-labelledby="idc-permission-sets">
      <h2 id="idc-permission-sets">Permission sets <span className="muted small">({view.permissionSets.length})</span></h2>
      <div className="idc-master-detail">
        <div>
          <ul className="idc-picker" aria-label="Permission sets">
            {view.permissionSets.map((ps) => {
              const accounts = new Set(view.assignments.filter((a) => a.permissionSetArn === ps.arn).map((a) => a.accountId)).size;
              return (
                <li key={ps.arn}>
                  <button type="button" className={`idc-picker__item${ps.arn === selected?.arn ? ' idc-picker__item--selected' : ''}`}
                    aria-pressed={ps.arn === selected?.arn} onClick={() => setSelectedArn(ps.arn)}>
                    <strong>{ps.name}</strong>
                    <span className="muted small">{accounts === 0 ? 'not assigned' : `${accounts} account${accounts === 1 ? '' : 's'}`} · {ps.sessionDuration}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <form className="idc-form" aria-label="Create permission set" onSubmit={(event) => {
            event.preventDefault();
            void edit.run('createPermissionSet', (base) => create.mutateAsync({ ...base, name, ...(description ? { description } : {}), sessionDuration }))
              .then((saved) => {
                if (!saved) return;
                setSelectedArn(name);
                setName('');
                setDescription('');
              });
          }}>
            <h3>New permission set</h3>
            <label>Name<input {...edit.lock.field('text')} aria-label="Permission set name" value={name} onChange={(e) => setName(e.target.value)} required /></label>
            <label>Description<input {...edit.lock.field('text')} aria-label="Permission set description" value={description} onChange={(e) => setDescription(e.target.value)} /></label>
            <label>Session duration<input {...edit.lock.field('text')} aria-label="Session duration" value={sessionDuration} onChange={(e) => setSessionDuration(e.target.value)} placeholder="PT1H to PT12H" /></label>
            <button type="submit" className="toolbar-button toolbar-button--primary" {...edit.lock.control({ busy: edit.busy !== null })}>Create permission set</button>
          </form>
        </div>
        {selected ? (
          <PermissionSetDetail key={selected.arn} permissionSet={selected} view={view} edit={edit} onDeleted={() => setSelectedArn(null)} />
        ) : (
          <p className="muted">No permission sets yet: create one, attach policies, then assign it to a user or group in an account.</p>
        )}
      </div>
    </section>
  );
}
