// A folder of raw AWS CLI outputs -> AWS export bundle, then readBundle validates it like any bundle. The folder
// layout (documented in README "Import and export formats"; example: test/fixtures/aws-cli/sample-org/):
//   describe-organization.json                          aws organizations describe-organization
//   list-roots.json                                     aws organizations list-roots
//   organizational-units/<parent-id>.json               aws organizations list-organizational-units-for-parent --parent-id <parent-id>
//     or organizational-units.json                      one flattened list whose entries carry ParentId
//   list-accounts.json                                  aws organizations list-accounts (entries may carry ParentId)
//   list-parents/<account-id>.json                      aws organizations list-parents --child-id <account-id>
//   list-policies/<any name>.json                       aws organizations list-policies --filter <TYPE> (one file per type)
//   describe-policy/<policy-id>.json                    aws organizations describe-policy --policy-id <policy-id>
//   list-targets-for-policy/<policy-id>.json            aws organizations list-targets-for-policy --policy-id <policy-id>
//   authorization-details/<account-id>.json             aws iam get-account-authorization-details (in that account)
//   optional: list-aws-service-access-for-organization.json, list-delegated-administrators.json with
//   list-delegated-services-for-account/<account-id>.json, resource-policies.json (the bundle's ResourcePolicies array)
//   and resource-tags.json (the bundle's ResourceTags object), other-organizations/<account-id>.json (aws organizations
//   describe-organization, run in an account outside the organization that is in another one),
//   s3control/get-public-access-block/<account-id>.json (aws s3control get-public-access-block --account-id <id>; a
//   bucket's own settings go on its resource-policies.json entry as PublicAccessBlockConfiguration),
//   ec2/describe-vpc-endpoints/<account-id>.json (aws ec2 describe-vpc-endpoints, run in that account), identity-center/ (IAM Identity Center: the layout in
//   identity-center-cli-files.ts) and control-tower/ (AWS Control Tower: the layout in control-tower-cli-files.ts).
//   optional, AWS RAM (in the owner accounts' Region):
//   ram/get-resource-shares.json                        aws ram get-resource-shares --resource-owner SELF
//   ram/list-resources.json                             aws ram list-resources --resource-owner SELF
//   ram/get-resource-share-associations-principal.json  aws ram get-resource-share-associations --association-type PRINCIPAL
//   ram/get-resource-share-associations-resource.json   aws ram get-resource-share-associations --association-type RESOURCE
//   ram/list-resource-share-permissions/<share-id>.json aws ram list-resource-share-permissions --resource-share-arn <share ARN>
//                                                       (<share-id> is the ARN's last segment)
//   ram/get-resource-share-invitations.json             aws ram get-resource-share-invitations (in the receiving accounts)
//   optional, lzsim's own (no AWS CLI command prints it):
//   lzsim-quota-overrides.json                          {"LzsimQuotaOverrides": {...}}: the quotas the design raised
import 'server-only';
import { stripByteOrderMark } from '../../schemas/text';

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { controlTowerFromCliFiles } from './control-tower-cli-files';
import { identityCenterFromCliFiles } from './identity-center-cli-files';
import { QUOTA_OVERRIDES_FILE } from './write-cli-folder';
import { ProblemList } from './import-problems';
import { readBundle, type ReadBundleResult } from './read-bundle';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the CLI outputs come from: a folder on disk, or the files of a zip the browser unpacked. */
export interface CliFileSource {
  /** True when the file (path relative to the folder, "/"-separated) exists. */
  exists(relative: string): boolean;
  /** The file's text. */
  read(relative: string): string;
  /** The .json files directly in a subfolder, sorted; [] when there is no such folder. */
  list(relative: string): string[];
}

/** The files of a folder on disk. */
export function folderSource(folder: string): CliFileSource {
  return {
    exists: (relative) => existsSync(join(folder, relative)),
    read: (relative) => readFileSync(join(folder, relative), 'utf8'),
    list: (relative) => {
      const dir = join(folder, relative);
      return existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    },
  };
}

/**
 * Files by path (a zip's entries): the folder is the one holding describe-organization.json (or, for standalone
 * accounts, authorization-details/), so a zip of the folder itself or of its parent both work.
 */
export function filesSource(files: Readonly<Record<string, string>>): CliFileSource {
  const paths = Object.keys(files).map((path) => path.replace(/\\/g, '/'));
  const byPath = new Map(Object.entries(files).map(([path, text]) => [path.replace(/\\/g, '/'), text]));
  const anchor = paths.find((path) => path === 'describe-organization.json' || path.endsWith('/describe-organization.json'))
    ?? paths.find((path) => /(^|\/)authorization-details\/[^/]+\.json$/.test(path))?.replace(/authorization-details\/[^/]+$/, 'x');
  const prefix = anchor ? anchor.slice(0, anchor.lastIndexOf('/') + 1) : '';
  return {
    exists: (relative) => byPath.has(prefix + relative) || paths.some((path) => path.startsWith(`${prefix}${relative}/`)),
    read: (relative) => byPath.get(prefix + relative) ?? '',
    list: (relative) => paths
      .filter((path) => path.startsWith(`${prefix}${relative}/`) && path.endsWith('.json') && !path.slice(prefix.length + relative.length + 1).includes('/'))
      .map((path) => path.slice(prefix.length + relative.length + 1))
      .sort(),
  };
}

/** Reads every file of the folder layout into a bundle; throws ImportRejectedError naming each missing or broken file. */
export function cliFolderToBundle(folder: string | CliFileSource): Json {
  const source = typeof folder === 'string' ? folderSource(folder) : folder;
  const problems = new ProblemList();
  const read = (relative: string, required: boolean): Json | undefined => {
    if (!source.exists(relative)) {
      if (required) problems.add(relative, 'is required (see the folder layout in README "Import and export formats")', 'InvalidInputException');
      return undefined;
    }
    try {
      const parsed: unknown = JSON.parse(stripByteOrderMark(source.read(relative)));
      if (isObject(parsed)) return parsed;
      problems.add(relative, 'expected the JSON object the AWS CLI prints');
    } catch (error) {
      problems.add(relative, `not valid JSON: ${(error as Error).message}`);
    }
    return undefined;
  };
  const list = (relative: string): string[] => source.list(relative);
  const arrayOf = (value: Json | undefined, key: string, file: string): Json[] => {
    if (!value) return [];
    const items = value[key];
    if (Array.isArray(items)) return items.filter(isObject);
    problems.add(`${file}.${key}`, 'is required (an array)');
    return [];
  };

  // Accounts outside any organization cannot run describe-organization (AWSOrganizationsNotInUseException): a folder
  // without it is standalone accounts, known from their authorization-details/ files alone.
  const standalone = !source.exists('describe-organization.json');
  if (standalone && list('authorization-details').length === 0) {
    problems.add('describe-organization.json', 'is required, unless the folder holds only authorization-details/<account-id>.json of accounts outside an organization (see README "Import and export formats")');
    problems.add('authorization-details/', 'holds no <account-id>.json file');
  }
  const organization = standalone ? undefined : read('describe-organization.json', true)?.Organization;
  const roots = arrayOf(read('list-roots.json', !standalone), 'Roots', 'list-roots.json');

  const ous: Json[] = arrayOf(read('organizational-units.json', false), 'OrganizationalUnits', 'organizational-units.json');
  for (const file of list('organizational-units')) {
    const parentId = basename(file, '.json');
    for (const ou of arrayOf(read(`organizational-units/${file}`, true), 'OrganizationalUnits', `organizational-units/${file}`)) {
      ous.push({ ...ou, ParentId: ou.ParentId ?? parentId });
    }
  }

  const accounts = arrayOf(read('list-accounts.json', !standalone), 'Accounts', 'list-accounts.json').map((account) => {
    if (account.ParentId !== undefined) return account;
    const parentsFile = `list-parents/${String(account.Id)}.json`;
    const parents = arrayOf(read(parentsFile, true), 'Parents', parentsFile);
    if (parents.length !== 1) {
      if (parents.length > 1) problems.add(parentsFile, `an account has exactly one parent, found ${parents.length}`);
      return account;
    }
    return { ...account, ParentId: parents[0].Id };
  });

  const summaries = new Map<string, Json>();
  for (const file of list('list-policies')) {
    for (const summary of arrayOf(read(`list-policies/${file}`, true), 'Policies', `list-policies/${file}`)) {
      if (typeof summary.Id === 'string') summaries.set(summary.Id, summary);
    }
  }
  const policies = [...summaries.entries()].map(([id, summary]) => {
    const described = read(`describe-policy/${id}.json`, true)?.Policy;
    const targets = arrayOf(read(`list-targets-for-policy/${id}.json`, true), 'Targets', `list-targets-for-policy/${id}.json`);
    return { PolicySummary: isObject(described) && isObject(described.PolicySummary) ? described.PolicySummary : summary, Content: isObject(described) ? described.Content : undefined, Targets: targets };
  });

  const authorizationDetails: Json = {};
  for (const file of list('authorization-details')) {
    const details = read(`authorization-details/${file}`, true);
    if (details) authorizationDetails[basename(file, '.json')] = details;
  }

  const services = read('list-aws-service-access-for-organization.json', false);
  const delegatedAdministrators = arrayOf(read('list-delegated-administrators.json', false), 'DelegatedAdministrators', 'list-delegated-administrators.json')
    .flatMap((admin) => {
      const file = `list-delegated-services-for-account/${String(admin.Id)}.json`;
      return arrayOf(read(file, true), 'DelegatedServices', file).map((service) => ({ AccountId: admin.Id, ServicePrincipal: service.ServicePrincipal }));
    });
  const resourcePolicies = read('resource-policies.json', false);
  const resourceTags = read('resource-tags.json', false);
  const accountBlocks: Json = {};
  for (const file of list('s3control/get-public-access-block')) {
    const output = read(`s3control/get-public-access-block/${file}`, true);
    if (output) accountBlocks[basename(file, '.json')] = output;
  }
  const vpcEndpoints: Json = {};
  for (const file of list('ec2/describe-vpc-endpoints')) {
    const output = read(`ec2/describe-vpc-endpoints/${file}`, true);
    if (output) vpcEndpoints[basename(file, '.json')] = output;
  }
  const otherOrganizations: Json = {};
  for (const file of list('other-organizations')) {
    const described = read(`other-organizations/${file}`, true);
    if (described) otherOrganizations[basename(file, '.json')] = described;
  }
  const ram = readRam(read, list);
  const handshakes = read('list-handshakes-for-organization.json', false);
  const identityCenter = identityCenterFromCliFiles(read, list, (relative) => (source.exists(relative) ? stripByteOrderMark(source.read(relative)) : undefined));
  const controlTower = controlTowerFromCliFiles(read, list);
  const quotaOverrides = read(QUOTA_OVERRIDES_FILE, false);

  problems.throwIfAny(typeof folder === 'string' ? `The folder ${folder}` : 'The zip file');
  return {
    ...(organization !== undefined ? { Organization: organization } : {}),
    Roots: roots,
    OrganizationalUnits: ous,
    Accounts: accounts,
    Policies: policies,
    AuthorizationDetails: authorizationDetails,
    ...(services ? { EnabledServicePrincipals: services.EnabledServicePrincipals } : {}),
    DelegatedAdministrators: delegatedAdministrators,
    ...(resourcePolicies ? { ResourcePolicies: resourcePolicies.ResourcePolicies } : {}),
    ...(resourceTags ? { ResourceTags: resourceTags.ResourceTags } : {}),
    ...(Object.keys(otherOrganizations).length > 0 ? { OtherOrganizations: otherOrganizations } : {}),
    ...(Object.keys(accountBlocks).length > 0 ? { S3AccountPublicAccessBlocks: accountBlocks } : {}),
    ...(Object.keys(vpcEndpoints).length > 0 ? { VpcEndpoints: vpcEndpoints } : {}),
    ...(handshakes ? { Handshakes: handshakes.Handshakes } : {}),
    ...ram,
    ...(identityCenter ? { IdentityCenter: identityCenter } : {}),
    ...(controlTower ? { ControlTower: controlTower } : {}),
    ...(quotaOverrides ? { LzsimQuotaOverrides: quotaOverrides.LzsimQuotaOverrides } : {}),
  };
}

/** The RAM outputs of the folder as the bundle's RAM sections (nothing when the folder has no ram/). */
function readRam(read: (relative: string, required: boolean) => Json | undefined, list: (dir: string) => string[]): Json {
  const customer: Record<string, unknown[]> = {};
  for (const file of list('ram/get-permission')) {
    const permission = read(`ram/get-permission/${file}`, true)?.permission;
    if (!isObject(permission) || typeof permission.arn !== 'string') continue;
    (customer[permission.arn] ??= []).push(permission);
  }
  const permissionSection = Object.keys(customer).length > 0 ? { RamPermissions: customer } : {};
  const shares = read('ram/get-resource-shares.json', false);
  if (!shares) return permissionSection;
  const field = (json: Json | undefined, key: string) => (json && Array.isArray(json[key]) ? (json[key] as unknown[]) : []);
  const shareList = field(shares, 'resourceShares');
  const permissions: Json = {};
  for (const file of list('ram/list-resource-share-permissions')) {
    const id = basename(file, '.json');
    const share = shareList.find((s) => isObject(s) && typeof s.resourceShareArn === 'string' && s.resourceShareArn.endsWith(`/${id}`));
    const arn = isObject(share) ? String(share.resourceShareArn) : id;
    permissions[arn] = field(read(`ram/list-resource-share-permissions/${file}`, true), 'permissions');
  }
  return {
    ResourceShares: shareList,
    ResourceShareResources: field(read('ram/list-resources.json', false), 'resources'),
    ResourceShareAssociations: [
      ...field(read('ram/get-resource-share-associations-principal.json', false), 'resourceShareAssociations'),
      ...field(read('ram/get-resource-share-associations-resource.json', false), 'resourceShareAssociations'),
    ],
    ResourceSharePermissions: permissions,
    ResourceShareInvitations: field(read('ram/get-resource-share-invitations.json', false), 'resourceShareInvitations'),
    ...permissionSection,
  };
}

/** Reads and validates a folder of raw AWS CLI outputs. */
export function readCliFolder(folder: string): ReadBundleResult {
  return readBundle(cliFolderToBundle(folder), `The folder ${folder}`);
}

/** Reads and validates the files of a zipped folder of raw AWS CLI outputs (path → text). */
export function readCliFiles(files: Readonly<Record<string, string>>): ReadBundleResult {
  return readBundle(cliFolderToBundle(filesSource(files)), 'The zip file');
}
