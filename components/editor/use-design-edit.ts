'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { describeApiError, awsLabelOf, type ApiErrorDetails } from './api-error';
import { useEditorStoreApi } from './store/editor-store-provider';

/** What every edit sends besides its own fields: the design and the revision it was based on. */
export interface EditBase {
  designId: string;
  expectedRevision: number;
}

/** How an edit ended. */
export type EditOutcome<T> = { ok: true; result: T } | { ok: false; error: ApiErrorDetails };

/** Options of one edit. */
export interface EditOptions {
  /** Shown as the toast title when the edit fails, e.g. "Move refused". */
  failureTitle: string;
  /** False when the caller shows the error itself (a dialog next to its fields). Default true. */
  toastOnError?: boolean;
}

/**
 * Runs one design edit the way every panel must: it names the current revision as `expectedRevision`, moves
 * the store's revision forward on success, refreshes every query of the design (tree, history, simulations),
 * and on failure shows AWS's code and reason. Usage:
 * `const edit = useDesignEdit(); await edit((base) => client.ou.create.mutate({ ...base, parentId, name }), { failureTitle: 'OU not created' })`.
 */
export function useDesignEdit() {
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();

  return useCallback(
    async <T extends { revision: number }>(
      run: (base: EditBase) => Promise<T>,
      options: EditOptions,
    ): Promise<EditOutcome<T>> => {
      const { designId, revision, setRevision, showToast } = store.getState();
      try {
        const result = await run({ designId, expectedRevision: revision });
        setRevision(result.revision);
        await queryClient.invalidateQueries();
        return { ok: true, result };
      } catch (error) {
        const details = describeApiError(error);
        if (details.isStaleRevision) {
          // Someone else changed the design: reload it so the next attempt names the right revision.
          await queryClient.invalidateQueries();
        }
        if (options.toastOnError !== false) {
          showToast({
            tone: 'error',
            title: options.failureTitle,
            code: awsLabelOf(details),
            detail: details.isStaleRevision
              ? `${details.message} The design has been reloaded; try again.`
              : details.message,
          });
        }
        return { ok: false, error: details };
      }
    },
    [store, queryClient],
  );
}
