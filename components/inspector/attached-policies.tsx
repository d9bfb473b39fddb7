'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { PolicySummary } from '@/server/schemas/policy-library';
import type { OrgNodeSummary } from '../editor-base/org-tree-queries';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { policyTypeInfo, POLICY_TYPES } from '../policies/policy-types';
import { usePolicyAttachment } from '../policies/use-policy-attachment';
import { ImpactResultView } from '../matrix/impact-result-view';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';

/** SCPs and RCPs decide access: their attach and detach can be previewed (management policies change no decision). */

/**
 * The policies attached directly to a root, OU or account, by type, each with a Detach button; and a picker to
 * attach another. AWS's refusals (detaching the last SCP: MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED; an eleventh
 * SCP: MAX_...; a type not enabled: PolicyTypeNotEnabledException) come back from the API and show as a toast.
 */
export function AttachedPolicies({ node }: { node: OrgNodeSummary }) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  // The policies attached here come for this node alone; the picker's list is the library's summaries (no document,
  // no targets), shared with the library panel.
  const here = useQuery(trpc.policy.attachedTo.queryOptions({ designId, targetId: node.id }));
  const library = useQuery(trpc.policy.summaries.queryOptions({ designId }));
  const { attach, detach } = usePolicyAttachment();
  const lock = useEditLock(designId);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const ids = useId();
  const preview = useMutation(trpc.impact.preview.mutationOptions());
  const [previewing, setPreviewing] = useState<string | null>(null);
  const previewCall = (operation: 'AttachPolicy' | 'DetachPolicy', policy: PolicySummary) => {
    setPreviewing(`${operation === 'AttachPolicy' ? 'Attach' : 'Detach'} ${policy.name} ${operation === 'AttachPolicy' ? 'to' : 'from'} ${node.name}`);
    preview.mutate({ designId, calls: [{ operation, input: { PolicyId: policy.awsId, TargetId: node.awsId } }] });
  };
  const closePreview = () => {
    setPreviewing(null);
    preview.reset();
  };
  const previewError = preview.error ? describeApiError(preview.error) : null;

  const attached = useMemo(() => here.data?.policies ?? [], [here.data]);
  const available = useMemo(() => {
    const attachedIds = new Set(attached.map((p) => p.id));
    return (library.data?.policies ?? []).filter((p) => !attachedIds.has(p.id));
  }, [library.data, attached]);
  const failed = here.error ?? library.error;

  const run = async (key: string, work: () => Promise<unknown>) => {
    setBusy(key);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const chosen = available.find((p) => p.id === choice);

  return (
    <section className="inspector-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="inspector-section__title">
        Attached policies <span className="muted">{attached.length}</span>
      </h3>
      {here.isPending ? <p className="empty-state small" role="status">Loading…</p> : null}
      {failed ? <p className="field__error" role="alert">Policies could not be loaded: {failed.message}</p> : null}
      {here.data && attached.length === 0 ? <p className="empty-state small">No policy is attached here directly.</p> : null}
      {attached.length > 0 ? (
        <ul className="attached-list">
          {attached.map((policy) => {
            const info = policyTypeInfo(policy.type);
            return (
              <li key={policy.id} className="attached-item">
                <span className={`type-badge type-badge--${info.tone}`}>{info.short}</span>
                <span className="attached-item__name" title={policy.description || policy.name}>{policy.name}</span>
                {policy.awsManaged ? <span className="aws-managed-badge" title="Managed by AWS">AWS</span> : null}
                <button type="button" className="toolbar-button" disabled={preview.isPending} aria-label={`Preview detaching ${policy.name} from ${node.name}`}
                  onClick={() => previewCall('DetachPolicy', policy)}>
                  Preview
                </button>
                <button
                  type="button"
                  className="toolbar-button attached-item__detach"
                  {...lock.control({ busy: busy !== null })}
                  aria-label={`Detach ${policy.name} from ${node.name}`}
                  onClick={() => void run(`detach:${policy.id}`, () => detach(policy, node.id))}
                >
                  {busy === `detach:${policy.id}` ? '…' : 'Detach'}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {library.data && here.data ? (
        <form
          className="attach-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) void run('attach', async () => { await attach(chosen, node.id); setChoice(''); });
          }}
        >
          <label htmlFor={`${ids}-attach`} className="visually-hidden">Policy to attach to {node.name}</label>
          <select {...lock.field('choice')} id={`${ids}-attach`} className="compact-select" value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="">Attach a policy…</option>
            {POLICY_TYPES.map((info) => {
              const options = available.filter((p) => p.type === info.type);
              if (options.length === 0) return null;
              return (
                <optgroup key={info.type} label={info.plural}>
                  {options.map((p) => (
                    <option key={p.id} value={p.id}>{p.name}{p.awsManaged ? ' (AWS)' : ''}</option>
                  ))}
                </optgroup>
              );
            })}
          </select>
          <button type="submit" className="toolbar-button" {...lock.control({ busy: !chosen || busy !== null })}>
            {busy === 'attach' ? 'Attaching…' : 'Attach'}
          </button>
          <button type="button" className="toolbar-button" disabled={!chosen || preview.isPending}
            title="What attaching it would flip, before anything is saved" onClick={() => chosen && previewCall('AttachPolicy', chosen)}>
            Preview impact
          </button>
        </form>
      ) : null}
      {previewing ? (
        <div className="inspector-impact" aria-label={`Impact: ${previewing}`} role="group">
          <p className="small"><strong>{previewing}</strong> (nothing saved)</p>
          {preview.isPending ? <p role="status" className="small">Computing the impact…</p> : null}
          {previewError ? <p role="alert" className="field__error">{awsLabelOf(previewError) ? `${awsLabelOf(previewError)}: ` : ''}{previewError.message}</p> : null}
          {preview.data ? <ImpactResultView result={preview.data} label="Impact preview" /> : null}
          <button type="button" className="toolbar-button" onClick={closePreview}>Close preview</button>
        </div>
      ) : null}
    </section>
  );
}
