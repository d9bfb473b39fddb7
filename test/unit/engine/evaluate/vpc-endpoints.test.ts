// VPC endpoint policies, the network layer of a data perimeter (AWS PrivateLink Guide, vpc-endpoints-access.html;
// IAM User Guide, reference_policies_condition-keys.html for aws:SourceVpce, aws:SourceVpc and aws:SourceIp). The
// decision rules are the fixture's (test/fixtures/engine/vpc-endpoints.json); here: the endpoint's service, the trace
// and summary, the missing-context analysis over the endpoint policy, and the shared-decision caches (who-can, the
// access graph), which must not answer a request through an endpoint from a class that ignores it.
import { describe, expect, it } from 'vitest';
import { allEdges, buildAccessGraph, compileWorld, evaluate, updateAccessGraph, whoCanDo, type VpcEndpoint, type World } from '@/server/engine';
import { decisionSignature } from '@/server/engine/access/decision-signature';
import { servicePrefixOfEndpoint } from '@/server/engine/world/vpc-endpoints';
import { addRole, addUser, baseWorld, ctx, DEV, policy, PROD, request } from './world-builder';

const S3_ENDPOINT = 'vpce-0a1b2c3d4e5f60001';
const STS_ENDPOINT = 'vpce-0a1b2c3d4e5f60002';
const VPC = 'vpc-0a1b2c3d4e5f60001';
const readAll = policy({ Effect: 'Allow', Action: ['s3:*', 'sts:AssumeRole'], Resource: '*' });
const s3Only = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });

function endpoint(id: string, serviceName: string, document?: object): VpcEndpoint {
  return { id, ownerAccountId: PROD, vpcId: VPC, serviceName, type: 'Interface', ...(document ? { policy: JSON.stringify(document) } : {}) };
}

/** Two roles of one class (same account, policies, trust, no tags) and an S3 endpoint whose policy names only the first. */
function twinRolesWorld(): { world: World; first: string; second: string } {
  const world = baseWorld();
  const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'sts:AssumeRole' });
  const first = addRole(world, PROD, 'app-first', trust, { app: s3Only });
  const second = addRole(world, PROD, 'app-second', trust, { app: s3Only });
  world.vpcEndpoints = [endpoint(S3_ENDPOINT, 'com.amazonaws.eu-west-1.s3', policy({ Effect: 'Allow', Principal: { AWS: first }, Action: 's3:*', Resource: '*' }))];
  return { world, first, second };
}

describe('the service an endpoint reaches (aws-services-privatelink-support.html)', () => {
  it('reads the IAM prefix from an AWS service name, and none from an endpoint service that is not AWS\'s', () => {
    expect(servicePrefixOfEndpoint('com.amazonaws.us-east-1.s3')).toBe('s3');
    expect(servicePrefixOfEndpoint('com.amazonaws.eu-west-1.ecr.api')).toBe('ecr');
    expect(servicePrefixOfEndpoint('com.amazonaws.us-gov-west-1.monitoring')).toBe('cloudwatch');
    expect(servicePrefixOfEndpoint('com.amazonaws.ap-southeast-2.kinesis-streams')).toBe('kinesis');
    expect(servicePrefixOfEndpoint('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0')).toBeUndefined();
  });
});

describe('evaluation through an endpoint', () => {
  it('shows the endpoint as its own layer, names it in the summary, and grants nothing itself', () => {
    const { world, first, second } = twinRolesWorld();
    const compiled = compileWorld(world);
    const through = [ctx('aws:SourceVpce', S3_ENDPOINT)];
    const refused = evaluate(compiled, request(second, 's3:GetObject', 'arn:aws:s3:::data/k', { context: through }));
    expect(refused).toMatchObject({ decision: 'implicitDeny', reasons: ['vpc-endpoint-no-allow'] });
    expect(refused.trace.find((step) => step.layer === 'vpcEndpoint')).toMatchObject({ outcome: 'noMatch' });
    expect(refused.summary).toContain(`the VPC endpoint ${S3_ENDPOINT} policy does not allow s3:GetObject`);
    expect(refused.context).toContainEqual({ key: 'aws:SourceVpc', values: [VPC], type: 'string' });

    const allowed = evaluate(compiled, request(first, 's3:GetObject', 'arn:aws:s3:::data/k', { context: through }));
    expect(allowed).toMatchObject({ decision: 'allowed', reasons: ['identity-allow'] });
    expect(allowed.trace.find((step) => step.layer === 'vpcEndpoint')).toMatchObject({ outcome: 'allow' });

    // The endpoint allows the first role everything in S3, but an identity policy must still allow.
    const user = addUser(world, PROD, 'no-rights', {});
    expect(evaluate(compileWorld(world), request(user, 's3:GetObject', 'arn:aws:s3:::data/k', { context: through })).reasons).toEqual(['vpc-endpoint-no-allow', 'no-allow']);
  });

  it('leaves a world without endpoints exactly as before: no endpoint layer, aws:SourceVpce an ordinary key', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', { app: readAll });
    const result = evaluate(compileWorld(world), request(user, 's3:GetObject', 'arn:aws:s3:::data/k', { context: [ctx('aws:SourceVpce', S3_ENDPOINT), ctx('aws:SourceVpc', 'vpc-0fffffffffffffff0')] }));
    expect(result.trace.some((step) => step.layer === 'vpcEndpoint')).toBe(false);
    expect(result.context).toContainEqual({ key: 'aws:SourceVpc', values: ['vpc-0fffffffffffffff0'], type: 'string' });
    expect(result.overriddenContext).toEqual([]);
  });

  it('lists a key the endpoint policy reads and the request left out as a missing context value', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', { app: readAll });
    world.vpcEndpoints = [endpoint(S3_ENDPOINT, 'com.amazonaws.eu-west-1.s3', policy({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))];
    const result = evaluate(compileWorld(world), request(user, 's3:GetObject', 'arn:aws:s3:::data/k', { context: [ctx('aws:SourceVpce', S3_ENDPOINT)] }));
    expect(result).toMatchObject({ decision: 'implicitDeny', reasons: ['vpc-endpoint-no-allow'], missingContextValues: ['aws:RequestedRegion'], conditionDependent: true });
    const inRegion = evaluate(compileWorld(world), request(user, 's3:GetObject', 'arn:aws:s3:::data/k', { context: [ctx('aws:SourceVpce', S3_ENDPOINT), ctx('aws:RequestedRegion', 'eu-west-1')] }));
    expect(inRegion).toMatchObject({ decision: 'allowed', missingContextValues: [] });
  });

  it('does not list aws:SourceIp as missing through an endpoint: AWS leaves it out there', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', { app: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }) });
    world.vpcEndpoints = [endpoint(S3_ENDPOINT, 'com.amazonaws.eu-west-1.s3')];
    const compiled = compileWorld(world);
    const direct = evaluate(compiled, request(user, 's3:GetObject', 'arn:aws:s3:::data/k'));
    expect(direct.missingContextValues).toEqual(['aws:SourceIp']);
    const through = evaluate(compiled, request(user, 's3:GetObject', 'arn:aws:s3:::data/k', { context: [ctx('aws:SourceVpce', S3_ENDPOINT)] }));
    expect(through).toMatchObject({ decision: 'implicitDeny', reasons: ['no-allow'], missingContextValues: [] });
    // A caller's own values for the keys AWS sets on the endpoint's path are reported, saying why they were not used.
    const supplied = evaluate(compiled, request(user, 's3:GetObject', 'arn:aws:s3:::data/k', {
      context: [ctx('aws:SourceVpce', S3_ENDPOINT), ctx('aws:SourceIp', '203.0.113.5', 'ip'), ctx('aws:SourceVpc', 'vpc-0fffffffffffffff0')],
    }));
    expect(supplied.overriddenContext.map((entry) => [entry.key, entry.used])).toEqual([['aws:SourceIp', undefined], ['aws:SourceVpc', [VPC]]]);
    expect(supplied.overriddenContext[0].note).toMatch(/the request goes through a VPC endpoint of the design.*evaluated without it/);
    expect(supplied.overriddenContext[1].note).toMatch(/evaluated with vpc-0a1b2c3d4e5f60001, the endpoint's VPC/);
  });
});

describe('shared decisions must not ignore the endpoint', () => {
  it('gives a request through an endpoint no decision signature, so that who-can decides each principal', () => {
    const { world, first, second } = twinRolesWorld();
    const compiled = compileWorld(world);
    const through = [ctx('aws:SourceVpce', S3_ENDPOINT)];
    expect(decisionSignature(compiled, compiled.principal(first), 's3:GetObject', 'arn:aws:s3:::data/k', through, PROD)).toBeUndefined();
    expect(decisionSignature(compiled, compiled.principal(first), 's3:GetObject', 'arn:aws:s3:::data/k', [], PROD)).toBeDefined();

    const graph = buildAccessGraph(world);
    const answered = whoCanDo(graph, { action: 's3:GetObject', resource: 'arn:aws:s3:::data/k', resourceAccount: PROD, context: through });
    const principals = answered.answers.map((answer) => answer.principal);
    expect(principals).toContain(first);
    expect(principals).not.toContain(second);
    // Without the endpoint both roles (one class) can read.
    const plain = whoCanDo(graph, { action: 's3:GetObject', resource: 'arn:aws:s3:::data/k', resourceAccount: PROD });
    expect(plain.answers.map((answer) => answer.principal)).toEqual(expect.arrayContaining([first, second]));
  });

  it('decides each member on its own when a trust policy may send AssumeRole through an endpoint', () => {
    const world = baseWorld();
    const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceVpce': STS_ENDPOINT } } });
    const target = addRole(world, PROD, 'deploy', trust, {});
    const callerTrust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'sts:AssumeRole' });
    const first = addRole(world, DEV, 'ci-first', callerTrust, { app: readAll });
    const second = addRole(world, DEV, 'ci-second', callerTrust, { app: readAll });
    world.vpcEndpoints = [{ ...endpoint(STS_ENDPOINT, 'com.amazonaws.eu-west-1.sts', policy({ Effect: 'Allow', Principal: { AWS: first }, Action: 'sts:*', Resource: '*' })), ownerAccountId: DEV }];
    const into = allEdges(buildAccessGraph(world)).filter((edge) => edge.to === target).map((edge) => edge.from);
    expect(into).toContain(first);
    expect(into).not.toContain(second);

    // A graph updated after the endpoint's policy changed (an import) is rebuilt, not patched around the endpoint.
    const open: World = { ...world, vpcEndpoints: [{ ...world.vpcEndpoints![0], policy: undefined }] };
    const updated = updateAccessGraph(buildAccessGraph(world), open);
    expect(allEdges(updated).filter((edge) => edge.to === target).map((edge) => edge.from)).toEqual(expect.arrayContaining([first, second]));
  });
});
