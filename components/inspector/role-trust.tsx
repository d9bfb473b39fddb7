'use client';
import type { ReactNode } from 'react';
import type { AccountRoleView, TrustStatementView } from '@/server/schemas/account-details';

const GUARD_LABEL: Record<TrustStatementView['guards'][number]['kind'], string> = {
  'external-id': 'ExternalId',
  mfa: 'MFA',
  organization: 'Org',
  source: 'Source',
  other: 'Condition',
};

/** The distinct guards of a role's Allow statements, for the chips beside its name. */
function guardKinds(role: AccountRoleView): TrustStatementView['guards'][number]['kind'][] {
  const kinds = new Set(role.trust.statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.guards.map((g) => g.kind)));
  return (['external-id', 'mfa', 'organization', 'source', 'other'] as const).filter((kind) => kinds.has(kind));
}

/**
 * One role: a disclosure whose summary names the role and its guards, and whose body says who can assume it,
 * followed by `children` (the IAM editor's controls for the role).
 */
export function RoleTrust({ role, children }: { role: AccountRoleView; children?: ReactNode }) {
  const open = role.trust.statements.some((s) => s.openToAnyone);
  return (
    <details className="role">
      <summary className="role__summary">
        <span className="role__name">{role.name}</span>
        {role.serviceLinked ? <span className="chip chip--muted" title="Created by an AWS service; SCPs do not restrict service-linked roles">service-linked</span> : null}
        {role.identityCenter ? <span className="chip chip--muted" title="Managed by IAM Identity Center: change its permission set, not the role">IAM Identity Center</span> : null}
        {guardKinds(role).map((kind) => (
          <span key={kind} className={`chip chip--${kind}`}>{GUARD_LABEL[kind]}</span>
        ))}
        {open ? <span className="chip chip--danger">anyone</span> : null}
      </summary>
      <div className="role__body">
        <p className="mono role__arn">{role.arn}</p>
        {role.identityCenter ? <p className="muted small">Managed by IAM Identity Center: read-only here; edit its permission set instead.</p> : null}
        {role.description ? <p className="role__description">{role.description}</p> : null}
        {!role.trust.valid ? (
          <p className="field__error">
            The trust policy is not valid, so nobody can assume the role: {role.trust.findings.find((f) => f.severity === 'error')?.message}
          </p>
        ) : null}
        {role.trust.statements.map((statement) => (
          <TrustStatementView key={statement.statementIndex} statement={statement} />
        ))}
        <dl className="detail-list role__facts">
          <dt>Session</dt>
          <dd>up to {Math.round(role.maxSessionDuration / 360) / 10} h (1 h when reached by role chaining)</dd>
          {role.permissionsBoundary ? (
            <>
              <dt>Boundary</dt>
              <dd className="mono">{role.permissionsBoundary}</dd>
            </>
          ) : null}
          <dt>Policies</dt>
          <dd>{[...role.attachedPolicies.map((p) => p.name), ...role.inlinePolicies.map((n) => `${n} (inline)`)].join(', ') || 'none'}</dd>
        </dl>
        {children}
      </div>
    </details>
  );
}

function TrustStatementView({ statement }: { statement: TrustStatementView }) {
  const verb = statement.effect === 'Allow' ? 'Can assume' : 'Denied';
  return (
    <div className={`trust-statement trust-statement--${statement.effect.toLowerCase()}`}>
      <p className="trust-statement__head">
        <strong>{verb}</strong>
        {statement.sid ? <code className="muted"> {statement.sid}</code> : null}
        <span className="muted"> · {statement.notAction ? 'every action except ' : ''}{statement.actions.join(', ')}</span>
      </p>
      {statement.notPrincipal ? <p className="trust-statement__warn">Everyone except:</p> : null}
      <ul className="trust-statement__principals">
        {statement.principals.map((principal) => (
          <li key={`${principal.type}:${principal.value}`} className={principal.kind === 'anyone' ? 'trust-principal--anyone' : undefined}>
            {principal.description}
          </li>
        ))}
      </ul>
      {statement.guards.length > 0 ? (
        <ul className="trust-statement__guards" aria-label="Conditions">
          {statement.guards.map((guard) => (
            <li key={`${guard.operator}:${guard.key}`}>
              <span className={`chip chip--${guard.kind}`}>{GUARD_LABEL[guard.kind]}</span>{' '}
              <code>{guard.key}</code> <span className="muted">{guard.operator}</span> <code>{guard.values.join(', ')}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {statement.openToAnyone ? (
        <p className="trust-statement__warn">No condition limits who may assume this role: any AWS account can. Add aws:PrincipalOrgID or an ExternalId.</p>
      ) : null}
    </div>
  );
}
