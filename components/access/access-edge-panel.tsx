'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { LAYER_LABELS, OUTCOME_LABELS } from '../effective/trace-model';
import { edgeLabel } from './access-flow';

/** One edge: who assumes what, the conditions, the trust statement it rests on, and the engine's trace. */
export function AccessEdgePanel({ designId, edgeId, onClose }: { designId: string; edgeId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.access.edge.queryOptions({ designId, edgeId }));
  const detail = query.data;
  return (
    <aside className="access-panel access-panel--edge" aria-label="Edge details">
      <header className="access-panel__head">
        <h3>Edge</h3>
        <button type="button" className="access-link" onClick={onClose} aria-label="Close edge details">Close</button>
      </header>
      {query.isPending ? <p className="access-muted">Loading…</p> : null}
      {query.isError ? <p className="access-error" role="alert">{query.error.message}</p> : null}
      {detail ? (
        <div className="access-panel__body">
          <p className="access-edge-title"><code>{short(detail.edge.from)}</code> can assume <code>{short(detail.edge.to)}</code></p>
          <dl className="access-facts">
            <dt>Decision</dt><dd className={`access-decision access-decision--${detail.edge.decision}`}>{detail.edge.decision}</dd>
            <dt>Action</dt><dd>{detail.edge.action}</dd>
            <dt>Conditions</dt><dd>{edgeLabel(detail.edge) || 'none'}</dd>
            <dt>Session</dt><dd>{detail.edge.chained ? `role chaining: at most ${detail.edge.maxSessionSeconds / 3600} h` : `up to ${detail.edge.maxSessionSeconds / 3600} h`}</dd>
          </dl>
          {detail.suppliedContext.length > 0 ? (
            <>
              <h4>The request must carry</h4>
              <ul className="access-list">{detail.suppliedContext.map((entry) => <li key={entry.key}><code>{entry.key}</code> = <code>{entry.values.join(', ')}</code></li>)}</ul>
            </>
          ) : null}
          <h4>Trust policy (statement{detail.statementIndexes.length === 1 ? '' : 's'} {detail.statementIndexes.map((index) => `#${index}`).join(', ')})</h4>
          <pre className="access-policy" aria-label="Trust policy">{detail.trustPolicy}</pre>
          {detail.result ? (
            <>
              <h4>Trace: {detail.result.decision}</h4>
              <p className="access-muted">{detail.result.summary}</p>
              <ol className="access-trace" aria-label="Trace">
                {detail.result.trace.map((step, i) => (
                  <li key={i} className={`access-trace__step access-trace__step--${step.outcome}`}>
                    <span className="access-trace__layer">{LAYER_LABELS[step.layer] ?? step.layer}{step.level ? ` · ${step.level.targetName}` : ''}</span>
                    <span className="access-trace__outcome">{OUTCOME_LABELS[step.outcome as keyof typeof OUTCOME_LABELS] ?? step.outcome}</span>
                    {step.matched.length > 0 ? <span className="access-trace__statements">{step.matched.map((m) => `${m.effect} ${m.policyName}${m.sid ? ` (${m.sid})` : ` #${m.statementIndex}`}`).join('; ')}</span> : null}
                    {step.note ? <span className="access-trace__note">{step.note}</span> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : <p className="access-muted">AWS services and identity providers are not IAM principals: the trust statement alone decides this edge.</p>}
        </div>
      ) : null}
    </aside>
  );
}

/** "role/Name (111122223333)" from an ARN or node id. */
export function short(id: string): string {
  if (id.startsWith('service:') || id.startsWith('federated:')) {
    const value = id.slice(id.indexOf(':') + 1);
    // An identity provider registered in an account (Identity Center's AWSSSO_... SAML provider): its name and account.
    const provider = /^arn:[^:]+:iam::(\d{12}):(saml|oidc)-provider\/(.+)$/.exec(value);
    return provider ? `${provider[2].toUpperCase()} provider ${provider[3]} (${provider[1]})` : value;
  }
  // IAM Identity Center nodes: "identity-center-user:alice", "identity-center-group:Admins", "permission-set:Name@account".
  if (id.startsWith('identity-center-user:')) return `Identity Center user ${id.slice('identity-center-user:'.length)}`;
  if (id.startsWith('identity-center-group:')) return `Identity Center group ${id.slice('identity-center-group:'.length)}`;
  if (id.startsWith('permission-set:')) {
    const [name, account] = id.slice('permission-set:'.length).split('@');
    return `permission set ${name} (${account})`;
  }
  const parts = id.split(':');
  const resource = parts.slice(5).join(':');
  // The graph's stand-ins for principals outside the organization (role/lzsim-external/AnyPrincipal of the account a
  // trust policy names, or of account 000000000000 for "*"): name what they stand for, not the stand-in role.
  if (resource === 'role/lzsim-external/AnyPrincipal') return parts[4] === '000000000000' ? 'Anyone (any AWS account)' : `any principal of ${parts[4]} (outside the organization)`;
  return `${resource.replace(/^(role|user)\/(.*\/)?/, '$1/')} (${parts[4]})`;
}
