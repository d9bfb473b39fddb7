'use client';
import { useCallback } from 'react';
import { useTRPCClient } from '../trpc/client';
import { findOrgNode } from '../editor-base/org-tree-queries';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useOrgTreeReader } from '../editor-base/use-org-tree';
import { useDesignEdit } from '../editor-base/use-design-edit';

/**
 * Attach and detach a policy on a root, OU or account, as every panel and the canvas drop do it: through
 * useDesignEdit, so AWS's refusals (DuplicatePolicyAttachmentException, MAX/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED,
 * PolicyTypeNotEnabledException, ...) are shown with their code and reason.
 */
export function usePolicyAttachment() {
  const client = useTRPCClient();
  const edit = useDesignEdit();
  const store = useEditorStoreApi();
  const readTree = useOrgTreeReader();

  const targetName = useCallback(
    (targetId: string) => {
      const tree = readTree();
      return (tree && findOrgNode(tree, targetId)?.name) ?? targetId;
    },
    [readTree],
  );

  const attach = useCallback(
    async (policy: { id: string; name: string }, targetId: string) => {
      const { setPending, showToast } = store.getState();
      setPending(targetId, true);
      try {
        const outcome = await edit((base) => client.policy.attach.mutate({ ...base, policyId: policy.id, targetId }), {
          failureTitle: `${policy.name} not attached`,
        });
        if (outcome.ok) showToast({ tone: 'info', title: `Attached ${policy.name} to ${targetName(targetId)}` });
        return outcome;
      } finally {
        setPending(targetId, false);
      }
    },
    [client, edit, store, targetName],
  );

  const detach = useCallback(
    async (policy: { id: string; name: string }, targetId: string) => {
      const outcome = await edit((base) => client.policy.detach.mutate({ ...base, policyId: policy.id, targetId }), {
        failureTitle: `${policy.name} not detached`,
      });
      if (outcome.ok) store.getState().showToast({ tone: 'info', title: `Detached ${policy.name} from ${targetName(targetId)}` });
      return outcome;
    },
    [client, edit, store, targetName],
  );

  return { attach, detach };
}
