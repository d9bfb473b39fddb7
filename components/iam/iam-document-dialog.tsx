'use client';
import { useId, useRef, useState } from 'react';
import type { IamDocumentKind } from '@/server/schemas/iam';
import { awsLabelOf, type ApiErrorDetails } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import type { EditOutcome } from '../editor-base/use-design-edit';
import { CheckedDocument } from '../policies/checked-document';
import { useDraftValidation } from '../policies/use-policy-validation';
import { useModalDialog } from '../policies/use-modal-dialog';
import { useTRPCClient } from '../trpc/client';

/** A field of an IAM document dialog besides the document: text, a number or a checkbox. */
export interface IamDialogField {
  /** The API input's key (its errors come back under this name). */
  name: string;
  label: string;
  type?: 'text' | 'number' | 'checkbox';
  initial?: string;
  hint?: string;
  placeholder?: string;
  required?: boolean;
  readOnly?: boolean;
}

/** Props of the IAM document dialog. */
export interface IamDocumentDialogProps {
  title: string;
  /** How the engine checks the document (trust policy, managed policy, inline policy of a role/user/group). */
  kind: IamDocumentKind;
  documentLabel: string;
  initialDocument: string;
  fields?: IamDialogField[];
  note?: string;
  submitLabel: string;
  /** Values by field name ("true"/"false" for checkboxes), and the document. */
  onSubmit: (values: Record<string, string>, document: string) => Promise<EditOutcome<unknown>>;
  /** When given, a "Preview impact" button hands the draft to the what-if preview (nothing is saved). */
  onPreview?: (values: Record<string, string>, document: string) => void;
  onClose: () => void;
}

/**
 * A modal that edits one IAM document (a trust policy, a managed policy version, an inline policy) and the fields
 * around it, with the engine's findings shown as the user types, exactly as the SCP editor does: the document is
 * checked by iam.validate with the kind IAM applies, offending lines are highlighted, and IAM's refusal on save
 * (MalformedPolicyDocument, LimitExceeded, EntityAlreadyExists, ...) stays in the dialog next to the fields.
 */
export function IamDocumentDialog({ title, kind, documentLabel, initialDocument, fields = [], note, submitLabel, onSubmit, onPreview, onClose }: IamDocumentDialogProps) {
  const designId = useEditorStore((state) => state.designId);
  const client = useTRPCClient();
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.type === 'checkbox' ? 'false' : '')])));
  const [content, setContent] = useState(initialDocument);
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [saving, setSaving] = useState(false);
  const validation = useDraftValidation(['iam-draft-validation', designId, kind], content, (draft) => client.iam.validate.mutate({ designId, kind, content: draft }));
  useModalDialog(dialogRef);

  const fieldError = (name: string) => error?.fieldErrors[name]?.join(' ') ?? null;
  const documentFieldNames = ['assumeRolePolicyDocument', 'policyDocument'];
  const generalError = error && !fields.some((f) => fieldError(f.name)) ? error : null;

  const save = async () => {
    setSaving(true);
    setError(null);
    const outcome = await onSubmit(values, content);
    setSaving(false);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <dialog
      ref={dialogRef}
      className="policy-editor iam-dialog"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form
        className="policy-editor__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <header className="policy-editor__header">
          <span className="type-badge type-badge--iam">IAM</span>
          <h2 id={`${ids}-title`}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close without saving" onClick={onClose}>×</button>
        </header>
        {note ? <p className="policy-editor__note">{note}</p> : null}

        {fields.length > 0 ? (
          <div className="iam-dialog__fields">
            {fields.map((field, index) => {
              const id = `${ids}-${field.name}`;
              const message = fieldError(field.name);
              if (field.type === 'checkbox') {
                return (
                  <label key={field.name} className="iam-dialog__check" htmlFor={id}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={values[field.name] === 'true'}
                      onChange={(event) => setValues((v) => ({ ...v, [field.name]: String(event.target.checked) }))}
                    />
                    {field.label}
                  </label>
                );
              }
              return (
                <div key={field.name} className="field">
                  <label htmlFor={id}>{field.label}</label>
                  <input
                    id={id}
                    type={field.type === 'number' ? 'number' : 'text'}
                    value={values[field.name]}
                    placeholder={field.placeholder}
                    readOnly={field.readOnly}
                    required={field.required}
                    autoFocus={index === 0 && !field.readOnly}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={message ? `${id}-error` : field.hint ? `${id}-hint` : undefined}
                    onChange={(event) => setValues((v) => ({ ...v, [field.name]: event.target.value }))}
                  />
                  {message ? <p id={`${id}-error`} className="field__error">{message}</p> : field.hint ? <p id={`${id}-hint`} className="field__hint">{field.hint}</p> : null}
                </div>
              );
            })}
          </div>
        ) : null}

        <CheckedDocument label={documentLabel} content={content} onChange={setContent} validation={validation} />

        {generalError ? (
          <div className="policy-editor__error" role="alert">
            <strong>{awsLabelOf(generalError) ?? 'Not saved'}</strong>
            <span>{documentFieldNames.some((name) => generalError.fieldErrors[name]) ? documentFieldNames.flatMap((name) => generalError.fieldErrors[name] ?? []).join(' ') : generalError.message}</span>
          </div>
        ) : null}

        <footer className="policy-editor__footer">
          <span className="editor-top-bar__spacer" />
          <button type="button" className="toolbar-button" onClick={onClose}>Cancel</button>
          {onPreview ? <button type="button" className="toolbar-button" disabled={saving} onClick={() => onPreview(values, content)}>Preview impact</button> : null}
          <button type="submit" className="toolbar-button toolbar-button--primary" disabled={saving}>
            {saving ? 'Saving…' : submitLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
