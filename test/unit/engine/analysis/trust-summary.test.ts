// Trust policies summarised for the account panel: who can assume a role, and the conditions that guard it.
// Pages: IAM User Guide id_roles_create_for-user_externalid.html (ExternalId), confused-deputy.html
// (aws:SourceAccount / SourceArn), reference_policies_elements_principal.html (account principals delegate to IAM).
import { describe, expect, it } from 'vitest';
import { describePrincipal, summarizeTrust } from '@/server/engine/analysis/trust-summary';

describe('summarizeTrust', () => {
  it('classifies account, role, service and federated principals', () => {
    const summary = summarizeTrust(JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/ops/Deployer'] }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' },
      ],
    }));
    expect(summary.valid).toBe(true);
    const [first, second, third] = summary.statements;
    expect(first.principals.map((p) => [p.kind, p.accountId])).toEqual([['account', '111122223333'], ['role', '444455556666']]);
    expect(first.principals[1].description).toContain('Deployer');
    expect(second.principals[0]).toMatchObject({ kind: 'service', value: 'ec2.amazonaws.com' });
    expect(third.principals[0].kind).toBe('federated');
    expect(third.actions).toEqual(['sts:AssumeRoleWithSAML']);
  });

  it('calls out ExternalId, MFA, organization and source conditions', () => {
    const summary = summarizeTrust({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { AWS: '999988887777' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'sts:ExternalId': 'partner-42', 'aws:PrincipalOrgID': 'o-abc123def4' },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' },
          IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
        },
      }],
    });
    const kinds = summary.statements[0].guards.map((g) => `${g.kind}:${g.key}`).sort();
    expect(kinds).toEqual([
      'external-id:sts:ExternalId', 'mfa:aws:MultiFactorAuthPresent', 'organization:aws:PrincipalOrgID',
      'other:aws:SourceIp', 'source:aws:SourceArn',
    ]);
    expect(summary.statements[0].openToAnyone).toBe(false);
  });

  it('flags an unconditioned Allow to anyone, but not one guarded by a condition', () => {
    const open = summarizeTrust({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] });
    expect(open.statements[0].openToAnyone).toBe(true);
    const guarded = summarizeTrust({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }],
    });
    expect(guarded.statements[0].openToAnyone).toBe(false);
  });

  it('reports an invalid document instead of guessing', () => {
    const summary = summarizeTrust('{"Statement": [ {"Effect": "Allow", ');
    expect(summary.valid).toBe(false);
    expect(summary.statements).toEqual([]);
    expect(summary.findings[0].severity).toBe('error');
  });

  it('names deleted principals IAM shows by unique id', () => {
    expect(describePrincipal('AWS', 'AROAEXAMPLEID1234567').kind).toBe('unique-id');
    expect(describePrincipal('AWS', 'arn:aws:sts::111122223333:assumed-role/Admin/me')).toMatchObject({
      kind: 'assumed-role', accountId: '111122223333', description: 'the session named me of the role Admin in account 111122223333',
    });
  });
});
