import 'server-only';
import type { InterchangeVpcEndpoint } from '../engine/aws/bundle/model';

// VPC endpoint rows as the World and the exports read them: one select, one checked conversion.

/** The columns of a VpcEndpoint row that the World and the exports read. */
export const vpcEndpointSelect = {
  endpointId: true, endpointType: true, vpcId: true, serviceName: true, policyDocument: true,
} as const;

const ENDPOINT_TYPES: readonly InterchangeVpcEndpoint['type'][] = ['Interface', 'Gateway', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];

/** A row in the interchange model (the import wrote only types the bundle reader accepts; anything else is corrupt data). */
export function vpcEndpointOf(
  row: { endpointId: string; endpointType: string; vpcId: string; serviceName: string; policyDocument: string | null },
  ownerAccountId: string,
): InterchangeVpcEndpoint {
  const type = ENDPOINT_TYPES.find((candidate) => candidate === row.endpointType);
  if (type === undefined) throw new Error(`VPC endpoint ${row.endpointId}: stored type "${row.endpointType}" is not a VpcEndpointType`);
  return { id: row.endpointId, ownerAccountId, vpcId: row.vpcId, serviceName: row.serviceName, type, policyDocument: row.policyDocument };
}
