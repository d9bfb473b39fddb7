'use client';
import { useId } from 'react';
import { POLICY_TYPES } from '../policies/policy-types';
import type { EditLock } from '../sharing/use-edit-lock';
import './quotas.css';

/** A policy type's state on the root, as organizations.quotas reports it. */
export interface RootPolicyTypeState {
  type: string;
  status: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE';
}

/** What the section needs from its page: the root's types and how to switch one. */
export interface PolicyTypesSectionProps {
  policyTypes: readonly RootPolicyTypeState[];
  /** Organizations in consolidated-billing mode can only use SCP-less billing: every type needs all features. */
  allFeatures: boolean;
  /** Enables or disables a type (EnablePolicyType / DisablePolicyType on the root). */
  onToggle: (type: string, enable: boolean) => void;
  /** The type being switched, while the request runs. */
  busyType: string | null;
  /** Whether the caller may switch types (viewers and share links see the switches disabled, with the reason). */
  lock: EditLock;
  /** Heading level: h2 on the quotas page, h3 in the inspector. */
  headingLevel?: 2 | 3;
}

/**
 * EnablePolicyType and DisablePolicyType on the root, one switch per type the designer edits. A type must be
 * enabled before a policy of it can be attached (PolicyTypeNotEnabledException); disabling SCPs or RCPs detaches
 * every policy of the type, as AWS does.
 */
export function PolicyTypesSection({ policyTypes, allFeatures, onToggle, busyType, lock, headingLevel = 2 }: PolicyTypesSectionProps) {
  const ids = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="policy-types" aria-labelledby={`${ids}-title`}>
      <Heading id={`${ids}-title`} className={headingLevel === 2 ? undefined : 'inspector-section__title'}>Policy types on the root</Heading>
      {!allFeatures ? (
        <p className="muted small">The organization uses consolidated billing only: enable all features to use policies.</p>
      ) : null}
      <ul className="policy-types__list">
        {POLICY_TYPES.map((info) => {
          const state = policyTypes.find((entry) => entry.type === info.type);
          const enabled = state?.status === 'ENABLED';
          const busy = busyType === info.type;
          return (
            <li key={info.type} className="policy-types__item">
              <span className={`type-badge type-badge--${info.tone}`}>{info.short}</span>
              <span className="policy-types__name">{info.plural}</span>
              <span className={`policy-types__state${enabled ? ' policy-types__state--on' : ''}`} data-testid={`policy-type-state-${info.type}`}>
                {state ? (state.status === 'ENABLED' ? 'Enabled' : state.status === 'PENDING_ENABLE' ? 'Enabling…' : 'Disabling…') : 'Disabled'}
              </span>
              <button
                type="button"
                className="toolbar-button"
                {...lock.control({
                  busy: busyType !== null || !allFeatures || (state !== undefined && !enabled),
                  title: enabled && (info.short === 'SCP' || info.short === 'RCP') ? `Disabling detaches every ${info.singular} from every target` : undefined,
                })}
                aria-label={`${enabled ? 'Disable' : 'Enable'} ${info.plural}`}
                onClick={() => onToggle(info.type, !enabled)}
              >
                {busy ? '…' : enabled ? 'Disable' : 'Enable'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
