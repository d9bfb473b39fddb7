// The engine's public API: compile a world once, evaluate requests against it, read and write AWS shapes.
// Everything the DB services, the UI's API and the CLI need goes through this barrel.

export * from './types';
export { compileWorld, CompiledWorld, type CompiledOrgPolicy, type CompiledResourcePolicy } from './world/compile-world';
export { shareUnchanged } from './world/share-unchanged';
export { worldAccount } from './world/world-account';
export { evaluate, InvalidSessionTagsError } from './evaluate/evaluate';
export { EC2_POLICY_ATTRIBUTE_RULE, S3_RESTRICT_PUBLIC_BUCKETS_RULE, SERVICE_RULES, SESSION_TAG_RULES, SERVICE_RULE_SURVEY, type ServiceRule, type ServiceRuleEffect, type ServiceRuleSurveyEntry } from './service-rules/rules';
export { resolveSessionTags, SESSION_TAG_LIMITS, type SessionTag, type SessionTagsResult } from './world/session-tags';
export { explainConditions, type ClauseOutcome } from './evaluate/explain-conditions';
export { UnknownPrincipalError } from './world/errors';
export { DEFAULT_SESSION_NAME, type ResolvedPrincipal } from './world/principals';
export type { PolicyLevel, AccountPlacement } from './world/org-chain';
export type { CompiledPolicy, CompiledDocument, GrantKind } from './world/compiled-types';
export { parsePolicy, type ParsedPolicy } from './policy/parse';
export { validatePolicy, type ValidatePolicyOptions } from './policy/validate';
export { bundleToWorld, readAwsBundle, designToWorld, BUNDLE_SECTIONS, type BundleResult, type BundleReadResult, type BundleProblem, type BundleSection } from './aws/bundle';
export {
  CALLER_ARN_REQUIRED, CALLER_ARN_USER_ONLY, callerArnRequiredError, simulateInputToRequests, unknownPrincipalPath, type SimulateInputResult,
} from './aws/simulate-input';
export { toEvaluationResult, toEvaluationResults, type AwsEvaluationResult, type AwsSimulateResponse } from './aws/results';
export type { InputError } from './aws/json-checks';
export { scpActionMatrix, MatrixInputError, type ScpActionMatrix, type ScpActionMatrixOptions, type MatrixAction, type MatrixDecision, type MatrixDenial, type MatrixDependency, type MatrixLevel, type MatrixService, type MatrixCounts } from './analysis/scp-action-matrix';
export { namedServicePrincipals, type NamedServicePrincipal } from './analysis/named-service-principals';
export * from './access/types';
export { buildAccessGraph, updateAccessGraph, outgoingEdges, allEdges, nonIamNodeId, type AccessGraph, type AccessGraphStats } from './access/access-graph';
export { whoCanReachRole, whatCanPrincipalReach, whoCanDo, pathOf, DEFAULT_MAX_HOPS, type WhoCanQuery, type WhoCanResult } from './access/access-queries';
export { explainEdge, assumeRequest, CHAINED_SESSION_SECONDS } from './access/assume-edges';
export { externalAccessFindings, findingSummary, outsideAccessTo, resourceTypeOf, type ExternalAccessFinding, type ExternalAccessDetails, type ExternalAccessRule, type FindingResourceType, type FindingOptions } from './access/external-access-findings';
export { ANYONE_ACCOUNT, STAND_IN_PATH, type StandIn } from './access/external-stand-ins';
export * from './identity-center';
export {
  buildOrgMatrix, combineSides, categoryAt, OrgMatrix, CELL_CATEGORIES, type CellCategory, type ChainCells, type AccountCells, type OrgMatrixOptions, type OrgMatrixStats,
} from './analysis/org-matrix/org-matrix';
export { diffOrgMatrices, type OrgMatrixDiff, type ChainTransition, type ActionFlip, type ServiceFlips, type MatrixSide, type DiffOptions } from './analysis/org-matrix/matrix-diff';
export { actionIndexOf, type ActionIndex } from './analysis/org-matrix/action-index';
export {
  readOrganizationsCalls, applyOrganizationsCalls, ORGANIZATIONS_CALLS, type OrganizationsCall, type OrganizationsCallName, type CallError, type CallsResult, type AppliedCalls,
} from './analysis/impact/organizations-calls';
export { previewImpact, type ImpactPreview, type ImpactOptions, type PrincipalFlips } from './analysis/impact/preview-impact';
export { countRange, countBits, hasBit, type Bitset } from './analysis/org-matrix/bitset';
export { effectivePermissions, type EffectivePermissions, type EffectiveService, type EffectiveAction } from './analysis/impact/effective-permissions';
export { buildMigrationPlan, type MigrationPlanOptions } from './analysis/migration-plan/migration-plan';
export { applyPlanCall, type PlanCallError, type ApplyResult } from './analysis/migration-plan/apply-plan-call';
export type {
  MigrationPlan, PlanStep, PlanCall, PlanApi, EntityMatch, MatchMethod, StepImpact, PrincipalChange, Widening, UnplacedCall, PlanWarning, CreatedKind,
} from './analysis/migration-plan/types';
