import { z } from 'zod';
import { mutationBaseSchema } from './organizations';

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
  /**
   * The policy text Control Tower deploys, when the data holds it (JSON, or the reference's template with Control
   * Tower's {{Parameter}} placeholders when `template`); null for other controls.
   */
  policy: z.object({ document: z.string(), source: z.string(), template: z.boolean() }).nullable(),
  /** True for a preventive SCP, RCP or declarative control whose text the data lacks: listed, never evaluated. */
  textUnavailable: z.boolean(),
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

// ---------------------------------------------------------------------------------------------------------------
// Landing zone operations
// ---------------------------------------------------------------------------------------------------------------

const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'A Region reads like "eu-west-1".' });
const accountChoiceSchema = z.union([
  z.object({ accountId: z.string().regex(/^\d{12}$/, { error: 'accountId is a 12-digit account id.' }) }).strict(),
  z.object({ accountName: z.string().trim().min(1).max(50), email: z.string().email().max(64) }).strict(),
]);

/** setUpLandingZone: the console's set-up choices. */
export const setUpLandingZoneInputSchema = mutationBaseSchema.extend({
  homeRegion: regionSchema,
  governedRegions: z.array(regionSchema).min(1).max(40),
  version: z.string().max(10).optional(),
  securityOuName: z.string().trim().min(1).max(128).optional(),
  sandboxOuName: z.string().trim().min(1).max(128).nullable().optional(),
  logArchive: accountChoiceSchema,
  audit: accountChoiceSchema,
  organizationTrail: z.boolean().optional(),
  identityCenter: z.boolean().optional(),
  regionDeny: z.boolean().optional(),
  /** The AWS Config integration (landing zone 4.0 only may turn it off). */
  config: z.boolean().optional(),
});

/** updateLandingZone: the landing zone settings. */
export const updateLandingZoneInputSchema = mutationBaseSchema.extend({
  version: z.string().max(10).optional(),
  governedRegions: z.array(regionSchema).min(1).max(40).optional(),
  regionDeny: z.boolean().optional(),
  organizationTrail: z.boolean().optional(),
  identityCenter: z.boolean().optional(),
  config: z.boolean().optional(),
  /** The AWS Backup integration (landing zone 4.0): its two accounts (row or 12-digit ids) and multi-Region KMS key ARN. */
  backup: z.discriminatedUnion('enabled', [
    z.object({ enabled: z.literal(false) }),
    z.object({ enabled: z.literal(true), backupAdminAccountId: z.string().min(1).max(64), centralBackupAccountId: z.string().min(1).max(64), kmsKeyArn: z.string().min(1).max(2048) }),
  ]).optional(),
});

/** registerOrganizationalUnit. */
export const registerOuInputSchema = mutationBaseSchema.extend({ ouId: z.string().min(1).max(2048) });

/** An EnableControl parameter: { key, value } with a list value. */
export const enabledControlParameterSchema = z.object({ key: z.string().min(1).max(256), value: z.array(z.string().min(1).max(2048)).max(100) });

/** enableControl, in EnableControl's shape. */
export const enableControlInputSchema = mutationBaseSchema.extend({
  controlIdentifier: z.string().min(1).max(2048),
  targetIdentifier: z.string().min(1).max(2048),
  parameters: z.array(enabledControlParameterSchema).max(20).optional(),
});

/** disableControl, in DisableControl's shape. */
export const disableControlInputSchema = mutationBaseSchema.extend({
  controlIdentifier: z.string().min(1).max(2048),
  targetIdentifier: z.string().min(1).max(2048),
});

/** What every Control Tower edit returns. */
export const controlTowerEditResultSchema = z.object({ revision: z.number().int() });

// ---------------------------------------------------------------------------------------------------------------
// The landing zone view
// ---------------------------------------------------------------------------------------------------------------

const namedAccountSchema = z.object({ id: z.string(), accountId: z.string(), name: z.string() });
const namedOuSchema = z.object({ id: z.string(), awsId: z.string(), name: z.string() });

/** A control as it applies to a registered OU: enabled on it, or inherited from a registered ancestor. */
export const ouControlSchema = z.object({
  arn: z.string(),
  alias: z.string().nullable(),
  name: z.string(),
  behavior: controlBehaviorSchema,
  guidance: controlGuidanceSchema,
  implementation: controlImplementationTypeSchema,
  parameters: z.array(z.object({ key: z.string(), value: z.unknown() })),
  /** Null when enabled on this OU; else the registered ancestor OU it is inherited from. */
  inheritedFrom: z.string().nullable(),
  /** False for a preventive control lzsim lists but does not evaluate (no text, a declarative policy, …). */
  evaluated: z.boolean(),
  /** Why it is not evaluated; null when it is (or is not preventive). */
  notEvaluatedReason: z.string().nullable(),
});

/** The landing zone and everything Control Tower manages in it. */
export const landingZoneViewSchema = z.object({
  landingZone: z
    .object({
      version: z.string(),
      homeRegion: z.string(),
      governedRegions: z.array(z.string()),
      regionDeny: z.boolean(),
      organizationTrail: z.boolean(),
      identityCenter: z.boolean(),
      /** The AWS Config integration (off only in a 4.0 landing zone that turned it off). */
      config: z.boolean().default(true),
      /** The Security OU deleted in Organizations (landing zone drift), or null. */
      deletedSecurityOu: z.object({ awsId: z.string().nullable(), name: z.string() }).nullable().default(null),
      /** The organization's IAM Identity Center instance (Control Tower sets it up when the option is on), or null. */
      identityCenterInstance: z.object({ instanceArn: z.string(), region: z.string() }).nullable().default(null),
      /** The AWS Backup integration (landing zone 4.0): its two accounts and multi-Region KMS key, or null when off. */
      backup: z.object({ backupAdmin: namedAccountSchema.nullable(), centralBackup: namedAccountSchema.nullable(), kmsKeyArn: z.string() }).nullable().default(null),
      securityOu: namedOuSchema.nullable(),
      sandboxOu: namedOuSchema.nullable(),
      logArchive: namedAccountSchema.nullable(),
      audit: namedAccountSchema.nullable(),
    })
    .nullable(),
  registeredOus: z.array(
    namedOuSchema.extend({
      parentOuId: z.string().nullable(),
      guardrailPolicies: z.array(z.object({ awsId: z.string(), name: z.string() })),
      controls: z.array(ouControlSchema),
    }),
  ),
  enrolledAccounts: z.array(namedAccountSchema.extend({ origin: z.string(), ouName: z.string().nullable() })),
});
export type LandingZoneView = z.infer<typeof landingZoneViewSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Compliance, drift, Account Factory
// ---------------------------------------------------------------------------------------------------------------

const count = z.number().int().min(0).max(1_000_000);
/** The facts detective controls read (server/engine/control-tower/compliance.ts); keys left out are unknown. */
export const accountFactsSchema = z.object({
  rootMfaEnabled: z.boolean(), cloudTrailEnabled: z.boolean(), configEnabled: z.boolean(), s3AccountPublicAccessBlock: z.boolean(),
  ebsDefaultEncryption: z.boolean(), iamPasswordPolicyCompliant: z.boolean(),
  unencryptedEbsVolumes: count, openSshSecurityGroups: count, openCommonPortSecurityGroups: count, publicReadBuckets: count,
  publicWriteBuckets: count, unattachedEbsVolumes: count, nonEbsOptimizedInstances: count, publicRdsInstances: count,
  publicRdsSnapshots: count, unencryptedRdsInstances: count, iamUsersWithoutMfa: count, unversionedBuckets: count,
}).partial().strict();

/** putAccountFacts. */
export const putAccountFactsInputSchema = mutationBaseSchema.extend({ accountId: z.string().min(1).max(64), facts: accountFactsSchema });

const blueprintSchema = z.object({
  roles: z.array(z.object({ roleName: z.string().min(1).max(64), trustedAccountId: z.string().regex(/^\d{12}$/).optional(), description: z.string().max(1000).optional() })).max(20).optional(),
  tags: z.array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256) })).max(50).optional(),
  network: z.object({
    vpcCidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/).optional(),
    subnetsPerAz: z.number().int().min(0).max(8).optional(),
    availabilityZones: z.number().int().min(0).max(6).optional(),
    internetAccess: z.boolean().optional(),
  }).optional(),
}).strict();

/** provisionAccount (Account Factory). */
export const provisionAccountInputSchema = mutationBaseSchema.extend({
  accountName: z.string().trim().min(1).max(50),
  email: z.string().email().max(64),
  ouId: z.string().min(1).max(2048),
  accountId: z.string().regex(/^\d{12}$/).optional(),
  blueprint: blueprintSchema.optional(),
});

/** enrollAccount. */
export const enrollAccountInputSchema = mutationBaseSchema.extend({
  accountId: z.string().min(1).max(64),
  ouId: z.string().min(1).max(2048).optional(),
  existingConfigRecorder: z.boolean().optional(),
});

/** repairDrift: the repair a drift finding names. */
export const repairDriftInputSchema = mutationBaseSchema.extend({
  repair: z.enum(['RESET_LANDING_ZONE', 'RE_REGISTER_OU', 'UPDATE_ACCOUNT']),
  ouId: z.string().max(2048).optional(),
  accountId: z.string().max(64).optional(),
  destinationOuId: z.string().max(2048).optional(),
});

/** A detective control's result, and the worst result of an account or OU. */
export const complianceStatusSchema = z.enum(['COMPLIANT', 'NON_COMPLIANT', 'NOT_EVALUATED']);

/** Compliance per account and OU, and drift with its repairs. */
export const governanceReportSchema = z.object({
  compliance: z.object({
    accounts: z.array(z.object({
      accountRowId: z.string(), accountId: z.string(), name: z.string(), ouId: z.string().nullable(), ouName: z.string().nullable(),
      enrolled: z.boolean(), status: complianceStatusSchema,
      results: z.array(z.object({ control: z.object({ identifier: z.string(), name: z.string() }), status: complianceStatusSchema, reason: z.string() })),
    })),
    ous: z.array(z.object({ ouId: z.string(), name: z.string(), status: complianceStatusSchema, accounts: z.number().int(), nonCompliantAccounts: z.number().int() })),
  }),
  drift: z.array(z.object({
    type: z.enum(['MOVED_MEMBER_ACCOUNT', 'SCP_MODIFIED', 'SCP_DETACHED', 'SCP_ATTACHED_TO_OTHER_TARGET', 'SCP_DELETED', 'SHARED_ACCOUNT_MOVED', 'ORGANIZATIONAL_UNIT_DELETED']),
    scope: z.enum(['LANDING_ZONE', 'OU', 'ACCOUNT']),
    ouId: z.string().optional(),
    accountId: z.string().optional(),
    policyAwsId: z.string().optional(),
    message: z.string(),
    repair: z.enum(['RESET_LANDING_ZONE', 'RE_REGISTER_OU', 'UPDATE_ACCOUNT']),
  })),
});
export type GovernanceReport = z.infer<typeof governanceReportSchema>;
