import type { PolicyCounts } from '@/server/schemas/org';

/** SCP and RCP counts attached directly to a node; zero counts are drawn muted, not hidden, so rows line up. */
export function PolicyBadges({ counts }: { counts: PolicyCounts }) {
  return (
    <div className="policy-badges">
      <span
        className={`policy-badge policy-badge--scp${counts.scp === 0 ? ' policy-badge--none' : ''}`}
        aria-label={`${counts.scp} service control ${counts.scp === 1 ? 'policy' : 'policies'} attached`}
        title="Service control policies attached here"
      >
        SCP {counts.scp}
      </span>
      <span
        className={`policy-badge policy-badge--rcp${counts.rcp === 0 ? ' policy-badge--none' : ''}`}
        aria-label={`${counts.rcp} resource control ${counts.rcp === 1 ? 'policy' : 'policies'} attached`}
        title="Resource control policies attached here"
      >
        RCP {counts.rcp}
      </span>
    </div>
  );
}
