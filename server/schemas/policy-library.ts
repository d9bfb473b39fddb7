// The policy library and the policy editor's live validation, shared by the API and the browser: imports only zod.
import { z } from 'zod';
import { designIdSchema } from './design';
import { editablePolicyTypeSchema } from './organizations';

/** Longest draft the validator accepts: far above every AWS size quota, so the quota finding is still reported. */
export const MAX_DRAFT_LENGTH = 200_000;

/** policy.validate: a draft document of a type, checked with the design's size quotas when a design is named. */
export const validatePolicyInputSchema = z.object({
  designId: designIdSchema.optional(),
  type: editablePolicyTypeSchema,
  content: z.string().max(MAX_DRAFT_LENGTH, { error: `A policy draft may have at most ${MAX_DRAFT_LENGTH} characters.` }),
});
/** What policy.validate accepts. */
export type ValidatePolicyInput = z.infer<typeof validatePolicyInputSchema>;

/** One validation finding from the engine, placed in the text when its path could be found there. */
export const policyFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'security_warning', 'warning', 'suggestion']),
  message: z.string(),
  /** JSONPath of the element concerned. */
  path: z.string(),
  /** 1-based line in the draft. */
  line: z.number().int().positive().optional(),
  /** 1-based column in the draft. */
  column: z.number().int().positive().optional(),
});
/** A validation finding as the editor shows it. */
export type PolicyFinding = z.infer<typeof policyFindingSchema>;

/** What policy.validate returns. */
export const validatePolicyOutputSchema = z.object({
  findings: z.array(policyFindingSchema),
  /** True when AWS would refuse the document (at least one finding of severity "error"). */
  rejected: z.boolean(),
  /** Characters counted against the size quota, and the quota, so the editor can show how close it is. */
  size: z.object({ characters: z.number().int().nonnegative(), quota: z.number().int().positive() }),
});
/** The engine's verdict on a draft. */
export type ValidatePolicyOutput = z.infer<typeof validatePolicyOutputSchema>;

/** A root, OU or account a policy is attached to. */
export const policyTargetSchema = z.object({
  /** Our row id (the graph's node id). */
  id: z.string(),
  /** "r-…", "ou-…" or the 12-digit account id. */
  awsId: z.string(),
  name: z.string(),
  kind: z.enum(['root', 'ou', 'account']),
});
/** Where a policy is attached. */
export type PolicyTarget = z.infer<typeof policyTargetSchema>;

/** One Organizations policy in the library. */
export const libraryPolicySchema = z.object({
  id: z.string(),
  awsId: z.string(),
  type: editablePolicyTypeSchema,
  name: z.string(),
  description: z.string(),
  content: z.string(),
  awsManaged: z.boolean(),
  targets: z.array(policyTargetSchema),
});
/** A policy as the library lists it. */
export type LibraryPolicy = z.infer<typeof libraryPolicySchema>;

/** policy.list input. */
export const policyLibraryInputSchema = z.object({ designId: designIdSchema });

/** What policy.list returns: every policy with its targets, and which types are enabled on the root. */
export const policyLibrarySchema = z.object({
  designId: z.string(),
  revision: z.number().int().nonnegative(),
  enabledTypes: z.array(editablePolicyTypeSchema),
  policies: z.array(libraryPolicySchema),
});
/** The design's policy library. */
export type PolicyLibrary = z.infer<typeof policyLibrarySchema>;

/** One policy as the library panel and the pickers list it: no document and no targets, but how many targets. */
export const policySummarySchema = libraryPolicySchema.omit({ content: true, targets: true }).extend({ targetCount: z.number().int().nonnegative() });
/** A policy as the library panel lists it. */
export type PolicySummary = z.infer<typeof policySummarySchema>;

/** What policy.summaries returns: every policy as a summary, and which types are enabled on the root. */
export const policySummariesSchema = policyLibrarySchema.omit({ policies: true }).extend({ policies: z.array(policySummarySchema) });
/** The design's policy library without documents and targets. */
export type PolicySummaries = z.infer<typeof policySummariesSchema>;

/** policy.attachedTo input: a root, OU or account by row id. */
export const policiesAttachedToInputSchema = z.object({ designId: designIdSchema, targetId: z.string().min(1) });

/** What policy.attachedTo returns: the policies attached directly to that target, as summaries. */
export const policiesAttachedToSchema = z.object({ targetId: z.string(), policies: z.array(policySummarySchema) });

/** policy.get input: a policy by row id. */
export const policyGetInputSchema = z.object({ designId: designIdSchema, policyId: z.string().min(1) });
