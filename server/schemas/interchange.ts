// Import and export schemas shared by the API and the browser: this module imports only zod. The imported documents
// themselves are validated by the interchange service (every problem with its JSONPath and AWS error code), not here.
import { z } from 'zod';
import { designIdSchema, designNameSchema } from './design';
import { refuseUnsafeText } from './text';

/** Input of interchange.importBundle and interchange.importOrgDesigner: the parsed JSON file and the new design's name. */
export const importInputSchema = z.object({
  document: z.unknown().refine((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    error: 'The file must hold a JSON object.',
  }),
  name: designNameSchema.optional(),
  description: z.string().trim().superRefine(refuseUnsafeText('multi-line')).max(500).optional(),
});

/** interchange.importCliFiles: a zipped folder of AWS CLI outputs, unpacked by the browser (path → file text). */
export const importCliFilesInputSchema = z.object({
  files: z.record(z.string().max(1_000), z.string()).refine((files) => Object.keys(files).length > 0, { error: 'The zip file holds no file.' })
    .refine((files) => Object.keys(files).length <= 100_000, { error: 'The zip file holds more than 100,000 files.' }),
  name: designNameSchema.optional(),
  description: z.string().trim().superRefine(refuseUnsafeText('multi-line')).max(500).optional(),
});

/** What an import wrote. */
export const importReportSchema = z.object({
  designId: z.string(),
  name: z.string(),
  counts: z.object({
    organizationalUnits: z.number().int(),
    accounts: z.number().int(),
    policies: z.number().int(),
    policyAttachments: z.number().int(),
    delegatedAdministrators: z.number().int(),
    iamUsers: z.number().int(),
    iamGroups: z.number().int(),
    iamRoles: z.number().int(),
    iamManagedPolicies: z.number().int(),
    resourcePolicies: z.number().int(),
  }),
  warnings: z.array(z.string()),
});

/** Export formats. */
export const exportFormatSchema = z.enum(['bundle', 'terraform', 'cloudformation']);

/** Input of interchange.export. */
export const exportInputSchema = z.object({ designId: designIdSchema, format: exportFormatSchema });

/** An export: the JSON text and a file name for it. */
export const exportOutputSchema = z.object({ format: exportFormatSchema, fileName: z.string(), content: z.string() });
