// The landing-zone services per account: the organization trail's logs in Log Archive and the Config aggregator in Audit
// (https://docs.aws.amazon.com/controltower/latest/userguide/how-control-tower-works.html), and the delegated
// administrators of GuardDuty, Security Hub, Config and Access Analyzer (RegisterDelegatedAdministrator), and of AWS
// Backup, which the landing zone's backup integration delegates (.../userguide/backup-resources.html).
import { describe, expect, it } from 'vitest';
import { landingZoneServicesByAccount } from '../../../server/engine/control-tower/landing-zone-services';

describe('landingZoneServicesByAccount', () => {
  it('puts the trail on Log Archive, the aggregator and the security administrators on their accounts, and nothing else', () => {
    const services = landingZoneServicesByAccount({
      logArchiveAccountId: 'log', auditAccountId: 'audit', organizationTrail: true,
      delegatedAdmins: [
        { accountId: 'audit', servicePrincipal: 'securityhub.amazonaws.com' },
        { accountId: 'audit', servicePrincipal: 'guardduty.amazonaws.com' },
        { accountId: 'audit', servicePrincipal: 'config.amazonaws.com' },
        { accountId: 'audit', servicePrincipal: 'config-multiaccountsetup.amazonaws.com' },
        { accountId: 'sec', servicePrincipal: 'access-analyzer.amazonaws.com' },
        { accountId: 'net', servicePrincipal: 'ipam.amazonaws.com' },
        { accountId: 'backup-admin', servicePrincipal: 'backup.amazonaws.com' },
      ],
    });
    expect(services.get('log')!.map((s) => s.short)).toEqual(['Trail']);
    // Config's two principals are one service on the card.
    expect(services.get('audit')!.map((s) => s.short)).toEqual(['Aggr', 'CFG', 'GD', 'SH']);
    expect(services.get('sec')!.map((s) => s.short)).toEqual(['AA']);
    expect(services.has('net')).toBe(false);
    expect(services.get('backup-admin')).toEqual([{ key: 'DELEGATED_ADMIN', short: 'BKP', label: 'Delegated administrator for AWS Backup', servicePrincipal: 'backup.amazonaws.com' }]);
  });

  it('shows no trail when the landing zone runs without the organization trail, and nothing without a landing zone', () => {
    expect(landingZoneServicesByAccount({ logArchiveAccountId: 'log', auditAccountId: 'audit', organizationTrail: false, delegatedAdmins: [] }).has('log')).toBe(false);
    expect(landingZoneServicesByAccount({ logArchiveAccountId: null, auditAccountId: null, organizationTrail: false, delegatedAdmins: [] }).size).toBe(0);
  });
});
