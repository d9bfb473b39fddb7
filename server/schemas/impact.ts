// What-if impact schemas shared by the API and the browser: a pending change as AWS Organizations API calls, and what
// it would flip. This module imports only zod.
import { z } from 'zod';
import { designIdSchema } from './design';
import { managementPolicyTypeSchema } from './organizations';

/** The operations a pending change may hold (the engine's ORGANIZATIONS_CALLS). */
export const IMPACT_OPERATIONS = [
  'AttachPolicy', 'DetachPolicy', 'UpdatePolicy', 'CreatePolicy', 'DeletePolicy', 'MoveAccount',
  'CreateOrganizationalUnit', 'UpdateOrganizationalUnit', 'DeleteOrganizationalUnit',
] as const;

/** The APIs a pending change may call: Organizations (every policy type), IAM, Control Tower and RAM. */
export const IMPACT_APIS = ['organizations', 'iam', 'controltower', 'ram'] as const;

/**
 * One call: its API (Organizations by default), its operation and its request in AWS's shape (checked by the engine,
 * which names the JSON path); IAM calls name the account they run in.
 */
export const organizationsCallSchema = z.object({
  api: z.enum(IMPACT_APIS).default('organizations'),
  operation: z.string().regex(/^[A-Z][A-Za-z]{2,60}$/, { error: 'operation must be an AWS operation name such as AttachPolicy.' }),
  accountId: z.string().regex(/^\d{12}$/, { error: 'accountId must be a 12-digit account id.' }).optional(),
  input: z.record(z.string(), z.unknown()),
}).refine((call) => call.api !== 'iam' || call.accountId !== undefined, { error: 'An IAM call names the account it runs in (accountId).', path: ['accountId'] });

/** Input of impact.preview: the calls, applied to a copy of the design (nothing is saved). */
export const impactPreviewInputSchema = z.object({
  designId: designIdSchema,
  calls: z.array(organizationsCallSchema).min(1, { error: 'A change needs at least one call.' }).max(200),
  /** aws:RequestedRegion to assume; region conditions otherwise stay "depends on context". */
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must look like eu-central-1.' }).optional(),
  /** Flipped actions listed per group of accounts (counts are always complete). */
  maxActions: z.number().int().min(0).max(5_000).default(300),
});

/** Input of impact.apply: the same calls, written through the Organizations services one by one. */
export const impactApplyInputSchema = z.object({
  designId: designIdSchema,
  expectedRevision: z.number().int().min(0),
  calls: z.array(organizationsCallSchema).min(1).max(200),
});

const cellCategorySchema = z.enum(['allowed', 'explicitDeny', 'noAllow', 'deniedExcept', 'allowedExcept', 'conditional']);
const serviceFlipsSchema = z.object({ service: z.string(), becameAllowed: z.number().int(), becameDenied: z.number().int(), changed: z.number().int() });

/** Output of impact.preview. */
export const impactPreviewOutputSchema = z.object({
  revision: z.number().int(),
  created: z.array(z.object({ kind: z.enum(['policy', 'ou']), name: z.string(), id: z.string() })),
  changedCells: z.number().int(),
  changedAccounts: z.number().int(),
  services: z.array(serviceFlipsSchema),
  groups: z.array(z.object({
    side: z.enum(['scp', 'rcp']),
    accounts: z.array(z.object({ accountId: z.string(), accountName: z.string().optional() })),
    services: z.array(serviceFlipsSchema),
    actions: z.array(z.object({ action: z.string(), before: cellCategorySchema, after: cellCategorySchema })),
    actionsLeftOut: z.number().int(),
  })),
  principals: z.array(z.object({ principalArn: z.string(), accountId: z.string(), gained: z.array(z.string()), lost: z.array(z.string()) })),
  principalsTruncated: z.boolean(),
  /** Accounts whose effective tag, backup or AI opt-out policy changes (the top-level keys that differ). */
  management: z.array(z.object({
    accountId: z.string(), accountName: z.string(), type: managementPolicyTypeSchema, keys: z.array(z.string()),
    before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable(),
  })),
  /** Principals that gain or lose use of a shared resource (RAM), on its ARN. */
  resources: z.array(z.object({ resourceArn: z.string(), principalArn: z.string(), accountId: z.string(), gained: z.array(z.string()), lost: z.array(z.string()) })),
});

/** Input of impact.revisionImpact: what the changes between two revisions did (the history diff's impact). */
export const revisionImpactInputSchema = z.object({
  designId: designIdSchema,
  fromRevision: z.number().int().nonnegative(),
  toRevision: z.number().int().nonnegative(),
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must look like eu-central-1.' }).optional(),
  maxActions: z.number().int().min(0).max(5_000).default(300),
});

/** Output of impact.apply: the revision after the last call. */
export const impactApplyOutputSchema = z.object({ revision: z.number().int(), applied: z.number().int() });

/** What impact.preview returns. */
export type ImpactPreviewResult = z.infer<typeof impactPreviewOutputSchema>;

/** Input of impact.heatmap: the org-wide matrix as rows (accounts or OUs) × services. */
export const heatmapInputSchema = z.object({
  designId: designIdSchema,
  /** Rows: one per account, or one per OU (and the root) summing the accounts below it. */
  rows: z.enum(['account', 'ou']).default('account'),
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must look like eu-central-1.' }).optional(),
  /** Only these services as columns; by default every service some account does not fully have. */
  services: z.array(z.string().trim().min(1)).max(500).optional(),
  /** An action to search: each row then also says that action's category. */
  action: z.string().trim().max(200).optional(),
  /** Only the N most restricted services as columns (ignored with `services`); all of them by default. */
  columns: z.number().int().min(1).max(1_000).optional(),
  /** First row sent: rows are paged (5,000 accounts × every service is some 20 MB of JSON). */
  offset: z.number().int().min(0).default(0),
  /** Rows sent at most; all by default. */
  limit: z.number().int().min(1).max(10_000).optional(),
});

const heatCategorySchema = z.enum(['allowed', 'explicitDeny', 'noAllow', 'deniedExcept', 'allowedExcept', 'conditional']);

/** Output of impact.heatmap. */
export const heatmapOutputSchema = z.object({
  revision: z.number().int(),
  /** Columns: service prefix and how many catalogued actions it has. */
  services: z.array(z.object({ service: z.string(), actions: z.number().int() })),
  /** Without `services`: how many services some account does not fully have (the columns before `columns` cut them). */
  restrictedServices: z.number().int(),
  /** Rows in the whole matrix; `rows` holds those from `offset` on. */
  totalRows: z.number().int(),
  /** Index of the first row sent. */
  offset: z.number().int(),
  rows: z.array(z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['account', 'ou', 'root']),
    /** Accounts counted in the row (1 for an account row). */
    accounts: z.number().int(),
    /** Why SCPs do not restrict the account (management account), for an account row. */
    note: z.string().optional(),
    /** Per column: [allowed, denied (explicit or no allow), other (conditional or by principal)] cells, SCP and RCP combined. */
    cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
    /** With `action`: its category for the row's accounts (the most restrictive when an OU's accounts differ). */
    action: heatCategorySchema.optional(),
  })),
  /** The searched action as the catalogue spells it, when found. */
  action: z.string().optional(),
  distinctChains: z.number().int(),
});

/** What impact.heatmap returns. */
export type HeatmapResult = z.infer<typeof heatmapOutputSchema>;
