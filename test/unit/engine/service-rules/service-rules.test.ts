// The documented service rules as data (server/engine/service-rules/rules.ts) and the session-tag resolution
// (server/engine/world/session-tags.ts). The decisions they lead to are specified by
// test/fixtures/engine/service-rules.json; these tests pin the data itself and the input errors.
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '@/server/catalog/iam-data-source';
import {
  compileWorld, evaluate, InvalidSessionTagsError, resolveSessionTags, SERVICE_RULE_SURVEY, SERVICE_RULES, SESSION_TAG_RULES,
  simulateInputToRequests,
} from '@/server/engine';
import { explain } from '@/server/cli/commands/simulate';
import { rulesForAction } from '@/server/engine/service-rules/match';
import { addRole, baseWorld, policy, PROD } from '../evaluate/world-builder';

const AWS_DOC = /^https:\/\/docs\.aws\.amazon\.com\/\S+$/;

describe('SERVICE_RULES', () => {
  it('gives every rule a unique id, a service, a sentence and an AWS page', () => {
    const ids = [...SERVICE_RULES.map((rule) => rule.id), ...Object.values(SESSION_TAG_RULES).map((rule) => rule.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of [...SERVICE_RULES, ...Object.values(SESSION_TAG_RULES)]) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(30);
      expect(rule.doc, rule.id).toMatch(AWS_DOC);
    }
  });

  it('names only actions of its own service that exist in the IAM catalogue', () => {
    const catalog = getIamDataCatalog();
    for (const rule of SERVICE_RULES) {
      for (const action of rule.actions) {
        expect(action.split(':')[0], `${rule.id}: ${action}`).toBe(rule.service);
        expect(catalog.canonicalAction(action), `${rule.id}: ${action} is not an IAM action`).toBe(action);
      }
    }
  });

  it('records a survey entry with sources for every service the rules belong to and every service searched', () => {
    const surveyed = SERVICE_RULE_SURVEY.map((entry) => entry.service);
    for (const service of ['s3', 'sqs', 'sns', 'kms', 'lambda', 'secretsmanager', 'ecr', 'sts']) expect(surveyed).toContain(service);
    for (const rule of SERVICE_RULES) expect(surveyed, rule.id).toContain(rule.service);
    for (const entry of SERVICE_RULE_SURVEY) {
      expect(entry.sources.length, entry.service).toBeGreaterThan(0);
      for (const source of entry.sources) expect(source).toMatch(AWS_DOC);
    }
  });

  it('indexes rules by action, allow-lists by what they leave out', () => {
    expect(rulesForAction('s3:getobject', 's3')).toEqual([]);
    expect(rulesForAction('sqs:deletequeue', 'sqs').map((rule) => rule.id)).toEqual(['sqs-cross-account-limitations']);
    expect(rulesForAction('kms:decrypt', 'kms')).toEqual([]);
    expect(rulesForAction('kms:schedulekeydeletion', 'kms').map((rule) => rule.id)).toEqual(['kms-cross-account-operations']);
    expect(rulesForAction('s3:putbucketpolicy', 's3').map((rule) => rule.id)).toEqual(['s3-bucket-owner-root-bucket-policy', 's3-bucket-policy-owner-account-only']);
  });
});

describe('resolveSessionTags (id_session-tags.html)', () => {
  const tag = (key: string, value: string) => ({ key, value });

  it('keeps only the transitive tags of earlier hops, and they persist through later hops', () => {
    const result = resolveSessionTags([tag('Sun', '2')], [
      { roleArn: 'arn:aws:iam::1:role/Role1', tags: [tag('Star', '1'), tag('Heart', '1'), tag('Moon', '1')], transitiveTagKeys: ['Star', 'Heart'] },
      { roleArn: 'arn:aws:iam::1:role/Role2', tags: [], transitiveTagKeys: [] },
    ]);
    expect(result).toEqual({ ok: true, tags: [{ key: 'Star', value: '1', transitiveFrom: 0 }, { key: 'Heart', value: '1', transitiveFrom: 0 }, { key: 'Sun', value: '2' }] });
  });

  it('fails like AssumeRole when a session tag reuses the key of an inherited transitive tag, whatever its case', () => {
    const chain = [{ roleArn: 'arn:aws:iam::1:role/Role1', tags: [tag('Heart', '1')], transitiveTagKeys: ['Heart'] }];
    expect(resolveSessionTags([tag('heart', '3')], chain)).toMatchObject({ ok: false, hop: 'session', field: 'Tags' });
    expect(resolveSessionTags([], [...chain, { roleArn: 'arn:aws:iam::1:role/Role2', tags: [tag('HEART', '3')], transitiveTagKeys: [] }]))
      .toMatchObject({ ok: false, hop: 1, field: 'Tags' });
  });

  it('enforces the AssumeRole limits: 50 tags, 128-character keys, 256-character values, one tag per key', () => {
    const many = Array.from({ length: 51 }, (_, i) => tag(`k${i}`, 'v'));
    expect(resolveSessionTags(many)).toMatchObject({ ok: false, message: expect.stringContaining('at most 50') });
    expect(resolveSessionTags([tag('k'.repeat(129), 'v')])).toMatchObject({ ok: false });
    expect(resolveSessionTags([tag('k', 'v'.repeat(257))])).toMatchObject({ ok: false });
    expect(resolveSessionTags([tag('Team', 'a'), tag('team', 'b')])).toMatchObject({ ok: false, message: expect.stringContaining('twice') });
    expect(resolveSessionTags([tag('k', '')])).toMatchObject({ ok: true });
  });

  it('refuses a transitive key that names no tag of the same call', () => {
    expect(resolveSessionTags([], [{ roleArn: 'arn:aws:iam::1:role/R', tags: [tag('a', '1')], transitiveTagKeys: ['b'] }]))
      .toMatchObject({ ok: false, hop: 0, field: 'TransitiveTagKeys' });
  });
});

describe('SessionTags and RoleChain in the simulate input', () => {
  const base = { PolicySourceArn: 'arn:aws:iam::333333333333:role/app', ActionNames: ['s3:GetObject'] };

  it('reads AssumeRole shapes into the request', () => {
    const result = simulateInputToRequests({
      ...base,
      SessionTags: [{ Key: 'team', Value: 'analytics' }],
      RoleChain: [{ RoleArn: 'arn:aws:iam::444444444444:role/entry', Tags: [{ Key: 'cost', Value: '42' }], TransitiveTagKeys: ['cost'] }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.requests[0]).toMatchObject({
      sessionTags: [{ key: 'team', value: 'analytics' }],
      roleChain: [{ roleArn: 'arn:aws:iam::444444444444:role/entry', tags: [{ key: 'cost', value: '42' }], transitiveTagKeys: ['cost'] }],
    });
  });

  it('names the path of what AWS would refuse', () => {
    const clash = simulateInputToRequests({
      ...base,
      SessionTags: [{ Key: 'Cost', Value: '1' }],
      RoleChain: [{ RoleArn: 'arn:aws:iam::444444444444:role/entry', Tags: [{ Key: 'cost', Value: '42' }], TransitiveTagKeys: ['cost'] }],
    });
    expect(clash).toMatchObject({ ok: false, errors: [{ path: '$.SessionTags', message: expect.stringContaining('AssumeRole fails') }] });
    const user = simulateInputToRequests({ ...base, PolicySourceArn: 'arn:aws:iam::333333333333:user/alice', SessionTags: [{ Key: 'a', Value: 'b' }] });
    expect(user).toMatchObject({ ok: false, errors: [{ path: '$.SessionTags', message: expect.stringContaining('role session') }] });
    const shape = simulateInputToRequests({ ...base, RoleChain: [{ RoleArn: 'arn:aws:iam::444444444444:user/x', Tags: [{ Key: 'a' }], Extra: 1 }] });
    expect(shape.ok).toBe(false);
    if (!shape.ok) expect(shape.errors.map((error) => error.path).sort()).toEqual(['$.RoleChain[0].Extra', '$.RoleChain[0].RoleArn', '$.RoleChain[0].Tags[0].Value']);
  });
});

describe('session tags in the evaluator', () => {
  it('cites the rule and shows which role tag a session tag overrode', () => {
    const world = baseWorld();
    const role = addRole(world, PROD, 'app', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'sts:AssumeRole' }), {
      abac: policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'analytics' } } }),
    }, { tags: [{ key: 'Team', value: 'payments' }] });
    const compiled = compileWorld(world);
    const request = { principalArn: role, action: 's3:ListBucket', resource: '*', context: [], sessionTags: [{ key: 'team', value: 'analytics' }] };
    const result = evaluate(compiled, request);
    expect(result.decision).toBe('allowed');
    const step = result.trace.find((layer) => layer.layer === 'service');
    expect(step).toMatchObject({ outcome: 'applied', rule: { id: 'sts-session-tags-override-role-tags' } });
    expect(step?.note).toContain("team=analytics (session tag, overrides the role's tag Team=payments)");
    expect(result.context.filter((entry) => entry.key.toLowerCase() === 'aws:principaltag/team')).toEqual([{ key: 'aws:PrincipalTag/team', values: ['analytics'], type: 'string' }]);
    // Without session tags the same world answers from the role's own tag, and the cached layers are untouched.
    expect(evaluate(compiled, { ...request, sessionTags: undefined }).decision).toBe('implicitDeny');
    expect(() => evaluate(compiled, { ...request, sessionTags: [{ key: 'a', value: '1' }, { key: 'A', value: '2' }] })).toThrow(InvalidSessionTagsError);
    expect(() => evaluate(compiled, { ...request, principalArn: `arn:aws:iam::${PROD}:root` })).toThrow(/belong to a role session/);
  });
});

describe('a request no policy can change', () => {
  it('does not depend on conditions: GetCallerIdentity under a conditional Deny', () => {
    const world = baseWorld();
    const role = addRole(world, PROD, 'ops', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'sts:AssumeRole' }), {
      deny: policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    });
    const result = evaluate(compileWorld(world), { principalArn: role, action: 'sts:GetCallerIdentity', resource: '*', context: [] });
    expect(result).toMatchObject({ decision: 'allowed', reasons: ['service-rule-allow'], conditionDependent: false });
    expect(result.missingContextValues ?? []).toEqual([]);
  });
});

describe('lzsim simulate --explain', () => {
  it('prints the service rule step with the rule, its sentence and its AWS page', () => {
    const world = baseWorld();
    const role = addRole(world, PROD, 'ops', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'sts:AssumeRole' }), {});
    const compiled = compileWorld(world);
    const request = { principalArn: role, action: 'sts:GetSessionToken', resource: '*', context: [] };
    const text = explain(compiled, [{ request, result: evaluate(compiled, request) }]);
    expect(text).toContain('decision:  implicitDeny (service-rule-no-allow)');
    expect(text).toMatch(/service rule sts-role-session-cannot-get-tokens\s+no match - refused for role sessions/);
    expect(text).toContain('Credentials from AssumeRole cannot call GetFederationToken or GetSessionToken');
    expect(text).toContain('https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html');
  });
});
