import 'server-only';
import { loadLandingZoneState } from '../../db/control-tower';
import * as queries from '../../db/org-mutations-queries';
import type { OperationScope } from '../organizations/mutation';

// What Control Tower does when an OU it governs is deleted in Organizations (DeleteOrganizationalUnit, which AWS
// allows for any empty OU). userguide/governance-drift.html, "Deleted Foundational OU": the drift
// ORGANIZATIONAL_UNIT_DELETED "applies only to AWS Control Tower Foundational OUs, such as the Security OU ... When
// other types of OUs are deleted, AWS Control Tower is updated automatically"; userguide/external-resources.html lists
// "Deleting a registered OU (except the Core OU, which requires an update)" among the changes updated automatically;
// userguide/drift.html, "Don't delete the Security OU": repair the landing zone before any other Control Tower action.

/** Control Tower's view of an OU that Organizations deletes: registration, controls and guardrail policies go with it. */
export async function reconcileDeletedOu(scope: OperationScope, ou: { id: string; awsId: string; name: string }): Promise<void> {
  const state = await loadLandingZoneState(scope.db, scope.context.designId);
  if (!state) return;
  await scope.writer.deleteMany('enabledControl', state.enabledControls.filter((c) => c.targetOuId === ou.id).map((c) => c.id));
  const registration = state.registeredOus.find((r) => r.ouId === ou.id);
  if (registration) {
    for (const awsId of registration.guardrailPolicyAwsIds) await deleteGuardrailPolicy(scope, awsId, ou.id);
    await scope.writer.delete('registeredOu', registration.id);
  }
  if (ou.id === state.securityOuId) {
    // GetLandingZone reports the landing zone DRIFTED from then on (API_LandingZoneDriftStatusSummary.html).
    await scope.writer.update('landingZone', state.id, { securityOuId: null, deletedSecurityOu: { awsId: ou.awsId, name: ou.name }, driftStatus: 'DRIFTED' });
  } else if (ou.id === state.sandboxOuId) {
    // The Sandbox OU is an additional OU (optional since landing zone 3.0): Control Tower simply forgets it.
    await scope.writer.update('landingZone', state.id, { sandboxOuId: null });
  }
}

/**
 * A guardrail policy of the deleted OU: Control Tower removes it with the OU's controls. One that someone also
 * attached elsewhere stays (Organizations refuses DeletePolicy while a policy is attached: PolicyInUseException).
 */
async function deleteGuardrailPolicy(scope: OperationScope, awsId: string, ouId: string): Promise<void> {
  const policy = await queries.findPolicyByAwsId(scope.db, scope.context.organization.id, awsId);
  if (!policy) return;
  const attachments = await queries.listPolicyAttachments(scope.db, policy.id);
  if (attachments.some((a) => a.ouId !== ouId)) return;
  await scope.writer.deleteMany('attachment', attachments.map((a) => a.id));
  await scope.writer.delete('policy', policy.id);
}
