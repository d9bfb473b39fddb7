import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '@/server/catalog/iam-data-source';
import { validatePolicy, type ValidatePolicyOptions } from '@/server/engine/policy/validate';
import { DEFAULT_POLICY_QUOTAS } from '@/server/engine/quotas';
import type { Finding, PolicyKind } from '@/server/engine/types';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/policies/${name}`, import.meta.url), 'utf8');
const catalog = getIamDataCatalog();
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const run = (source: Parameters<typeof validatePolicy>[0], kind: PolicyKind, options: ValidatePolicyOptions = {}) =>
  validatePolicy(source, kind, { catalog, ...options });
const summary = (findings: Finding[]) => findings.map((f) => `${f.severity}:${f.code}@${f.path}`);

describe('validatePolicy: valid documents produce no findings', () => {
  const cases: [string, PolicyKind, ValidatePolicyOptions?][] = [
    ['scp-full-aws-access.json', 'SCP'],
    ['scp-deny-outside-regions.json', 'SCP'],
    ['rcp-full-aws-access.json', 'RCP', { awsManaged: true }],
    ['rcp-enforce-secure-transport.json', 'RCP'],
    ['trust-cross-account-external-id.json', 'TRUST'],
    ['identity-url-encoded.txt', 'IDENTITY'],
  ];
  it.each(cases)('%s as %s', (file, kind, options) => {
    expect(run(fixture(file), kind, options)).toEqual([]);
  });

  it('accepts a bucket policy naming principals', () => {
    const policy = doc({
      Sid: 'AllowPartnerRead',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:role/Reader' },
      Action: ['s3:GetObject'],
      Resource: 'arn:aws:s3:::example-bucket/*',
    });
    expect(run(policy, 'RESOURCE')).toEqual([]);
  });
});

describe('validatePolicy: Principal and Resource by kind', () => {
  const withPrincipal = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' });
  const withNotPrincipal = doc({ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' });
  const withoutPrincipal = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
  const withoutResource = doc({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject' });

  it.each([
    ['IDENTITY', 'PRINCIPAL_NOT_ALLOWED'],
    ['SESSION', 'PRINCIPAL_NOT_ALLOWED'],
    ['SCP', 'SCP_PRINCIPAL_NOT_ALLOWED'],
  ] as const)('%s forbids Principal and NotPrincipal', (kind, code) => {
    expect(summary(run(withPrincipal, kind))).toContain(`error:${code}@$.Statement[0].Principal`);
    expect(summary(run(withNotPrincipal, kind))).toContain(`error:${code.replace('PRINCIPAL', 'NOT_PRINCIPAL')}@$.Statement[0].NotPrincipal`);
  });

  it.each(['RESOURCE', 'TRUST', 'RCP'] as const)('%s requires a Principal', (kind) => {
    expect(summary(run(withoutPrincipal, kind))).toContain('error:MISSING_PRINCIPAL@$.Statement[0]');
  });

  it.each(['IDENTITY', 'SESSION', 'RESOURCE', 'RCP'] as const)('%s requires Resource or NotResource', (kind) => {
    const source = kind === 'IDENTITY' || kind === 'SESSION' ? doc({ Effect: 'Deny', Action: 's3:GetObject' }) : withoutResource;
    expect(summary(run(source, kind))).toContain('error:MISSING_RESOURCE@$.Statement[0]');
  });

  it('rejects NotPrincipal with Allow in resource policies', () => {
    const policy = doc({ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' });
    expect(summary(run(policy, 'RESOURCE'))).toEqual(['error:NOT_PRINCIPAL_WITH_ALLOW@$.Statement[0].NotPrincipal']);
  });

  it('only warns about a missing Resource in an SCP', () => {
    expect(summary(run(doc({ Effect: 'Deny', Action: 's3:GetObject' }), 'SCP'))).toEqual(['warning:MISSING_RESOURCE@$.Statement[0]']);
  });

  it('forbids Resource and NotPrincipal in a trust policy and flags actions that do nothing there', () => {
    const trust = doc(
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 's3:GetObject'], Resource: '*' },
      { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' },
    );
    expect(summary(run(trust, 'TRUST'))).toEqual([
      'error:RESOURCE_NOT_ALLOWED@$.Statement[0].Resource',
      'warning:TRUST_POLICY_UNSUPPORTED_ACTION@$.Statement[0].Action[1]',
      'error:NOT_PRINCIPAL_NOT_ALLOWED@$.Statement[1].NotPrincipal',
    ]);
  });
});

describe('validatePolicy: SCP grammar since September 2025', () => {
  it('accepts Condition, NotAction, specific resources and inner wildcards in Allow, with legacy warnings only', () => {
    const scp = doc({
      Effect: 'Allow',
      NotAction: 'iam:*User*',
      Resource: 'arn:aws:s3:::bucket',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    }, {
      Effect: 'Allow',
      Action: 's3:*Object',
      NotResource: 'arn:aws:s3:::secret/*',
    });
    const findings = run(scp, 'SCP');
    expect(findings.every((f) => f.severity === 'warning' && f.code === 'LEGACY_SCP_GRAMMAR')).toBe(true);
    expect(findings.map((f) => f.path)).toEqual([
      '$.Statement[0].Condition',
      '$.Statement[0].NotAction',
      '$.Statement[0].Resource',
      '$.Statement[1].NotResource',
      '$.Statement[1].Action',
    ]);
  });

  it('does not call Allow + NotAction a security risk in an SCP, which grants nothing', () => {
    const codes = run(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), 'SCP').map((f) => f.code);
    expect(codes).not.toContain('ALLOW_WITH_NOT_ACTION');
  });

  it('requires Version 2012-10-17 for SCPs and RCPs', () => {
    const noVersion = { Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] };
    expect(summary(run(noVersion, 'SCP'))).toEqual(['error:MISSING_VERSION@$']);
    expect(summary(run({ ...noVersion, Version: '2008-10-17' }, 'SCP'))).toEqual(['error:INVALID_VERSION@$.Version']);
    expect(summary(run(noVersion, 'IDENTITY'))).toEqual(['warning:MISSING_VERSION@$']);
  });
});

describe('validatePolicy: RCP rules', () => {
  const rcp = (statement: Record<string, unknown>) => doc({ Effect: 'Deny', Principal: '*', Resource: '*', ...statement });

  it.each([
    ['Allow in a custom RCP', { Effect: 'Allow', Action: 's3:*' }, 'RCP_ALLOW_NOT_ALLOWED', '$.Statement[0].Effect'],
    ['Action "*" in a custom RCP', { Action: '*' }, 'RCP_ACTION_WILDCARD_NOT_ALLOWED', '$.Statement[0].Action'],
    ['a principal other than "*"', { Principal: { AWS: '111122223333' }, Action: 's3:*' }, 'RCP_PRINCIPAL_MUST_BE_WILDCARD', '$.Statement[0].Principal'],
    ['NotAction', { NotAction: 's3:GetObject' }, 'RCP_NOT_ACTION_NOT_ALLOWED', '$.Statement[0].NotAction'],
    ['NotPrincipal', { Principal: undefined, NotPrincipal: { AWS: '111122223333' }, Action: 's3:*' }, 'RCP_NOT_PRINCIPAL_NOT_ALLOWED', '$.Statement[0].NotPrincipal'],
    ['an unsupported service', { Action: ['s3:GetObject', 'ec2:RunInstances'] }, 'RCP_UNSUPPORTED_SERVICE', '$.Statement[0].Action[1]'],
  ])('rejects %s', (_name, statement, code, path) => {
    expect(summary(run(rcp(statement), 'RCP'))).toContain(`error:${code}@${path}`);
  });

  it('accepts RCPFullAWSAccess only when flagged as AWS managed', () => {
    const full = fixture('rcp-full-aws-access.json');
    expect(run(full, 'RCP', { awsManaged: true })).toEqual([]);
    expect(run(full, 'RCP').map((f) => f.code)).toEqual(['RCP_ALLOW_NOT_ALLOWED', 'RCP_ACTION_WILDCARD_NOT_ALLOWED']);
  });
});

describe('validatePolicy: Sids', () => {
  const twoSids = (a: string, b: string) => doc(
    { Sid: a, Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
    { Sid: b, Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
  );
  it.each(['IDENTITY', 'SCP'] as const)('%s rejects duplicate Sids and Sids with other characters', (kind) => {
    expect(summary(run(twoSids('Same', 'Same'), kind))).toEqual(['error:DUPLICATE_SID@$.Statement[1].Sid']);
    expect(summary(run(twoSids('Deny-All', 'Ok1'), kind))).toEqual(['error:INVALID_SID@$.Statement[0].Sid']);
  });
  it('only warns about Sids in resource policies, whose services have their own rules', () => {
    const policy = doc(
      { Sid: 'Allow read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'Allow read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
    );
    expect(run(policy, 'RESOURCE').filter((f) => f.code.endsWith('_SID')).map((f) => f.severity)).toEqual(['warning', 'warning', 'warning']);
  });
});

describe('validatePolicy: warnings', () => {
  it('flags Allow with NotAction as a security warning and Allow with NotResource as a warning', () => {
    const policy = doc({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret' });
    expect(summary(run(policy, 'IDENTITY'))).toEqual([
      'security_warning:ALLOW_WITH_NOT_ACTION@$.Statement[0].NotAction',
      'warning:ALLOW_WITH_NOT_RESOURCE@$.Statement[0].NotResource',
    ]);
  });

  it('flags resource and trust policies open to every principal without a condition', () => {
    const open = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
    expect(summary(run(open, 'TRUST'))).toEqual(['security_warning:PUBLIC_ACCESS@$.Statement[0].Principal']);
    const bucket = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(summary(run(bucket, 'RESOURCE'))).toEqual(['security_warning:PUBLIC_ACCESS@$.Statement[0].Principal']);
    const scoped = doc({
      Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
    });
    expect(run(scoped, 'RESOURCE')).toEqual([]);
  });

  it('flags a role trusting GitHub\'s OIDC provider without checking the token subject (id_roles_providers_oidc_secure-by-default.html)', () => {
    const provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const trust = (condition?: Record<string, Record<string, string>>) => doc({
      Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}),
    });
    const audienceOnly = trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } });
    expect(summary(run(audienceOnly, 'TRUST'))).toEqual(['security_warning:OIDC_SUBJECT_NOT_CHECKED@$.Statement[0].Principal']);
    const anySubject = trust({ StringLike: { 'token.actions.githubusercontent.com:sub': '*' } });
    expect(summary(run(anySubject, 'TRUST'))).toEqual(['security_warning:OIDC_SUBJECT_NOT_CHECKED@$.Statement[0].Condition']);
    const oneRepository = trust({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
    });
    expect(run(oneRepository, 'TRUST')).toEqual([]);
    // Another OIDC provider is not GitHub's: its own claims decide.
    const other = doc({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC' }, Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(summary(run(other, 'TRUST')).filter((line) => line.includes('OIDC'))).toEqual([]);
  });

  it('flags statements that can never match', () => {
    const policy = doc({ Effect: 'Deny', NotAction: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', NotResource: '*' });
    expect(summary(run(policy, 'IDENTITY'))).toEqual([
      'warning:STATEMENT_NEVER_MATCHES@$.Statement[0].NotAction',
      'warning:STATEMENT_NEVER_MATCHES@$.Statement[1].NotResource',
    ]);
  });

  it('flags unknown services, actions and global condition keys per the catalogue (and refuses a wildcard service prefix)', () => {
    const policy = doc({
      Effect: 'Deny',
      Action: ['s3:GetObjectt', 'nosuchservice:Get', 's3:Gett*', 'S3:getobject', '*:ListAllMyBuckets', 'ec2:Describe*'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': 'a', 'aws:RequestedRegionn': 'eu-west-1', 's3:prefix': 'x' },
      },
    });
    expect(summary(run(policy, 'IDENTITY'))).toEqual([
      'error:INVALID_ACTION@$.Statement[0].Action[4]',
      'warning:UNKNOWN_ACTION@$.Statement[0].Action[0]',
      'warning:UNKNOWN_SERVICE@$.Statement[0].Action[1]',
      'warning:UNKNOWN_ACTION@$.Statement[0].Action[2]',
      "warning:UNKNOWN_GLOBAL_CONDITION_KEY@$.Statement[0].Condition.StringEquals['aws:RequestedRegionn']",
    ]);
  });

  it('skips catalogue checks when no catalogue is given', () => {
    expect(validatePolicy(doc({ Effect: 'Deny', Action: 'nosuch:Thing', Resource: '*' }), 'IDENTITY')).toEqual([]);
  });

  it('warns that policy variables need Version 2012-10-17', () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::bucket/${aws:username}/*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } },
    };
    expect(summary(run({ Statement: [statement] }, 'IDENTITY'))).toEqual([
      'warning:MISSING_VERSION@$',
      'warning:POLICY_VARIABLES_NOT_SUPPORTED@$.Statement[0].Resource',
      "warning:POLICY_VARIABLES_NOT_SUPPORTED@$.Statement[0].Condition.StringEquals['aws:PrincipalTag/team']",
    ]);
    expect(run({ Version: '2012-10-17', Statement: [statement] }, 'IDENTITY')).toEqual([]);
  });
});

describe('validatePolicy: size quotas', () => {
  const padded = (characters: number) => {
    const base = JSON.stringify(doc({ Sid: 'S', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }));
    // Pad the Sid, which counts for every kind.
    return base.replace('"S"', `"${'S'.repeat(characters - base.length + 1)}"`);
  };

  it('counts every character of an SCP, whitespace included', () => {
    const limit = DEFAULT_POLICY_QUOTAS.SERVICE_CONTROL_POLICY;
    expect(run(padded(limit), 'SCP')).toEqual([]);
    expect(summary(run(padded(limit + 1), 'SCP'))).toEqual(['error:POLICY_SIZE_EXCEEDED@$']);
    const spaced = padded(limit - 10).replace('{', `{${' '.repeat(11)}`);
    expect(summary(run(spaced, 'SCP'))).toEqual(['error:POLICY_SIZE_EXCEEDED@$']);
  });

  it('ignores whitespace for IAM managed policies, as IAM does', () => {
    const limit = DEFAULT_POLICY_QUOTAS.IAM_MANAGED_POLICY;
    const spaced = padded(limit).replace('{', `{${'\n '.repeat(500)}`);
    expect(run(spaced, 'IDENTITY')).toEqual([]);
    expect(summary(run(padded(limit + 1), 'IDENTITY'))).toEqual(['error:POLICY_SIZE_EXCEEDED@$']);
  });

  it('uses the quota of the policy container and honours overrides', () => {
    const text = padded(3000);
    expect(run(text, 'IDENTITY', { identityContainer: 'role-inline' })).toEqual([]);
    expect(summary(run(text, 'IDENTITY', { identityContainer: 'user-inline' }))).toEqual(['error:POLICY_SIZE_EXCEEDED@$']);
    expect(summary(run(text, 'RCP', { quotas: { RESOURCE_CONTROL_POLICY: 2999 } })).some((s) => s.includes('POLICY_SIZE_EXCEEDED'))).toBe(true);
    expect(run(padded(2500), 'SCP', { quotas: { SERVICE_CONTROL_POLICY: 2500 } })).toEqual([]);
  });

  // The quotas bind what customers create (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html); AWS-managed policies such as
  // ReadOnlyAccess (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html) exceed them.
  it('holds AWS-managed policies to no size quota', () => {
    const large = padded(DEFAULT_POLICY_QUOTAS.IAM_MANAGED_POLICY * 8);
    expect(summary(run(large, 'IDENTITY'))).toEqual(['error:POLICY_SIZE_EXCEEDED@$']);
    expect(run(large, 'IDENTITY', { awsManaged: true })).toEqual([]);
    expect(run(padded(DEFAULT_POLICY_QUOTAS.SERVICE_CONTROL_POLICY + 1), 'SCP', { awsManaged: true })).toEqual([]);
  });

  it('rejects characters outside the IAM character set in IAM documents', () => {
    const policy = JSON.stringify(doc({ Sid: 'S', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/\u2603' }));
    expect(summary(run(policy, 'IDENTITY'))).toEqual(['error:INVALID_CHARACTER@$']);
  });
});

describe('validatePolicy: robustness', () => {
  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = ['', 'null', '{', '%7B', '{"Statement": {"Condition": 5}}', { Statement: null }, { Statement: [[]] }];
    for (const input of inputs) {
      for (const kind of ['IDENTITY', 'RESOURCE', 'TRUST', 'SCP', 'RCP', 'SESSION'] as const) {
        const findings = validatePolicy(input as string, kind, { catalog });
        expect(findings.some((f) => f.severity === 'error'), `${JSON.stringify(input)} as ${kind}`).toBe(true);
      }
    }
  });

  it('reports grammar and kind errors of the same document together', () => {
    const codes = run(fixture('identity-broken.json'), 'IDENTITY').map((f) => f.code);
    expect(codes).toEqual(['INVALID_EFFECT', 'INVALID_CONDITION_VALUE', 'INVALID_CONDITION_VALUE', 'INVALID_SID']);
  });
});
