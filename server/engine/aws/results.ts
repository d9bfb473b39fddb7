// Engine results in the response shape of `aws iam simulate-principal-policy` (EvaluationResults), plus the
// engine's own trace under "LzsimTrace". Field names and values follow the IAM API reference's EvaluationResult,
// Statement, OrganizationsDecisionDetail and PermissionsBoundaryDecisionDetail types.

import type { AuthzRequest, EvaluationResult, LayerTrace, MatchedStatement, OverriddenContextEntry, ReasonCode } from '../types';

/** Statement.SourcePolicyType as the IAM API names it. */
export type AwsSourcePolicyType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** One matched statement in AWS's shape. */
export interface AwsMatchedStatement {
  /** Policy identifier (our policy id: managed policy ARN, "user/NAME/inline/POLICY", resource ARN, ...). */
  SourcePolicyId: string;
  /** Policy type. */
  SourcePolicyType: AwsSourcePolicyType;
  /** Where the statement starts in the policy text, when the policy was given as text. */
  StartPosition?: { Line: number; Column: number };
}

/** One EvaluationResult in AWS's shape, with the engine's trace. */
export interface AwsEvaluationResult {
  /** The action evaluated. */
  EvalActionName: string;
  /** The resource evaluated ("*" when none). */
  EvalResourceName: string;
  /** allowed, explicitDeny or implicitDeny. */
  EvalDecision: EvaluationResult['decision'];
  /** Identity-based and resource-side statements that matched. */
  MatchedStatements: AwsMatchedStatement[];
  /** Condition keys the applicable statements read but the request context lacked. */
  MissingContextValues: string[];
  /** Whether SCPs allowed the request (true when SCPs do not apply). */
  OrganizationsDecisionDetail: { AllowedByOrganizations: boolean };
  /** Whether the permissions boundary allowed the request (true when there is none). */
  PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: boolean };
  /** Cross-account: the verdict of each side; same account with a resource ARN: empty; resource "*" or an SCP deny: absent. */
  EvalDecisionDetails?: Record<string, EvaluationResult['decision']>;
  /** For a specific resource ARN (not "*"): the per-resource result, where AWS reports missing context keys. */
  ResourceSpecificResults?: AwsResourceSpecificResult[];
  /** The engine's explanation: reasons, a sentence, and the layer-by-layer trace. */
  LzsimTrace: {
    reasons: ReasonCode[]; summary: string; conditionDependent: boolean; layers: LayerTrace[];
    /** ContextEntries for keys AWS sets itself that were not evaluated as supplied (present only when there are some). */
    overriddenContext?: OverriddenContextEntry[];
  };
}

/** ResourceSpecificResult as the IAM API names it. */
export interface AwsResourceSpecificResult {
  /** The resource ARN. */
  EvalResourceName: string;
  /** The decision for this resource. */
  EvalResourceDecision: EvaluationResult['decision'];
  /** Statements that determined it. */
  MatchedStatements: AwsMatchedStatement[];
  /** Condition keys the applicable statements read but the request context lacked. */
  MissingContextValues: string[];
  /** Same rules as the top-level EvalDecisionDetails. */
  EvalDecisionDetails?: Record<string, EvaluationResult['decision']>;
  /** Whether the permissions boundary allowed the request. */
  PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: boolean };
}

/** The whole simulate-principal-policy response. */
export interface AwsSimulateResponse {
  /** One result per (action, resource) pair, in request order. */
  EvaluationResults: AwsEvaluationResult[];
  /** Always false: the engine returns every result at once. */
  IsTruncated: false;
}

/** Convert evaluated requests into AWS's EvaluationResults response shape. */
export function toEvaluationResults(items: readonly { request: AuthzRequest; result: EvaluationResult }[]): AwsSimulateResponse {
  return { EvaluationResults: items.map(({ request, result }) => toEvaluationResult(request, result)), IsTruncated: false };
}

/** Convert one evaluated request. */
export function toEvaluationResult(request: AuthzRequest, result: EvaluationResult): AwsEvaluationResult {
  const matched = matchedStatements(result);
  const scpLevels = result.trace.filter((layer) => layer.layer === 'scp');
  const allowedByOrganizations = scpLevels.every((layer) => layer.outcome === 'allow' || layer.outcome === 'notApplicable');
  const boundary = result.trace.find((layer) => layer.layer === 'boundary');
  const boundaryDetail = { AllowedByPermissionsBoundary: boundary === undefined || boundary.outcome === 'allow' };
  const missing = result.missingContextValues ?? [];
  const details = decisionDetails(request, result);
  const specific = request.resource !== '*';
  const output: AwsEvaluationResult = {
    EvalActionName: request.action,
    EvalResourceName: request.resource,
    EvalDecision: result.decision,
    MatchedStatements: matched,
    // The simulator reports missing keys here only for "*"; for an ARN they go under ResourceSpecificResults.
    MissingContextValues: specific ? [] : missing,
    OrganizationsDecisionDetail: { AllowedByOrganizations: allowedByOrganizations },
    PermissionsBoundaryDecisionDetail: boundaryDetail,
    LzsimTrace: { reasons: result.reasons, summary: result.summary, conditionDependent: result.conditionDependent, layers: result.trace },
  };
  if (result.overriddenContext.length > 0) output.LzsimTrace.overriddenContext = result.overriddenContext;
  if (details) output.EvalDecisionDetails = details;
  if (specific) {
    const perResource: AwsResourceSpecificResult = {
      EvalResourceName: request.resource,
      EvalResourceDecision: result.decision,
      MatchedStatements: matched,
      MissingContextValues: missing,
      PermissionsBoundaryDecisionDetail: boundaryDetail,
    };
    if (details) perResource.EvalDecisionDetails = details;
    output.ResourceSpecificResults = [perResource];
  }
  return output;
}

/**
 * The statements that determined the result: for an explicit deny only the Deny statements (the API reference:
 * "the deny statement is the only entry included in the result"), otherwise the Allow statements. SCP and RCP
 * statements are summarised by OrganizationsDecisionDetail, as the simulator does, not listed.
 */
function matchedStatements(result: EvaluationResult): AwsMatchedStatement[] {
  const effect = result.decision === 'explicitDeny' ? 'Deny' : 'Allow';
  const matched: AwsMatchedStatement[] = [];
  for (const layer of result.trace) {
    const type = layerSourceType(layer.layer);
    if (type === undefined) continue;
    for (const statement of layer.matched) {
      if (statement.effect !== effect) continue;
      const entry: AwsMatchedStatement = { SourcePolicyId: statement.policyId, SourcePolicyType: sourceTypeOf(statement, type) };
      if (statement.position) entry.StartPosition = { Line: statement.position.line, Column: statement.position.column };
      matched.push(entry);
    }
  }
  return matched;
}

function layerSourceType(layer: LayerTrace['layer']): 'identity' | 'resource' | undefined {
  if (layer === 'identity' || layer === 'boundary' || layer === 'session') return 'identity';
  // A VPC endpoint policy is a resource-based policy (vpc-endpoints-access.html).
  if (layer === 'resource' || layer === 'trust' || layer === 'keyPolicy' || layer === 'vpcEndpoint') return 'resource';
  return undefined;
}

function sourceTypeOf(statement: MatchedStatement, side: 'identity' | 'resource'): AwsSourcePolicyType {
  if (side === 'resource') return 'resource';
  const id = statement.policyId;
  if (/^arn:[^:]+:iam::aws:policy\//.test(id)) return 'aws-managed';
  if (id.startsWith('arn:')) return 'user-managed';
  if (id.startsWith('user/')) return 'user';
  if (id.startsWith('group/')) return 'group';
  if (id.startsWith('role/')) return 'role';
  return 'none';
}

/**
 * EvalDecisionDetails per the API reference: for cross-account requests, how each side decided; present but empty
 * for a same-account request on a resource ARN; absent for resource "*" and when an SCP denied (the simulation
 * stops there). AWS does not document the key names; the engine uses "IdentityPolicy" and "ResourcePolicy".
 */
function decisionDetails(request: AuthzRequest, result: EvaluationResult): Record<string, EvaluationResult['decision']> | undefined {
  if (request.resource === '*') return undefined;
  if (result.trace.some((layer) => layer.layer === 'scp' && layer.outcome === 'deny')) return undefined;
  const principalAccount = result.context.find((entry) => entry.key === 'aws:PrincipalAccount')?.values[0];
  const resourceAccount = result.context.find((entry) => entry.key === 'aws:ResourceAccount')?.values[0];
  if (principalAccount === undefined || principalAccount === resourceAccount) return {};
  const identity = result.trace.find((layer) => layer.layer === 'identity');
  const resourceSide = result.trace.find((layer) => layer.layer === 'resource' || layer.layer === 'trust' || layer.layer === 'keyPolicy');
  return {
    IdentityPolicy: verdictOf(identity?.outcome),
    ResourcePolicy: verdictOf(resourceSide?.outcome),
  };
}

function verdictOf(outcome: LayerTrace['outcome'] | undefined): EvaluationResult['decision'] {
  if (outcome === 'deny') return 'explicitDeny';
  return outcome === 'allow' ? 'allowed' : 'implicitDeny';
}
