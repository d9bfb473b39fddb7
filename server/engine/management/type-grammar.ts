// What each management policy type may contain, as data: the fixed keys, the user-named keys, the shape of each
// setting, and what the merged (effective) policy must hold to be usable.
// Pages: orgs_manage_policies_example-tag-policies.html (tag), orgs_manage_policies_backup_syntax.html (backup),
// orgs_manage_policies_ai-opt-out_syntax.html (AI services opt-out), orgs_manage_policies_s3_syntax.html (Amazon S3),
// orgs_manage_policies_ec2_syntax.html (EC2 policies, the declarative policies for EC2), all under
// docs.aws.amazon.com/organizations/latest/userguide/.
import { DEFAULT_POLICY_QUOTAS } from '../quotas';
import { EC2_POLICY_ATTRIBUTES } from '../world/organization-ec2-attributes';
import { type ManagementPolicyType } from './types';

/** The shape of a setting's value. */
export type SettingShape =
  /** One string; only @@assign applies. */
  | 'string'
  /** A whole number, written as a JSON number or a string of digits (AWS's own examples quote them). */
  | 'integer'
  /** true/false, or the strings "true"/"false". */
  | 'boolean'
  /** One of `allowedValues`, case-sensitive. */
  | 'enum'
  /** A list of strings: @@assign, @@append and @@remove all apply. */
  | 'string-list'
  /** One string or a list of strings (backup recovery point tag values are written both ways). */
  | 'string-or-list';

/** A rule checking one string of a setting; returns a sentence describing the problem, or undefined. */
export type StringRule = (value: string, keys: readonly string[]) => string | undefined;

/** The grammar of a setting (a leaf holding a value). */
export interface SettingGrammar {
  /** Leaf. */
  kind: 'setting';
  /** Its value shape. */
  shape: SettingShape;
  /** For 'enum': the accepted values. */
  allowedValues?: readonly string[];
  /** For 'enum': the values are those this tool knows, not surely all AWS accepts; another string is a warning. */
  knownValuesOnly?: boolean;
  /** Extra per-string checks (errors); `keys` is the chain of keys from the top of the document. */
  rules?: readonly StringRule[];
  /** For lists: the most items the merged effective policy may hold here (more is ELEMENTS_TOO_MANY). */
  maxItemsInEffective?: EffectiveLimit;
}

/** A limit the merged effective policy must respect, with the AWS page that states it. */
export interface EffectiveLimit {
  /** The largest count allowed. */
  max: number;
  /** What is counted, for messages ("rules in a backup plan"). */
  counts: string;
  /** The AWS page that states the limit. */
  doc: string;
}

/** The grammar of an object node: fixed keys, user-named keys, and what the effective policy needs there. */
export interface ObjectGrammar {
  /** Container. */
  kind: 'object';
  /** Keys with a fixed spelling and their grammar. */
  fixed?: Readonly<Record<string, Grammar>>;
  /**
   * The grammar of user-named keys (plan names, tag policy keys, service names); absent = none allowed.
   * `checkName` returns a warning sentence for a suspicious name (lists AWS keeps extending are warnings, not errors).
   */
  named?: { describe: string; grammar: Grammar; checkName?: (name: string) => string | undefined };
  /** How to report a key that is neither fixed nor allowed as a name. */
  unknownKeys: 'error' | 'warning';
  /** Keys every document that writes this node must contain (AWS refuses the document without them). */
  requiredInDocument?: readonly string[];
  /** Keys the merged effective policy must contain here. */
  requiredInEffective?: readonly string[];
  /** Minimum number of entries in the effective policy (e.g. a plan needs at least one rule). */
  minEntriesInEffective?: number;
  /** Most entries the effective policy may hold here (more is ELEMENTS_TOO_MANY). */
  maxEntriesInEffective?: EffectiveLimit;
  /** A check on the merged object (e.g. lifecycle arithmetic); returns problems as sentences. */
  effectiveRule?: (value: Readonly<Record<string, unknown>>) => string[];
}

/** Anything goes below this key (parts of a grammar that AWS extends faster than we can model). */
export interface OpenGrammar {
  /** Not checked. */
  kind: 'open';
}

/** A node of a policy type's grammar. */
export type Grammar = SettingGrammar | ObjectGrammar | OpenGrammar;

/** Everything the engine knows about one management policy type. */
export interface ManagementTypeGrammar {
  /** The type. */
  type: ManagementPolicyType;
  /** The only top-level key its documents have. */
  topKey: string;
  /** The grammar of the whole document (an object with `topKey`). */
  document: ObjectGrammar;
  /** Child control entries this type accepts, when narrower than the general vocabulary. */
  childControlValues?: readonly string[];
  /** The AWS page that describes the syntax. */
  doc: string;
}

/**
 * Characters allowed per document, whitespace included, from the shared quota table (server/engine/quotas.ts,
 * sourced from orgs_reference_limits.html). Callers may override them (ValidateManagementPolicyOptions.quotas).
 */
export const MANAGEMENT_POLICY_SIZE_QUOTAS: Readonly<Record<ManagementPolicyType, number>> = Object.freeze({
  TAG_POLICY: DEFAULT_POLICY_QUOTAS.TAG_POLICY,
  BACKUP_POLICY: DEFAULT_POLICY_QUOTAS.BACKUP_POLICY,
  AISERVICES_OPT_OUT_POLICY: DEFAULT_POLICY_QUOTAS.AISERVICES_OPT_OUT_POLICY,
  S3_POLICY: DEFAULT_POLICY_QUOTAS.S3_POLICY,
  DECLARATIVE_POLICY_EC2: DEFAULT_POLICY_QUOTAS.DECLARATIVE_POLICY_EC2,
});

/**
 * Service name keys accepted under "services" in AI opt-out policies (plus "default"), as the syntax page listed
 * them (orgs_manage_policies_ai-opt-out_syntax.html, 2023 list plus the names added since: aidevops, aiops,
 * awssupplychain, chimesdkvoiceanalytics, cloudwatch). AWS keeps adding services, so an unknown name is a warning.
 */
export const AI_OPT_OUT_SERVICE_NAMES: readonly string[] = [
  'default',
  'aidevops',
  'aiops',
  'awssupplychain',
  'chimesdkvoiceanalytics',
  'cloudwatch',
  'codeguruprofiler',
  'codewhisperer',
  'comprehend',
  'connectamd',
  'connectoptimization',
  'contactlens',
  'frauddetector',
  'guardduty',
  'lex',
  'polly',
  'rekognition',
  'textract',
  'transcribe',
  'translate',
];

// --- tag policies -------------------------------------------------------------------------------------------

/** tag_key must spell the policy key, differing at most in case (the policy key is case-insensitive). */
const tagKeyMatchesPolicyKey: StringRule = (value, keys) => {
  const policyKey = keys[1];
  if (policyKey !== undefined && value.toLowerCase() !== policyKey.toLowerCase()) {
    return `tag_key "${value}" must match its policy key "${policyKey}" except for capitalization.`;
  }
  return undefined;
};

/** One "*" wildcard per tag value at most ("*@example.com" is allowed, "*@*.com" is not). */
const oneWildcardPerTagValue: StringRule = (value) =>
  (value.match(/\*/g) ?? []).length > 1 ? `tag value "${value}" uses more than one "*" wildcard; one is allowed.` : undefined;

/** enforced_for names "service:resource", "service:*" or "service:ALL_SUPPORTED"; no wildcard over services. */
const enforcedForEntry: StringRule = (value) => {
  if (!/^[a-z0-9-]+:[A-Za-z0-9_*./-]+$/.test(value)) {
    return `"${value}" is not a resource type: write "service:resourceType", "service:*" or "service:ALL_SUPPORTED".`;
  }
  if (value.startsWith('*')) return `"${value}": a wildcard cannot stand for every service.`;
  return undefined;
};

const tagPolicyKey: ObjectGrammar = {
  kind: 'object',
  fixed: {
    tag_key: { kind: 'setting', shape: 'string', rules: [tagKeyMatchesPolicyKey] },
    tag_value: { kind: 'setting', shape: 'string-list', rules: [oneWildcardPerTagValue] },
    enforced_for: { kind: 'setting', shape: 'string-list', rules: [enforcedForEntry] },
    report_required_tag_for: { kind: 'setting', shape: 'string-list' },
  },
  unknownKeys: 'error',
};

const TAG_GRAMMAR: ManagementTypeGrammar = {
  type: 'TAG_POLICY',
  topKey: 'tags',
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html',
  document: {
    kind: 'object',
    fixed: { tags: { kind: 'object', named: { describe: 'tag policy key', grammar: tagPolicyKey }, unknownKeys: 'error' } },
    unknownKeys: 'error',
  },
};

// --- backup policies ----------------------------------------------------------------------------------------

/** A cold-storage copy must stay there 90 days: delete_after_days >= move_to_cold_storage_after_days + 90. */
function lifecycleArithmetic(value: Readonly<Record<string, unknown>>): string[] {
  const move = Number(value.move_to_cold_storage_after_days);
  const remove = Number(value.delete_after_days);
  if (value.move_to_cold_storage_after_days === undefined || value.delete_after_days === undefined) return [];
  if (Number.isFinite(move) && Number.isFinite(remove) && remove < move + 90) {
    return [
      `delete_after_days (${remove}) must be at least 90 days more than move_to_cold_storage_after_days (${move}): backups stay in cold storage 90 days minimum.`,
    ];
  }
  return [];
}

const lifecycle: ObjectGrammar = {
  kind: 'object',
  fixed: {
    move_to_cold_storage_after_days: { kind: 'setting', shape: 'integer' },
    delete_after_days: { kind: 'setting', shape: 'integer' },
    opt_in_to_archive_for_supported_resources: { kind: 'setting', shape: 'boolean' },
  },
  unknownKeys: 'warning',
  effectiveRule: lifecycleArithmetic,
};

const backupTag = (valueShape: SettingShape): ObjectGrammar => ({
  kind: 'object',
  fixed: {
    tag_key: { kind: 'setting', shape: 'string' },
    tag_value: { kind: 'setting', shape: valueShape },
  },
  unknownKeys: 'error',
  requiredInEffective: ['tag_key', 'tag_value'],
});

const backupRule: ObjectGrammar = {
  kind: 'object',
  fixed: {
    schedule_expression: { kind: 'setting', shape: 'string' },
    schedule_expression_timezone: { kind: 'setting', shape: 'string' },
    target_backup_vault_name: { kind: 'setting', shape: 'string' },
    start_backup_window_minutes: { kind: 'setting', shape: 'integer' },
    complete_backup_window_minutes: { kind: 'setting', shape: 'integer' },
    enable_continuous_backup: { kind: 'setting', shape: 'boolean' },
    lifecycle,
    copy_actions: {
      kind: 'object',
      named: {
        describe: 'copy action (the destination vault ARN)',
        grammar: {
          kind: 'object',
          fixed: { target_backup_vault_arn: { kind: 'setting', shape: 'string' }, lifecycle },
          unknownKeys: 'warning',
        },
      },
      unknownKeys: 'error',
    },
    recovery_point_tags: { kind: 'object', named: { describe: 'recovery point tag', grammar: backupTag('string-or-list') }, unknownKeys: 'error' },
    index_actions: { kind: 'open' },
  },
  unknownKeys: 'warning',
  // AWS Backup needs a vault and a schedule for every rule (CreateBackupPlan's TargetBackupVaultName; the
  // Organizations page calls a plan without schedule and rules incomplete).
  requiredInEffective: ['schedule_expression', 'target_backup_vault_name'],
};

/**
 * Limits a merged backup plan must respect: AWS Backup's own (a plan's rules; the tags of one resource selection made
 * by a backup policy, "Tags per resource selection in a cross account backup policy: 30, not adjustable"). A merge
 * that exceeds one is an invalid effective policy (EffectivePolicyValidationError ELEMENTS_TOO_MANY,
 * API_EffectivePolicyValidationError.html) and the account keeps its last valid effective policy.
 */
export const BACKUP_PLAN_LIMITS = {
  rulesPerPlan: { max: 10, counts: 'rules in one backup plan', doc: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html' },
  tagValuesPerSelection: {
    max: 30, counts: 'tags (tag values) in one resource selection', doc: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html',
  },
} as const satisfies Record<string, EffectiveLimit>;

const backupSelectionTag: ObjectGrammar = {
  kind: 'object',
  fixed: {
    iam_role_arn: { kind: 'setting', shape: 'string' },
    tag_key: { kind: 'setting', shape: 'string' },
    tag_value: { kind: 'setting', shape: 'string-list', maxItemsInEffective: BACKUP_PLAN_LIMITS.tagValuesPerSelection },
  },
  unknownKeys: 'error',
  requiredInEffective: ['iam_role_arn', 'tag_key', 'tag_value'],
};

/** A plan must select something to back up: at least one entry under selections.tags or selections.resources. */
function selectionsNotEmpty(value: Readonly<Record<string, unknown>>): string[] {
  const count = (entry: unknown): number => (entry && typeof entry === 'object' ? Object.keys(entry).length : 0);
  return count(value.tags) + count(value.resources) === 0 ? ['selections must select resources: add an entry under "tags" or "resources".'] : [];
}

const backupPlan: ObjectGrammar = {
  kind: 'object',
  fixed: {
    rules: {
      kind: 'object', named: { describe: 'backup rule', grammar: backupRule }, unknownKeys: 'error',
      minEntriesInEffective: 1, maxEntriesInEffective: BACKUP_PLAN_LIMITS.rulesPerPlan,
    },
    regions: { kind: 'setting', shape: 'string-list', rules: [(value) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value) ? undefined : `"${value}" is not an AWS Region code such as "us-east-1".`)] },
    selections: {
      kind: 'object',
      fixed: {
        tags: { kind: 'object', named: { describe: 'tag selection', grammar: backupSelectionTag }, unknownKeys: 'error' },
        resources: { kind: 'open' },
      },
      unknownKeys: 'warning',
      effectiveRule: selectionsNotEmpty,
    },
    advanced_backup_settings: {
      kind: 'object',
      named: {
        describe: 'resource type',
        grammar: { kind: 'object', named: { describe: 'advanced setting', grammar: { kind: 'setting', shape: 'string' } }, unknownKeys: 'error' },
      },
      unknownKeys: 'error',
    },
    backup_plan_tags: { kind: 'object', named: { describe: 'backup plan tag', grammar: backupTag('string') }, unknownKeys: 'error' },
  },
  unknownKeys: 'warning',
  // "To be complete and functional, an effective backup policy must include ... the AWS Regions and the resources
  // to be backed up, and the IAM role" (orgs_manage_policies_backup_syntax.html).
  requiredInEffective: ['rules', 'regions', 'selections'],
};

const BACKUP_GRAMMAR: ManagementTypeGrammar = {
  type: 'BACKUP_POLICY',
  topKey: 'plans',
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html',
  document: {
    kind: 'object',
    fixed: { plans: { kind: 'object', named: { describe: 'backup plan name', grammar: backupPlan }, unknownKeys: 'error' } },
    unknownKeys: 'error',
  },
};

// --- AI services opt-out policies ---------------------------------------------------------------------------

const AI_GRAMMAR: ManagementTypeGrammar = {
  type: 'AISERVICES_OPT_OUT_POLICY',
  topKey: 'services',
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_syntax.html',
  // "You can specify one of the following values: @@assign ... @@none" (the page lists no other child control value).
  childControlValues: ['@@assign', '@@none', '@@all'],
  document: {
    kind: 'object',
    fixed: {
      services: {
        kind: 'object',
        named: {
          describe: 'AI service name',
          checkName: (name) =>
            AI_OPT_OUT_SERVICE_NAMES.includes(name)
              ? undefined
              : `"${name}" is not in this tool's list of AI services (${AI_OPT_OUT_SERVICE_NAMES.join(', ')}); check the spelling (names are lowercase) or the current list on the syntax page.`,
          grammar: {
            kind: 'object',
            // "The opt_out_policy key ... must be present. This is the only key you can place under a service name key."
            fixed: { opt_out_policy: { kind: 'setting', shape: 'enum', allowedValues: ['optIn', 'optOut'] } },
            unknownKeys: 'error',
            requiredInDocument: ['opt_out_policy'],
            requiredInEffective: ['opt_out_policy'],
          },
        },
        unknownKeys: 'error',
      },
    },
    unknownKeys: 'error',
  },
};

// --- Amazon S3 policies -------------------------------------------------------------------------------------

/** The values of public_access_block_configuration: all four Block Public Access settings on, or all four off. */
export const S3_PUBLIC_ACCESS_BLOCK_VALUES = ['all', 'none'] as const;

const S3_GRAMMAR: ManagementTypeGrammar = {
  type: 'S3_POLICY',
  topKey: 's3_attributes',
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_s3_syntax.html',
  document: {
    kind: 'object',
    fixed: {
      s3_attributes: {
        kind: 'object',
        // "public_access_block_configuration ... accepts one of two values": the four settings go together.
        fixed: { public_access_block_configuration: { kind: 'setting', shape: 'enum', allowedValues: S3_PUBLIC_ACCESS_BLOCK_VALUES } },
        unknownKeys: 'error',
        requiredInDocument: ['public_access_block_configuration'],
      },
    },
    unknownKeys: 'error',
  },
};

// --- EC2 policies (declarative policies for EC2) ------------------------------------------------------------

/** An EC2 policy setting whose known values are not surely all AWS accepts (another value is a warning). */
const knownValues = (values: readonly string[]): SettingGrammar => ({ kind: 'setting', shape: 'enum', allowedValues: values, knownValuesOnly: true });

/** The fields of EC2 policy attributes this tool knows, from the syntax page and Control Tower's EC2 policy controls. */
const EC2_ATTRIBUTE_GRAMMARS: Readonly<Record<string, ObjectGrammar>> = {
  serial_console_access: { kind: 'object', fixed: { status: knownValues(['enabled', 'disabled']) }, unknownKeys: 'warning' },
  image_block_public_access: { kind: 'object', fixed: { state: knownValues(['block_new_sharing', 'unblocked']) }, unknownKeys: 'warning' },
  snapshot_block_public_access: { kind: 'object', fixed: { state: knownValues(['block_all_sharing', 'block_new_sharing', 'unblocked']) }, unknownKeys: 'warning' },
  vpc_block_public_access: {
    kind: 'object',
    fixed: {
      internet_gateway_block: {
        kind: 'object',
        fixed: { mode: knownValues(['off', 'block_ingress', 'block_bidirectional']), exclusions_allowed: knownValues(['enabled', 'disabled']) },
        unknownKeys: 'warning',
      },
    },
    unknownKeys: 'warning',
  },
};

const EC2_GRAMMAR: ManagementTypeGrammar = {
  type: 'DECLARATIVE_POLICY_EC2',
  topKey: 'ec2_attributes',
  doc: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ec2_syntax.html',
  document: {
    kind: 'object',
    fixed: {
      ec2_attributes: {
        kind: 'object',
        fixed: {
          // "you can use exception_message to set a custom error message".
          exception_message: { kind: 'setting', shape: 'string' },
          // Each attribute's own fields follow EC2's settings and keep changing: those below are the syntax page's and
          // Control Tower's (its EC2 policy controls' texts); another field or value is a warning, the rest is open.
          ...Object.fromEntries(EC2_POLICY_ATTRIBUTES.map((attribute) => [attribute.key, EC2_ATTRIBUTE_GRAMMARS[attribute.key] ?? { kind: 'open' } as const])),
        },
        // EC2 policies gain attributes (VPC encryption controls, 2025): a key this tool does not know is a warning.
        unknownKeys: 'warning',
      },
    },
    unknownKeys: 'error',
  },
};

/** The grammar of each management policy type. */
export const MANAGEMENT_TYPE_GRAMMARS: Readonly<Record<ManagementPolicyType, ManagementTypeGrammar>> = {
  TAG_POLICY: TAG_GRAMMAR,
  BACKUP_POLICY: BACKUP_GRAMMAR,
  AISERVICES_OPT_OUT_POLICY: AI_GRAMMAR,
  S3_POLICY: S3_GRAMMAR,
  DECLARATIVE_POLICY_EC2: EC2_GRAMMAR,
};

/** True when the string names a management policy type this engine merges. */
export function isManagementPolicyType(value: string): value is ManagementPolicyType {
  return Object.prototype.hasOwnProperty.call(MANAGEMENT_TYPE_GRAMMARS, value);
}
