// AWS export bundle -> interchange model, validating everything before anything is written: shapes, identifier
// formats, references (every ParentId and TargetId resolves), uniqueness (ids, sibling OU names, policy names,
// emails), the OU depth quota, and every policy document through the engine's validators. The bundle is the AWS
// CLI's own output shapes gathered in one document (see README "Import and export formats").
import 'server-only';

import { decodePolicyText, isUrlEncodedPolicy } from '../../engine/policy/decode';
import { validatePolicy } from '../../engine/policy/validate';
import { isPlainObject } from '../../engine/aws/json-checks';
import { isManagementPolicyType, validateManagementPolicy } from '../../engine/management';
import type { Finding, PolicyKind } from '../../engine/types';
import type { IdentityPolicyContainer } from '../../engine/policy/validate';
import type { OrganizationsPolicyTypeDto, TagDto } from '../../db/dto';
import type {
  AccountStatus, InterchangeAccount, InterchangeAccountIam, InterchangeDesign, InterchangeGroup, InterchangeInlinePolicy,
  InterchangeManagedPolicy, InterchangeOu, InterchangePolicy, InterchangeResourcePolicy, InterchangeRole, InterchangeUser,
  PolicyTypeStatus,
} from '../../db/import-export-model';
import { ProblemList } from './import-problems';
import { DEFAULT_ORGANIZATION_QUOTAS, type OrgPolicyTypeName } from '../../engine/quotas';
import { OU_MAX_DEPTH, POLICY_TYPES, resourceTypeOf, sortDesign } from './model-rules';

/** What reading a bundle gives besides the model: warnings about data that cannot be kept. */
export interface ReadBundleResult {
  design: InterchangeDesign;
  warnings: string[];
}

// Identifier patterns of the Organizations API reference (the "Id" parameters of each action).
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
const ACCOUNT_ID = /^\d{12}$/;
const JOINED_METHODS = new Set(['CREATED', 'INVITED']);
const ACCOUNT_STATUSES = new Set<AccountStatus>(['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED', 'INVITED_PENDING']);
const TYPE_STATUSES = new Set<PolicyTypeStatus>(['ENABLED', 'PENDING_ENABLE', 'PENDING_DISABLE']);

type Json = Record<string, unknown>;

/** A small shape checker recording every problem with its JSONPath. */
class Reader {
  constructor(readonly problems: ProblemList) {}

  object(value: unknown, path: string): Json | undefined {
    if (isPlainObject(value)) return value;
    this.problems.add(path, `expected an object, got ${describe(value)}`);
    return undefined;
  }

  array(value: unknown, path: string, required = false): unknown[] {
    if (value === undefined || value === null) {
      if (required) this.problems.add(path, 'is required');
      return [];
    }
    if (Array.isArray(value)) return value;
    this.problems.add(path, `expected an array, got ${describe(value)}`);
    return [];
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.length > 0) return value;
    this.problems.add(path, value === undefined ? 'is required' : `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.problems.add(path, `expected a string, got ${describe(value)}`);
    return undefined;
  }

  id(value: unknown, path: string, pattern: RegExp, what: string): string | undefined {
    const text = this.string(value, path);
    if (text !== undefined && !pattern.test(text)) {
      this.problems.add(path, `"${text}" is not a valid ${what} (pattern ${pattern.source})`);
      return undefined;
    }
    return text;
  }

  tags(value: unknown, path: string): TagDto[] {
    const tags: TagDto[] = [];
    const keys = new Set<string>();
    this.array(value, path).forEach((entry, i) => {
      const item = this.object(entry, `${path}[${i}]`);
      if (!item) return;
      const key = this.string(item.Key, `${path}[${i}].Key`);
      const tagValue = typeof item.Value === 'string' ? item.Value : this.string(item.Value, `${path}[${i}].Value`);
      if (key === undefined || tagValue === undefined) return;
      if (keys.has(key)) this.problems.add(`${path}[${i}].Key`, `duplicate tag key "${key}"`, 'InvalidInputException');
      keys.add(key);
      tags.push({ key, value: tagValue });
    });
    return tags;
  }

  /** A policy document as JSON text: objects are serialised, URL-encoded text (raw IAM API output) is decoded. */
  document(value: unknown, path: string): string | undefined {
    if (isPlainObject(value)) return JSON.stringify(value);
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.problems.add(path, 'expected a policy document (a JSON object, JSON text or URL-encoded JSON text)', 'MalformedPolicyDocumentException');
      return undefined;
    }
    if (value.trim().startsWith('{')) return value;
    if (!isUrlEncodedPolicy(value)) {
      this.problems.add(path, 'is neither a JSON object nor URL-encoded JSON text', 'MalformedPolicyDocumentException');
      return undefined;
    }
    try {
      return decodePolicyText(value);
    } catch (error) {
      this.problems.add(path, (error as Error).message, 'MalformedPolicyDocumentException');
      return undefined;
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the string "${value.slice(0, 40)}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function reportFindings(problems: ProblemList, path: string, owner: string, findings: readonly Finding[]): void {
  for (const found of findings) {
    if (found.severity !== 'error') continue;
    problems.add(path, `${owner}: ${found.message} (at ${found.path})`, 'MalformedPolicyDocumentException');
  }
}

// Real exports repeat documents: every account lists the same AWS-managed policies and near-identical trust policies.
// Validation is a pure function of (kind, container, text), so each distinct document is validated once per import.
let validationMemo = new Map<string, Finding[]>();

/** Checks an IAM document with the engine's validator; errors become MalformedPolicyDocumentException. */
function checkIamDocument(
  problems: ProblemList, path: string, owner: string, document: string, kind: PolicyKind, container?: IdentityPolicyContainer, awsManaged = false,
): void {
  const key = `${kind}\u0000${container ?? ''}\u0000${awsManaged}\u0000${document}`;
  let findings = validationMemo.get(key);
  if (!findings) {
    findings = validatePolicy(document, kind, { awsManaged, ...(container ? { identityContainer: container } : {}) });
    validationMemo.set(key, findings);
  }
  reportFindings(problems, path, owner, findings);
}

/** Checks an Organizations policy's content with the validator of its type. */
export function checkOrganizationsPolicyContent(
  problems: ProblemList, path: string, owner: string, type: OrganizationsPolicyTypeDto, content: string, awsManaged: boolean,
): void {
  if (type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY') {
    reportFindings(problems, path, owner, validatePolicy(content, type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP', { awsManaged }));
  } else if (isManagementPolicyType(type)) {
    reportFindings(problems, path, owner, validateManagementPolicy(type, content));
  } else {
    // Other types (declarative, chatbot, Security Hub, ...) have grammars of their own; they must at least be a JSON object.
    try {
      if (!isPlainObject(JSON.parse(content))) problems.add(path, `${owner}: the content is not a JSON object`, 'MalformedPolicyDocumentException');
    } catch (error) {
      problems.add(path, `${owner}: the content is not valid JSON (${(error as Error).message})`, 'MalformedPolicyDocumentException');
    }
  }
}

/** Reads and validates an AWS export bundle; throws ImportRejectedError listing every problem. */
export function readBundle(bundle: unknown, source = 'The bundle'): ReadBundleResult {
  validationMemo = new Map();
  try {
    return readBundleValidated(bundle, source);
  } finally {
    validationMemo = new Map();
  }
}

function readBundleValidated(bundle: unknown, source: string): ReadBundleResult {
  const problems = new ProblemList();
  const read = new Reader(problems);
  const warnings: string[] = [];
  const top = read.object(bundle, '$');
  if (!top) return problems.reject(source);

  // --- Organization and root ---------------------------------------------------------------------------------
  let organization: InterchangeDesign['organization'] = null;
  if (top.Organization !== undefined && top.Organization !== null) {
    const org = read.object(top.Organization, '$.Organization');
    if (org) {
      const awsId = read.id(org.Id, '$.Organization.Id', ORG_ID, 'organization id');
      const managementAccountId = read.id(org.MasterAccountId, '$.Organization.MasterAccountId', ACCOUNT_ID, '12-digit account id');
      const featureSet = org.FeatureSet ?? 'ALL';
      if (featureSet !== 'ALL' && featureSet !== 'CONSOLIDATED_BILLING') {
        problems.add('$.Organization.FeatureSet', `expected "ALL" or "CONSOLIDATED_BILLING", got ${JSON.stringify(featureSet)}`);
      }
      const services = new Set<string>();
      read.array(top.EnabledServicePrincipals, '$.EnabledServicePrincipals').forEach((entry, i) => {
        const item = read.object(entry, `$.EnabledServicePrincipals[${i}]`);
        const principal = item && read.string(item.ServicePrincipal, `$.EnabledServicePrincipals[${i}].ServicePrincipal`);
        if (principal) services.add(principal);
      });
      if (awsId && managementAccountId) {
        organization = {
          awsId,
          managementAccountId,
          featureSet: featureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
          serviceAccessPrincipals: [...services].sort(),
        };
      }
    }
  }

  const targets = new Map<string, 'ROOT' | 'OU' | 'ACCOUNT'>();
  const roots = read.array(top.Roots, '$.Roots');
  let root: InterchangeDesign['root'] = null;
  if (top.Organization && roots.length !== 1) problems.add('$.Roots', `an organization has exactly one root, found ${roots.length}`);
  if (!top.Organization && roots.length > 0) problems.add('$.Organization', 'is required when Roots are given');
  const rootItem = roots.length === 1 ? read.object(roots[0], '$.Roots[0]') : undefined;
  if (rootItem) {
    const awsId = read.id(rootItem.Id, '$.Roots[0].Id', ROOT_ID, 'root id');
    const policyTypes: NonNullable<InterchangeDesign['root']>['policyTypes'] = [];
    read.array(rootItem.PolicyTypes, '$.Roots[0].PolicyTypes').forEach((entry, i) => {
      const path = `$.Roots[0].PolicyTypes[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const type = read.string(item.Type, `${path}.Type`);
      const status = (item.Status ?? 'ENABLED') as PolicyTypeStatus;
      if (type && !POLICY_TYPES.has(type)) problems.add(`${path}.Type`, `unknown policy type "${type}"`);
      else if (!TYPE_STATUSES.has(status)) problems.add(`${path}.Status`, `unknown status ${JSON.stringify(item.Status)}`);
      else if (type) {
        if (policyTypes.some((t) => t.type === type)) problems.add(`${path}.Type`, `policy type ${type} is listed twice`);
        else policyTypes.push({ type: type as OrganizationsPolicyTypeDto, status });
      }
    });
    if (awsId) {
      root = { awsId, name: read.optionalString(rootItem.Name, '$.Roots[0].Name') ?? 'Root', policyTypes, tags: read.tags(rootItem.Tags, '$.Roots[0].Tags') };
      targets.set(awsId, 'ROOT');
    }
  }

  // --- OUs ---------------------------------------------------------------------------------------------------
  const ous: (InterchangeOu & { path: string })[] = [];
  read.array(top.OrganizationalUnits, '$.OrganizationalUnits').forEach((entry, i) => {
    const path = `$.OrganizationalUnits[${i}]`;
    const item = read.object(entry, path);
    if (!item) return;
    const awsId = read.id(item.Id, `${path}.Id`, OU_ID, 'OU id');
    const parentId = read.string(item.ParentId, `${path}.ParentId`);
    const name = read.string(item.Name, `${path}.Name`);
    if (!awsId || !parentId || !name) return;
    if (targets.has(awsId)) {
      problems.add(`${path}.Id`, `duplicate id "${awsId}"`);
      return;
    }
    targets.set(awsId, 'OU');
    ous.push({ awsId, name, parentId, tags: read.tags(item.Tags, `${path}.Tags`), path });
  });
  const ouById = new Map(ous.map((ou) => [ou.awsId, ou]));
  const siblingNames = new Map<string, string>();
  const depthOf = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    if (targets.get(id) === 'ROOT') return 0;
    const known = depthOf.get(id);
    if (known !== undefined) return known;
    const ou = ouById.get(id);
    if (!ou || seen.has(id)) return Number.NaN;
    seen.add(id);
    const value = depth(ou.parentId, seen) + 1;
    depthOf.set(id, value);
    return value;
  };
  for (const ou of ous) {
    const parentKind = targets.get(ou.parentId);
    if (parentKind !== 'ROOT' && parentKind !== 'OU') {
      problems.add(`${ou.path}.ParentId`, `parent "${ou.parentId}" is neither the root nor a known OU`, 'ParentNotFoundException');
      continue;
    }
    const level = depth(ou.awsId, new Set());
    if (Number.isNaN(level)) problems.add(`${ou.path}.ParentId`, `OU "${ou.awsId}" is its own ancestor`, 'InvalidInputException');
    else if (level > OU_MAX_DEPTH) {
      problems.add(`${ou.path}.ParentId`, `OU "${ou.awsId}" would be ${level} levels below the root; at most ${OU_MAX_DEPTH} are allowed`, 'ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED');
    }
    const siblingKey = `${ou.parentId}\u0000${ou.name}`;
    const other = siblingNames.get(siblingKey);
    if (other) problems.add(`${ou.path}.Name`, `an OU named "${ou.name}" already exists under ${ou.parentId} (${other})`, 'DuplicateOrganizationalUnitException');
    else siblingNames.set(siblingKey, ou.awsId);
  }

  // --- Accounts ----------------------------------------------------------------------------------------------
  const accounts: InterchangeAccount[] = [];
  const emails = new Map<string, string>();
  read.array(top.Accounts, '$.Accounts').forEach((entry, i) => {
    const path = `$.Accounts[${i}]`;
    const item = read.object(entry, path);
    if (!item) return;
    const accountId = read.id(item.Id, `${path}.Id`, ACCOUNT_ID, '12-digit account id');
    const parentId = organization ? read.string(item.ParentId, `${path}.ParentId`) : read.optionalString(item.ParentId, `${path}.ParentId`);
    const email = read.optionalString(item.Email, `${path}.Email`) ?? null;
    const joinedMethod = item.JoinedMethod ?? 'CREATED';
    const status = (item.Status ?? item.State ?? 'ACTIVE') as AccountStatus;
    // The CLI prints ISO 8601 text; raw API output (and some SDK dumps) give epoch seconds.
    const joinedAt = typeof item.JoinedTimestamp === 'number'
      ? new Date(item.JoinedTimestamp * 1000).toISOString()
      : read.optionalString(item.JoinedTimestamp, `${path}.JoinedTimestamp`);
    if (!JOINED_METHODS.has(String(joinedMethod))) problems.add(`${path}.JoinedMethod`, `expected "CREATED" or "INVITED", got ${JSON.stringify(joinedMethod)}`);
    if (!ACCOUNT_STATUSES.has(status)) problems.add(`${path}.Status`, `unknown account status ${JSON.stringify(status)}`);
    if (joinedAt !== undefined && Number.isNaN(Date.parse(joinedAt))) problems.add(`${path}.JoinedTimestamp`, `"${joinedAt}" is not a timestamp`);
    if (!accountId) return;
    if (targets.has(accountId)) {
      problems.add(`${path}.Id`, `duplicate account "${accountId}"`, 'DuplicateAccountException');
      return;
    }
    if (parentId) {
      const kind = targets.get(parentId);
      if (kind !== 'ROOT' && kind !== 'OU') problems.add(`${path}.ParentId`, `parent "${parentId}" is neither the root nor a known OU`, 'ParentNotFoundException');
    }
    if (email) {
      const owner = emails.get(email.toLowerCase());
      if (owner) problems.add(`${path}.Email`, `email "${email}" is already used by account ${owner}`, 'DuplicateAccountException');
      emails.set(email.toLowerCase(), accountId);
    }
    targets.set(accountId, 'ACCOUNT');
    accounts.push({
      accountId,
      name: read.optionalString(item.Name, `${path}.Name`) || accountId,
      email,
      joinedMethod: joinedMethod === 'INVITED' ? 'INVITED' : 'CREATED',
      status,
      joinedAt: joinedAt ? new Date(joinedAt).toISOString() : null,
      parentId: parentId ?? null,
      tags: read.tags(item.Tags, `${path}.Tags`),
    });
  });
  if (organization && !accounts.some((a) => a.accountId === organization!.managementAccountId)) {
    problems.add('$.Organization.MasterAccountId', `management account "${organization.managementAccountId}" is not in $.Accounts`, 'AccountNotFoundException');
  }

  // --- Organizations policies ----------------------------------------------------------------------------------
  const policies: InterchangePolicy[] = [];
  const policyNames = new Map<string, string>();
  const enabledTypes = new Set((root?.policyTypes ?? []).filter((t) => t.status !== 'PENDING_ENABLE').map((t) => t.type));
  read.array(top.Policies, '$.Policies').forEach((entry, i) => {
    const path = `$.Policies[${i}]`;
    const item = read.object(entry, path);
    const summary = item && read.object(item.PolicySummary, `${path}.PolicySummary`);
    if (!item || !summary) return;
    const awsManaged = summary.AwsManaged === true;
    const awsId = read.id(summary.Id, `${path}.PolicySummary.Id`, POLICY_ID, 'policy id');
    const type = read.string(summary.Type, `${path}.PolicySummary.Type`);
    const name = read.string(summary.Name, `${path}.PolicySummary.Name`);
    const content = isPlainObject(item.Content) ? JSON.stringify(item.Content) : read.string(item.Content, `${path}.Content`);
    if (type && !POLICY_TYPES.has(type)) problems.add(`${path}.PolicySummary.Type`, `unknown policy type "${type}"`);
    if (!awsId || !type || !POLICY_TYPES.has(type) || !name || content === undefined) return;
    const policyType = type as OrganizationsPolicyTypeDto;
    if (policies.some((p) => p.awsId === awsId)) {
      problems.add(`${path}.PolicySummary.Id`, `duplicate policy id "${awsId}"`);
      return;
    }
    const nameKey = `${type}\u0000${name}`;
    if (policyNames.has(nameKey)) problems.add(`${path}.PolicySummary.Name`, `a ${type} named "${name}" already exists (${policyNames.get(nameKey)})`, 'DuplicatePolicyException');
    policyNames.set(nameKey, awsId);
    checkOrganizationsPolicyContent(problems, `${path}.Content`, `policy ${awsId} ("${name}")`, policyType, content, awsManaged);
    const targetIds = new Set<string>();
    read.array(item.Targets, `${path}.Targets`).forEach((targetEntry, t) => {
      const targetPath = `${path}.Targets[${t}]`;
      const target = read.object(targetEntry, targetPath);
      const targetId = target && read.string(target.TargetId, `${targetPath}.TargetId`);
      if (!targetId) return;
      if (!targets.has(targetId)) {
        problems.add(`${targetPath}.TargetId`, `target "${targetId}" is not the root, a known OU or a known account`, 'TargetNotFoundException');
        return;
      }
      if (targetIds.has(targetId)) problems.add(`${targetPath}.TargetId`, `policy ${awsId} is attached to "${targetId}" twice`, 'DuplicatePolicyAttachmentException');
      targetIds.add(targetId);
    });
    if (targetIds.size > 0 && root && !enabledTypes.has(policyType)) {
      warnings.push(`${path}: ${type} ${awsId} is attached but the type is not enabled on the root; AWS applies it only once enabled`);
    }
    policies.push({
      awsId,
      type: policyType,
      name,
      description: read.optionalString(summary.Description, `${path}.PolicySummary.Description`) ?? '',
      content,
      awsManaged,
      tags: read.tags(item.Tags, `${path}.Tags`),
      targetIds: [...targetIds].sort(),
    });
  });

  if (!organization && policies.length > 0) problems.add('$.Policies', 'Organizations policies need an $.Organization', 'AWSOrganizationsNotInUseException');
  if (organization && root) checkOrganizationQuotas(problems, root, ous.map((ou) => ou.awsId), accounts, policies, organization.featureSet);

  // --- Delegated administrators --------------------------------------------------------------------------------
  const delegated: InterchangeDesign['delegatedAdministrators'] = [];
  read.array(top.DelegatedAdministrators, '$.DelegatedAdministrators').forEach((entry, i) => {
    const path = `$.DelegatedAdministrators[${i}]`;
    const item = read.object(entry, path);
    if (!item) return;
    const accountId = read.id(item.AccountId, `${path}.AccountId`, ACCOUNT_ID, '12-digit account id');
    const servicePrincipal = read.string(item.ServicePrincipal, `${path}.ServicePrincipal`);
    if (!accountId || !servicePrincipal) return;
    if (targets.get(accountId) !== 'ACCOUNT') problems.add(`${path}.AccountId`, `account "${accountId}" is not a member of the organization`, 'AccountNotRegisteredException');
    else if (organization && accountId === organization.managementAccountId) problems.add(`${path}.AccountId`, 'the management account cannot be a delegated administrator', 'ConstraintViolationException', 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR');
    else if (delegated.some((d) => d.accountId === accountId && d.servicePrincipal === servicePrincipal)) problems.add(path, `account ${accountId} is already delegated administrator for ${servicePrincipal}`, 'AccountAlreadyRegisteredException');
    else delegated.push({ accountId, servicePrincipal });
  });

  // --- IAM per account ---------------------------------------------------------------------------------------
  const knownAccounts = new Set(accounts.map((a) => a.accountId));
  const addExternal = (accountId: string): void => {
    if (knownAccounts.has(accountId)) return;
    knownAccounts.add(accountId);
    // An account known only from its IAM data or resources is a real principal outside the zone of trust.
    accounts.push({ accountId, name: accountId, email: null, joinedMethod: 'CREATED', status: 'ACTIVE', joinedAt: null, parentId: null, tags: [] });
  };
  const managedByArn = new Map<string, InterchangeManagedPolicy>();
  const iam: Record<string, InterchangeAccountIam> = {};
  if (top.AuthorizationDetails !== undefined && top.AuthorizationDetails !== null) {
    const byAccount = read.object(top.AuthorizationDetails, '$.AuthorizationDetails') ?? {};
    for (const [accountId, value] of Object.entries(byAccount)) {
      const path = `$.AuthorizationDetails["${accountId}"]`;
      if (!ACCOUNT_ID.test(accountId)) {
        problems.add(path, `"${accountId}" is not a 12-digit account id`);
        continue;
      }
      const details = read.object(value, path);
      if (!details) continue;
      addExternal(accountId);
      iam[accountId] = readAccountIam(read, details, path, accountId, managedByArn, warnings);
    }
  }
  // Attached policies and boundaries must name a managed policy the design holds; group names a group of the account.
  for (const [accountId, accountIam] of Object.entries(iam)) {
    const groupNames = new Set(accountIam.groups.map((g) => g.name));
    const keepKnown = (owner: string, arns: string[]) => arns.filter((arn) => {
      if (managedByArn.has(arn)) return true;
      warnings.push(`${owner}: attached policy ${arn} is in no account's Policies list; the attachment is not imported`);
      return false;
    });
    for (const user of accountIam.users) {
      const owner = `arn:aws:iam::${accountId}:user${user.path}${user.name}`;
      user.attachedPolicyArns = keepKnown(owner, user.attachedPolicyArns);
      user.groups = user.groups.filter((group) => {
        if (groupNames.has(group)) return true;
        warnings.push(`${owner}: group "${group}" is not in the account's GroupDetailList; the membership is not imported`);
        return false;
      });
    }
    for (const group of accountIam.groups) group.attachedPolicyArns = keepKnown(`arn:aws:iam::${accountId}:group${group.path}${group.name}`, group.attachedPolicyArns);
    for (const role of accountIam.roles) role.attachedPolicyArns = keepKnown(`arn:aws:iam::${accountId}:role${role.path}${role.name}`, role.attachedPolicyArns);
  }

  // --- Resource policies and resource tags -------------------------------------------------------------------
  const resourceTags = new Map<string, TagDto[]>();
  if (top.ResourceTags !== undefined && top.ResourceTags !== null) {
    for (const [arn, tags] of Object.entries(read.object(top.ResourceTags, '$.ResourceTags') ?? {})) {
      resourceTags.set(arn, read.tags(tags, `$.ResourceTags["${arn}"]`));
    }
  }
  const resourcePolicies: InterchangeResourcePolicy[] = [];
  read.array(top.ResourcePolicies, '$.ResourcePolicies').forEach((entry, i) => {
    const path = `$.ResourcePolicies[${i}]`;
    const item = read.object(entry, path);
    if (!item) return;
    const resourceArn = read.string(item.ResourceArn, `${path}.ResourceArn`);
    const document = read.document(item.Policy, `${path}.Policy`);
    if (!resourceArn || document === undefined) return;
    const fields = resourceArn.split(':');
    if (fields.length < 6 || fields[0] !== 'arn') {
      problems.add(`${path}.ResourceArn`, `"${resourceArn}" is not an ARN`);
      return;
    }
    const accountId = item.AccountId === undefined || item.AccountId === null
      ? fields[4]
      : read.id(item.AccountId, `${path}.AccountId`, ACCOUNT_ID, '12-digit account id');
    if (!accountId || !ACCOUNT_ID.test(accountId)) {
      problems.add(`${path}.AccountId`, `the owning account cannot be read from "${resourceArn}": give AccountId`);
      return;
    }
    if (resourcePolicies.some((p) => p.accountId === accountId && p.resourceArn === resourceArn)) {
      problems.add(`${path}.ResourceArn`, `a policy for "${resourceArn}" is already given`);
      return;
    }
    checkIamDocument(problems, `${path}.Policy`, `resource policy of ${resourceArn}`, document, 'RESOURCE');
    addExternal(accountId);
    resourcePolicies.push({ accountId, resourceArn, resourceType: resourceTypeOf(resourceArn), document, tags: resourceTags.get(resourceArn) ?? [] });
  });
  for (const arn of resourceTags.keys()) {
    if (!resourcePolicies.some((p) => p.resourceArn === arn)) warnings.push(`$.ResourceTags["${arn}"]: no resource policy for this ARN; its tags are not imported`);
  }

  problems.throwIfAny(source);
  const design: InterchangeDesign = {
    organization,
    root,
    ous: ous.map(({ path: _path, ...ou }) => ou),
    accounts,
    policies,
    delegatedAdministrators: delegated,
    managedPolicies: [...managedByArn.values()],
    iam,
    resourcePolicies,
  };
  return { design: sortDesign(design), warnings };
}

/**
 * AWS's structural quotas (orgs_reference_limits.html, from the quotas data): OUs per organization, policies per
 * organization and per target, and while a type is enabled at least one policy of it on every root, OU and account
 * (FullAWSAccess / RCPFullAWSAccess unless replaced). A real export always satisfies them; a hand-made bundle may not.
 */
function checkOrganizationQuotas(
  problems: ProblemList, root: NonNullable<InterchangeDesign['root']>, ouIds: string[], accounts: InterchangeAccount[],
  policies: InterchangePolicy[], featureSet: 'ALL' | 'CONSOLIDATED_BILLING',
): void {
  const quotas = DEFAULT_ORGANIZATION_QUOTAS;
  if (ouIds.length > quotas.maxOusPerOrganization) {
    problems.add('$.OrganizationalUnits', `${ouIds.length} OUs; an organization holds at most ${quotas.maxOusPerOrganization}`, 'ConstraintViolationException', 'OU_NUMBER_LIMIT_EXCEEDED');
  }
  const targets = [root.awsId, ...ouIds, ...accounts.filter((a) => a.parentId !== null).map((a) => a.accountId)];
  for (const [type, max] of Object.entries(quotas.maxPoliciesAttachedPerTarget) as [OrgPolicyTypeName, number][]) {
    const ofType = policies.filter((p) => p.type === type);
    const perOrganization = quotas.maxPoliciesPerOrganization[type];
    if (ofType.length > perOrganization) problems.add('$.Policies', `${ofType.length} ${type} policies; at most ${perOrganization} per organization`, 'ConstraintViolationException', 'POLICY_NUMBER_LIMIT_EXCEEDED');
    const attached = new Map<string, number>();
    for (const policy of ofType) for (const target of policy.targetIds) attached.set(target, (attached.get(target) ?? 0) + 1);
    for (const [target, count] of attached) {
      if (count > max) problems.add('$.Policies', `${count} ${type} policies are attached to ${target}; at most ${max} may be`, 'ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
    }
    const min = quotas.minPoliciesAttachedPerTarget[type];
    const enabled = featureSet === 'ALL' && root.policyTypes.some((t) => t.type === type && t.status === 'ENABLED');
    if (!min || !enabled) continue;
    for (const target of targets) {
      if ((attached.get(target) ?? 0) < min) {
        problems.add('$.Policies', `no ${type} is attached to ${target}; while the type is enabled every root, OU and account keeps at least ${min}`, 'ConstraintViolationException', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      }
    }
  }
}

function readAccountIam(
  read: Reader, details: Json, path: string, accountId: string, managedByArn: Map<string, InterchangeManagedPolicy>, warnings: string[],
): InterchangeAccountIam {
  const problems = read.problems;
  const arnInAccount = (value: unknown, at: string): string | undefined => {
    const arn = read.string(value, at);
    if (!arn) return undefined;
    const fields = arn.split(':');
    if (fields.length < 6 || fields[0] !== 'arn' || fields[2] !== 'iam') problems.add(at, `"${arn}" is not an IAM ARN`);
    else if (fields[4] !== accountId) problems.add(at, `"${arn}" belongs to account ${fields[4]}, not ${accountId}`);
    else return arn;
    return undefined;
  };
  const inline = (value: unknown, at: string, owner: string, container: IdentityPolicyContainer): InterchangeInlinePolicy[] => {
    const result: InterchangeInlinePolicy[] = [];
    read.array(value, at).forEach((entry, i) => {
      const item = read.object(entry, `${at}[${i}]`);
      if (!item) return;
      const name = read.string(item.PolicyName, `${at}[${i}].PolicyName`);
      const document = read.document(item.PolicyDocument, `${at}[${i}].PolicyDocument`);
      if (!name || document === undefined) return;
      if (result.some((p) => p.name === name)) problems.add(`${at}[${i}].PolicyName`, `${owner} has two inline policies named "${name}"`, 'EntityAlreadyExistsException');
      checkIamDocument(problems, `${at}[${i}].PolicyDocument`, `inline policy "${name}" of ${owner}`, document, 'IDENTITY', container);
      result.push({ name, document });
    });
    return result.sort((a, b) => a.name.localeCompare(b.name));
  };
  const attached = (value: unknown, at: string): string[] => {
    const arns = new Set<string>();
    read.array(value, at).forEach((entry, i) => {
      const item = read.object(entry, `${at}[${i}]`);
      const arn = item && read.string(item.PolicyArn, `${at}[${i}].PolicyArn`);
      if (arn) arns.add(arn);
    });
    return [...arns].sort();
  };
  const boundary = (value: unknown, at: string): string | null => {
    if (value === undefined || value === null) return null;
    const item = read.object(value, at);
    return (item && read.string(item.PermissionsBoundaryArn, `${at}.PermissionsBoundaryArn`)) ?? null;
  };
  const uniqueName = (names: Set<string>, name: string, at: string, kind: string): void => {
    if (names.has(name)) problems.add(at, `account ${accountId} has two ${kind}s named "${name}"`, 'EntityAlreadyExistsException');
    names.add(name);
  };

  // Managed policies first: attachments and boundaries refer to them.
  read.array(details.Policies, `${path}.Policies`).forEach((entry, i) => {
    const p = `${path}.Policies[${i}]`;
    const item = read.object(entry, p);
    if (!item) return;
    const arn = read.string(item.Arn, `${p}.Arn`);
    const name = read.string(item.PolicyName, `${p}.PolicyName`);
    const versionList = read.array(item.PolicyVersionList, `${p}.PolicyVersionList`, true);
    if (!arn || !name) return;
    const fields = arn.split(':');
    const scope = fields[4] === 'aws' ? 'AWS' : 'LOCAL';
    if (fields.length < 6 || fields[0] !== 'arn' || fields[2] !== 'iam' || (scope === 'LOCAL' && fields[4] !== accountId)) {
      problems.add(`${p}.Arn`, `"${arn}" is neither an AWS-managed policy ARN nor a policy of account ${accountId}`);
      return;
    }
    const versions: InterchangeManagedPolicy['versions'] = [];
    versionList.forEach((versionEntry, v) => {
      const vp = `${p}.PolicyVersionList[${v}]`;
      const version = read.object(versionEntry, vp);
      if (!version) return;
      const versionId = read.string(version.VersionId, `${vp}.VersionId`);
      const document = read.document(version.Document, `${vp}.Document`);
      if (!versionId || document === undefined) return;
      if (versions.some((existing) => existing.versionId === versionId)) problems.add(`${vp}.VersionId`, `duplicate version "${versionId}"`);
      checkIamDocument(problems, `${vp}.Document`, `managed policy ${arn} ${versionId}`, document, 'IDENTITY', 'managed', scope === 'AWS');
      versions.push({ versionId, document, isDefault: version.IsDefaultVersion === true });
    });
    const defaults = versions.filter((v) => v.isDefault).length;
    if (defaults !== 1) problems.add(`${p}.PolicyVersionList`, `exactly one version must have IsDefaultVersion true, found ${defaults}`);
    const policy: InterchangeManagedPolicy = {
      arn,
      name,
      path: read.optionalString(item.Path, `${p}.Path`) ?? '/',
      policyId: read.optionalString(item.PolicyId, `${p}.PolicyId`) ?? null,
      description: read.optionalString(item.Description, `${p}.Description`) ?? '',
      scope,
      accountId: scope === 'AWS' ? null : accountId,
      versions: versions.sort((a, b) => a.versionId.localeCompare(b.versionId, 'en', { numeric: true })),
    };
    const existing = managedByArn.get(arn);
    if (!existing) managedByArn.set(arn, policy);
    else if (scope === 'LOCAL') problems.add(`${p}.Arn`, `policy ${arn} is listed twice`, 'EntityAlreadyExistsException');
    else if (JSON.stringify(existing.versions) !== JSON.stringify(policy.versions)) {
      // AWS-managed policies exist once; two accounts listing different versions means two snapshots in time.
      warnings.push(`${p}: AWS-managed policy ${arn} differs from the copy listed by another account; the first one is kept`);
    }
  });

  const users: InterchangeUser[] = [];
  const userNames = new Set<string>();
  read.array(details.UserDetailList, `${path}.UserDetailList`).forEach((entry, i) => {
    const p = `${path}.UserDetailList[${i}]`;
    const item = read.object(entry, p);
    if (!item) return;
    const arn = arnInAccount(item.Arn, `${p}.Arn`);
    const name = read.string(item.UserName, `${p}.UserName`);
    if (!arn || !name) return;
    uniqueName(userNames, name, `${p}.UserName`, 'user');
    const groups = read.array(item.GroupList, `${p}.GroupList`).filter((group, g): group is string => {
      if (typeof group === 'string') return true;
      problems.add(`${p}.GroupList[${g}]`, 'expected a group name');
      return false;
    });
    users.push({
      name,
      path: read.optionalString(item.Path, `${p}.Path`) ?? '/',
      userId: read.optionalString(item.UserId, `${p}.UserId`) ?? null,
      groups: [...new Set(groups)].sort(),
      attachedPolicyArns: attached(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`),
      inlinePolicies: inline(item.UserPolicyList, `${p}.UserPolicyList`, arn, 'user-inline'),
      permissionsBoundaryArn: boundary(item.PermissionsBoundary, `${p}.PermissionsBoundary`),
      tags: read.tags(item.Tags, `${p}.Tags`),
    });
  });

  const groups: InterchangeGroup[] = [];
  const groupNames = new Set<string>();
  read.array(details.GroupDetailList, `${path}.GroupDetailList`).forEach((entry, i) => {
    const p = `${path}.GroupDetailList[${i}]`;
    const item = read.object(entry, p);
    if (!item) return;
    const arn = arnInAccount(item.Arn, `${p}.Arn`);
    const name = read.string(item.GroupName, `${p}.GroupName`);
    if (!arn || !name) return;
    uniqueName(groupNames, name, `${p}.GroupName`, 'group');
    groups.push({
      name,
      path: read.optionalString(item.Path, `${p}.Path`) ?? '/',
      groupId: read.optionalString(item.GroupId, `${p}.GroupId`) ?? null,
      attachedPolicyArns: attached(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`),
      inlinePolicies: inline(item.GroupPolicyList, `${p}.GroupPolicyList`, arn, 'group-inline'),
    });
  });

  const roles: InterchangeRole[] = [];
  const roleNames = new Set<string>();
  read.array(details.RoleDetailList, `${path}.RoleDetailList`).forEach((entry, i) => {
    const p = `${path}.RoleDetailList[${i}]`;
    const item = read.object(entry, p);
    if (!item) return;
    const arn = arnInAccount(item.Arn, `${p}.Arn`);
    const name = read.string(item.RoleName, `${p}.RoleName`);
    const trustPolicy = read.document(item.AssumeRolePolicyDocument, `${p}.AssumeRolePolicyDocument`);
    if (!arn || !name || trustPolicy === undefined) return;
    uniqueName(roleNames, name, `${p}.RoleName`, 'role');
    const rolePath = read.optionalString(item.Path, `${p}.Path`) ?? '/';
    checkIamDocument(problems, `${p}.AssumeRolePolicyDocument`, `trust policy of ${arn}`, trustPolicy, 'TRUST');
    const maxSessionDuration = item.MaxSessionDuration ?? 3600;
    if (typeof maxSessionDuration !== 'number' || !Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      problems.add(`${p}.MaxSessionDuration`, `expected whole seconds from 3600 to 43200, got ${JSON.stringify(maxSessionDuration)}`, 'ValidationError');
    }
    roles.push({
      name,
      path: rolePath,
      roleId: read.optionalString(item.RoleId, `${p}.RoleId`) ?? null,
      description: read.optionalString(item.Description, `${p}.Description`) ?? '',
      trustPolicy,
      maxSessionDuration: typeof maxSessionDuration === 'number' ? maxSessionDuration : 3600,
      attachedPolicyArns: attached(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`),
      inlinePolicies: inline(item.RolePolicyList, `${p}.RolePolicyList`, arn, 'role-inline'),
      permissionsBoundaryArn: boundary(item.PermissionsBoundary, `${p}.PermissionsBoundary`),
      tags: read.tags(item.Tags, `${p}.Tags`),
    });
  });
  return { users, groups, roles };
}
