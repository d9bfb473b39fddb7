import { describe, expect, it } from 'vitest';
import { decodePolicyText, isUrlEncodedPolicy } from '@/server/engine/policy/decode';
import { parsePolicy } from '@/server/engine/policy/parse';

const codes = (source: Parameters<typeof parsePolicy>[0]) => parsePolicy(source).findings.map((f) => f.code);

describe('parsePolicy: normalisation', () => {
  it('normalises a single Statement object and string elements to arrays', () => {
    const { document, findings } = parsePolicy(
      '{"Version":"2012-10-17","Id":"x","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}',
    );
    expect(findings).toEqual([]);
    expect(document).toEqual({
      version: '2012-10-17',
      id: 'x',
      statements: [{ index: 0, sid: 'One', effect: 'Allow', action: ['s3:GetObject'], resource: ['*'], conditions: [] }],
    });
  });

  it('indexes statements of an array and keeps NotAction / NotResource', () => {
    const { document } = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:aws:s3:::b' },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    });
    expect(document?.statements.map((s) => [s.index, s.effect, s.notAction, s.notResource])).toEqual([
      [0, 'Deny', ['iam:*', 'sts:*'], ['arn:aws:s3:::b']],
      [1, 'Allow', undefined, undefined],
    ]);
  });

  it('reads every Principal form', () => {
    const { document, findings } = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' },
        {
          Effect: 'Allow',
          Principal: {
            AWS: ['111122223333', 'arn:aws:iam::111122223333:role/r', 'AROAEXAMPLEID1234567'],
            Service: 'ec2.amazonaws.com',
            Federated: 'cognito-identity.amazonaws.com',
            CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
          },
          Action: 'sts:AssumeRole',
          Resource: '*',
        },
      ],
    });
    expect(findings).toEqual([]);
    expect(document?.statements.map((s) => s.principal)).toEqual([
      '*',
      { AWS: ['*'] },
      {
        AWS: ['111122223333', 'arn:aws:iam::111122223333:role/r', 'AROAEXAMPLEID1234567'],
        Service: ['ec2.amazonaws.com'],
        Federated: ['cognito-identity.amazonaws.com'],
        CanonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],
      },
    ]);
  });

  it('stringifies boolean and number condition values as written, in document order', () => {
    const { document } = parsePolicy(`{
      "Version": "2012-10-17",
      "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {
        "Bool": {"aws:SecureTransport": false},
        "NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 10.50]},
        "ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": ["a*", "b"]}
      }}
    }`);
    expect(document?.statements[0].conditions).toEqual([
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
      { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: ['3600', '10.50'] },
      { operator: 'ForAnyValue:StringLikeIfExists', key: 'aws:PrincipalTag/team', values: ['a*', 'b'] },
    ]);
  });

  it('reads Allow with NotPrincipal, which older policies contain (validation rejects it)', () => {
    const { document, findings } = parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }],
    });
    expect(findings).toEqual([]);
    expect(document?.statements[0].notPrincipal).toEqual({ AWS: ['111122223333'] });
  });

  it('keeps the legacy 2008-10-17 version and accepts a missing one', () => {
    expect(parsePolicy({ Version: '2008-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }).document?.version).toBe('2008-10-17');
    const { document } = parsePolicy({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
    expect(document).toBeDefined();
    expect(document?.version).toBeUndefined();
  });
});

describe('parsePolicy: JSON problems', () => {
  it('reports malformed JSON with line and column and never throws', () => {
    const { document, findings } = parsePolicy('{\n  "Version": "2012-10-17"\n  "Statement": []\n}');
    expect(document).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'MALFORMED_JSON', severity: 'error', path: '$' });
    expect(findings[0].message).toContain('line 3, column 3');
  });

  it('reports duplicate keys anywhere, with the JSON path and position of the repeat', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
  "Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:username": "a", "aws:username": "b"}}}]
}`;
    const { document, findings } = parsePolicy(text);
    expect(document).toBeUndefined();
    const duplicates = findings.filter((f) => f.code === 'DUPLICATE_KEY');
    expect(duplicates.map((f) => f.path)).toEqual([
      '$.Statement',
      '$.Statement[0].Effect',
      "$.Statement[0].Condition.StringEquals['aws:username']",
    ]);
    expect(duplicates[0].message).toContain('line 4, column 3');
  });

  it('rejects a top level that is not an object', () => {
    expect(codes('[]')).toEqual(['POLICY_NOT_AN_OBJECT']);
    expect(codes('"policy"')).toEqual(['POLICY_NOT_AN_OBJECT']);
  });

  it('accepts URL-encoded JSON, as get-account-authorization-details returns it', () => {
    const json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::a+b/*"}]}';
    const encoded = encodeURIComponent(json);
    expect(isUrlEncodedPolicy(encoded)).toBe(true);
    expect(decodePolicyText(encoded)).toBe(json);
    const { document, findings } = parsePolicy(encoded);
    expect(findings).toEqual([]);
    expect(document?.statements[0].resource).toEqual(['arn:aws:s3:::a+b/*']);
  });

  it('decodes "+" as a space (form encoding) and leaves plain JSON alone', () => {
    expect(decodePolicyText('%7B%22Sid%22:%22a+b%22%7D')).toBe('{"Sid":"a b"}');
    expect(decodePolicyText('{"Sid":"%7B"}')).toBe('{"Sid":"%7B"}');
  });

  it('reports broken URL encoding as an error finding', () => {
    expect(codes('%7B%ZZ')).toEqual(['MALFORMED_URL_ENCODING']);
  });
});

describe('parsePolicy: grammar errors', () => {
  const statement = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [s] });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['unknown top-level element', { Version: '2012-10-17', Statement: [], Foo: 1 }, 'UNKNOWN_ELEMENT', '$.Foo'],
    ['lower-case element name', statement({ effect: 'Allow', Action: '*', Resource: '*' }), 'UNKNOWN_ELEMENT', '$.Statement[0].effect'],
    ['missing Statement', { Version: '2012-10-17' }, 'MISSING_STATEMENT', '$'],
    ['empty Statement array', { Version: '2012-10-17', Statement: [] }, 'EMPTY_STATEMENT', '$.Statement'],
    ['Statement not an object', { Version: '2012-10-17', Statement: 'x' }, 'INVALID_ELEMENT_TYPE', '$.Statement'],
    ['statement not an object', { Version: '2012-10-17', Statement: [1] }, 'INVALID_ELEMENT_TYPE', '$.Statement[0]'],
    ['invalid Version value', { Version: '2012-10-18', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }, 'INVALID_VERSION', '$.Version'],
    ['missing Effect', statement({ Action: '*', Resource: '*' }), 'MISSING_EFFECT', '$.Statement[0]'],
    ['Effect in the wrong case', statement({ Effect: 'allow', Action: '*', Resource: '*' }), 'INVALID_EFFECT', '$.Statement[0].Effect'],
    ['both Action and NotAction', statement({ Effect: 'Deny', Action: '*', NotAction: 's3:*', Resource: '*' }), 'ACTION_AND_NOT_ACTION', '$.Statement[0]'],
    ['neither Action nor NotAction', statement({ Effect: 'Deny', Resource: '*' }), 'MISSING_ACTION', '$.Statement[0]'],
    ['both Resource and NotResource', statement({ Effect: 'Deny', Action: '*', Resource: '*', NotResource: 'x' }), 'RESOURCE_AND_NOT_RESOURCE', '$.Statement[0]'],
    ['Principal and NotPrincipal', statement({ Effect: 'Deny', Principal: '*', NotPrincipal: { AWS: '111122223333' }, Action: '*', Resource: '*' }), 'PRINCIPAL_AND_NOT_PRINCIPAL', '$.Statement[0]'],
    ['Principal string other than *', statement({ Effect: 'Allow', Principal: '111122223333', Action: '*', Resource: '*' }), 'INVALID_PRINCIPAL', '$.Statement[0].Principal'],
    ['unknown principal type', statement({ Effect: 'Allow', Principal: { aws: '*' }, Action: '*', Resource: '*' }), 'INVALID_PRINCIPAL_TYPE', '$.Statement[0].Principal.aws'],
    ['malformed AWS principal', statement({ Effect: 'Allow', Principal: { AWS: ['*', 'bob'] }, Action: '*', Resource: '*' }), 'INVALID_PRINCIPAL', '$.Statement[0].Principal.AWS[1]'],
    ['Action of the wrong type', statement({ Effect: 'Deny', Action: 5, Resource: '*' }), 'INVALID_ELEMENT_TYPE', '$.Statement[0].Action'],
    ['empty Action array', statement({ Effect: 'Deny', Action: [], Resource: '*' }), 'EMPTY_ELEMENT', '$.Statement[0].Action'],
    ['action without a service', statement({ Effect: 'Deny', Action: ['s3:GetObject', 'GetObject'], Resource: '*' }), 'INVALID_ACTION', '$.Statement[0].Action[1]'],
    ['action with spaces', statement({ Effect: 'Deny', Action: 's3: GetObject', Resource: '*' }), 'INVALID_ACTION', '$.Statement[0].Action'],
    ['unknown condition operator', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEqualz: { 'aws:username': 'a' } } }), 'INVALID_CONDITION_OPERATOR', '$.Statement[0].Condition.StringEqualz'],
    ['NullIfExists', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NullIfExists: { 'aws:username': 'true' } } }), 'INVALID_CONDITION_OPERATOR', '$.Statement[0].Condition.NullIfExists'],
    ['unknown set operator', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'a' } } }), 'INVALID_CONDITION_OPERATOR', "$.Statement[0].Condition['ForSomeValues:StringEquals']"],
    ['NumericEquals "abc"', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NumericEquals: { 's3:max-keys': 'abc' } } }), 'INVALID_CONDITION_VALUE', "$.Statement[0].Condition.NumericEquals['s3:max-keys']"],
    ['DateEquals "notadate"', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateEquals: { 'aws:CurrentTime': 'notadate' } } }), 'INVALID_CONDITION_VALUE', "$.Statement[0].Condition.DateEquals['aws:CurrentTime']"],
    ['IpAddress "10.0.0.0/33"', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '10.0.0.0/33'] } } }), 'INVALID_CONDITION_VALUE', "$.Statement[0].Condition.IpAddress['aws:SourceIp'][1]"],
    ['Bool "yes"', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'yes' } } }), 'INVALID_CONDITION_VALUE', "$.Statement[0].Condition.Bool['aws:SecureTransport']"],
    ['condition value object', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:username': { a: 1 } } } }), 'INVALID_ELEMENT_TYPE', "$.Statement[0].Condition.StringEquals['aws:username']"],
    ['condition block not an object', statement({ Effect: 'Deny', Action: '*', Resource: '*', Condition: ['x'] }), 'INVALID_ELEMENT_TYPE', '$.Statement[0].Condition'],
  ];
  it.each(cases)('%s', (_name, policy, code, path) => {
    const { document, findings } = parsePolicy(policy);
    expect(findings.map((f) => [f.code, f.path])).toContainEqual([code, path]);
    expect(findings.find((f) => f.code === code)?.severity).toBe('error');
    expect(document).toBeUndefined();
  });

  it('suggests the right spelling for a case mistake in an element or operator', () => {
    const messages = parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', action: '*', Resource: '*', Condition: { stringequals: {} } }],
    }).findings.map((f) => f.message);
    expect(messages.some((m) => m.includes('write "Action"'))).toBe(true);
    expect(messages.some((m) => m.includes('did you mean "StringEquals"'))).toBe(true);
  });
});
