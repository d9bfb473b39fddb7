// Drift as Control Tower reports it: changes made outside Control Tower to what it manages
// (userguide/governance-drift.html, "Types of governance drift"; userguide/resolve-drift.html for the repairs):
// - a member account moved out of its registered OU (into an OU that is not registered, or under the root);
// - an aws-guardrails SCP modified, detached from its OU, attached to another target, or deleted;
// - a shared account (Log Archive, Audit) moved out of the Security OU: landing zone drift;
// - the Security OU deleted ("Deleted Foundational OU", DriftType ORGANIZATIONAL_UNIT_DELETED): landing zone drift,
//   repaired by updating the landing zone, which puts the OU back in its original place. The page states this drift
//   is for Foundational OUs only: "When other types of OUs are deleted, AWS Control Tower is updated automatically"
//   (lzsim drops their registration and controls at the delete, server/services/control-tower/ou-deletion.ts).
// Drift of the Security OU's SCPs and of its shared accounts is landing zone drift, repaired by resetting (or
// updating) the landing zone; drift of another OU's SCPs is repaired by re-registering that OU; a moved member
// account is repaired by updating it in Account Factory into a registered OU (or moving it back).

/** The kinds of drift lzsim detects, named as Control Tower's drift page names them. */
export type DriftType =
  | 'MOVED_MEMBER_ACCOUNT'
  | 'SCP_MODIFIED'
  | 'SCP_DETACHED'
  | 'SCP_ATTACHED_TO_OTHER_TARGET'
  | 'SCP_DELETED'
  | 'SHARED_ACCOUNT_MOVED'
  | 'ORGANIZATIONAL_UNIT_DELETED';

/** The repair Control Tower offers. */
export type DriftRepair = 'RESET_LANDING_ZONE' | 'RE_REGISTER_OU' | 'UPDATE_ACCOUNT';

/** One drift finding. */
export interface DriftItem {
  /** What drifted. */
  type: DriftType;
  /** Landing zone drift (Security OU, shared accounts) or drift of one OU or account. */
  scope: 'LANDING_ZONE' | 'OU' | 'ACCOUNT';
  /** The registered OU (row id) the drift belongs to, when there is one. */
  ouId?: string;
  /** The account (row id), for account drift. */
  accountId?: string;
  /** The policy's AWS id, for SCP drift. */
  policyAwsId?: string;
  /** A sentence in the manner of Control Tower's notification. */
  message: string;
  /** The repair. */
  repair: DriftRepair;
}

/** What drift detection reads: the landing zone's records and the organization as it is now. */
export interface DriftInput {
  securityOuId: string | null;
  /** The Security OU deleted in Organizations (its AWS id and name), when it was. */
  deletedSecurityOu?: { awsId: string | null; name: string } | null;
  sharedAccounts: { id: string; accountId: string; role: 'Log Archive' | 'Audit' }[];
  registeredOus: { ouId: string; awsId: string; name: string; guardrailPolicyAwsIds: string[]; expectedContents: string[] }[];
  enrolledAccountIds: string[];
  ous: { id: string; awsId: string; name: string }[];
  accounts: { id: string; accountId: string; name: string; parentOuId: string | null }[];
  policies: { awsId: string; name: string; type?: string; content: string; targets: { rootId: string | null; ouId: string | null; accountId: string | null }[] }[];
}

/** How drift messages name a managed policy of each type (Control Tower's drift types say SCP for all of them). */
const MANAGED_KIND: Readonly<Record<string, string>> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP', DECLARATIVE_POLICY_EC2: 'EC2 policy' };

/** Every drift in the landing zone, landing zone drift first. */
export function detectDrift(input: DriftInput): DriftItem[] {
  const drift: DriftItem[] = [];
  const ouName = (id: string | null) => (id ? input.ous.find((ou) => ou.id === id)?.name ?? id : 'Root');
  const registered = new Set(input.registeredOus.map((ou) => ou.ouId));
  const shared = new Set(input.sharedAccounts.map((a) => a.id));
  const deleted = input.deletedSecurityOu ?? null;
  const securityName = deleted ? deleted.name : ouName(input.securityOuId);

  if (deleted) {
    drift.push({
      type: 'ORGANIZATIONAL_UNIT_DELETED', scope: 'LANDING_ZONE', repair: 'RESET_LANDING_ZONE',
      message: `AWS Control Tower has detected that the registered organizational unit '${deleted.awsId ? `${deleted.name} (${deleted.awsId})` : deleted.name}' has been deleted. Reset the landing zone to create it again in its original place; until then Control Tower takes no other action.`,
    });
  }
  for (const sharedAccount of input.sharedAccounts) {
    const account = input.accounts.find((a) => a.id === sharedAccount.id);
    if (account && (input.securityOuId || deleted) && account.parentOuId !== input.securityOuId) {
      drift.push({
        type: 'SHARED_ACCOUNT_MOVED', scope: 'LANDING_ZONE', accountId: account.id, repair: 'RESET_LANDING_ZONE',
        message: `AWS Control Tower has detected that your ${sharedAccount.role} account (${account.accountId}) has been moved from organizational unit '${securityName}' to '${ouName(account.parentOuId)}'. Reset the landing zone to move it back.`,
      });
    }
  }
  for (const ou of input.registeredOus) {
    const landingZone = ou.ouId === input.securityOuId;
    const scope = landingZone ? 'LANDING_ZONE' : 'OU';
    const repair: DriftRepair = landingZone ? 'RESET_LANDING_ZONE' : 'RE_REGISTER_OU';
    const fix = landingZone ? 'Reset the landing zone' : `Re-register OU '${ou.name}'`;
    ou.guardrailPolicyAwsIds.forEach((awsId, index) => {
      const policy = input.policies.find((p) => p.awsId === awsId);
      if (!policy) {
        drift.push({ type: 'SCP_DELETED', scope, ouId: ou.ouId, policyAwsId: awsId, repair, message: `The managed policy ${awsId} of OU '${ou.name}' (${ou.awsId}) was deleted. ${fix} to restore it.` });
        return;
      }
      const kind = MANAGED_KIND[policy.type ?? ''] ?? 'policy';
      if (ou.expectedContents[index] !== undefined && policy.content !== ou.expectedContents[index]) {
        drift.push({ type: 'SCP_MODIFIED', scope, ouId: ou.ouId, policyAwsId: awsId, repair, message: `The managed ${kind} ${policy.name} (${awsId}) of OU '${ou.name}' was modified outside AWS Control Tower. ${fix} to restore its controls.` });
      }
      if (!policy.targets.some((t) => t.ouId === ou.ouId)) {
        drift.push({ type: 'SCP_DETACHED', scope, ouId: ou.ouId, policyAwsId: awsId, repair, message: `The managed ${kind} ${policy.name} (${awsId}) was detached from OU '${ou.name}' (${ou.awsId}). ${fix} to attach it again.` });
      }
      const elsewhere = policy.targets.filter((t) => t.ouId !== ou.ouId);
      if (elsewhere.length > 0) {
        const where = elsewhere.map((t) => (t.rootId ? 'the root' : t.ouId ? `OU '${ouName(t.ouId)}'` : `account ${input.accounts.find((a) => a.id === t.accountId)?.accountId ?? t.accountId}`));
        drift.push({ type: 'SCP_ATTACHED_TO_OTHER_TARGET', scope, ouId: ou.ouId, policyAwsId: awsId, repair, message: `The managed ${kind} ${policy.name} (${awsId}) of OU '${ou.name}' is also attached to ${where.join(', ')}. ${fix} to remove those attachments.` });
      }
    });
  }
  for (const accountRowId of input.enrolledAccountIds) {
    if (shared.has(accountRowId)) continue;
    const account = input.accounts.find((a) => a.id === accountRowId);
    if (!account || (account.parentOuId && registered.has(account.parentOuId))) continue;
    drift.push({
      type: 'MOVED_MEMBER_ACCOUNT', scope: 'ACCOUNT', accountId: account.id, repair: 'UPDATE_ACCOUNT',
      message: `AWS Control Tower has detected that your member account '${account.name} (${account.accountId})' has been moved to '${ouName(account.parentOuId)}', which is not registered. Update the account in Account Factory into a registered OU, or move it back.`,
    });
  }
  return drift.sort((a, b) => (a.scope === 'LANDING_ZONE' ? 0 : 1) - (b.scope === 'LANDING_ZONE' ? 0 : 1));
}
