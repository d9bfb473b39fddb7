'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import type { ImpactPreviewResult, organizationsCallSchema } from '@/server/schemas/impact';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { ImpactResultView } from './impact-result-view';
import './matrix.css';

/** One pending call as the browser sends it (API, operation, AWS request shape; IAM calls name their account). */
export type PendingCall = z.input<typeof organizationsCallSchema>;

/** What the caller of the dialog supplies: the change, its wording and what Apply does. */
export interface ImpactPreviewDialogProps {
  designId: string;
  /** The pending change, in AWS's request shapes. */
  calls: PendingCall[];
  title: string;
  description?: string;
  /** aws:RequestedRegion to assume. */
  region?: string;
  /** Label of the confirming button ("Apply", "Move", "Promote"). */
  confirmLabel?: string;
  /** Label of the dismissing button. */
  dismissLabel?: string;
  /** Instead of impact.applyCalls: the caller saves the change its own way (the canvas's move, a promotion). */
  onConfirm?: (result: ImpactPreviewResult) => void;
  /** After impact.applyCalls saved the calls. */
  onApplied?: () => void;
  onDismiss: () => void;
}

/**
 * The what-if preview of any pending change, as a modal: the header and the buttons stay in view while the impact
 * (flipped pairs by service, principals' gains and losses, effective management policies) scrolls between them.
 * Nothing is saved until the confirming button; dismissing (button, Escape) leaves the design as it was. Viewers
 * and share links see the preview with the confirming button disabled, saying why.
 */
export function ImpactPreviewDialog(props: ImpactPreviewDialogProps) {
  const { designId, calls, title, description, region, confirmLabel = 'Apply', dismissLabel = 'Discard', onConfirm, onApplied, onDismiss } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = useMutation(trpc.impact.preview.mutationOptions());
  const apply = useMutation(trpc.impact.applyCalls.mutationOptions());
  const lock = useEditLock(designId);
  const { mutate } = preview;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  // Keyed on the calls' text: callers may pass a fresh array of the same calls on every render.
  const callsKey = JSON.stringify(calls);
  useEffect(() => {
    mutate({ designId, calls: JSON.parse(callsKey) as PendingCall[], ...(region ? { region } : {}) });
  }, [designId, callsKey, region, mutate]);
  const failure = preview.error ?? apply.error;
  const error = failure ? describeApiError(failure) : null;
  const result = preview.data;
  const confirm = () => {
    if (!result || lock.locked) return;
    if (onConfirm) {
      onConfirm(result);
      return;
    }
    apply.mutate({ designId, expectedRevision: result.revision, calls }, {
      onSuccess: () => {
        void queryClient.invalidateQueries();
        onApplied?.();
      },
    });
  };
  return (
    <dialog ref={ref} className="form-dialog impact-dialog" aria-label={title} onCancel={onDismiss} onClose={onDismiss}>
      <header className="impact-dialog__header">
        <h2 className="form-dialog__title">{title}</h2>
        <p className="form-dialog__description">{description ?? 'What the change would do, before anything is saved.'}</p>
      </header>
      <div className="impact-dialog__body">
        {preview.isPending ? <p role="status" className="small">Computing the impact…</p> : null}
        {error ? <p role="alert" className="field__error impact-panel__error">{awsLabelOf(error) ? `${awsLabelOf(error)}: ` : ''}{error.message}</p> : null}
        {result ? <ImpactResultView result={result} label="Impact preview" /> : null}
      </div>
      <footer className="impact-dialog__actions">
        <button type="button" className="toolbar-button" onClick={onDismiss}>{dismissLabel}</button>
        <button type="button" className="toolbar-button toolbar-button--primary" {...lock.control({ busy: error !== null || !result || apply.isPending })} onClick={confirm}>{confirmLabel}</button>
      </footer>
    </dialog>
  );
}
