// A pending change of any kind, previewed on the whole design (the interchange model): Organizations calls of every
// policy type, IAM calls (identity policies), Control Tower EnableControl / DisableControl (the aws-guardrails SCPs it
// rewrites on the OU) and RAM AssociateResourceShare / DisassociateResourceShare. The Organizations and IAM calls
// are applied as the migration plan applies them (apply-plan-call.ts: AWS's errors and quotas); the impact is
// - the org-wide matrix's flipped cells and the principals of the changed accounts that gain or lose actions
//   (preview-impact.ts),
// - the users and roles whose identity documents changed, judged on the actions those documents name
//   (identity-flips.ts),
// - for every shared resource whose RAM grants changed, the principals of the recipient accounts that gain or lose
//   use of it (evaluated on the resource's ARN with the managed permission's actions),
// - the accounts whose effective tag, backup or AI opt-out policy changes (computeEffectivePolicy, as
//   DescribeEffectivePolicy merges them).

import type { Catalog } from '../../catalog/types';
import { findControl } from '../../control-tower/catalog';
import { GUARDRAIL_POLICY_PREFIX, guardrailStatements, packGuardrailEc2Policy, packGuardrailPolicies } from '../../control-tower/guardrails';
import { evaluate } from '../../evaluate/evaluate';
import { computeEffectivePolicy } from '../../management/effective-policy';
import type { JsonObject, ManagementChainLevel, ManagementPolicyType } from '../../management/types';
import { DEFAULT_POLICY_QUOTAS } from '../../quotas';
import { ramGrantsByResource } from '../../ram/ram-grants';
import { shareableTypeOfArn, splitArn } from '../../ram/shareable-resource-types';
import type { ContextEntry } from '../../types';
import type { InterchangeDesign, InterchangePolicy, InterchangeResourceShare } from '../../aws/bundle/model';
import { designToWorld } from '../../aws/bundle';
import { compileWorld, type CompiledWorld } from '../../world/compile-world';
import { UnknownPrincipalError } from '../../world/errors';
import { applyPlanCall } from '../migration-plan/apply-plan-call';
import type { PlanApi } from '../migration-plan/types';
import { actionIndexOf } from '../org-matrix/action-index';
import type { OrgMatrix } from '../org-matrix/org-matrix';
import type { CallError, CallsResult } from './organizations-calls';
import { identityFlips } from './identity-flips';
import { previewImpact, type ImpactPreview, type PrincipalFlips } from './preview-impact';
import type { ManagementChange } from './management-change';

/** The APIs a change may call. */
export type ChangeApi = PlanApi | 'controltower' | 'ram';

/** One call of a pending change, in its API's request shape. */
export interface ChangeCall {
  /** The API. */
  api: ChangeApi;
  /** The operation as AWS names it. */
  operation: string;
  /** For IAM: the account the call runs in. */
  accountId?: string;
  /** The request. */
  input: Record<string, unknown>;
  /** JSONPath of the call, for errors ("calls[2]"). */
  path: string;
}

/** The management policy types whose effective policy a preview compares. */
export const MANAGEMENT_TYPES: readonly ManagementPolicyType[] = ['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'S3_POLICY', 'DECLARATIVE_POLICY_EC2'];

export type { ManagementChange } from './management-change';

/** A principal that gains or loses use of a shared resource. */
export interface ResourceAccessChange {
  /** The shared resource. */
  resourceArn: string;
  /** The user or role. */
  principalArn: string;
  /** Its account. */
  accountId: string;
  /** Actions of the share's permission it may perform on the resource after and not before. */
  gained: string[];
  /** ... before and not after. */
  lost: string[];
}

/** What a change does. */
export interface DesignChangeImpact {
  /** The matrix part (and the principals, identity changes merged in). */
  preview: ImpactPreview;
  /** Effective management policies that change. */
  management: ManagementChange[];
  /** Use of shared resources that changes. */
  resources: ResourceAccessChange[];
}

/** Options of previewDesignChange. */
export interface DesignChangeOptions {
  /** Request context assumed. */
  context?: ContextEntry[];
  /** Flipped actions listed per chain transition. */
  maxActions?: number;
  /** Evaluations spent on principals at most; 200,000 by default. */
  maxEvaluations?: number;
  /** The compiled world of `before` (designToWorld), when the caller keeps one. */
  beforeCompiled?: CompiledWorld;
  /** Its matrix under `context`. */
  beforeMatrix?: OrgMatrix;
}

/** Applies the calls in order to the model (never modified), or the first error AWS would answer, with its path. */
export function applyChangeCalls(design: InterchangeDesign, calls: readonly ChangeCall[]): CallsResult<InterchangeDesign> {
  let state = design;
  for (const call of calls) {
    const result = call.api === 'controltower' ? applyControlCall(state, call) : call.api === 'ram' ? applyRamCall(state, call) : applyPlanCall(state, { ...call, api: call.api as PlanApi, summary: '' });
    if (!result.ok) {
      const field = FIELD_OF_ERROR[result.error.awsCode ?? ''];
      return { ok: false, error: { path: field && call.input[field] !== undefined ? `${call.path}.${field}` : call.path, ...result.error } };
    }
    state = result.design;
  }
  return { ok: true, value: state };
}

/** The request field an Organizations "not found" error is about, so the error names its JSON path. */
const FIELD_OF_ERROR: Readonly<Record<string, string>> = {
  PolicyNotFoundException: 'PolicyId', TargetNotFoundException: 'TargetId', AccountNotFoundException: 'AccountId', SourceParentNotFoundException: 'SourceParentId',
  DestinationParentNotFoundException: 'DestinationParentId', ParentNotFoundException: 'ParentId', OrganizationalUnitNotFoundException: 'OrganizationalUnitId',
};

type Applied = { ok: true; design: InterchangeDesign } | { ok: false; error: Omit<CallError, 'path'> };
const refuse = (awsCode: string, message: string): Applied => ({ ok: false, error: { awsCode, message } });
const text = (input: Record<string, unknown>, key: string) => (typeof input[key] === 'string' ? (input[key] as string) : '');

/**
 * EnableControl / DisableControl (Control Tower API: controlIdentifier, targetIdentifier = the OU's ARN, parameters)
 * and the aws-guardrails SCPs of the OU rewritten as Control Tower rewrites them (control-tower/guardrails.ts).
 */
function applyControlCall(design: InterchangeDesign, call: ChangeCall): Applied {
  const ct = design.controlTower;
  if (!ct || !design.root) return refuse('ResourceNotFoundException', 'the design has no Control Tower landing zone');
  if (call.operation !== 'EnableControl' && call.operation !== 'DisableControl') return refuse('ValidationException', `unknown Control Tower operation ${call.operation}`);
  const control = findControl(text(call.input, 'controlIdentifier'));
  if (!control) return refuse('ResourceNotFoundException', `there is no control "${text(call.input, 'controlIdentifier')}" in the Control Tower catalogue`);
  const target = text(call.input, 'targetIdentifier');
  const ouId = target.slice(target.lastIndexOf('/') + 1);
  const ou = design.ous.find((entry) => entry.awsId === ouId);
  if (!ou) return refuse('ResourceNotFoundException', `there is no organizational unit "${target}"`);
  if (!ct.registeredOus.some((entry) => entry.ouId === ouId)) return refuse('ValidationException', `OU "${ou.name}" is not registered with Control Tower`);
  if (control.guidance === 'MANDATORY') return refuse('ValidationException', `control ${control.alias ?? control.arn} is mandatory: always enabled`);
  const same = (entry: { controlIdentifier: string; targetOuId: string }) => entry.targetOuId === ouId && findControl(entry.controlIdentifier) === control;
  let enabledControls = ct.enabledControls;
  if (call.operation === 'EnableControl') {
    if (enabledControls.some(same)) return refuse('ConflictException', `control ${control.alias ?? control.arn} is already enabled on OU "${ou.name}"`);
    const parameters = Array.isArray(call.input.parameters) ? (call.input.parameters as { key: string; value: unknown }[]) : [];
    enabledControls = [...enabledControls, { arn: `${control.arn}/preview`, controlIdentifier: control.arn, targetOuId: ouId, status: 'SUCCEEDED', driftStatus: 'IN_SYNC', parameters }];
  } else {
    if (!enabledControls.some(same)) return refuse('ResourceNotFoundException', `control ${control.alias ?? control.arn} is not enabled on OU "${ou.name}"`);
    enabledControls = enabledControls.filter((entry) => !same(entry));
  }
  const deployed = guardrailStatements(enabledControls.filter((entry) => entry.targetOuId === ouId), {
    governedRegions: ct.governedRegions,
    regionDeny: ct.regionDeny && ou.parentId === design.root.awsId,
    ...(design.organization ? { organizationId: design.organization.awsId } : {}),
  });
  let policies = design.policies;
  // SCP controls become aws-guardrails SCPs, RCP controls aws-guardrails RCPs, EC2 policy controls an aws-guardrails
  // EC2 policy (server/services/control-tower/guardrail-sync.ts).
  const wantedByType = [
    ['SERVICE_CONTROL_POLICY', packGuardrailPolicies(deployed.statements, DEFAULT_POLICY_QUOTAS.SERVICE_CONTROL_POLICY)],
    ['RESOURCE_CONTROL_POLICY', packGuardrailPolicies(deployed.resourceStatements, DEFAULT_POLICY_QUOTAS.RESOURCE_CONTROL_POLICY)],
    ['DECLARATIVE_POLICY_EC2', packGuardrailEc2Policy(deployed.ec2Documents)],
  ] as const;
  for (const [type, wanted] of wantedByType) {
    const existing = design.policies.filter((policy) => policy.type === type && policy.name.startsWith(GUARDRAIL_POLICY_PREFIX) && policy.targetIds.includes(ouId));
    const tag = type === 'SERVICE_CONTROL_POLICY' ? '' : type === 'RESOURCE_CONTROL_POLICY' ? 'rcp-' : 'ec2-';
    for (let i = 0; i < Math.max(wanted.length, existing.length); i++) {
      const current = existing[i];
      const next = wanted[i];
      if (current && next) policies = policies.map((policy) => (policy === current ? { ...policy, content: next.content } : policy));
      else if (current) policies = policies.filter((policy) => policy !== current);
      else if (next) {
        const created: InterchangePolicy = {
          awsId: `p-guardrail-${tag}${ouId}-${i + 1}`, type, name: `${GUARDRAIL_POLICY_PREFIX}${tag}preview${i + 1}`,
          description: `Control Tower guardrails of ${ou.name} (preview)`, content: next.content, awsManaged: false, tags: [], targetIds: [ouId],
        };
        policies = [...policies, created];
      }
    }
  }
  return { ok: true, design: { ...design, policies, controlTower: { ...ct, enabledControls } } };
}

/**
 * CreateResourceShare / AssociateResourceShare / DisassociateResourceShare (RAM API: name, resourceShareArn,
 * principals, resourceArns, allowExternalPrincipals). A CreateResourceShare call names the owning account (accountId)
 * and may name its Region (region, else us-east-1); a resource joins only a share of its owner and Region. As RAM does: a resource type new to the
 * share gets its default managed permission (security-ram-permissions.html), and an account principal outside the
 * organization, or any account while sharing with AWS Organizations is off, is invited instead of associated
 * (working-with-shared-invitations.html): it reaches nothing until it accepts.
 */
function applyRamCall(design: InterchangeDesign, call: ChangeCall): Applied {
  const shares = design.resourceShares ?? [];
  const list = (key: string) => (Array.isArray(call.input[key]) ? (call.input[key] as unknown[]).map(String) : []);
  const principals = list('principals');
  const resourceArns = list('resourceArns');
  if (call.operation === 'CreateResourceShare') {
    const owner = call.accountId ?? '';
    if (!design.accounts.some((account) => account.accountId === owner)) return refuse('UnknownResourceException', `CreateResourceShare names the account that owns the share (accountId): there is no account "${owner}" in this design`);
    const name = text(call.input, 'name').trim();
    if (!name) return refuse('MissingRequiredParameterException', 'CreateResourceShare needs a name');
    // RAM is Regional: the share lives in the Region of the call (region; us-east-1 as the editor's default).
    const region = text(call.input, 'region') || 'us-east-1';
    const created: InterchangeResourceShare = {
      arn: `arn:aws:ram:${region}:${owner}:resource-share/preview-${shares.length + 1}`, name, ownerAccountId: owner, region,
      allowExternalPrincipals: call.input.allowExternalPrincipals !== false, status: 'ACTIVE', tags: [], resources: [], principals: [], permissions: [],
    };
    return associateOnShare({ ...design, resourceShares: [...shares, created] }, created, principals, resourceArns);
  }
  if (call.operation !== 'AssociateResourceShare' && call.operation !== 'DisassociateResourceShare') return refuse('InvalidParameterException', `unknown RAM operation ${call.operation}`);
  const share = shares.find((entry) => entry.arn === text(call.input, 'resourceShareArn'));
  if (!share) return refuse('UnknownResourceException', `there is no resource share ${text(call.input, 'resourceShareArn')}`);
  if (principals.length === 0 && resourceArns.length === 0) return refuse('MissingRequiredParameterException', 'name principals or resourceArns');
  if (call.operation === 'AssociateResourceShare') return associateOnShare(design, share, principals, resourceArns);
  const missing = principals.filter((principal) => !share.principals.some((entry) => entry.principal === principal));
  if (missing.length > 0) return refuse('UnknownResourceException', `${missing.join(', ')} is not associated with the share`);
  const unknown = resourceArns.filter((arn) => !share.resources.some((entry) => entry.arn === arn));
  if (unknown.length > 0) return refuse('UnknownResourceException', `${unknown.join(', ')} is not in the share`);
  const next = { ...share, principals: share.principals.filter((entry) => !principals.includes(entry.principal)), resources: share.resources.filter((entry) => !resourceArns.includes(entry.arn)) };
  return { ok: true, design: { ...design, resourceShares: shares.map((entry) => (entry === share ? next : entry)) } };
}

/** The share with the principals and resources added (already associated ones stay as they are, as RAM leaves them). */
function associateOnShare(design: InterchangeDesign, share: InterchangeResourceShare, principals: readonly string[], resourceArns: readonly string[]): Applied {
  const shares = design.resourceShares ?? [];
  const members = new Set(design.accounts.filter((account) => account.parentId !== null).map((account) => account.accountId));
  const sharingEnabled = design.organization?.serviceAccessPrincipals.includes(RAM_SERVICE_PRINCIPAL) ?? false;
  const added = principals.filter((principal) => !share.principals.some((entry) => entry.principal === principal));
  const outside = added.filter((principal) => {
    const account = accountOfPrincipal(principal);
    return account !== undefined && !(members.has(share.ownerAccountId) && members.has(account));
  });
  if (outside.length > 0 && !share.allowExternalPrincipals) {
    return refuse('InvalidParameterException', `the share does not allow external principals: ${outside.join(', ')} is outside the organization`);
  }
  const newResources = resourceArns.filter((arn, i) => resourceArns.indexOf(arn) === i && !share.resources.some((entry) => entry.arn === arn));
  for (const arn of newResources) {
    const parts = splitArn(arn);
    if (!parts) return refuse('MalformedArnException', `"${arn}" is not an ARN (arn:partition:service:region:account-id:resource)`);
    if (!shareableTypeOfArn(arn)) return refuse('InvalidParameterException', `${arn} is not a resource type AWS RAM can share (shareable.html)`);
    if (parts.account !== share.ownerAccountId) return refuse('UnknownResourceException', `${arn} belongs to account ${parts.account || '(none)'}; account ${share.ownerAccountId} can share only resources it owns`);
    if (parts.region && parts.region !== share.region) return refuse('UnknownResourceException', `${arn} is in ${parts.region}; a resource share in ${share.region} can hold only resources of its own Region`);
  }
  const resources = [...share.resources, ...newResources.map((arn) => ({ arn, type: shareableTypeOfArn(arn)!.type }))];
  const permissions = [...share.permissions];
  for (const arn of newResources) {
    const type = shareableTypeOfArn(arn);
    if (type && !permissions.some((entry) => entry.resourceType.toLowerCase() === type.type.toLowerCase())) {
      permissions.push({ resourceType: type.type, permissionArn: type.defaultPermission.arn, permissionVersion: type.defaultPermission.defaultVersion });
    }
  }
  const invited = (principal: string) => accountOfPrincipal(principal) !== undefined && (outside.includes(principal) || !sharingEnabled);
  const next: InterchangeResourceShare = {
    ...share,
    resources,
    permissions,
    principals: [...share.principals, ...added.map((principal) => (invited(principal)
      ? { principal, status: 'ASSOCIATING', statusMessage: 'Invitation sent (preview).', invitationArn: `${share.arn.replace(':resource-share/', ':resource-share-invitation/')}-${principal}`, invitationStatus: 'PENDING' }
      : { principal, status: 'ASSOCIATED', statusMessage: null, invitationArn: null, invitationStatus: null }))],
  };
  return { ok: true, design: { ...design, resourceShares: shares.map((entry) => (entry.arn === share.arn ? next : entry)) } };
}

const RAM_SERVICE_PRINCIPAL = 'ram.amazonaws.com';

/** The account a principal names: a 12-digit id or an IAM role or user ARN; undefined for OUs, the organization and services. */
function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[\w-]*:iam::(\d{12}):(role|user)\//.exec(principal)?.[1];
}

/** What going from `before` to `after` (the same design, changed) does. */
export function previewDesignChange(before: InterchangeDesign, after: InterchangeDesign, catalog: Catalog, options: DesignChangeOptions = {}): DesignChangeImpact {
  const context = options.context ?? [];
  const beforeWorld = options.beforeCompiled ?? compileWorld(designToWorld(before));
  const afterWorld = compileWorld(designToWorld(after), beforeWorld);
  const budget = options.maxEvaluations ?? 200_000;
  const preview = previewImpact(beforeWorld, afterWorld, catalog, { context, maxActions: options.maxActions, maxEvaluations: budget, ...(options.beforeMatrix ? { beforeMatrix: options.beforeMatrix } : {}) });
  const identity = identityFlips(beforeWorld, afterWorld, actionIndexOf(catalog), { context, budget: Math.max(0, budget / 2) });
  const principals = mergeFlips(preview.principals, identity.principals);
  const resources = resourceAccessChanges(beforeWorld, afterWorld, context);
  return {
    preview: { ...preview, principals, principalsTruncated: preview.principalsTruncated || identity.truncated },
    management: managementChanges(before, after),
    resources,
  };
}

function mergeFlips(matrixFlips: readonly PrincipalFlips[], identity: readonly PrincipalFlips[]): PrincipalFlips[] {
  const byArn = new Map(matrixFlips.map((entry) => [entry.principalArn, { ...entry, gained: [...entry.gained], lost: [...entry.lost] }]));
  for (const entry of identity) {
    const known = byArn.get(entry.principalArn);
    if (!known) {
      byArn.set(entry.principalArn, { ...entry });
      continue;
    }
    for (const action of entry.gained) if (!known.gained.includes(action)) known.gained.push(action);
    for (const action of entry.lost) if (!known.lost.includes(action)) known.lost.push(action);
  }
  return [...byArn.values()].sort((a, b) => a.principalArn.localeCompare(b.principalArn));
}

/** Principals of the accounts a changed RAM grant names, judged on the grant's actions on the shared resource. */
function resourceAccessChanges(before: CompiledWorld, after: CompiledWorld, context: ContextEntry[]): ResourceAccessChange[] {
  if (before.world.ramShares === after.world.ramShares) return [];
  const grantsBefore = ramGrantsByResource(before.world);
  const grantsAfter = ramGrantsByResource(after.world);
  const changes: ResourceAccessChange[] = [];
  for (const resourceArn of new Set([...grantsBefore.keys(), ...grantsAfter.keys()])) {
    const was = grantsBefore.get(resourceArn) ?? [];
    const is = grantsAfter.get(resourceArn) ?? [];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    const actions = [...new Set([...was, ...is].flatMap((grant) => grant.actions))].sort();
    const principals = new Set<string>();
    for (const name of new Set([...was, ...is].flatMap((grant) => grant.principals))) {
      const root = /^arn:aws:iam::(\d{12}):root$/.exec(name);
      if (!root) {
        principals.add(name);
        continue;
      }
      for (const world of [before, after]) {
        const iam = world.world.iam[root[1]];
        for (const principal of [...(iam?.users ?? []), ...(iam?.roles ?? [])]) if (!principal.arn.includes(':role/aws-service-role/')) principals.add(principal.arn);
      }
    }
    // A request on a regional resource goes to that resource's Region (aws:RequestedRegion,
    // reference_policies_condition-keys.html#condition-keys-requestedregion): without it every region guard would
    // leave the decision "depends on context" on both sides, and no change would show.
    const region = splitArn(resourceArn)?.region;
    const requestContext = region && !context.some((entry) => entry.key.toLowerCase() === 'aws:requestedregion')
      ? [...context, { key: 'aws:RequestedRegion', values: [region], type: 'string' as const }] : context;
    for (const principalArn of [...principals].sort()) {
      const gained: string[] = [];
      const lost: string[] = [];
      for (const action of actions) {
        const allowedBefore = allowedOn(before, principalArn, action, resourceArn, requestContext);
        const allowedAfter = allowedOn(after, principalArn, action, resourceArn, requestContext);
        if (allowedBefore !== allowedAfter) (allowedAfter ? gained : lost).push(action);
      }
      if (gained.length > 0 || lost.length > 0) changes.push({ resourceArn, principalArn, accountId: principalArn.split(':')[4], gained, lost });
    }
  }
  return changes;
}

function allowedOn(world: CompiledWorld, principalArn: string, action: string, resource: string, context: ContextEntry[]): boolean {
  try {
    return evaluate(world, { principalArn, action, resource, context }).decision === 'allowed';
  } catch (error) {
    if (error instanceof UnknownPrincipalError) return false;
    throw error;
  }
}

/** Accounts whose effective tag, backup or AI opt-out policy differs between the two models. */
export function managementChanges(before: InterchangeDesign, after: InterchangeDesign): ManagementChange[] {
  const changes: ManagementChange[] = [];
  for (const type of MANAGEMENT_TYPES) {
    // A type enabled nowhere or attached nowhere gives every account no effective policy on both sides: nothing to
    // compare (the plan asks this once per step of a 5,000-account organization).
    if (!inEffect(before, type) && !inEffect(after, type)) continue;
    const chainsBefore = managementChains(before, type);
    const chainsAfter = managementChains(after, type);
    for (const account of after.accounts) {
      if (account.parentId === null) continue;
      const was = chainsBefore.get(account.accountId);
      const is = chainsAfter.get(account.accountId);
      if (!is || (was && was.signature === is.signature)) continue;
      const effectiveBefore = was ? effectiveOf(type, was.chain) : null;
      const effectiveAfter = effectiveOf(type, is.chain);
      if (JSON.stringify(effectiveBefore) === JSON.stringify(effectiveAfter)) continue;
      const keys = [...new Set([...Object.keys(effectiveBefore ?? {}), ...Object.keys(effectiveAfter ?? {})])]
        .filter((key) => JSON.stringify(effectiveBefore?.[key]) !== JSON.stringify(effectiveAfter?.[key])).sort();
      changes.push({ accountId: account.accountId, accountName: account.name, type, before: effectiveBefore, after: effectiveAfter, keys });
    }
  }
  return changes;
}

/** True when the policy type is enabled on the root and some policy of it is attached somewhere. */
function inEffect(design: InterchangeDesign, type: ManagementPolicyType): boolean {
  const enabled = design.root?.policyTypes.some((entry) => entry.type === type && entry.status === 'ENABLED') ?? false;
  return enabled && design.policies.some((policy) => policy.type === type && policy.targetIds.length > 0);
}

function effectiveOf(type: ManagementPolicyType, chain: ManagementChainLevel[]): JsonObject | null {
  if (chain.every((level) => level.policies.length === 0)) return null;
  const result = computeEffectivePolicy(type, chain);
  return result.ok ? result.effective : null;
}

interface ManagementChain {
  chain: ManagementChainLevel[];
  signature: string;
}

/** Each member account's chain of one management type (root first), and a signature of it to skip unchanged ones. */
function managementChains(design: InterchangeDesign, type: ManagementPolicyType): Map<string, ManagementChain> {
  const result = new Map<string, ManagementChain>();
  const root = design.root;
  if (!root) return result;
  const enabled = root.policyTypes.some((entry) => entry.type === type && entry.status === 'ENABLED');
  const attached = new Map<string, { id: string; name: string; content: string }[]>();
  if (enabled) {
    for (const policy of design.policies) {
      if (policy.type !== type) continue;
      for (const targetId of policy.targetIds) {
        const list = attached.get(targetId) ?? [];
        list.push({ id: policy.awsId, name: policy.name, content: policy.content });
        attached.set(targetId, list);
      }
    }
  }
  const ous = new Map(design.ous.map((ou) => [ou.awsId, ou]));
  // The chain from the root down to each OU is shared by every account under it: built and signed once per OU.
  const rootLevel: ManagementChainLevel = { targetId: root.awsId, targetName: root.name, kind: 'root', policies: attached.get(root.awsId) ?? [] };
  const rootPrefix: ManagementChain = { chain: [rootLevel], signature: JSON.stringify(rootLevel.policies) };
  const prefixes = new Map<string, ManagementChain>([[root.awsId, rootPrefix]]);
  const prefixOf = (ouId: string, seen: Set<string>): ManagementChain => {
    const known = prefixes.get(ouId);
    if (known) return known;
    const ou = ous.get(ouId);
    // An unknown parent or a cycle ends the path at the root, as the walk up did.
    if (!ou || seen.has(ouId)) return rootPrefix;
    seen.add(ouId);
    const parent = prefixOf(ou.parentId, seen);
    const level: ManagementChainLevel = { targetId: ou.awsId, targetName: ou.name, kind: 'ou', policies: attached.get(ou.awsId) ?? [] };
    const prefix = { chain: [...parent.chain, level], signature: `${parent.signature},${JSON.stringify(level.policies)}` };
    prefixes.set(ouId, prefix);
    return prefix;
  };
  for (const account of design.accounts) {
    if (account.parentId === null) continue;
    const prefix = prefixOf(account.parentId, new Set());
    const policies = attached.get(account.accountId) ?? [];
    result.set(account.accountId, {
      chain: [...prefix.chain, { targetId: account.accountId, targetName: account.name, kind: 'account', policies }],
      signature: `${prefix.signature},${JSON.stringify(policies)}`,
    });
  }
  return result;
}
