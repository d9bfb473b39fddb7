// The VpcEndpoints section: per account, `aws ec2 describe-vpc-endpoints` output, read into the design and the World,
// with what AWS refuses refused here too (AWS PrivateLink Guide, vpc-endpoints-access.html: an endpoint policy must
// contain a Principal element, at most 20,480 characters; a gateway endpoint's policy must set Principal to "*").
import { describe, expect, it } from 'vitest';
import { bundleToWorld, readAwsBundle } from '@/server/engine';
import { loadFixtureFiles } from '@/test/fixtures/engine/load-fixtures';

const ACCOUNT = '333333333333';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** The VPC endpoint fixture's bundle (base organization, one account's IAM, five endpoints). */
function bundle(): LooseJson {
  const file = loadFixtureFiles().find((candidate) => candidate.file.endsWith('vpc-endpoints.json'))!;
  return structuredClone(file.bundle) as LooseJson;
}

function endpoints(value: LooseJson): LooseJson[] {
  return value.VpcEndpoints[ACCOUNT].VpcEndpoints as LooseJson[];
}

function problemsOf(value: unknown) {
  const result = readAwsBundle(value);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('reading VpcEndpoints', () => {
  it('reads every endpoint, its policy as given or none for the default policy, into the design and the World', () => {
    const read = readAwsBundle(bundle());
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.design.vpcEndpoints?.map((endpoint) => endpoint.id)).toEqual([
      'vpce-0a1b2c3d4e5f60001', 'vpce-0a1b2c3d4e5f60002', 'vpce-0a1b2c3d4e5f60003', 'vpce-0a1b2c3d4e5f60004', 'vpce-0a1b2c3d4e5f60005', 'vpce-0a1b2c3d4e5f60006',
    ]);
    const fallback = read.design.vpcEndpoints!.find((endpoint) => endpoint.id === 'vpce-0a1b2c3d4e5f60003')!;
    expect(fallback).toMatchObject({ type: 'Interface', vpcId: 'vpc-0a1b2c3d4e5f60001', serviceName: 'com.amazonaws.us-east-1.s3', policyDocument: null, ownerAccountId: ACCOUNT });
    const world = bundleToWorld(bundle());
    if (!world.ok) throw new Error('bundle refused');
    expect(world.world.vpcEndpoints?.find((endpoint) => endpoint.id === 'vpce-0a1b2c3d4e5f60003')?.policy).toBeUndefined();
    expect(world.world.vpcEndpoints?.find((endpoint) => endpoint.id === 'vpce-0a1b2c3d4e5f60001')?.policy).toContain('aws:ResourceOrgID');
  });

  it('refuses malformed ids and types in EC2\'s terms', () => {
    const value = bundle();
    endpoints(value)[0].VpcEndpointId = 'vpce-XYZ';
    endpoints(value)[1].VpcId = 'vpc 1';
    endpoints(value)[2].VpcEndpointType = 'Tunnel';
    const problems = problemsOf(value);
    expect(problems.map((problem) => problem.path)).toEqual([
      `$.VpcEndpoints["${ACCOUNT}"].VpcEndpoints[0].VpcEndpointId`,
      `$.VpcEndpoints["${ACCOUNT}"].VpcEndpoints[1].VpcId`,
      `$.VpcEndpoints["${ACCOUNT}"].VpcEndpoints[2].VpcEndpointType`,
    ]);
    expect(problems[2]).toMatchObject({ awsCode: 'InvalidParameterValue' });
  });

  it('refuses a gateway endpoint policy that names a principal, a policy without Principal, and one over 20,480 characters', () => {
    const value = bundle();
    endpoints(value)[0].PolicyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app-role` }, Action: 's3:*', Resource: '*' }] });
    endpoints(value)[2].PolicyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    endpoints(value)[3].PolicyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(20_500), Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] });
    const problems = problemsOf(value);
    const at = (i: number) => problems.filter((problem) => problem.path.startsWith(`$.VpcEndpoints["${ACCOUNT}"].VpcEndpoints[${i}].PolicyDocument`));
    expect(at(0)).toEqual([expect.objectContaining({ awsCode: 'InvalidPolicyDocument', message: expect.stringContaining('gateway endpoint') })]);
    expect(at(2).length).toBeGreaterThan(0);
    expect(at(3)).toEqual([expect.objectContaining({ message: expect.stringContaining('cannot exceed 20480') })]);
  });

  it('refuses a gateway endpoint of a service that has none (only S3 and DynamoDB do)', () => {
    const value = bundle();
    endpoints(value)[1].ServiceName = 'com.amazonaws.us-east-1.kms';
    expect(problemsOf(value)).toEqual([expect.objectContaining({ path: `$.VpcEndpoints["${ACCOUNT}"].VpcEndpoints[1].ServiceName`, awsCode: 'InvalidServiceName' })]);
  });

  it('refuses an endpoint listed under an account that does not own it, and one listed twice', () => {
    const value = bundle();
    endpoints(value)[0].OwnerId = '444444444444';
    endpoints(value)[2].VpcEndpointId = endpoints(value)[1].VpcEndpointId;
    const problems = problemsOf(value);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('listed twice'),
      expect.stringContaining('has OwnerId 444444444444, not 333333333333'),
    ]);
  });
});
