// The shapes history.revisions and history.diff return, shared with the browser's history panel: zod only.
import { z } from 'zod';

/** One revision of a design. */
export const revisionEntrySchema = z.object({
  revision: z.number().int().positive(),
  /** The operation's name, e.g. "createOrganizationalUnit", "attachPolicy", "undo". */
  operation: z.string(),
  /** For undo/redo: the revision reverted or re-applied. */
  targetRevision: z.number().int().nullable(),
  author: z.string().nullable(),
  createdAt: z.date(),
  /** What the change did ("Create OU Payments under Workloads"); for undo/redo, the target's sentence; null when unknown. */
  summary: z.string().nullable(),
  /** True while the change is undone (on the redo stack). */
  undone: z.boolean(),
});
/** A revision in the history list. */
export type RevisionEntryView = z.infer<typeof revisionEntrySchema>;

/** What history.revisions returns: newest first. */
export const revisionListSchema = z.object({
  revisions: z.array(revisionEntrySchema),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});
/** The design's history. */
export type RevisionList = z.infer<typeof revisionListSchema>;

const entitySchema = z.object({ id: z.string(), awsId: z.string(), name: z.string() });
const moveSchema = entitySchema.extend({ from: entitySchema.nullable(), to: entitySchema.nullable() });
const renameSchema = entitySchema.extend({ fromName: z.string(), toName: z.string() });
const typedEntitySchema = entitySchema.extend({ type: z.string() });

/** A statement (SCP/RCP, keyed by Sid or "#n") or top-level element (management policies) that differs. */
export const statementChangeSchema = z.object({
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
/** A statement-level change. */
export type StatementChangeView = z.infer<typeof statementChangeSchema>;

/** A policy whose name, description or content differs. */
export const policyChangeSchema = z.object({
  id: z.string(),
  awsId: z.string(),
  type: z.string(),
  name: z.string(),
  renamedFrom: z.string().optional(),
  descriptionChanged: z.boolean(),
  statements: z.array(statementChangeSchema),
  contentChanged: z.boolean(),
});
/** A changed policy. */
export type PolicyChangeView = z.infer<typeof policyChangeSchema>;

const attachmentSchema = z.object({
  policy: typedEntitySchema,
  target: entitySchema.extend({ kind: z.enum(['root', 'ou', 'account']) }),
});
/** An attachment that was added or removed. */
export type AttachmentChangeView = z.infer<typeof attachmentSchema>;

const iamChangeSchema = z.object({
  account: entitySchema.nullable(),
  kind: z.enum(['role', 'user', 'group', 'managedPolicy', 'inlinePolicy', 'attachment', 'membership']),
  change: z.enum(['added', 'removed', 'changed']),
  name: z.string(),
  details: z.array(z.string()),
  statements: z.array(statementChangeSchema),
});
/** An IAM change between two revisions. */
export type IamChangeView = z.infer<typeof iamChangeSchema>;

/** What history.diff returns. */
export const designDiffSchema = z.object({
  fromRevision: z.number().int(),
  toRevision: z.number().int(),
  featureSet: z.object({ from: z.string(), to: z.string() }).nullable(),
  policyTypes: z.object({ enabled: z.array(z.string()), disabled: z.array(z.string()) }),
  ous: z.object({ added: z.array(entitySchema), removed: z.array(entitySchema), moved: z.array(moveSchema), renamed: z.array(renameSchema) }),
  accounts: z.object({
    added: z.array(entitySchema),
    removed: z.array(entitySchema),
    moved: z.array(moveSchema),
    renamed: z.array(renameSchema),
    statusChanged: z.array(entitySchema.extend({ from: z.string(), to: z.string() })),
  }),
  policies: z.object({ added: z.array(typedEntitySchema), removed: z.array(typedEntitySchema), changed: z.array(policyChangeSchema) }),
  attachments: z.object({ added: z.array(attachmentSchema), removed: z.array(attachmentSchema) }),
  iam: z.array(iamChangeSchema),
});
/** The differences between two revisions. */
export type DesignDiffView = z.infer<typeof designDiffSchema>;
