// What every exporter writes of a Control Tower landing zone: the landing zone manifest (userguide/lz-manifest-file.html,
// landing zone 3.x), which policies Control Tower manages, and which enabled controls and registrations can be declared
// (EnableControl takes only strongly recommended and elective controls: mandatory ones come with every registered OU,
// and the landing-zone Region deny is set in the console, API_EnableControl.html and userguide/lz-api-launch.html).
import 'server-only';

import type { InterchangeControlTower, InterchangeDesign, InterchangePolicy } from '../../db/import-export-model';
import { GUARDRAIL_POLICY_PREFIX } from '../../engine/control-tower/guardrails';
import { findControl, LANDING_ZONE_REGION_DENY_ALIAS } from '../../engine/control-tower/catalog';

/** Control Tower's default retention of the log archive buckets: one year for logs, ten for access logs (getting-started-configure-lz). */
const RETENTION = { loggingBucket: { retentionDays: 365 }, accessLoggingBucket: { retentionDays: 3650 } };

/** The landing zone manifest; `account` turns an account id into what the output names it by (an id, or a reference). */
export function landingZoneManifest(design: InterchangeDesign, ct: InterchangeControlTower, account: (accountId: string) => unknown = (id) => id): Record<string, unknown> {
  const ouName = (awsId: string | null) => design.ous.find((ou) => ou.awsId === awsId)?.name;
  const sandbox = ouName(ct.sandboxOuId);
  return {
    governedRegions: ct.governedRegions,
    organizationStructure: { security: { name: ouName(ct.securityOuId) }, ...(sandbox ? { sandbox: { name: sandbox } } : {}) },
    centralizedLogging: {
      ...(ct.logArchiveAccountId ? { accountId: account(ct.logArchiveAccountId) } : {}),
      configurations: RETENTION,
      enabled: ct.organizationTrail,
    },
    securityRoles: ct.auditAccountId ? { accountId: account(ct.auditAccountId) } : {},
    accessManagement: { enabled: ct.identityCenter },
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

/** The registered OUs that need their own registration (EnableBaseline): all but the Security and Sandbox OUs, which the landing zone registers. */
export function ousToRegister(ct: InterchangeControlTower): InterchangeControlTower['registeredOus'] {
  return ct.registeredOus.filter((r) => r.ouId !== ct.securityOuId && r.ouId !== ct.sandboxOuId);
}

/** The notes every exporter adds for what it cannot declare. */
export function controlTowerNotes(ct: InterchangeControlTower): string[] {
  return [
    'Control Tower deploys the aws-guardrails-* SCPs for the enabled controls itself: they are not declared.',
    'The landing zone creates the Security and Sandbox OUs its manifest names and registers them; do not create them twice (import them instead).',
    'Mandatory controls come with every registered OU and are not declared.',
    ...(ct.regionDeny ? [`The landing-zone Region deny (${LANDING_ZONE_REGION_DENY_ALIAS}, governed Regions ${ct.governedRegions.join(', ')}) is not supported through the APIs: turn it on in the Control Tower console after deployment.`] : []),
    ...(ct.identityCenter && ousToRegister(ct).length > 0 ? ['With IAM Identity Center on, registering an OU (AWSControlTowerBaseline) takes the parameter IdentityCenterEnabledBaselineArn: add it from list-enabled-baselines.'] : []),
  ];
}
