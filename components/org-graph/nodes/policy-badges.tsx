import type { AttachedPolicy, LandingZoneServiceView, PolicyCounts } from '@/server/schemas/org';
import { LandingZoneBadges } from '@/components/control-tower/landing-zone-badges';

/** Badge label and style per policy type; SCP and RCP are always drawn (muted at zero) so card rows line up. */
const BADGES: { type: string; label: string; spoken: string; always: boolean; className: string }[] = [
  { type: 'SERVICE_CONTROL_POLICY', label: 'SCP', spoken: 'service control', always: true, className: 'policy-badge--scp' },
  { type: 'RESOURCE_CONTROL_POLICY', label: 'RCP', spoken: 'resource control', always: true, className: 'policy-badge--rcp' },
  { type: 'TAG_POLICY', label: 'TAG', spoken: 'tag', always: false, className: 'policy-badge--mgmt' },
  { type: 'BACKUP_POLICY', label: 'BKP', spoken: 'backup', always: false, className: 'policy-badge--mgmt' },
  { type: 'AISERVICES_OPT_OUT_POLICY', label: 'AI', spoken: 'AI services opt-out', always: false, className: 'policy-badge--mgmt' },
  { type: 'S3_POLICY', label: 'S3', spoken: 'Amazon S3', always: false, className: 'policy-badge--mgmt' },
  { type: 'DECLARATIVE_POLICY_EC2', label: 'EC2', spoken: 'EC2 (declarative)', always: false, className: 'policy-badge--mgmt' },
];

/** Props of PolicyBadges. */
export interface PolicyBadgesProps {
  counts: PolicyCounts;
  /** Every policy attached directly here; the badge tooltips name them. */
  policies: readonly AttachedPolicy[];
  /** Control Tower controls enabled on an OU (guardrails); omitted for the root and accounts. */
  enabledControls?: number;
  /** Landing-zone services of an account (org trail logs, Config aggregator, delegated administrators). */
  landingZoneServices?: readonly LandingZoneServiceView[];
}

/** Policies attached directly to a node, one badge per type with the names on hover, and guardrails. */
export function PolicyBadges({ counts, policies, enabledControls, landingZoneServices }: PolicyBadgesProps) {
  return (
    <div className="policy-badges">
      {BADGES.map((badge) => {
        const attached = policies.filter((policy) => policy.type === badge.type);
        const count =
          badge.type === 'SERVICE_CONTROL_POLICY' ? counts.scp : badge.type === 'RESOURCE_CONTROL_POLICY' ? counts.rcp : attached.length;
        if (count === 0 && !badge.always) return null;
        const names = attached.map((policy) => policy.name).join(', ');
        const noun = `${badge.spoken} ${count === 1 ? 'policy' : 'policies'}`;
        return (
          <span
            key={badge.type}
            className={`policy-badge ${badge.className}${count === 0 ? ' policy-badge--none' : ''}`}
            aria-label={`${count} ${noun} attached${names ? `: ${names}` : ''}`}
            title={names ? `${badge.label}: ${names}` : `No ${badge.spoken} policy attached here`}
          >
            {badge.label} {count}
          </span>
        );
      })}
      {enabledControls ? (
        <span
          className="policy-badge policy-badge--guardrail"
          aria-label={`${enabledControls} Control Tower ${enabledControls === 1 ? 'control' : 'controls'} enabled`}
          title={`${enabledControls} Control Tower ${enabledControls === 1 ? 'control' : 'controls'} (guardrails) enabled on this OU`}
        >
          GR {enabledControls}
        </span>
      ) : null}
      {landingZoneServices?.length ? <LandingZoneBadges services={landingZoneServices} /> : null}
    </div>
  );
}
