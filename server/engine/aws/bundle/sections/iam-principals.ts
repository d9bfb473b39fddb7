// UserDetailList, GroupDetailList and RoleDetailList of one account's get-account-authorization-details
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html): names unique in the
// account, ARNs in the account, every inline and trust policy valid.
import type { IdentityPolicyContainer } from '../../../policy/validate';
import type { BundleReadContext } from '../context';
import type { InterchangeAccountIam, InterchangeGroup, InterchangeInlinePolicy, InterchangeRole, InterchangeUser } from '../model';
import type { Json } from '../shape-reader';
import type { DetailList } from './split-by-account';

/** An IAM path (API_Role.html, Path: pattern (\u002F)|(\u002F[\u0021-\u007E]+\u002F), at most 512 characters). */
const IAM_PATH = /^\/(?:[\u0021-\u007E]{1,510}\/)?$/;

/** A reference from a principal to a managed policy (by ARN) or to a group (by name), with its JSON path. */
export interface PrincipalReference {
  /** The referring principal's account. */
  accountId: string;
  /** What is referred to. */
  kind: 'policy' | 'group';
  /** The policy ARN or the group name. */
  target: string;
  /** Where the reference is in the input. */
  path: string;
}

/** Reads the users, groups and roles of one account. */
export function readIamPrincipals(
  context: BundleReadContext, details: Json, path: string, accountId: string,
  locate: (list: DetailList, index: number) => string = (list, index) => `${path}.${list}[${index}]`,
  references: PrincipalReference[] = [],
): InterchangeAccountIam {
  const { read, problems, documents } = context;
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
      documents.iam(`${at}[${i}].PolicyDocument`, `inline policy "${name}" of ${owner}`, document, 'IDENTITY', container);
      result.push({ name, document });
    });
    return result.sort((a, b) => a.name.localeCompare(b.name));
  };
  const attached = (value: unknown, at: string): string[] => {
    const arns = new Set<string>();
    read.array(value, at).forEach((entry, i) => {
      const item = read.object(entry, `${at}[${i}]`);
      const arn = item && read.string(item.PolicyArn, `${at}[${i}].PolicyArn`);
      if (!arn) return;
      arns.add(arn);
      references.push({ accountId, kind: 'policy', target: arn, path: `${at}[${i}].PolicyArn` });
    });
    return [...arns].sort();
  };
  const boundary = (value: unknown, at: string): string | null => {
    if (value === undefined || value === null) return null;
    const item = read.object(value, at);
    return (item && read.string(item.PermissionsBoundaryArn, `${at}.PermissionsBoundaryArn`)) ?? null;
  };
  // The path an entity's ARN carries: arn:<partition>:iam::<account>:<kind><path><name> (reference_identifiers.html#identifiers-arns).
  // A Path given beside the ARN must be a valid IAM path (API_Role.html: "/" or "/" printable ASCII "/") and agree with
  // it: the ARN is what policies and trust relationships match, so a disagreement is a broken export, not a detail.
  const entityPath = (item: Json, p: string, kind: 'user' | 'group' | 'role', arn: string, name: string): string => {
    const resource = arn.split(':').slice(5).join(':');
    const inArn = resource.startsWith(`${kind}/`) && resource.endsWith(`/${name}`) ? resource.slice(kind.length, resource.length - name.length) : undefined;
    const given = read.optionalString(item.Path, `${p}.Path`);
    if (given === undefined) {
      if (inArn === undefined) problems.add(`${p}.Arn`, `"${arn}" is not the ARN of a ${kind} named "${name}"`, 'ValidationError');
      return inArn ?? '/';
    }
    if (!IAM_PATH.test(given)) problems.add(`${p}.Path`, `${JSON.stringify(given)} is not an IAM path: it must begin and end with "/" (a plain "/" for none)`, 'ValidationError');
    else if (inArn !== given) problems.add(`${p}.Arn`, `"${arn}" does not match the ${kind}'s Path "${given}" and name "${name}"`, 'ValidationError');
    return given;
  };
  const uniqueName = (names: Set<string>, name: string, at: string, kind: string): void => {
    if (names.has(name)) problems.add(at, `account ${accountId} has two ${kind}s named "${name}"`, 'EntityAlreadyExistsException');
    names.add(name);
  };

  const users: InterchangeUser[] = [];
  const userNames = new Set<string>();
  read.array(details.UserDetailList, `${path}.UserDetailList`).forEach((entry, i) => {
    const p = locate('UserDetailList', i);
    const item = read.object(entry, p);
    if (!item) return;
    const arn = arnInAccount(item.Arn, `${p}.Arn`);
    const name = read.string(item.UserName, `${p}.UserName`);
    if (!arn || !name) return;
    uniqueName(userNames, name, `${p}.UserName`, 'user');
    const groups = read.array(item.GroupList, `${p}.GroupList`).filter((group, g): group is string => {
      if (typeof group === 'string') {
        references.push({ accountId, kind: 'group', target: group, path: `${p}.GroupList[${g}]` });
        return true;
      }
      problems.add(`${p}.GroupList[${g}]`, 'expected a group name');
      return false;
    });
    users.push({
      name,
      path: entityPath(item, p, 'user', arn, name),
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
    const p = locate('GroupDetailList', i);
    const item = read.object(entry, p);
    if (!item) return;
    const arn = arnInAccount(item.Arn, `${p}.Arn`);
    const name = read.string(item.GroupName, `${p}.GroupName`);
    if (!arn || !name) return;
    uniqueName(groupNames, name, `${p}.GroupName`, 'group');
    groups.push({
      name,
      path: entityPath(item, p, 'group', arn, name),
      groupId: read.optionalString(item.GroupId, `${p}.GroupId`) ?? null,
      attachedPolicyArns: attached(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`),
      inlinePolicies: inline(item.GroupPolicyList, `${p}.GroupPolicyList`, arn, 'group-inline'),
    });
  });

  const roles: InterchangeRole[] = [];
  const roleNames = new Set<string>();
  read.array(details.RoleDetailList, `${path}.RoleDetailList`).forEach((entry, i) => {
    const p = locate('RoleDetailList', i);
    const item = read.object(entry, p);
    if (!item) return;
    const arn = arnInAccount(item.Arn, `${p}.Arn`);
    const name = read.string(item.RoleName, `${p}.RoleName`);
    const trustPolicy = read.document(item.AssumeRolePolicyDocument, `${p}.AssumeRolePolicyDocument`);
    if (!arn || !name || trustPolicy === undefined) return;
    uniqueName(roleNames, name, `${p}.RoleName`, 'role');
    documents.iam(`${p}.AssumeRolePolicyDocument`, `trust policy of ${arn}`, trustPolicy, 'TRUST');
    const instanceProfiles = read.array(item.InstanceProfileList, `${p}.InstanceProfileList`).flatMap((profile, n) => {
      const at = `${p}.InstanceProfileList[${n}]`;
      const object = read.object(profile, at);
      if (!object) return [];
      read.string(object.InstanceProfileName, `${at}.InstanceProfileName`);
      return [object];
    });
    // Not in RoleDetail, but in GetRole's Role: bundles that merge get-role output carry it (role chaining limits).
    const maxSessionDuration = item.MaxSessionDuration ?? null;
    if (maxSessionDuration !== null && (typeof maxSessionDuration !== 'number' || !Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200)) {
      problems.add(`${p}.MaxSessionDuration`, `expected whole seconds from 3600 to 43200, got ${JSON.stringify(maxSessionDuration)}`, 'ValidationError');
    }
    const lastUsed = item.RoleLastUsed === undefined || item.RoleLastUsed === null ? {} : (read.object(item.RoleLastUsed, `${p}.RoleLastUsed`) ?? {});
    roles.push({
      name,
      path: entityPath(item, p, 'role', arn, name),
      roleId: read.optionalString(item.RoleId, `${p}.RoleId`) ?? null,
      createDate: read.timestamp(item.CreateDate, `${p}.CreateDate`),
      trustPolicy,
      instanceProfiles,
      lastUsed: {
        lastUsedDate: read.timestamp(lastUsed.LastUsedDate, `${p}.RoleLastUsed.LastUsedDate`),
        region: read.optionalString(lastUsed.Region, `${p}.RoleLastUsed.Region`) ?? null,
      },
      maxSessionDuration: typeof maxSessionDuration === 'number' ? maxSessionDuration : null,
      attachedPolicyArns: attached(item.AttachedManagedPolicies, `${p}.AttachedManagedPolicies`),
      inlinePolicies: inline(item.RolePolicyList, `${p}.RolePolicyList`, arn, 'role-inline'),
      permissionsBoundaryArn: boundary(item.PermissionsBoundary, `${p}.PermissionsBoundary`),
      tags: read.tags(item.Tags, `${p}.Tags`),
    });
  });
  return { users, groups, roles };
}
