'use client';
import { notifyManager, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import { useTRPC, useTRPCClient } from '../trpc/client';
import { findOrgNode, moveInTree, placementRefusalOf } from '../editor-base/org-tree-queries';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useMaxOuDepth } from './use-max-ou-depth';

/** Beyond this many accounts, a drop target stays folded after the move (unfolding it would flood the canvas). */
const UNFOLD_TARGET_MAX_ACCOUNTS = 50;

/**
 * Moves an OU or account under a new parent: draws the move at once (optimistic), asks the API (ou.move /
 * account.move with expectedRevision), and puts the tree back as it was when AWS's rules refuse it; the toast
 * then names AWS's code and reason.
 */
export function useMoveNode() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  const edit = useDesignEdit();
  const maxOuDepth = useMaxOuDepth();

  return useCallback(
    async (nodeId: string, targetId: string) => {
      const { designId, setPending, expandPathTo, showToast } = store.getState();
      const key = trpc.org.tree.queryKey({ designId });
      const before = queryClient.getQueryData<OrgTree>(key);
      if (!before) return;
      const node = findOrgNode(before, nodeId);
      const target = findOrgNode(before, targetId);
      if (!node || !target || node.kind === 'root' || target.kind === 'account') return;
      // AWS's rules, checked here first (the same module the server runs): a refused drop sends nothing.
      const refusal = placementRefusalOf(before, nodeId, targetId, maxOuDepth);
      if (refusal) {
        showToast({ tone: 'error', title: `${node.name} stays where it was`, detail: refusal.message, code: refusal.awsReason ? `${refusal.awsCode} (${refusal.awsReason})` : refusal.awsCode });
        return;
      }

      await queryClient.cancelQueries({ queryKey: key });
      const targetAccounts = before.accounts.filter((account) => account.parentId === targetId).length;
      // The query's subscribers hear of the new tree in the query client's next notification batch: unfold and
      // mark the card busy in that same batch, so the big tree is derived, drawn and laid out once, not thrice.
      notifyManager.batch(() => {
        queryClient.setQueryData<OrgTree>(key, moveInTree(before, nodeId, targetId));
        notifyManager.schedule(() => {
          if (targetAccounts < UNFOLD_TARGET_MAX_ACCOUNTS) expandPathTo([targetId]);
          setPending(nodeId, true);
        });
      });
      const outcome = await edit(
        async (base) =>
          node.kind === 'ou'
            ? await client.ou.move.mutate({ ...base, ouId: nodeId, destinationParentId: targetId })
            : await client.account.move.mutate({ ...base, accountId: nodeId, destinationParentId: targetId }),
        { failureTitle: `${node.name} stays where it was`, effect: node.kind === 'ou' ? 'movedOu' : 'movedAccount' },
      );
      setPending(nodeId, false);
      if (!outcome.ok) {
        // Only restore if nothing newer replaced the optimistic picture meanwhile.
        queryClient.setQueryData<OrgTree>(key, (current) => (current && findOrgNode(current, nodeId)?.parentId === targetId ? before : current));
        return;
      }
      showToast({ tone: 'info', title: `Moved ${node.name} into ${target.name}`, detail: 'Ctrl-Z undoes it.' });
      // The new layout may put the card elsewhere: keep it in view (at the user's zoom; see OrgGraph's focus).
      store.getState().requestFocus(nodeId);
    },
    [client, edit, maxOuDepth, queryClient, store, trpc],
  );
}
