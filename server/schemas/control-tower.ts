import { z } from 'zod';

// Shapes of the Control Tower API (server/api/routers/control-tower.ts), shared with the browser.

/** Control behaviours, as the Control Catalog names them. */
export const controlBehaviorSchema = z.enum(['PREVENTIVE', 'DETECTIVE', 'PROACTIVE']);
/** Guidance levels (controlreference/controls.html). */
export const controlGuidanceSchema = z.enum(['MANDATORY', 'STRONGLY_RECOMMENDED', 'ELECTIVE']);
/** Severities, as the Control Catalog names them. */
export const controlSeveritySchema = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
/** What a control deploys. */
export const controlImplementationTypeSchema = z.enum(['SCP', 'RCP', 'DECLARATIVE_POLICY_EC2', 'CONFIG_RULE', 'CLOUDFORMATION_HOOK', 'SECURITY_HUB_CONTROL']);

/** The catalogue browser's filters. */
export const controlCatalogInputSchema = z.object({
  search: z.string().max(200).optional(),
  behaviors: z.array(controlBehaviorSchema).max(3).optional(),
  guidance: z.array(controlGuidanceSchema).max(3).optional(),
  services: z.array(z.string().max(100)).max(200).optional(),
  severities: z.array(controlSeveritySchema).max(4).optional(),
  frameworks: z.array(z.string().max(200)).max(50).optional(),
  implementations: z.array(controlImplementationTypeSchema).max(6).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type ControlCatalogInput = z.input<typeof controlCatalogInputSchema>;

/** A parameter a control takes in EnableControl. */
export const controlParameterSpecSchema = z.object({
  key: z.string(),
  description: z.string(),
  type: z.enum(['regionList', 'stringList']),
  required: z.boolean(),
  doc: z.string(),
});

/** One control as the browser shows it. */
export const catalogControlSchema = z.object({
  arn: z.string(),
  alias: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  behavior: controlBehaviorSchema,
  severity: controlSeveritySchema,
  implementation: z.object({ type: controlImplementationTypeSchema, identifier: z.string().nullable() }),
  guidance: controlGuidanceSchema,
  guidanceSource: z.enum(['legacy', 'default']),
  group: z.string().nullable(),
  service: z.string(),
  frameworks: z.array(z.string()),
  doc: z.string().nullable(),
  /** The policy text Control Tower deploys (JSON), when the data holds it; null for other controls. */
  policy: z.object({ document: z.string(), source: z.string() }).nullable(),
  /** True when the control applies at CloudFormation deployment time (proactive: a CloudFormation hook). */
  appliesAtDeployment: z.boolean(),
  parameters: z.array(controlParameterSpecSchema),
});
export type CatalogControlDto = z.infer<typeof catalogControlSchema>;

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

/** A page of the catalogue, with the values each filter can take. */
export const controlCatalogOutputSchema = z.object({
  total: z.number().int(),
  controls: z.array(catalogControlSchema),
  facets: z.object({ services: facetSchema, frameworks: facetSchema }),
});
export type ControlCatalogOutput = z.infer<typeof controlCatalogOutputSchema>;
