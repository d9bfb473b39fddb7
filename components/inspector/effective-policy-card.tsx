'use client';
import type { EffectiveManagementPolicyView } from '@/server/schemas/account-details';
import { BreakableId } from '../editor-base/breakable-id';
import { policyTypeInfo } from '../policies/policy-types';

const STATUS_TEXT: Record<EffectiveManagementPolicyView['status'], string> = {
  ok: 'Effective',
  'not-found': 'None applies',
  'invalid-policy': 'Invalid policy attached',
  'invalid-effective-policy': 'Merge refused by AWS',
  'invalid-input': 'Cannot compute',
};

/**
 * One effective management policy of an account, as DescribeEffectivePolicy would return it: the merged JSON, and
 * for each setting the policy and level it came from; a failed merge says why.
 */
export function EffectivePolicyCard({ effective }: { effective: EffectiveManagementPolicyView }) {
  const info = policyTypeInfo(effective.type);
  const attached = effective.levels.flatMap((level) => level.policies.map((p) => `${p.name} @ ${level.name}`));
  return (
    <details className="effective-card" open={effective.status !== 'not-found'}>
      <summary className="effective-card__summary">
        <span className={`type-badge type-badge--${info.tone}`}>{info.short}</span>
        <span className="effective-card__title">{info.singular.charAt(0).toUpperCase() + info.singular.slice(1)}</span>
        <span className={`effective-card__status effective-card__status--${effective.status === 'ok' ? 'ok' : effective.status === 'not-found' ? 'none' : 'error'}`}>
          {STATUS_TEXT[effective.status]}
        </span>
      </summary>
      <div className="effective-card__body">
        {!effective.enabled ? <p className="inspector__note">This policy type is not enabled on the root: nothing of it takes effect.</p> : null}
        <p className="muted small">{attached.length > 0 ? `From ${attached.join(', ')}` : 'No policy of this type is attached along the path.'}</p>
        {effective.errors.map((error, index) => (
          <p key={index} className="field__error small">
            {error.message} <code>{error.path}</code>
          </p>
        ))}
        {effective.document ? <pre className="effective-card__json">{JSON.stringify(effective.document, null, 2)}</pre> : null}
        {effective.contributions.length > 0 ? (
          <ul className="contributions" aria-label="Where each value came from">
            {effective.contributions.map((c) => (
              <li key={c.path}>
                <code><BreakableId text={c.path.replace(/^\$\./, '')} /></code>
                <span className="contributions__value"> = {JSON.stringify(c.value)}</span>
                <span className="contributions__from">
                  from {c.from.policyName} <span className="muted">@ {c.from.targetName}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {effective.ignored.length > 0 ? (
          <ul className="effective-card__ignored" aria-label="Ignored by AWS">
            {effective.ignored.map((i, index) => (
              <li key={index}>{i.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  );
}
