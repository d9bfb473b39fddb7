'use client';
import { useOrgTree } from '../editor-base/use-org-tree';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { SimulationRequest } from '@/server/schemas/simulation';
import { findOrgNode } from '../editor-base/org-tree-queries';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useOutsideAccounts } from '../editor-base/use-outside-accounts';
import { useTRPC } from '../trpc/client';
import { decisionWords, statusOf, EFFECTIVE_STATUS_LABELS } from './effective-status';
import { LevelPath } from './level-path';
import { PolicySourceView } from './policy-source-view';
import { chainLevels, isDecisive, LAYER_LABELS, OUTCOME_LABELS, type ChainLevel, type EvaluationResultDto, type TraceStep } from './trace-model';
import './effective.css';

/** A statement picked in the trace: which policy, which statement, in which account's IAM. */
interface PickedStatement {
  policyId: string;
  statementIndex: number;
}

/**
 * The trace of the selected account for the current request (rendered in the inspector in the effective view):
 * the SCP and RCP paths with the level that stopped the request, every layer with the statements that matched,
 * and the deciding statement highlighted in its policy.
 */
export function TracePanel() {
  const selectedId = useEditorStore((state) => state.selectedId);
  const tree = useOrgTree()?.tree ?? null;
  const decisions = useEditorStore((state) => state.decisions);
  const node = tree && selectedId ? findOrgNode(tree, selectedId) : null;
  const { accounts: outside } = useOutsideAccounts();

  if (Object.keys(decisions).length === 0) {
    return <TraceMessage title="Trace" text="Run a request in the bar above: every account is coloured, and selecting one shows why." />;
  }
  // An account of the tree, or one outside any organization (the canvas lists those when there is no organization).
  const outsider = outside.find((entry) => entry.accountId === selectedId);
  const account = node?.kind === 'account' ? { id: node.awsId, name: node.name } : outsider && { id: outsider.accountId, name: outsider.name };
  if (!account) {
    return <TraceMessage title="Trace" text="Select an account on the canvas to see which policy, at which level, decided the request." />;
  }
  const decision = decisions[account.id];
  if (!decision?.request) {
    return <TraceMessage title={account.name} text="This account was not evaluated: the chosen principal does not exist in it." />;
  }
  return <AccountTrace key={`${account.id}|${JSON.stringify(decision.request)}`} accountName={account.name} request={decision.request} />;
}

function TraceMessage({ title, text }: { title: string; text: string }) {
  return (
    <section className="side-panel trace-panel" aria-label="Trace">
      <h2 className="side-panel__title">{title}</h2>
      <p className="empty-state">{text}</p>
    </section>
  );
}

/** The 12-digit account of a principal ARN (its IAM holds the inline and customer-managed policies). */
function principalAccount(arn: string): string | undefined {
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

function AccountTrace({ accountName, request }: { accountName: string; request: SimulationRequest }) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const revision = useEditorStore((state) => state.revision);
  const simulated = useQuery(trpc.simulation.simulate.queryOptions({ designId, request }));
  const { refetch } = simulated;
  // The design changed: the same request may now be answered differently.
  useEffect(() => {
    void refetch();
  }, [revision, refetch]);

  if (simulated.isPending) return <TraceMessage title={accountName} text="Evaluating…" />;
  if (simulated.isError) {
    return (
      <section className="side-panel trace-panel" aria-label="Trace">
        <h2 className="side-panel__title">{accountName}</h2>
        <p className="field__error" role="alert">{simulated.error.message} Run the request again from the bar.</p>
      </section>
    );
  }
  return <TraceDetails designId={designId} accountName={accountName} request={request} result={simulated.data.result} />;
}

function TraceDetails({ designId, accountName, request, result }: { designId: string; accountName: string; request: SimulationRequest; result: EvaluationResultDto }) {
  const scpLevels = useMemo(() => chainLevels(result.trace, 'scp'), [result.trace]);
  const rcpLevels = useMemo(() => chainLevels(result.trace, 'rcp'), [result.trace]);
  useCanvasPath(scpLevels.length > 0 ? scpLevels : rcpLevels);
  const firstDecisive = useMemo(() => defaultStatement(result), [result]);
  const [picked, setPicked] = useState<PickedStatement | undefined>(firstDecisive);
  const status = statusOf(result);
  const stopped = [...scpLevels, ...rcpLevels].find((level) => level.stopped);

  return (
    <section className="side-panel trace-panel" aria-label={`Trace of ${accountName}`}>
      <header className="trace-step__head">
        <h2 className="side-panel__title">{accountName}</h2>
        <span className={`decision-chip decision-chip--${status}`} data-decision={result.decision}>{EFFECTIVE_STATUS_LABELS[status]}</span>
      </header>
      <p className="trace-panel__summary"><strong>{decisionWords(result)}.</strong> {result.summary}</p>
      <p className="trace-panel__request">{request.principalArn} → {request.action} on {request.resource}</p>
      {result.missingContextValues.length > 0 ? (
        <p className="trace-step__note" aria-label="Missing context values">The answer can change with keys the request did not carry: <span className="mono">{result.missingContextValues.join(', ')}</span>. Add them as context in the bar to settle it.</p>
      ) : null}
      {result.overriddenContext.length > 0 ? (
        <ul className="trace-step__note" aria-label="Context not used">
          {result.overriddenContext.map((entry) => <li key={entry.key}>{entry.note}</li>)}
        </ul>
      ) : null}

      {scpLevels.length > 0 ? (
        <div>
          <h3>SCP path{stopped && scpLevels.includes(stopped) ? `: stopped at ${stopped.targetName}` : ''}</h3>
          <LevelPath levels={scpLevels} label="SCP levels from the root to the account" />
        </div>
      ) : null}
      {rcpLevels.length > 0 ? (
        <div>
          <h3>RCP path{stopped && rcpLevels.includes(stopped) ? `: stopped at ${stopped.targetName}` : ''}</h3>
          <LevelPath levels={rcpLevels} label="RCP levels from the root to the resource account" />
        </div>
      ) : null}

      <div>
        <h3>Layers</h3>
        <ol className="trace-steps" aria-label="Evaluation layers">
          {result.trace.map((step, index) => (
            <TraceStepItem key={index} step={step} decisive={isDecisive(step, result.decision)} picked={picked} onPick={setPicked} />
          ))}
        </ol>
        {result.trace.length === 0 ? <p className="empty-state">The engine returned no trace steps.</p> : null}
      </div>

      {picked ? (
        <PolicySourceView designId={designId} policyId={picked.policyId} statementIndex={picked.statementIndex} accountId={principalAccount(request.principalArn)} />
      ) : (
        <p className="empty-state">{noStatementText(result)}</p>
      )}
    </section>
  );
}

/** Why no statement is highlighted: a documented service rule decided, or nothing allowed the request. */
function noStatementText(result: EvaluationResultDto): string {
  if (result.trace.some((step) => step.layer === 'service' && isDecisive(step, result.decision))) {
    return 'A documented service rule decided this request, not a policy statement.';
  }
  return `No statement decided this request${result.decision === 'implicitDeny' ? ': nothing allowed it' : ''}.`;
}

/** Draws the chain's path on the canvas (root → account, marked where it stopped) while this trace is shown. */
function useCanvasPath(levels: readonly ChainLevel[]) {
  const tree = useOrgTree()?.tree ?? null;
  const setTracePath = useEditorStore((state) => state.setTracePath);
  useEffect(() => {
    if (!tree || levels.length === 0) return;
    // Trace levels name AWS ids; the canvas draws row ids.
    const rowId = (awsId: string) => findOrgNode(tree, awsId)?.id;
    const nodeIds = levels.map((level) => rowId(level.targetId)).filter((id): id is string => id !== undefined);
    const stopped = levels.find((level) => level.stopped);
    setTracePath({ nodeIds, stoppedId: stopped ? (rowId(stopped.targetId) ?? null) : null });
    return () => setTracePath(null);
  }, [tree, levels, setTracePath]);
}

/** The statement to highlight first: a matched statement of the first decisive step, Deny first. */
function defaultStatement(result: EvaluationResultDto): PickedStatement | undefined {
  const decisive = result.trace.filter((step) => isDecisive(step, result.decision));
  for (const step of decisive.length > 0 ? decisive : result.trace) {
    const statement = step.matched.find((candidate) => candidate.effect === 'Deny') ?? (result.decision === 'allowed' ? step.matched[0] : undefined);
    if (statement) return { policyId: statement.policyId, statementIndex: statement.statementIndex };
  }
  return undefined;
}

function TraceStepItem({ step, decisive, picked, onPick }: { step: TraceStep; decisive: boolean; picked?: PickedStatement; onPick: (picked: PickedStatement) => void }) {
  return (
    <li className={`trace-step${decisive ? ' trace-step--decisive' : ''}`} aria-current={decisive ? 'step' : undefined}>
      <div className="trace-step__head">
        <span>
          <span className="trace-step__layer">{LAYER_LABELS[step.layer] ?? step.layer}</span>
          {step.level ? <span className="trace-step__level"> · {step.level.targetName}</span> : null}
        </span>
        <span className={`decision-chip decision-chip--${step.outcome}`}>{OUTCOME_LABELS[step.outcome]}</span>
      </div>
      {step.rule ? (
        <p className="trace-step__rule" data-rule-id={step.rule.id}>
          {step.rule.title}{' '}
          <a href={step.rule.doc} target="_blank" rel="noreferrer">AWS documentation</a>
        </p>
      ) : null}
      {step.note ? <p className="trace-step__note">{step.note}</p> : null}
      {step.outcome === 'noMatch' && step.matched.length === 0 && step.level ? (
        <p className="trace-step__note">No policy attached at {step.level.targetName} allows this action.</p>
      ) : null}
      {step.matched.map((statement) => {
        const isPicked = picked?.policyId === statement.policyId && picked.statementIndex === statement.statementIndex;
        return (
          <button key={`${statement.policyId}#${statement.statementIndex}`} type="button" className="trace-statement" aria-pressed={isPicked}
            onClick={() => onPick({ policyId: statement.policyId, statementIndex: statement.statementIndex })}
            title="Show this statement in its policy">
            <span className={`trace-statement__effect trace-statement__effect--${statement.effect}`}>{statement.effect}</span>
            <span className="trace-statement__name">{statement.policyName} · {statement.sid ? `Sid ${statement.sid}` : `statement ${statement.statementIndex + 1}`}</span>
            {statement.control ? <span className="trace-statement__control">Control Tower control {statement.control.identifier}: {statement.control.name}</span> : null}
          </button>
        );
      })}
    </li>
  );
}
