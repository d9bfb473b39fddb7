// Public entry of the management policy engine (tag, backup and AI services opt-out policies).
export { computeEffectivePolicy } from './effective-policy';
export { validateManagementPolicy } from './validate';
export { AI_OPT_OUT_SERVICE_NAMES, MANAGEMENT_POLICY_SIZE_QUOTAS, isManagementPolicyType } from './type-grammar';
export type * from './types';
