// The path of an account through the organization (root, OUs top-down, the account) and the SCPs / RCPs
// attached at each level. AWS evaluates SCPs and RCPs level by level along this path
// (orgs_manage_policies_scps_evaluation.html, orgs_manage_policies_rcps_evaluation.html).

import type { Account, AuthzPolicyType, World } from '../types';
import type { CompiledPolicy } from './compiled-types';
import type { EffectivePolicyResult } from '../management/types';
import { ManagementPolicyIndex, type PathLevel } from './management-policy-index';
import { organizationPublicAccessBlockOf, type OrganizationPublicAccessBlock } from './organization-public-access-block';
import { PolicySet } from './policy-set';

/** One level of an account's path with the policies of one type attached there. */
export interface PolicyLevel {
  /** Root, OU or account id. */
  targetId: string;
  /** Display name. */
  targetName: string;
  /** What the level is. */
  kind: 'root' | 'ou' | 'account';
  /** The SCPs or RCPs attached at this level. */
  policies: readonly CompiledPolicy[];
  /** The same policies as an evaluation group. */
  set: PolicySet;
  /** The level as the trace describes it (shared by every trace entry for this level). */
  target: { targetId: string; targetName: string; kind: 'root' | 'ou' | 'account' };
}

/** Where an account sits in the organization. */
export interface AccountPlacement {
  /** The ids from the root down to the account's parent (root first). */
  ancestorIds: readonly string[];
  /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths value: "o-xxx/r-xxx/ou-xxx/.../" (the account's parent path). */
  orgPath: string;
}

/** The organization an account belongs to, as the keys AWS derives name it. */
export interface AccountOrganization {
  /** aws:PrincipalOrgID / aws:ResourceOrgID: "o-…". */
  id: string;
  /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths; undefined for another organization, whose tree the world does not hold. */
  orgPath?: string;
}

/** An index over the organization built once per compiled world. */
export class OrgIndex {
  private readonly unitById: Map<string, { name: string; parentId?: string }>;
  private readonly accountById: Map<string, Account>;
  private readonly attachedByTarget = new Map<string, string[]>();
  private readonly placements = new Map<string, AccountPlacement | null>();
  private readonly organizations = new Map<string, AccountOrganization | null>();
  private readonly levels: Record<AuthzPolicyType, Map<string, readonly PolicyLevel[]>> = { SCP: new Map(), RCP: new Map() };
  private readonly unitLevels: Record<AuthzPolicyType, Map<string, PolicyLevel>> = { SCP: new Map(), RCP: new Map() };
  private readonly accountSets: Record<AuthzPolicyType, Map<string, PolicySet>> = { SCP: new Map(), RCP: new Map() };
  /** The organization's S3 and EC2 policies, those of a type with one attached somewhere. */
  private readonly managementIndexes: Partial<Record<'S3_POLICY' | 'DECLARATIVE_POLICY_EC2', ManagementPolicyIndex>> = {};
  private readonly effectiveManagement = new Map<string, EffectivePolicyResult | null>();

  // The organization and the accounts with IAM data, not the whole world: a compiled world made after an IAM-only edit
  // shares this index (compileWorld), which must not keep the previous world's IAM alive.
  private readonly organization: World['organization'];
  private readonly iamAccounts: ReadonlySet<string>;

  constructor(
    world: World,
    private readonly policiesById: ReadonlyMap<string, CompiledPolicy & { type: AuthzPolicyType }>,
  ) {
    this.organization = world.organization;
    this.iamAccounts = new Set(Object.keys(world.iam));
    this.unitById = new Map(world.orgUnits.map((unit) => [unit.id, { name: unit.name, parentId: unit.parentId }]));
    this.accountById = new Map(world.accounts.map((account) => [account.id, account]));
    for (const { policyId, targetId } of world.attachments) {
      const list = this.attachedByTarget.get(targetId);
      if (list) list.push(policyId);
      else this.attachedByTarget.set(targetId, [policyId]);
    }
    for (const [type, data] of [['S3_POLICY', world.s3Policies], ['DECLARATIVE_POLICY_EC2', world.ec2Policies]] as const) {
      const index = data ? new ManagementPolicyIndex(type, data) : undefined;
      if (index && !index.empty) this.managementIndexes[type] = index;
    }
  }

  /**
   * A member account's effective S3 or EC2 policy (the documents attached along its path, merged); undefined when none
   * applies. Management policies apply to the management account too, and only with all features. Cached.
   */
  effectiveManagementPolicy(type: 'S3_POLICY' | 'DECLARATIVE_POLICY_EC2', accountId: string): EffectivePolicyResult | undefined {
    const index = this.managementIndexes[type];
    if (!index || this.organization?.featureSet !== 'ALL') return undefined;
    const key = `${type} ${accountId}`;
    const cached = this.effectiveManagement.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const path = this.pathOf(accountId);
    const found = path ? index.effectiveFor(path) : undefined;
    this.effectiveManagement.set(key, found ?? null);
    return found;
  }

  /** The levels of a member account's path, root first, the account last; undefined outside the organization. */
  private pathOf(accountId: string): PathLevel[] | undefined {
    const placement = this.placement(accountId);
    if (!placement) return undefined;
    return [
      ...placement.ancestorIds.map((id, depth) => ({ id, name: this.unitById.get(id)?.name ?? id, kind: depth === 0 ? 'root' as const : 'ou' as const })),
      { id: accountId, name: this.accountById.get(accountId)?.name ?? accountId, kind: 'account' as const },
    ];
  }

  /**
   * S3 Block Public Access as the organization's Amazon S3 policies set it for a member account, in place of the
   * account's own settings; undefined when no S3 policy applies (the account's own settings do). Management policies
   * apply to the management account too, and only with all features.
   */
  organizationPublicAccessBlock(accountId: string): OrganizationPublicAccessBlock | undefined {
    // The effective policy is cached; reading its one setting again is a lookup among a few contributions.
    return organizationPublicAccessBlockOf(this.effectiveManagementPolicy('S3_POLICY', accountId));
  }

  /** The organization id, when there is an organization. */
  organizationId(): string | undefined {
    return this.organization?.id;
  }

  /** True when the account is a member of the organization (it has a parent in the tree). */
  isMember(accountId: string): boolean {
    return this.placement(accountId) !== undefined;
  }

  /** True when the account is known to the world at all (a member, or an outside account with IAM data). */
  isKnownAccount(accountId: string): boolean {
    return this.accountById.has(accountId) || this.iamAccounts.has(accountId);
  }

  /** The world's account with this id, when the world lists it. */
  account(accountId: string): Account | undefined {
    return this.accountById.get(accountId);
  }

  /** Display name of an account, when known. */
  accountName(accountId: string): string | undefined {
    return this.accountById.get(accountId)?.name;
  }

  /**
   * The organization the account belongs to: this one, with the account's path, for a member; for an account outside
   * it, the other organization the world says it is in (without a path), or undefined. Cached.
   */
  organizationOf(accountId: string): AccountOrganization | undefined {
    const cached = this.organizations.get(accountId);
    if (cached !== undefined) return cached ?? undefined;
    const placement = this.placement(accountId);
    const otherId = placement ? undefined : this.otherOrganizationId(accountId);
    let found: AccountOrganization | undefined;
    if (placement) found = { id: this.organization!.id, orgPath: placement.orgPath };
    else if (otherId !== undefined) found = { id: otherId };
    this.organizations.set(accountId, found ?? null);
    return found;
  }

  /**
   * The other organization an account outside this one is in, when the world says so. An id equal to this
   * organization's is ignored: an account of this organization is a member only through its place in the tree.
   */
  otherOrganizationId(accountId: string): string | undefined {
    if (this.placement(accountId)) return undefined;
    const organizationId = this.accountById.get(accountId)?.organizationId;
    return organizationId === undefined || organizationId === this.organization?.id ? undefined : organizationId;
  }

  /** The account's place in the organization; undefined for accounts outside it. Cached. */
  placement(accountId: string): AccountPlacement | undefined {
    const cached = this.placements.get(accountId);
    if (cached !== undefined) return cached ?? undefined;
    const computed = this.computePlacement(accountId);
    this.placements.set(accountId, computed ?? null);
    return computed;
  }

  private computePlacement(accountId: string): AccountPlacement | undefined {
    const organization = this.organization;
    const account = this.accountById.get(accountId);
    if (!organization || !account?.parentId) return undefined;
    const ancestors: string[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined = account.parentId;
    while (cursor !== undefined) {
      // A broken tree (unknown parent or a cycle) leaves the account outside: nothing of ours can apply to it.
      if (seen.has(cursor) || !this.unitById.has(cursor)) return undefined;
      seen.add(cursor);
      ancestors.unshift(cursor);
      cursor = this.unitById.get(cursor)?.parentId;
    }
    return { ancestorIds: ancestors, orgPath: `${organization.id}/${ancestors.join('/')}/` };
  }

  /**
   * The evaluation group of an account level, shared by every account with the same policies attached: 5,000 accounts
   * that each hold FullAWSAccess would otherwise compute the same per-action slices (and the same decision-signature
   * readings) 5,000 times. A set holds only the policies, so sharing it changes no answer.
   */
  private accountSet(type: AuthzPolicyType, policies: readonly CompiledPolicy[]): PolicySet {
    const key = policies.map((policy) => policy.id).join('\n');
    let set = this.accountSets[type].get(key);
    if (!set) {
      set = new PolicySet(policies);
      this.accountSets[type].set(key, set);
    }
    return set;
  }

  /** The levels (root, OUs, account) with the attached policies of `type`; empty outside the organization. Cached. */
  levelsFor(accountId: string, type: AuthzPolicyType): readonly PolicyLevel[] {
    const cache = this.levels[type];
    const cached = cache.get(accountId);
    if (cached) return cached;
    const placement = this.placement(accountId);
    const result: PolicyLevel[] = [];
    if (placement) {
      placement.ancestorIds.forEach((id, depth) => {
        // The root's and an OU's level are the same for every account below them: built once, so their policy set's
        // per-action slices are computed once for 5,000 accounts rather than once per account.
        let level = this.unitLevels[type].get(id);
        if (!level) {
          const target = Object.freeze({ targetId: id, targetName: this.unitById.get(id)?.name ?? id, kind: depth === 0 ? 'root' as const : 'ou' as const });
          const policies = this.attachedPolicies(id, type);
          level = { ...target, target, policies, set: new PolicySet(policies) };
          this.unitLevels[type].set(id, level);
        }
        result.push(level);
      });
      const target = Object.freeze({ targetId: accountId, targetName: this.accountById.get(accountId)?.name ?? accountId, kind: 'account' as const });
      const policies = this.attachedPolicies(accountId, type);
      result.push({ ...target, target, policies, set: this.accountSet(type, policies) });
    }
    cache.set(accountId, result);
    return result;
  }

  /** The policies of `type` attached directly to a root, OU or account, in attachment order. */
  attachedPolicies(targetId: string, type: AuthzPolicyType): CompiledPolicy[] {
    const result: CompiledPolicy[] = [];
    for (const policyId of this.attachedByTarget.get(targetId) ?? []) {
      const policy = this.policiesById.get(policyId);
      if (policy && policy.type === type) result.push(policy);
    }
    return result;
  }
}
