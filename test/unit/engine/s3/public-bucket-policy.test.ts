// Which bucket policies S3 calls public (Amazon S3 User Guide, access-control-block-public-access.html, "The meaning of
// public"), on the shapes real buckets carry: a static website, CloudFront origin access control, Elastic Load
// Balancing log delivery, a TLS-only Deny, a data perimeter's organization grant, and the page's own examples.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '@/server/engine/policy/parse';
import { publicBucketPolicy } from '@/server/engine/s3/public-bucket-policy';

const statementsOf = (...statements: object[]) => publicBucketPolicy(parsePolicy({ Version: '2012-10-17', Statement: statements }).document!)?.statements ?? [];
const allow = (principal: unknown, condition?: object) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...(condition ? { Condition: condition } : {}) });

describe('publicBucketPolicy', () => {
  it('calls a static website policy (Principal "*", no condition) public, naming its statement', () => {
    expect(statementsOf({ Sid: 'PublicReadGetObject', ...allow('*') })).toEqual([{ index: 0, sid: 'PublicReadGetObject' }]);
  });

  it('calls fixed principals non-public: CloudFront with a fixed aws:SourceArn, ELB log delivery, an account, a role', () => {
    expect(statementsOf(
      allow({ Service: 'cloudfront.amazonaws.com' }, { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' } }),
      allow({ AWS: 'arn:aws:iam::127311923021:root' }),
      allow({ AWS: ['111122223333', 'arn:aws:iam::444455556666:role/reader'] }),
    )).toEqual([]);
  });

  it('ignores Deny statements: a TLS-only Deny on "*" makes nothing public', () => {
    expect(statementsOf({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toEqual([]);
  });

  it('calls "*" pinned by a fixed organization, account, source account or VPC endpoint non-public', () => {
    expect(statementsOf(
      allow('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
      allow({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': ['111122223333'] } }),
      allow('*', { StringEquals: { 'aws:SourceAccount': '111122223333' } }),
      allow('*', { 'ForAnyValue:StringEquals': { 'aws:SourceVpce': ['vpce-1a2b3c4d'] } }),
    )).toEqual([]);
  });

  it('calls wildcards, policy variables, negations, IfExists and ForAllValues public', () => {
    expect(statementsOf(
      allow('*', { StringLike: { 'aws:SourceVpc': 'vpc-*' } }),
      allow('*', { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }),
      allow('*', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
      allow('*', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }),
      allow('*', { 'ForAllValues:StringEquals': { 'aws:SourceVpce': ['vpce-1a2b3c4d'] } }),
      allow('*', { StringEquals: { 'aws:SecureTransport': 'true' } }),
    ).map((statement) => statement.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads aws:SourceIp by width: /8 or narrower (IPv4), /32 or narrower (IPv6) is fixed', () => {
    expect(statementsOf(
      allow('*', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.7'] } }),
      allow('*', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }),
      allow('*', { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } }),
      allow('*', { IpAddress: { 'aws:SourceIp': '2001::/16' } }),
      allow('*', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
    ).map((statement) => statement.index)).toEqual([2, 3, 4]);
  });

  it('leaves out an empty Sid, as AWS\'s MFA example writes it', () => {
    expect(statementsOf({ Sid: '', ...allow('*') })).toEqual([{ index: 0 }]);
  });

  it('calls a Federated principal public (the page\'s graph.facebook.com example)', () => {
    expect(statementsOf(allow({ Federated: 'graph.facebook.com' }))).toHaveLength(1);
  });

  it('lets s3:DataAccessPointArn name every access point of a fixed account', () => {
    expect(statementsOf(
      allow('*', { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-west-2:123456789012:accesspoint/*' } }),
      allow('*', { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-west-2:*:accesspoint/*' } }),
    ).map((statement) => statement.index)).toEqual([1]);
  });
});
