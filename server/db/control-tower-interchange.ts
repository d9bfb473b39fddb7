import 'server-only';

import { createHash, randomUUID } from 'node:crypto';
import type { InterchangeControlTower } from '../engine/aws/bundle/model';
import type { Db, Prisma } from './client';
import { backupOf, deletedOuOf, parameterList } from './control-tower';

// The Control Tower landing zone of a design in the interchange model, both ways: read for the exporters and written
// by the importer (inside its transaction). ARNs AWS gave are kept; a landing zone set up here has none, so the
// export derives stable ones from what identifies each thing (the same design always exports the same ARNs, and an
// import keeps them).

/** A stable AWS-style id (16 upper-case letters and digits) derived from `parts`. */
function derivedId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16).toUpperCase();
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The design's landing zone in the interchange model; undefined without one. */
export async function readControlTowerForExport(db: Db, designId: string): Promise<InterchangeControlTower | undefined> {
  const row = await db.landingZone.findUnique({
    where: { designId },
    select: {
      arn: true, version: true, homeRegion: true, governedRegions: true, organizationTrail: true, identityCenterEnabled: true, regionDenyEnabled: true,
      status: true, driftStatus: true, configEnabled: true, identityCenterBaselineArn: true, deletedSecurityOu: true, backup: true,
      securityOu: { select: { awsId: true } }, sandboxOu: { select: { awsId: true } },
      logArchiveAccount: { select: { accountId: true } }, auditAccount: { select: { accountId: true } },
      design: { select: { organization: { select: { awsId: true, managementAccount: { select: { accountId: true } } } } } },
      registeredOus: { select: { enabledBaselineArn: true, baselineVersion: true, status: true, ou: { select: { awsId: true } } } },
      enabledControls: { select: { arn: true, controlIdentifier: true, status: true, driftStatus: true, parameters: true, targetOu: { select: { awsId: true } } } },
      enrolledAccounts: { select: { enabledBaselineArn: true, origin: true, blueprint: true, facts: true, account: { select: { accountId: true } } } },
    },
  });
  const organization = row?.design.organization;
  if (!row || !organization?.managementAccount) return undefined;
  const management = organization.managementAccount.accountId;
  const arn = (kind: string, ...parts: string[]) => `arn:aws:controltower:${row.homeRegion}:${management}:${kind}/${derivedId(organization.awsId, kind, ...parts)}`;
  return {
    arn: row.arn ?? arn('landingzone'),
    version: row.version,
    homeRegion: row.homeRegion,
    governedRegions: [...row.governedRegions],
    securityOuId: row.securityOu?.awsId ?? null,
    deletedSecurityOu: deletedOuOf(row.deletedSecurityOu),
    sandboxOuId: row.sandboxOu?.awsId ?? null,
    logArchiveAccountId: row.logArchiveAccount?.accountId ?? null,
    auditAccountId: row.auditAccount?.accountId ?? null,
    organizationTrail: row.organizationTrail,
    identityCenter: row.identityCenterEnabled,
    // The IdentityCenterBaseline targets the management account (aws-cli examples/controltower/list-enabled-baselines.rst).
    identityCenterBaselineArn: row.identityCenterEnabled ? row.identityCenterBaselineArn ?? arn('enabledbaseline', management, 'IdentityCenterBaseline') : null,
    configEnabled: row.configEnabled,
    backup: backupOf(row.backup),
    regionDeny: row.regionDenyEnabled,
    status: row.status,
    // A landing zone is DRIFTED or IN_SYNC (LandingZoneDriftStatusSummary); a deleted Security OU is always drift.
    driftStatus: row.driftStatus === 'DRIFTED' || row.deletedSecurityOu !== null ? 'DRIFTED' : 'IN_SYNC',
    registeredOus: row.registeredOus.map((r) => ({
      ouId: r.ou.awsId, enabledBaselineArn: r.enabledBaselineArn ?? arn('enabledbaseline', r.ou.awsId), baselineVersion: r.baselineVersion, status: r.status,
    })),
    enabledControls: row.enabledControls.map((c) => ({
      arn: c.arn ?? arn('enabledcontrol', c.targetOu.awsId, c.controlIdentifier),
      controlIdentifier: c.controlIdentifier,
      targetOuId: c.targetOu.awsId,
      status: c.status,
      driftStatus: c.driftStatus,
      parameters: parameterList(c.parameters),
    })),
    enrolledAccounts: row.enrolledAccounts.map((e) => ({
      accountId: e.account.accountId,
      enabledBaselineArn: e.enabledBaselineArn ?? arn('enabledbaseline', e.account.accountId),
      origin: e.origin,
      blueprint: record(e.blueprint),
      facts: record(e.facts),
    })),
  };
}

/** Writes an imported landing zone (validated by the bundle reader: every OU and account it names exists). */
export async function writeControlTower(
  tx: Prisma.TransactionClient,
  designId: string,
  ouRowIds: ReadonlyMap<string, string>,
  accountRowIds: ReadonlyMap<string, string>,
  ct: InterchangeControlTower,
): Promise<void> {
  const landingZoneId = randomUUID();
  const ouRow = (awsId: string | null) => (awsId ? ouRowIds.get(awsId) ?? null : null);
  const accountRow = (accountId: string | null) => (accountId ? accountRowIds.get(accountId) ?? null : null);
  await tx.landingZone.create({
    data: {
      id: landingZoneId, designId, arn: ct.arn, version: ct.version, homeRegion: ct.homeRegion, governedRegions: ct.governedRegions,
      securityOuId: ouRow(ct.securityOuId), sandboxOuId: ouRow(ct.sandboxOuId),
      logArchiveAccountId: accountRow(ct.logArchiveAccountId), auditAccountId: accountRow(ct.auditAccountId),
      organizationTrail: ct.organizationTrail, identityCenterEnabled: ct.identityCenter, regionDenyEnabled: ct.regionDeny,
      identityCenterBaselineArn: ct.identityCenterBaselineArn, configEnabled: ct.configEnabled,
      status: ct.status, driftStatus: ct.driftStatus,
      ...(ct.backup ? { backup: { ...ct.backup } } : {}),
      ...(ct.deletedSecurityOu ? { deletedSecurityOu: { awsId: ct.deletedSecurityOu.awsId, name: ct.deletedSecurityOu.name } } : {}),
    },
    select: { id: true },
  });
  // Which aws-guardrails SCPs belong to which OU is not in any AWS output: the first guardrail-sync or drift check
  // compares the OU's attached aws-guardrails-* policies with what its controls deploy.
  const guardrails = await tx.organizationPolicy.findMany({
    where: { organization: { designId }, type: { in: ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] }, name: { startsWith: 'aws-guardrails-' } },
    select: { awsId: true, attachments: { select: { ouId: true } } },
    // SCPs before RCPs, as guardrail-sync keeps them (RESOURCE_… sorts before SERVICE_…, hence desc).
    orderBy: [{ type: 'desc' }, { awsId: 'asc' }],
  });
  await tx.registeredOu.createMany({
    data: ct.registeredOus.map((r) => {
      const ouId = ouRowIds.get(r.ouId)!;
      return {
        landingZoneId, ouId, enabledBaselineArn: r.enabledBaselineArn, baselineVersion: r.baselineVersion, status: r.status,
        guardrailPolicyAwsIds: guardrails.filter((p) => p.attachments.some((a) => a.ouId === ouId)).map((p) => p.awsId),
      };
    }),
  });
  await tx.enabledControl.createMany({
    data: ct.enabledControls.map((c) => ({
      landingZoneId, arn: c.arn, controlIdentifier: c.controlIdentifier, targetOuId: ouRowIds.get(c.targetOuId)!, status: c.status, driftStatus: c.driftStatus,
      parameters: c.parameters as Prisma.InputJsonValue,
    })),
  });
  await tx.enrolledAccount.createMany({
    data: ct.enrolledAccounts.map((e) => ({
      landingZoneId, accountId: accountRowIds.get(e.accountId)!, enabledBaselineArn: e.enabledBaselineArn, origin: e.origin,
      blueprint: e.blueprint as Prisma.InputJsonValue, facts: e.facts as Prisma.InputJsonValue,
    })),
  });
}
