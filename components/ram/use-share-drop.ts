'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OrgTree } from '@/server/schemas/org';
import type { OrgGraphEditing } from '../org-graph/org-graph';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useEditorStoreApi, useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC, useTRPCClient } from '../trpc/client';
import { shareDropOf } from './share-drop';

/** The share drop target (a share of the RAM panel) under a screen point, if any. */
function shareArnAt(point: { x: number; y: number }): string | null {
  const element = document.elementFromPoint(point.x, point.y)?.closest<HTMLElement>('[data-ram-share-drop]');
  return element?.dataset.ramShareDrop ?? null;
}

/**
 * Dropping an OU, account or root card on a share of the RAM panel adds it as a principal (AssociateResourceShare):
 * while dragging, the share is highlighted and the canvas says "Cannot drop here" when RAM's rules refuse it; a drop
 * RAM refuses anyway comes back as the server's AWS error in a toast.
 */
export function useShareDrop(tree: OrgTree): NonNullable<OrgGraphEditing['outsideDrop']> {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const edit = useDesignEdit();
  const store = useEditorStoreApi();
  const designId = useEditorStore((state) => state.designId);
  const overview = useQuery(trpc.ram.overview.queryOptions({ designId }));
  return useMemo(() => {
    const dropAt = (nodeId: string, point: { x: number; y: number }) => {
      const arn = shareArnAt(point);
      const share = arn ? overview.data?.shares.find((entry) => entry.arn === arn) : undefined;
      if (!share || !overview.data) return null;
      const drop = shareDropOf(tree, nodeId, { arn: share.arn, name: share.name, owningAccountId: share.owningAccountId }, overview.data.sharingWithOrganizationEnabled);
      return drop ? { share, drop } : null;
    };
    return {
      over: (nodeId, point) => {
        const found = dropAt(nodeId, point);
        store.getState().setShareDrop(found ? { shareArn: found.share.arn, refused: found.drop.refusal !== null } : null);
        return found ? { refusal: found.drop.refusal } : null;
      },
      drop: (nodeId, point) => {
        const found = dropAt(nodeId, point);
        store.getState().setShareDrop(null);
        if (!found) return false;
        if (store.getState().readOnly) return true;
        // Even a refused drop is sent: the server answers with AWS's own error, which the toast shows.
        void edit((base) => client.ram.associateResourceShare.mutate({ ...base, resourceShareArn: found.share.arn, principals: [found.drop.principal] }), {
          failureTitle: `Not shared with ${found.drop.principal}`,
        });
        return true;
      },
    };
  }, [client, edit, overview.data, store, tree]);
}
