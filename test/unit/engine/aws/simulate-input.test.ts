// simulateInputToRequests and toEvaluationResults: the simulate-principal-policy shapes around the engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, simulateInputToRequests, toEvaluationResults } from '@/server/engine';
import { addManagedPolicy, addUser, attach, baseWorld, policy, PROD } from '../evaluate/world-builder';

describe('simulateInputToRequests', () => {
  it('makes one request per action and resource, with context, owner and session policy', () => {
    const result = simulateInputToRequests({
      PolicySourceArn: 'arn:aws:iam::333333333333:role/app',
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::a/1', 'arn:aws:s3:::b/2'],
      ResourceOwner: 'arn:aws:iam::444444444444:root',
      ContextEntries: [
        { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.1'], ContextKeyType: 'ip' },
        { ContextKeyName: 'aws:TagKeys', ContextKeyValues: [], ContextKeyType: 'stringList' },
      ],
      SessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
      MaxItems: 100,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.requests).toHaveLength(4);
    expect(result.requests[3]).toEqual({
      principalArn: 'arn:aws:iam::333333333333:role/app',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::b/2',
      resourceAccount: '444444444444',
      sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
      context: [
        { key: 'aws:SourceIp', values: ['10.0.0.1'], type: 'ip' },
        { key: 'aws:TagKeys', values: [], type: 'stringList' },
      ],
    });
  });

  it('defaults ResourceArns to "*"', () => {
    const result = simulateInputToRequests({ PolicySourceArn: 'arn:aws:iam::333333333333:user/a', ActionNames: ['ec2:DescribeInstances'] });
    expect(result.ok && result.requests.map((request) => request.resource)).toEqual(['*']);
  });

  it('locates every problem by JSON path', () => {
    const result = simulateInputToRequests({
      ActionNames: ['s3:Get*', 42],
      ResourceArns: ['bucket'],
      ResourceOwner: 'me',
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['1.1.1.1', '2.2.2.2'], ContextKeyType: 'ip' }, { ContextKeyName: 'x', ContextKeyValues: ['1'], ContextKeyType: 'text' }],
      PolicyInputList: [],
      Colour: 'blue',
    });
    if (result.ok) throw new Error('expected errors');
    const paths = result.errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining([
      '$.PolicySourceArn', '$.ActionNames[0]', '$.ActionNames[1]', '$.ResourceArns[0]', '$.ResourceOwner',
      '$.ContextEntries[0].ContextKeyValues', '$.ContextEntries[1].ContextKeyType', '$.PolicyInputList', '$.Colour',
    ]));
    expect(result.errors.find((error) => error.path === '$.PolicyInputList')?.message).toMatch(/AuthorizationDetails/);
  });

  it('takes an AWS service principal as the caller (ServicePrincipal), alone and well formed', () => {
    const ok = simulateInputToRequests({ ServicePrincipal: 'cloudtrail.amazonaws.com', ActionNames: ['s3:PutObject'], ResourceArns: ['arn:aws:s3:::logs/x'] });
    expect(ok.ok && ok.requests[0]).toMatchObject({ principalArn: 'cloudtrail.amazonaws.com', action: 's3:PutObject' });
    const notAService = simulateInputToRequests({ ServicePrincipal: 'arn:aws:iam::333333333333:role/x', ActionNames: ['s3:PutObject'] });
    expect(!notAService.ok && notAService.errors.map((error) => error.path)).toEqual(['$.ServicePrincipal']);
    const withPolicies = simulateInputToRequests({
      ServicePrincipal: 'config.amazonaws.com', PolicySourceArn: 'arn:aws:iam::333333333333:user/a', SessionPolicy: '{}', ActionNames: ['s3:PutObject'],
    });
    expect(!withPolicies.ok && withPolicies.errors.map((error) => error.path).sort()).toEqual(['$.PolicySourceArn', '$.SessionPolicy']);
  });

  // Table-driven: test/fixtures/simulate/caller-arn.json (API_SimulatePrincipalPolicy.html, CallerArn).
  const callerArn = JSON.parse(readFileSync(new URL('../../../fixtures/simulate/caller-arn.json', import.meta.url), 'utf8')) as {
    doc: string[];
    cases: { name: string; input: Record<string, unknown>; expected: { principalArn?: string; policySourceArn?: string; callerRequired?: boolean; errorPath?: string; errorContains?: string } }[];
  };
  it('CallerArn fixtures name their AWS pages', () => {
    for (const url of callerArn.doc) expect(url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
  it.each(callerArn.cases.map((testCase) => [testCase.name, testCase] as const))('CallerArn: %s', (_name, { input, expected }) => {
    const result = simulateInputToRequests(input);
    if (expected.errorPath) {
      expect(result.ok).toBe(false);
      const error = !result.ok ? result.errors.find((candidate) => candidate.path === expected.errorPath) : undefined;
      expect(error?.message, JSON.stringify(result)).toContain(expected.errorContains);
      return;
    }
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.requests[0].principalArn).toBe(expected.principalArn);
    expect(result.requests[0].policySourceArn).toBe(expected.policySourceArn);
    expect(result.callerRequired === true).toBe(expected.callerRequired === true);
  });
});

describe('toEvaluationResults', () => {
  it('reports the simulator fields: decision, matched statements by source type, Organizations and boundary details', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-deny-ec2', policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), [PROD]);
    const boundary = addManagedPolicy(world, PROD, 'Boundary', policy({ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }));
    const user = addUser(world, PROD, 'alice', {
      mine: policy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 'ec2:*', 'sqs:*'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    }, { permissionsBoundaryArn: boundary, attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    world.iam[PROD].managedPolicies.push({ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess', document: policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }) });
    const compiled = compileWorld(world);
    const requests = [
      { principalArn: user, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const }] },
      { principalArn: user, action: 'ec2:RunInstances', resource: '*', context: [] },
      { principalArn: user, action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-1:${PROD}:q`, context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const }] },
    ];
    const response = toEvaluationResults(requests.map((request) => ({ request, result: evaluate(compiled, request) })));
    const [read, ec2, sqs] = response.EvaluationResults;
    expect(read).toMatchObject({
      EvalActionName: 's3:GetObject',
      EvalResourceName: 'arn:aws:s3:::b/k',
      EvalDecision: 'allowed',
      MissingContextValues: [],
      OrganizationsDecisionDetail: { AllowedByOrganizations: true },
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
    });
    expect(read.MatchedStatements).toEqual(expect.arrayContaining([
      { SourcePolicyId: 'user/alice/inline/mine', SourcePolicyType: 'user' },
      { SourcePolicyId: 'arn:aws:iam::aws:policy/ReadOnlyAccess', SourcePolicyType: 'aws-managed' },
      { SourcePolicyId: boundary, SourcePolicyType: 'user-managed' },
    ]));
    // The unconditional SCP Deny decides whatever the region: the identity statement's region key changes nothing.
    expect(ec2).toMatchObject({ EvalDecision: 'explicitDeny', MissingContextValues: [], OrganizationsDecisionDetail: { AllowedByOrganizations: false } });
    expect(ec2.LzsimTrace.reasons).toEqual(['scp-deny']);
    expect(sqs).toMatchObject({ EvalDecision: 'implicitDeny', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
    expect(sqs.LzsimTrace.layers.some((layer) => layer.layer === 'boundary' && layer.outcome === 'noMatch')).toBe(true);
    // For "*" the simulator reports no per-resource section and no decision details.
    expect(ec2.ResourceSpecificResults).toBeUndefined();
    expect(ec2.EvalDecisionDetails).toBeUndefined();
    // For an ARN, missing keys and the same-account (empty) details go per resource.
    expect(read.EvalDecisionDetails).toEqual({});
    expect(read.ResourceSpecificResults).toEqual([expect.objectContaining({ EvalResourceName: 'arn:aws:s3:::b/k', EvalResourceDecision: 'allowed', MissingContextValues: [] })]);
  });

  it('lists only the deny statements of an explicit deny, and both sides of a cross-account request', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', {
      allow: policy({ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      deny: policy({ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }),
    });
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::shared', accountId: '444444444444', document: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }) });
    const compiled = compileWorld(world);
    const deleteRequest = { principalArn: user, action: 's3:DeleteObject', resource: 'arn:aws:s3:::own/k', context: [{ key: 'aws:MultiFactorAuthPresent', values: ['false'], type: 'boolean' as const }] };
    const crossRequest = { principalArn: user, action: 's3:GetObject', resource: 'arn:aws:s3:::shared/k', context: [] };
    const noMfaRequest = { principalArn: user, action: 's3:DeleteObject', resource: 'arn:aws:s3:::own/k', context: [] };
    const [deleted, cross, noMfa] = toEvaluationResults([deleteRequest, crossRequest, noMfaRequest].map((request) => ({ request, result: evaluate(compiled, request) }))).EvaluationResults;
    expect(deleted.EvalDecision).toBe('explicitDeny');
    expect(deleted.MatchedStatements).toEqual([{ SourcePolicyId: 'user/alice/inline/deny', SourcePolicyType: 'user' }]);
    expect(cross).toMatchObject({ EvalDecision: 'allowed', EvalDecisionDetails: { IdentityPolicy: 'allowed', ResourcePolicy: 'allowed' } });
    expect(noMfa.EvalDecision).toBe('allowed');
    expect(noMfa.MissingContextValues).toEqual([]);
    expect(noMfa.ResourceSpecificResults?.[0].MissingContextValues).toEqual(['aws:MultiFactorAuthPresent']);
  });

  it('gives the StartPosition of statements of policies stored as text', () => {
    const world = baseWorld();
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "First", "Effect": "Allow", "Action": "sqs:ListQueues", "Resource": "*"},\n    {"Sid": "Second", "Effect": "Allow", "Action": "sns:*", "Resource": "*"}\n  ]\n}';
    const user = addUser(world, PROD, 'text', { stored: text });
    const request = { principalArn: user, action: 'sns:Publish', resource: '*', context: [] };
    const [result] = toEvaluationResults([{ request, result: evaluate(compileWorld(world), request) }]).EvaluationResults;
    expect(result.MatchedStatements).toEqual([{ SourcePolicyId: 'user/text/inline/stored', SourcePolicyType: 'user', StartPosition: { Line: 5, Column: 5 } }]);
  });
});
