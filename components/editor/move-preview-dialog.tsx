'use client';
import { useMemo } from 'react';
import { ImpactPreviewDialog, type PendingCall } from '../matrix/impact-preview-dialog';

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
  const calls = useMemo<PendingCall[]>(() => [{
    operation: 'MoveAccount', input: { AccountId: move.accountId, SourceParentId: move.sourceParentId, DestinationParentId: move.destinationParentId },
  }], [move]);
  return (
    <ImpactPreviewDialog designId={designId} calls={calls} title={`Move ${move.accountName} into ${move.destinationName}?`}
      description="What the move would change, before anything is saved." confirmLabel="Move" dismissLabel="Cancel"
      onConfirm={onMove} onDismiss={onCancel} />
  );
}
