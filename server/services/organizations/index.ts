// The Organizations editing operations, one module per group; see server/services/README.md for the API.
export { acceptInvitation, createAccount, declineInvitation, inviteAccount, moveAccount, removeAccount, putAccountPublicAccessBlock, renameAccount, setAccountOtherOrganization } from './accounts';
export { attachPolicy, detachPolicy, promotePolicy } from './attachments';
export { deregisterDelegatedAdministrator, disableAwsServiceAccess, enableAwsServiceAccess, registerDelegatedAdministrator } from './delegated-admins';
export { enableAllFeatures } from './feature-set';
export { effectiveQuotas, type EffectiveQuotas, type MutationBase } from './mutation';
export { createOrganizationalUnit, deleteOrganizationalUnit, moveOrganizationalUnit, renameOrganizationalUnit } from './ous';
export { createPolicy, deletePolicy, updatePolicy, validatePolicyContent } from './policies';
export { disablePolicyType, enablePolicyType } from './policy-types';
export { describeDesignQuotas, setQuotaOverrides, setServiceQuota } from './quota-overrides';
export { tagResource, untagResource } from './tags';
