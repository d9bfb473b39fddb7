// The effective view's pure helpers: form → API requests, engine result → colour, trace → stopping level.
import { describe, expect, it } from 'vitest';
import { contextEntries, describeForm, formProblems, requestsPerAccount, resourceFor, sessionTagFields, type EffectiveForm } from '@/components/effective/effective-request';
import { decisionWords, statusOf } from '@/components/effective/effective-status';
import { chainLevels, isDecisive, type TraceStep } from '@/components/effective/trace-model';

const form = (patch: Partial<EffectiveForm> = {}): EffectiveForm => ({
  principal: { kind: 'principal', arn: 'arn:aws:iam::111122223333:role/Dev' },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::logs-${AccountId}/*',
  context: [],
  sessionTags: [],
  ...patch,
});

describe('effective-request', () => {
  it('accepts a complete form and names each missing or malformed field', () => {
    expect(formProblems(form())).toEqual([]);
    const problems = formProblems(form({ principal: { kind: 'principal', arn: ' ' }, action: 's3 GetObject', resource: '', context: [{ id: 1, key: 'aws:PrincipalTag/', value: 'x', type: 'string' }] }));
    expect(problems.map((p) => p.field)).toEqual(['principal', 'action', 'resource', 'context']);
    expect(formProblems(form({ principal: { kind: 'each-account', principal: 'role', name: '' } }))[0].message).toMatch(/Name the role/);
    expect(formProblems(form({ principal: { kind: 'each-account', principal: 'root', name: '' } }))).toEqual([]);
  });

  it('session tags: role principals only, keys required; own tags as sessionTags, transitive ones as an earlier call of the chain', () => {
    const tags = [
      { id: 1, key: ' team ', value: 'data', transitive: false },
      { id: 2, key: 'cost-center', value: '42', transitive: true },
    ];
    expect(formProblems(form({ sessionTags: tags }))).toEqual([]);
    expect(formProblems(form({ sessionTags: tags, principal: { kind: 'principal', arn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice' } }))).toEqual([]);
    expect(formProblems(form({ sessionTags: tags, principal: { kind: 'each-account', principal: 'role', name: 'Dev' } }))).toEqual([]);
    expect(formProblems(form({ sessionTags: tags, principal: { kind: 'principal', arn: 'arn:aws:iam::111122223333:user/bob' } }))[0]).toMatchObject({ field: 'sessionTags', message: expect.stringMatching(/role sessions/) });
    expect(formProblems(form({ sessionTags: tags, principal: { kind: 'each-account', principal: 'root', name: '' } })).map((p) => p.field)).toEqual(['sessionTags']);
    expect(formProblems(form({ sessionTags: [{ id: 3, key: ' ', value: 'x', transitive: false }] })).map((p) => p.field)).toEqual(['sessionTags']);
    expect(sessionTagFields([], 'arn:aws:iam::111122223333:role/Dev')).toEqual({});
    expect(sessionTagFields(tags, 'arn:aws:iam::111122223333:role/Dev')).toEqual({
      sessionTags: [{ key: 'team', value: 'data' }],
      roleChain: [{ roleArn: 'arn:aws:iam::111122223333:role/Dev', tags: [{ key: 'cost-center', value: '42' }], transitiveTagKeys: ['cost-center'] }],
    });
    const f = form({ sessionTags: tags, principal: { kind: 'principal', arn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice' } });
    if (f.principal.kind !== 'principal') throw new Error('fixture');
    const [request] = requestsPerAccount({ ...f, principal: f.principal }, ['111122223333']);
    expect(request.roleChain?.[0].roleArn).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(describeForm(f)).toContain('with session tags team=data, cost-center=42');
  });

  it('splits list values, trims and sends arn-typed keys as strings', () => {
    expect(contextEntries([
      { id: 1, key: ' aws:RequestedRegion ', value: ' eu-west-1 ', type: 'string' },
      { id: 2, key: 'aws:SourceVpce', value: 'a, b,,c', type: 'ipList' },
      { id: 3, key: 'aws:SourceArn', value: 'arn:aws:s3:::x', type: 'arn' },
      { id: 4, key: '', value: 'ignored', type: 'string' },
    ])).toEqual([
      { key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' },
      { key: 'aws:SourceVpce', values: ['a', 'b', 'c'], type: 'ipList' },
      { key: 'aws:SourceArn', values: ['arn:aws:s3:::x'], type: 'string' },
    ]);
  });

  it('builds one request per account with that account as resource account and ${AccountId} replaced', () => {
    const f = form();
    if (f.principal.kind !== 'principal') throw new Error('fixture');
    const requests = requestsPerAccount({ ...f, principal: f.principal }, ['111122223333', '444455556666']);
    expect(requests.map((r) => [r.resourceAccount, r.resource])).toEqual([
      ['111122223333', 'arn:aws:s3:::logs-111122223333/*'],
      ['444455556666', 'arn:aws:s3:::logs-444455556666/*'],
    ]);
    expect(resourceFor('*', '1')).toBe('*');
    expect(describeForm(form({ principal: { kind: 'each-account', principal: 'role', name: 'Admin' } }))).toBe('role Admin in each account → s3:GetObject on arn:aws:s3:::logs-${AccountId}/*');
  });
});

describe('effective-status', () => {
  it('colours a condition-dependent decision as conditional and keeps the decision in words', () => {
    expect(statusOf({ decision: 'explicitDeny', conditionDependent: false })).toBe('explicitDeny');
    expect(statusOf({ decision: 'allowed', conditionDependent: true })).toBe('conditional');
    expect(decisionWords({ decision: 'implicitDeny', conditionDependent: true })).toBe('Implicit deny · depends on conditions');
  });
});

describe('trace-model', () => {
  const level = (targetId: string, kind: 'root' | 'ou' | 'account', outcome: TraceStep['outcome']): TraceStep => ({
    layer: 'scp', level: { targetId, targetName: targetId, kind }, outcome, matched: [],
  });

  it('marks the first denying level as the one that stopped the request, even below a level without allow', () => {
    const levels = chainLevels([level('r-1', 'root', 'allow'), level('ou-1', 'ou', 'noMatch'), level('ou-2', 'ou', 'deny'), level('1', 'account', 'allow')], 'scp');
    expect(levels.map((l) => l.stopped)).toEqual([false, false, true, false]);
  });

  it('marks the first level without an allow when nothing denies, and nothing when every level allows', () => {
    expect(chainLevels([level('r-1', 'root', 'allow'), level('ou-1', 'ou', 'noMatch'), level('1', 'account', 'noMatch')], 'scp').map((l) => l.stopped)).toEqual([false, true, false]);
    expect(chainLevels([level('r-1', 'root', 'allow'), level('1', 'account', 'allow')], 'scp').some((l) => l.stopped)).toBe(false);
    expect(chainLevels([level('r-1', 'root', 'deny')], 'rcp')).toEqual([]);
  });

  it('calls decisive the steps the decision rests on', () => {
    const identityAllow: TraceStep = { layer: 'identity', outcome: 'allow', matched: [{ policyId: 'p', policyName: 'p', statementIndex: 0, effect: 'Allow' }] };
    expect(isDecisive(identityAllow, 'allowed')).toBe(true);
    expect(isDecisive(level('r-1', 'root', 'allow'), 'allowed')).toBe(false);
    expect(isDecisive(level('ou-1', 'ou', 'deny'), 'explicitDeny')).toBe(true);
    expect(isDecisive(level('ou-1', 'ou', 'noMatch'), 'implicitDeny')).toBe(true);
    const rule = { id: 'sqs-cross-account-limitations', title: 'SQS', doc: 'https://docs.aws.amazon.com/' };
    expect(isDecisive({ layer: 'service', outcome: 'noMatch', matched: [], rule }, 'implicitDeny')).toBe(true);
    expect(isDecisive({ layer: 'service', outcome: 'allow', matched: [], rule }, 'allowed')).toBe(true);
    expect(isDecisive({ layer: 'service', outcome: 'applied', matched: [], rule }, 'allowed')).toBe(false);
  });
});
