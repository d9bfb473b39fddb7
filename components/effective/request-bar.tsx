'use client';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import { useEditorStore } from '../editor-base/editor-store-provider';
import type { EffectiveForm } from './effective-request';
import { useRunEffective } from './use-run-effective';
import { ServiceOverlayPicker } from '../matrix/service-overlay';
import './effective.css';

// The request form (principal picker, action autocomplete, context and session-tag rows) is fetched when the
// effective view is first opened: the editor opens in the design view, and its first chunk no longer carries it.
const RequestForm = dynamic(() => import('./request-form').then((m) => m.RequestForm));

const INITIAL_FORM: EffectiveForm = {
  principal: { kind: 'each-account', principal: 'role', name: 'OrganizationAccountAccessRole' },
  action: '',
  resource: '*',
  context: [],
  sessionTags: [],
};

/**
 * The effective-permission request bar under the top bar: principal, action (catalogue autocomplete), resource,
 * context entries and Run. Its answer colours every account card; an edit to the design runs it again.
 */
export function RequestBar() {
  const mode = useEditorStore((state) => state.mode);
  const setMode = useEditorStore((state) => state.setMode);
  const revision = useEditorStore((state) => state.revision);
  const accessOverlay = useEditorStore((state) => state.accessOverlay);
  const setAccessOverlay = useEditorStore((state) => state.setAccessOverlay);
  const setDecisions = useEditorStore((state) => state.setDecisions);
  // The form lives here, not in the mode-specific content, so switching views keeps what was typed.
  const [form, setForm] = useState<EffectiveForm>(INITIAL_FORM);
  const { state, run, reset } = useRunEffective();
  const lastRun = useRef<EffectiveForm | null>(null);

  // Colours are shown in the effective view only; coming back (or an edit changing the design: a new revision)
  // runs the last request again so the colours always answer for the current design.
  useEffect(() => {
    if (mode !== 'effective') {
      reset();
      setDecisions({});
    } else if (lastRun.current) {
      void run(lastRun.current);
    }
  }, [mode, revision, run, reset, setDecisions]);

  if (mode === 'design') {
    return (
      <section className="request-bar" aria-label="Effective permission request">
        <span className="request-bar__hint">Effective permissions: see which accounts allow a request, and why.</span>
        <button type="button" className="toolbar-button" onClick={() => setMode('effective')}>Open the effective view</button>
        <ServiceOverlayPicker />
        {accessOverlay ? (
          <>
            <span className="request-bar__hint">Access edges between accounts are drawn on the graph (dashed: conditional).</span>
            <button type="button" className="toolbar-button" onClick={() => setAccessOverlay(false)}>Hide access edges</button>
          </>
        ) : null}
      </section>
    );
  }
  if (mode === 'access') {
    return (
      <section className="request-bar" aria-label="About the access view">
        <span className="request-bar__hint">Access: who can assume which role across the organization, who can do an action on a resource (directly or through role chains), and what reaches in from outside.</span>
      </section>
    );
  }
  if (mode === 'matrix') {
    return (
      <section className="request-bar" aria-label="About the SCP matrix">
        <span className="request-bar__hint">SCP matrix: for one account, service by service, which actions its service control policies still allow (resource &quot;*&quot;).</span>
      </section>
    );
  }
  return (
    <RequestForm form={form} setForm={setForm} state={state} onRun={(submitted) => {
      lastRun.current = submitted;
      void run(submitted);
    }} />
  );
}
