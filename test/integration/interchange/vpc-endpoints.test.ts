// VPC endpoints through import, the stored design and export, on the real migrated test database: the VpcEndpoints
// section (`aws ec2 describe-vpc-endpoints` output per account), the decisions their policies change (AWS PrivateLink
// Guide, vpc-endpoints-access.html: a request through an endpoint must also be allowed by its policy), the branch copy,
// the bundle and CLI folder exports, and the policies AWS would refuse.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { readCliFiles } from '@/server/services/interchange/read-cli-folder';
import { bundleToCliFiles } from '@/server/services/interchange/write-cli-folder';
import { createTestDb } from '../../support/db-test-client';
import { addUserAllowing, sampleMemberAccounts, sampleOrgBundle, type SampleOrgBundle } from '../../support/sample-org-bundle';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

const OTHER_ORG = 'o-0th3r0rg1234';
const ORG_ONLY = 'vpce-0a1b2c3d4e5f60001';
const ONE_BUCKET = 'vpce-0a1b2c3d4e5f60002';
const DEFAULT_POLICY = 'vpce-0a1b2c3d4e5f60003';
const document = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** The sample organization, a user allowed s3:GetObject in a member account, and three S3 endpoints of that account. */
function bundleWithEndpoints(): { bundle: SampleOrgBundle; account: string; user: string; endpoints: Record<string, unknown>[] } {
  const bundle = sampleOrgBundle();
  const account = sampleMemberAccounts(bundle)[2];
  const user = addUserAllowing(bundle, account, { name: 'analyst', id: 'AIDAANALYSTUSERX7K2MZ' }, ['s3:GetObject']);
  const endpoints = [
    {
      VpcEndpointId: ORG_ONLY, VpcEndpointType: 'Gateway', VpcId: 'vpc-0a1b2c3d4e5f60001', ServiceName: 'com.amazonaws.us-east-1.s3', OwnerId: account,
      PolicyDocument: document([{ Sid: 'OtherOrgOnly', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceOrgID': OTHER_ORG } } }]),
    },
    {
      VpcEndpointId: ONE_BUCKET, VpcEndpointType: 'Gateway', VpcId: 'vpc-0a1b2c3d4e5f60001', ServiceName: 'com.amazonaws.us-east-1.s3', OwnerId: account,
      PolicyDocument: document([{ Sid: 'AnalyticsBucket', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::analytics-data/*' }]),
    },
    { VpcEndpointId: DEFAULT_POLICY, VpcEndpointType: 'Interface', VpcId: 'vpc-0a1b2c3d4e5f60002', ServiceName: 'com.amazonaws.us-east-1.s3', OwnerId: account },
  ];
  bundle.VpcEndpoints = { [account]: { VpcEndpoints: endpoints } };
  return { bundle, account, user, endpoints };
}

describe('VPC endpoints in a design', () => {
  it('imports the endpoints, decides requests through them, keeps them in a branch, and exports them back', async () => {
    const { bundle, account, user, endpoints } = bundleWithEndpoints();
    const { designId } = await api.interchange.importBundle({ document: bundle, name: `vpce ${Date.now()}` });
    const simulate = async (id: string, bucket: string, through?: string) => (await api.simulation.simulate({
      designId: id,
      request: {
        principalArn: user, action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/report.csv`, resourceAccount: account,
        context: through === undefined ? [] : [{ key: 'aws:SourceVpce', values: [through], type: 'string' }],
      },
    })).result;

    expect(await simulate(designId, 'analytics-data')).toMatchObject({ decision: 'allowed' });
    const otherOrg = await simulate(designId, 'analytics-data', ORG_ONLY);
    expect(otherOrg).toMatchObject({ decision: 'implicitDeny', reasons: ['vpc-endpoint-no-allow'] });
    expect(otherOrg.summary).toContain(`the VPC endpoint ${ORG_ONLY} policy does not allow s3:GetObject`);
    expect(otherOrg.trace.find((step) => step.layer === 'vpcEndpoint')).toMatchObject({ outcome: 'noMatch', matched: [] });
    expect(await simulate(designId, 'analytics-data', ONE_BUCKET)).toMatchObject({ decision: 'allowed' });
    expect(await simulate(designId, 'finance-data', ONE_BUCKET)).toMatchObject({ decision: 'implicitDeny', reasons: ['vpc-endpoint-no-allow'] });
    expect(await simulate(designId, 'finance-data', DEFAULT_POLICY)).toMatchObject({ decision: 'allowed' });

    // The account panel and the request form read them; the trace's policy id opens the endpoint's policy.
    expect((await api.account.details({ designId, accountId: account })).vpcEndpoints.map((endpoint) => [endpoint.id, endpoint.type])).toEqual([
      [ORG_ONLY, 'Gateway'], [ONE_BUCKET, 'Gateway'], [DEFAULT_POLICY, 'Interface'],
    ]);
    expect((await api.account.vpcEndpoints({ designId })).endpoints.map((endpoint) => endpoint.ownerAccountId)).toEqual([account, account, account]);
    expect((await api.analysis.policySource({ designId, policyId: ONE_BUCKET })).text).toContain('AnalyticsBucket');
    expect((await api.analysis.policySource({ designId, policyId: DEFAULT_POLICY })).text).toContain('"Principal": "*"');

    const branch = await api.history.branch({ designId, newName: `vpce branch ${Date.now()}` });
    expect(await simulate(branch.design.id, 'finance-data', ONE_BUCKET)).toMatchObject({ decision: 'implicitDeny', reasons: ['vpc-endpoint-no-allow'] });

    const exported = JSON.parse((await api.interchange.export({ designId, format: 'bundle' })).content) as Record<string, unknown>;
    expect(exported.VpcEndpoints).toEqual({ [account]: { VpcEndpoints: endpoints } });
    const files = bundleToCliFiles(exported);
    expect(JSON.parse(files[`ec2/describe-vpc-endpoints/${account}.json`])).toEqual({ VpcEndpoints: endpoints });
    expect(readCliFiles(files).design.vpcEndpoints?.map((endpoint) => [endpoint.id, endpoint.policyDocument === null])).toEqual([
      [ORG_ONLY, false], [ONE_BUCKET, false], [DEFAULT_POLICY, true],
    ]);
  });

  it('refuses what EC2 refuses: a gateway endpoint policy naming a principal, and an endpoint of another owner', async () => {
    const first = bundleWithEndpoints();
    first.endpoints[0].PolicyDocument = document([{ Effect: 'Allow', Principal: { AWS: first.user }, Action: 's3:*', Resource: '*' }]);
    await expect(api.interchange.importBundle({ document: first.bundle, name: `vpce bad ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/VpcEndpoints\[0\]\.PolicyDocument: InvalidPolicyDocument: vpce-0a1b2c3d4e5f60001 is a gateway endpoint: its policy.s Principal must be "\*" or an account/) });
    const second = bundleWithEndpoints();
    second.endpoints[2].OwnerId = '123456789012';
    await expect(api.interchange.importBundle({ document: second.bundle, name: `vpce bad ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/has OwnerId 123456789012, not \d{12}/) });
  });
});
