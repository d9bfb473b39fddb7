// Simulation schemas shared by the API and the browser: requests in the engine's AuthzRequest shape, and the
// engine's EvaluationResult. This module imports only zod.
import { z } from 'zod';
import { designIdSchema } from './design';

/** Most requests one batch may carry (the effective-permission graph sends one per account and action). */
export const MAX_SIMULATION_BATCH = 10_000;

const contextValueTypes = [
  'string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList',
  'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList',
] as const;

/** A caller-supplied request context entry (simulate-principal-policy's ContextEntries, lower-case names). */
export const contextEntrySchema = z.object({
  key: z.string().min(1),
  values: z.array(z.string()),
  type: z.enum(contextValueTypes),
});

/** A session tag as AssumeRole takes it (1-128 character key, 0-256 character value). */
const sessionTagSchema = z.object({ key: z.string().min(1).max(128), value: z.string().max(256) });

/** One request: who, what, on which resource, with which context, session policy and session tags. */
export const simulationRequestSchema = z.object({
  principalArn: z.string().trim().min(1, { error: 'principalArn is required.' }),
  action: z.string().trim().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, { error: 'action must read "service:Action".' }),
  resource: z.string().trim().min(1).default('*'),
  resourceAccount: z.string().regex(/^\d{12}$/).optional(),
  context: z.array(contextEntrySchema).default([]),
  /** A session policy as JSON text. */
  sessionPolicy: z.string().optional(),
  /** Session tags passed to the AssumeRole call that created the session (AssumeRole's Tags). */
  sessionTags: z.array(sessionTagSchema).max(50).optional(),
  /** The AssumeRole calls before it when the session comes from role chaining, oldest first. */
  roleChain: z.array(z.object({
    roleArn: z.string().regex(/^arn:[^:]+:iam::\d{12}:role\//, { error: 'roleArn must be a role ARN.' }),
    tags: z.array(sessionTagSchema).max(50).default([]),
    transitiveTagKeys: z.array(z.string().min(1).max(128)).max(50).default([]),
  })).optional(),
});
/** A simulation request as the API accepts it. */
export type SimulationRequest = z.infer<typeof simulationRequestSchema>;

/** Input of simulation.simulate. */
export const simulateInputSchema = z.object({ designId: designIdSchema, request: simulationRequestSchema });
/** Input of simulation.simulateBatch. */
export const simulateBatchInputSchema = z.object({
  designId: designIdSchema,
  requests: z.array(simulationRequestSchema).min(1).max(MAX_SIMULATION_BATCH),
});

/** Which principal to place in every account for simulation.acrossAccounts. */
export const accountPrincipalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('root') }),
  z.object({ kind: z.literal('role'), name: z.string().min(1), path: z.string().default('/') }),
  z.object({ kind: z.literal('user'), name: z.string().min(1), path: z.string().default('/') }),
]);

/** Input of simulation.acrossAccounts: the same request made by "a principal in account X" for every member account. */
export const acrossAccountsInputSchema = z.object({
  designId: designIdSchema,
  principal: accountPrincipalSchema,
  action: simulationRequestSchema.shape.action,
  /** The resource; "${AccountId}" is replaced by each account's id (e.g. "arn:aws:s3:::logs-${AccountId}"). */
  resource: z.string().trim().min(1).default('*'),
  context: z.array(contextEntrySchema).default([]),
  /** Session tags passed to the AssumeRole call that created each role's session (role principals only). */
  sessionTags: z.array(sessionTagSchema).max(50).optional(),
  /**
   * Transitive session tags the session inherited through role chaining (id_session-tags.html): sent to the engine as
   * an earlier AssumeRole call of the chain that set them transitive (role principals only).
   */
  transitiveSessionTags: z.array(sessionTagSchema).max(50).optional(),
  /** Restrict to these 12-digit account ids; every member account when absent. */
  accountIds: z.array(z.string().regex(/^\d{12}$/)).max(MAX_SIMULATION_BATCH).optional(),
});

const matchedStatementSchema = z.object({
  policyId: z.string(),
  policyName: z.string(),
  statementIndex: z.number().int(),
  sid: z.string().optional(),
  effect: z.enum(['Allow', 'Deny']),
  /** The Control Tower control behind the statement, for statements of aws-guardrails-* SCPs. */
  control: z.object({ identifier: z.string(), name: z.string() }).optional(),
});

/** The engine's decision for one request, with its trace. */
export const evaluationResultSchema = z.object({
  decision: z.enum(['allowed', 'explicitDeny', 'implicitDeny']),
  reasons: z.array(z.string()),
  summary: z.string(),
  trace: z.array(z.object({
    layer: z.string(),
    level: z.object({ targetId: z.string(), targetName: z.string(), kind: z.enum(['root', 'ou', 'account']) }).optional(),
    outcome: z.enum(['allow', 'deny', 'noMatch', 'notApplicable', 'applied']),
    note: z.string().optional(),
    matched: z.array(matchedStatementSchema),
    /** For layer "service": the documented service-specific rule that applied, with its AWS page. */
    rule: z.object({ id: z.string(), title: z.string(), doc: z.string() }).optional(),
  })),
  /** True exactly when missingContextValues is not empty. */
  conditionDependent: z.boolean(),
  context: z.array(contextEntrySchema),
  /** AWS's MissingContextValues: keys the request did not carry whose value could change the decision. */
  missingContextValues: z.array(z.string()),
  /** The request's entries for keys AWS sets itself that were not evaluated as supplied, each with its note. */
  overriddenContext: z.array(z.object({
    key: z.string(), supplied: z.array(z.string()), used: z.array(z.string()).optional(), note: z.string(),
  })),
});

/** Where the compiled world came from: the per-revision cache, or compiled for this revision. */
export const compiledWorldSourceSchema = z.enum(['cache', 'rebuilt', 'compiled']);

/** Output of simulation.simulate. */
export const simulateOutputSchema = z.object({
  revision: z.number().int(),
  worldSource: compiledWorldSourceSchema,
  result: evaluationResultSchema,
});

/** Output of simulation.simulateBatch: one entry per request, in order; an unknown principal is an entry error. */
export const simulateBatchOutputSchema = z.object({
  revision: z.number().int(),
  worldSource: compiledWorldSourceSchema,
  results: z.array(z.union([
    z.object({ ok: z.literal(true), result: evaluationResultSchema }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
  ])),
});

/** Output of simulation.acrossAccounts: one decision per account (null when the principal does not exist there). */
export const acrossAccountsOutputSchema = z.object({
  revision: z.number().int(),
  worldSource: compiledWorldSourceSchema,
  accounts: z.array(z.object({
    accountId: z.string(),
    accountName: z.string().optional(),
    parentId: z.string().optional(),
    principalArn: z.string(),
    resource: z.string(),
    decision: z.enum(['allowed', 'explicitDeny', 'implicitDeny']).nullable(),
    reasons: z.array(z.string()),
    summary: z.string(),
    conditionDependent: z.boolean(),
    /** AWS's MissingContextValues for this account's request. */
    missingContextValues: z.array(z.string()),
  })),
});
