// Engine results in the response shape of `aws iam simulate-principal-policy` (EvaluationResults), plus the
// engine's own trace under "LzsimTrace". Field names and values follow the IAM API reference's EvaluationResult,
// Statement, OrganizationsDecisionDetail and PermissionsBoundaryDecisionDetail types.

import type { AuthzRequest, EvaluationResult, LayerTrace, MatchedStatement, ReasonCode } from '../types';

/** Statement.SourcePolicyType as the IAM API names it. */
export type AwsSourcePolicyType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** One matched statement in AWS's shape. */
export interface AwsMatchedStatement {
  /** Policy identifier (our policy id: managed policy ARN, "user/NAME/inline/POLICY", resource ARN, ...). */
  SourcePolicyId: string;
  /** Policy type. */
  SourcePolicyType: AwsSourcePolicyType;
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
  /** For cross-account requests: the verdict of each side, as AWS reports it for resource-based policies. */
  EvalDecisionDetails?: Record<string, EvaluationResult['decision']>;
  /** The engine's explanation: reasons, a sentence, and the layer-by-layer trace. */
  LzsimTrace: { reasons: ReasonCode[]; summary: string; conditionDependent: boolean; layers: LayerTrace[] };
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
  const matched: AwsMatchedStatement[] = [];
  for (const layer of result.trace) {
    const type = layerSourceType(layer.layer);
    if (type === undefined) continue;
    for (const statement of layer.matched) matched.push({ SourcePolicyId: statement.policyId, SourcePolicyType: sourceTypeOf(statement, type) });
  }
  const scpLevels = result.trace.filter((layer) => layer.layer === 'scp');
  const allowedByOrganizations = scpLevels.every((layer) => layer.outcome === 'allow' || layer.outcome === 'notApplicable');
  const boundary = result.trace.find((layer) => layer.layer === 'boundary');
  const output: AwsEvaluationResult = {
    EvalActionName: request.action,
    EvalResourceName: request.resource,
    EvalDecision: result.decision,
    MatchedStatements: matched,
    MissingContextValues: result.missingContextValues ?? [],
    OrganizationsDecisionDetail: { AllowedByOrganizations: allowedByOrganizations },
    PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: boundary === undefined || boundary.outcome === 'allow' },
    LzsimTrace: { reasons: result.reasons, summary: result.summary, conditionDependent: result.conditionDependent, layers: result.trace },
  };
  const details = crossAccountDetails(result);
  if (details) output.EvalDecisionDetails = details;
  return output;
}

function layerSourceType(layer: LayerTrace['layer']): 'identity' | 'resource' | undefined {
  if (layer === 'identity' || layer === 'boundary' || layer === 'session') return 'identity';
  if (layer === 'resource' || layer === 'trust' || layer === 'keyPolicy') return 'resource';
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
 * AWS fills EvalDecisionDetails for simulations that involve a resource-based policy, keyed by policy kind.
 * Reported here when the trace holds an applicable resource-side layer.
 */
function crossAccountDetails(result: EvaluationResult): Record<string, EvaluationResult['decision']> | undefined {
  const resourceSide = result.trace.find((layer) => (layer.layer === 'resource' || layer.layer === 'trust' || layer.layer === 'keyPolicy') && layer.outcome !== 'notApplicable');
  if (!resourceSide) return undefined;
  const identity = result.trace.find((layer) => layer.layer === 'identity');
  return {
    IdentityPolicy: verdictOf(identity?.outcome),
    ResourcePolicy: verdictOf(resourceSide.outcome),
  };
}

function verdictOf(outcome: LayerTrace['outcome'] | undefined): EvaluationResult['decision'] {
  if (outcome === 'deny') return 'explicitDeny';
  return outcome === 'allow' ? 'allowed' : 'implicitDeny';
}
