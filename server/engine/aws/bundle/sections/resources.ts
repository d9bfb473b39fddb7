// ResourceTags ({"<resource ARN>": [{Key, Value}]}) and ResourcePolicies ([{ResourceArn, AccountId?, Policy,
// PublicAccessBlockConfiguration?}], the last for an S3 bucket's own Block Public Access settings).
// Tags count for aws:ResourceTag whether or not the resource has a policy (an EC2 instance has none).
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import { readPublicAccessBlock } from './s3-public-access-blocks';

/** "service:type" of a resource ARN, e.g. "s3:bucket", "kms:key", "sqs:queue". */
export function resourceTypeOf(arn: string): string {
  const fields = arn.split(':');
  const service = fields[2] ?? 'unknown';
  const resource = fields.slice(5).join(':');
  if (service === 's3') return resource.includes('/') ? 's3:object' : 's3:bucket';
  const type = resource.split(/[/:]/)[0];
  // Some services name the resource with no type prefix (an SQS queue, an SNS topic): the service names it.
  const bare: Record<string, string> = { sqs: 'queue', sns: 'topic' };
  return `${service}:${bare[service] ?? (type || service)}`;
}

// An ECR repository policy applies to its repository: its statements name no Resource
// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html), and ECR stores them so.
const RESOURCE_IMPLIED: ReadonlySet<string> = new Set(['MISSING_RESOURCE']);
const NONE: ReadonlySet<string> = new Set();

/** Resource tags and resource-based policies. */
export const resourcesSection: BundleSection = {
  keys: ['ResourceTags', 'ResourcePolicies'],
  read(context) {
    const { top, read, problems, documents, design } = context;
    if (top.ResourceTags !== undefined && top.ResourceTags !== null) {
      for (const [arn, tags] of Object.entries(read.object(top.ResourceTags, '$.ResourceTags') ?? {})) {
        const resourceTags = read.tags(tags, `$.ResourceTags["${arn}"]`);
        if (resourceTags.length > 0) design.resourceTags[arn] = resourceTags;
      }
    }
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
      if (design.resourcePolicies.some((p) => p.accountId === accountId && p.resourceArn === resourceArn)) {
        problems.add(`${path}.ResourceArn`, `a policy for "${resourceArn}" is already given`);
        return;
      }
      const ignored = resourceArn.split(':')[2] === 'ecr' ? RESOURCE_IMPLIED : NONE;
      documents.iam(`${path}.Policy`, `resource policy of ${resourceArn}`, document, 'RESOURCE', undefined, false, ignored);
      context.addExternalAccount(accountId);
      const resourceType = resourceTypeOf(resourceArn);
      const blockPath = `${path}.PublicAccessBlockConfiguration`;
      const publicAccessBlock = item.PublicAccessBlockConfiguration === undefined || item.PublicAccessBlockConfiguration === null
        ? undefined
        : resourceType === 's3:bucket'
          ? readPublicAccessBlock(read, item.PublicAccessBlockConfiguration, blockPath)
          : (problems.add(blockPath, `only an S3 bucket has Block Public Access settings, and "${resourceArn}" is not one`, 'InvalidRequest'), undefined);
      design.resourcePolicies.push({ accountId, resourceArn, resourceType, document, ...(publicAccessBlock ? { publicAccessBlock } : {}) });
    });
  },
};
