// The effective management policy of one type for an account, from the World's copy of the organization's policies of
// that type (World.s3Policies, World.ec2Policies): the documents attached along the account's path merged with the
// management policy inheritance operators (orgs_manage_policies_inheritance_mgmt.html), as DescribeEffectivePolicy
// would return it.

import { computeEffectivePolicy } from '../management/effective-policy';
import type { EffectivePolicyResult, ManagementChainLevel, ManagementPolicyType } from '../management/types';
import type { OrgManagementPolicies, OrgManagementPolicy } from '../types';

/** One level of an account's path (root first, the account last), as the organization index knows it. */
export interface PathLevel {
  /** Root, OU or account id. */
  id: string;
  /** Display name. */
  name: string;
  /** What the level is. */
  kind: 'root' | 'ou' | 'account';
}

/** The policies of one management type by target, built once per compiled world. */
export class ManagementPolicyIndex {
  private readonly policiesById: ReadonlyMap<string, OrgManagementPolicy>;
  private readonly attachedByTarget = new Map<string, string[]>();

  constructor(readonly type: ManagementPolicyType, data: OrgManagementPolicies) {
    this.policiesById = new Map(data.policies.map((policy) => [policy.id, policy]));
    for (const { policyId, targetId } of data.attachments) {
      if (!this.policiesById.has(policyId)) continue;
      const list = this.attachedByTarget.get(targetId);
      if (list) list.push(policyId);
      else this.attachedByTarget.set(targetId, [policyId]);
    }
  }

  /** True when no policy of the type is attached anywhere. */
  get empty(): boolean {
    return this.attachedByTarget.size === 0;
  }

  /** The effective policy of the type along `path`; undefined when no policy of it is attached on the path. */
  effectiveFor(path: readonly PathLevel[]): EffectivePolicyResult | undefined {
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
    return computeEffectivePolicy(this.type, chain);
  }
}

/** A management policy as the loaders read it, of any Organizations policy type. */
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
 * The World's copy of the organization's policies of `type` and their attachments while the type is enabled on the
 * root; undefined when the type is off or no policy of it exists (the world then holds nothing for them).
 * `attachments` must be in the order they were made: of two policies attached to one target, the first wins a conflict.
 */
export function managementPoliciesOf(
  type: ManagementPolicyType, typeEnabled: boolean, policies: readonly TypedPolicy[], attachments: readonly { policyId: string; targetId: string }[],
): OrgManagementPolicies | undefined {
  if (!typeEnabled) return undefined;
  const ofType = policies.filter((policy) => policy.type === type);
  if (ofType.length === 0) return undefined;
  const ids = new Set(ofType.map((policy) => policy.id));
  return {
    policies: ofType.map((policy) => ({ id: policy.id, name: policy.name, document: policy.document })),
    attachments: attachments.filter((attachment) => ids.has(attachment.policyId)).map(({ policyId, targetId }) => ({ policyId, targetId })),
  };
}
