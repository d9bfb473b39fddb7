// Analysis schemas shared by the API and the browser: the SCP action matrix, action autocomplete, the principals a
// request bar can pick, and a policy's text with its statements' line ranges (for highlighting a trace's statement).
// This module imports only zod.
import { z } from 'zod';
import { contextEntrySchema } from './simulation';
import { designIdSchema } from './design';

/** Most actions one autocomplete answer returns. */
export const CATALOG_SEARCH_LIMIT = 20;

/** Input of analysis.scpMatrix: one account's SCP chain, asked for every catalogued action (or some services). */
export const scpMatrixInputSchema = z.object({
  designId: designIdSchema,
  accountId: z.string().regex(/^\d{12}$/, { error: 'accountId must be a 12-digit AWS account id.' }),
  /** Only these service prefixes; every catalogued service when absent. */
  services: z.array(z.string().trim().min(1)).max(500).optional(),
  /** Context to assume (e.g. aws:RequestedRegion): conditions reading only these keys are settled. */
  context: z.array(contextEntrySchema).default([]),
  /** A principal of the account: conditions on its own keys (aws:PrincipalArn, aws:PrincipalTag/*) are settled for it. */
  principalArn: z.string().trim().min(1).max(2048).optional(),
  /** False: services with their counts only (every catalogued action is about 3 MB of rows; a screen needs a few). */
  includeActions: z.boolean().default(true),
});

const matrixLevelSchema = z.object({ targetId: z.string(), targetName: z.string(), kind: z.enum(['root', 'ou', 'account']) });
const matrixCountsShape = {
  allowed: z.number().int(),
  denied: z.number().int(),
  /** Denied except for principals matching a pattern (aws:PrincipalArn, aws:PrincipalTag/*, ...). */
  deniedExcept: z.number().int(),
  /** Allowed except for principals matching a pattern. */
  allowedExcept: z.number().int(),
  /** Dependent on request conditions (aws:RequestedRegion, ...) or specific resources. */
  conditional: z.number().int(),
  total: z.number().int(),
};

/** What the SCPs leave of an action, in the matrix's vocabulary. */
export const matrixDecisionSchema = z.enum(['allowed', 'denied', 'deniedExcept', 'allowedExcept', 'conditional']);
/** One of the matrix's decisions. */
export type MatrixDecisionName = z.infer<typeof matrixDecisionSchema>;

/** A documented service rule as the matrix cites it (id, sentence, AWS page). */
const matrixRuleSchema = z.object({ id: z.string(), title: z.string(), doc: z.string() });

/** One action's row: what the SCPs leave of it, and why. */
export const matrixActionSchema = z.object({
  action: z.string(),
  accessLevel: z.string(),
  decision: matrixDecisionSchema,
  deniedBy: z.object({
    kind: z.enum(['explicitDeny', 'noAllow', 'serviceRule']),
    level: matrixLevelSchema,
    rule: matrixRuleSchema.optional(),
    policyId: z.string().optional(),
    policyName: z.string().optional(),
    statementIndex: z.number().int().optional(),
    sid: z.string().optional(),
  }).optional(),
  /** deniedExcept: a principal escapes when it matches every exception; allowedExcept: denied when it matches any. */
  exceptions: z.array(z.object({
    principals: z.string(),
    level: matrixLevelSchema,
    policyId: z.string(),
    policyName: z.string(),
    statementIndex: z.number().int(),
    sid: z.string().optional(),
  })).optional(),
  dependsOn: z.object({ conditionKeys: z.array(z.string()), resourceSpecific: z.boolean() }).optional(),
  /** Documented service rules naming the action: `decides` when the rule settles the cell, `note` otherwise. */
  serviceRules: z.array(matrixRuleSchema.extend({ effect: z.enum(['decides', 'note']), note: z.string() })).optional(),
});
/** One action's row of the matrix. */
export type MatrixActionRow = z.infer<typeof matrixActionSchema>;

/** One service: counts and its actions. */
export const matrixServiceSchema = z.object({ service: z.string(), ...matrixCountsShape, actions: z.array(matrixActionSchema) });
/** One service of the matrix. */
export type MatrixServiceRow = z.infer<typeof matrixServiceSchema>;

/** Output of analysis.scpMatrix. */
export const scpMatrixOutputSchema = z.object({
  revision: z.number().int(),
  accountId: z.string(),
  accountName: z.string().optional(),
  /** The principal the matrix was resolved for, when one was chosen. */
  principalArn: z.string().optional(),
  appliesScps: z.boolean(),
  note: z.string().optional(),
  levels: z.array(matrixLevelSchema),
  totals: z.object(matrixCountsShape),
  services: z.array(matrixServiceSchema),
});
/** The SCP action matrix of one account. */
export type ScpMatrixResult = z.infer<typeof scpMatrixOutputSchema>;

/** Input of catalog.actions: a prefix such as "s3:Get", "s3" or "ec2:run" (case-insensitive). */
export const catalogActionsInputSchema = z.object({
  prefix: z.string().trim().max(200),
  limit: z.number().int().min(1).max(CATALOG_SEARCH_LIMIT).default(CATALOG_SEARCH_LIMIT),
});

/** Output of catalog.actions: canonical "service:Action" names with their access level, sorted. */
export const catalogActionsOutputSchema = z.object({
  actions: z.array(z.object({ action: z.string(), accessLevel: z.string() })),
  /** True when more actions match than were returned. */
  truncated: z.boolean(),
});

/** Output of catalog.services: every service prefix of the catalogue with its number of actions, sorted. */
export const catalogServicesOutputSchema = z.object({
  services: z.array(z.object({ service: z.string(), actions: z.number().int() })),
});

/** Input of analysis.principalPermissions: one user, role or root of the design, optionally in one region. */
export const principalPermissionsInputSchema = z.object({
  designId: designIdSchema,
  principalArn: z.string().trim().min(1).max(2048),
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must look like eu-central-1.' }).optional(),
  /** Only these services' actions (e.g. the one the user opened). */
  services: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** Counts per access level only (actions left empty): the overview of an administrator's 22,000 actions. */
  countsOnly: z.boolean().default(false),
});

/** Output of analysis.principalPermissions: the catalogue actions it may perform, by service and access level. */
export const principalPermissionsOutputSchema = z.object({
  revision: z.number().int(),
  principalArn: z.string(),
  total: z.number().int(),
  services: z.array(z.object({
    service: z.string(),
    levels: z.array(z.object({
      accessLevel: z.string(),
      count: z.number().int(),
      actions: z.array(z.object({
        action: z.string(),
        decision: z.enum(['allowed', 'conditional']),
        resources: z.array(z.string()),
        dependsOn: z.array(z.string()).optional(),
      })),
    })),
  })),
});

/** What analysis.principalPermissions returns. */
export type PrincipalPermissionsResult = z.infer<typeof principalPermissionsOutputSchema>;

/** A principal of the design that a request can come from. */
export const designPrincipalSchema = z.object({
  arn: z.string(),
  kind: z.enum(['user', 'role']),
  name: z.string(),
  path: z.string(),
  accountId: z.string(),
  accountName: z.string().optional(),
  /** True for service-linked roles (SCPs and RCPs never restrict them). */
  serviceLinked: z.boolean(),
});
/** A principal of the design. */
export type DesignPrincipal = z.infer<typeof designPrincipalSchema>;

/**
 * Input of analysis.principals: the design, and optionally a search (every word must appear in the name, ARN or
 * account name), one account, one kind, and a page size. A design of 5,000 accounts holds about 15,000 principals:
 * pickers ask for a page of matches as the user types instead of loading them all.
 */
export const designPrincipalsInputSchema = z.object({
  designId: designIdSchema,
  query: z.string().max(2048).optional(),
  accountId: z.string().regex(/^\d{12}$/, { error: 'An account id is 12 digits.' }).optional(),
  kind: z.enum(['user', 'role']).optional(),
  /** At most this many principals, in the listing's order; all of them without it. */
  limit: z.number().int().min(1).max(1000).optional(),
});

/** Output of analysis.principals: the matching IAM users and roles (the picker groups them by account). */
export const designPrincipalsOutputSchema = z.object({
  revision: z.number().int(),
  principals: z.array(designPrincipalSchema),
  /** How many principals match in all (more than `principals` holds when a limit cut the list). */
  total: z.number().int().nonnegative(),
});

/** Input of analysis.principalNames: the names users or roles have across accounts, matching a search, a page of them. */
export const principalNamesInputSchema = z.object({
  designId: designIdSchema,
  kind: z.enum(['user', 'role']),
  query: z.string().max(128).optional(),
  limit: z.number().int().min(1).max(500).default(60),
});

/** Output of analysis.principalNames: names by how many accounts have one, most first. */
export const principalNamesOutputSchema = z.object({
  revision: z.number().int(),
  names: z.array(z.object({ name: z.string(), accounts: z.number().int().positive() })),
  /** How many names match in all. */
  total: z.number().int().nonnegative(),
});

/** Input of analysis.servicePrincipals: the AWS services the design's policies name, searched by name. */
export const servicePrincipalsInputSchema = z.object({
  designId: designIdSchema,
  query: z.string().max(2048).optional(),
  limit: z.number().int().min(1).max(200).default(20),
});

/** Output of analysis.servicePrincipals: each service with how many policies name it, most-named first. */
export const servicePrincipalsOutputSchema = z.object({
  revision: z.number().int(),
  services: z.array(z.object({ name: z.string(), policies: z.number().int().positive() })),
  /** How many services match in all. */
  total: z.number().int().nonnegative(),
});

/** Input of analysis.policySource: a policy as a trace names it (SCP id, managed policy ARN, inline id, ...). */
export const policySourceInputSchema = z.object({
  designId: designIdSchema,
  policyId: z.string().trim().min(1).max(2048),
  /** The account whose IAM holds inline and customer-managed policies (the principal's account). */
  accountId: z.string().regex(/^\d{12}$/).optional(),
});

/** Output of analysis.policySource: the document as stored, and where each statement sits in it. */
export const policySourceOutputSchema = z.object({
  policyId: z.string(),
  name: z.string(),
  /** SCP, RCP, identity (managed or inline), trust or resource policy. */
  kind: z.enum(['SCP', 'RCP', 'IDENTITY', 'TRUST', 'RESOURCE']),
  text: z.string(),
  /** 1-based, inclusive line ranges by statement index. */
  statements: z.array(z.object({ index: z.number().int(), startLine: z.number().int(), endLine: z.number().int() })),
});
/** A policy's text and statement line ranges. */
export type PolicySource = z.infer<typeof policySourceOutputSchema>;
