'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImpactPreviewResult } from '@/server/schemas/impact';
import { awsLabelOf, describeApiError } from '../editor/api-error';
import { useTRPC } from '../trpc/client';

type Call = { operation: 'AttachPolicy' | 'DetachPolicy' | 'MoveAccount'; input: Record<string, string> };

const WORDS: Record<string, string> = {
  allowed: 'allowed', explicitDeny: 'explicit deny', noAllow: 'not allowed by a level', deniedExcept: 'denied except some principals',
  allowedExcept: 'allowed except some principals', conditional: 'depends on context',
};

/**
 * "What if…": pick an SCP and a target, preview attaching or detaching it (nothing is saved), read which (account,
 * action) pairs flip and which principals lose or gain actions, then apply or discard.
 */
export function ImpactPreviewPanel({ designId, region, onApplied }: { designId: string; region?: string; onApplied: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const library = useQuery(trpc.policy.list.queryOptions({ designId }));
  const [policyId, setPolicyId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [calls, setCalls] = useState<Call[] | null>(null);
  const preview = useMutation(trpc.impact.preview.mutationOptions());
  const apply = useMutation(trpc.impact.applyCalls.mutationOptions());

  const scps = (library.data?.policies ?? []).filter((policy) => policy.type === 'SERVICE_CONTROL_POLICY');
  const targets = (library.data?.policies ?? []).flatMap((policy) => policy.targets);
  const uniqueTargets = [...new Map(targets.map((target) => [target.awsId, target])).values()];

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
    <section className="impact-panel" aria-label="What if">
      <h2>What if…</h2>
      <div className="impact-panel__form">
        <label>SCP <select aria-label="SCP" value={policyId} onChange={(event) => setPolicyId(event.target.value)}>
          <option value="">choose…</option>
          {scps.map((policy) => <option key={policy.awsId} value={policy.awsId}>{policy.name}</option>)}
        </select></label>
        <label>Target <select aria-label="Target" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
          <option value="">choose…</option>
          {uniqueTargets.map((target) => <option key={target.awsId} value={target.awsId}>{target.name} ({target.kind})</option>)}
        </select></label>
        <button type="button" className="toolbar-button" disabled={!policyId || !targetId || preview.isPending} onClick={() => run('AttachPolicy')}>Preview attach</button>
        <button type="button" className="toolbar-button" disabled={!policyId || !targetId || preview.isPending} onClick={() => run('DetachPolicy')}>Preview detach</button>
      </div>
      {preview.isPending && <p role="status">Computing the impact…</p>}
      {error && <p role="alert" className="impact-panel__error">{awsLabelOf(error) ? `${awsLabelOf(error)}: ` : ''}{error.message}</p>}
      {result && (
        <div className="impact-result" role="region" aria-label="Impact preview">
          <p className="impact-result__summary">
            {result.changedCells === 0
              ? 'Nothing flips: every account keeps the same decision on every action.'
              : `${result.changedCells} (account, action) pair${result.changedCells === 1 ? '' : 's'} flip in ${result.changedAccounts} account${result.changedAccounts === 1 ? '' : 's'}.`}
          </p>
          {result.services.length > 0 && (
            <table className="impact-table" aria-label="Flipped pairs by service">
              <thead><tr><th>Service</th><th>Become denied</th><th>Become allowed</th><th>Changed</th></tr></thead>
              <tbody>{result.services.map((service) => (
                <tr key={service.service}><td>{service.service}</td><td>{service.becameDenied}</td><td>{service.becameAllowed}</td><td>{service.changed}</td></tr>
              ))}</tbody>
            </table>
          )}
          {result.groups.map((group, i) => (
            <details key={i} className="impact-group" open={i === 0}>
              <summary>{group.side.toUpperCase()} · {group.accounts.map((account) => account.accountName ?? account.accountId).join(', ')}</summary>
              <ul>{group.actions.map((flip) => <li key={flip.action}><code>{flip.action}</code>: {WORDS[flip.before]} → {WORDS[flip.after]}</li>)}</ul>
              {group.actionsLeftOut > 0 && <p>… and {group.actionsLeftOut} more actions</p>}
            </details>
          ))}
          {result.principals.length > 0 && (
            <ul className="impact-principals" aria-label="Principals">
              {result.principals.flatMap((principal) => [
                ...(principal.lost.length > 0 ? [<li key={`${principal.principalArn}-lost`}><code>{principal.principalArn}</code> loses {principal.lost.join(', ')}</li>] : []),
                ...(principal.gained.length > 0 ? [<li key={`${principal.principalArn}-gained`}><code>{principal.principalArn}</code> gains {principal.gained.join(', ')}</li>] : []),
              ])}
            </ul>
          )}
          <div className="impact-result__actions">
            <button type="button" className="toolbar-button" onClick={() => applyNow(result)} disabled={apply.isPending}>Apply</button>
            <button type="button" className="toolbar-button" onClick={discard}>Discard</button>
          </div>
        </div>
      )}
    </section>
  );
}
