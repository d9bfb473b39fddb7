'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC, useTRPCClient } from '../trpc/client';
import { useEditorStore } from './editor-store-provider';
import { useDesignEdit } from './use-design-edit';

/** Undo and redo of the design's last edits (server-side history: each step is itself a new revision). */
export function useUndoRedo() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const designId = useEditorStore((state) => state.designId);
  const edit = useDesignEdit();
  const revisions = useQuery(trpc.history.revisions.queryOptions({ designId }));
  const stacks = revisions.data as { canUndo?: boolean; canRedo?: boolean } | undefined;

  const undo = useCallback(
    () => edit((base) => client.history.undo.mutate(base), { failureTitle: 'Nothing was undone' }),
    [client, edit],
  );
  const redo = useCallback(
    () => edit((base) => client.history.redo.mutate(base), { failureTitle: 'Nothing was redone' }),
    [client, edit],
  );
  return { undo, redo, canUndo: stacks?.canUndo === true, canRedo: stacks?.canRedo === true };
}
