// Access-graph schemas shared by the API and the browser: who can assume which role (nodes grouped by account and
// OU, edges labelled with the conditions they need), who-can answers with their paths, an edge's trust statement and
// trace, and external-access findings in IAM Access Analyzer's shape. This module imports only zod.
import { z } from 'zod';
import { designIdSchema } from './design';
import { contextEntrySchema, evaluationResultSchema } from './simulation';

/** Most edges one access-graph answer carries; filter by account, OU or principal to see the rest. */
export const ACCESS_GRAPH_EDGE_LIMIT = 1500;
/** Most who-can answers returned. */
export const WHO_CAN_ANSWER_LIMIT = 500;

const accountIdSchema = z.string().regex(/^\d{12}$/, { error: 'accountId must be a 12-digit AWS account id.' });
const arnSchema = z.string().trim().min(1).max(2048).regex(/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/, { error: 'Expected an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE).' });

/** Input of access.graph: the whole graph, or the part touching some accounts, an OU, or principals matching a text. */
export const accessGraphInputSchema = z.object({
  designId: designIdSchema,
  accountIds: z.array(accountIdSchema).max(5000).optional(),
  /** An OU (or root) id: accounts anywhere under it. */
  ouId: z.string().trim().min(1).max(80).optional(),
  /** Case-insensitive text matched against principal names and ARNs. */
  principal: z.string().trim().max(2048).optional(),
});

export const accessNodeKindSchema = z.enum([
  'user', 'role', 'external-account', 'external-principal', 'anyone', 'service', 'federated',
  'identity-center-user', 'identity-center-group', 'permission-set',
]);
const edgeConditionSchema = z.object({
  kind: z.enum(['externalId', 'mfa', 'mfaAge', 'organization', 'sourceIdentity', 'sessionTags', 'sessionName', 'source', 'other']),
  key: z.string(),
  values: z.array(z.string()),
  mustSupply: z.boolean(),
});

/** A node of the access graph. */
export const accessNodeSchema = z.object({
  id: z.string(),
  kind: accessNodeKindSchema,
  name: z.string(),
  accountId: z.string().optional(),
  inOrganization: z.boolean(),
});

/** An edge "from can assume to". */
export const accessEdgeSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  action: z.enum(['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'identitystore:GroupMembership', 'sso:AccountAssignment']),
  decision: z.enum(['allowed', 'conditional']),
  conditions: z.array(edgeConditionSchema),
  chained: z.boolean(),
  maxSessionSeconds: z.number().int(),
  evaluated: z.boolean(),
});

/** An account of the graph with its place in the organization (root first). */
export const accessAccountSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  inOrganization: z.boolean(),
  ouPath: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const accessGraphOutputSchema = z.object({
  revision: z.number().int(),
  nodes: z.array(accessNodeSchema),
  edges: z.array(accessEdgeSchema),
  accounts: z.array(accessAccountSchema),
  /** Edges matching the filter, before the limit. */
  totalEdges: z.number().int(),
  truncated: z.boolean(),
});

/** Input of access.edge: one edge's trust statement and the engine's trace. */
export const accessEdgeInputSchema = z.object({ designId: designIdSchema, edgeId: z.string().trim().min(1).max(5000) });

export const accessEdgeOutputSchema = z.object({
  edge: accessEdgeSchema,
  /** The role's trust policy as stored, and the statements the edge rests on. */
  trustPolicy: z.string(),
  statementIndexes: z.array(z.number().int()),
  /** The engine's result, replayed with the context the edge needs; absent for service and identity-provider edges. */
  result: evaluationResultSchema.optional(),
  suppliedContext: z.array(contextEntrySchema),
});

/** Input of access.whoCan: who can do an action on a resource, directly or through role chains. */
export const whoCanInputSchema = z.object({
  designId: designIdSchema,
  action: z.string().trim().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, { error: 'Action must look like service:Action, e.g. s3:GetObject.' }),
  resource: arnSchema,
  resourceAccount: accountIdSchema.optional(),
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'Region must look like eu-west-1.' }).optional(),
  maxHops: z.number().int().min(0).max(10).default(5),
});

const pathHopSchema = z.object({ hop: z.number().int(), maxSessionSeconds: z.number().int(), transitiveTagKeys: z.array(z.string()), edge: accessEdgeSchema });

/** A path through the graph. */
export const accessPathSchema = z.object({
  from: z.string(),
  to: z.string(),
  hopCount: z.number().int(),
  conditional: z.boolean(),
  hops: z.array(pathHopSchema),
});

const findingSchema = z.object({
  id: z.string(),
  resource: z.string(),
  resourceType: z.string(),
  resourceOwnerAccount: z.string(),
  status: z.enum(['ACTIVE', 'ARCHIVED']),
  findingType: z.literal('ExternalAccess'),
  analyzedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  findingDetails: z.array(z.object({
    externalAccessDetails: z.object({
      action: z.array(z.string()),
      condition: z.record(z.string(), z.string()),
      isPublic: z.boolean(),
      principal: z.record(z.string(), z.string()),
      resourceControlPolicyRestriction: z.enum(['APPLICABLE', 'NOT_APPLICABLE']),
    }),
  })),
  lzsim: z.object({
    rule: z.enum(['CONFUSED_DEPUTY', 'PUBLIC_ACCESS', 'EXTERNAL_ACCESS', 'RAM_EXTERNAL_SHARE', 'UNSCOPED_FEDERATION']),
    policyId: z.string(),
    statementIndex: z.number().int(),
    sid: z.string().optional(),
    externalPrincipal: z.string(),
    summary: z.string(),
    docUrl: z.string(),
    /** What the resource account's RCPs stop of this access: Access Analyzer leaves RCPs out, lzsim evaluates them. */
    rcpStops: z.object({ actions: z.array(z.string()), policies: z.array(z.string()) }).optional(),
  }),
});

export const whoCanOutputSchema = z.object({
  revision: z.number().int(),
  answers: z.array(z.object({
    principal: z.string(),
    actingPrincipal: z.string(),
    decision: z.enum(['allowed', 'conditional']),
    path: accessPathSchema,
    lastHop: evaluationResultSchema,
    suppliedContext: z.array(contextEntrySchema),
    /** The session name the resource's policy lets in, when it names one session of the acting role. */
    callerSessionName: z.string().optional(),
  })),
  /** Nodes named by the answers (so the view can draw them). */
  nodes: z.array(accessNodeSchema),
  totalAnswers: z.number().int(),
  /** Principals that can do it themselves (answers with no hop). */
  directAnswers: z.number().int(),
  /** Chain paths found (every simple path up to maxHops, fewest hops first). */
  chainPaths: z.number().int(),
  /** True when the chain search stopped at its cap: more paths exist than chainPaths. */
  chainPathsTruncated: z.boolean(),
  evaluated: z.number().int(),
  /**
   * Principals outside the organization that the resource's own policy lets do it, as external-access findings: their
   * own account's policies decide the rest, which the design cannot see.
   */
  outside: z.array(findingSchema),
});

/** Input of access.reach: who can reach a role (direction "to") or what a principal can reach ("from"). */
export const reachInputSchema = z.object({
  designId: designIdSchema,
  direction: z.enum(['to', 'from']),
  arn: z.string().trim().min(1).max(2048),
  maxHops: z.number().int().min(1).max(10).default(5),
});

export const reachOutputSchema = z.object({
  revision: z.number().int(),
  /** One shortest path per principal (direction "to") or per role (direction "from"), nearest first. */
  paths: z.array(accessPathSchema),
  /** Nodes on the paths (so the view can draw them). */
  nodes: z.array(accessNodeSchema),
  /** Paths found, before the answer limit. */
  totalPaths: z.number().int(),
});

/** A finding in GetFindingV2's shape with lzsim's explanation. */
export type AccessFindingDto = z.infer<typeof findingSchema>;

export const findingsOutputSchema = z.object({ revision: z.number().int(), findings: z.array(findingSchema) });

/** Input of access.archiveFinding / unarchiveFinding. */
export const archiveFindingInputSchema = z.object({
  designId: designIdSchema,
  expectedRevision: z.number().int().nonnegative(),
  findingId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'Not a finding id.' }),
});

export const archiveFindingOutputSchema = z.object({ revision: z.number().int(), findingId: z.string(), status: z.enum(['ACTIVE', 'ARCHIVED']) });

export type AccessGraphDto = z.infer<typeof accessGraphOutputSchema>;
export type AccessEdgeDto = z.infer<typeof accessEdgeSchema>;
export type AccessNodeDto = z.infer<typeof accessNodeSchema>;
export type WhoCanDto = z.infer<typeof whoCanOutputSchema>;
export type AccessPathDto = z.infer<typeof accessPathSchema>;
export type ReachDto = z.infer<typeof reachOutputSchema>;
export type AccessEdgeDetailDto = z.infer<typeof accessEdgeOutputSchema>;
