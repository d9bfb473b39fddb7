// Organization-level S3 Block Public Access: the effective Amazon S3 policy (Organizations policy type S3_POLICY) of
// an account. Its one setting, public_access_block_configuration, turns the four Block Public Access settings on
// ("all") or off ("none") for every S3 resource of the account, in place of the account's own settings; without an S3
// policy on the path the account's own settings apply (orgs_manage_policies_s3.html, orgs_manage_policies_s3_syntax.html).

import type { EffectivePolicyResult } from '../management/types';
import type { S3PublicAccessBlock } from '../types';

/** Block Public Access as the organization's S3 policy sets it for one account. */
export interface OrganizationPublicAccessBlock {
  /** "all": the four settings on; "none": the four off. Either replaces the account's own settings. */
  value: 'all' | 'none';
  /** The four settings this value stands for. */
  settings: S3PublicAccessBlock;
  /** The S3 policy whose value is in effect. */
  policyId: string;
  /** Its display name. */
  policyName: string;
  /** The root, OU or account it is attached to. */
  targetId: string;
  /** That target's display name. */
  targetName: string;
}

/** The four settings of one value of public_access_block_configuration. */
function settingsOf(value: 'all' | 'none'): S3PublicAccessBlock {
  const on = value === 'all';
  return { blockPublicAcls: on, ignorePublicAcls: on, blockPublicPolicy: on, restrictPublicBuckets: on };
}

/**
 * The Block Public Access an account's effective S3 policy sets, from computeEffectivePolicy's result for S3_POLICY;
 * undefined when there is none, or the merge is one AWS would refuse (AWS then keeps the account's last valid
 * effective policy, which a design does not have: the account's own settings stay in force here).
 */
export function organizationPublicAccessBlockOf(result: EffectivePolicyResult | undefined): OrganizationPublicAccessBlock | undefined {
  if (!result?.ok || result.type !== 'S3_POLICY') return undefined;
  const contribution = result.contributions.find((entry) => entry.path === '$.s3_attributes.public_access_block_configuration');
  const value = contribution?.value;
  if (!contribution || (value !== 'all' && value !== 'none')) return undefined;
  const { from } = contribution;
  return { value, settings: settingsOf(value), policyId: from.policyId, policyName: from.policyName, targetId: from.targetId, targetName: from.targetName };
}
