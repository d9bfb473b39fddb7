'use client';
// Members and share links of a design (shown when sign-in is on): everyone with a role sees who else has one;
// owners give roles by user name, remove members, and make or revoke read-only share links. The server decides
// (server/services/auth): this dialog only offers what the caller's role allows and shows the server's refusals.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DesignRole } from '@/server/schemas/auth';
import { describeApiError } from '../editor-base/api-error';
import { useTRPC } from '../trpc/client';
import './sharing.css';

const ROLE_LABELS: Record<DesignRole, string> = { OWNER: 'Owner', EDITOR: 'Editor', VIEWER: 'Viewer' };

/** The top-bar button that opens the members dialog. */
export function MembersButton({ designId, canManage }: { designId: string; canManage: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="toolbar-button" onClick={() => setOpen(true)}>
        {canManage ? 'Share' : 'Members'}
      </button>
      {open ? <MembersDialog designId={designId} canManage={canManage} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function MembersDialog({ designId, canManage, onClose }: { designId: string; canManage: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions({ designId }));
  const links = useQuery({ ...trpc.shareLinks.list.queryOptions({ designId }), enabled: canManage });
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<DesignRole>('EDITOR');
  const [error, setError] = useState<string | null>(null);
  const [createdLink, setCreatedLink] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const onError = (caught: unknown) => setError(describeApiError(caught).message);
  const refreshMembers = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ designId }) });
  const refreshLinks = () => queryClient.invalidateQueries({ queryKey: trpc.shareLinks.list.queryKey({ designId }) });
  const setMember = useMutation(trpc.members.set.mutationOptions({ onSuccess: () => { setUsername(''); setError(null); void refreshMembers(); }, onError }));
  const removeMember = useMutation(trpc.members.remove.mutationOptions({ onSuccess: () => { setError(null); void refreshMembers(); }, onError }));
  const createLink = useMutation(
    trpc.shareLinks.create.mutationOptions({
      onSuccess: (link) => {
        setError(null);
        setCreatedLink(`${window.location.origin}${link.path}`);
        void refreshLinks();
      },
      onError,
    }),
  );
  const revokeLink = useMutation(trpc.shareLinks.revoke.mutationOptions({ onSuccess: () => { setError(null); void refreshLinks(); }, onError }));

  const add = (event: FormEvent) => {
    event.preventDefault();
    setMember.mutate({ designId, username: username.trim(), role });
  };

  return (
    <dialog ref={ref} className="form-dialog members-dialog" aria-labelledby={titleId} onCancel={onClose} onClose={onClose}>
      <h2 id={titleId} className="form-dialog__title">Members and share links</h2>
      {error ? (
        <div className="form-dialog__error" role="alert">
          <span>{error}</span>
        </div>
      ) : null}
      <section aria-label="Members">
        <h3 className="members-dialog__heading">Members</h3>
        {members.isPending ? <p className="muted">Loading…</p> : null}
        <ul className="members-dialog__list">
          {members.data?.map((member) => (
            <li key={member.userId} data-testid={`member-${member.username}`}>
              <span className="members-dialog__name">{member.displayName || member.username}</span>
              {member.displayName ? <span className="muted"> ({member.username})</span> : null}
              {canManage ? (
                <>
                  <select
                    aria-label={`Role of ${member.username}`}
                    value={member.role}
                    onChange={(event) => setMember.mutate({ designId, username: member.username, role: event.target.value as DesignRole })}
                  >
                    {Object.entries(ROLE_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="toolbar-button toolbar-button--danger" onClick={() => removeMember.mutate({ designId, username: member.username })}>
                    Remove
                  </button>
                </>
              ) : (
                <span className="members-dialog__role">{ROLE_LABELS[member.role]}</span>
              )}
            </li>
          ))}
        </ul>
        {canManage ? (
          <form className="members-dialog__add" onSubmit={add}>
            <label>
              User name
              <input value={username} onChange={(event) => setUsername(event.target.value)} required autoComplete="off" name="username" />
            </label>
            <label>
              Role
              <select value={role} onChange={(event) => setRole(event.target.value as DesignRole)} name="role">
                {Object.entries(ROLE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="toolbar-button" disabled={!username.trim() || setMember.isPending}>
              Add member
            </button>
          </form>
        ) : (
          <p className="muted">Only owners change members.</p>
        )}
      </section>
      {canManage ? (
        <section aria-label="Share links">
          <h3 className="members-dialog__heading">Read-only share links</h3>
          <p className="muted">Anyone with a link can view this design without an account, until you revoke it.</p>
          <button type="button" className="toolbar-button" onClick={() => createLink.mutate({ designId })} disabled={createLink.isPending}>
            Create a share link
          </button>
          {createdLink ? (
            <p className="members-dialog__created">
              Copy it now, it is shown once: <input readOnly value={createdLink} aria-label="New share link" onFocus={(event) => event.target.select()} />
            </p>
          ) : null}
          <ul className="members-dialog__list">
            {links.data?.map((link) => (
              <li key={link.id} data-testid="share-link">
                <span>
                  Made {link.createdAt.toLocaleString()} {link.createdBy ? `by ${link.createdBy}` : ''}
                </span>
                {link.revokedAt ? (
                  <span className="muted">revoked {link.revokedAt.toLocaleString()}</span>
                ) : (
                  <button type="button" className="toolbar-button toolbar-button--danger" onClick={() => revokeLink.mutate({ designId, linkId: link.id })}>
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="form-dialog__actions">
        <button type="button" className="toolbar-button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
