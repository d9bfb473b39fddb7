// Control Tower's own limits, as data with the page that states each (read December 2026). The Organizations
// quotas (OU depth, SCPs per target, policy size) still apply underneath: server/engine/quotas.ts.

/** One Control Tower limit. */
export interface ControlTowerQuota {
  /** The limit. */
  value: number;
  /** What it limits, for messages. */
  description: string;
  /** The AWS page that states it. */
  doc: string;
}

/** Control Tower's limits that a design can break. */
export interface ControlTowerQuotas {
  /** SCPs attached to one OU of the landing zone, Control Tower's and the customer's together. */
  scpsPerOu: ControlTowerQuota;
  /** Accounts in the landing zone's organization. */
  accountsInLandingZone: ControlTowerQuota;
  /** Accounts directly in an OU that is registered or re-registered. */
  accountsPerRegisteredOu: ControlTowerQuota;
  /** Levels of nested OUs Control Tower governs below the root. */
  nestedOuDepth: ControlTowerQuota;
}

/** Control Tower's limits today. */
export const CONTROL_TOWER_QUOTAS: Readonly<ControlTowerQuotas> = Object.freeze({
  scpsPerOu: {
    value: 5,
    description: 'SCPs per OU in a Control Tower landing zone',
    doc: 'https://docs.aws.amazon.com/controltower/latest/userguide/limits.html',
  },
  accountsInLandingZone: {
    value: 10_000,
    description: "accounts in the landing zone's organization",
    doc: 'https://docs.aws.amazon.com/controltower/latest/userguide/limits.html',
  },
  accountsPerRegisteredOu: {
    value: 1_000,
    description: 'accounts directly in an OU being registered or re-registered',
    doc: 'https://docs.aws.amazon.com/controltower/latest/userguide/region-stackset-limitations.html',
  },
  nestedOuDepth: {
    value: 5,
    description: 'levels of nested OUs below the root',
    doc: 'https://docs.aws.amazon.com/controltower/latest/userguide/nested-ous.html',
  },
});

/** Landing zone versions Control Tower can set up or update to, newest last (userguide/configuration-updates.html: 4.0 released 2025-11-17). */
export const LANDING_ZONE_VERSIONS: readonly string[] = Object.freeze(['3.0', '3.1', '3.2', '3.3', '4.0']);

/**
 * True for a landing zone version whose manifest has the 4.0 shape (landing-zone-schemas.html, "Landing zone 4.0
 * schema"): no organizationStructure, optional Config and security roles integrations, every `enabled` flag required.
 */
export function hasLandingZone4Manifest(version: string): boolean {
  return Number.parseFloat(version) >= 4;
}

/** The role Control Tower uses in every enrolled account, exempted from its own SCPs. */
export const EXECUTION_ROLE_NAME = 'AWSControlTowerExecution';
