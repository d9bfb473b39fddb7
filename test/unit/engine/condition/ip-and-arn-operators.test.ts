// IP address and ARN condition operators.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("IP address condition operators": IPv4 and IPv6 CIDR ranges; "Amazon Resource Name (ARN) condition operators":
// case-sensitive, each of the six colon-delimited components checked separately, * and ? allowed in each).
import { describe, expect, it } from 'vitest';
import { contextOf, EMPTY, holds } from './context';

const ip = (address: string) => contextOf({ 'aws:SourceIp': address }, { 'aws:SourceIp': 'ip' });

describe('IpAddress / NotIpAddress', () => {
  it('IPv4 ranges and single addresses', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '203.0.113.0/24', ip('203.0.113.77'))).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '203.0.113.0/24', ip('203.0.114.1'))).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '203.0.113.9', ip('203.0.113.9'))).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '203.0.113.9', ip('203.0.113.10'))).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '0.0.0.0/0', ip('8.8.8.8'))).toBe(true);
  });
  it('IPv6 ranges, compressed and uppercase forms', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '2001:DB8:1234:5678::/64', ip('2001:db8:1234:5678:abcd::1'))).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '2001:DB8:1234:5678::/64', ip('2001:db8:1234:5679::1'))).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '::/0', ip('::1'))).toBe(true);
  });
  it('IPv4 and IPv6 never match each other (mapped addresses included: AWS documents no mapping)', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '0.0.0.0/0', ip('2001:db8::1'))).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '192.0.2.0/24', ip('::ffff:192.0.2.1'))).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '::ffff:192.0.2.0/120', ip('::ffff:192.0.2.1'))).toBe(true);
  });
  it('ORs ranges; NotIpAddress is their NOR', () => {
    const ranges = ['10.0.0.0/8', '2001:db8::/32'];
    expect(holds('IpAddress', 'aws:SourceIp', ranges, ip('2001:db8::7'))).toBe(true);
    expect(holds('NotIpAddress', 'aws:SourceIp', ranges, ip('2001:db8::7'))).toBe(false);
    expect(holds('NotIpAddress', 'aws:SourceIp', ranges, ip('192.0.2.1'))).toBe(true);
  });
  it('bad addresses match no range; absent key: positive false, negated true, IfExists true', () => {
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/8', ip('10.0.0.256'))).toBe(false);
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/33', ip('10.0.0.1'))).toBe(false);
    expect(holds('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', ip('not-an-ip'))).toBe(true);
    expect(holds('IpAddress', 'aws:SourceIp', '10.0.0.0/8', EMPTY)).toBe(false);
    expect(holds('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', EMPTY)).toBe(true);
    expect(holds('IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8', EMPTY)).toBe(true);
  });
});

describe('ArnEquals / ArnLike / ArnNotEquals / ArnNotLike', () => {
  const source = contextOf({ 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic:sub' });
  it('ArnLike and ArnEquals both accept wildcards per segment', () => {
    expect(holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*', source)).toBe(true);
    expect(holds('ArnEquals', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*', source)).toBe(true);
    expect(holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:us-east-?:111122223333:topic:sub', source)).toBe(true);
  });
  it('a * in the first five segments does not cross a colon', () => {
    expect(holds('ArnLike', 'aws:SourceArn', 'arn:aws:*:111122223333:topic:sub', source)).toBe(false);
  });
  it('is case-sensitive', () => {
    expect(holds('ArnLike', 'aws:SourceArn', 'arn:aws:SNS:us-east-1:111122223333:*', source)).toBe(false);
  });
  it('negated forms and the absent key', () => {
    expect(holds('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:999999999999:*', source)).toBe(true);
    expect(holds('ArnNotEquals', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*', source)).toBe(false);
    expect(holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*', EMPTY)).toBe(false);
    expect(holds('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*', EMPTY)).toBe(true);
    expect(holds('ArnLikeIfExists', 'aws:SourceArn', 'arn:aws:sns:*:*:*', EMPTY)).toBe(true);
  });
  it('a request value that is not an ARN matches no ARN pattern', () => {
    expect(holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*', contextOf({ 'aws:SourceArn': 'sns-topic' }))).toBe(false);
  });
  it('substitutes policy variables in ARN values', () => {
    const ctx = contextOf({
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app',
      'aws:PrincipalAccount': '111122223333',
    });
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:PrincipalAccount}:role/*', ctx)).toBe(true);
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:ResourceAccount}:role/*', ctx)).toBe(false);
  });
});
