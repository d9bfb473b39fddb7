// Principal values AWS accepts and refuses. Source: IAM User Guide, reference_policies_elements_principal.html
// (principal formats; "*" only on its own) and reference_policies_elements_notprincipal.html (NotPrincipal only with
// Deny, only in resource-based policies: neither identity-based policies nor role trust policies).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AWS_PARTITIONS, describeInvalidPrincipal, describeUnmatchablePrincipal } from '@/server/engine/policy/principal-rules';
import { validatePolicy } from '@/server/engine/policy/validate';
import type { Finding, PolicyKind, PolicySource, PrincipalType } from '@/server/engine/types';

const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const summary = (findings: Finding[]) => findings.map((f) => `${f.severity}:${f.code}@${f.path}`);
const CANONICAL = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

describe('describeInvalidPrincipal: values AWS accepts', () => {
  it.each([
    ['AWS', '*'],
    ['AWS', '123456789012'],
    ['AWS', 'arn:aws:iam::123456789012:root'],
    ['AWS', 'arn:aws-cn:iam::123456789012:root'],
    ['AWS', 'arn:aws-us-gov:iam::123456789012:user/alice'],
    ['AWS', 'arn:aws:iam::123456789012:user/division/team/bob.smith@example.com'],
    ['AWS', 'arn:aws:iam::123456789012:role/service-role/Deploy_Role+1'],
    ['AWS', 'arn:aws:sts::123456789012:assumed-role/Deploy/session-1'],
    ['AWS', 'arn:aws:sts::123456789012:federated-user/carol'],
    ['AWS', 'AROAEXAMPLEID1234567'],
    ['AWS', 'AIDAEXAMPLEID1234567'],
    ['Service', 'ec2.amazonaws.com'],
    ['Service', 'logs.eu-west-1.amazonaws.com'],
    ['Service', 'elasticmapreduce.amazonaws.com.cn'],
    ['Federated', 'cognito-identity.amazonaws.com'],
    ['Federated', 'accounts.google.com'],
    ['Federated', 'arn:aws:iam::123456789012:saml-provider/Okta'],
    ['Federated', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'],
    ['Federated', 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123'],
    ['CanonicalUser', CANONICAL],
  ] as [PrincipalType, string][])('%s %s', (type, value) => {
    expect(describeInvalidPrincipal(type, value)).toBeUndefined();
  });
});

describe('describeInvalidPrincipal: values AWS refuses', () => {
  it.each([
    // Partial wildcards: "*" is a principal only on its own.
    ['AWS', 'arn:aws:iam::*:root', /wildcard inside a principal.*"\*" only on its own/],
    ['AWS', 'arn:aws:iam::123456789012:user/*', /wildcard/],
    ['AWS', 'arn:aws:iam::*:role/x', /wildcard/],
    ['AWS', 'arn:aws:sts::123456789012:assumed-role/x/*', /wildcard/],
    ['AWS', 'arn:aws:iam::123456789012:role/deploy-?', /wildcard/],
    ['AWS', '12345678901*', /wildcard/],
    ['Service', '*', /wildcard/],
    ['Service', '*.amazonaws.com', /wildcard/],
    ['Federated', 'arn:aws:iam::123456789012:saml-provider/*', /wildcard/],
    ['CanonicalUser', '*', /wildcard/],
    // Malformed account ids and ARNs.
    ['AWS', '12345678901', /exactly 12 digits/],
    ['AWS', '1234567890123', /exactly 12 digits/],
    ['AWS', 'arn:aws:iam::12345:root', /12-digit account id.*"12345"/],
    ['AWS', 'arn:aws:iam::root', /not a complete ARN/],
    ['AWS', 'arn:amazon:iam::123456789012:root', /unknown partition "amazon"/],
    ['AWS', 'arn:aws:s3:::bucket', /not an IAM or an STS ARN \(service "s3"\)/],
    ['AWS', 'arn:aws:iam:eu-west-1:123456789012:root', /has a region/],
    ['AWS', 'arn:aws:iam::123456789012:group/admins', /groups, policies and instance profiles cannot be principals/],
    ['AWS', 'arn:aws:iam::123456789012:user/', /invalid user name/],
    ['AWS', 'arn:aws:iam::123456789012:role/has space', /invalid role name/],
    ['AWS', 'arn:aws:sts::123456789012:root', /assumed-role session ARN/],
    ['AWS', 'AGPAEXAMPLEID1234567', /unique id of an IAM user/],
    ['Service', 'arn:aws:iam::123456789012:role/x', /not a service principal/],
    ['Service', 'ec2', /not a service principal/],
    ['Federated', 'arn:aws:iam::123456789012:role/x', /saml-provider\/NAME or oidc-provider\/HOST/],
    ['Federated', 'arn:aws:sts::123456789012:saml-provider/x', /not an IAM ARN/],
    ['Federated', 'not a host', /not an identity provider/],
    ['CanonicalUser', CANONICAL.slice(1), /64-character hexadecimal/],
    ['CanonicalUser', '123456789012', /64-character hexadecimal/],
  ] as [PrincipalType, string, RegExp][])('%s %s', (type, value, message) => {
    expect(describeInvalidPrincipal(type, value)).toMatch(message);
  });

  it('refuses every principal ARN with a wildcard anywhere, in every partition', () => {
    const arn = fc.record({
      partition: fc.constantFrom(...AWS_PARTITIONS),
      template: fc.constantFrom('iam::ACCOUNT:root', 'iam::ACCOUNT:user/NAME', 'iam::ACCOUNT:role/NAME', 'sts::ACCOUNT:assumed-role/NAME/NAME'),
      name: fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,20}$/),
      wildcard: fc.constantFrom('*', '?'),
      at: fc.nat(),
    });
    fc.assert(fc.property(arn, ({ partition, template, name, wildcard, at }) => {
      const valid = `arn:${partition}:${template.replace('ACCOUNT', '123456789012').replaceAll('NAME', name)}`;
      expect(describeInvalidPrincipal('AWS', valid)).toBeUndefined();
      const cut = at % (valid.length + 1);
      const withWildcard = valid.slice(0, cut) + wildcard + valid.slice(cut);
      expect(describeInvalidPrincipal('AWS', withWildcard)).toMatch(/wildcard/);
    }));
  });
});

describe('describeUnmatchablePrincipal', () => {
  it('warns about a session ARN written with the role path, which STS never issues', () => {
    const value = 'arn:aws:sts::333333333333:assumed-role/team/app/etl-run';
    expect(describeInvalidPrincipal('AWS', value)).toBeUndefined();
    expect(describeUnmatchablePrincipal('AWS', value)).toMatch(/names no session.*assumed-role\/app\/etl-run/);
  });

  it.each([
    'arn:aws:sts::333333333333:assumed-role/app/etl-run',
    'arn:aws:iam::333333333333:role/team/app',
    'arn:aws:iam::*:root',
  ])('says nothing about %s (valid, or already refused)', (value) => {
    expect(describeUnmatchablePrincipal('AWS', value)).toBeUndefined();
  });
});

describe('validatePolicy: principal values', () => {
  const run = (policy: PolicySource, kind: PolicyKind) => summary(validatePolicy(policy, kind));

  it('reports each partial wildcard of the audit at its JSON path, in Principal and NotPrincipal', () => {
    const policy = doc(
      {
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::*:root', 'arn:aws:iam::333333333333:user/*', '333333333333'] },
        Action: 'sqs:SendMessage',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
      },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:role/worker' }, Action: 'sqs:DeleteMessage', Resource: '*' },
      { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:sts::333333333333:assumed-role/worker/*' }, Action: 'sqs:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::333333333333:assumed-role/team/app/etl-run' }, Action: 'sqs:*', Resource: '*' },
    );
    expect(run(policy, 'RESOURCE')).toEqual([
      'error:INVALID_PRINCIPAL@$.Statement[0].Principal.AWS[0]',
      'error:INVALID_PRINCIPAL@$.Statement[0].Principal.AWS[1]',
      'error:INVALID_PRINCIPAL@$.Statement[1].Principal.AWS',
      'error:INVALID_PRINCIPAL@$.Statement[2].NotPrincipal.AWS',
      'warning:PRINCIPAL_NEVER_MATCHES@$.Statement[3].Principal.AWS',
    ]);
  });

  it('checks every principal type in a trust policy', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { Service: '*', Federated: 'arn:aws:iam::123456789012:saml-provider/Okta', CanonicalUser: 'abc' },
      Action: 'sts:AssumeRole',
    });
    expect(run(trust, 'TRUST')).toEqual([
      'error:INVALID_PRINCIPAL@$.Statement[0].Principal.Service',
      'error:INVALID_PRINCIPAL@$.Statement[0].Principal.CanonicalUser',
    ]);
  });

  it('accepts "*" and {"AWS": "*"} (with a condition, so no public-access warning)', () => {
    const condition = { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } };
    for (const principal of ['*', { AWS: '*' }]) {
      expect(run(doc({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*', Condition: condition }), 'RESOURCE')).toEqual([]);
    }
  });

  it('does not judge the values of an element the kind already refuses', () => {
    const principal = { AWS: 'arn:aws:iam::*:root' };
    expect(run(doc({ Effect: 'Deny', Principal: principal, Action: 's3:*', Resource: '*' }), 'SCP'))
      .toEqual(['error:SCP_PRINCIPAL_NOT_ALLOWED@$.Statement[0].Principal']);
    expect(run(doc({ Effect: 'Deny', Principal: principal, Action: 's3:*', Resource: '*' }), 'RCP'))
      .toEqual(['error:RCP_PRINCIPAL_MUST_BE_WILDCARD@$.Statement[0].Principal']);
    expect(run(doc({ Effect: 'Deny', NotPrincipal: principal, Action: 'sts:AssumeRole' }), 'TRUST'))
      .toEqual(['error:NOT_PRINCIPAL_NOT_ALLOWED@$.Statement[0].NotPrincipal']);
  });
});

describe('validatePolicy: where NotPrincipal is accepted', () => {
  const notPrincipal = { AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] };
  const statement = (effect: string, extra: Record<string, unknown> = {}) =>
    ({ Effect: effect, NotPrincipal: notPrincipal, Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*', ...extra });

  it('accepts Deny with NotPrincipal in a resource policy', () => {
    expect(summary(validatePolicy(doc(statement('Deny')), 'RESOURCE'))).toEqual([]);
  });

  it('rejects Allow with NotPrincipal in a resource policy', () => {
    expect(summary(validatePolicy(doc(statement('Allow')), 'RESOURCE'))).toEqual(['error:NOT_PRINCIPAL_WITH_ALLOW@$.Statement[0].NotPrincipal']);
  });

  it.each(['Allow', 'Deny'])('rejects NotPrincipal in a trust policy with %s, once', (effect) => {
    const trust = doc({ Effect: effect, NotPrincipal: notPrincipal, Action: 'sts:AssumeRole' });
    expect(summary(validatePolicy(trust, 'TRUST'))).toEqual(['error:NOT_PRINCIPAL_NOT_ALLOWED@$.Statement[0].NotPrincipal']);
  });

  it('rejects NotPrincipal in an RCP once, whatever the effect', () => {
    const rcp = doc({ Effect: 'Deny', NotPrincipal: notPrincipal, Action: 's3:*', Resource: '*' });
    expect(summary(validatePolicy(rcp, 'RCP'))).toEqual(['error:RCP_NOT_PRINCIPAL_NOT_ALLOWED@$.Statement[0].NotPrincipal']);
  });
});
