// How the history names each operation. Pure data; unknown operations fall back to their words.

const LABELS: Readonly<Record<string, string>> = {
  createOrganizationalUnit: 'Create OU',
  archiveFinding: 'Archive finding',
  unarchiveFinding: 'Reopen finding',
  renameOrganizationalUnit: 'Rename OU',
  moveOrganizationalUnit: 'Move OU',
  deleteOrganizationalUnit: 'Delete OU',
  createAccount: 'Create account',
  inviteAccount: 'Invite account',
  acceptInvitation: 'Accept invitation',
  declineInvitation: 'Decline invitation',
  moveAccount: 'Move account',
  removeAccount: 'Remove account',
  createPolicy: 'Create policy',
  updatePolicy: 'Edit policy',
  deletePolicy: 'Delete policy',
  attachPolicy: 'Attach policy',
  detachPolicy: 'Detach policy',
  enablePolicyType: 'Enable policy type',
  disablePolicyType: 'Disable policy type',
  enableAllFeatures: 'Enable all features',
  enableAwsServiceAccess: 'Enable trusted access',
  disableAwsServiceAccess: 'Disable trusted access',
  registerDelegatedAdministrator: 'Register delegated admin',
  deregisterDelegatedAdministrator: 'Deregister delegated admin',
  tagResource: 'Tag resource',
  untagResource: 'Untag resource',
  setQuotaOverrides: 'Change quotas',
  setServiceQuota: 'Change a quota',
  createRole: 'Create IAM role',
  updateRole: 'Edit IAM role',
  updateAssumeRolePolicy: 'Edit trust policy',
  deleteRole: 'Delete IAM role',
  createUser: 'Create IAM user',
  updateUser: 'Edit IAM user',
  deleteUser: 'Delete IAM user',
  createGroup: 'Create IAM group',
  updateGroup: 'Edit IAM group',
  deleteGroup: 'Delete IAM group',
  addUserToGroup: 'Add user to group',
  removeUserFromGroup: 'Remove user from group',
  createIamPolicy: 'Create IAM policy',
  deleteIamPolicy: 'Delete IAM policy',
  createPolicyVersion: 'New policy version',
  deletePolicyVersion: 'Delete policy version',
  setDefaultPolicyVersion: 'Set default policy version',
  attachRolePolicy: 'Attach policy to role',
  attachUserPolicy: 'Attach policy to user',
  attachGroupPolicy: 'Attach policy to group',
  detachRolePolicy: 'Detach policy from role',
  detachUserPolicy: 'Detach policy from user',
  detachGroupPolicy: 'Detach policy from group',
  putRolePolicy: 'Put role inline policy',
  putUserPolicy: 'Put user inline policy',
  putGroupPolicy: 'Put group inline policy',
  deleteRolePolicy: 'Delete role inline policy',
  deleteUserPolicy: 'Delete user inline policy',
  deleteGroupPolicy: 'Delete group inline policy',
  putRolePermissionsBoundary: 'Set role boundary',
  putUserPermissionsBoundary: 'Set user boundary',
  deleteRolePermissionsBoundary: 'Remove role boundary',
  deleteUserPermissionsBoundary: 'Remove user boundary',
  tagRole: 'Tag IAM role',
  untagRole: 'Untag IAM role',
  tagUser: 'Tag IAM user',
  untagUser: 'Untag IAM user',
  tagPolicy: 'Tag IAM policy',
  untagPolicy: 'Untag IAM policy',
  undo: 'Undo',
  redo: 'Redo',
};

/** "moveAccount" → "Move account"; unknown names are split into words ("someNewThing" → "Some new thing"). */
export function operationLabel(operation: string): string {
  const known = LABELS[operation];
  if (known) return known;
  const words = operation.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "3 min ago", "2 h ago", or the date for older changes. */
export function relativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}
