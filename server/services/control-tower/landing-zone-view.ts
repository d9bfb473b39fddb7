import 'server-only';
import type { Db } from '../../db/client';
import { loadGovernedLandingZone, type LandingZoneStateDto, type OrgSnapshotDto } from '../../db/control-tower';
import { findControl } from '../../engine/control-tower/catalog';
import { designExists } from '../../db/org-mutations-queries';
import type { LandingZoneView } from '../../schemas/control-tower';
import { designNotFound } from '../domain-error';
import { guardrailsFor } from './guardrail-sync';

// The landing zone as the Control Tower pages show it: settings, registered OUs with the controls that apply to
// each (enabled there or inherited from a registered ancestor: preventive controls reach nested OUs through SCP
// inheritance, controlreference/control-considerations.html), their aws-guardrails SCPs, and enrolled accounts.

/** The design's landing zone view; an empty one when Control Tower is not set up. */
export async function landingZoneView(db: Db, designId: string): Promise<LandingZoneView> {
  const loaded = await loadGovernedLandingZone(db, designId);
  if (!loaded) {
    if (!(await designExists(db, designId))) throw designNotFound(designId);
    return { landingZone: null, registeredOus: [], enrolledAccounts: [] };
  }
  return landingZoneViewOf(loaded.state, loaded.org, loaded.instance);
}

/** The landing zone view of a loaded landing zone and organization. */
export function landingZoneViewOf(state: LandingZoneStateDto, org: OrgSnapshotDto, instance: { instanceArn: string; region: string } | null): LandingZoneView {
  const ouById = new Map(org.ous.map((ou) => [ou.id, ou]));
  const accountById = new Map(org.accounts.map((a) => [a.id, a]));
  const policyByAwsId = new Map(org.policies.map((p) => [p.awsId, p]));
  const namedOu = (id: string | null) => (id && ouById.get(id) ? { id, awsId: ouById.get(id)!.awsId, name: ouById.get(id)!.name } : null);
  const namedAccount = (id: string | null) => (id && accountById.get(id) ? { id, accountId: accountById.get(id)!.accountId, name: accountById.get(id)!.name } : null);
  const registered = new Set(state.registeredOus.map((r) => r.ouId));

  const controlsOn = (ouId: string, inheritedFrom: string | null) => {
    const ou = state.registeredOus.find((r) => r.ouId === ouId)!;
    const unevaluated = new Map(guardrailsFor(state, ou).unevaluated.map((u) => [u.origin.name, u.reason]));
    return state.enabledControls
      .filter((c) => c.targetOuId === ouId)
      .map((c) => ({ enabled: c, control: findControl(c.controlIdentifier) }))
      .filter((entry) => entry.control && (inheritedFrom === null || entry.control.behavior === 'PREVENTIVE'))
      .map(({ enabled, control }) => ({
        arn: control!.arn,
        alias: control!.alias ?? null,
        name: control!.name,
        behavior: control!.behavior,
        guidance: control!.guidance,
        implementation: control!.implementation.type,
        parameters: enabled.parameters,
        inheritedFrom,
        evaluated: !unevaluated.has(control!.name),
        notEvaluatedReason: unevaluated.get(control!.name) ?? null,
      }));
  };

  return {
    landingZone: {
      version: state.version,
      homeRegion: state.homeRegion,
      governedRegions: state.governedRegions,
      regionDeny: state.regionDenyEnabled,
      organizationTrail: state.organizationTrail,
      identityCenter: state.identityCenterEnabled,
      config: state.configEnabled,
      deletedSecurityOu: state.deletedSecurityOu,
      identityCenterInstance: instance ? { instanceArn: instance.instanceArn, region: instance.region } : null,
      backup: state.backup
        ? {
            backupAdmin: namedAccount(org.accounts.find((a) => a.accountId === state.backup!.backupAdminAccountId)?.id ?? null),
            centralBackup: namedAccount(org.accounts.find((a) => a.accountId === state.backup!.centralBackupAccountId)?.id ?? null),
            kmsKeyArn: state.backup.kmsKeyArn,
          }
        : null,
      securityOu: namedOu(state.securityOuId),
      sandboxOu: namedOu(state.sandboxOuId),
      logArchive: namedAccount(state.logArchiveAccountId),
      audit: namedAccount(state.auditAccountId),
    },
    registeredOus: state.registeredOus.map((r) => {
      const inherited = [];
      for (let parent = r.parentOuId; parent; parent = ouById.get(parent)?.parentOuId ?? null) {
        if (registered.has(parent)) inherited.push(...controlsOn(parent, ouById.get(parent)!.name));
      }
      return {
        id: r.ouId,
        awsId: r.ouAwsId,
        name: r.ouName,
        parentOuId: r.parentOuId,
        guardrailPolicies: r.guardrailPolicyAwsIds.map((awsId) => ({ awsId, name: policyByAwsId.get(awsId)?.name ?? '(deleted)' })),
        controls: [...controlsOn(r.ouId, null), ...inherited],
      };
    }),
    enrolledAccounts: state.enrolledAccounts.map((e) => {
      const account = accountById.get(e.accountRowId)!;
      return { id: account.id, accountId: account.accountId, name: account.name, origin: e.origin, ouName: account.parentOuId ? ouById.get(account.parentOuId)?.name ?? null : null };
    }),
  };
}
