import type { LandingZoneServiceView } from '@/server/schemas/org';

// The landing-zone services of an account as at most two small badges on its card: the organization trail's logs or
// the Config aggregator, and one badge for all the security services it is delegated administrator of. The full
// names are in the tooltip, the accessible label and the account panel.

const ADMIN_NAMES: Readonly<Record<string, string>> = {
  GD: 'GuardDuty', SH: 'Security Hub', CFG: 'Config', AA: 'Access Analyzer',
};

/** Small badges for an account's landing-zone services. */
export function LandingZoneBadges({ services }: { services: readonly LandingZoneServiceView[] }) {
  const own = services.filter((s) => s.key !== 'DELEGATED_ADMIN');
  const admins = services.filter((s) => s.key === 'DELEGATED_ADMIN');
  const adminNames = admins.map((s) => ADMIN_NAMES[s.short] ?? s.short);
  return (
    <>
      {own.map((service) => (
        <span key={service.key} className="policy-badge policy-badge--lz" title={service.label} aria-label={service.label} data-lz-service={service.key}>
          {service.short}
        </span>
      ))}
      {admins.length > 0 ? (
        <span
          className="policy-badge policy-badge--lz"
          title={`Delegated administrator for ${adminNames.join(', ')}`}
          aria-label={`Delegated administrator for ${adminNames.join(', ')}`}
          data-lz-service="DELEGATED_ADMIN"
        >
          {admins.length === 1 ? `DA ${admins[0].short}` : `DA ${admins.length}`}
        </span>
      ) : null}
    </>
  );
}
