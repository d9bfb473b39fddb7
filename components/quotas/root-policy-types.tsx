'use client';
import Link from 'next/link';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { EditablePolicyType } from '@/server/schemas/organizations';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useDesignEdit } from '../editor-base/use-design-edit';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { PolicyTypesSection } from './policy-types-section';

/** The root's policy types in the inspector, switched through the editor's edit flow (undo, toasts). */
export function RootPolicyTypes() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const quotas = useQuery(trpc.organization.quotas.queryOptions({ designId }));
  const enableType = useMutation(trpc.policy.enableType.mutationOptions());
  const disableType = useMutation(trpc.policy.disableType.mutationOptions());
  const edit = useDesignEdit();
  const lock = useEditLock(designId);
  const [busyType, setBusyType] = useState<string | null>(null);
  if (!quotas.data) return null;
  return (
    <div className="inspector-section">
      <PolicyTypesSection
        headingLevel={3}
        policyTypes={quotas.data.policyTypes}
        allFeatures={quotas.data.featureSet === 'ALL'}
        busyType={busyType}
        lock={lock}
        onToggle={(type, enable) => {
          setBusyType(type);
          void edit(
            async (base) => (enable ? await enableType.mutateAsync({ ...base, type: type as EditablePolicyType }) : await disableType.mutateAsync({ ...base, type: type as EditablePolicyType })),
            { failureTitle: enable ? 'Policy type not enabled' : 'Policy type not disabled' },
          ).finally(() => setBusyType(null));
        }}
      />
      <p className="muted small">
        <Link href={`/designs/${encodeURIComponent(designId)}/quotas`}>Quotas of this design</Link>
      </p>
    </div>
  );
}
