import 'server-only';
import { newPolicyAwsId } from '../../db/aws-identifiers';
import type { LandingZoneStateDto, RegisteredOuRowDto } from '../../db/control-tower';
import * as queries from '../../db/org-mutations-queries';
import { guardrailPolicyName, guardrailStatements, packGuardrailEc2Policy, packGuardrailPolicies, type UnevaluatedControl } from '../../engine/control-tower/guardrails';
import { CONTROL_TOWER_QUOTAS } from '../../engine/control-tower/quotas';
import { awsError } from '../organizations/aws-errors';
import { enablePolicyTypeIn } from '../organizations/policy-types';
import type { OperationScope } from '../organizations/mutation';

// Keeps the aws-guardrails-* SCPs, RCPs and EC2 policies of a registered OU equal to what Control Tower would deploy
// for the controls enabled on it: updated in place when the count is unchanged (the policy keeps its id and attachment), created
// and attached, or detached and deleted. Every write goes through the edit's RecordingWriter, so undo covers it.
// Preventive controls of a parent OU reach nested OUs through SCP inheritance (Organizations evaluates every level
// of the path); controlreference/control-considerations.html: "preventive controls enabled on any OUs higher in the
// tree will apply all OUs in the tree". The landing-zone Region deny goes on the top-level registered OUs and is
// inherited below them (userguide/region-deny.html).

/** The controls whose SCPs and RCPs a registered OU carries: those enabled on it, and the landing-zone Region deny at top level. */
export function guardrailsFor(landingZone: LandingZoneStateDto, ou: RegisteredOuRowDto) {
  const controls = landingZone.enabledControls.filter((control) => control.targetOuId === ou.ouId);
  return guardrailStatements(controls, {
    governedRegions: landingZone.governedRegions,
    regionDeny: landingZone.regionDenyEnabled && ou.parentOuId === null,
    ...(landingZone.organizationAwsId ? { organizationId: landingZone.organizationAwsId } : {}),
  });
}

type GuardrailPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2';
const GUARDRAIL_TYPES: readonly GuardrailPolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2'];

/**
 * The policies Control Tower deploys for an OU, per type: its SCPs from `statements`, its RCPs from
 * `resourceStatements`, its EC2 policy from the EC2 policy controls' documents.
 */
function wantedPolicies(landingZone: LandingZoneStateDto, ou: RegisteredOuRowDto, maxSize: Record<'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', number>) {
  const { statements, resourceStatements, ec2Documents } = guardrailsFor(landingZone, ou);
  return {
    SERVICE_CONTROL_POLICY: packGuardrailPolicies(statements, maxSize.SERVICE_CONTROL_POLICY),
    RESOURCE_CONTROL_POLICY: packGuardrailPolicies(resourceStatements, maxSize.RESOURCE_CONTROL_POLICY),
    DECLARATIVE_POLICY_EC2: packGuardrailEc2Policy(ec2Documents),
  };
}

/**
 * The policy texts Control Tower would deploy for a registered OU now, SCPs, RCPs then its EC2 policy, in the order
 * the OU's guardrailPolicyAwsIds keeps them (what drift detection compares with).
 */
export function expectedGuardrailContents(landingZone: LandingZoneStateDto, ou: RegisteredOuRowDto, maxSize: number, maxRcpSize = maxSize): string[] {
  const wanted = wantedPolicies(landingZone, ou, { SERVICE_CONTROL_POLICY: maxSize, RESOURCE_CONTROL_POLICY: maxRcpSize });
  return GUARDRAIL_TYPES.flatMap((type) => wanted[type].map((policy) => policy.content));
}

/** A ServiceQuotaExceededException naming the Control Tower limit (userguide/limits.html). */
function scpQuotaExceeded(ouName: string, count: number, max: number): Error {
  return awsError(
    'CONSTRAINT_VIOLATION',
    'ServiceQuotaExceededException',
    `OU "${ouName}" would have ${count} SCPs attached (its own and Control Tower's aws-guardrails policies); a limit of ` +
      `${max} SCPs per OU applies in a Control Tower landing zone (${CONTROL_TOWER_QUOTAS.scpsPerOu.doc}). Detach an SCP or enable fewer controls.`,
  );
}

/** The RCP counterpart: Organizations' limit of RCPs per target, RCPFullAWSAccess included (orgs_reference_limits.html). */
function rcpQuotaExceeded(ouName: string, count: number, max: number): Error {
  return awsError(
    'CONSTRAINT_VIOLATION',
    'ServiceQuotaExceededException',
    `OU "${ouName}" would have ${count} RCPs attached (RCPFullAWSAccess, its own and Control Tower's aws-guardrails policies); ` +
      `AWS Organizations allows ${max} RCPs per target. Detach an RCP or enable fewer RCP controls.`,
  );
}

/**
 * Rewrites the guardrail SCPs and RCPs of one registered OU from the landing zone's state (read inside the edit).
 * Returns the preventive controls that stay unevaluated (with the reason).
 */
export async function syncGuardrails(scope: OperationScope, landingZone: LandingZoneStateDto, ou: RegisteredOuRowDto): Promise<UnevaluatedControl[]> {
  const { unevaluated } = guardrailsFor(landingZone, ou);
  const sizes = scope.quotas.policySizes;
  const wanted = wantedPolicies(landingZone, ou, { SERVICE_CONTROL_POLICY: sizes.SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY: sizes.RESOURCE_CONTROL_POLICY });
  const organizationId = scope.context.organization.id;
  const existingAll = [];
  for (const awsId of ou.guardrailPolicyAwsIds) {
    const policy = await queries.findPolicyByAwsId(scope.db, organizationId, awsId);
    if (policy) existingAll.push(policy);
  }
  if (wanted.RESOURCE_CONTROL_POLICY.length > 0) await ensureTypeEnabled(scope, 'RESOURCE_CONTROL_POLICY');
  if (wanted.DECLARATIVE_POLICY_EC2.length > 0) await ensureTypeEnabled(scope, 'DECLARATIVE_POLICY_EC2');
  const kept: string[] = [];
  for (const type of GUARDRAIL_TYPES) {
    const existing = existingAll.filter((policy) => policy.type === type);
    for (let i = 0; i < Math.max(wanted[type].length, existing.length); i += 1) {
      const target = wanted[type][i];
      const current = existing[i];
      if (target && current) {
        if (current.content !== target.content) await scope.writer.update('policy', current.id, { content: target.content });
        const attachments = await queries.listPolicyAttachments(scope.db, current.id);
        if (!attachments.some((a) => a.ouId === ou.ouId)) await scope.writer.create('attachment', { policyId: current.id, ouId: ou.ouId });
        // Attached anywhere else is drift: Control Tower's guardrails belong to their OU only.
        await scope.writer.deleteMany('attachment', attachments.filter((a) => a.ouId !== ou.ouId).map((a) => a.id));
        kept.push(current.awsId);
      } else if (target) {
        const awsId = newPolicyAwsId();
        let name = guardrailPolicyName(Math.random);
        while (await queries.findPolicyByName(scope.db, organizationId, type, name)) name = guardrailPolicyName(Math.random);
        const row = await scope.writer.create('policy', {
          organizationId,
          awsId,
          type,
          name,
          description: `Managed by AWS Control Tower: preventive controls of OU ${ou.ouAwsId}. Do not edit, attach or detach (drift).`,
          content: target.content,
          awsManaged: false,
        });
        await scope.writer.create('attachment', { policyId: row.id, ouId: ou.ouId });
        kept.push(awsId);
      } else if (current) {
        const attachments = await queries.listPolicyAttachments(scope.db, current.id);
        await scope.writer.deleteMany('attachment', attachments.map((a) => a.id));
        await scope.writer.delete('policy', current.id);
      }
    }
  }
  if (kept.join(',') !== ou.guardrailPolicyAwsIds.join(',')) {
    await scope.writer.update('registeredOu', ou.id, { guardrailPolicyAwsIds: kept });
  }
  const attachedScps = await queries.listTargetAttachments(scope.db, 'ouId', ou.ouId, 'SERVICE_CONTROL_POLICY');
  const max = Math.min(CONTROL_TOWER_QUOTAS.scpsPerOu.value, scope.quotas.organization.maxPoliciesAttachedPerTarget.SERVICE_CONTROL_POLICY);
  if (attachedScps.length > max) throw scpQuotaExceeded(ou.ouName, attachedScps.length, max);
  const attachedRcps = await queries.listTargetAttachments(scope.db, 'ouId', ou.ouId, 'RESOURCE_CONTROL_POLICY');
  const maxRcps = scope.quotas.organization.maxPoliciesAttachedPerTarget.RESOURCE_CONTROL_POLICY;
  if (attachedRcps.length > maxRcps) throw rcpQuotaExceeded(ou.ouName, attachedRcps.length, maxRcps);
  return unevaluated;
}

/**
 * An RCP control needs RCPs enabled on the root, an EC2 policy control EC2 policies. lzsim enables the type as
 * EnablePolicyType does (for RCPs, RCPFullAWSAccess attached everywhere) when it is not, recorded with the edit,
 * rather than refusing the control.
 */
async function ensureTypeEnabled(scope: OperationScope, type: 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2'): Promise<void> {
  const enabled = await scope.db.rootPolicyType.findFirst({ where: { rootId: scope.context.root.id, type }, select: { id: true } });
  if (!enabled) await enablePolicyTypeIn(scope, type);
}
