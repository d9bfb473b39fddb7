import 'server-only';
import type { TagDto } from '../../db/dto';
import * as iamQueries from '../../db/iam-queries';
import type { IamGroupRowDto, IamRoleRowDto, IamUserRowDto, PrincipalColumn } from '../../db/iam-queries';
import * as queries from '../../db/org-mutations-queries';
import type { AccountRowDto } from '../../db/org-mutations-queries';
import type { EntityKind } from '../../db/org-mutations';
import { locateFindings } from '../../engine/policy/finding-positions';
import type { Finding } from '../../engine/types';
import type { IamDocumentKind, IamPrincipalType } from '../../schemas/iam';
import { awsError } from '../organizations/aws-errors';
import type { EffectiveQuotas, OperationScope } from '../organizations/mutation';
import type { DomainError } from '../domain-error';
import { validatePolicyDocument } from '../policy-validation';

// What every IAM edit shares: IAM's own error codes (IAM API reference, "Errors" of each action; the Query API
// names them without the "Exception" suffix the SDKs add), the account and entity lookups, and the engine's
// validation of documents with the kind IAM applies (TRUST for AssumeRolePolicyDocument, IDENTITY for managed and
// inline policies, whose size quota depends on where they live).

/** NoSuchEntity: the account, user, group, role, policy or version does not exist. */
export const noSuchEntity = (message: string): DomainError => awsError('NOT_FOUND', 'NoSuchEntity', message);
/** EntityAlreadyExists: a user, group, role or policy with that name is already in the account. */
export const entityAlreadyExists = (message: string): DomainError => awsError('CONFLICT', 'EntityAlreadyExists', message);
/** DeleteConflict: the entity still has subordinate entities (attachments, members, versions). */
export const deleteConflict = (message: string): DomainError => awsError('CONFLICT', 'DeleteConflict', message);
/** LimitExceeded: an IAM quota (counts or sizes) would be exceeded. */
export const limitExceeded = (message: string): DomainError => awsError('CONSTRAINT_VIOLATION', 'LimitExceeded', message);
/** MalformedPolicyDocument: the document is not a policy IAM accepts. */
export const malformedPolicyDocument = (message: string): DomainError => awsError('INVALID_INPUT', 'MalformedPolicyDocument', message);
/** InvalidInput: a value IAM refuses (reserved path, reserved tag key, ...). */
export const iamInvalidInput = (message: string): DomainError => awsError('INVALID_INPUT', 'InvalidInput', message);
/** UnmodifiableEntity: a service-linked role or an AWS-managed policy, which only AWS changes. */
export const unmodifiableEntity = (message: string): DomainError => awsError('FORBIDDEN', 'UnmodifiableEntity', message);

/** The ARN of a user, group or role: the path sits between the type and the name (reference_identifiers.html). */
export function iamEntityArn(accountId: string, type: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}${path}${name}`;
}

/** The account an IAM edit is about (row id or 12-digit id), or NoSuchEntity. */
export async function requireIamAccount(scope: OperationScope, ref: string): Promise<AccountRowDto> {
  const account = await queries.findAccount(scope.db, scope.context.designId, ref);
  if (!account) throw noSuchEntity(`There is no account "${ref}" in this design.`);
  return account;
}

/** Service-linked roles (path /aws-service-role/) belong to their service: IAM refuses to change them. */
export function requireModifiableRole(role: IamRoleRowDto): void {
  if (role.path.startsWith('/aws-service-role/')) {
    throw unmodifiableEntity(`Cannot perform the operation on the protected role "${role.name}": it is service-linked and only its service changes it.`);
  }
}

/** A role of the account, or NoSuchEntity. */
export async function requireRole(scope: OperationScope, account: AccountRowDto, name: string): Promise<IamRoleRowDto> {
  const role = await iamQueries.findRoleByName(scope.db, account.id, name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found in account ${account.accountId}.`);
  return role;
}

/** A user of the account, or NoSuchEntity. */
export async function requireUser(scope: OperationScope, account: AccountRowDto, name: string): Promise<IamUserRowDto> {
  const user = await iamQueries.findUserByName(scope.db, account.id, name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found in account ${account.accountId}.`);
  return user;
}

/** A group of the account, or NoSuchEntity. */
export async function requireGroup(scope: OperationScope, account: AccountRowDto, name: string): Promise<IamGroupRowDto> {
  const group = await iamQueries.findGroupByName(scope.db, account.id, name);
  if (!group) throw noSuchEntity(`The group with name ${name} cannot be found in account ${account.accountId}.`);
  return group;
}

/** A role, user or group, with what the attachment and inline-policy operations need to know about it. */
export interface ResolvedPrincipal {
  type: IamPrincipalType;
  kind: Extract<EntityKind, 'iamRole' | 'iamUser' | 'iamGroup'>;
  column: PrincipalColumn;
  id: string;
  name: string;
  path: string;
  arn: string;
}

/** The role, user or group an attachment, inline policy or boundary operation names, or NoSuchEntity. */
export async function requirePrincipal(scope: OperationScope, account: AccountRowDto, type: IamPrincipalType, name: string): Promise<ResolvedPrincipal> {
  if (type === 'role') {
    const role = await requireRole(scope, account, name);
    requireModifiableRole(role);
    return { type, kind: 'iamRole', column: 'roleId', id: role.id, name: role.name, path: role.path, arn: iamEntityArn(account.accountId, 'role', role.path, role.name) };
  }
  const entity = type === 'user' ? await requireUser(scope, account, name) : await requireGroup(scope, account, name);
  return {
    type,
    kind: type === 'user' ? 'iamUser' : 'iamGroup',
    column: type === 'user' ? 'userId' : 'groupId',
    id: entity.id,
    name: entity.name,
    path: entity.path,
    arn: iamEntityArn(account.accountId, type, entity.path, entity.name),
  };
}

/**
 * The engine's findings for an IAM document of a kind, with the design's size quotas and the IAM action catalogue
 * (the one validator the SCP editor and `lzsim validate-policy` use too).
 */
export function validateIamDocument(kind: IamDocumentKind, content: string, quotas: EffectiveQuotas): Finding[] {
  if (kind === 'trust') return validatePolicyDocument('TRUST', content, { quotas: quotas.policySizes });
  return validatePolicyDocument('IDENTITY', content, { quotas: quotas.policySizes, identityContainer: kind });
}

/** Characters IAM counts against its size quotas: whitespace is not counted (reference_iam-quotas.html). */
export function iamPolicySize(document: string): number {
  return [...document.replace(/\s/g, '')].length;
}

const QUOTA_NAME: Record<IamDocumentKind, string> = {
  trust: 'ACLSizePerRole',
  managed: 'PolicySize',
  'role-inline': 'RolePolicySize',
  'user-inline': 'UserPolicySize',
  'group-inline': 'GroupPolicySize',
};

/**
 * Checks a document as IAM does before saving it: too large gives LimitExceeded (IAM's answer for size quotas),
 * any other error MalformedPolicyDocument naming the first problems with their line. Returns the findings below
 * "error" (warnings and suggestions), placed in the text, for the caller to hand back.
 */
export function requireValidIamDocument(kind: IamDocumentKind, content: string, quotas: EffectiveQuotas): Finding[] {
  const findings = locateFindings(content, validateIamDocument(kind, content, quotas));
  const errors = findings.filter((f) => f.severity === 'error');
  const size = errors.find((f) => f.code === 'POLICY_SIZE_EXCEEDED');
  if (size) throw limitExceeded(`Cannot exceed quota for ${QUOTA_NAME[kind]}: ${size.message}`);
  if (errors.length > 0) {
    const where = (f: Finding) => (f.line !== undefined ? `line ${f.line}: ` : `${f.path}: `);
    const details = errors.slice(0, 5).map((f) => `${where(f)}${f.message}`).join(' ');
    const what = kind === 'trust' ? 'trust policy' : kind === 'managed' ? 'managed policy' : 'inline policy';
    throw malformedPolicyDocument(`The ${what} document is not valid. ${details}`);
  }
  return findings.filter((f) => f.severity !== 'error');
}

/**
 * Tags as TagRole / TagUser / TagPolicy check them, merged into `existing`: keys beginning with "aws:" are
 * reserved (InvalidInput), a key may appear once per request (InvalidInput), and a resource holds at most the
 * account's tag quota (LimitExceeded). Key and value characters are checked by the input schema.
 */
export function mergeIamTags(existing: readonly TagDto[], added: readonly TagDto[], quotas: EffectiveQuotas): TagDto[] {
  const seen = new Set<string>();
  for (const tag of added) {
    if (tag.key.toLowerCase().startsWith('aws:')) throw iamInvalidInput(`Tag key "${tag.key}" begins with "aws:", which is reserved for AWS.`);
    if (seen.has(tag.key)) throw iamInvalidInput(`Tag key "${tag.key}" appears twice in the request.`);
    seen.add(tag.key);
  }
  const merged = new Map(existing.map((tag) => [tag.key, tag.value]));
  for (const tag of added) merged.set(tag.key, tag.value);
  const max = quotas.iam.maxTagsPerResource;
  if (merged.size > max) throw limitExceeded(`Cannot exceed quota for TagsPerResource: ${max} (this change would give ${merged.size} tags).`);
  return [...merged].map(([key, value]) => ({ key, value }));
}

/** Paths under /aws-service-role/ belong to service-linked roles, which only CreateServiceLinkedRole makes. */
export function requireCustomerPath(path: string): void {
  if (path.startsWith('/aws-service-role/')) {
    throw iamInvalidInput(`The path ${path} is reserved for service-linked roles, which AWS services create (CreateServiceLinkedRole).`);
  }
}
