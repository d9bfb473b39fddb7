'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PlanBuildResult } from '@/server/schemas/plan';
import { ImportDesignForm } from '../designs/import-design-form';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import './plan.css';

type Step = PlanBuildResult['plan']['steps'][number];

const METHOD_WORDS: Record<string, string> = {
  id: 'by id', name: 'by name', email: 'by email', root: 'the root', new: 'new', recreated: 'recreated (AWS cannot move an OU)', removed: 'removed',
};

const MANAGEMENT_WORDS: Record<string, string> = { TAG_POLICY: 'tag policy', BACKUP_POLICY: 'backup policy', AISERVICES_OPT_OUT_POLICY: 'AI opt-out policy', S3_POLICY: 'Amazon S3 policy', DECLARATIVE_POLICY_EC2: 'EC2 policy' };

/** Offers a text as a file download. */
function download(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** One line saying what a step does to access, from the impact the server computed. */
function impactText(step: Step): string {
  const impact = step.impact;
  const management = (step.managementChanges ?? []).map((change) => `effective ${MANAGEMENT_WORDS[change.type]} of ${change.accountName} changes (${change.keys.join(', ')})`);
  if (!impact) return management.length > 0 ? management.join('; ') : 'cannot change a decision';
  const parts: string[] = [...management];
  if (impact.changedCells > 0) {
    const denied = impact.services.reduce((sum, service) => sum + service.becameDenied, 0);
    const allowed = impact.services.reduce((sum, service) => sum + service.becameAllowed, 0);
    parts.push(`${impact.changedCells} pair${impact.changedCells === 1 ? '' : 's'} flip in ${impact.changedAccounts} account${impact.changedAccounts === 1 ? '' : 's'} (${denied} become denied, ${allowed} become allowed)`);
  }
  for (const principal of impact.principals) {
    const name = principal.principalArn.split(':').pop();
    if (principal.gainedCount > 0) parts.push(`${name} gains ${principal.gained.slice(0, 3).join(', ')}${principal.gainedCount > 3 ? ` and ${principal.gainedCount - 3} more` : ''}`);
    if (principal.lostCount > 0) parts.push(`${name} loses ${principal.lost.slice(0, 3).join(', ')}${principal.lostCount > 3 ? ` and ${principal.lostCount - 3} more` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no decision changes';
}

/**
 * The migration plan to this design: choose the live organization (a design holding an import, or a file to import
 * now), read the ordered AWS calls with each step's impact and how every entity was matched, and download the plan as
 * a bash script or as Terraform with import and moved blocks. Everything shown is computed by the server.
 */
export function MigrationPlanView({ designId, designName }: { designId: string; designName: string }) {
  const trpc = useTRPC();
  const designs = useQuery(trpc.design.list.queryOptions());
  const [fromDesignId, setFromDesignId] = useState('');
  const [region, setRegion] = useState('');
  const [showUpload, setShowUpload] = useState(false);
  // A share link may read this plan but not upload: an import creates a design, which needs someone signed in.
  const lock = useEditLock(designId);
  const plan = useQuery({
    ...trpc.plan.build.queryOptions({ designId, fromDesignId: fromDesignId || designId, ...(region ? { region } : {}) }),
    enabled: fromDesignId !== '',
  });
  const others = (designs.data ?? []).filter((design) => design.id !== designId);
  const error = plan.error ? describeApiError(plan.error) : null;
  const result = plan.data;
  const slug = designName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'design';

  return (
    <div className="plan-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/designs/${encodeURIComponent(designId)}`}>Design</Link> <span aria-hidden="true">›</span> Migration plan
      </nav>
      <h1>Migration plan to {designName}</h1>
      <p className="plan-page__lead">The ordered AWS Organizations and IAM calls that turn the live organization into this design, in an order AWS
        accepts and, where one exists, one in which nobody is ever allowed what neither the live organization nor the design allows.</p>
      <form className="plan-controls" onSubmit={(event) => event.preventDefault()}>
        <label>Live organization <select aria-label="Live organization" value={fromDesignId} onChange={(event) => setFromDesignId(event.target.value)}>
          <option value="">choose an imported design…</option>
          {others.map((design) => <option key={design.id} value={design.id}>{design.name}</option>)}
        </select></label>
        <label>Region <input aria-label="Region" placeholder="any (e.g. eu-west-1)" value={region} onChange={(event) => setRegion(event.target.value.trim())} /></label>
        <button type="button" className="toolbar-button" onClick={() => setShowUpload((shown) => !shown)}
          disabled={lock.viaShareLink} data-locked={lock.viaShareLink || undefined}
          title={lock.viaShareLink ? `${lock.reason}: sign in to upload a live organization` : undefined}>{showUpload ? 'Close upload' : 'Upload the live organization…'}</button>
      </form>
      {showUpload && (
        <div className="plan-upload">
          <ImportDesignForm onImported={(id) => { setFromDesignId(id); setShowUpload(false); }} />
        </div>
      )}
      {plan.isFetching && <p role="status" aria-busy="true">Planning…</p>}
      {error && <p role="alert" className="plan-page__error">{awsLabelOf(error) ? `${awsLabelOf(error)}: ` : ''}{error.message}</p>}
      {result && (
        <section aria-label="Plan" className="plan-result">
          <p className="plan-result__summary">
            From <strong>{result.fromName}</strong>: {result.plan.steps.length} step{result.plan.steps.length === 1 ? '' : 's'}
            {result.plan.wideningSteps > 0 ? `, ${result.plan.wideningSteps} widen access (marked)` : ', none widens access'}
            {result.plan.unplaced.length > 0 ? `; ${result.plan.unplaced.length} call(s) could not be placed` : ''}.
          </p>
          <div className="plan-result__downloads">
            <button type="button" className="toolbar-button" onClick={() => download(result.script, `${slug}-migration.sh`, 'text/x-shellscript')}>Download script</button>
            <button type="button" className="toolbar-button" onClick={() => download(result.terraform, `${slug}-migration.tf.json`, 'application/json')}>Download Terraform</button>
          </div>
          {result.plan.steps.length === 0 ? <p>The live organization already matches the design: nothing to do.</p> : (
            <table className="plan-steps" aria-label="Plan steps">
              <thead><tr><th scope="col">#</th><th scope="col">Call</th><th scope="col">What it does</th><th scope="col">Impact</th></tr></thead>
              <tbody>{result.plan.steps.map((step) => (
                <tr key={step.index} className={step.widens.length > 0 ? 'plan-steps__widens' : undefined} data-operation={step.operation}>
                  <td>{step.index}</td>
                  <td><code>{step.api === 'organizations' ? '' : `${step.api}:`}{step.operation}</code>{step.accountId ? <div className="muted small">in {step.accountId}</div> : null}</td>
                  <td>
                    {step.summary}
                    {step.note ? <div className="muted small">{step.note}</div> : null}
                    <details><summary className="small">Request</summary><pre className="plan-steps__request">{JSON.stringify(step.input, null, 2)}</pre></details>
                  </td>
                  <td>
                    {impactText(step)}
                    {step.widens.map((entry, i) => (
                      <div key={i} className="plan-steps__widening" role="note">Widens: {entry.principalArn ?? `${entry.accountId} (${entry.side?.toUpperCase()})`} {entry.roleArn ? `through ${[...(entry.via ?? []), entry.roleArn].join(' → ')} ` : ''}{entry.actions} action(s), e.g. {entry.sample.join(', ')}</div>
                    ))}
                  </td>
                </tr>
              ))}</tbody>
            </table>
          )}
          {result.plan.unplaced.length > 0 && (
            <ul aria-label="Not placed" className="plan-page__error">
              {result.plan.unplaced.map((call, i) => <li key={i}>{call.summary}: {call.awsCode}: {call.message}</li>)}
            </ul>
          )}
          {result.plan.warnings.length > 0 && (
            <ul aria-label="Warnings" className="plan-warnings">{result.plan.warnings.map((warning, i) => <li key={i}><strong>{warning.subject}</strong>: {warning.message}</li>)}</ul>
          )}
          <details className="plan-matches">
            <summary>How the design was matched to the live organization ({result.plan.matches.length} entities)</summary>
            <table className="plan-steps" aria-label="Matches">
              <thead><tr><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">Matched</th><th scope="col">Live id</th></tr></thead>
              <tbody>{result.plan.matches.map((match, i) => (
                <tr key={i}><td>{match.kind}</td><td>{match.name}</td><td>{METHOD_WORDS[match.method]}</td><td><code>{match.liveId ?? '—'}</code></td></tr>
              ))}</tbody>
            </table>
          </details>
        </section>
      )}
    </div>
  );
}
