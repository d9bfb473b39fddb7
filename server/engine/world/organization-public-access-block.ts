// Organization-level S3 Block Public Access: the effective Amazon S3 policy (Organizations policy type S3_POLICY) of
// an account, merged down its path with the management policy inheritance operators. Its one setting,
// public_access_block_configuration, turns the four Block Public Access settings on ("all") or off ("none") for every
// S3 resource of the account, in place of the account's own settings; without an S3 policy on the path the account's
// own settings apply (orgs_manage_policies_s3.html, orgs_manage_policies_s3_syntax.html).

import { computeEffectivePolicy } from '../management/effective-policy';
import type { EffectivePolicyResult, ManagementChainLevel } from '../management/types';
import type { OrgS3Policy, S3PublicAccessBlock, World } from '../types';

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

/** One level of an account's path (root first, the account last), as the organization index knows it. */
export interface PathLevel {
  /** Root, OU or account id. */
  id: string;
  /** Display name. */
  name: string;
  /** What the level is. */
  kind: 'root' | 'ou' | 'account';
}

/** The four settings of one value of public_access_block_configuration. */
function settingsOf(value: 'all' | 'none'): S3PublicAccessBlock {
  const on = value === 'all';
  return { blockPublicAcls: on, ignorePublicAcls: on, blockPublicPolicy: on, restrictPublicBuckets: on };
}

/** Computes the organization's Block Public Access per account from World.s3Policies (built once per compiled world). */
export class OrganizationPublicAccessBlocks {
  private readonly policiesById: ReadonlyMap<string, OrgS3Policy>;
  private readonly attachedByTarget = new Map<string, string[]>();

  constructor(s3Policies: NonNullable<World['s3Policies']>) {
    this.policiesById = new Map(s3Policies.policies.map((policy) => [policy.id, policy]));
    for (const { policyId, targetId } of s3Policies.attachments) {
      if (!this.policiesById.has(policyId)) continue;
      const list = this.attachedByTarget.get(targetId);
      if (list) list.push(policyId);
      else this.attachedByTarget.set(targetId, [policyId]);
    }
  }

  /** True when no S3 policy is attached anywhere (then no account's settings are overridden). */
  get empty(): boolean {
    return this.attachedByTarget.size === 0;
  }

  /**
   * The setting the S3 policies along `path` put in effect, or undefined when none applies. A merge AWS would refuse
   * (a document that is not a valid S3 policy) leaves the account's own settings in force here: AWS keeps an account's
   * last valid effective policy, which a design does not have.
   */
  forPath(path: readonly PathLevel[]): OrganizationPublicAccessBlock | undefined {
    if (!path.some((level) => this.attachedByTarget.has(level.id))) return undefined;
    const chain: ManagementChainLevel[] = path.map((level) => ({
      targetId: level.id,
      targetName: level.name,
      kind: level.kind,
      policies: (this.attachedByTarget.get(level.id) ?? []).map((policyId) => {
        const policy = this.policiesById.get(policyId)!;
        return { id: policy.id, name: policy.name, content: policy.document };
      }),
    }));
    return organizationPublicAccessBlockOf(computeEffectivePolicy('S3_POLICY', chain));
  }
}

/**
 * The Block Public Access an account's effective S3 policy sets, from computeEffectivePolicy's result for S3_POLICY;
 * undefined when the result is a failure or sets nothing (the account's own settings then apply).
 */
export function organizationPublicAccessBlockOf(result: EffectivePolicyResult): OrganizationPublicAccessBlock | undefined {
  if (!result.ok || result.type !== 'S3_POLICY') return undefined;
  const contribution = result.contributions.find((entry) => entry.path === '$.s3_attributes.public_access_block_configuration');
  const value = contribution?.value;
  if (!contribution || (value !== 'all' && value !== 'none')) return undefined;
  const { from } = contribution;
  return { value, settings: settingsOf(value), policyId: from.policyId, policyName: from.policyName, targetId: from.targetId, targetName: from.targetName };
}

/** An Organizations policy of any type. */
export interface TypedPolicy {
  /** Policy id ("p-…"). */
  id: string;
  /** Display name. */
  name: string;
  /** Organizations policy type, e.g. "S3_POLICY". */
  type: string;
  /** The document text. */
  document: string;
}

/**
 * World.s3Policies for an organization: its S3_POLICY policies and their attachments while the type is enabled on the
 * root; undefined when the type is off or no S3 policy exists (the world then holds nothing for them). `attachments`
 * must be in the order they were made: of two S3 policies attached to one target, the first attached wins a conflict.
 */
export function s3PoliciesOf(typeEnabled: boolean, policies: readonly TypedPolicy[], attachments: readonly { policyId: string; targetId: string }[]): World['s3Policies'] {
  if (!typeEnabled) return undefined;
  const s3 = policies.filter((policy) => policy.type === 'S3_POLICY');
  if (s3.length === 0) return undefined;
  const ids = new Set(s3.map((policy) => policy.id));
  return {
    policies: s3.map((policy) => ({ id: policy.id, name: policy.name, document: policy.document })),
    attachments: attachments.filter((attachment) => ids.has(attachment.policyId)).map(({ policyId, targetId }) => ({ policyId, targetId })),
  };
}
