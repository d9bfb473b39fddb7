// Which values a Resource or NotResource entry may hold. IAM's CreatePolicy refuses anything else with
// MalformedPolicyDocument ("Resource ... must be in ARN format or "*"", "Resource vendor must be fully qualified and
// cannot contain regexes"), so the validator reports these as errors.
// Sources, IAM User Guide: reference_policies_grammar.html (<resource_block> is "*" or resource strings, which are
// ARNs), reference_policies_elements_resource.html ("You can't use a wildcard in the service segment that identifies
// the AWS product"), reference-arns.html (arn:partition:service:region:account-id:resource, region and account may be
// empty), access-analyzer-reference-policy-checks.html ("Missing ARN field: Resource ARNs must include at least
// fields in the following structure: arn:partition:service:region:account:resource").
import { parseArn } from '../match/arn';
import { AWS_PARTITIONS } from './principal-rules';

/** A problem with one Resource or NotResource value: Access Analyzer's issue code and a sentence for people. */
export interface ResourceProblem {
  /** INVALID_ARN_PREFIX, MISSING_ARN_FIELD, INVALID_ARN_PARTITION or INVALID_ARN_SERVICE. */
  code: 'INVALID_ARN_PREFIX' | 'MISSING_ARN_FIELD' | 'INVALID_ARN_PARTITION' | 'INVALID_ARN_SERVICE';
  /** What is wrong and how to write it. */
  message: string;
}

const PARTITIONS = new Set(AWS_PARTITIONS);
const WILDCARD = /[*?]/;
// A policy variable may hold colons (${aws:username}); it stands for one value inside a field.
const POLICY_VARIABLE = /\$\{[^}]*\}/g;

/** Why AWS refuses this Resource / NotResource value, or undefined when it is "*" or a well-formed ARN pattern. */
export function describeInvalidResource(value: string): ResourceProblem | undefined {
  if (value === '*') return undefined;
  const arn = parseArn(value.replace(POLICY_VARIABLE, 'x'));
  if (!value.startsWith('arn:')) {
    return {
      code: 'INVALID_ARN_PREFIX',
      message: `"${value}" is neither "*" nor an ARN: resource ARNs start with "arn:" (for example "arn:aws:s3:::amzn-s3-demo-bucket/*").`,
    };
  }
  if (!arn) {
    return {
      code: 'MISSING_ARN_FIELD',
      message: `"${value}" is missing ARN fields: write arn:partition:service:region:account:resource, leaving region or account empty where the service has none (for example "arn:aws:s3:::amzn-s3-demo-bucket").`,
    };
  }
  if (arn.partition === '' || (!WILDCARD.test(arn.partition) && !value.startsWith('arn:${') && !PARTITIONS.has(arn.partition))) {
    return {
      code: 'INVALID_ARN_PARTITION',
      message: `"${value}": "${arn.partition}" is not an AWS partition (${AWS_PARTITIONS.join(', ')}).`,
    };
  }
  if (arn.service === '') {
    return { code: 'MISSING_ARN_FIELD', message: `"${value}" names no service: the third ARN field is the service namespace, such as "s3" or "iam".` };
  }
  if (WILDCARD.test(arn.service)) {
    return {
      code: 'INVALID_ARN_SERVICE',
      message: `"${value}": the service field of a resource ARN cannot contain wildcards; name the service, or use "*" for every resource.`,
    };
  }
  return undefined;
}
