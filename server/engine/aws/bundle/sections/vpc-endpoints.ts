// VPC endpoints. VpcEndpoints: { "<account id>": <output> }, where <output> is what `aws ec2 describe-vpc-endpoints`
// prints in that account ({"VpcEndpoints": [{VpcEndpointId, VpcEndpointType, VpcId, ServiceName, PolicyDocument,
// OwnerId, ...}]}). PolicyDocument is JSON text; an endpoint without one has AWS's default full-access policy. The rules
// checked are the AWS PrivateLink Guide's (vpc-endpoints-access.html, "Considerations" and "Principals for gateway
// endpoints"). Read after the sections that add accounts.
import type { VpcEndpoint } from '../../../types';
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import type { InterchangeVpcEndpoint } from '../model';
import { isPlainObject } from '../../json-checks';
import { servicePrefixOfEndpoint } from '../../../world/vpc-endpoints';
import { readPerAccount } from './per-account';

/** The bundle key of the accounts' VPC endpoints. */
export const VPC_ENDPOINTS_KEY = 'VpcEndpoints';

/** VpcEndpointId and VpcId as EC2 prints them (8 or 17 hexadecimal digits). */
const VPC_ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;
const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const ENDPOINT_TYPES: readonly VpcEndpoint['type'][] = ['Interface', 'Gateway', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];
/** The services with gateway endpoints. */
const GATEWAY_SERVICES: ReadonlySet<string> = new Set(['s3', 'dynamodb']);
/** "The size of an endpoint policy cannot exceed 20,480 characters, including white space." */
const MAX_ENDPOINT_POLICY_CHARS = 20_480;

/** The accounts' VPC endpoints. */
export const vpcEndpointsSection: BundleSection = {
  keys: [VPC_ENDPOINTS_KEY],
  read(context) {
    const { read, problems, documents, design } = context;
    const seen = new Set<string>();
    readPerAccount(context, VPC_ENDPOINTS_KEY, (entry, path) => {
      const output = read.object(entry, path);
      if (!output) return undefined;
      const endpoints: InterchangeVpcEndpoint[] = [];
      read.array(output.VpcEndpoints, `${path}.VpcEndpoints`, true).forEach((value, i) => {
        const at = `${path}.VpcEndpoints[${i}]`;
        const item = read.object(value, at);
        if (!item) return;
        const id = read.id(item.VpcEndpointId, `${at}.VpcEndpointId`, VPC_ENDPOINT_ID, 'VPC endpoint id');
        const vpcId = read.id(item.VpcId, `${at}.VpcId`, VPC_ID, 'VPC id');
        const ownerAccountId = read.id(item.OwnerId, `${at}.OwnerId`, ACCOUNT_ID, '12-digit account id');
        const serviceName = read.string(item.ServiceName, `${at}.ServiceName`);
        const type = read.string(item.VpcEndpointType, `${at}.VpcEndpointType`);
        if (type !== undefined && !ENDPOINT_TYPES.includes(type as VpcEndpoint['type'])) {
          problems.add(`${at}.VpcEndpointType`, `"${type}" is not a VpcEndpointType (${ENDPOINT_TYPES.join(', ')})`, 'InvalidParameterValue');
          return;
        }
        if (!id || !vpcId || !ownerAccountId || !serviceName || !type) return;
        // Gateway endpoints exist for Amazon S3 and DynamoDB only (vpc/latest/privatelink/gateway-endpoints.html).
        if (type === 'Gateway' && !GATEWAY_SERVICES.has(servicePrefixOfEndpoint(serviceName) ?? '')) {
          problems.add(`${at}.ServiceName`, `${serviceName} has no gateway endpoints (only Amazon S3 and DynamoDB do)`, 'InvalidServiceName');
          return;
        }
        if (seen.has(id)) {
          problems.add(`${at}.VpcEndpointId`, `VPC endpoint ${id} is listed twice`, 'InvalidParameterValue');
          return;
        }
        seen.add(id);
        const policyDocument = readEndpointPolicy(item.PolicyDocument, `${at}.PolicyDocument`, id, type as VpcEndpoint['type']);
        if (policyDocument === false) return;
        endpoints.push({ id, ownerAccountId, vpcId, serviceName, type: type as VpcEndpoint['type'], policyDocument });
      });
      return endpoints;
    }, (account, endpoints, path) => {
      for (const endpoint of endpoints) {
        if (endpoint.ownerAccountId !== account.accountId) {
          problems.add(`${path}.VpcEndpoints`, `VPC endpoint ${endpoint.id} has OwnerId ${endpoint.ownerAccountId}, not ${account.accountId}: describe-vpc-endpoints run in an account lists that account's endpoints`, 'InvalidParameterValue');
          continue;
        }
        (design.vpcEndpoints ??= []).push(endpoint);
      }
    });

    /** The policy as JSON text, null when absent (the default policy), false (with a problem) when AWS would refuse it. */
    function readEndpointPolicy(value: unknown, path: string, id: string, type: VpcEndpoint['type']): string | null | false {
      if (value === undefined || value === null) return null;
      const text = read.document(value, path);
      if (text === undefined) return false;
      if (text.length > MAX_ENDPOINT_POLICY_CHARS) {
        problems.add(path, `the policy of ${id} has ${text.length} characters; an endpoint policy cannot exceed ${MAX_ENDPOINT_POLICY_CHARS}`, 'InvalidPolicyDocument');
        return false;
      }
      const before = problems.problems.length;
      // "An endpoint policy is a JSON policy document that uses the IAM policy language. It must contain a Principal element."
      documents.iam(path, `VPC endpoint policy of ${id}`, text, 'RESOURCE');
      if (problems.problems.length > before) return false;
      if (type === 'Gateway' && !everyPrincipalIsAnyoneOrAccount(text)) {
        problems.add(path, `${id} is a gateway endpoint: its policy's Principal must be "*" or an account (name users and roles with the aws:PrincipalArn condition key)`, 'InvalidPolicyDocument');
        return false;
      }
      return text;
    }
  },
};

/** True when every statement's Principal is "*" or {"AWS": "*"} (a gateway endpoint's policy). */
function everyPrincipalIsAnyoneOrAccount(text: string): boolean {
  const document: unknown = JSON.parse(text);
  if (!isPlainObject(document)) return false;
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  // "With gateway endpoints, you must use the aws:PrincipalArn condition key to grant access to a principal": "*",
  // or an account ("account_id", "arn:aws:iam::account_id:root"), which reaches that account's root user only.
  const anyoneOrAccount = (value: unknown) => value === '*' || (typeof value === 'string' && /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/.test(value));
  return statements.every((statement) => {
    if (!isPlainObject(statement)) return false;
    const principal = statement.Principal;
    if (principal === '*') return true;
    if (!isPlainObject(principal) || Object.keys(principal).length !== 1) return false;
    const aws = principal.AWS;
    return Array.isArray(aws) ? aws.length > 0 && aws.every(anyoneOrAccount) : anyoneOrAccount(aws);
  });
}
