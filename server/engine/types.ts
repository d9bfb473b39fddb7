// The engine's public data model: plain data in, decisions and traces out.
// Nothing here imports a framework or does I/O (enforced by eslint, see eslint.config.js).

import type { IdentityCenterModel } from './identity-center/types';

// ---------------------------------------------------------------------------------------------
// Policy documents
// ---------------------------------------------------------------------------------------------

/** The kind of a policy document; it selects the grammar rules and quotas applied when validating. */
export type PolicyKind = 'IDENTITY' | 'RESOURCE' | 'TRUST' | 'SCP' | 'RCP' | 'SESSION';

/** Allow or Deny, exactly as written in a statement's Effect element. */
export type Effect = 'Allow' | 'Deny';

/** The principal types a Principal / NotPrincipal element may name. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** A Principal or NotPrincipal element: the wildcard "*" or values per principal type. */
export type PrincipalBlock = '*' | Partial<Record<PrincipalType, string[]>>;

/** One condition clause: an operator (with any ForAllValues:/ForAnyValue: prefix and IfExists suffix), a key and its values. */
export interface ConditionClause {
  /** Operator exactly as written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  /** Condition key exactly as written, e.g. "aws:PrincipalTag/team". */
  key: string;
  /** Values as strings (booleans and numbers are stringified as AWS does). */
  values: string[];
}

/** A statement after parsing: every list element normalised to an array. */
export interface Statement {
  /** Zero-based position in the Statement array (0 when Statement is a single object). */
  index: number;
  /** The Sid, when present. */
  sid?: string;
  /** The Effect element. */
  effect: Effect;
  /** Principal element, when present. */
  principal?: PrincipalBlock;
  /** NotPrincipal element, when present. */
  notPrincipal?: PrincipalBlock;
  /** Action element, when present. */
  action?: string[];
  /** NotAction element, when present. */
  notAction?: string[];
  /** Resource element, when present. */
  resource?: string[];
  /** NotResource element, when present. */
  notResource?: string[];
  /** Condition clauses, in document order. */
  conditions: ConditionClause[];
}

/** A parsed policy document. */
export interface PolicyDocument {
  /** Version element ("2012-10-17" or "2008-10-17"); absent means the 2008 language without policy variables. */
  version?: string;
  /** Id element, when present. */
  id?: string;
  /** Statements in document order. */
  statements: Statement[];
}

/** Severity of a validation finding, in IAM Access Analyzer's vocabulary (lower-cased). */
export type FindingSeverity = 'error' | 'security_warning' | 'warning' | 'suggestion';

/** One validation finding, in the manner of IAM Access Analyzer's ValidatePolicy. */
export interface Finding {
  /** Stable machine code, e.g. "MISSING_EFFECT", "SCP_PRINCIPAL_NOT_ALLOWED". */
  code: string;
  /** How serious it is; an "error" makes AWS reject the document. */
  severity: FindingSeverity;
  /** A sentence for people, naming the element and what to do. */
  message: string;
  /** JSONPath of the element concerned, e.g. "$.Statement[1].Condition.StringEquals". */
  path: string;
  /** 1-based line of the element in the policy text, when the text was given and the path found in it (see locateFindings). */
  line?: number;
  /** 1-based column of the element in the policy text, with `line`. */
  column?: number;
}

// ---------------------------------------------------------------------------------------------
// The world: what exists, as plain data
// ---------------------------------------------------------------------------------------------

/** A policy given as JSON text (as AWS stores it) or already parsed to a plain object. */
export type PolicySource = string | Record<string, unknown>;

/** Organizations policy types the engine evaluates for authorization. */
export type AuthzPolicyType = 'SCP' | 'RCP';

/** The AWS Control Tower control a statement of a Control Tower-managed policy (aws-guardrails-*) was deployed for. */
export interface ControlOrigin {
  /** The control's identifier: its Control Catalog ARN, or its legacy AWS-GR_ name when it has one. */
  identifier: string;
  /** The control's name as the Control Catalog gives it. */
  name: string;
}

/** An SCP or RCP in the organization. */
export interface OrgPolicy {
  /** Policy id, e.g. "p-FullAWSAccess" or "p-abcd1234". */
  id: string;
  /** Display name. */
  name: string;
  /** SCP or RCP. */
  type: AuthzPolicyType;
  /** The document. */
  document: PolicySource;
  /** True for AWS-managed policies such as FullAWSAccess and RCPFullAWSAccess. */
  awsManaged?: boolean;
  /** For a Control Tower-managed policy: the control behind each statement, by statement index (null: none known). */
  statementControls?: readonly (ControlOrigin | null)[];
}

/** An organizational unit (or the root, whose parentId is undefined). */
export interface OrgUnit {
  /** "r-xxxx" for the root, "ou-xxxx-yyyyyyyy" for an OU. */
  id: string;
  /** Display name. */
  name: string;
  /** Parent id; undefined for the root. */
  parentId?: string;
}

/** An AWS account known to the world; accounts outside the organization have no parentId. */
export interface Account {
  /** 12-digit account id. */
  id: string;
  /** Display name. */
  name?: string;
  /** Parent root or OU id when the account is a member of the organization. */
  parentId?: string;
  /**
   * For an account outside the organization: the id of the other organization it belongs to (a partner's, or another
   * organization of the same company), when known. AWS sets aws:PrincipalOrgID and aws:ResourceOrgID from it.
   */
  organizationId?: string;
  /** The account's S3 Block Public Access settings (s3control PutPublicAccessBlock), when set. */
  s3PublicAccessBlock?: S3PublicAccessBlock;
}

/**
 * S3 Block Public Access settings of an account or a bucket (PublicAccessBlockConfiguration). S3 applies the most
 * restrictive combination of the bucket's and its owner account's (access-control-block-public-access.html).
 */
export interface S3PublicAccessBlock {
  /** BlockPublicAcls: PUT calls with a public ACL fail. */
  blockPublicAcls: boolean;
  /** IgnorePublicAcls: public ACLs are ignored. */
  ignorePublicAcls: boolean;
  /** BlockPublicPolicy: PUT Bucket policy fails for a public policy. */
  blockPublicPolicy: boolean;
  /** RestrictPublicBuckets: a bucket with a public policy serves only AWS services and its owner account's principals. */
  restrictPublicBuckets: boolean;
}

/**
 * A management policy of the organization that changes what requests do: an Amazon S3 policy (S3_POLICY,
 * organization-level Block Public Access, orgs_manage_policies_s3.html) or an EC2 policy (DECLARATIVE_POLICY_EC2,
 * account attributes the accounts cannot change, orgs_manage_policies_ec2.html).
 */
export interface OrgManagementPolicy {
  /** Policy id, e.g. "p-abcd1234". */
  id: string;
  /** Display name. */
  name: string;
  /** The document as stored (JSON text in the management policy syntax). */
  document: string;
}

/** Management policies of one type and which root, OU or account each is attached to, in the order they were attached. */
export interface OrgManagementPolicies {
  /** The policies of the type. */
  policies: OrgManagementPolicy[];
  /** Their attachments, in the order they were made (the first attached wins a conflict at one target). */
  attachments: { policyId: string; targetId: string }[];
}

/** The organization around the accounts, when there is one. */
export interface Organization {
  /** "o-xxxxxxxxxx". */
  id: string;
  /** The management account's id: SCPs and RCPs never restrict it. */
  managementAccountId: string;
  /** ALL or CONSOLIDATED_BILLING; policies only take effect with ALL. */
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Which authorization policy types are enabled on the root. */
  enabledPolicyTypes: AuthzPolicyType[];
}

/** A tag as AWS returns it. */
export interface Tag {
  /** Tag key. */
  key: string;
  /** Tag value. */
  value: string;
}

/** An inline policy embedded in a user, group or role. */
export interface InlinePolicy {
  /** Policy name, unique within its owner. */
  name: string;
  /** The document. */
  document: PolicySource;
}

/** A customer-managed or AWS-managed policy (its default version). */
export interface ManagedPolicy {
  /** Policy ARN, e.g. "arn:aws:iam::aws:policy/ReadOnlyAccess". */
  arn: string;
  /** Policy name. */
  name: string;
  /** The default version's document. */
  document: PolicySource;
}

/** An IAM user. */
export interface IamUser {
  /** User ARN (includes the path). */
  arn: string;
  /** User name. */
  name: string;
  /** Path, "/" by default. */
  path: string;
  /** Unique id (AIDA...), used for aws:userid. */
  userId?: string;
  /** Names of the groups the user belongs to. */
  groups: string[];
  /** ARNs of attached managed policies. */
  attachedPolicyArns: string[];
  /** Inline policies. */
  inlinePolicies: InlinePolicy[];
  /** ARN of the managed policy used as permissions boundary. */
  permissionsBoundaryArn?: string;
  /** Tags (aws:PrincipalTag). */
  tags: Tag[];
}

/** An IAM group. */
export interface IamGroup {
  /** Group ARN. */
  arn: string;
  /** Group name. */
  name: string;
  /** Path. */
  path: string;
  /** ARNs of attached managed policies. */
  attachedPolicyArns: string[];
  /** Inline policies. */
  inlinePolicies: InlinePolicy[];
}

/** An IAM role. */
export interface IamRole {
  /** Role ARN (includes the path). */
  arn: string;
  /** Role name. */
  name: string;
  /** Path, e.g. "/" or "/aws-service-role/ec2.amazonaws.com/". */
  path: string;
  /** Unique id (AROA...), used for aws:userid of sessions. */
  roleId?: string;
  /** The trust policy (AssumeRolePolicyDocument). */
  trustPolicy: PolicySource;
  /** ARNs of attached managed policies. */
  attachedPolicyArns: string[];
  /** Inline policies. */
  inlinePolicies: InlinePolicy[];
  /** ARN of the managed policy used as permissions boundary. */
  permissionsBoundaryArn?: string;
  /** Tags (aws:PrincipalTag for its sessions). */
  tags: Tag[];
  /** Maximum session duration in seconds. */
  maxSessionDuration?: number;
}

/** IAM entities of one account, as `get-account-authorization-details` describes them. */
export interface AccountIam {
  /** Users. */
  users: IamUser[];
  /** Groups. */
  groups: IamGroup[];
  /** Roles. */
  roles: IamRole[];
  /** Customer-managed policies of this account and AWS-managed policies attached in it. */
  managedPolicies: ManagedPolicy[];
}

/** A resource-based policy (bucket policy, key policy, queue policy, ...). Role trust policies live on the role. */
export interface ResourcePolicy {
  /** The resource the policy is attached to. */
  resourceArn: string;
  /** The account that owns the resource, when it cannot be read from the ARN (S3 bucket ARNs have none). */
  accountId?: string;
  /** The document. */
  document: PolicySource;
  /** For an S3 bucket: its own Block Public Access settings (s3api PutPublicAccessBlock), when set. */
  publicAccessBlock?: S3PublicAccessBlock;
}

/** An AWS RAM resource share as the engine reads it: its ASSOCIATED principals can use its resources. */
export interface RamShare {
  /** arn:aws:ram:REGION:ACCOUNT:resource-share/ID. */
  arn: string;
  /** The share's name (ram:ResourceShareName). */
  name: string;
  /** The owning account. */
  ownerAccountId: string;
  /** ram:AllowsExternalPrincipals. */
  allowExternalPrincipals: boolean;
  /** Shared resources with their RAM type code (ec2:Subnet). */
  resources: { arn: string; type: string }[];
  /** Principals as the share names them (account id, organization/OU/IAM ARN, service) and their association status. */
  principals: { principal: string; status: string }[];
  /** The managed permission per resource type. */
  permissions: { resourceType: string; permissionArn: string; permissionVersion?: number }[];
}

/** A customer managed RAM permission (CreatePermission) with every version's policy template. */
export interface RamCustomerPermission {
  /** arn:aws:ram:REGION:ACCOUNT:permission/NAME. */
  arn: string;
  /** The permission's name. */
  name: string;
  /** The owning account. */
  ownerAccountId: string;
  /** The Region it was created in (customer managed permissions are Regional). */
  region: string;
  /** The RAM resource type it applies to. */
  resourceType: string;
  /** The version new shares get. */
  defaultVersion: number;
  /** Every version: its number and policy template text ({"Effect":"Allow","Action":[…],"Condition":{…}}). */
  versions: { version: number; policyTemplate: string; createdAt?: string }[];
}

/** Everything the engine needs to decide: the organization, its policies, and each account's IAM. */
export interface World {
  /** The organization; undefined for standalone accounts. */
  organization?: Organization;
  /** The root and every OU. */
  orgUnits: OrgUnit[];
  /** Every known account, inside the organization or not. */
  accounts: Account[];
  /** SCPs and RCPs. */
  policies: OrgPolicy[];
  /** Which policy is attached to which root, OU or account. */
  attachments: { policyId: string; targetId: string }[];
  /**
   * Amazon S3 policies and their attachments, while the S3_POLICY type is enabled on the root; absent otherwise.
   * The effective S3 policy of an account sets its Block Public Access in place of the account's own settings.
   */
  s3Policies?: OrgManagementPolicies;
  /**
   * EC2 policies (declarative policies for EC2) and their attachments, while the type is enabled on the root; absent
   * otherwise. An attribute an account's effective EC2 policy sets cannot be changed in the account.
   */
  ec2Policies?: OrgManagementPolicies;
  /** IAM data per account id. */
  iam: Record<string, AccountIam>;
  /** Resource-based policies. */
  resourcePolicies: ResourcePolicy[];
  /** Tags of the resources, by resource ARN (aws:ResourceTag). */
  resourceTags?: Record<string, Tag[]>;
  /**
   * Tags of the organization's own resources (root, OUs, member accounts, policies) by Organizations ARN, every one
   * listed, untagged ones with none: aws:ResourceTag/* of organizations:* calls (world/organization-resource-tags.ts).
   */
  organizationResourceTags?: Record<string, Tag[]>;
  /**
   * The organization's IAM Identity Center instance, when there is one. The roles it creates in accounts are in `iam`
   * (provisionIdentityCenter adds them); this is the model they come from (users, groups, permission sets, assignments).
   */
  identityCenter?: IdentityCenterModel;
  /** AWS RAM resource shares: their managed permissions act as resource-based policies of the shared resources. */
  ramShares?: RamShare[];
  /** Customer managed RAM permissions a share may use instead of an AWS managed one. */
  ramPermissions?: RamCustomerPermission[];
  /** VPC endpoints: a request whose aws:SourceVpce names one is also evaluated against its endpoint policy. */
  vpcEndpoints?: VpcEndpoint[];
}

/** A VPC endpoint as `aws ec2 describe-vpc-endpoints` describes it (VpcEndpointId, OwnerId, VpcId, ServiceName, ...). */
export interface VpcEndpoint {
  /** VpcEndpointId, "vpce-…". */
  id: string;
  /** OwnerId: the account that owns the endpoint. */
  ownerAccountId: string;
  /** VpcId: the VPC it is in (aws:SourceVpc of the requests through it). */
  vpcId: string;
  /** ServiceName, e.g. "com.amazonaws.us-east-1.s3". */
  serviceName: string;
  /** VpcEndpointType. */
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';
  /** PolicyDocument; undefined means AWS's default policy, which allows full access. */
  policy?: PolicySource;
}

// ---------------------------------------------------------------------------------------------
// Requests and decisions
// ---------------------------------------------------------------------------------------------

/** Context value types, as simulate-principal-policy's ContextKeyType names them. */
export type ContextValueType =
  | 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList'
  | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';

/** One request context entry supplied by the caller. */
export interface ContextEntry {
  /** Key name, e.g. "aws:RequestedRegion" (case-insensitive). */
  key: string;
  /** Values; a single-valued key has one. */
  values: string[];
  /** Declared type; list types make the key multivalued. */
  type: ContextValueType;
}

/** A request to authorize, as the principal would send it to AWS. */
export interface AuthzRequest {
  /**
   * Who calls: an IAM user ARN, a role ARN (evaluated as a session of that role), an assumed-role session ARN
   * ("arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION"), "arn:aws:iam::ACCOUNT:root" for the root user, or an AWS
   * service principal's name ("cloudtrail.amazonaws.com").
   */
  principalArn: string;
  /** The action, e.g. "s3:GetObject". */
  action: string;
  /** The resource ARN, or "*" for actions without a resource. */
  resource: string;
  /** The resource's owning account, when the ARN does not say (S3). */
  resourceAccount?: string;
  /** Caller-supplied context entries; the engine adds the keys AWS derives itself. */
  context: ContextEntry[];
  /** A session policy passed when the session was created. */
  sessionPolicy?: PolicySource;
  /**
   * Whose identity-based policies and permissions boundary to evaluate, when not the caller's own: an IAM user, role
   * or group ARN (simulate-principal-policy's PolicySourceArn with a CallerArn naming another user: "you simulate
   * calling the API operations as Bob, as if Bob had David's policies"). The caller stays `principalArn`.
   */
  policySourceArn?: string;
  /** Session tags passed to the AssumeRole call that created the session (AssumeRole's Tags); role sessions only. */
  sessionTags?: Tag[];
  /** The AssumeRole calls before the one that created the session, oldest first, when the session comes from role chaining. */
  roleChain?: RoleChainHop[];
}

/** One earlier AssumeRole call of a role chain: the role assumed, the session tags passed and which of them were transitive. */
export interface RoleChainHop {
  /** The role that call assumed. */
  roleArn: string;
  /** Session tags passed to that call (Tags). */
  tags: Tag[];
  /** Keys of those tags set as transitive (TransitiveTagKeys): they carry into every later session of the chain. */
  transitiveTagKeys: string[];
}

/** Final decision, in the IAM policy simulator's vocabulary. */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The evaluation layers, in the order AWS's evaluation logic walks them. */
export type Layer = 'scp' | 'rcp' | 'vpcEndpoint' | 'resource' | 'identity' | 'boundary' | 'session' | 'trust' | 'keyPolicy' | 'service';

/** What one layer (or one level of an SCP/RCP chain) concluded; `applied` is a service rule that shaped the request without deciding it. */
export type LayerOutcome = 'allow' | 'deny' | 'noMatch' | 'notApplicable' | 'applied';

/**
 * Why a decision came out as it did. Deny reasons name the layer that denied; "-no-allow" reasons name a
 * layer that was required to allow and did not. Every failing layer is listed, not only the first.
 */
export type ReasonCode =
  | 'scp-deny' | 'rcp-deny' | 'identity-deny' | 'resource-deny' | 'boundary-deny' | 'session-deny'
  | 'trust-deny' | 'key-policy-deny'
  | 'vpc-endpoint-deny' // the VPC endpoint policy of the endpoint the request goes through denies it
  | 'scp-no-allow' | 'rcp-no-allow'
  | 'vpc-endpoint-no-allow' // the VPC endpoint policy of the endpoint the request goes through does not allow it
  | 'no-allow' // same account: neither an identity nor a resource policy allowed
  | 'identity-no-allow' // cross-account: the principal's identity policies did not allow
  | 'resource-no-allow' // cross-account: the resource policy did not allow
  | 'boundary-no-allow' | 'session-no-allow' | 'trust-no-allow' | 'key-policy-no-allow'
  | 'identity-allow' | 'resource-allow'
  | 'service-rule-allow' // a documented service rule allows it whatever the policies say (see LayerTrace.rule)
  | 'service-rule-no-allow'; // a documented service rule means no policy can grant it (see LayerTrace.rule)

/** A statement that matched the request. */
export interface MatchedStatement {
  /** Policy id or ARN (managed policy ARN, "user/NAME/inline/POLICY", resource ARN, SCP id). */
  policyId: string;
  /** Display name of the policy. */
  policyName: string;
  /** Statement index in the document. */
  statementIndex: number;
  /** Sid, when present. */
  sid?: string;
  /** The statement's effect. */
  effect: Effect;
  /** Where the statement starts in the policy text (1-based line and column), when the policy was given as text. */
  position?: { line: number; column: number };
  /** The Control Tower control this statement enforces, when it belongs to a Control Tower-managed policy. */
  control?: ControlOrigin;
}

/** One step of the trace. */
export interface LayerTrace {
  /** Which layer. */
  layer: Layer;
  /** For SCP and RCP levels: the root, OU or account this level is. */
  level?: { targetId: string; targetName: string; kind: 'root' | 'ou' | 'account' };
  /** What it concluded. */
  outcome: LayerOutcome;
  /** Why, for people (e.g. "management account: SCPs do not apply"). */
  note?: string;
  /** Statements that matched (allow and deny). */
  matched: MatchedStatement[];
  /** Statements whose action, resource and principal matched but whose Condition did not hold (what a condition changed). */
  conditionNotMet?: MatchedStatement[];
  /** For layer "service": the documented service-specific rule that applied, with the AWS page that states it. */
  rule?: ServiceRuleRef;
}

/** A documented service-specific rule as the trace cites it. */
export interface ServiceRuleRef {
  /** Stable id, e.g. "s3-bucket-owner-root-bucket-policy". */
  id: string;
  /** What AWS does, in one sentence. */
  title: string;
  /** The AWS documentation page that states it. */
  doc: string;
}

/** The engine's answer for one request. */
export interface EvaluationResult {
  /** allowed, explicitDeny or implicitDeny. */
  decision: Decision;
  /** Every reason that applies (see ReasonCode); at least one. */
  reasons: ReasonCode[];
  /** One sentence for people. */
  summary: string;
  /** The trace, layer by layer. */
  trace: LayerTrace[];
  /**
   * True when some value of a key the request did not supply (and AWS does not set itself) would change the decision;
   * the UI then shows "depends on conditions". Exactly when `missingContextValues` is not empty.
   */
  conditionDependent: boolean;
  /** The full request context used, derived keys included (keys as AWS spells them). */
  context: ContextEntry[];
  /**
   * AWS's MissingContextValues: the keys, as the policies write them, that the request did not supply and whose value
   * could change the decision (server/engine/evaluate/condition-dependence.ts). Empty when the decision is settled.
   */
  missingContextValues: string[];
  /**
   * The request's ContextEntries for keys AWS sets itself (aws:ResourceOrgID, aws:PrincipalArn, ...) that were not
   * evaluated as supplied: the value the world gives (or none: AWS leaves the key out) was used instead. Empty when the
   * request supplied none or supplied the same values.
   */
  overriddenContext: OverriddenContextEntry[];
}

/** A caller-supplied context entry that AWS would not take from the caller, and what was evaluated instead. */
export interface OverriddenContextEntry {
  /** The key as the request spelled it. */
  key: string;
  /** The values the request supplied. */
  supplied: string[];
  /** The values evaluated instead; undefined when AWS leaves the key out of this request. */
  used?: string[];  /** The same, for people (evaluate/overridden-context-note.ts). */
  note: string;
}

/** The request context during evaluation: entries keyed by the lower-cased key name (keys are case-insensitive). */
export type RequestContext = ReadonlyMap<string, ContextEntry>;
