'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ImpactPreviewResult } from '@/server/schemas/impact';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { attachableTargets } from '../policies/policy-target-options';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { ImpactResultView } from './impact-result-view';
import { StagingPromotion } from './staging-promotion';

type Call = { operation: 'AttachPolicy' | 'DetachPolicy' | 'MoveAccount'; input: Record<string, string> };

/**
 * "What if…": pick an SCP and a target, preview attaching or detaching it (nothing is saved), read which (account,
 * action) pairs flip and which principals lose or gain actions, then apply or discard.
 */
export function ImpactPreviewPanel({ designId, region, onApplied }: { designId: string; region?: string; onApplied: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The SCPs' names (no documents, no targets) and the org tree's nodes: what the pickers list, without the whole
  // library (policy.list: every document and target, 1.8 MB on the 5,000-account design).
  const summaries = useQuery(trpc.policy.summaries.queryOptions({ designId }));
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));
  const [policyId, setPolicyId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [calls, setCalls] = useState<Call[] | null>(null);
  const preview = useMutation(trpc.impact.preview.mutationOptions());
  const apply = useMutation(trpc.impact.applyCalls.mutationOptions());
  const lock = useEditLock(designId);

  const scps = (summaries.data?.policies ?? []).filter((policy) => policy.type === 'SERVICE_CONTROL_POLICY');
  const targets = useMemo(() => attachableTargets(tree.data), [tree.data]);

  const run = (operation: Call['operation']) => {
    const next: Call[] = [{ operation, input: { PolicyId: policyId, TargetId: targetId } }];
    setCalls(next);
    preview.mutate({ designId, calls: next, ...(region ? { region } : {}) });
  };
  const discard = () => {
    setCalls(null);
    preview.reset();
  };
  const applyNow = (result: ImpactPreviewResult) => {
    if (!calls) return;
    apply.mutate({ designId, expectedRevision: result.revision, calls }, {
      onSuccess: () => {
        discard();
        void queryClient.invalidateQueries();
        onApplied();
      },
    });
  };
  const failure = preview.error ?? apply.error;
  const error = failure ? describeApiError(failure) : null;
  const result = preview.data;

  return (
    <>
    <section className="impact-panel" aria-label="What if">
      <h2>What if…</h2>
      <div className="impact-panel__form">
        <label>SCP <select aria-label="SCP" value={policyId} onChange={(event) => setPolicyId(event.target.value)}>
          <option value="">choose…</option>
          {scps.map((policy) => <option key={policy.awsId} value={policy.awsId}>{policy.name}</option>)}
        </select></label>
        <label>Target <select aria-label="Target" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
          <option value="">choose…</option>
          {targets.map((target) => <option key={target.awsId} value={target.awsId}>{target.name} ({target.kind})</option>)}
        </select></label>
        <button type="button" className="toolbar-button" disabled={!policyId || !targetId || preview.isPending} onClick={() => run('AttachPolicy')}>Preview attach</button>
        <button type="button" className="toolbar-button" disabled={!policyId || !targetId || preview.isPending} onClick={() => run('DetachPolicy')}>Preview detach</button>
      </div>
      {preview.isPending && <p role="status">Computing the impact…</p>}
      {error && <p role="alert" className="impact-panel__error">{awsLabelOf(error) ? `${awsLabelOf(error)}: ` : ''}{error.message}</p>}
      {result && (
        <ImpactResultView result={result}>
          <div className="impact-result__actions">
            <button type="button" className="toolbar-button" onClick={() => applyNow(result)} {...lock.control({ busy: apply.isPending })}>Apply</button>
            <button type="button" className="toolbar-button" onClick={discard}>Discard</button>
          </div>
        </ImpactResultView>
      )}
    </section>
    <StagingPromotion designId={designId} onPromoted={onApplied} {...(region ? { region } : {})} />
    </>
  );
}
