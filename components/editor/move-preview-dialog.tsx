'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ImpactResultView } from '../matrix/impact-result-view';
import { useTRPC } from '../trpc/client';
import { awsLabelOf, describeApiError } from './api-error';

/** A dropped account waiting for the user's word: where from, where to (AWS ids for MoveAccount, names for people). */
export interface PendingMove {
  nodeId: string;
  targetId: string;
  accountId: string;
  accountName: string;
  sourceParentId: string;
  destinationParentId: string;
  destinationName: string;
}

/**
 * The impact of a drop before it is saved (impact.preview with MoveAccount in AWS's request shape): flipped pairs and
 * the principals that gain or lose actions; Move saves it as any drop does, Cancel leaves the account where it was.
 */
export function MovePreviewDialog({ designId, move, onMove, onCancel }: { designId: string; move: PendingMove; onMove: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const preview = useMutation(trpc.impact.preview.mutationOptions());
  const { mutate } = preview;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  useEffect(() => {
    mutate({ designId, calls: [{ operation: 'MoveAccount', input: { AccountId: move.accountId, SourceParentId: move.sourceParentId, DestinationParentId: move.destinationParentId } }] });
  }, [designId, move, mutate]);
  const error = preview.error ? describeApiError(preview.error) : null;
  const title = `Move ${move.accountName} into ${move.destinationName}?`;
  return (
    <dialog ref={ref} className="form-dialog move-preview" aria-label={title} onCancel={onCancel} onClose={onCancel}>
      <header className="move-preview__head">
        <h2 className="form-dialog__title">{title}</h2>
        <p className="form-dialog__description">What the move would change, before anything is saved.</p>
      </header>
      {/* The impact scrolls inside the dialog; the buttons stay in view below it, whatever its length. */}
      <div className="move-preview__body">
        {preview.isPending ? <p role="status" className="small">Computing the impact…</p> : null}
        {error ? <p role="alert" className="field__error">{awsLabelOf(error) ? `${awsLabelOf(error)}: ` : ''}{error.message}</p> : null}
        {preview.data ? <ImpactResultView result={preview.data} label="Impact preview" /> : null}
      </div>
      <div className="form-dialog__actions move-preview__actions">
        <button type="button" className="toolbar-button" onClick={onCancel}>Cancel</button>
        <button type="button" className="toolbar-button toolbar-button--primary" disabled={error !== null || !preview.data} onClick={onMove}>Move</button>
      </div>
    </dialog>
  );
}
