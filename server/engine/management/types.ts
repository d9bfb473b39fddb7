// The data model of management policies (tag, backup, AI services opt-out, Amazon S3, EC2) and of their effective policies.
// Management policies grant nothing: AWS merges the documents attached along an account's path with the inheritance
// operators into one effective policy (what DescribeEffectivePolicy returns).
// Spec: docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html

/** The management policy types this engine merges, spelled as the Organizations API spells them. */
export type ManagementPolicyType = 'TAG_POLICY' | 'BACKUP_POLICY' | 'AISERVICES_OPT_OUT_POLICY' | 'S3_POLICY' | 'DECLARATIVE_POLICY_EC2';

/** The value-setting inheritance operators. */
export type ValueOperator = '@@assign' | '@@append' | '@@remove';

/** A JSON value as it appears in a policy or an effective policy. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A management policy attached to one level of the chain. */
export interface ManagementPolicyInput {
  /** Policy id, e.g. "p-95ouxxxx". */
  id: string;
  /** Display name. */
  name: string;
  /** The document exactly as submitted (JSON text). */
  content: string;
}

/** One level of an account's path: the root, an OU, or the account itself, with what is attached there. */
export interface ManagementChainLevel {
  /** Root, OU or account id. */
  targetId: string;
  /** Display name of the target. */
  targetName: string;
  /** What the target is. */
  kind: 'root' | 'ou' | 'account';
  /** Policies of the requested type attached to this target, in the order they were attached (first attached first). */
  policies: ManagementPolicyInput[];
}

/** Which policy, attached where, did something to the effective policy. */
export interface PolicyOrigin {
  /** Policy id. */
  policyId: string;
  /** Policy display name. */
  policyName: string;
  /** The root, OU or account the policy is attached to. */
  targetId: string;
  /** Display name of that target. */
  targetName: string;
  /** Kind of that target. */
  kind: 'root' | 'ou' | 'account';
  /** Zero-based position of the level in the chain (0 = root). */
  level: number;
}

/** One value-setting operation that reached a setting, in the order it was applied. */
export interface AppliedOperation {
  /** The policy that carried it. */
  origin: PolicyOrigin;
  /** The operator; a plain value written without an operator counts as @@assign. */
  operator: ValueOperator;
  /** The operand as written in the policy. */
  operand: JsonValue;
}

/** Where one setting of the effective policy came from (for the UI's "came from" view). */
export interface SettingContribution {
  /** JSONPath of the setting in the effective policy, e.g. "$.tags.costcenter.tag_value". */
  path: string;
  /** The setting's final value. */
  value: JsonValue;
  /** The policy whose operation last changed the value. */
  from: PolicyOrigin;
  /** Every operation applied to the setting, in order (ignored ones are listed in `ignored`, not here). */
  history: AppliedOperation[];
}

/** Why an operation in a policy had no effect. */
export type IgnoredReason =
  /** A parent policy's @@operators_allowed_for_child_policies does not allow this operator here. */
  | 'operator-not-allowed-for-child'
  /** Another policy attached earlier to the same target already set this value: the first attached wins. */
  | 'same-level-conflict';

/** An operation that AWS ignores when it merges the effective policy. */
export interface IgnoredOperation {
  /** JSONPath of the setting (or of the key a child tried to add) in the effective policy. */
  path: string;
  /** The operator that was ignored; "add" when a child tried to add a key under a locked node. */
  operator: ValueOperator | 'add';
  /** The policy that carried it. */
  origin: PolicyOrigin;
  /** Why it was ignored. */
  reason: IgnoredReason;
  /** The policies whose child control operators (or earlier same-level value) caused it. */
  blockedBy: PolicyOrigin[];
  /** A sentence for people. */
  message: string;
}

/** A child control restriction in force at a node of the effective policy after the whole chain. */
export interface ChildRestriction {
  /** JSONPath of the node it is attached to; it covers the node and everything under it. */
  path: string;
  /** The value-setting operators policies below may still use there (empty = @@none). */
  allowed: ValueOperator[];
  /** The policies that set it (their sets intersect). */
  setBy: PolicyOrigin[];
}

/** A problem that stops AWS from producing the effective policy. */
export interface EffectivePolicyError {
  /** Machine code (AWS's exception name where AWS has one). */
  code: string;
  /** A sentence for people naming the problem. */
  message: string;
  /** JSONPath of the element concerned ("$" when it concerns the whole document). */
  path: string;
  /** The policy concerned, when the problem is in one attached document. */
  policyId?: string;
  /** The root, OU or account concerned. */
  targetId?: string;
}

/** The merged effective policy as DescribeEffectivePolicy returns it, with where each value came from. */
export interface EffectivePolicySuccess {
  /** Valid merge. */
  ok: true;
  /** The policy type merged. */
  type: ManagementPolicyType;
  /** The account (last level of the chain) the effective policy applies to. */
  targetId: string;
  /** The effective policy: operators removed, final values only. */
  effective: JsonObject;
  /** Where each setting came from. */
  contributions: SettingContribution[];
  /** Operations AWS ignores (blocked by child control operators or losing a same-level conflict). */
  ignored: IgnoredOperation[];
  /** Child control restrictions in force at the end of the chain. */
  restrictions: ChildRestriction[];
  /** Non-blocking remarks on the attached documents (e.g. an AI service name this tool does not know). */
  warnings: EffectivePolicyError[];
}

/** Why no effective policy could be produced. */
export type EffectivePolicyFailureReason =
  /** An attached document is not a valid policy of this type (AWS would have refused it at create time). */
  | 'invalid-policy'
  /** The documents are valid alone but their merge is not (e.g. a backup plan without a vault): AWS reports it and keeps the last valid effective policy. */
  | 'invalid-effective-policy'
  /** No policy of this type applies to the account (AWS: EffectivePolicyNotFoundException). */
  | 'not-found'
  /** The request itself is wrong: unknown type, empty or disordered chain, or a chain that does not end at an account. */
  | 'invalid-input';

/** No usable effective policy: the caller keeps its previous one (passed back as lastValid when it gave it). */
export interface EffectivePolicyFailure {
  /** Failed. */
  ok: false;
  /** The policy type requested. */
  type: ManagementPolicyType;
  /** The last level's id, when there is one. */
  targetId?: string;
  /** Which kind of failure. */
  reason: EffectivePolicyFailureReason;
  /** What is wrong; at least one. */
  errors: EffectivePolicyError[];
  /** For 'invalid-effective-policy': the merged document AWS refused, to show the user what is missing. */
  merged?: JsonObject;
  /** For 'invalid-effective-policy': where the merged values came from. */
  contributions?: SettingContribution[];
  /** For 'invalid-effective-policy': operations that were ignored during the merge. */
  ignored?: IgnoredOperation[];
  /** The previous valid effective policy the caller supplied: what the account keeps using. */
  lastValid?: EffectivePolicySuccess;
}

/** The outcome of computing an account's effective management policy. */
export type EffectivePolicyResult = EffectivePolicySuccess | EffectivePolicyFailure;

/** Size quotas (characters, whitespace included) per management policy type, overriding the defaults. */
export type ManagementPolicyQuotas = Partial<Record<ManagementPolicyType, number>>;

/** Options for validateManagementPolicy. */
export interface ValidateManagementPolicyOptions {
  /** Size quotas to apply instead of the defaults (AWS changes them over time). */
  quotas?: ManagementPolicyQuotas;
}

/** Options for computeEffectivePolicy. */
export interface EffectivePolicyOptions {
  /** Size quotas to apply instead of the defaults. */
  quotas?: ManagementPolicyQuotas;
  /** The account's previous valid effective policy; returned as lastValid when the new merge fails. */
  previous?: EffectivePolicySuccess;
  /**
   * Merge a chain that ends at a root or OU (a preview of what its accounts inherit). DescribeEffectivePolicy itself
   * only accepts accounts, so this is off by default.
   */
  allowNonAccountTarget?: boolean;
}
