'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { IdentityCenterView } from '@/server/schemas/identity-center';
import { BreakableId } from '../editor-base/breakable-id';
import { useTRPC } from '../trpc/client';
import type { IdentityCenterEdit } from './identity-center-edit';

/** The identity store: users and groups side by side, group memberships on the groups (identitystore API). */
export function IdentityStoreSection({ view, edit }: { view: IdentityCenterView; edit: IdentityCenterEdit }) {
  return (
    <div className="idc-columns">
      <UsersCard view={view} edit={edit} />
      <GroupsCard view={view} edit={edit} />
    </div>
  );
}

function UsersCard({ view, edit }: { view: IdentityCenterView; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const createUser = useMutation(trpc.identityCenter.createUser.mutationOptions());
  const deleteUser = useMutation(trpc.identityCenter.deleteUser.mutationOptions());
  const [userName, setUserName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  return (
    <section className="card idc-card" aria-labelledby="idc-users">
      <h2 id="idc-users">Users <span className="muted small">({view.users.length})</span></h2>
      {view.users.length === 0 ? <p className="muted">No users yet.</p> : (
        <ul className="idc-list" aria-label="Users">
          {view.users.map((user) => (
            <li key={user.userId} className="idc-row">
              <span>
                <strong>{user.userName}</strong> <span className="muted">{user.displayName}{user.email ? <> · <BreakableId text={user.email} /></> : null}</span>
                <span className="idc-row__meta">{user.groups.length > 0 ? `Groups: ${user.groups.join(', ')}` : 'In no group'}</span>
              </span>
              <button type="button" className="toolbar-button toolbar-button--danger" aria-label={`Delete user ${user.userName}`} {...edit.lock.control({ busy: edit.busy !== null })}
                onClick={() => void edit.run(`user:${user.userId}`, (base) => deleteUser.mutateAsync({ ...base, userId: user.userId }))}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="idc-inline-form" aria-label="Create user" onSubmit={(event) => {
        event.preventDefault();
        void edit.run('createUser', (base) => createUser.mutateAsync({ ...base, userName, displayName: displayName || userName, ...(email ? { email } : {}) }))
          .then((saved) => { if (saved) { setUserName(''); setDisplayName(''); setEmail(''); } });
      }}>
        <input {...edit.lock.field('text')} aria-label="User name" placeholder="User name" value={userName} onChange={(e) => setUserName(e.target.value)} required />
        <input {...edit.lock.field('text')} aria-label="Display name" placeholder="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <input {...edit.lock.field('text')} aria-label="Email" placeholder="Email (optional)" value={email} onChange={(e) => setEmail(e.target.value)} />
        <button type="submit" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}>Create user</button>
      </form>
    </section>
  );
}

function GroupsCard({ view, edit }: { view: IdentityCenterView; edit: IdentityCenterEdit }) {
  const trpc = useTRPC();
  const createGroup = useMutation(trpc.identityCenter.createGroup.mutationOptions());
  const deleteGroup = useMutation(trpc.identityCenter.deleteGroup.mutationOptions());
  const addMember = useMutation(trpc.identityCenter.createGroupMembership.mutationOptions());
  const removeMember = useMutation(trpc.identityCenter.deleteGroupMembership.mutationOptions());
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [newMember, setNewMember] = useState<Record<string, string>>({});
  return (
    <section className="card idc-card" aria-labelledby="idc-groups">
      <h2 id="idc-groups">Groups <span className="muted small">({view.groups.length})</span></h2>
      {view.groups.length === 0 ? <p className="muted">No groups yet.</p> : (
        <ul className="idc-list" aria-label="Groups">
          {view.groups.map((group) => {
            const candidates = view.users.filter((u) => !group.members.includes(u.userName));
            const chosen = newMember[group.groupId] ?? candidates[0]?.userName ?? '';
            return (
              <li key={group.groupId} className="idc-row" aria-label={`Group ${group.displayName}`}>
                <span>
                  <strong>{group.displayName}</strong>{group.description ? <span className="muted"> {group.description}</span> : null}
                  <span className="idc-row__meta">
                    Members:{' '}
                    {group.members.length === 0 ? 'none' : group.members.map((member) => (
                      <span key={member} className="idc-chip">
                        {member}
                        <button type="button" className="idc-chip__remove" aria-label={`Remove ${member} from ${group.displayName}`} {...edit.lock.control({ busy: edit.busy !== null })}
                          onClick={() => void edit.run(`member:${group.groupId}`, (base) => removeMember.mutateAsync({ ...base, groupId: group.groupId, userId: member }))}>
                          ×
                        </button>
                      </span>
                    ))}
                  </span>
                  {candidates.length === 0 ? null : (
                    <span className="idc-row__meta">
                      <select {...edit.lock.field('choice')} aria-label={`User to add to ${group.displayName}`} value={chosen} onChange={(e) => setNewMember({ ...newMember, [group.groupId]: e.target.value })}>
                        {candidates.map((u) => <option key={u.userId} value={u.userName}>{u.userName}</option>)}
                      </select>{' '}
                      <button type="button" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null || !chosen })}
                        onClick={() => void edit.run(`member:${group.groupId}`, (base) => addMember.mutateAsync({ ...base, groupId: group.groupId, userId: chosen }))}>
                        Add member
                      </button>
                    </span>
                  )}
                </span>
                <button type="button" className="toolbar-button toolbar-button--danger" aria-label={`Delete group ${group.displayName}`} {...edit.lock.control({ busy: edit.busy !== null })}
                  onClick={() => void edit.run(`group:${group.groupId}`, (base) => deleteGroup.mutateAsync({ ...base, groupId: group.groupId }))}>
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="idc-inline-form" aria-label="Create group" onSubmit={(event) => {
        event.preventDefault();
        void edit.run('createGroup', (base) => createGroup.mutateAsync({ ...base, displayName, ...(description ? { description } : {}) }))
          .then((saved) => { if (saved) { setDisplayName(''); setDescription(''); } });
      }}>
        <input {...edit.lock.field('text')} aria-label="Group name" placeholder="Group name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        <input {...edit.lock.field('text')} aria-label="Group description" placeholder="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} />
        <button type="submit" className="toolbar-button" {...edit.lock.control({ busy: edit.busy !== null })}>Create group</button>
      </form>
    </section>
  );
}
