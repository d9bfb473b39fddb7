'use client';
import { useCallback, useState } from 'react';
import type { ApiErrorDetails } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useDesignEdit, type EditBase } from '../editor-base/use-design-edit';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPCClient } from '../trpc/client';

/**
 * One inline field of the inspector that saves a design edit: the edit lock, whether a save is running, and the
 * refusal to show beside the field (AWS's code and reason) rather than in a toast. `save` resolves true when it worked.
 */
export function useFieldEdit(failureTitle: string) {
  const designId = useEditorStore((state) => state.designId);
  const lock = useEditLock(designId);
  const edit = useDesignEdit();
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorDetails | null>(null);
  const save = useCallback(async (run: (base: EditBase) => Promise<{ revision: number }>): Promise<boolean> => {
    setBusy(true);
    const outcome = await edit(run, { failureTitle, toastOnError: false });
    setBusy(false);
    setFailure(outcome.ok ? null : outcome.error);
    return outcome.ok;
  }, [edit, failureTitle]);
  return { lock, client, busy, failure, clearFailure: () => setFailure(null), save };
}
