'use client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { awsLabelOf, type ApiErrorDetails } from './api-error';
import type { EditOutcome } from './use-design-edit';

/** One input of a form dialog. */
export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'email';
  initial?: string;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** Extra names under which the API reports this field's errors (its input key, when it differs). */
  apiNames?: string[];
}

/** Props of a form dialog. */
export interface FormDialogProps {
  title: string;
  description?: string;
  fields: FormField[];
  submitLabel: string;
  danger?: boolean;
  onSubmit: (values: Record<string, string>) => Promise<EditOutcome<unknown>>;
  /** When given, a "Preview impact" button hands the values to the what-if preview (nothing is saved). */
  onPreview?: (values: Record<string, string>) => void;
  onClose: () => void;
}

/**
 * A modal dialog with a small form: validation happens on the server (the same zod schemas and AWS's rules), and
 * its messages appear next to the fields they concern, or at the top with AWS's code when no field is to blame.
 */
export function FormDialog({ title, description, fields, submitLabel, danger = false, onSubmit, onPreview, onClose }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])));
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const fieldError = (field: FormField): string | null => {
    if (!error) return null;
    for (const name of [field.name, ...(field.apiNames ?? [])]) {
      const messages = error.fieldErrors[name];
      if (messages?.length) return messages.join(' ');
    }
    return null;
  };
  const generalError = error && !fields.some((field) => fieldError(field)) ? error : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await onSubmit(values);
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <dialog ref={ref} className="form-dialog" aria-labelledby={titleId} onCancel={onClose} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="form-dialog__title">{title}</h2>
        {description ? <p className="form-dialog__description">{description}</p> : null}
        {generalError ? (
          <div className="form-dialog__error" role="alert">
            <span>{generalError.message}</span>
            {awsLabelOf(generalError) ? <span className="form-dialog__code">{awsLabelOf(generalError)}</span> : null}
          </div>
        ) : null}
        {fields.map((field, index) => {
          const message = fieldError(field);
          const id = `${titleId}-${field.name}`;
          return (
            <div key={field.name} className="field">
              <label htmlFor={id}>{field.label}</label>
              <input
                id={id}
                name={field.name}
                type={field.type ?? 'text'}
                value={values[field.name]}
                placeholder={field.placeholder}
                required={field.required}
                autoFocus={index === 0}
                aria-invalid={message ? true : undefined}
                aria-describedby={message ? `${id}-error` : field.hint ? `${id}-hint` : undefined}
                onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
              />
              {message ? (
                <p id={`${id}-error`} className="field__error">{message}</p>
              ) : field.hint ? (
                <p id={`${id}-hint`} className="field__hint">{field.hint}</p>
              ) : null}
            </div>
          );
        })}
        <div className="form-dialog__actions">
          <button type="button" className="toolbar-button" onClick={onClose}>
            Cancel
          </button>
          {onPreview ? <button type="button" className="toolbar-button" disabled={busy} onClick={() => onPreview(values)}>Preview impact</button> : null}
          <button type="submit" className={`toolbar-button ${danger ? 'toolbar-button--danger-solid' : 'toolbar-button--primary'}`} disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
