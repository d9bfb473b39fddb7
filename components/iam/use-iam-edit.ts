'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useEditorStore, useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useDesignEdit, type EditBase, type EditOutcome } from '../editor-base/use-design-edit';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC, useTRPCClient } from '../trpc/client';

/** One account's IAM as the editor shows it (iam.account). */
export function useIamAccount(accountId: string) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  return useQuery(trpc.iam.account.queryOptions({ designId, accountId }));
}

/** The base of an IAM edit: the design, its revision and the account. */
export type IamEditBase = EditBase & { accountId: string };

/**
 * Runs IAM edits for one account the way every panel edits (useDesignEdit: current revision, refresh, AWS's error
 * in a toast unless the caller shows it), and says so in a toast when it worked. `lock` disables the edit controls
 * of viewers and share links, saying why.
 */
export function useIamEdit(accountId: string) {
  const edit = useDesignEdit();
  const client = useTRPCClient();
  const store = useEditorStoreApi();
  const lock = useEditLock(useEditorStore((state) => state.designId));
  const run = useCallback(
    async <T extends { revision: number }>(
      work: (base: IamEditBase) => Promise<T>,
      labels: { done?: string; failure: string; toastOnError?: boolean },
    ): Promise<EditOutcome<T>> => {
      const outcome = await edit((base) => work({ ...base, accountId }), { failureTitle: labels.failure, toastOnError: labels.toastOnError });
      if (outcome.ok && labels.done) store.getState().showToast({ tone: 'info', title: labels.done });
      return outcome;
    },
    [edit, accountId, store],
  );
  return { client, run, lock };
}

/** A new document a dialog starts from. */
export const STARTER_IDENTITY_POLICY = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'ReadBuckets', Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Resource: '*' }] },
  null,
  2,
);

/** A trust policy that lets principals of `accountId` that their own policies allow assume the role. */
export function starterTrustPolicy(accountId: string): string {
  return JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] },
    null,
    2,
  );
}

/** A busy flag around async work, so a panel's buttons stay disabled while one of its edits runs. */
export function useBusy(): { busy: boolean; act: (work: () => Promise<unknown>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const act = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, act };
}
