// compileWorld: parse and compile every policy of a World at most once, index what evaluation looks up, and keep
// lazy caches (principals, per-account SCP/RCP chains, context entries). SCPs and RCPs are compiled up
// front (every request reads them); resource policies on first lookup of their resource, and IAM policies (managed,
// inline, trust) on first use by a principal,
// so a large organization opens fast and a request pays only for its own principal once. Reading `warnings` (or
// calling compileAll) compiles everything. Recompiling after an edit reuses every compiled document whose text did
// not change, so changing one policy recompiles only that policy.

import { parseArn } from '../match/arn';
import { parsePolicy } from '../policy/parse';
import { ramGrantLabel, ramGrantStatements, ramGrantsByResource, type RamGrant } from '../ram/ram-grants';
import { ramShareContext } from '../ram/request-context';
import { publicBucketPolicy, type PublicBucketPolicy } from '../s3/public-bucket-policy';
import type {
  AuthzPolicyType, ContextEntry, IamRole, MatchedStatement, PolicyKind, PolicySource, RamShare, ResourcePolicy, Tag, VpcEndpoint, World,
} from '../types';
import type { CompiledDocument, CompiledPolicy } from './compiled-types';
import { compileDocument, documentKey, namedPolicy } from './compile-policy';
import { OrgIndex } from './org-chain';
import { PolicySet } from './policy-set';
import { outlinePrincipal, resolvePolicySource, resolvePrincipal, type IdentityPolicySource, type PolicyLookup, type PrincipalOutline, type ResolvedPrincipal } from './principals';
import { readsCurrentBoundary, resourceTagEntries, type IamEntity } from './iam-entity-keys';
import { indexEntries, NOTHING_SETTLED, resourceAccountEntries, stackLayers, type SettledResource } from './request-context';
import { DEFAULT_ENDPOINT_POLICY } from './vpc-endpoints';

/** Resource accounts whose derived context layer is kept per principal. */
const DERIVED_LAYERS_PER_PRINCIPAL = 64;

/** Distinct session policies kept compiled per world. */
const SESSION_POLICY_CACHE_LIMIT = 256;
/** What the world settles about a resource whose tags it lists; about an IAM role or user; and that entity's boundary. */
const LISTED_TAGS: SettledResource = { tagged: true, iamEntity: false, currentBoundary: false };
const ENTITY: SettledResource = { tagged: true, iamEntity: true, currentBoundary: false };
const ENTITY_AND_BOUNDARY: SettledResource = { tagged: true, iamEntity: true, currentBoundary: true };
/** An IAM user's ARN; group 1 is its account. */
const USER_ARN = /^arn:[^:]+:iam::(\d{12}):user\//;
/** Resource ARNs whose bucket policy lookup is remembered (cleared when full: requests name many objects). */
const BUCKET_POLICY_CACHE_LIMIT = 10_000;
/** A bucket's own ARN (no object key): the resource a bucket policy and its Block Public Access settings belong to. */
const S3_BUCKET_ARN = /^arn:[^:]+:s3:::[^/]+$/;

/** An SCP or RCP with its compiled document. */
export interface CompiledOrgPolicy extends CompiledPolicy {
  /** SCP or RCP. */
  type: AuthzPolicyType;
}

/** A resource-based policy with its compiled document and the owning account when the ARN does not say. */
export interface CompiledResourcePolicy extends CompiledPolicy {
  /** Owning account from ResourcePolicy.accountId (S3). */
  accountId?: string;
  /** The RAM shares whose managed permissions are part of this policy (the trace's note names them). */
  ramGrants?: readonly RamGrant[];
  /**
   * For an S3 bucket whose policy is public while RestrictPublicBuckets is on (the bucket's or its owner account's
   * setting): only AWS services and principals of the owner account may use the policy's grants.
   */
  restrictedPublicPolicy?: RestrictedPublicPolicy;
}

/** Why S3 Block Public Access restricts a bucket policy: which settings, and the statements that make it public. */
export interface RestrictedPublicPolicy {
  /**
   * Where RestrictPublicBuckets is on: the bucket's own settings, and its owner account's settings or, in their
   * place, the organization's S3 policy.
   */
  setBy: readonly ('bucket' | 'account' | 'organization')[];
  /** When the organization's S3 policy turns it on: that policy and where it is attached. */
  organizationPolicy?: { policyId: string; policyName: string; targetName: string };
  /** The Allow statements that make the policy public. */
  publicStatements: PublicBucketPolicy['statements'];
}

interface ManagedEntry {
  name: string;
  document: PolicySource;
  accountId: string;
}

/** A world ready for evaluation. Immutable from the outside; internal caches fill lazily. */
export class CompiledWorld {
  /** The world as given. */
  readonly world: World;
  /** SCPs and RCPs by id. */
  readonly orgPolicies: ReadonlyMap<string, CompiledOrgPolicy>;
  /** Every compiled document by content key (reused by the next compileWorld). */
  readonly documents: ReadonlyMap<string, CompiledDocument>;
  /** Organization index: membership, paths, SCP/RCP levels. */
  readonly org: OrgIndex;

  private readonly documentCache: Map<string, CompiledDocument>;
  private previousDocuments?: ReadonlyMap<string, CompiledDocument>;
  // By ARN, then by account: AWS-managed policies appear in every account of a 5,000-account world.
  private readonly managedByArn = new Map<string, Map<string, ManagedEntry>>();
  /**
   * Every role by ARN, only for a world where some role is listed under an account its ARN does not name (or has no
   * account field); otherwise roles are looked up in the account their ARN names (roleByArn): 100,000 roles are not
   * inserted into a map for the few tens of thousands of lookups a full access graph makes.
   */
  private readonly rolesByArn: Map<string, IamRole> | undefined;
  /** Roles by ARN of the accounts with many roles, made on first lookup (roleByArn). */
  private readonly largeAccountRoles = new Map<string, Map<string, IamRole>>();
  private readonly resourcePolicies = new Map<string, CompiledResourcePolicy>();
  private readonly bucketPolicies = new Map<string, CompiledResourcePolicy | null>();
  private readonly ramShares: ReadonlyMap<string, RamShare>;
  /** VPC endpoints by id; undefined when the world has none (evaluation then never looks at aws:SourceVpce). */
  private readonly vpcEndpointsById: ReadonlyMap<string, VpcEndpoint> | undefined;
  private readonly endpointPolicies = new Map<string, CompiledPolicy>();
  // Resource policies are compiled on first lookup: a design with thousands of bucket policies opens without parsing them.
  private readonly uncompiledResourcePolicies = new Map<string, ResourcePolicy>();
  private readonly principals = new Map<string, ResolvedPrincipal>();
  private readonly policySources = new Map<string, IdentityPolicySource>();
  private readonly namedPolicies = new Map<string, CompiledPolicy>();
  private readonly trustPolicies = new Map<string, CompiledPolicy>();
  // Trust documents by their text as given: the content key (kind + text) is a new string per lookup, hashed in full,
  // and the access graph looks up 100,000 trust policies; the text itself is hashed once and V8 keeps its hash.
  private readonly trustDocuments = new Map<string, CompiledDocument>();
  // Identity documents by their text as given, for the same reason: the access graph outlines 20,000 principals, each
  // of whose managed policies' texts would be copied into a new content key per lookup.
  private readonly identityDocuments = new Map<string, CompiledDocument>();
  private readonly sessionPolicies = new Map<string, CompiledPolicy>();
  private readonly derivedContexts = new Map<ResolvedPrincipal, Map<string, ReadonlyMap<string, ContextEntry>>>();
  private readonly taggedLayers = new WeakMap<ReadonlyMap<string, ContextEntry>, Map<string, ReadonlyMap<string, ContextEntry>>>();
  private readonly lookup: PolicyLookup;
  private readonly singletonSets = new WeakMap<CompiledPolicy, PolicySet>();
  private readonly warningList: string[] = [];
  private fullyCompiled = false;

  constructor(world: World, previous?: CompiledWorld, changedIamAccounts?: ReadonlySet<string>, consumePrevious = false) {
    this.world = world;
    this.documentCache = new Map();
    this.documents = this.documentCache;
    this.previousDocuments = previous?.documents;
    this.lookup = {
      compile: (id, name, document, kind) => this.named(id, name, document, kind),
      findManaged: (arn, accountId) => this.findManaged(arn, accountId),
      document: (id, document, kind) => (kind === 'IDENTITY' && typeof document === 'string' ? this.identityDocument(document, id) : this.document(document, kind, id)),
    };

    const reuse = previous && changedIamAccounts && canReuseIam(previous.world, world, changedIamAccounts) ? previous : undefined;
    const orgPolicies = new Map<string, CompiledOrgPolicy>();
    for (const policy of world.policies) {
      // Looked up even when reused below: the world's documents and warnings list them.
      const document = this.document(policy.document, policy.type, `${policy.type} ${policy.id}`);
      if (!reuse) orgPolicies.set(policy.id, { ...namedPolicy(policy.id, policy.name, document, policy.statementControls), type: policy.type });
    }
    // Only IAM changed: the organization half is the previous world's very objects (canReuseIam), and so is every
    // account's IAM key, which is all the index reads of iam. Its caches (placements, SCP/RCP levels, and what is
    // kept per index: each account's shared context entries) then serve the new world too, instead of being built
    // again for 5,000 accounts by the first question after an edit.
    this.orgPolicies = reuse ? reuse.orgPolicies : orgPolicies;
    this.org = reuse ? reuse.org : new OrgIndex(world, orgPolicies);

    const accounts = reuse ? [...changedIamAccounts!].filter((accountId) => world.iam[accountId] !== undefined) : Object.keys(world.iam);
    // Roles by the account their ARN names unless some role is listed elsewhere; a reused world's unchanged accounts
    // were checked when it was compiled.
    const byAccount = (!reuse || reuse.rolesByArn === undefined) && accounts.every((accountId) => rolesNameAccount(world.iam[accountId].roles, accountId));
    this.rolesByArn = byAccount ? undefined : new Map();
    if (reuse) {
      // Only the IAM of a few accounts changed: keep every other account's lookups and resolved principals. A consumed
      // previous world hands over its maps (100,000 roles are not copied per edit); otherwise they are copied.
      if (consumePrevious) {
        this.managedByArn = reuse.managedByArn;
        if (reuse.rolesByArn && this.rolesByArn) this.rolesByArn = reuse.rolesByArn;
        this.trustPolicies = reuse.trustPolicies;
        this.principals = reuse.principals;
        this.namedPolicies = reuse.namedPolicies;
        for (const [arn, principal] of this.principals) if (changedIamAccounts!.has(principal.accountId)) this.principals.delete(arn);
      } else {
        for (const [arn, entries] of reuse.managedByArn) this.managedByArn.set(arn, entries);
        if (reuse.rolesByArn && this.rolesByArn) for (const [arn, role] of reuse.rolesByArn) this.rolesByArn.set(arn, role);
        for (const [arn, policy] of reuse.trustPolicies) this.trustPolicies.set(arn, policy);
        for (const [arn, principal] of reuse.principals) if (!changedIamAccounts!.has(principal.accountId)) this.principals.set(arn, principal);
        for (const [key, policy] of reuse.namedPolicies) this.namedPolicies.set(key, policy);
      }
      for (const accountId of changedIamAccounts!) {
        for (const role of reuse.world.iam[accountId]?.roles ?? []) {
          this.rolesByArn?.delete(role.arn);
          this.trustPolicies.delete(role.arn);
        }
      }
    }
    for (const accountId of accounts) {
      const iam = world.iam[accountId];
      for (const managed of reuse ? [] : iam.managedPolicies) {
        let entries = this.managedByArn.get(managed.arn);
        if (!entries) {
          entries = new Map();
          this.managedByArn.set(managed.arn, entries);
        }
        if (!entries.has(accountId)) entries.set(accountId, { name: managed.name, document: managed.document, accountId });
      }
      // Indexed: the constructor runs once per world, and a for-of over 100,000 roles left an iterator result per role.
      if (this.rolesByArn) for (let i = 0; i < iam.roles.length; i++) this.rolesByArn.set(iam.roles[i].arn, iam.roles[i]);
    }
    if (this.rolesByArn && reuse && !reuse.rolesByArn) {
      // A changed account lists a role its ARN does not name, where the previous world had none: every role goes in the map.
      for (const iam of Object.values(world.iam)) for (let i = 0; i < iam.roles.length; i++) this.rolesByArn.set(iam.roles[i].arn, iam.roles[i]);
    }
    for (let i = 0; i < world.resourcePolicies.length; i++) {
      this.uncompiledResourcePolicies.set(world.resourcePolicies[i].resourceArn, world.resourcePolicies[i]);
    }
    this.ramShares = new Map((world.ramShares ?? []).map((share) => [share.arn, share]));
    this.vpcEndpointsById = world.vpcEndpoints !== undefined && world.vpcEndpoints.length > 0
      ? new Map(world.vpcEndpoints.map((endpoint) => [endpoint.id, endpoint]))
      : undefined;
    this.addRamGrants();
  }

  /** True when the world holds VPC endpoints, so a request's aws:SourceVpce may name one. */
  get hasVpcEndpoints(): boolean {
    return this.vpcEndpointsById !== undefined;
  }

  /** The VPC endpoint with this id (vpce-…), when the world holds it. */
  vpcEndpoint(id: string): VpcEndpoint | undefined {
    return this.vpcEndpointsById?.get(id);
  }

  /** The endpoint's policy, compiled once: its PolicyDocument, or AWS's default full-access policy when it has none. */
  vpcEndpointPolicy(endpoint: VpcEndpoint): CompiledPolicy {
    let policy = this.endpointPolicies.get(endpoint.id);
    if (!policy) {
      const name = `VPC endpoint policy of ${endpoint.id}`;
      policy = namedPolicy(endpoint.id, endpoint.policy === undefined ? `${name} (default: full access)` : name, this.document(endpoint.policy ?? DEFAULT_ENDPOINT_POLICY, 'RESOURCE', name));
      this.endpointPolicies.set(endpoint.id, policy);
    }
    return policy;
  }

  /** Problems found while compiling (policies AWS would have rejected), for people. Compiles every policy first. */
  get warnings(): readonly string[] {
    this.compileAll();
    return this.warningList;
  }

  /** Compile every IAM policy of the world now (they are otherwise compiled on first use). */
  compileAll(): void {
    if (this.fullyCompiled) return;
    for (const resourceArn of [...this.uncompiledResourcePolicies.keys()]) this.compiledResourcePolicy(resourceArn);
    for (const endpoint of this.vpcEndpointsById?.values() ?? []) this.vpcEndpointPolicy(endpoint);
    for (const iam of Object.values(this.world.iam)) {
      for (const managed of iam.managedPolicies) this.document(managed.document, 'IDENTITY', managed.arn);
      for (const principal of [...iam.users, ...iam.groups, ...iam.roles]) {
        for (const inline of principal.inlinePolicies) this.document(inline.document, 'IDENTITY', `${principal.arn} inline ${inline.name}`);
      }
      for (const role of iam.roles) this.document(role.trustPolicy, 'TRUST', `${role.arn} trust policy`);
    }
    // Everything is compiled now: the previous world's documents are no longer needed.
    this.previousDocuments = undefined;
    this.fullyCompiled = true;
  }

  /** The resolved caller; throws UnknownPrincipalError when the world holds no such principal. Cached. */
  principal(principalArn: string): ResolvedPrincipal {
    let resolved = this.principals.get(principalArn);
    if (!resolved) {
      resolved = resolvePrincipal(principalArn, this.world.iam, this.org, this.lookup);
      this.principals.set(principalArn, resolved);
    }
    return resolved;
  }

  /**
   * The outline of a user or role (its kind, identity, and its policies' documents), as principal() would resolve it;
   * not cached, and nothing is kept per principal. Throws UnknownPrincipalError when the world holds no such principal.
   */
  principalOutline(principalArn: string): PrincipalOutline {
    return outlinePrincipal(principalArn, this.world.iam, this.lookup);
  }

  /** The resource-based policy governing a resource: its own, or for an S3 object its bucket's. */
  resourcePolicyFor(resourceArn: string): CompiledResourcePolicy | undefined {
    const own = this.compiledResourcePolicy(resourceArn);
    if (own) return own;
    // An object ARN's bucket is remembered per ARN (null: none), so repeated requests do not cut and hash it again.
    let bucketPolicy = this.bucketPolicies.get(resourceArn);
    if (bucketPolicy === undefined) {
      const bucket = s3BucketOf(resourceArn);
      bucketPolicy = (bucket === undefined ? undefined : this.compiledResourcePolicy(bucket)) ?? null;
      if (this.bucketPolicies.size >= BUCKET_POLICY_CACHE_LIMIT) this.bucketPolicies.clear();
      this.bucketPolicies.set(resourceArn, bucketPolicy);
    }
    return bucketPolicy ?? undefined;
  }

  private compiledResourcePolicy(resourceArn: string): CompiledResourcePolicy | undefined {
    const compiled = this.resourcePolicies.get(resourceArn);
    if (compiled) return compiled;
    const raw = this.uncompiledResourcePolicies.get(resourceArn);
    if (!raw) return undefined;
    this.uncompiledResourcePolicies.delete(resourceArn);
    return this.addResourcePolicy(raw);
  }

  /** The identity policies and boundary of a user, role or group ARN (a CallerArn's PolicySourceArn); cached. */
  policySource(sourceArn: string): IdentityPolicySource {
    let resolved = this.policySources.get(sourceArn);
    if (!resolved) {
      resolved = resolvePolicySource(sourceArn, this.world.iam, this.org, this.lookup);
      this.policySources.set(sourceArn, resolved);
    }
    return resolved;
  }

  /** The role with this ARN, when the world has it. */
  role(roleArn: string): IamRole | undefined {
    return this.roleByArn(roleArn);
  }

  /** The IAM role or user with this ARN as a request's resource, when the world has it. */
  iamEntity(arn: string): IamEntity | undefined {
    const role = this.roleByArn(arn);
    if (role !== undefined) return role;
    const user = USER_ARN.exec(arn);
    return user === null ? undefined : this.world.iam[user[1]]?.users.find((candidate) => candidate.arn === arn);
  }

  /** The resource's keys the world settles on a request with this (lower-cased) action: its tags, an IAM entity's boundary. */
  settledResource(actionLower: string, resourceArn: string): SettledResource {
    const entity = this.iamEntity(resourceArn);
    if (entity === undefined) return this.listedTagsOf(resourceArn) === undefined ? NOTHING_SETTLED : LISTED_TAGS;
    return readsCurrentBoundary(actionLower) ? ENTITY_AND_BOUNDARY : ENTITY;
  }

  /**
   * The tags AWS reads for aws:ResourceTag/* on a request to the resource: those the world lists for it, else an IAM
   * role's or user's own tags (empty when it has none); undefined when the world does not know them.
   */
  resourceTagsOf(resourceArn: string): readonly Tag[] | undefined {
    return this.listedTagsOf(resourceArn) ?? this.iamEntity(resourceArn)?.tags;
  }

  /** The tags listed for a resource, or for one of the organization's own resources (an account, an OU, a policy). */
  private listedTagsOf(resourceArn: string): readonly Tag[] | undefined {
    return this.world.resourceTags?.[resourceArn] ?? this.world.organizationResourceTags?.[resourceArn];
  }

  /** The compiled trust policy of a role. Cached. */
  trustPolicyFor(role: IamRole): CompiledPolicy {
    let policy = this.trustPolicies.get(role.arn);
    if (!policy) {
      policy = new TrustPolicy(role, this.trustDocument(role));
      this.trustPolicies.set(role.arn, policy);
    }
    return policy;
  }

  /**
   * The compiled document of a role's trust policy (shared by every role with the same text), without building the
   * role's policy record: the access graph reads the statements of 70,000 service roles' trust policies it never
   * evaluates.
   */
  trustDocumentFor(role: IamRole): CompiledDocument {
    return this.trustPolicies.get(role.arn)?.document ?? this.trustDocument(role);
  }

  private trustDocument(role: IamRole): CompiledDocument {
    if (typeof role.trustPolicy !== 'string') return this.document(role.trustPolicy, 'TRUST', `${role.arn} trust policy`);
    let document = this.trustDocuments.get(role.trustPolicy);
    if (!document) {
      document = this.document(role.trustPolicy, 'TRUST', `${role.arn} trust policy`);
      this.trustDocuments.set(role.trustPolicy, document);
    }
    return document;
  }

  private identityDocument(text: string, label: string): CompiledDocument {
    let document = this.identityDocuments.get(text);
    if (!document) {
      document = this.document(text, 'IDENTITY', label);
      this.identityDocuments.set(text, document);
    }
    return document;
  }

  /** A single policy as an evaluation group (resource, trust, key and session policies). Cached. */
  setOf(policy: CompiledPolicy): PolicySet {
    let set = this.singletonSets.get(policy);
    if (!set) {
      set = new PolicySet([policy]);
      this.singletonSets.set(policy, set);
    }
    return set;
  }

  /** A session policy compiled once per distinct text. */
  sessionPolicy(source: PolicySource): CompiledPolicy {
    const key = typeof source === 'string' ? source : JSON.stringify(source);
    let policy = this.sessionPolicies.get(key);
    if (!policy) {
      // Session policies come with requests, not with the world: kept out of the world's documents and warnings,
      // in a bounded cache so that a stream of distinct session policies cannot grow memory without end.
      if (this.sessionPolicies.size >= SESSION_POLICY_CACHE_LIMIT) this.sessionPolicies.clear();
      policy = namedPolicy('session-policy', 'session policy', compileDocument(source, 'SESSION'));
      this.sessionPolicies.set(key, policy);
    }
    return policy;
  }

  /** The derived context layer for a principal acting on resources of an account (principal + resource-account keys). Cached. */
  derivedContext(principal: ResolvedPrincipal, resourceAccount: string): ReadonlyMap<string, ContextEntry> {
    let byAccount = this.derivedContexts.get(principal);
    if (!byAccount) {
      byAccount = new Map();
      this.derivedContexts.set(principal, byAccount);
    }
    let layer = byAccount.get(resourceAccount);
    if (!layer) {
      // A principal that acts on many accounts (an administrator role assumed into every account of a 5,000-account
      // organization by the access graph) would otherwise keep one layer per account forever.
      if (byAccount.size >= DERIVED_LAYERS_PER_PRINCIPAL) byAccount.clear();
      const resourceEntries = resourceAccountEntries(resourceAccount, this.org.organizationOf(resourceAccount));
      layer = indexEntries([...principal.derivedContext, ...resourceEntries]);
      byAccount.set(resourceAccount, layer);
    }
    return layer;
  }

  /**
   * The derived layer for a request: principal and resource-account keys, with the resource's aws:ResourceTag/*
   * keys stacked on top when the world tags it. Cached per (principal, resource account, tagged resource).
   */
  contextLayer(principal: ResolvedPrincipal, resourceAccount: string, resourceArn: string): ReadonlyMap<string, ContextEntry> {
    const base = this.derivedContext(principal, resourceAccount);
    // An IAM role's or user's tags are also its iam:ResourceTag/* keys.
    const entity = this.iamEntity(resourceArn);
    const tags = this.listedTagsOf(resourceArn) ?? entity?.tags;
    const share = this.ramShares.get(resourceArn);
    if ((!tags || tags.length === 0) && !share) return base;
    let byArn = this.taggedLayers.get(base);
    if (!byArn) {
      byArn = new Map();
      this.taggedLayers.set(base, byArn);
    }
    let layer = byArn.get(resourceArn);
    if (!layer) {
      // A call on a RAM share carries the share's own keys (ram:ResourceShareName, ram:AllowsExternalPrincipals).
      const entries = resourceTagEntries(tags ?? [], entity !== undefined);
      if (share) entries.push(...ramShareContext(share));
      layer = stackLayers(base, indexEntries(entries));
      byArn.set(resourceArn, layer);
    }
    return layer;
  }

  private addResourcePolicy(policy: ResourcePolicy): CompiledResourcePolicy {
    const document = this.document(policy.document, 'RESOURCE', `resource policy of ${policy.resourceArn}`);
    const accountId = policy.accountId ?? (parseArn(policy.resourceArn)?.account || undefined);
    const compiled: CompiledResourcePolicy = namedPolicy(policy.resourceArn, `resource policy of ${policy.resourceArn}`, document);
    if (accountId) compiled.accountId = accountId;
    const restricted = this.restrictedPublicPolicy(policy, accountId);
    if (restricted) compiled.restrictedPublicPolicy = restricted;
    this.resourcePolicies.set(policy.resourceArn, compiled);
    return compiled;
  }

  /**
   * S3 Block Public Access on a bucket policy (access-control-block-public-access.html): RestrictPublicBuckets, from the
   * bucket's settings or its owner account's (the most restrictive combination applies), restricts a public policy.
   */
  private restrictedPublicPolicy(policy: ResourcePolicy, accountId: string | undefined): RestrictedPublicPolicy | undefined {
    if (!S3_BUCKET_ARN.test(policy.resourceArn)) return undefined;
    const setBy: ('bucket' | 'account' | 'organization')[] = [];
    if (policy.publicAccessBlock?.restrictPublicBuckets) setBy.push('bucket');
    // The organization's S3 policy, when one applies, replaces the owner account's own settings (either way).
    const organization = accountId === undefined ? undefined : this.org.organizationPublicAccessBlock(accountId);
    if (organization?.settings.restrictPublicBuckets) setBy.push('organization');
    else if (!organization && accountId !== undefined && this.org.account(accountId)?.s3PublicAccessBlock?.restrictPublicBuckets) setBy.push('account');
    if (setBy.length === 0) return undefined;
    const parsed = parsePolicy(policy.document).document;
    const found = parsed ? publicBucketPolicy(parsed) : undefined;
    if (!found) return undefined;
    return {
      setBy,
      publicStatements: found.statements,
      ...(setBy.includes('organization') ? { organizationPolicy: { policyId: organization!.policyId, policyName: organization!.policyName, targetName: organization!.targetName } } : {}),
    };
  }

  /**
   * RAM's grants become (part of) the shared resource's resource-based policy: RAM writes the managed permission's
   * actions with the share's principals on each resource. A resource that also has its own policy keeps its
   * statements first; the RAM statements' trace records name the share and the permission.
   */
  private addRamGrants(): void {
    for (const [resourceArn, grants] of ramGrantsByResource(this.world)) {
      const own = this.compiledResourcePolicy(resourceArn);
      const ownSource = own ? this.world.resourcePolicies.find((p) => p.resourceArn === resourceArn)?.document : undefined;
      const ownStatements = ownSource === undefined ? [] : statementsOf(ownSource);
      const withActions = grants.filter((grant) => grant.actions.length > 0);
      const ramStatements = ramGrantStatements(resourceArn, grants);
      // A permission whose actions are not known here grants nothing: without an own policy there is nothing to add.
      if (ramStatements.length === 0 && !own) continue;
      const source = { Version: '2012-10-17', Statement: [...ownStatements, ...ramStatements] };
      const document = ramStatements.length === 0 && own ? own.document : this.document(source, 'RESOURCE', `RAM grants on ${resourceArn}`);
      const base = own ?? namedPolicy(resourceArn, `resource policy of ${resourceArn}`, document);
      const records = document.statements.map((statement) => {
        const grant = withActions[statement.index - ownStatements.length];
        if (statement.index < ownStatements.length || !grant) return base.records[statement.index] ?? namedPolicy(resourceArn, base.name, document).records[statement.index];
        return Object.freeze({
          policyId: grant.shareArn,
          policyName: ramGrantLabel(grant),
          statementIndex: statement.index,
          ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
          effect: statement.effect,
        });
      });
      const accountId = own?.accountId ?? (parseArn(resourceArn)?.account || undefined);
      const compiled: CompiledResourcePolicy = { id: base.id, name: base.name, document, records, ramGrants: grants };
      if (accountId) compiled.accountId = accountId;
      this.resourcePolicies.set(resourceArn, compiled);
    }
  }

  private findManaged(arn: string, accountId: string): { name: string; document: PolicySource } | undefined {
    const entries = this.managedByArn.get(arn);
    if (!entries) return undefined;
    return entries.get(accountId) ?? entries.values().next().value;
  }

  /** The last role with this ARN (as a map of every role would hold it): in the account the ARN names, when roles are by account. */
  private roleByArn(arn: string): IamRole | undefined {
    if (this.rolesByArn) return this.rolesByArn.get(arn);
    const start = accountFieldStart(arn);
    const end = start < 0 ? -1 : arn.indexOf(':', start);
    if (end < 0) return undefined;
    const accountId = arn.slice(start, end);
    const iam = Object.hasOwn(this.world.iam, accountId) ? this.world.iam[accountId] : undefined;
    if (iam === undefined) return undefined;
    const roles = iam.roles;
    if (roles.length <= SCANNED_ROLES) {
      for (let i = roles.length - 1; i >= 0; i--) if (roles[i].arn === arn) return roles[i];
      return undefined;
    }
    let byArn = this.largeAccountRoles.get(accountId);
    if (byArn === undefined) {
      byArn = new Map();
      for (let i = 0; i < roles.length; i++) byArn.set(roles[i].arn, roles[i]);
      this.largeAccountRoles.set(accountId, byArn);
    }
    return byArn.get(arn);
  }

  private named(id: string, name: string, source: PolicySource, kind: PolicyKind): CompiledPolicy {
    const key = `${id}\n${name}\n${documentKey(kind, source)}`;
    let policy = this.namedPolicies.get(key);
    if (!policy) {
      policy = namedPolicy(id, name, this.document(source, kind, id));
      this.namedPolicies.set(key, policy);
    }
    return policy;
  }

  private document(source: PolicySource, kind: PolicyKind, label: string): CompiledDocument {
    const key = documentKey(kind, source);
    let document = this.documentCache.get(key);
    if (document) return document;
    document = this.previousDocuments?.get(key) ?? compileDocument(source, kind);
    this.documentCache.set(key, document);
    const errors = document.findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      this.warningList.push(`${label}: not a valid policy (${errors[0].code} at ${errors[0].path}: ${errors[0].message}); it grants and denies nothing`);
    }
    return document;
  }
}

/**
 * A role's trust policy. Its trace records are built on first read: the access graph of a 100,000-role design looks
 * up every trust policy, but evaluates (and so traces) few of them.
 */
class TrustPolicy implements CompiledPolicy {
  private built?: readonly MatchedStatement[];

  constructor(
    private readonly role: IamRole,
    /** The compiled document (shared by every role with the same trust text). */
    readonly document: CompiledDocument,
  ) {}

  /** "ROLE-ARN/trust-policy". */
  get id(): string {
    return `${this.role.arn}/trust-policy`;
  }

  /** "ROLE-NAME trust policy". */
  get name(): string {
    return `${this.role.name} trust policy`;
  }

  /** One frozen trace record per statement. */
  get records(): readonly MatchedStatement[] {
    this.built ??= namedPolicy(this.id, this.name, this.document).records;
    return this.built;
  }
}

/** The statements of a policy source (text or object), as an array; [] when it has none or is not JSON. */
function statementsOf(source: PolicySource): unknown[] {
  let parsed: unknown = source;
  if (typeof source === 'string') {
    try {
      parsed = JSON.parse(source);
    } catch {
      return [];
    }
  }
  const statement = (parsed as { Statement?: unknown } | null)?.Statement;
  if (statement === undefined) return [];
  return Array.isArray(statement) ? statement : [statement];
}

/** The bucket ARN of an S3 object ARN ("arn:aws:s3:::bucket/key" -> "arn:aws:s3:::bucket"); undefined otherwise. */
export function s3BucketOf(resourceArn: string): string | undefined {
  // String operations rather than a regex: this runs on every request for a resource without its own policy.
  const marker = resourceArn.indexOf(':s3:::');
  if (marker < 0 || !resourceArn.startsWith('arn:') || resourceArn.indexOf(':', 4) !== marker) return undefined;
  const slash = resourceArn.indexOf('/', marker + 6);
  return slash > marker + 6 ? resourceArn.slice(0, slash) : undefined;
}

/**
 * Compile a world once; pass the previous compiled world to reuse the documents whose text did not change. With
 * `changedIamAccounts` (the accounts whose IAM is all that differs from previous.world), the previous world's lookups
 * and resolved principals of every other account are kept too, so editing one trust policy of a 100,000-role world
 * costs that account, not the world; anything else that differs (organization, managed policies of those accounts,
 * resource policies, ...) falls back to the full compile. With `consumePrevious`, `previous` hands its lookups over
 * and must not be used afterwards (the access graph's incremental update, which owns its compiled world).
 */
export function compileWorld(world: World, previous?: CompiledWorld, changedIamAccounts?: ReadonlySet<string>, consumePrevious = false): CompiledWorld {
  return new CompiledWorld(world, previous, changedIamAccounts, consumePrevious);
}

/** True when `world` differs from `before` only in the users, groups and roles of `accounts` (same managed policies). */
/** Accounts with at most this many roles are scanned for a role by ARN rather than given a map. */
const SCANNED_ROLES = 32;

/** Where the account field of an ARN starts (after its fourth colon: "arn:aws:iam::ACCOUNT:role/x"), or -1. */
function accountFieldStart(arn: string): number {
  let start = 0;
  for (let field = 0; field < 4; field++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return -1;
  }
  return start;
}

/** True when every role's ARN names this account in its account field. */
function rolesNameAccount(roles: readonly IamRole[], accountId: string): boolean {
  for (let i = 0; i < roles.length; i++) {
    const arn = roles[i].arn;
    const start = accountFieldStart(arn);
    // The field roleByArn cuts (up to the next colon) must be the account id itself.
    if (start < 0 || arn.indexOf(':', start) !== start + accountId.length || !arn.startsWith(accountId, start)) return false;
  }
  return true;
}

function canReuseIam(before: World, world: World, accounts: ReadonlySet<string>): boolean {
  const { iam: iamBefore, ...restBefore } = before;
  const { iam: iamAfter, ...restAfter } = world;
  const keys = new Set([...Object.keys(restBefore), ...Object.keys(restAfter)]);
  for (const key of keys) if ((restBefore as Record<string, unknown>)[key] !== (restAfter as Record<string, unknown>)[key]) return false;
  for (const accountId of accounts) {
    const a = iamBefore[accountId];
    const b = iamAfter[accountId];
    if (!a || !b) return false;
    if (a.managedPolicies !== b.managedPolicies && !sameManaged(a.managedPolicies, b.managedPolicies)) return false;
  }
  return true;
}

function sameManaged(a: World['iam'][string]['managedPolicies'], b: World['iam'][string]['managedPolicies']): boolean {
  if (a.length !== b.length) return false;
  return a.every((policy, i) => policy.arn === b[i].arn && policy.name === b[i].name
    && (policy.document === b[i].document || JSON.stringify(policy.document) === JSON.stringify(b[i].document)));
}

