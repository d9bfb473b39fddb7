'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import { isStaleAfter, patchedTree, procedurePathOf, type EditEffect } from './edit-invalidation';
import { useTRPC } from '../trpc/client';
import { describeApiError, awsLabelOf, type ApiErrorDetails } from './api-error';
import { useEditorStoreApi } from './editor-store-provider';

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
  /**
   * What the edit changes, so only the queries showing it are refetched; a rename or move also updates the cached
   * tree from the node the API returns instead of reading the whole tree again. Default `anything`.
   */
  effect?: EditEffect;
}

/**
 * Runs one design edit the way every panel must: it names the current revision as `expectedRevision`, moves
 * the store's revision forward on success, refreshes the queries the edit made stale (edit-invalidation.ts:
 * never the caller's role, AWS's catalogues or card pins; the tree updated in place after a rename or move), and
 * on failure shows AWS's code and reason. Usage:
 * `const edit = useDesignEdit(); await edit((base) => client.ou.create.mutate({ ...base, parentId, name }), { failureTitle: 'OU not created' })`.
 */
export function useDesignEdit() {
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();
  const trpc = useTRPC();

  /** Marks stale, and refetches where shown, what the edit changed. */
  const refresh = useCallback(
    async (designId: string, effect: EditEffect, outcome: { revision: number; result: Record<string, unknown> }, basedOn: number) => {
      // A revision that jumped by more than one: someone else edited meanwhile, so read everything again.
      const scope = outcome.revision === basedOn + 1 ? effect : 'anything';
      const treeKey = trpc.org.tree.queryKey({ designId });
      const patchable = (tree: OrgTree | undefined) => (tree && scope !== 'anything' ? patchedTree(tree, scope, outcome.result) : null);
      const treePatched = patchable(queryClient.getQueryData<OrgTree>(treeKey)) !== null;
      await queryClient.invalidateQueries({
        predicate: (query) => {
          const path = procedurePathOf(query.queryKey);
          return path !== null && isStaleAfter(path, scope, treePatched);
        },
      });
      if (!treePatched) return;
      // The tree changes once the other reads are in, as when it was read again with them: the card is renamed
      // in the same frame as the dialog closes, not while it still waits.
      const current = queryClient.getQueryData<OrgTree>(treeKey);
      const patched = patchable(current);
      if (patched && patched !== current) queryClient.setQueryData<OrgTree>(treeKey, patched);
      else if (!patched) await queryClient.invalidateQueries({ queryKey: treeKey });
    },
    [queryClient, trpc],
  );

  return useCallback(
    async <T extends { revision: number }>(
      run: (base: EditBase) => Promise<T>,
      options: EditOptions,
    ): Promise<EditOutcome<T>> => {
      const { designId, revision, setRevision, showToast } = store.getState();
      try {
        const result = await run({ designId, expectedRevision: revision });
        setRevision(result.revision);
        await refresh(designId, options.effect ?? 'anything', { revision: result.revision, result: result as unknown as Record<string, unknown> }, revision);
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
    [store, queryClient, refresh],
  );
}
