'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DESIGN_NAME_MAX_LENGTH, designNameSchema, type DesignListItem } from '@/server/schemas/design';
import { downloadFile } from '../export/download';
import { editLockOf } from '../sharing/use-edit-lock';
import { useTRPC, useTRPCClient } from '../trpc/client';

const EXPORTS = [
  { format: 'bundle', label: 'JSON bundle' },
  { format: 'terraform', label: 'Terraform' },
  { format: 'cloudformation', label: 'CloudFormation' },
] as const;

/** A free "Copy of …" name: the first of "Copy of X", "Copy of X (2)", … no design has, within the length limit. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  for (let index = 1; ; index++) {
    const suffix = index === 1 ? '' : ` (${index})`;
    const base = `Copy of ${name}`.slice(0, DESIGN_NAME_MAX_LENGTH - suffix.length).trimEnd();
    if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
  }
}

/** One design's actions on the designs page: rename in place, duplicate, export, delete (with confirmation). */
export function DesignActions({ design, names, onDelete }: { design: DesignListItem; names: ReadonlySet<string>; onDelete: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const ids = useId();
  const [renaming, setRenaming] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  // What the caller's role allows (design.list says): viewers and share links do not rename, only owners delete, and
  // a share link cannot copy (a copy needs an owner who signed in).
  const lock = editLockOf({ canEdit: design.role !== 'VIEWER', viaShareLink: design.viaShareLink });
  const deleteReason = lock.reason ?? (design.role === 'OWNER' ? null : 'Only owners delete a design');
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.design.list.queryKey() });

  const rename = useMutation(trpc.design.rename.mutationOptions({
    onSuccess: async () => { setRenaming(false); setMessage(null); await refreshList(); },
    onError: (error) => setMessage({ tone: 'error', text: error.data?.fieldErrors?.name?.[0] ?? error.message }),
  }));
  const duplicate = useMutation(trpc.history.branch.mutationOptions({
    onSuccess: async () => { setMessage({ tone: 'info', text: 'Duplicated.' }); await refreshList(); },
    onError: (error) => setMessage({ tone: 'error', text: error.message }),
  }));

  useEffect(() => {
    if (confirming) dialog.current?.showModal();
    else dialog.current?.close();
  }, [confirming]);

  const submitRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = designNameSchema.safeParse(new FormData(event.currentTarget).get('name'));
    if (!parsed.success) return setMessage({ tone: 'error', text: parsed.error.issues[0].message });
    if (parsed.data === design.name) return setRenaming(false);
    rename.mutate({ designId: design.id, name: parsed.data });
  };

  const exportAs = async (format: (typeof EXPORTS)[number]['format']) => {
    try {
      const file = await client.interchange.export.query({ designId: design.id, format });
      downloadFile(file.fileName, file.content, 'application/json');
    } catch (error) {
      setMessage({ tone: 'error', text: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div className="design-actions">
      {renaming ? (
        <form className="design-actions__rename" onSubmit={submitRename} aria-label={`Rename ${design.name}`}>
          <label htmlFor={`${ids}-name`} className="visually-hidden">New name for {design.name}</label>
          <input id={`${ids}-name`} name="name" defaultValue={design.name} maxLength={DESIGN_NAME_MAX_LENGTH} autoFocus
            onKeyDown={(event) => event.key === 'Escape' && (setRenaming(false), setMessage(null))} />
          <button type="submit" className="button button--small" disabled={rename.isPending}>{rename.isPending ? 'Saving…' : 'Save'}</button>
          <button type="button" className="button button--small" onClick={() => { setRenaming(false); setMessage(null); }}>Cancel</button>
        </form>
      ) : (
        <>
          <button type="button" className="button button--small" aria-label={`Rename ${design.name}`} {...lock.control()} onClick={() => setRenaming(true)}>Rename</button>
          <button type="button" className="button button--small" aria-label={`Duplicate ${design.name}`}
            disabled={duplicate.isPending || design.viaShareLink} data-locked={design.viaShareLink || undefined}
            title={design.viaShareLink ? `${lock.reason}: sign in to copy it` : 'A copy of the design at its current revision, with its history'}
            onClick={() => duplicate.mutate({ designId: design.id, newName: copyName(design.name, names) })}>
            {duplicate.isPending ? 'Copying…' : 'Duplicate'}
          </button>
          <select className="button button--small design-actions__export" aria-label={`Export ${design.name}`} value=""
            onChange={(event) => { const format = event.target.value as (typeof EXPORTS)[number]['format']; event.target.value = ''; if (format) void exportAs(format); }}>
            <option value="">Export…</option>
            {EXPORTS.map((entry) => <option key={entry.format} value={entry.format}>{entry.label}</option>)}
          </select>
          <button type="button" className="button button--small button--danger" aria-label={`Delete ${design.name}`} disabled={deleteReason !== null}
            data-locked={deleteReason !== null || undefined} title={deleteReason ?? undefined} onClick={() => setConfirming(true)}>Delete</button>
        </>
      )}
      {message ? <p className={message.tone === 'error' ? 'field__error' : 'muted small'} role={message.tone === 'error' ? 'alert' : 'status'}>{message.text}</p> : null}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${ids}-confirm`} onClose={() => setConfirming(false)}>
        <h2 id={`${ids}-confirm`}>Delete “{design.name}”?</h2>
        <p>
          Its organization ({design.counts.orgUnits} OUs, {design.counts.accounts} accounts), IAM and history go with it. You can
          undo for a few seconds while this page stays open.
        </p>
        <div className="confirm-dialog__actions">
          <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>Cancel</button>
          <button type="button" className="button button--danger-solid" onClick={() => { setConfirming(false); onDelete(); }}>Delete design</button>
        </div>
      </dialog>
    </div>
  );
}
