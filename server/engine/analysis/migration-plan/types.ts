// The shapes of a migration plan: the calls that turn a live organization into a design, how each entity of the
// design was matched to the live one, and what each step does to access.

import type { ManagementChange } from '../impact/management-change';
import type { ServiceFlips } from '../org-matrix/matrix-diff';

/** The AWS API a call belongs to (Account Management's PutAccountName is `account`). */
export type PlanApi = 'organizations' | 'iam' | 'account';

/** What kind of entity a created placeholder stands for. */
export type CreatedKind = 'ou' | 'policy' | 'account';

/**
 * One AWS API call in its request shape. Ids of entities the plan itself creates are placeholders (listed in
 * `creates` of the call that creates them, and in the plan's `created`): the script keeps the new id in a shell
 * variable, a replay maps them to the ids it gets back.
 */
export interface PlanCall {
  /** The API. */
  api: PlanApi;
  /** The operation, as AWS names it (CreateOrganizationalUnit, AttachRolePolicy, ...). */
  operation: string;
  /** For IAM: the 12-digit account the call runs in. */
  accountId?: string;
  /** The request, with AWS's parameter names. */
  input: Record<string, unknown>;
  /** The placeholder this call's new entity is known by in later calls. */
  creates?: { kind: CreatedKind; placeholder: string };
  /** What the call does, for people ("Create OU Payments under Workloads"). */
  summary: string;
}

/** How an entity of the design was found in the live organization. */
export type MatchMethod = 'id' | 'name' | 'email' | 'root' | 'new' | 'recreated' | 'removed';

/** One entity of the design (or of the live organization, for removed ones) and how it was matched. */
export interface EntityMatch {
  /** root, ou, account, policy (Organizations), iam-policy, role, user, group. */
  kind: 'root' | 'ou' | 'account' | 'policy' | 'iam-policy' | 'role' | 'user' | 'group';
  /** Its name (path of names for OUs: "Workloads/Prod"). */
  name: string;
  /** Id (or ARN) in the design; absent for live entities the design does not have. */
  designId?: string;
  /** Id (or ARN) in the live organization; absent for new entities. */
  liveId?: string;
  /** By which key; `recreated` is an OU whose parent changes (AWS has no MoveOrganizationalUnit). */
  method: MatchMethod;
}

/** A (principal, action) the step allows that neither the live organization nor the design allows. */
export interface Widening {
  /** Account (and principal, for principal-level findings). */
  accountId: string;
  /** aws:PrincipalArn, for principal-level findings. */
  principalArn?: string;
  /** SCP side (principals) or RCP side (resources), for account-level findings. */
  side?: 'scp' | 'rcp';
  /**
   * For assume-role findings: the role the principal may assume after the step, either a path that exists on neither
   * side (sample ["sts:AssumeRole"]) or a path through which it gains actions that neither side gives it.
   */
  roleArn?: string;
  /** For a role chain on neither side: the roles between the principal and roleArn, in order. */
  via?: string[];
  /** Number of actions widened. */
  actions: number;
  /** Some of them. */
  sample: string[];
}

/** The actions one principal gains or loses in a step (lists capped; counts complete). */
export interface PrincipalChange {
  /** aws:PrincipalArn of the user or role. */
  principalArn: string;
  /** Its account. */
  accountId: string;
  /** Actions allowed after the step and not before (resource "*", the assumed context). */
  gained: string[];
  /** Actions allowed before the step and not after. */
  lost: string[];
  /** How many gained. */
  gainedCount: number;
  /** How many lost. */
  lostCount: number;
}

/** What one step does to access: flipped cells of the org-wide matrix and the principals that gain or lose actions. */
export interface StepImpact {
  /** Flipped (account, action) cells, both sides. */
  changedCells: number;
  /** Accounts with a flipped cell. */
  changedAccounts: number;
  /** Flips per service. */
  services: ServiceFlips[];
  /** Principals that gain or lose actions (resource "*", the assumed context). */
  principals: PrincipalChange[];
  /** True when not every principal could be judged within the evaluation budget. */
  principalsTruncated: boolean;
}

/** One step of the plan. */
export interface PlanStep extends PlanCall {
  /** 1-based position. */
  index: number;
  /** What the step does to access; absent for steps that cannot change any decision (create an empty OU, tag). */
  impact?: StepImpact;
  /** Accounts whose effective tag, backup or AI opt-out policy the step changes. */
  managementChanges?: ManagementChange[];
  /** Access the step grants that neither the live organization nor the design grants (empty when safe). */
  widens: Widening[];
  /** Why the step sits where it is, when an AWS rule or the no-widening rule placed it. */
  note?: string;
}

/** A call the plan could not place: AWS would refuse it in every order the plan tried. */
export interface UnplacedCall extends PlanCall {
  /** AWS's error for it in the final state. */
  awsCode: string;
  /** Why. */
  message: string;
}

/** A difference the plan cannot express as API calls, for people to handle. */
export interface PlanWarning {
  /** What it is about. */
  subject: string;
  /** What to do. */
  message: string;
}

/** The ordered calls that turn a live organization into a design. */
export interface MigrationPlan {
  /** Steps in order. */
  steps: PlanStep[];
  /** How each entity was matched. */
  matches: EntityMatch[];
  /** Placeholder → the step creating it. */
  created: { placeholder: string; kind: CreatedKind; step: number; name: string }[];
  /** Calls no order made valid. */
  unplaced: UnplacedCall[];
  /** Differences left to people. */
  warnings: PlanWarning[];
  /** Steps whose result allows something neither side allows. */
  wideningSteps: number;
  /** The live organization's id, and the management account. */
  organizationId: string | null;
}
