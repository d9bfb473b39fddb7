// IAM Identity Center in a folder of raw AWS CLI outputs, both ways: the files the folder import reads into the
// bundle's IdentityCenter section, and the files a bundle's section becomes. The layout, under identity-center/:
//   region.txt                                                    the Region the commands ran in (aws configure get region)
//   list-instances.json                                           aws sso-admin list-instances
//   list-permission-sets.json                                     aws sso-admin list-permission-sets --instance-arn …
//   describe-permission-set/<ps-id>.json                          aws sso-admin describe-permission-set
//   list-managed-policies-in-permission-set/<ps-id>.json          aws sso-admin list-managed-policies-in-permission-set
//   list-customer-managed-policy-references-in-permission-set/<ps-id>.json
//   get-inline-policy-for-permission-set/<ps-id>.json             aws sso-admin get-inline-policy-for-permission-set
//   get-permissions-boundary-for-permission-set/<ps-id>.json      (absent when the permission set has none)
//   list-account-assignments/<account-id>.<ps-id>.json            aws sso-admin list-account-assignments
//   list-users.json, list-groups.json                             aws identitystore list-users / list-groups
//   list-group-memberships/<group-id>.json                        aws identitystore list-group-memberships
// <ps-id> is the last segment of the permission set's ARN ("ps-…").
import 'server-only';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const psId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Reads a file of the folder: its JSON object, undefined when absent (`required` files are reported by `read`). */
export type FolderReader = (relative: string, required: boolean) => Json | undefined;

/** The bundle's IdentityCenter section from identity-center/ files, or undefined when the folder has none. */
export function identityCenterFromCliFiles(read: FolderReader, list: (relative: string) => string[], readText: (relative: string) => string | undefined): Json | undefined {
  const instances = read('identity-center/list-instances.json', false);
  if (!instances) return undefined;
  const arns = read('identity-center/list-permission-sets.json', true)?.PermissionSets;
  const permissionSets = (Array.isArray(arns) ? arns : []).filter((arn): arn is string => typeof arn === 'string').map((arn) => {
    const id = psId(arn);
    const part = (command: string, key: string, required = true) => read(`identity-center/${command}/${id}.json`, required)?.[key];
    return {
      PermissionSet: part('describe-permission-set', 'PermissionSet'),
      AttachedManagedPolicies: part('list-managed-policies-in-permission-set', 'AttachedManagedPolicies') ?? [],
      CustomerManagedPolicyReferences: part('list-customer-managed-policy-references-in-permission-set', 'CustomerManagedPolicyReferences') ?? [],
      InlinePolicy: part('get-inline-policy-for-permission-set', 'InlinePolicy', false) ?? '',
      ...(part('get-permissions-boundary-for-permission-set', 'PermissionsBoundary', false) !== undefined
        ? { PermissionsBoundary: part('get-permissions-boundary-for-permission-set', 'PermissionsBoundary', false) }
        : {}),
    };
  });
  const collect = (folder: string, key: string) =>
    list(`identity-center/${folder}`).flatMap((file) => {
      const items = read(`identity-center/${folder}/${file}`, true)?.[key];
      return Array.isArray(items) ? items : [];
    });
  const region = readText('identity-center/region.txt')?.trim();
  return {
    ...(region ? { Region: region } : {}),
    Instances: instances.Instances,
    PermissionSets: permissionSets,
    AccountAssignments: collect('list-account-assignments', 'AccountAssignments'),
    Users: read('identity-center/list-users.json', false)?.Users ?? [],
    Groups: read('identity-center/list-groups.json', false)?.Groups ?? [],
    GroupMemberships: collect('list-group-memberships', 'GroupMemberships'),
  };
}

/** The identity-center/ files (relative path -> content) of a bundle's IdentityCenter section. */
export function identityCenterToCliFiles(section: Json): Record<string, string> {
  const files: Record<string, string> = {};
  const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;
  const at = (relative: string, value: unknown) => {
    files[`identity-center/${relative}`] = json(value);
  };
  if (typeof section.Region === 'string') files['identity-center/region.txt'] = `${section.Region}\n`;
  at('list-instances.json', { Instances: section.Instances });
  const sets = (Array.isArray(section.PermissionSets) ? section.PermissionSets : []).filter(isObject);
  const arns = sets.map((set) => (set.PermissionSet as Json).PermissionSetArn as string);
  at('list-permission-sets.json', { PermissionSets: arns });
  for (const set of sets) {
    const id = psId((set.PermissionSet as Json).PermissionSetArn as string);
    at(`describe-permission-set/${id}.json`, { PermissionSet: set.PermissionSet });
    at(`list-managed-policies-in-permission-set/${id}.json`, { AttachedManagedPolicies: set.AttachedManagedPolicies });
    at(`list-customer-managed-policy-references-in-permission-set/${id}.json`, { CustomerManagedPolicyReferences: set.CustomerManagedPolicyReferences });
    at(`get-inline-policy-for-permission-set/${id}.json`, { InlinePolicy: set.InlinePolicy });
    if (set.PermissionsBoundary !== undefined) at(`get-permissions-boundary-for-permission-set/${id}.json`, { PermissionsBoundary: set.PermissionsBoundary });
  }
  const byFile = new Map<string, Json[]>();
  for (const assignment of (Array.isArray(section.AccountAssignments) ? section.AccountAssignments : []).filter(isObject)) {
    const file = `list-account-assignments/${String(assignment.AccountId)}.${psId(String(assignment.PermissionSetArn))}.json`;
    byFile.set(file, [...(byFile.get(file) ?? []), assignment]);
  }
  for (const [file, items] of byFile) at(file, { AccountAssignments: items });
  at('list-users.json', { Users: section.Users });
  at('list-groups.json', { Groups: section.Groups });
  const memberships = new Map<string, Json[]>();
  for (const membership of (Array.isArray(section.GroupMemberships) ? section.GroupMemberships : []).filter(isObject)) {
    const file = `list-group-memberships/${String(membership.GroupId)}.json`;
    memberships.set(file, [...(memberships.get(file) ?? []), membership]);
  }
  for (const [file, items] of memberships) at(file, { GroupMemberships: items });
  return files;
}
