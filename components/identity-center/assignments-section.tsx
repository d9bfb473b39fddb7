'use client';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { IdentityCenterView } from '@/server/schemas/identity-center';
import type { OrgTree } from '@/server/schemas/org';
import { useTRPC } from '../trpc/client';
import { AccountLink } from './account-link';
import type { IdentityCenterEdit } from './identity-center-edit';

type PrincipalType = 'USER' | 'GROUP';

/**
 * Account assignments (CreateAccountAssignment / DeleteAccountAssignment): a permission set for a user or a group in
 * a member account, each with the AWSReservedSSO_ role it materialises there (one role per permission set and
 * account, shared by every assignment of that pair), linked to the account in the editor.
 */
export function AssignmentsSection({ view, tree, edit }: { view: IdentityCenterView; tree: OrgTree; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.identityCenter.createAccountAssignment.mutationOptions());
  const remove = useMutation(trpc.identityCenter.deleteAccountAssignment.mutationOptions());
  const accounts = useMemo(() => [...tree.accounts].sort((a, b) => a.name.localeCompare(b.name)), [tree.accounts]);
  const [permissionSet, setPermissionSet] = useState('');
  const [accountId, setAccountId] = useState('');
  const [principalType, setPrincipalType] = useState<PrincipalType>('GROUP');
  const [principal, setPrincipal] = useState('');
  const [filter, setFilter] = useState('');
  const principals = principalType === 'USER' ? view.users.map((u) => ({ id: u.userId, name: u.userName })) : view.groups.map((g) => ({ id: g.groupId, name: g.displayName }));
  const chosen = {
    permissionSetArn: permissionSet || view.permissionSets[0]?.arn || '',
    targetId: accountId || accounts.find((a) => !a.isManagement)?.accountId || '',
    principalId: principal && principals.some((p) => p.id === principal) ? principal : principals[0]?.id || '',
  };
  const roleOf = new Map(view.provisioning.map((p) => [`${p.permissionSetArn}|${p.accountId}`, p]));
  const needle = filter.trim().toLowerCase();
  const rows = view.assignments.filter((a) => !needle || [a.permissionSetName, a.accountName, a.accountId, a.principalName].some((text) => text.toLowerCase().includes(needle)));
  return (
    <section className="card idc-card" aria-labelledby="idc-assignments">
      <h2 id="idc-assignments">Account assignments <span className="muted small">({view.assignments.length})</span></h2>
      <form className="idc-inline-form" aria-label="Assign a permission set" onSubmit={(event) => {
        event.preventDefault();
        void edit.run('assign', (base) => create.mutateAsync({ ...base, ...chosen, principalType }));
      }}>
        <select {...edit.lock.field('choice')} aria-label="Permission set to assign" value={chosen.permissionSetArn} onChange={(e) => setPermissionSet(e.target.value)}>
          {view.permissionSets.map((ps) => <option key={ps.arn} value={ps.arn}>{ps.name}</option>)}
        </select>
        <span className="muted small">for</span>
        <select {...edit.lock.field('choice')} aria-label="Principal type" value={principalType} onChange={(e) => setPrincipalType(e.target.value as PrincipalType)}>
          <option value="GROUP">group</option>
          <option value="USER">user</option>
        </select>
        <select {...edit.lock.field('choice')} aria-label={principalType === 'USER' ? 'User' : 'Group'} value={chosen.principalId} onChange={(e) => setPrincipal(e.target.value)}>
          {principals.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <span className="muted small">in</span>
        <select {...edit.lock.field('choice')} aria-label="Target account" value={chosen.targetId} onChange={(e) => setAccountId(e.target.value)}>
          {accounts.map((a) => <option key={a.id} value={a.accountId}>{a.name} ({a.accountId}){a.isManagement ? ' · management' : ''}</option>)}
        </select>
        <button type="submit" className="toolbar-button toolbar-button--primary" {...edit.lock.control({ busy: edit.busy !== null || !chosen.permissionSetArn || !chosen.principalId || !chosen.targetId })}>
          Assign
        </button>
      </form>
      {view.assignments.length > 8 ? (
        <input type="search" className="idc-filter" aria-label="Filter assignments" placeholder="Filter by permission set, account or principal" value={filter} onChange={(e) => setFilter(e.target.value)} />
      ) : null}
      {rows.length === 0 ? <p className="muted">{view.assignments.length === 0 ? 'No assignments yet.' : 'No assignment matches the filter.'}</p> : (
        <table className="data-table idc-table" aria-label="Account assignments">
          <thead>
            <tr>
              <th scope="col">Permission set</th>
              <th scope="col">Principal</th>
              <th scope="col">Account</th>
              <th scope="col">Role in the account</th>
              <th scope="col"><span className="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const role = roleOf.get(`${a.permissionSetArn}|${a.accountId}`);
              const key = `${a.permissionSetArn}|${a.accountId}|${a.principalType}:${a.principalId}`;
              return (
                <tr key={key}>
                  <td>{a.permissionSetName}</td>
                  <td><span className="muted small">{a.principalType === 'USER' ? 'user' : 'group'}</span> {a.principalName}</td>
                  <td><AccountLink designId={edit.designId} accountId={a.accountId} name={a.accountName} /></td>
                  <td>
                    {role ? (
                      <>
                        <span className="mono" title={role.roleArn}>{role.roleName}</span>
                        {role.status === 'FAILED' ? <div className="idc-failed small">Provisioning failed: {role.failureReason}</div> : null}
                      </>
                    ) : <span className="muted small">—</span>}
                  </td>
                  <td>
                    <button type="button" className="toolbar-button" aria-label={`Remove ${a.permissionSetName} for ${a.principalName} in ${a.accountName || a.accountId}`} {...edit.lock.control({ busy: edit.busy !== null })}
                      onClick={() => void edit.run(`assignment:${key}`, (base) => remove.mutateAsync({
                        ...base, permissionSetArn: a.permissionSetArn, targetId: a.accountId, principalType: a.principalType, principalId: a.principalId,
                      }))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
