// Migration plan schemas shared by the API and the browser: which live organization (a design holding an import) to
// migrate to which design, and the ordered calls with their impact. This module imports only zod.
import { z } from 'zod';
import { designIdSchema } from './design';
import { managementPolicyTypeSchema } from './organizations';

/** Input of plan.build: the design to reach (designId) and the design holding the live organization. */
export const planBuildInputSchema = z.object({
  designId: designIdSchema,
  fromDesignId: designIdSchema,
  /** aws:RequestedRegion to judge access in; region conditions otherwise depend on the request. */
  region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must look like eu-central-1.' }).optional(),
});

const serviceFlipsSchema = z.object({ service: z.string(), becameAllowed: z.number().int(), becameDenied: z.number().int(), changed: z.number().int() });
const matchKindSchema = z.enum(['root', 'ou', 'account', 'policy', 'iam-policy', 'role', 'user', 'group']);

/** One step of a plan. */
export const planStepSchema = z.object({
  index: z.number().int(),
  api: z.enum(['organizations', 'iam', 'account']),
  operation: z.string(),
  accountId: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
  creates: z.object({ kind: z.enum(['ou', 'policy', 'account']), placeholder: z.string() }).optional(),
  summary: z.string(),
  note: z.string().optional(),
  impact: z.object({
    changedCells: z.number().int(),
    changedAccounts: z.number().int(),
    services: z.array(serviceFlipsSchema),
    principals: z.array(z.object({
      principalArn: z.string(), accountId: z.string(), gained: z.array(z.string()), lost: z.array(z.string()), gainedCount: z.number().int(), lostCount: z.number().int(),
    })),
    principalsTruncated: z.boolean(),
  }).optional(),
  /** Accounts whose effective tag, backup or AI opt-out policy the step changes (the keys that differ). */
  managementChanges: z.array(z.object({
    accountId: z.string(), accountName: z.string(), type: managementPolicyTypeSchema, keys: z.array(z.string()),
    before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable(),
  })).optional(),
  widens: z.array(z.object({
    accountId: z.string(), principalArn: z.string().optional(), side: z.enum(['scp', 'rcp']).optional(), roleArn: z.string().optional(), via: z.array(z.string()).optional(), actions: z.number().int(), sample: z.array(z.string()),
  })),
});

/** Output of plan.build. */
export const planBuildOutputSchema = z.object({
  fromName: z.string(),
  toName: z.string(),
  plan: z.object({
    steps: z.array(planStepSchema),
    matches: z.array(z.object({
      kind: matchKindSchema, name: z.string(), designId: z.string().optional(), liveId: z.string().optional(),
      method: z.enum(['id', 'name', 'email', 'root', 'new', 'recreated', 'removed']),
    })),
    created: z.array(z.object({ placeholder: z.string(), kind: z.enum(['ou', 'policy', 'account']), step: z.number().int(), name: z.string() })),
    unplaced: z.array(planStepSchema.pick({ api: true, operation: true, accountId: true, input: true, summary: true }).extend({ awsCode: z.string(), message: z.string() })),
    warnings: z.array(z.object({ subject: z.string(), message: z.string() })),
    wideningSteps: z.number().int(),
    organizationId: z.string().nullable(),
  }),
  /** The bash script of aws CLI commands. */
  script: z.string(),
  /** Terraform JSON as text. */
  terraform: z.string(),
});

/** What plan.build returns. */
export type PlanBuildResult = z.infer<typeof planBuildOutputSchema>;
