'use client';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type ReactNode } from 'react';
import type { DesignDiffView } from '@/server/schemas/history';
import { policyTypeInfo } from '../policies/policy-types';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { ImpactResultView } from '../matrix/impact-result-view';
import { StatementDiff } from './statement-diff';
import { useModalDialog } from '../policies/use-modal-dialog';

/** What changed between two revisions, in a wide modal: structure, policies (statement by statement), attachments, IAM. */
export function RevisionDiffDialog({ from, to, onClose }: { from: number; to: number; onClose: () => void }) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const diff = useQuery(trpc.history.diff.queryOptions({ designId, fromRevision: from, toRevision: to }));
  const dialogRef = useRef<HTMLDialogElement>(null);
  const ids = useId();

  useModalDialog(dialogRef);

  return (
    <dialog
      ref={dialogRef}
      className="diff-dialog"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="diff-dialog__header">
        <h2 id={`${ids}-title`}>Changes from r{from} to r{to}</h2>
        <button type="button" className="icon-button" aria-label="Close the comparison" onClick={onClose}>×</button>
      </header>
      <div className="diff-dialog__body">
        {diff.isPending ? <p className="empty-state" role="status">Comparing the revisions…</p> : null}
        {diff.isError ? <p className="field__error" role="alert">The revisions could not be compared: {diff.error.message}</p> : null}
        {diff.data ? <DiffContent diff={diff.data} /> : null}
        {diff.data ? <RevisionImpact designId={designId} from={from} to={to} /> : null}
      </div>
    </dialog>
  );
}

/**
 * "What did this change do?": the flips between the two revisions, computed by the server as the what-if preview
 * computes them, on request (the org-wide matrix of both revisions takes a moment on a large organization).
 */
function RevisionImpact({ designId, from, to }: { designId: string; from: number; to: number }) {
  const trpc = useTRPC();
  const [region, setRegion] = useState('');
  const [asked, setAsked] = useState<{ region: string } | null>(null);
  const impact = useQuery({
    ...trpc.impact.revisionImpact.queryOptions({ designId, fromRevision: from, toRevision: to, ...(asked?.region ? { region: asked.region } : {}) }),
    enabled: asked !== null,
  });
  return (
    <section className="diff-section" aria-label="Impact of the changes">
      <h3>Impact on access</h3>
      <form className="diff-impact__form" onSubmit={(event) => { event.preventDefault(); setAsked({ region }); }}>
        <label>Region <input aria-label="Impact region" placeholder="any (e.g. eu-west-1)" value={region} onChange={(event) => setRegion(event.target.value.trim())} /></label>
        <button type="submit" className="toolbar-button">Show what these changes did</button>
      </form>
      {impact.isFetching ? <p role="status">Comparing the permission matrices…</p> : null}
      {impact.isError ? <p className="field__error" role="alert">{impact.error.message}</p> : null}
      {impact.data && !impact.isFetching ? <ImpactResultView result={impact.data} label="Impact of the changes between the revisions" /> : null}
    </section>
  );
}

function DiffContent({ diff }: { diff: DesignDiffView }) {
  const fromLabel = `r${diff.fromRevision}`;
  const toLabel = `r${diff.toRevision}`;
  const { ous, accounts, policies, attachments } = diff;
  const sections: ReactNode[] = [];

  const structure = [
    ...ous.added.map((e) => <Change key={`oa${e.id}`} tag="added" what="OU" name={e.name} id={e.awsId} />),
    ...ous.removed.map((e) => <Change key={`or${e.id}`} tag="removed" what="OU" name={e.name} id={e.awsId} />),
    ...ous.moved.map((e) => <Change key={`om${e.id}`} tag="moved" what="OU" name={e.name} id={e.awsId} detail={`${e.from?.name ?? 'outside'} → ${e.to?.name ?? 'outside'}`} />),
    ...ous.renamed.map((e) => <Change key={`on${e.id}`} tag="renamed" what="OU" name={e.toName} id={e.awsId} detail={`was “${e.fromName}”`} />),
    ...accounts.added.map((e) => <Change key={`aa${e.id}`} tag="added" what="Account" name={e.name} id={e.awsId} />),
    ...accounts.removed.map((e) => <Change key={`ar${e.id}`} tag="removed" what="Account" name={e.name} id={e.awsId} />),
    ...accounts.moved.map((e) => <Change key={`am${e.id}`} tag="moved" what="Account" name={e.name} id={e.awsId} detail={`${e.from?.name ?? 'outside the organization'} → ${e.to?.name ?? 'outside the organization'}`} />),
    ...accounts.renamed.map((e) => <Change key={`an${e.id}`} tag="renamed" what="Account" name={e.toName} id={e.awsId} detail={`was “${e.fromName}”`} />),
    ...accounts.statusChanged.map((e) => <Change key={`as${e.id}`} tag="changed" what="Account" name={e.name} id={e.awsId} detail={`status ${e.from} → ${e.to}`} />),
  ];
  if (structure.length > 0) sections.push(<DiffSection key="structure" title="OUs and accounts" count={structure.length}>{structure}</DiffSection>);

  const policyRows = [
    ...policies.added.map((p) => <Change key={`pa${p.id}`} tag="added" what={policyTypeInfo(p.type).short} name={p.name} id={p.awsId} />),
    ...policies.removed.map((p) => <Change key={`pr${p.id}`} tag="removed" what={policyTypeInfo(p.type).short} name={p.name} id={p.awsId} />),
  ];
  if (policyRows.length + policies.changed.length > 0) {
    sections.push(
      <DiffSection key="policies" title="Policies" count={policyRows.length + policies.changed.length}>
        {policyRows}
        {policies.changed.map((p) => (
          <li key={`pc${p.id}`} className="diff-change diff-change--block">
            <div className="diff-change__line">
              <span className="change-tag change-tag--changed">changed</span>
              <span className="diff-change__what">{policyTypeInfo(p.type).short}</span>
              <strong>{p.name}</strong>
              <span className="mono muted">{p.awsId}</span>
              {p.renamedFrom ? <span className="muted">was “{p.renamedFrom}”</span> : null}
              {p.descriptionChanged ? <span className="muted">description changed</span> : null}
            </div>
            {p.contentChanged && p.statements.length === 0 ? <p className="muted small">Only the formatting of the document changed.</p> : null}
            {p.statements.map((change) => (
              <StatementDiff key={change.key} change={change} fromLabel={fromLabel} toLabel={toLabel} />
            ))}
          </li>
        ))}
      </DiffSection>,
    );
  }

  const attachmentRows = [
    ...attachments.added.map((a) => (
      <Change key={`ta${a.policy.id}${a.target.id}`} tag="attached" what={policyTypeInfo(a.policy.type).short} name={a.policy.name} id={a.policy.awsId} detail={`→ ${a.target.name} (${a.target.awsId})`} />
    )),
    ...attachments.removed.map((a) => (
      <Change key={`tr${a.policy.id}${a.target.id}`} tag="detached" what={policyTypeInfo(a.policy.type).short} name={a.policy.name} id={a.policy.awsId} detail={`✕ ${a.target.name} (${a.target.awsId})`} />
    )),
  ];
  if (attachmentRows.length > 0) sections.push(<DiffSection key="attachments" title="Attachments" count={attachmentRows.length}>{attachmentRows}</DiffSection>);

  const iamTag = { added: 'added', removed: 'removed', changed: 'changed' } as const;
  const iamWhat = { role: 'Role', user: 'User', group: 'Group', managedPolicy: 'IAM policy', inlinePolicy: 'Inline policy', attachment: 'Attachment', membership: 'Membership' } as const;
  if (diff.iam.length > 0) {
    sections.push(
      <DiffSection key="iam" title="IAM" count={diff.iam.length}>
        {diff.iam.map((change, i) => (
          <li key={`iam${i}`} className={`diff-change${change.statements.length > 0 ? ' diff-change--block' : ''}`}>
            <div className="diff-change__line">
              <span className={`change-tag change-tag--${iamTag[change.change]}`}>{change.change === 'added' && change.kind === 'attachment' ? 'attached' : change.change === 'removed' && change.kind === 'attachment' ? 'detached' : change.change}</span>
              <span className="diff-change__what">{iamWhat[change.kind]}</span>
              <strong>{change.name.replace(/^(role|user|group|managed policy|inline policy) /, '')}</strong>
              {change.account ? <span className="mono muted">{change.account.name} ({change.account.awsId})</span> : <span className="muted">AWS managed</span>}
              {change.details.length > 0 ? <span className="diff-change__detail">{change.details.join('; ')}</span> : null}
            </div>
            {change.statements.map((statement) => (
              <StatementDiff key={statement.key} change={statement} fromLabel={fromLabel} toLabel={toLabel} />
            ))}
          </li>
        ))}
      </DiffSection>,
    );
  }

  const settings = [
    ...diff.policyTypes.enabled.map((t) => <Change key={`te${t}`} tag="added" what="Type" name={`${policyTypeInfo(t).plural} enabled`} />),
    ...diff.policyTypes.disabled.map((t) => <Change key={`td${t}`} tag="removed" what="Type" name={`${policyTypeInfo(t).plural} disabled`} />),
    ...(diff.featureSet ? [<Change key="fs" tag="changed" what="Feature set" name={`${diff.featureSet.from} → ${diff.featureSet.to}`} />] : []),
  ];
  if (settings.length > 0) sections.push(<DiffSection key="settings" title="Organization settings" count={settings.length}>{settings}</DiffSection>);

  if (sections.length === 0) {
    return <p className="empty-state">No differences between {fromLabel} and {toLabel} in the organization or its IAM (an undo and its redo, or a change the diff does not cover, such as RAM shares or findings, leave it the same).</p>;
  }
  return <>{sections}</>;
}

function DiffSection({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <section className="diff-section" aria-label={title}>
      <h3 className="diff-section__title">{title} <span className="muted">{count}</span></h3>
      <ul className="diff-section__list">{children}</ul>
    </section>
  );
}

function Change({ tag, what, name, id, detail }: { tag: string; what: string; name: string; id?: string; detail?: string }) {
  return (
    <li className="diff-change">
      <div className="diff-change__line">
        <span className={`change-tag change-tag--${tag}`}>{tag}</span>
        <span className="diff-change__what">{what}</span>
        <strong>{name}</strong>
        {id ? <span className="mono muted">{id}</span> : null}
        {detail ? <span className="diff-change__detail">{detail}</span> : null}
      </div>
    </li>
  );
}
