// A decision signature: a key such that two requests with equal keys get the same decision from evaluate(), for the
// same reasons, the same missing context keys and the same matched statements (by statement, not by policy name). It
// is what lets the access graph and who-can evaluate once per class of equivalent requests instead of once per
// (principal, role) pair: 5,000 accounts whose administrator roles carry the same policies under the same SCP chain
// ask the same question of every OrganizationAccountAccessRole.
//
// The key lists what evaluate() reads (see evaluate.ts): the policy documents in play (SCP levels of the principal's
// account, RCP levels of the resource's account, the resource-side policy, identity policies, boundary), and for each
// statement that could apply beyond its action: how its Principal matches the caller, whether its Resource matches,
// and the values of the condition keys it reads; plus the principal's kind, whether the request stays in one account,
// and what the service rules look at. A statement with a policy variable in its Resource makes the request
// unshareable (the match then depends on values the key does not hold).

import { requestPlan } from '../evaluate/evaluate';
import type { ContextEntry, IamRole, IamUser, RequestContext } from '../types';
import type { CompiledDocument, PrincipalIdentity } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import type { PolicySet } from '../world/policy-set';
import { DEFAULT_SESSION_NAME, type ResolvedPrincipal } from '../world/principals';
import { isAwsOwnedContextKey, resourceAccountEntries } from '../world/request-context';

/** A request's decision signature. */
export interface DecisionSignature {
  /** Equal keys, equal decisions (for principals of one class: same account, kind, policies, boundary and tags). */
  key: string;
  /**
   * True when the decision may depend on who the principal is within its account (a condition reads aws:PrincipalArn,
   * aws:userid or aws:username, or a Principal element names this very principal): then it holds for this principal
   * alone, not for the other members of its class.
   */
  principalSpecific: boolean;
}

/** Keys whose value differs between two principals of the same account, kind, policies and tags. */
const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:userid', 'aws:username']);

const EMPTY_CONTEXT: RequestContext = new Map();
const documentIds = new WeakMap<CompiledDocument, number>();
let nextDocumentId = 1;
const principalLayers = new WeakMap<ResolvedPrincipal, Map<string, ContextEntry>>();
const accountLayers = new WeakMap<CompiledWorld, Map<string, Map<string, ContextEntry>>>();

/**
 * The decision signature of `principal` doing `action` on `resource` with the caller's context entries, or undefined
 * when the request cannot share its decision (a Resource element with a policy variable). Only for plain requests:
 * no session tags, session policy or policy source.
 */
export function decisionSignature(
  world: CompiledWorld, principal: ResolvedPrincipal, action: string, resource: string, callerContext: readonly ContextEntry[] = [],
  requestedResourceAccount?: string,
): DecisionSignature | undefined {
  const plan = requestPlan(world, principal, action, resource, requestedResourceAccount);
  const parts: string[] = [
    principal.kind, principal.serviceLinked ? 'sl' : '', principal.accountId === plan.resourceAccount ? 'same' : 'cross', plan.resourceLayer,
  ];
  if (plan.hasServiceRules) parts.push(`rules:${resource === '*' ? '*' : serviceOfArn(resource)}`);
  const keys = new Set<string>();
  const reader = new SetReader(plan.actionLower, plan.service, principal.identity, resource, keys, parts);
  if (plan.scpSkip !== undefined) parts.push(`scp-:${plan.scpSkip}`);
  else for (const level of world.org.levelsFor(principal.accountId, 'SCP')) if (!reader.read('S', level.set)) return undefined;
  if (plan.rcpSkip !== undefined) parts.push(`rcp-:${plan.rcpSkip}`);
  else for (const level of world.org.levelsFor(plan.resourceAccount, 'RCP')) if (!reader.read('C', level.set)) return undefined;
  if (plan.resourcePolicy && !reader.read('R', world.setOf(plan.resourcePolicy))) return undefined;
  if (principal.kind === 'root') parts.push('root');
  else if (!reader.read('I', principal.identitySet)) return undefined;
  if (principal.boundarySet && !reader.read('B', principal.boundarySet)) return undefined;

  const tags = world.world.resourceTags?.[resource];
  if (tags !== undefined) parts.push(`tagged:${JSON.stringify(tags)}`);
  const principalLayer = layerOf(principal);
  const accountLayer = accountLayerOf(world, plan.resourceAccount);
  let principalSpecific = reader.principalSpecific;
  for (const key of [...keys].sort()) {
    if (PRINCIPAL_KEYS.has(key)) principalSpecific = true;
    let entry = principalLayer.get(key) ?? accountLayer.get(key);
    if (entry === undefined && tags !== undefined && key.startsWith('aws:resourcetag/')) {
      const tag = tags.find((candidate) => `aws:resourcetag/${candidate.key.toLowerCase()}` === key);
      if (tag) entry = { key, values: [tag.value], type: 'string' };
    }
    if (entry === undefined && !isAwsOwnedContextKey(key)) entry = callerContext.findLast((candidate) => candidate.key.toLowerCase() === key);
    parts.push(entry === undefined ? `${key}!` : `${key}=${entry.type ?? ''}:${JSON.stringify(entry.values)}`);
  }
  return { key: parts.join('|'), principalSpecific };
}

/** Reads the statements of policy sets that apply to one request into the signature. */
class SetReader {
  /** Set when a Principal element matched the caller differently from another principal of its account. */
  principalSpecific = false;
  private readonly probe: PrincipalIdentity;

  constructor(
    private readonly actionLower: string,
    private readonly service: string,
    private readonly identity: PrincipalIdentity,
    private readonly resource: string,
    private readonly keys: Set<string>,
    private readonly parts: string[],
  ) {
    // Another principal of the same account and kind: a Principal element that tells them apart names this one.
    this.probe = {
      accountId: identity.accountId,
      ...(identity.userArn ? { userArn: `arn:aws:iam::${identity.accountId}:user/\u0000lzsim-probe` } : {}),
      ...(identity.roleArn ? { roleArn: `arn:aws:iam::${identity.accountId}:role/\u0000lzsim-probe`, sessionArn: `arn:aws:sts::${identity.accountId}:assumed-role/\u0000lzsim-probe/s` } : {}),
      ...(identity.hasPermissionsBoundary !== undefined ? { hasPermissionsBoundary: identity.hasPermissionsBoundary } : {}),
    };
  }

  /** Append the set's documents and, per statement that can apply, its principal and resource match; false when unshareable. */
  read(tag: string, set: PolicySet): boolean {
    const parts = this.parts;
    let documents = tag;
    for (const policy of set.policies) documents += `${documentId(policy.document)},`;
    parts.push(documents);
    const refs = set.sliceFor(this.actionLower, this.service).refs;
    for (let i = 0; i < refs.length; i++) {
      const statement = refs[i].statement;
      if (statement.matchesPrincipal !== undefined) {
        const grant = statement.matchesPrincipal(this.identity);
        if (grant !== statement.matchesPrincipal(this.probe)) this.principalSpecific = true;
        if (grant === undefined) {
          parts.push('p-');
          continue;
        }
        parts.push(grant);
      }
      if (statement.resourceVariableKeys !== undefined) return false;
      if (!statement.matchesResource(this.resource, EMPTY_CONTEXT)) {
        parts.push('r-');
        continue;
      }
      parts.push('r+');
      for (const key of statement.conditionKeys) this.keys.add(key);
    }
    return true;
  }
}

function documentId(document: CompiledDocument): number {
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  return id;
}

function layerOf(principal: ResolvedPrincipal): Map<string, ContextEntry> {
  let layer = principalLayers.get(principal);
  if (!layer) {
    layer = new Map(principal.derivedContext.map((entry) => [entry.key.toLowerCase(), entry]));
    principalLayers.set(principal, layer);
  }
  return layer;
}

function accountLayerOf(world: CompiledWorld, accountId: string): Map<string, ContextEntry> {
  let byAccount = accountLayers.get(world);
  if (!byAccount) {
    byAccount = new Map();
    accountLayers.set(world, byAccount);
  }
  let layer = byAccount.get(accountId);
  if (!layer) {
    const entries = resourceAccountEntries(accountId, world.world.organization?.id, world.org.placement(accountId)?.orgPath);
    layer = new Map(entries.map((entry) => [entry.key.toLowerCase(), entry]));
    byAccount.set(accountId, layer);
  }
  return layer;
}

/** The service field of an ARN ("arn:aws:s3:::b" -> "s3"); the whole value when it is not an ARN. */
function serviceOfArn(resource: string): string {
  if (!resource.startsWith('arn:')) return resource;
  const start = resource.indexOf(':', 4) + 1;
  const end = resource.indexOf(':', start);
  return start > 0 && end > start ? resource.slice(start, end) : resource;
}

/** The identity a user or a role session presents to Principal matching, as resolvePrincipal builds it. */
export function identityOf(accountId: string, isRole: boolean, entity: IamRole | IamUser): PrincipalIdentity {
  const hasPermissionsBoundary = entity.permissionsBoundaryArn !== undefined;
  if (!isRole) return { accountId, userArn: entity.arn, uniqueId: (entity as IamUser).userId, hasPermissionsBoundary };
  const role = entity as IamRole;
  const partition = role.arn.split(':')[1];
  return {
    accountId, roleArn: role.arn, sessionArn: `arn:${partition}:sts::${accountId}:assumed-role/${role.name}/${DEFAULT_SESSION_NAME}`,
    uniqueId: role.roleId, hasPermissionsBoundary,
  };
}

/** How the Principal elements of a request's resource side (resource policy or trust policy, RCPs) match callers. */
export interface ResourceGrants {
  /** True when some Principal element matches this caller differently from the representative. */
  differsFor(identity: PrincipalIdentity): boolean;
}

const NEVER_DIFFERS: ResourceGrants = { differsFor: () => false };

/**
 * The Principal matches of the statements that can apply to the representative's request: a principal of the same
 * class whose matches differ is named (or excluded) by a policy and must be decided on its own.
 */
export function resourceGrants(world: CompiledWorld, representative: ResolvedPrincipal, action: string, resource: string, requestedResourceAccount?: string): ResourceGrants {
  const plan = requestPlan(world, representative, action, resource, requestedResourceAccount);
  const sets: PolicySet[] = [];
  if (plan.resourcePolicy) sets.push(world.setOf(plan.resourcePolicy));
  if (plan.rcpSkip === undefined) for (const level of world.org.levelsFor(plan.resourceAccount, 'RCP')) sets.push(level.set);
  const matchers = sets.flatMap((set) => set.sliceFor(plan.actionLower, plan.service).refs.map((ref) => ref.statement.matchesPrincipal).filter((matcher) => matcher !== undefined));
  if (matchers.length === 0) return NEVER_DIFFERS;
  const expected = matchers.map((matcher) => matcher(representative.identity));
  return { differsFor: (identity) => matchers.some((matcher, i) => matcher(identity) !== expected[i]) };
}
