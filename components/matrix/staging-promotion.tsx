'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { attachableTargets, targetsOfPolicy } from '../policies/policy-target-options';
import { useTRPC } from '../trpc/client';
import { ImpactPreviewDialog, type PendingCall } from './impact-preview-dialog';

/**
 * The policy staging workflow: an SCP tried on a staging target is compared with production (the preview of
 * attaching it to production and detaching it from staging: what flips for the accounts under each), then promoted
 * as one edit (policy.promote: one history entry, one undo).
 */
export function StagingPromotion({ designId, region, onPromoted }: { designId: string; region?: string; onPromoted: () => void }) {
  const trpc = useTRPC();
  // The same two queries as the what-if panel beside it (one fetch each): SCP names, and the tree's nodes with the
  // policies attached to each.
  const summaries = useQuery(trpc.policy.summaries.queryOptions({ designId }));
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));
  const queryClient = useQueryClient();
  const promote = useMutation(trpc.policy.promote.mutationOptions());
  const [policyId, setPolicyId] = useState('');
  const [stagingId, setStagingId] = useState('');
  const [productionId, setProductionId] = useState('');
  const [comparing, setComparing] = useState(false);
  const scps = (summaries.data?.policies ?? []).filter((policy) => policy.type === 'SERVICE_CONTROL_POLICY' && !policy.awsManaged);
  const chosen = scps.find((policy) => policy.awsId === policyId);
  const everyTarget = useMemo(() => attachableTargets(tree.data), [tree.data]);
  const stagingTargets = useMemo(() => targetsOfPolicy(tree.data, chosen?.id), [tree.data, chosen?.id]);
  const calls = useMemo<PendingCall[]>(() => [
    { operation: 'AttachPolicy', input: { PolicyId: policyId, TargetId: productionId } },
    { operation: 'DetachPolicy', input: { PolicyId: policyId, TargetId: stagingId } },
  ], [policyId, productionId, stagingId]);
  const error = promote.error ? describeApiError(promote.error) : null;
  const nameOf = (awsId: string) => everyTarget.find((target) => target.awsId === awsId)?.name ?? awsId;
  return (
    <section className="impact-panel" aria-label="Staging">
      <h2>Staging → production</h2>
      <div className="impact-panel__form">
        <label>Staged SCP <select aria-label="Staged SCP" value={policyId} onChange={(event) => { setPolicyId(event.target.value); setStagingId(''); }}>
          <option value="">choose…</option>
          {scps.map((policy) => <option key={policy.awsId} value={policy.awsId}>{policy.name}</option>)}
        </select></label>
        <label>Staging target <select aria-label="Staging target" value={stagingId} onChange={(event) => setStagingId(event.target.value)}>
          <option value="">choose…</option>
          {stagingTargets.map((target) => <option key={target.awsId} value={target.awsId}>{target.name} ({target.kind})</option>)}
        </select></label>
        <label>Production target <select aria-label="Production target" value={productionId} onChange={(event) => setProductionId(event.target.value)}>
          <option value="">choose…</option>
          {everyTarget.filter((target) => target.awsId !== stagingId).map((target) => <option key={target.awsId} value={target.awsId}>{target.name} ({target.kind})</option>)}
        </select></label>
        <button type="button" className="toolbar-button" disabled={!policyId || !stagingId || !productionId} onClick={() => { promote.reset(); setComparing(true); }}>Compare with production</button>
      </div>
      {chosen && chosen.targetCount === 0 ? <p className="small">Attach {chosen.name} to a staging OU or account first.</p> : null}
      {error ? <p role="alert" className="impact-panel__error">{awsLabelOf(error) ? `${awsLabelOf(error)}: ` : ''}{error.message}</p> : null}
      {comparing ? (
        <ImpactPreviewDialog designId={designId} calls={calls} region={region} confirmLabel="Promote" dismissLabel="Keep staging"
          title={`Promote ${chosen?.name ?? policyId} from ${nameOf(stagingId)} to ${nameOf(productionId)}?`}
          description="What the accounts under production would gain or lose, and what staging's accounts get back; Promote attaches it to production and detaches it from staging in one step (one undo)."
          onDismiss={() => setComparing(false)}
          onConfirm={(result) => promote.mutate({ designId, expectedRevision: result.revision, policyId, stagingTargetId: stagingId, productionTargetId: productionId }, {
            onSuccess: () => {
              setComparing(false);
              void queryClient.invalidateQueries();
              onPromoted();
            },
            onError: () => setComparing(false),
          })} />
      ) : null}
    </section>
  );
}
