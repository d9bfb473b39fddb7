import 'server-only';
import type { InterchangeDesign } from '../db/import-export-model';
import {
  computeEffectivePolicy, isManagementPolicyType, type EffectivePolicyError, type EffectivePolicySuccess, type ManagementChainLevel, type ManagementPolicyType,
} from '../engine/management';

// DescribeEffectivePolicy over an imported design (the interchange model that every bundle reader produces): the
// account's effective tag, backup, AI opt-out, Amazon S3 or EC2 policy in AWS's EffectivePolicy shape, or AWS's exception.
// API_DescribeEffectivePolicy.html: TargetId is an account ("Specifying an organization root or organizational unit
// (OU) as the target is not supported"); errors AWSOrganizationsNotInUseException, EffectivePolicyNotFoundException,
// InvalidInputException, TargetNotFoundException. When the policies along the path merge into an invalid effective
// policy (orgs_manage_policies_backup_effective.html, API_EffectivePolicyValidationError.html), AWS keeps the
// account's last valid effective policy: the one recorded for it (describe-effective-policy output kept beside the
// bundle), when there is one.

/** DescribeEffectivePolicy's EffectivePolicy (API_EffectivePolicy.html). */
export interface EffectivePolicyShape {
  /** The effective policy, as JSON text. */
  PolicyContent: string;
  /** When the effective policy last changed (ISO 8601). */
  LastUpdatedTimestamp: string;
  /** The account. */
  TargetId: string;
  /** The policy type. */
  PolicyType: ManagementPolicyType;
}

/** ListEffectivePolicyValidationErrors' EffectivePolicyValidationError (API_EffectivePolicyValidationError.html). */
export interface EffectivePolicyValidationErrorShape {
  ErrorCode: string;
  ErrorMessage: string;
  PathToError: string;
  ContributingPolicies: string[];
}

/** The answer: the effective policy (possibly the last valid one), or AWS's exception; with the merge's errors. */
export type DescribeEffectivePolicyOutcome =
  | { ok: true; effectivePolicy: EffectivePolicyShape; keptLastValid: boolean; validationErrors: EffectivePolicyValidationErrorShape[] }
  | { ok: false; error: { code: string; message: string }; validationErrors: EffectivePolicyValidationErrorShape[] };

/** What describeEffectivePolicy needs besides the design. */
export interface DescribeEffectivePolicyInput {
  /** The 12-digit account id (TargetId). */
  targetId: string;
  /** The management policy type. */
  type: ManagementPolicyType;
  /** The account's effective policies as last described (the last valid ones AWS keeps using). */
  recorded?: readonly EffectivePolicyShape[];
  /** The time of this computation, for LastUpdatedTimestamp when the effective policy differs from the recorded one. */
  now: Date;
}

/** DescribeEffectivePolicy for an account of a design. Never throws for AWS-level problems: they come back as errors. */
export function describeEffectivePolicy(design: InterchangeDesign, input: DescribeEffectivePolicyInput): DescribeEffectivePolicyOutcome {
  const { targetId, type } = input;
  const fail = (code: string, message: string, validationErrors: EffectivePolicyValidationErrorShape[] = []): DescribeEffectivePolicyOutcome =>
    ({ ok: false, error: { code, message }, validationErrors });
  if (!design.organization || !design.root) {
    return fail('AWSOrganizationsNotInUseException', 'The bundle holds no organization: DescribeEffectivePolicy needs an account that is a member of one.');
  }
  if (targetId === design.root.awsId || design.ous.some((ou) => ou.awsId === targetId)) {
    return fail('InvalidInputException', `${targetId} is ${targetId === design.root.awsId ? 'the root' : 'an OU'}: specifying an organization root or organizational unit (OU) as the target is not supported; give an account id.`);
  }
  const account = design.accounts.find((candidate) => candidate.accountId === targetId && candidate.parentId !== null);
  if (!account) return fail('TargetNotFoundException', `There is no account ${targetId} in the organization.`);

  const recorded = input.recorded?.find((entry) => entry.TargetId === targetId && entry.PolicyType === type);
  const typeEnabled = design.root.policyTypes.some((entry) => entry.type === type && entry.status !== 'PENDING_ENABLE');
  const chain = typeEnabled ? chainOf(design, account.accountId, account.name, type) : [];
  if (!typeEnabled || chain.every((level) => level.policies.length === 0)) {
    return fail('EffectivePolicyNotFoundException',
      `Account ${targetId} has no effective ${type}: ${typeEnabled ? 'no policy of that type is attached to it or to any root or OU above it' : `${type} is not enabled on the root`}.`);
  }

  const result = computeEffectivePolicy(type, chain, recorded ? { previous: asPrevious(recorded, type) } : {});
  if (result.ok) {
    const content = JSON.stringify(result.effective);
    const unchanged = recorded !== undefined && sameJson(recorded.PolicyContent, content);
    return {
      ok: true,
      effectivePolicy: {
        PolicyContent: content,
        LastUpdatedTimestamp: unchanged ? recorded.LastUpdatedTimestamp : input.now.toISOString(),
        TargetId: targetId,
        PolicyType: type,
      },
      keptLastValid: false,
      validationErrors: [],
    };
  }
  const validationErrors = result.errors.map((error) => toValidationError(error, chain));
  if (result.reason === 'invalid-effective-policy' && recorded) {
    return { ok: true, effectivePolicy: recorded, keptLastValid: true, validationErrors };
  }
  if (result.reason === 'invalid-effective-policy') {
    return fail('EffectivePolicyNotFoundException',
      `The policies attached along account ${targetId}'s path merge into an invalid ${type} and no earlier valid effective policy is recorded for it.`,
      validationErrors);
  }
  // An attached document AWS would have refused at CreatePolicy, or a broken chain: the bundle itself is wrong.
  return fail('InvalidInputException', result.errors.map((error) => error.message).join(' '), validationErrors);
}

/** The account's path, root first, with the policies of the type attached at each level (bundle order). */
function chainOf(design: InterchangeDesign, accountId: string, accountName: string, type: ManagementPolicyType): ManagementChainLevel[] {
  const ouById = new Map(design.ous.map((ou) => [ou.awsId, ou]));
  const levels: { targetId: string; targetName: string; kind: ManagementChainLevel['kind'] }[] = [{ targetId: accountId, targetName: accountName, kind: 'account' }];
  let parent = design.accounts.find((candidate) => candidate.accountId === accountId)?.parentId ?? null;
  while (parent !== null && parent !== undefined) {
    const ou = ouById.get(parent);
    if (!ou) break;
    levels.unshift({ targetId: ou.awsId, targetName: ou.name, kind: 'ou' });
    parent = ou.parentId;
  }
  levels.unshift({ targetId: design.root!.awsId, targetName: design.root!.name, kind: 'root' });
  const ofType = design.policies.filter((policy) => policy.type === type);
  return levels.map((level) => ({
    ...level,
    policies: ofType
      .filter((policy) => policy.targetIds.includes(level.targetId))
      .map((policy) => ({ id: policy.awsId, name: policy.name, content: policy.content })),
  }));
}

function asPrevious(recorded: EffectivePolicyShape, type: ManagementPolicyType): EffectivePolicySuccess {
  return {
    ok: true, type, targetId: recorded.TargetId, effective: JSON.parse(recorded.PolicyContent) as EffectivePolicySuccess['effective'],
    contributions: [], ignored: [], restrictions: [], warnings: [],
  };
}

function toValidationError(error: EffectivePolicyError, chain: readonly ManagementChainLevel[]): EffectivePolicyValidationErrorShape {
  // The policies that contributed: the one the error names, else every policy of the chain (a missing element is
  // the absence of a contribution from all of them).
  const contributing = error.policyId ? [error.policyId] : chain.flatMap((level) => level.policies.map((policy) => policy.id));
  return { ErrorCode: error.code, ErrorMessage: error.message, PathToError: error.path, ContributingPolicies: contributing };
}

/** True when two JSON texts hold the same value, whatever the key order and spacing. */
function sameJson(a: string, b: string): boolean {
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return false;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The bundle's optional "EffectivePolicies" section: what `aws organizations describe-effective-policy` printed for
 * accounts ({"EffectivePolicy": {...}} or the bare EffectivePolicy). Returns the entries, or the problems found.
 */
export function readRecordedEffectivePolicies(bundle: unknown): { ok: true; policies: EffectivePolicyShape[] } | { ok: false; problems: string[] } {
  const section = bundle !== null && typeof bundle === 'object' ? (bundle as Record<string, unknown>).EffectivePolicies : undefined;
  if (section === undefined || section === null) return { ok: true, policies: [] };
  if (!Array.isArray(section)) return { ok: false, problems: ['$.EffectivePolicies: expected an array of describe-effective-policy outputs'] };
  const policies: EffectivePolicyShape[] = [];
  const problems: string[] = [];
  section.forEach((entry: unknown, i) => {
    const path = `$.EffectivePolicies[${i}]`;
    const outer = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
    const item = (outer && typeof outer.EffectivePolicy === 'object' && outer.EffectivePolicy !== null ? outer.EffectivePolicy : outer) as Record<string, unknown> | undefined;
    if (!item) {
      problems.push(`${path}: expected {"EffectivePolicy": {PolicyContent, LastUpdatedTimestamp, TargetId, PolicyType}}`);
      return;
    }
    const { PolicyContent: content, TargetId: target, PolicyType: type } = item;
    const stamp = typeof item.LastUpdatedTimestamp === 'number' ? new Date(item.LastUpdatedTimestamp * 1000).toISOString() : item.LastUpdatedTimestamp;
    if (typeof content !== 'string' || !isJsonObject(content)) problems.push(`${path}.PolicyContent: expected the effective policy as JSON text`);
    else if (typeof target !== 'string' || !/^\d{12}$/.test(target)) problems.push(`${path}.TargetId: expected a 12-digit account id`);
    else if (typeof type !== 'string' || !isManagementPolicyType(type)) problems.push(`${path}.PolicyType: expected TAG_POLICY, BACKUP_POLICY, AISERVICES_OPT_OUT_POLICY, S3_POLICY or DECLARATIVE_POLICY_EC2`);
    else if (typeof stamp !== 'string' || Number.isNaN(Date.parse(stamp))) problems.push(`${path}.LastUpdatedTimestamp: expected a timestamp`);
    else policies.push({ PolicyContent: content, LastUpdatedTimestamp: new Date(stamp).toISOString(), TargetId: target, PolicyType: type });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policies };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
