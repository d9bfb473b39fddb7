'use client';
import { useId, useRef, useState } from 'react';
import type { EditablePolicyType } from '@/server/schemas/organizations';
import type { LibraryPolicy, PolicyTarget } from '@/server/schemas/policy-library';
import { awsLabelOf, type ApiErrorDetails } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPCClient } from '../trpc/client';
import { CheckedDocument } from './checked-document';
import { policyTypeInfo, STARTER_DOCUMENTS } from './policy-types';
import { usePolicyValidation } from './use-policy-validation';
import { useModalDialog } from './use-modal-dialog';

/** How many targets of a policy the editor names: FullAWSAccess sits on every target of a large organization. */
const NAMED_TARGETS = 8;

/** Where a policy is attached: its first targets by name, and how many more. */
function whereAttached(targets: readonly PolicyTarget[]): string {
  if (targets.length === 0) return 'Not attached.';
  const named = targets.slice(0, NAMED_TARGETS).map((target) => target.name).join(', ');
  return `Attached to ${targets.length}: ${named}${targets.length > NAMED_TARGETS ? ` and ${targets.length - NAMED_TARGETS} more` : ''}.`;
}

/** What the dialog edits: a new policy of a type, or an existing one. */
export type PolicyEditorTarget = { mode: 'create'; type: EditablePolicyType } | { mode: 'edit'; policy: LibraryPolicy };

/**
 * Create or edit a policy in a modal: name, description and the JSON document, with the engine's findings shown
 * inline as the user types (offending lines highlighted). Saving sends the document to AWS's CreatePolicy or
 * UpdatePolicy; a refusal (MalformedPolicyDocumentException, DuplicatePolicyException, ...) stays in the dialog
 * next to the fields. AWS-managed policies open read-only.
 */
export function PolicyEditorDialog({ target, onClose }: { target: PolicyEditorTarget; onClose: () => void }) {
  const designId = useEditorStore((state) => state.designId);
  const client = useTRPCClient();
  const edit = useDesignEdit();
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const existing = target.mode === 'edit' ? target.policy : null;
  const type = existing ? existing.type : (target as { type: EditablePolicyType }).type;
  const info = policyTypeInfo(type);
  const awsManaged = existing?.awsManaged === true;
  // Viewers and share links read the policy in the same dialog; its Save and Delete stay disabled, saying why.
  const lock = useEditLock(designId);
  const readOnly = awsManaged || lock.locked;

  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [content, setContent] = useState(existing?.content ?? STARTER_DOCUMENTS[type]);
  const [saveError, setSaveError] = useState<ApiErrorDetails | null>(null);
  const [saving, setSaving] = useState(false);
  const validation = usePolicyValidation(designId, type, content);

  useModalDialog(dialogRef);

  const save = async () => {
    if (readOnly) return;
    setSaving(true);
    setSaveError(null);
    const outcome = existing
      ? await edit(
          (base) => client.policy.update.mutate({
            ...base,
            policyId: existing.id,
            ...(name !== existing.name ? { name } : {}),
            ...(description !== existing.description ? { description } : {}),
            ...(content !== existing.content ? { content } : {}),
          }),
          { failureTitle: 'Policy not saved', toastOnError: false },
        )
      : await edit((base) => client.policy.create.mutate({ ...base, type, name, description, content }), {
          failureTitle: 'Policy not created',
          toastOnError: false,
        });
    setSaving(false);
    if (outcome.ok) onClose();
    else setSaveError(outcome.error);
  };

  const remove = async () => {
    if (!existing || readOnly) return;
    setSaving(true);
    const outcome = await edit((base) => client.policy.delete.mutate({ ...base, policyId: existing.id }), {
      failureTitle: 'Policy not deleted',
      toastOnError: false,
    });
    setSaving(false);
    if (outcome.ok) onClose();
    else setSaveError(outcome.error);
  };

  const title = existing ? (readOnly ? existing.name : `Edit ${existing.name}`) : `New ${info.singular}`;
  const nameError = saveError?.fieldErrors.name?.[0];

  return (
    <dialog
      ref={dialogRef}
      className="policy-editor"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form
        className="policy-editor__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!readOnly) void save();
        }}
      >
        <header className="policy-editor__header">
          <span className={`type-badge type-badge--${info.tone}`}>{info.short}</span>
          <h2 id={`${ids}-title`}>{title}</h2>
          {existing ? <span className="mono muted">{existing.awsId}</span> : null}
          <button type="button" className="icon-button" aria-label="Close the policy editor" onClick={onClose}>×</button>
        </header>

        {existing ? <p className="muted small policy-editor__targets">{whereAttached(existing.targets)}</p> : null}
        {lock.reason ? <p className="policy-editor__note" data-testid="edit-lock-note">{lock.reason}.</p> : null}
        {awsManaged ? (
          <p className="policy-editor__note">Managed by AWS: it can be attached and detached, not changed (AWS answers IMMUTABLE_POLICY).</p>
        ) : null}

        <div className="policy-editor__fields">
          <div className="field">
            <label htmlFor={`${ids}-name`}>Name</label>
            <input
              id={`${ids}-name`}
              value={name}
              readOnly={readOnly}
              required
              maxLength={128}
              aria-invalid={nameError ? true : undefined}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-description`}>Description</label>
            <input id={`${ids}-description`} value={description} readOnly={readOnly} maxLength={512} onChange={(event) => setDescription(event.target.value)} />
          </div>
        </div>

        <CheckedDocument label="Policy document (JSON)" content={content} onChange={setContent} readOnly={readOnly} validation={validation} />

        {saveError ? (
          <div className="policy-editor__error" role="alert">
            <strong>{awsLabelOf(saveError) ?? 'Not saved'}</strong>
            <span>{saveError.message}</span>
          </div>
        ) : null}

        <footer className="policy-editor__footer">
          {existing && !awsManaged ? (
            <button
              type="button"
              className="toolbar-button toolbar-button--danger"
              {...lock.control({ busy: saving, title: existing.targets.length > 0 ? 'AWS refuses to delete an attached policy (PolicyInUseException): detach it first.' : undefined })}
              onClick={() => void remove()}
            >
              Delete
            </button>
          ) : null}
          <span className="editor-top-bar__spacer" />
          <button type="button" className="toolbar-button" onClick={onClose}>{readOnly ? 'Close' : 'Cancel'}</button>
          {awsManaged ? null : (
            <button type="submit" className="toolbar-button toolbar-button--primary" {...lock.control({ busy: saving })}>
              {saving ? 'Saving…' : existing ? 'Save changes' : 'Create policy'}
            </button>
          )}
        </footer>
      </form>
    </dialog>
  );
}
