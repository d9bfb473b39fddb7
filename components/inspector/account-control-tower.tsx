'use client';
import type { AccountControlTowerView } from '@/server/schemas/account-details';
import { BreakableId } from '../editor-base/breakable-id';
import '../control-tower/control-tower.css';

const GUIDANCE_LABEL = { MANDATORY: 'Mandatory', STRONGLY_RECOMMENDED: 'Strongly recommended', ELECTIVE: 'Elective' } as const;
const ORIGIN_LABEL: Record<string, string> = { SETUP: 'shared account of the landing zone', ACCOUNT_FACTORY: 'provisioned by Account Factory', ENROLLED: 'existing account enrolled' };
const STATUS_LABEL = { COMPLIANT: 'Compliant', NON_COMPLIANT: 'Non-compliant', NOT_EVALUATED: 'Not evaluated' } as const;

/** What the account's enrolment means, in Control Tower's words. */
function enrolmentText(view: AccountControlTowerView): string {
  if (view.enrolment === 'MANAGEMENT_ACCOUNT') return 'Management account: Control Tower runs from it and does not enroll it.';
  if (view.enrolment === 'ENROLLED') return `Enrolled${view.origin ? ` (${ORIGIN_LABEL[view.origin] ?? view.origin.toLowerCase()})` : ''}`;
  if (!view.ou) return 'Not enrolled: the account sits under the root, which Control Tower does not register.';
  return view.ou.registered ? `Not enrolled, in the registered OU ${view.ou.name}` : `Not enrolled: OU ${view.ou.name} is not registered`;
}

/**
 * The account panel's Control Tower section: enrolment, the registered OU, the controls that apply to the account
 * (enabled on its OU or inherited) with behaviour and guidance, each detective control's result, and its drift.
 * The server decides all of it (controlTower.* and account.details); the panel only lays it out.
 */
export function AccountControlTower({ view }: { view: AccountControlTowerView }) {
  const preventive = view.controls.filter((c) => c.behavior !== 'DETECTIVE');
  const detective = view.controls.filter((c) => c.behavior === 'DETECTIVE');
  return (
    <section className="inspector-section" aria-label="Control Tower">
      <h3 className="inspector-section__title">Control Tower</h3>
      <dl className="detail-list">
        <dt>Enrolment</dt>
        <dd data-testid="ct-enrolment">{enrolmentText(view)}</dd>
        <dt>OU</dt>
        <dd>{view.ou ? `${view.ou.name} (${view.ou.registered ? 'registered' : 'not registered'})` : 'Root'}</dd>
        {view.compliance ? (
          <>
            <dt>Compliance</dt>
            <dd className={`ct-status--${view.compliance}`}>{STATUS_LABEL[view.compliance]}</dd>
          </>
        ) : null}
      </dl>
      {view.drift.map((item) => (
        <p key={`${item.type} ${item.message}`} className="field__error small" role="note"><span className="mono">{item.type}</span>: {item.message}</p>
      ))}
      {view.controls.length === 0 ? (
        <p className="empty-state small">{view.ou?.registered ? 'No control applies here.' : 'No control applies: controls apply through a registered OU.'}</p>
      ) : null}
      {detective.length > 0 ? (
        <ul className="ct-account-controls" aria-label="Detective controls of the account">
          {detective.map((control) => (
            <li key={control.arn} className="ct-account-control">
              <span className="ct-account-control__name" title={control.name}>{control.alias ? <BreakableId text={control.alias} /> : control.name}</span>
              <span className="ct-account-control__tags">
                <span className={`ct-tag ct-tag--${control.guidance}`}>{GUIDANCE_LABEL[control.guidance]}</span>{' '}
                <span className="ct-tag">detective</span>{' '}
                {control.compliance ? <span className={`ct-status--${control.compliance.status}`}>{STATUS_LABEL[control.compliance.status]}</span> : null}
              </span>
              {control.compliance ? <span className="ct-account-control__note">{control.compliance.reason}</span> : null}
              {control.inheritedFrom ? <span className="ct-account-control__note">inherited from {control.inheritedFrom}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {preventive.length > 0 ? (
        <details>
          <summary className="small">{preventive.length} preventive and proactive control{preventive.length === 1 ? '' : 's'}</summary>
          <ul className="ct-account-controls" aria-label="Preventive and proactive controls of the account">
            {preventive.map((control) => (
              <li key={`${control.arn} ${control.inheritedFrom ?? ''}`} className="ct-account-control">
                <span className="ct-account-control__name" title={control.name}>{control.alias ? <BreakableId text={control.alias} /> : control.name}</span>
                <span className="ct-account-control__tags">
                  <span className={`ct-tag ct-tag--${control.guidance}`}>{GUIDANCE_LABEL[control.guidance]}</span>{' '}
                  <span className="ct-tag">{control.behavior.toLowerCase()}</span>{' '}
                </span>
                {control.inheritedFrom ? <span className="ct-account-control__note">inherited from {control.inheritedFrom}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
