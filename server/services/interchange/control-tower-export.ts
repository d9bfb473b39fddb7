// What every exporter writes of a Control Tower landing zone: the landing zone manifest (userguide/lz-manifest-file.html
// for 3.x; userguide/lz-api-launch.html and landing-zone-schemas.html, "Landing zone 4.0 schema", for 4.0), which
// policies Control Tower manages, and which enabled controls and registrations can be declared (EnableControl takes
// only strongly recommended and elective controls: mandatory ones come with every registered OU, and the landing-zone
// Region deny is set in the console, API_EnableControl.html and userguide/lz-api-launch.html).
import 'server-only';

import type { InterchangeControlTower, InterchangeDesign, InterchangePolicy } from '../../db/import-export-model';
import { GUARDRAIL_POLICY_PREFIX } from '../../engine/control-tower/guardrails';
import { findControl, LANDING_ZONE_REGION_DENY_ALIAS } from '../../engine/control-tower/catalog';
import { hasLandingZone4Manifest } from '../../engine/control-tower/quotas';

/** Control Tower's default retention of the log archive buckets: one year for logs, ten for access logs (getting-started-configure-lz). */
const RETENTION = { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 3650 } };

/** The landing zone manifest; `account` turns an account id into what the output names it by (an id, or a reference). */
export function landingZoneManifest(design: InterchangeDesign, ct: InterchangeControlTower, account: (accountId: string) => unknown = (id) => id): Record<string, unknown> {
  if (hasLandingZone4Manifest(ct.version)) return landingZone4Manifest(ct, account);
  const ouName = (awsId: string | null) => design.ous.find((ou) => ou.awsId === awsId)?.name;
  const sandbox = ouName(ct.sandboxOuId);
  return {
    governedRegions: ct.governedRegions,
    // A deleted Security OU is still the one the deployed manifest names (GetLandingZone returns it unchanged).
    organizationStructure: { security: { name: ouName(ct.securityOuId) ?? ct.deletedSecurityOu?.name }, ...(sandbox ? { sandbox: { name: sandbox } } : {}) },
    centralizedLogging: {
      ...(ct.logArchiveAccountId ? { accountId: account(ct.logArchiveAccountId) } : {}),
      configurations: RETENTION,
      enabled: ct.organizationTrail,
    },
    securityRoles: ct.auditAccountId ? { accountId: account(ct.auditAccountId) } : {},
    accessManagement: { enabled: ct.identityCenter },
  };
}

/**
 * The landing zone 4.0 manifest: no organizationStructure (Control Tower no longer creates the Security OU: the service
 * integration accounts only have to share one parent OU, userguide/key-changes-lz-v4.html), and an `enabled` flag on
 * every integration ("All enabled flags are required in the manifest", lz-api-launch.html). lzsim keeps the Config
 * aggregator in the Audit account; the AWS Backup integration names its two accounts and multi-Region KMS key.
 */
function landingZone4Manifest(ct: InterchangeControlTower, account: (accountId: string) => unknown): Record<string, unknown> {
  const withAccount = (accountId: string | null) => (accountId ? { accountId: account(accountId) } : {});
  return {
    governedRegions: ct.governedRegions,
    accessManagement: { enabled: ct.identityCenter },
    backup: ct.backup
      ? {
          enabled: true,
          configurations: {
            backupAdmin: { accountId: account(ct.backup.backupAdminAccountId) },
            centralBackup: { accountId: account(ct.backup.centralBackupAccountId) },
            kmsKeyArn: ct.backup.kmsKeyArn,
          },
        }
      : { enabled: false },
    centralizedLogging: { ...withAccount(ct.logArchiveAccountId), configurations: RETENTION, enabled: ct.organizationTrail },
    config: { ...(ct.configEnabled ? withAccount(ct.auditAccountId) : {}), enabled: ct.configEnabled },
    securityRoles: { ...withAccount(ct.auditAccountId), enabled: ct.auditAccountId !== null },
  };
}

/** True for an aws-guardrails-* SCP of a design with a landing zone: Control Tower deploys it, nobody declares it. */
export function isControlTowerManaged(design: InterchangeDesign, policy: InterchangePolicy): boolean {
  return design.controlTower !== undefined && policy.type === 'SERVICE_CONTROL_POLICY' && policy.name.startsWith(GUARDRAIL_POLICY_PREFIX);
}

/** The enabled controls an EnableControl call (a Terraform or CloudFormation resource) can declare. */
export function declarableControls(ct: InterchangeControlTower): InterchangeControlTower['enabledControls'] {
  return ct.enabledControls.filter((c) => {
    const control = findControl(c.controlIdentifier);
    return control && control.guidance !== 'MANDATORY' && control.alias !== LANDING_ZONE_REGION_DENY_ALIAS;
  });
}

/**
 * The registered OUs that need their own registration (EnableBaseline). In 3.x the landing zone registers the Security
 * and Sandbox OUs its manifest names; a 4.0 manifest names no OU, so only the Security OU (the integration accounts'
 * parent, where "the AWS Control Tower Baseline ... [is] not applicable", userguide/key-changes-lz-v4.html) is left out.
 */
export function ousToRegister(ct: InterchangeControlTower): InterchangeControlTower['registeredOus'] {
  const byLandingZone = hasLandingZone4Manifest(ct.version) ? [ct.securityOuId] : [ct.securityOuId, ct.sandboxOuId];
  return ct.registeredOus.filter((r) => !byLandingZone.includes(r.ouId));
}

/** The notes every exporter adds for what it cannot declare. */
export function controlTowerNotes(ct: InterchangeControlTower): string[] {
  return [
    'Control Tower deploys the aws-guardrails-* SCPs for the enabled controls itself: they are not declared.',
    hasLandingZone4Manifest(ct.version)
      ? 'A landing zone 4.0 manifest names no OU: the Log Archive and Audit accounts only have to share one parent OU (the Security OU here), which the landing zone governs itself.'
      : 'The landing zone creates the Security and Sandbox OUs its manifest names and registers them; do not create them twice (import them instead).',
    'Mandatory controls come with every registered OU and are not declared.',
    ...(ct.regionDeny ? [`The landing-zone Region deny (${LANDING_ZONE_REGION_DENY_ALIAS}, governed Regions ${ct.governedRegions.join(', ')}) is not supported through the APIs: turn it on in the Control Tower console after deployment.`] : []),
    ...(ct.identityCenter && ousToRegister(ct).length > 0 ? ['With IAM Identity Center on, registering an OU (AWSControlTowerBaseline) takes the parameter IdentityCenterEnabledBaselineArn: add it from list-enabled-baselines.'] : []),
  ];
}
