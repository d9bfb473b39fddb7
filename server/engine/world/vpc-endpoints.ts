// VPC endpoints, the network layer of a data perimeter. A request that reaches an AWS service through a VPC endpoint
// is also evaluated against the endpoint's policy, a resource-based policy that "does not override or replace
// identity-based policies or resource-based policies" (AWS PrivateLink Guide, vpc-endpoints-access.html). The request
// names its endpoint with aws:SourceVpce, and AWS sets aws:SourceVpc to the endpoint's VPC and leaves aws:SourceIp out
// (IAM User Guide, reference_policies_condition-keys.html, aws:SourceVpc and aws:SourceIp).

import type { ContextEntry, VpcEndpoint } from '../types';

/**
 * AWS's default endpoint policy, attached when an endpoint is created without one ("Default endpoint policy",
 * vpc-endpoints-access.html): full access. describe-vpc-endpoints prints it with Version 2008-10-17.
 */
export const DEFAULT_ENDPOINT_POLICY = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';

/** The caller's aws:SourceVpce key, lower-cased. */
export const SOURCE_VPCE_KEY = 'aws:sourcevpce';

/** Keys AWS sets itself on a request through a VPC endpoint: aws:SourceVpc (the endpoint's VPC) and aws:SourceIp (left out). */
export const ENDPOINT_NETWORK_KEYS: ReadonlySet<string> = new Set(['aws:sourcevpc', 'aws:sourceip']);

/**
 * Endpoint service names whose IAM service prefix differs from the name's own first part
 * (com.amazonaws.REGION.NAME; AWS PrivateLink Guide, aws-services-privatelink-support.html, against the Service
 * Authorization Reference's prefixes).
 */
const PREFIX_OF_ENDPOINT_SERVICE: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch', 'kinesis-streams': 'kinesis', 'kinesis-firehose': 'firehose', 'git-codecommit': 'codecommit',
  'email-smtp': 'ses', 'ecs-agent': 'ecs', 'ecs-telemetry': 'ecs', 'runtime.sagemaker': 'sagemaker',
  's3-global': 's3',
};

/** An AWS service's endpoint service name: com.amazonaws.REGION.NAME (a Region such as us-east-1 or us-gov-west-1). */
const AWS_SERVICE_NAME = /^com\.amazonaws\.([a-z]{2}(?:-[a-z]+)+-\d)\.(.+)$/;

/**
 * The IAM service prefix (as in s3:GetObject) of the AWS service an endpoint reaches, or undefined for an endpoint
 * service that is not an AWS service (com.amazonaws.vpce.REGION.vpce-svc-…), whose endpoints AWS gives full access.
 */
export function servicePrefixOfEndpoint(serviceName: string): string | undefined {
  const match = AWS_SERVICE_NAME.exec(serviceName.toLowerCase());
  if (match === null) return undefined;
  const name = match[2];
  return PREFIX_OF_ENDPOINT_SERVICE[name] ?? name.split('.')[0];
}

/** The endpoint id a request names with aws:SourceVpce (its first value), or undefined when it names none. */
export function sourceVpceOf(context: readonly ContextEntry[]): string | undefined {
  for (let i = context.length - 1; i >= 0; i--) {
    if (context[i].key.toLowerCase() === SOURCE_VPCE_KEY) return context[i].values[0];
  }
  return undefined;
}

/** The keys AWS derives for a request through the endpoint: aws:SourceVpc, the endpoint's VPC. */
export function endpointContextEntries(endpoint: VpcEndpoint): ContextEntry[] {
  return [{ key: 'aws:SourceVpc', values: [endpoint.vpcId], type: 'string' }];
}
