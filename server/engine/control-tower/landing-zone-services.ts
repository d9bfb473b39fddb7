// The organization-wide services a landing zone places in accounts, per account, for the account cards and panel:
// the organization CloudTrail trail that logs into the Log Archive account and the AWS Config aggregator in the Audit
// account (userguide/how-control-tower-works.html: "the Log Archive account ... repository for logs of API activities
// and resource configurations"; "the Audit account ... aggregates the AWS Config rules" - aws-controltower-
// GuardrailsComplianceAggregator), and the delegated administrators of the security services (Organizations'
// RegisterDelegatedAdministrator, one per service principal). Pure: the facts come in, the badges go out.

/** One landing-zone service an account holds. */
export interface LandingZoneService {
  /** Stable key. */
  key: 'ORG_TRAIL' | 'CONFIG_AGGREGATOR' | 'DELEGATED_ADMIN';
  /** A short badge label (a few letters). */
  short: string;
  /** What it is, for the tooltip and the panel. */
  label: string;
  /** The service principal, for a delegated administrator. */
  servicePrincipal?: string;
}

/** The security services whose delegated administrator the cards show, by service principal. */
export const SECURITY_SERVICE_ADMINS: Readonly<Record<string, { short: string; label: string }>> = Object.freeze({
  'guardduty.amazonaws.com': { short: 'GD', label: 'Delegated administrator for Amazon GuardDuty' },
  'securityhub.amazonaws.com': { short: 'SH', label: 'Delegated administrator for AWS Security Hub' },
  'config.amazonaws.com': { short: 'CFG', label: 'Delegated administrator for AWS Config' },
  'config-multiaccountsetup.amazonaws.com': { short: 'CFG', label: 'Delegated administrator for AWS Config (conformance packs and rules)' },
  'access-analyzer.amazonaws.com': { short: 'AA', label: 'Delegated administrator for IAM Access Analyzer' },
  // The landing zone's AWS Backup integration delegates it to its backup administrator account (backup-resources.html).
  'backup.amazonaws.com': { short: 'BKP', label: 'Delegated administrator for AWS Backup' },
});

/** What decides the services: the landing zone's shared accounts and trail, and the delegated administrators. */
export interface LandingZoneServiceFacts {
  /** The Log Archive account (any id form the caller uses), or null without a landing zone. */
  logArchiveAccountId: string | null;
  /** The Audit account, or null. */
  auditAccountId: string | null;
  /** True when the landing zone runs the organization trail. */
  organizationTrail: boolean;
  /** False when the landing zone's AWS Config integration is off (landing zone 4.0); the aggregator is then absent. */
  configEnabled?: boolean;
  /** Delegated administrators of the organization. */
  delegatedAdmins: readonly { accountId: string; servicePrincipal: string }[];
}

/** The landing-zone services of each account that holds any, in a fixed order (trail, aggregator, administrators). */
export function landingZoneServicesByAccount(facts: LandingZoneServiceFacts): Map<string, LandingZoneService[]> {
  const byAccount = new Map<string, LandingZoneService[]>();
  const add = (accountId: string, service: LandingZoneService) => {
    const list = byAccount.get(accountId) ?? [];
    if (!list.some((s) => s.short === service.short)) list.push(service);
    byAccount.set(accountId, list);
  };
  if (facts.logArchiveAccountId && facts.organizationTrail) {
    add(facts.logArchiveAccountId, { key: 'ORG_TRAIL', short: 'Trail', label: 'Organization CloudTrail trail: its logs are delivered to this account' });
  }
  if (facts.auditAccountId && facts.configEnabled !== false) {
    add(facts.auditAccountId, { key: 'CONFIG_AGGREGATOR', short: 'Aggr', label: 'AWS Config aggregator of the landing zone (aws-controltower-GuardrailsComplianceAggregator)' });
  }
  const admins = [...facts.delegatedAdmins].sort((a, b) => a.servicePrincipal.localeCompare(b.servicePrincipal));
  for (const admin of admins) {
    const known = SECURITY_SERVICE_ADMINS[admin.servicePrincipal];
    if (known) add(admin.accountId, { key: 'DELEGATED_ADMIN', short: known.short, label: known.label, servicePrincipal: admin.servicePrincipal });
  }
  return byAccount;
}
