'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { IamAccount, IamGroupView, IamUserView } from '@/server/schemas/iam';
import { FormDialog } from '../editor-base/form-dialog';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { IAM_PAGES, IamListMore, IamListSearch, LazyDetails, pagedItems, useIamListSearch } from './iam-list-paging';
import { IamTags } from './iam-tags';
import { PrincipalPolicies } from './principal-policies';
import { useIamEdit } from './use-iam-edit';

type Dialog =
  | { kind: 'create-user' }
  | { kind: 'create-group' }
  | { kind: 'rename-user'; user: IamUserView }
  | { kind: 'rename-group'; group: IamGroupView };

/** Splits "a, b" into summary words. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The account's users and groups, each list a page at a time from the API (iam.users, iam.groups: 50 by name, "Show
 * more", a search over the names), an entry's editor drawn when it is opened: create, rename or move (UpdateUser /
 * UpdateGroup), delete (AWS's DeleteConflict while memberships or policies remain shows in a toast), group
 * memberships, and each one's policies.
 */
export function IamUsersGroupsSection({ iam }: { iam: IamAccount }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { client, run, lock } = useIamEdit(iam.account.id);
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const userSearch = useIamListSearch();
  const groupSearch = useIamListSearch();
  const userPages = useInfiniteQuery(trpc.iam.users.infiniteQueryOptions({ designId, accountId: iam.account.id, ...(userSearch.wanted ? { search: userSearch.wanted } : {}) }, IAM_PAGES));
  const groupPages = useInfiniteQuery(trpc.iam.groups.infiniteQueryOptions({ designId, accountId: iam.account.id, ...(groupSearch.wanted ? { search: groupSearch.wanted } : {}) }, IAM_PAGES));
  const users = pagedItems(userPages.data);
  const groups = pagedItems(groupPages.data);

  return (
    <>
      <section className="inspector-section" aria-label="IAM users">
        <div className="inspector-section__head">
          <h3 className="inspector-section__title">Users <span className="muted">{users.total === undefined ? '…' : users.total.toLocaleString('en-US')}</span></h3>
          <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create-user' })}>Create user</button>
        </div>
        <IamListSearch noun="users" value={userSearch.search} total={users.total} onChange={userSearch.setSearch} />
        {userPages.isError ? <p className="field__error" role="alert">The users could not be loaded: {userPages.error.message}</p> : null}
        {users.total === 0 && userSearch.wanted === '' ? <p className="empty-state small">No IAM users: people reach this account through roles.</p> : null}
        {users.items.map((user) => (
          <LazyDetails key={user.id} summary={
            <summary className="role__summary">
              <span className="role__name">{user.name}</span>
              <span className="muted small">
                {[user.groups.length > 0 ? `groups: ${user.groups.join(', ')}` : null, count(user.attachedPolicies.length + user.inlinePolicies.length, 'policy', 'policies'), user.permissionsBoundaryArn ? 'boundary' : null].filter(Boolean).join(' · ')}
              </span>
            </summary>
          }>{() => (
            <div className="role__body">
              <p className="mono role__arn">{user.arn}</p>
              <div className="iam-editor__actions">
                <button type="button" className="toolbar-button" {...lock.control()} aria-label={`Rename or move user ${user.name}`} onClick={() => setDialog({ kind: 'rename-user', user })}>Rename, path</button>
                <button
                  type="button"
                  className="toolbar-button toolbar-button--danger"
                  aria-label={`Delete user ${user.name}`}
                  {...lock.control({ title: 'AWS refuses while the user is in groups or has policies (DeleteConflict).' })}
                  onClick={() => void run((base) => client.iam.deleteUser.mutate({ ...base, userName: user.name }), { failure: 'User not deleted', done: `Deleted user ${user.name}` })}
                >
                  Delete user
                </button>
              </div>
              <Memberships iam={iam} user={user} />
              <PrincipalPolicies account={iam} type="user" name={user.name} attachedPolicies={user.attachedPolicies} inlinePolicies={user.inlinePolicies} permissionsBoundaryArn={user.permissionsBoundaryArn} />
              <IamTags accountId={iam.account.id} resourceType="user" resourceName={user.name} label={`user ${user.name}`} tags={user.tags} />
            </div>
          )}</LazyDetails>
        ))}
        {users.total !== undefined ? (
          <IamListMore noun="users" shown={users.items.length} total={users.total} search={userSearch.wanted} hasMore={userPages.hasNextPage} loading={userPages.isFetchingNextPage} onMore={() => void userPages.fetchNextPage()} />
        ) : null}
      </section>

      <section className="inspector-section" aria-label="IAM groups">
        <div className="inspector-section__head">
          <h3 className="inspector-section__title">Groups <span className="muted">{groups.total === undefined ? '…' : groups.total.toLocaleString('en-US')}</span></h3>
          <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create-group' })}>Create group</button>
        </div>
        <IamListSearch noun="groups" value={groupSearch.search} total={groups.total} onChange={groupSearch.setSearch} />
        {groupPages.isError ? <p className="field__error" role="alert">The groups could not be loaded: {groupPages.error.message}</p> : null}
        {groups.total === 0 && groupSearch.wanted === '' ? <p className="empty-state small">No IAM groups.</p> : null}
        {groups.items.map((group) => (
          <LazyDetails key={group.id} summary={
            <summary className="role__summary">
              <span className="role__name">{group.name}</span>
              <span className="muted small">{count(group.members.length, 'member', 'members')} · {count(group.attachedPolicies.length + group.inlinePolicies.length, 'policy', 'policies')}</span>
            </summary>
          }>{() => (
            <div className="role__body">
              <p className="mono role__arn">{group.arn}</p>
              {group.members.length > 0 ? <p className="small">Members: {group.members.join(', ')}</p> : null}
              <div className="iam-editor__actions">
                <button type="button" className="toolbar-button" {...lock.control()} aria-label={`Rename or move group ${group.name}`} onClick={() => setDialog({ kind: 'rename-group', group })}>Rename, path</button>
                <button
                  type="button"
                  className="toolbar-button toolbar-button--danger"
                  aria-label={`Delete group ${group.name}`}
                  {...lock.control({ title: 'AWS refuses while the group has members or policies (DeleteConflict).' })}
                  onClick={() => void run((base) => client.iam.deleteGroup.mutate({ ...base, groupName: group.name }), { failure: 'Group not deleted', done: `Deleted group ${group.name}` })}
                >
                  Delete group
                </button>
              </div>
              <PrincipalPolicies account={iam} type="group" name={group.name} attachedPolicies={group.attachedPolicies} inlinePolicies={group.inlinePolicies} />
            </div>
          )}</LazyDetails>
        ))}
        {groups.total !== undefined ? (
          <IamListMore noun="groups" shown={groups.items.length} total={groups.total} search={groupSearch.wanted} hasMore={groupPages.hasNextPage} loading={groupPages.isFetchingNextPage} onMore={() => void groupPages.fetchNextPage()} />
        ) : null}
      </section>

      {dialog?.kind === 'create-user' ? (
        <FormDialog
          title="Create user"
          fields={[{ name: 'userName', label: 'User name', required: true }, { name: 'path', label: 'Path', initial: '/' }]}
          submitLabel="Create user"
          onSubmit={(values) => run((base) => client.iam.createUser.mutate({ ...base, userName: values.userName.trim(), path: values.path || '/' }), { failure: 'User not created', toastOnError: false, done: `Created user ${values.userName.trim()}` })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'create-group' ? (
        <FormDialog
          title="Create group"
          fields={[{ name: 'groupName', label: 'Group name', required: true }, { name: 'path', label: 'Path', initial: '/' }]}
          submitLabel="Create group"
          onSubmit={(values) => run((base) => client.iam.createGroup.mutate({ ...base, groupName: values.groupName.trim(), path: values.path || '/' }), { failure: 'Group not created', toastOnError: false, done: `Created group ${values.groupName.trim()}` })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'rename-user' ? (
        <FormDialog
          title={`Rename user ${dialog.user.name}`}
          fields={[{ name: 'newUserName', label: 'User name', initial: dialog.user.name, required: true }, { name: 'newPath', label: 'Path', initial: dialog.user.path }]}
          submitLabel="Save user"
          onSubmit={(values) => run((base) => client.iam.updateUser.mutate({ ...base, userName: dialog.user.name, newUserName: values.newUserName.trim(), newPath: values.newPath }), { failure: 'User not saved', toastOnError: false })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'rename-group' ? (
        <FormDialog
          title={`Rename group ${dialog.group.name}`}
          fields={[{ name: 'newGroupName', label: 'Group name', initial: dialog.group.name, required: true }, { name: 'newPath', label: 'Path', initial: dialog.group.path }]}
          submitLabel="Save group"
          onSubmit={(values) => run((base) => client.iam.updateGroup.mutate({ ...base, groupName: dialog.group.name, newGroupName: values.newGroupName.trim(), newPath: values.newPath }), { failure: 'Group not saved', toastOnError: false })}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}

/** A user's groups (Remove each; add to another: LimitExceeded past the groups-per-user quota shows in a toast). */
function Memberships({ iam, user }: { iam: IamAccount; user: IamUserView }) {
  const ids = useId();
  const { client, run, lock } = useIamEdit(iam.account.id);
  const [choice, setChoice] = useState('');
  const others = iam.groups.filter((g) => !user.groups.includes(g.name));
  return (
    <div className="iam-policies">
      <h4 className="iam-policies__title">Groups <span className="muted">{user.groups.length}</span></h4>
      <ul className="attached-list">
        {user.groups.map((group) => (
          <li key={group} className="attached-item">
            <span className="attached-item__name">{group}</span>
            <button
              type="button"
              className="toolbar-button"
              {...lock.control()}
              aria-label={`Remove ${user.name} from group ${group}`}
              onClick={() => void run((base) => client.iam.removeUserFromGroup.mutate({ ...base, groupName: group, userName: user.name }), { failure: 'Not removed from group' })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <form
          className="attach-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!choice) return;
            void run((base) => client.iam.addUserToGroup.mutate({ ...base, groupName: choice, userName: user.name }), { failure: 'Not added to group' }).then((o) => o.ok && setChoice(''));
          }}
        >
          <label className="visually-hidden" htmlFor={`${ids}-group`}>Group to add {user.name} to</label>
          <select {...lock.field('choice')} id={`${ids}-group`} value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="">Add to a group…</option>
            {others.map((g) => <option key={g.id} value={g.name}>{g.name}</option>)}
          </select>
          <button type="submit" className="toolbar-button" {...lock.control({ busy: !choice })} aria-label={`Add ${user.name} to the chosen group`}>Add</button>
        </form>
      ) : null}
    </div>
  );
}
