import 'server-only';
import type { InterchangeVpcEndpoint } from '../engine/aws/bundle/model';
import type { Db } from './client';

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

/** The design's VPC endpoints (of one account, given its row id), by owner account then endpoint id. */
export async function listVpcEndpoints(db: Db, designId: string, accountRowId?: string): Promise<InterchangeVpcEndpoint[]> {
  const rows = await db.vpcEndpoint.findMany({
    where: accountRowId === undefined ? { account: { designId } } : { accountId: accountRowId },
    orderBy: [{ account: { accountId: 'asc' } }, { endpointId: 'asc' }],
    select: { ...vpcEndpointSelect, account: { select: { accountId: true } } },
  });
  return rows.map((row) => vpcEndpointOf(row, row.account.accountId));
}
