// The decision: AWS's policy evaluation logic over a compiled world, with a trace of every layer.
// Spec: IAM User Guide reference_policies_evaluation-logic.html, ..._policy-eval-denyallow.html,
// reference_policies_evaluation-logic-cross-account.html, access_policies_boundaries.html; Organizations User
// Guide orgs_manage_policies_scps_evaluation.html and orgs_manage_policies_rcps_evaluation.html. The rules as the
// fixtures state them are in test/fixtures/engine/README.md ("The reasons rule").

import { isRcpSupportedService } from '../policy/rcp-services';
import { ramGrantLabel, type RamGrant } from '../ram/ram-grants';
import { applyServiceRules, rulesForAction, serviceStep, type ActionRules, type ServiceVerdict } from '../service-rules/match';
import { EC2_POLICY_ATTRIBUTE_RULE, S3_RESTRICT_PUBLIC_BUCKETS_RULE, SESSION_TAG_RULES } from '../service-rules/rules';
import type { AuthzRequest, ContextEntry, EvaluationResult, LayerTrace, VpcEndpoint } from '../types';
import { serviceOfAction } from '../world/action-matcher';
import type { CompiledPolicy } from '../world/compiled-types';
import type { CompiledResourcePolicy, CompiledWorld, RestrictedPublicPolicy } from '../world/compile-world';
import type { PolicyLevel } from '../world/org-chain';
import { ec2PolicyRefusalOf, isEc2AttributeSetter, type Ec2PolicyRefusal } from '../world/organization-ec2-attributes';
import type { PolicySet } from '../world/policy-set';
import type { IdentityPolicySource, ResolvedPrincipal } from '../world/principals';
import { currentBoundaryEntry, type IamEntity } from '../world/iam-entity-keys';
import { buildRequestContext, indexEntries, overriddenCallerEntries, stackLayers, withKmsCallerAccount, type LayeredContext } from '../world/request-context';
import { resolveSessionTags } from '../world/session-tags';
import { endpointContextEntries, servicePrefixOfEndpoint, sourceVpceOf } from '../world/vpc-endpoints';
import { missingContextValues, type GroupOutcome } from './condition-dependence';
import { overriddenContextNote } from './overridden-context-note';
import { decide, type ChainVerdict } from './decide';
import { evaluatePolicies, newVerdict, type PoliciesVerdict, type PreparedRequest } from './evaluate-policies';
import { summarize } from './summary';

/** Actions whose resource-side policy is the role's trust policy (id_roles_*, reference_policies_elements_principal.html). */
const TRUST_ACTIONS = new Set([
  'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity',
]);
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;
const KMS_KEY_ARN = /^arn:[^:]+:kms:[^:]*:\d{12}:key\//;

/** Evaluate one request; throws UnknownPrincipalError when the principal is found nowhere in the world. */
export function evaluate(world: CompiledWorld, request: AuthzRequest): EvaluationResult {
  const principal = world.principal(request.principalArn);
  // Identity policies and boundary: the caller's own, or those of the simulator's PolicySourceArn when it differs.
  const policies = request.policySourceArn === undefined || request.policySourceArn === request.principalArn
    ? principal
    : world.policySource(request.policySourceArn);
  const { actionLower, service, rules } = actionNamesOf(request.action);
  const resource = request.resource;
  const trace: LayerTrace[] = [];

  const side = resourceSide(world, actionLower, service, resource);
  const resourceAccount = resourceAccountOf(resource, request.resourceAccount, side.policyAccountId, principal.accountId);
  let derived = world.contextLayer(principal, resourceAccount, resource);
  const serviceCaller = principal.kind === 'service';
  if (serviceCaller) derived = withSourceOrganization(derived, world, request.context);
  else if (service === 'kms') derived = withKmsCallerAccount(derived, principal.accountId);
  const settled = world.settledResource(actionLower, resource);
  if (settled.currentBoundary) derived = withCurrentBoundary(derived, world.iamEntity(resource)!);
  let sessionTagStep: LayerTrace | undefined;
  if (request.sessionTags !== undefined || request.roleChain !== undefined) {
    ({ derived, step: sessionTagStep } = withSessionTags(derived, principal, request));
  }
  // The network perimeter: a request through a VPC endpoint the design holds also meets the endpoint's policy.
  const through = world.hasVpcEndpoints ? vpcEndpointPath(world, request, service, principal) : undefined;
  let settledKeys = settled;
  if (through?.policy !== undefined) {
    derived = stackLayers(derived, indexEntries(endpointContextEntries(through.endpoint!)));
    settledKeys = { ...settled, throughVpcEndpoint: true };
  }
  const context = buildRequestContext(request.context, derived, undefined, settledKeys);
  const prepared: PreparedRequest = {
    service, actionLower, resource, context, identity: principal.identity,
  };

  // Organizations guardrails: SCPs follow the principal's account, RCPs the resource's account.
  const scpSkip = scpNotApplicableReason(world, principal);
  const scp = scpSkip === undefined
    ? evaluateLevels(world.org.levelsFor(principal.accountId, 'SCP'), 'scp', prepared, trace)
    : skipLayer('scp', scpSkip, trace);
  const rcpSkip = rcpNotApplicableReason(world, principal, resourceAccount, service, actionLower);
  const rcp = rcpSkip === undefined
    ? evaluateLevels(world.org.levelsFor(resourceAccount, 'RCP'), 'rcp', prepared, trace)
    : skipLayer('rcp', rcpSkip, trace);

  let endpoint: PoliciesVerdict | undefined;
  const accountGrantReachesCaller = principal.kind === 'root' || through?.endpoint?.type !== 'Gateway';
  if (through?.policy !== undefined) {
    endpoint = evaluatePolicies(world.setOf(through.policy), prepared);
    // At a gateway endpoint an Allow that names only the caller's account reaches the root user alone (decide: endpointAllows).
    const accountOnly = !endpoint.deny && endpoint.allow && endpoint.grant === 'account' && !accountGrantReachesCaller;
    trace.push(layerEntry('vpcEndpoint', accountOnly ? 'noMatch' : outcomeOf(endpoint), endpoint.matched, endpointNote(through.endpoint!, endpoint, accountOnly, request), endpoint));
  } else if (through !== undefined) {
    trace.push(layerEntry('vpcEndpoint', 'notApplicable', [], through.note));
  }

  // The resource side: a resource-based policy, a role trust policy, or a KMS key policy.
  let resourceVerdict: PoliciesVerdict | undefined;
  if (side.policy) {
    resourceVerdict = evaluatePolicies(world.setOf(side.policy), prepared);
    trace.push(layerEntry(side.layer, outcomeOf(resourceVerdict), resourceVerdict.matched, side.note, resourceVerdict));
  } else {
    trace.push(layerEntry(side.layer, side.layer === 'resource' ? 'notApplicable' : 'noMatch', [], side.note));
  }

  // Identity-based policies; the root user has none and needs none, an AWS service principal has none at all.
  let identity: PoliciesVerdict;
  if (serviceCaller) {
    identity = NO_IDENTITY;
    trace.push(layerEntry('identity', 'notApplicable', [], 'AWS service principal: no identity-based policies; a resource-based policy must grant the request'));
  } else if (principal.kind === 'root') {
    identity = ROOT_IDENTITY;
    trace.push(layerEntry('identity', 'allow', [], 'root user: full access by default, no identity-based policies'));
  } else {
    identity = evaluatePolicies(policies.identitySet, prepared);
    trace.push(layerEntry('identity', outcomeOf(identity), identity.matched, identityNote(policies, principal, request.policySourceArn), identity));
  }

  let boundary: PoliciesVerdict | undefined;
  if (policies.boundarySet) {
    boundary = evaluatePolicies(policies.boundarySet, prepared);
    trace.push(layerEntry('boundary', outcomeOf(boundary), boundary.matched, policies.boundaryNote, boundary));
  }

  let session: PoliciesVerdict | undefined;
  if (request.sessionPolicy !== undefined) {
    if (principal.kind === 'role-session') {
      session = evaluatePolicies(world.setOf(world.sessionPolicy(request.sessionPolicy)), prepared);
      trace.push(layerEntry('session', outcomeOf(session), session.matched, undefined, session));
    } else {
      trace.push(layerEntry('session', 'notApplicable', [], 'session policies apply only to role sessions'));
    }
  }

  // Documented service-specific rules (service-rules/rules.ts): only requests whose action a rule names get here. They
  // are about IAM callers.
  let serviceVerdict: ServiceVerdict | undefined;
  if (rules.length > 0 && principal.kind !== 'service') {
    serviceVerdict = applyServiceRules(rules, {
      caller: principal.kind, callerAccount: principal.accountId, resourceAccount, resource,
      resourcePolicyDenies: resourceVerdict?.deny === true, callerServiceLinked: principal.serviceLinked,
    });
    if (serviceVerdict) trace.push(...serviceVerdict.steps);
  }
  if (sessionTagStep) trace.push(sessionTagStep);
  // S3 Block Public Access: a public bucket policy under RestrictPublicBuckets grants nothing across accounts.
  const restricted = side.policy === undefined ? undefined : (side.policy as CompiledResourcePolicy).restrictedPublicPolicy;
  if (restricted && !serviceCaller && principal.accountId !== resourceAccount) {
    serviceVerdict = withRestrictedPublicPolicy(serviceVerdict, restricted, principal.accountId, resourceAccount, resourceVerdict?.allow === true);
    trace.push(serviceVerdict.steps[serviceVerdict.steps.length - 1]);
  }
  // EC2 policies: an account attribute the caller's account's effective EC2 policy sets cannot be changed there.
  const ec2Refusal = serviceCaller ? undefined : ec2PolicyRefusalFor(world, principal.accountId, actionLower);
  if (ec2Refusal) {
    serviceVerdict = withEc2PolicyRefusal(serviceVerdict, ec2Refusal, principal.accountId);
    trace.push(serviceVerdict.steps[serviceVerdict.steps.length - 1]);
  }

  const sameAccount = grantedLikeSameAccount(principal.accountId, resourceAccount);
  const { decision, reasons } = decide({
    scp, rcp, identity, boundary, session,
    resourceSide: side.layer,
    resource: resourceVerdict,
    sameAccount,
    service: serviceVerdict,
    serviceCaller,
    endpoint,
    accountGrantReachesCaller,
  });
  // Only when a statement read an absent key, and built only if one of those keys is open (off the hot path). An
  // operation that needs no permission (service rule) is allowed whatever any key says.
  const missing = prepared.undecided === undefined || serviceVerdict?.alwaysAllowed
    ? []
    : missingContextValues(prepared.undecided, prepared, settledKeys, () => ({
      scp: scp.applies ? levelOutcomes(world.org.levelsFor(principal.accountId, 'SCP'), 'scp', trace) : undefined,
      rcp: rcp.applies ? levelOutcomes(world.org.levelsFor(resourceAccount, 'RCP'), 'rcp', trace) : undefined,
      resourceSide: side.layer,
      resource: resourceVerdict && groupOutcome(resourceVerdict, world.setOf(side.policy!)),
      identity: groupOutcome(identity, identity === ROOT_IDENTITY || identity === NO_IDENTITY ? undefined : policies.identitySet),
      boundary: boundary && groupOutcome(boundary, policies.boundarySet),
      session: session && groupOutcome(session, world.setOf(world.sessionPolicy(request.sessionPolicy!))),
      sameAccount,
      service: serviceVerdict,
      serviceCaller,
      endpoint: endpoint && groupOutcome(endpoint, world.setOf(through!.policy!)),
      accountGrantReachesCaller,
    }));
  return {
    decision,
    reasons,
    summary: summarize(decision, reasons, trace, serviceCaller),
    trace,
    conditionDependent: missing.length > 0,
    context: context.entryList(),
    missingContextValues: missing,
    overriddenContext: context.skippedCallerEntries === undefined ? NO_OVERRIDES : overriddenContextOf(context),
  };
}

const NO_OVERRIDES: EvaluationResult['overriddenContext'] = [];

/** The caller's entries for keys AWS sets itself that were not evaluated as supplied, each with its note. */
function overriddenContextOf(context: LayeredContext): EvaluationResult['overriddenContext'] {
  const overridden = overriddenCallerEntries(context);
  return overridden.length === 0 ? NO_OVERRIDES : overridden.map((entry) => ({ ...entry, note: overriddenContextNote(entry) }));
}

function groupOutcome(verdict: PoliciesVerdict, set: PolicySet | undefined): GroupOutcome {
  return { set, allow: verdict.allow, deny: verdict.deny, grant: verdict.grant };
}

/**
 * Each level's outcome as its trace entry recorded it (evaluateLevels pushes one entry per level, in order). A level
 * that denied may also have allowed: that matters only if the Deny can go away, and then the level is re-run.
 */
function levelOutcomes(levels: readonly PolicyLevel[], layer: 'scp' | 'rcp', trace: readonly LayerTrace[]): GroupOutcome[] {
  const outcomes: GroupOutcome[] = [];
  for (const entry of trace) {
    if (entry.layer !== layer) continue;
    const level = levels[outcomes.length];
    outcomes.push({ set: level.set, allow: entry.outcome === 'allow', deny: entry.outcome === 'deny' });
  }
  return outcomes;
}

/** What evaluate() settles before it reads any statement: the sets in play and the facts the layers hinge on. */
export interface RequestPlan {
  /** Lower-cased action. */
  actionLower: string;
  /** Lower-cased service prefix. */
  service: string;
  /** Documented service rules naming the action (their verdict reads caller kind, accounts and the resource's service). */
  hasServiceRules: boolean;
  /** The resource-side layer and its policy, if any. */
  resourceLayer: 'resource' | 'trust' | 'keyPolicy';
  /** The resource-side policy (resource policy, trust policy or key policy), when there is one. */
  resourcePolicy?: CompiledPolicy;
  /** The resource's account. */
  resourceAccount: string;
  /** The identity side alone may grant, as in one account (grantedLikeSameAccount). */
  sameAccount: boolean;
  /** S3 Block Public Access restricts the bucket policy (RestrictPublicBuckets on a public policy). */
  publicPolicyRestricted: boolean;
  /** The caller's account's EC2 policy makes the call fail (it changes an attribute the policy enforces). */
  ec2PolicyRefusal?: Ec2PolicyRefusal;
  /** Why SCPs do not apply, or undefined when the SCP levels of the principal's account are evaluated. */
  scpSkip?: string;
  /** Why RCPs do not apply, or undefined when the RCP levels of the resource's account are evaluated. */
  rcpSkip?: string;
}

/**
 * The plan evaluate() follows for a request by this principal (no session tags, session policy or policy source):
 * lets a caller decide which inputs a decision can depend on (see access/decision-signature.ts).
 */
export function requestPlan(world: CompiledWorld, principal: ResolvedPrincipal, action: string, resource: string, requestedResourceAccount?: string): RequestPlan {
  const { actionLower, service, rules } = actionNamesOf(action);
  const side = resourceSide(world, actionLower, service, resource);
  const resourceAccount = resourceAccountOf(resource, requestedResourceAccount, side.policyAccountId, principal.accountId);
  const plan: RequestPlan = {
    actionLower, service, hasServiceRules: rules.length > 0, resourceLayer: side.layer, resourceAccount,
    sameAccount: grantedLikeSameAccount(principal.accountId, resourceAccount),
    publicPolicyRestricted: (side.policy as CompiledResourcePolicy | undefined)?.restrictedPublicPolicy !== undefined,
    scpSkip: scpNotApplicableReason(world, principal), rcpSkip: rcpNotApplicableReason(world, principal, resourceAccount, service, actionLower),
  };
  if (side.policy) plan.resourcePolicy = side.policy;
  const ec2Refusal = principal.kind === 'service' ? undefined : ec2PolicyRefusalFor(world, principal.accountId, actionLower);
  if (ec2Refusal) plan.ec2PolicyRefusal = ec2Refusal;
  return plan;
}

/**
 * Whether the account's effective EC2 policy makes the call (its lower-cased action) fail; only calls that change an
 * EC2 account attribute can. Every request asks, so the common answer (not such a call) is one map lookup.
 */
function ec2PolicyRefusalFor(world: CompiledWorld, accountId: string, actionLower: string): Ec2PolicyRefusal | undefined {
  if (!isEc2AttributeSetter(actionLower)) return undefined;
  return ec2PolicyRefusalOf(world.org.effectiveManagementPolicy('DECLARATIVE_POLICY_EC2', accountId), actionLower);
}

/**
 * The service verdict with an EC2 policy's refusal added (orgs_manage_policies_ec2_syntax.html: "Account
 * administrators will not be able to modify the value of the service attribute at the individual account level"):
 * the call fails whatever the IAM policies say, with the policy's message.
 */
function withEc2PolicyRefusal(verdict: ServiceVerdict | undefined, refusal: Ec2PolicyRefusal, accountId: string): ServiceVerdict {
  const note = `the EC2 policy ${refusal.policyName} (${refusal.policyId}) attached to ${refusal.targetName} sets ${refusal.attribute.label} (${refusal.attribute.key}) for account ${accountId}, so the account cannot ${refusal.forbids}: the call fails with "${refusal.message}"`;
  const next: ServiceVerdict = verdict ?? { alwaysAllowed: false, refused: false, ignoreResourceDeny: false, steps: [] };
  next.refused = true;
  next.alwaysAllowed = false;
  next.steps.push(serviceStep(EC2_POLICY_ATTRIBUTE_RULE, 'noMatch', note));
  return next;
}

/** Distinct action spellings remembered by actionNamesOf (the IAM catalogue has about 22,000 actions). */
const ACTION_NAME_CACHE_LIMIT = 50_000;
const actionNames = new Map<string, ActionNames>();

/** An action's lower-cased spelling, its service, and the documented service rules that name it. */
interface ActionNames {
  actionLower: string;
  service: string;
  rules: ActionRules;
}

/**
 * The lower-cased action and its service, computed once per spelling. Returning the same string instances every
 * time also makes the per-action cache lookups of every policy group compare keys by identity instead of by content.
 */
function actionNamesOf(action: string): ActionNames {
  let names = actionNames.get(action);
  if (names === undefined) {
    const actionLower = action.toLowerCase();
    const service = serviceOfAction(actionLower);
    names = { actionLower, service, rules: rulesForAction(actionLower, service) };
    if (actionNames.size < ACTION_NAME_CACHE_LIMIT) actionNames.set(action, names);
  }
  return names;
}

const ROOT_IDENTITY: PoliciesVerdict = Object.freeze({ allow: true, deny: false, matched: [] }) as PoliciesVerdict;
/** An AWS service principal's identity side: it has no identity-based policies. */
const NO_IDENTITY: PoliciesVerdict = Object.freeze({ allow: false, deny: false, matched: [] }) as PoliciesVerdict;

/**
 * A service principal's request made for a resource of an account (aws:SourceAccount, which the service sends): AWS sets
 * aws:SourceOrgID and aws:SourceOrgPaths to that account's organization and path (reference_policies_condition-keys.html,
 * aws:SourceOrgID, "the organization ID of the resource making a service-to-service request"). Known here for member
 * accounts, and (the id alone) for an outside account the world places in another organization; for any other account
 * the caller's own entries, if any, stand.
 */
function withSourceOrganization(derived: ReadonlyMap<string, ContextEntry>, world: CompiledWorld, context: readonly ContextEntry[]): ReadonlyMap<string, ContextEntry> {
  const sourceAccount = context.find((entry) => entry.key.toLowerCase() === 'aws:sourceaccount')?.values[0];
  const organization = sourceAccount === undefined ? undefined : world.org.organizationOf(sourceAccount);
  if (!organization) return derived;
  const entries = new Map<string, ContextEntry>([['aws:sourceorgid', { key: 'aws:SourceOrgID', values: [organization.id], type: 'string' }]]);
  if (organization.orgPath !== undefined) entries.set('aws:sourceorgpaths', { key: 'aws:SourceOrgPaths', values: [organization.orgPath], type: 'stringList' });
  return stackLayers(derived, entries);
}

// Absent fields are left out rather than set to undefined: serializers such as superjson record every undefined
// value, which would bloat each decision sent to the browser.
function layerEntry(layer: LayerTrace['layer'], outcome: LayerTrace['outcome'], matched: LayerTrace['matched'], note: string | undefined, verdict?: PoliciesVerdict, level?: LayerTrace['level']): LayerTrace {
  const entry: LayerTrace = { layer, outcome, matched };
  if (level !== undefined) entry.level = level;
  if (note !== undefined) entry.note = note;
  if (verdict?.conditionNotMet !== undefined) entry.conditionNotMet = verdict.conditionNotMet;
  return entry;
}

/** The SCP / RCP chain result used by `decide` (defined there, so decide.ts imports nothing from here). */
export type { ChainVerdict } from './decide';

function evaluateLevels(
  levels: readonly PolicyLevel[],
  layer: 'scp' | 'rcp',
  request: PreparedRequest,
  trace: LayerTrace[],
): ChainVerdict {
  const chain: ChainVerdict = { applies: true, deny: false, missingAllow: false };
  const verdict = newVerdict();
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    evaluatePolicies(level.set, request, verdict);
    if (verdict.deny) chain.deny = true;
    if (!verdict.allow) chain.missingAllow = true;
    let note: string | undefined;
    if (level.policies.length === 0) note = layer === 'scp' ? 'no SCP attached at this level' : 'no RCP attached at this level';
    else if (!verdict.allow && !verdict.deny) note = layer === 'scp' ? 'no SCP at this level allows the action' : 'no RCP at this level allows the action';
    trace.push(layerEntry(layer, outcomeOf(verdict), verdict.matched, note, verdict, level.target));
  }
  return chain;
}

function skipLayer(layer: 'scp' | 'rcp', note: string, trace: LayerTrace[]): ChainVerdict {
  trace.push(layerEntry(layer, 'notApplicable', [], note));
  return { applies: false, deny: false, missingAllow: false };
}

function outcomeOf(verdict: PoliciesVerdict): LayerTrace['outcome'] {
  if (verdict.deny) return 'deny';
  return verdict.allow ? 'allow' : 'noMatch';
}

function identityNote(policies: IdentityPolicySource, caller: ResolvedPrincipal, sourceArn: string | undefined): string | undefined {
  // The common case (the caller's own policies, no remarks) allocates nothing.
  if (policies === caller && policies.notes.length === 0 && policies.identityPolicies.length > 0) return undefined;
  const notes = [...policies.notes];
  if (policies !== caller) notes.unshift(`the policies of ${sourceArn}, evaluated for caller ${caller.principalArn} (CallerArn)`);
  if (policies.identityPolicies.length === 0) notes.push('no identity-based policies');
  return notes.length > 0 ? notes.join('; ') : undefined;
}

/** Why SCPs do not apply, or undefined when they do (orgs_manage_policies_scps.html, "Effects on permissions"). */
function scpNotApplicableReason(world: CompiledWorld, principal: ResolvedPrincipal): string | undefined {
  // "SCPs affect only IAM users and roles that are managed by accounts that are part of the organization."
  if (principal.kind === 'service') return 'AWS service principal: SCPs apply only to the IAM users and roles of member accounts';
  const organization = world.world.organization;
  if (!organization) return 'no organization: SCPs do not apply';
  if (organization.featureSet !== 'ALL') return 'the organization has only consolidated billing: SCPs do not apply';
  if (!organization.enabledPolicyTypes.includes('SCP')) return 'SCPs are not enabled on the root';
  if (!world.org.isMember(principal.accountId)) return outsideAccountNote(world, principal.accountId, 'SCPs');
  if (principal.accountId === organization.managementAccountId) return 'management account: SCPs do not apply';
  if (principal.serviceLinked) return 'service-linked role: SCPs do not apply';
  return undefined;
}

/**
 * Why RCPs do not apply, or undefined when they do (orgs_manage_policies_rcps.html): RCPs restrict resources of
 * member accounts other than the management account, only for the RCP-supported services, and (section "Resources
 * and entities not restricted by RCPs") not actions taken by service-linked roles.
 */
function rcpNotApplicableReason(world: CompiledWorld, principal: ResolvedPrincipal, resourceAccount: string, service: string, actionLower: string): string | undefined {
  return rcpsSkippedForResource(world, resourceAccount, service) ?? (principal.serviceLinked ? 'service-linked role: RCPs do not apply' : undefined)
    ?? (actionLower === RETIRE_GRANT ? retireGrantNote('RCPs') : undefined);
}

/**
 * Why an account outside the organization has none of its SCPs or RCPs: none of this organization's apply, and when
 * the world places it in another organization, that organization's own policies are not in the world.
 */
function outsideAccountNote(world: CompiledWorld, accountId: string, kind: 'SCPs' | 'RCPs'): string {
  const other = world.org.otherOrganizationId(accountId);
  return other === undefined
    ? `account ${accountId} is outside the organization: no ${kind} apply`
    : `account ${accountId} is in another organization (${other}), whose ${kind} are not in this design: none evaluated`;
}

/**
 * The service verdict with S3's RestrictPublicBuckets refusal added (access-control-block-public-access.html): the
 * caller is outside the bucket owner's account and the bucket policy is public, so S3 blocks what that policy grants.
 */
function withRestrictedPublicPolicy(verdict: ServiceVerdict | undefined, restricted: RestrictedPublicPolicy, callerAccount: string, resourceAccount: string, policyAllowed: boolean): ServiceVerdict {
  const where = restricted.setBy.map((setting) => {
    if (setting === 'bucket') return 'the bucket\'s settings';
    if (setting === 'account') return `account ${resourceAccount}'s settings`;
    const policy = restricted.organizationPolicy;
    return policy ? `the organization's S3 policy ${policy.policyName} (${policy.policyId}) attached to ${policy.targetName}, in place of account ${resourceAccount}'s own settings` : 'the organization\'s S3 policy';
  }).join(' and ');
  const statements = restricted.publicStatements.map((statement) => (statement.sid === undefined ? `statement ${statement.index}` : `${statement.sid} (statement ${statement.index})`)).join(', ');
  const note = `RestrictPublicBuckets is on (${where}) and the bucket policy is public (${statements}): account ${callerAccount} is not the bucket owner's, so ${policyAllowed ? 'the policy\'s grant is blocked' : 'no grant of the policy can reach it'}`;
  const next: ServiceVerdict = verdict ?? { alwaysAllowed: false, refused: false, ignoreResourceDeny: false, steps: [] };
  next.refused = true;
  next.steps.push(serviceStep(S3_RESTRICT_PUBLIC_BUCKETS_RULE, 'noMatch', note));
  return next;
}

/** kms:RetireGrant, which "is not effective in a key policy or resource control policy" (kms grant-delete.html). */
const RETIRE_GRANT = 'kms:retiregrant';

/** The trace note of a layer left out of a RetireGrant request. */
function retireGrantNote(layers: string): string {
  return `kms:RetireGrant: ${layers} have no effect on it; the grant, or in the key's account an IAM policy, decides (grant-delete.html)`;
}

/** The resource side of a RetireGrant request: no key policy (as with no resource-based policy). */
const RETIRE_GRANT_SIDE: ResourceSideInfo = Object.freeze({ layer: 'resource', note: retireGrantNote('the key policy and RCPs') });

/** Why the RCPs of a resource's account do not apply to a request on it, whoever asks; undefined when they apply. */
export function rcpsSkippedForResource(world: CompiledWorld, resourceAccount: string, service: string): string | undefined {
  const organization = world.world.organization;
  if (!organization) return 'no organization: RCPs do not apply';
  if (organization.featureSet !== 'ALL') return 'the organization has only consolidated billing: RCPs do not apply';
  if (!organization.enabledPolicyTypes.includes('RCP')) return 'RCPs are not enabled on the root';
  if (!isRcpSupportedService(service)) return `RCPs do not apply to ${service}`;
  if (resourceAccount === '') return 'the resource\'s account is not known (a service calls; give ResourceOwner): no RCPs evaluated';
  if (!world.org.isMember(resourceAccount)) return `resource ${outsideAccountNote(world, resourceAccount, 'RCPs')}`;
  if (resourceAccount === organization.managementAccountId) return 'resource in the management account: RCPs do not apply';
  return undefined;
}

interface ResourceSideInfo {
  layer: 'resource' | 'trust' | 'keyPolicy';
  policy?: CompiledPolicy;
  policyAccountId?: string;
  note?: string;
}

// The two most common answers, shared rather than built per request.
const ANY_RESOURCE_SIDE: ResourceSideInfo = Object.freeze({ layer: 'resource', note: 'resource "*": no resource-based policy' });
const NO_RESOURCE_POLICY_SIDE: ResourceSideInfo = Object.freeze({ layer: 'resource', note: 'no resource-based policy for this resource' });


function resourceSide(world: CompiledWorld, actionLower: string, service: string, resource: string): ResourceSideInfo {
  if (TRUST_ACTIONS.has(actionLower) && ROLE_ARN.test(resource)) {
    const role = world.role(resource);
    if (!role) return { layer: 'trust', note: `role ${resource} is not in the world: no trust policy allows it` };
    return { layer: 'trust', policy: world.trustPolicyFor(role), note: `trust policy of ${role.name}` };
  }
  if (service === 'kms' && KMS_KEY_ARN.test(resource)) {
    // The key policy has no say on RetireGrant: in the key's account the identity side decides, as with no resource policy.
    if (actionLower === RETIRE_GRANT) return RETIRE_GRANT_SIDE;
    const keyPolicy = world.resourcePolicyFor(resource);
    if (!keyPolicy) return { layer: 'keyPolicy', note: 'no key policy for this key in the world: a KMS key needs its key policy to allow (key-policies.html)' };
    return { layer: 'keyPolicy', policy: keyPolicy, policyAccountId: keyPolicy.accountId };
  }
  if (resource === '*') return ANY_RESOURCE_SIDE;
  const policy = world.resourcePolicyFor(resource);
  if (!policy) return NO_RESOURCE_POLICY_SIDE;
  if (policy.ramGrants) return { layer: 'resource', policy, policyAccountId: policy.accountId, note: ramNote(policy.ramGrants) };
  return { layer: 'resource', policy, policyAccountId: policy.accountId };
}

/** The trace note of a resource shared through RAM: which shares and permissions act as its resource-based policy. */
function ramNote(grants: readonly RamGrant[]): string {
  const parts = grants.map((grant) => `${ramGrantLabel(grant)} for ${grant.principals.join(', ')}${grant.actions.length === 0 ? ' (the permission\'s actions are not known here: it grants nothing in this simulation)' : ''}`);
  return `shared through AWS RAM: the managed permission acts as the resource-based policy (security-ram-permissions.html): ${parts.join('; ')}`;
}

/**
 * The derived context with the session's tags as aws:PrincipalTag (id_session-tags.html): transitive tags inherited
 * through the role chain and the tags passed to this session's AssumeRole override the role's tags with the same key.
 * Only requests that carry session tags get here; simulate-input has already refused a chain AWS would refuse.
 */
function withSessionTags(derived: ReadonlyMap<string, ContextEntry>, principal: ResolvedPrincipal, request: AuthzRequest): { derived: ReadonlyMap<string, ContextEntry>; step: LayerTrace } {
  const rule = request.roleChain?.some((hop) => hop.transitiveTagKeys.length > 0) ? SESSION_TAG_RULES.transitive : SESSION_TAG_RULES.override;
  if (principal.kind !== 'role-session') {
    throw new InvalidSessionTagsError(`SessionTags: session tags belong to a role session, and ${request.principalArn} is not one`);
  }
  const resolved = resolveSessionTags(request.sessionTags, request.roleChain);
  if (!resolved.ok) {
    throw new InvalidSessionTagsError(`${resolved.hop === 'session' ? 'SessionTags' : `RoleChain[${resolved.hop}].${resolved.field}`}: ${resolved.message}`);
  }
  const entries: ContextEntry[] = [];
  const described: string[] = [];
  for (const tag of resolved.tags) {
    const key = `aws:PrincipalTag/${tag.key}`;
    const roleTag = derived.get(key.toLowerCase());
    entries.push({ key, values: [tag.value], type: 'string' });
    const source = tag.transitiveFrom === undefined ? 'session tag' : `transitive from role chain hop ${tag.transitiveFrom}`;
    described.push(`${tag.key}=${tag.value} (${source}${roleTag ? `, overrides the role's tag ${roleTag.key.slice('aws:PrincipalTag/'.length)}=${roleTag.values[0]}` : ''})`);
  }
  const note = described.length > 0 ? `aws:PrincipalTag: ${described.join('; ')}` : 'no session tags reach this session: the role\'s tags apply';
  return { derived: stackLayers(derived, indexEntries(entries)), step: serviceStep(rule, 'applied', note) };
}

/** Thrown when a request's session tags describe AssumeRole calls that AWS would refuse. */
export class InvalidSessionTagsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSessionTagsError';
  }
}

/**
 * True when a resource-based policy takes part in deciding the action on the resource: the resource's own policy, a
 * role's trust policy (sts:AssumeRole*), or a KMS key policy. simulate-principal-policy then needs a caller its
 * Principal element can name (CallerArn).
 */
export function hasResourceSidePolicy(world: CompiledWorld, action: string, resource: string): boolean {
  const { actionLower, service } = actionNamesOf(action);
  return resourceSide(world, actionLower, service, resource).policy !== undefined;
}

/** The resource's account: the ARN's account field, then ResourceOwner, then its policy's AccountId, then the caller's. */
function resourceAccountOf(resource: string, requested: string | undefined, policyAccountId: string | undefined, callerAccount: string): string {
  if (resource !== '*') {
    const fromArn = ownerInArn(resource);
    if (fromArn) return fromArn;
  }
  return requested ?? policyAccountId ?? callerAccount;
}

/**
 * Systems Manager resources AWS publishes with an empty account field: public parameters
 * (arn:aws:ssm:REGION::parameter/aws/service/…), AWS-owned documents and automation runbooks. Customers' own SSM
 * resources always carry their account. The data perimeter examples list these as service-owned resources a resource
 * perimeter must exempt (aws-samples/data-perimeter-policy-examples, service_owned_resources.md).
 */
const AWS_PUBLISHED_SSM = /^arn:[^:]+:ssm:[^:]*::(?:parameter|document|automation-definition)\//;

/**
 * The account an ARN names as its resource's owner: its account field, or "aws" for what AWS publishes without one
 * (AWS_PUBLISHED_SSM); undefined when the ARN does not say (an S3 bucket, "*").
 */
export function ownerInArn(arn: string): string | undefined {
  return accountFieldOf(arn) ?? (AWS_PUBLISHED_SSM.test(arn) ? AWS_OWNED_ACCOUNT_FIELD : undefined);
}

/**
 * The account field of the ARNs of resources AWS itself owns and publishes to every customer: AWS managed IAM policies
 * (arn:aws:iam::aws:policy/…), AWS managed Organizations policies (arn:aws:organizations::aws:policy/…), AWS managed
 * prefix lists, Image Builder components, CloudFormation transforms; ownerInArn gives it to public SSM resources too.
 */
const AWS_OWNED_ACCOUNT_FIELD = 'aws';

/**
 * True when the principal's identity-based policies may grant the request on their own, as within one account: the
 * resource is in the principal's account, or AWS owns it (AWS_OWNED_ACCOUNT_FIELD). No resource-based policy stands
 * beside such a resource, and every principal whose policies allow it may read it: "AWS managed policies … are
 * available in all AWS accounts" (IAM User Guide, access_policies_managed-vs-inline.html#aws-managed-policies).
 */
export function grantedLikeSameAccount(principalAccount: string, resourceAccount: string): boolean {
  return principalAccount === resourceAccount || resourceAccount === AWS_OWNED_ACCOUNT_FIELD;
}

/** The account field of an ARN (fifth field), or undefined when empty or not an ARN. No allocation but the result. */
export function accountFieldOf(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  let start = 4;
  for (let field = 0; field < 3; field++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = arn.indexOf(':', start);
  return end > start ? arn.slice(start, end) : undefined;
}

/** The derived layer with iam:PermissionsBoundary set to the entity's boundary (left out when it has none). */
function withCurrentBoundary(derived: ReadonlyMap<string, ContextEntry>, entity: IamEntity): ReadonlyMap<string, ContextEntry> {
  const entry = currentBoundaryEntry(entity);
  return entry === undefined ? derived : stackLayers(derived, indexEntries([entry]));
}

/** Where a request that names a VPC endpoint (aws:SourceVpce) meets it: the endpoint and its policy, or why it does not. */
interface VpcEndpointPath {
  /** The endpoint, when the design holds it. */
  endpoint?: VpcEndpoint;
  /** Its policy, when it applies to this request. */
  policy?: CompiledPolicy;
  /** Why the endpoint's policy is not evaluated, when it is not. */
  note?: string;
}

/**
 * The VPC endpoint the request goes through, when its aws:SourceVpce names one (undefined: it names none). Its policy
 * applies to requests to the AWS service it reaches (vpc-endpoints-access.html: an endpoint policy controls access
 * "to an AWS service"); an endpoint of a service that is not an AWS service allows full access.
 */
function vpcEndpointPath(world: CompiledWorld, request: AuthzRequest, service: string, principal: ResolvedPrincipal): VpcEndpointPath | undefined {
  const id = sourceVpceOf(request.context);
  if (id === undefined) return undefined;
  const endpoint = world.vpcEndpoint(id);
  if (endpoint === undefined) return { note: `VPC endpoint ${id} is not in the design: no endpoint policy evaluated, and aws:SourceVpc is as the request gives it` };
  if (principal.kind === 'service') return { endpoint, note: `an AWS service principal does not call through VPC endpoint ${id}: its policy does not apply` };
  const reaches = servicePrefixOfEndpoint(endpoint.serviceName);
  if (reaches === undefined) return { endpoint, note: `VPC endpoint ${id} reaches ${endpoint.serviceName}, not an AWS service: AWS allows full access through it` };
  if (reaches !== service) return { endpoint, note: `VPC endpoint ${id} reaches ${endpoint.serviceName}, not ${service}: a ${request.action} request does not go through it, and its policy is not evaluated` };
  return { endpoint, policy: world.vpcEndpointPolicy(endpoint) };
}

/** The trace note of an endpoint whose policy was evaluated, saying which endpoint and, when it stops the request, why. */
function endpointNote(endpoint: VpcEndpoint, verdict: PoliciesVerdict, accountOnly: boolean, request: AuthzRequest): string {
  const where = `endpoint for ${endpoint.serviceName} in ${endpoint.vpcId}; aws:SourceVpc is ${endpoint.vpcId}`;
  if (verdict.deny) return `the VPC endpoint ${endpoint.id} policy denies ${request.action} (${where})`;
  if (accountOnly) return `the VPC endpoint ${endpoint.id} policy does not allow ${request.action} for this principal: it names only the account, which at a gateway endpoint reaches the account's root user alone (${where})`;
  if (!verdict.allow) return `the VPC endpoint ${endpoint.id} policy does not allow ${request.action}${request.resource === '*' ? '' : ` on ${request.resource}`} for this principal (${where})`;
  return `the VPC endpoint ${endpoint.id} policy allows ${request.action} (${where})`;
}
