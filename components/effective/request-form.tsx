'use client';
import { useState, type FormEvent } from 'react';
import { awsLabelOf } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { ActionInput } from './action-input';
import { ContextEntries } from './context-entries';
import { EffectiveLegend } from './effective-legend';
import { formProblems, type EffectiveForm } from './effective-request';
import { PrincipalPicker } from './principal-picker';
import { SessionTagEntries } from './session-tag-entries';
import type { EffectiveRunState } from './use-run-effective';

/** The effective view's request form (principal, action, resource, context, session tags, Run) and its status line. */
export function RequestForm({ form, setForm, state, onRun }: { form: EffectiveForm; setForm: (form: EffectiveForm) => void; state: EffectiveRunState; onRun: (form: EffectiveForm) => void }) {
  const designId = useEditorStore((state) => state.designId);
  const [showProblems, setShowProblems] = useState(false);
  const problems = formProblems(form);
  const problemFields = new Set(showProblems ? problems.map((problem) => problem.field) : []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) {
      setShowProblems(true);
      return;
    }
    setShowProblems(false);
    onRun(form);
  };

  return (
    <section className="request-bar request-bar--form" aria-label="Effective permission request">
      <form className="request-bar__form" onSubmit={submit} aria-label="Request" noValidate>
        <PrincipalPicker designId={designId} value={form.principal} onChange={(principal) => setForm({ ...form, principal })} invalid={problemFields.has('principal')} />
        <ActionInput value={form.action} onChange={(action) => setForm({ ...form, action })} invalid={problemFields.has('action')} />
        <input aria-label="Resource ARN" className="request-bar__resource" value={form.resource} spellCheck={false}
          placeholder="* or arn:aws:s3:::bucket-${AccountId}/*" title={'"${AccountId}" stands for each account\'s id'}
          aria-invalid={problemFields.has('resource') || undefined} onChange={(event) => setForm({ ...form, resource: event.target.value })} />
        <ContextEntries rows={form.context} onChange={(context) => setForm({ ...form, context })} />
        <SessionTagEntries rows={form.sessionTags} onChange={(sessionTags) => setForm({ ...form, sessionTags })} invalid={problemFields.has('sessionTags')} />
        <button type="submit" className="toolbar-button toolbar-button--primary" disabled={state.status === 'running'}>
          {state.status === 'running' ? 'Running…' : 'Run'}
        </button>
      </form>
      <RunStatus state={state} problems={showProblems ? problems.map((problem) => problem.message) : []} />
    </section>
  );
}

function RunStatus({ state, problems }: { state: EffectiveRunState; problems: string[] }) {
  if (problems.length > 0) {
    return <p className="request-bar__message request-bar__message--error" role="alert">{problems.join(' ')}</p>;
  }
  if (state.status === 'error') {
    const aws = awsLabelOf(state.error);
    return (
      <p className="request-bar__message request-bar__message--error" role="alert">
        {aws ? <strong>{aws}: </strong> : null}{state.error.message} Check the principal and action, then run again.
      </p>
    );
  }
  if (state.status === 'done') {
    return (
      <div className="request-bar__result" role="status" aria-label="Effective permission result">
        <EffectiveLegend counts={state.counts} />
        <span className="request-bar__meta">
          {state.evaluated} account{state.evaluated === 1 ? '' : 's'} at rev {state.revision}
          {state.onePrincipal ? ' · each card: this principal acting on a resource in that account' : ''}
          {state.missing > 0 ? ` · ${state.missing} without this principal (uncoloured)` : ''} · select an account for its trace
        </span>
      </div>
    );
  }
  if (state.status === 'running') return <p className="request-bar__message" role="status">Evaluating {state.label}…</p>;
  return (
    <div className="request-bar__result">
      <EffectiveLegend />
      <span className="request-bar__meta">Choose who asks and an action, then Run.</span>
    </div>
  );
}
