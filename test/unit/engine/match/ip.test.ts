// CIDR parsing and matching. Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("IP address condition operators": standard CIDR format, IPv4 and IPv6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIpMatcher, isIpAddress, parseCidr } from '@/server/engine/match/ip';

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 ranges and clears host bits', () => {
    expect(parseCidr('203.0.113.5/24')).toEqual({ version: 4, network: [0xcb007100], prefixLength: 24 });
    expect(parseCidr('10.1.2.3')).toEqual({ version: 4, network: [0x0a010203], prefixLength: 32 });
    expect(parseCidr('2001:db8::/32')).toEqual({ version: 6, network: [0x20010db8, 0, 0, 0], prefixLength: 32 });
    expect(parseCidr('::1')).toEqual({ version: 6, network: [0, 0, 0, 1], prefixLength: 128 });
    expect(parseCidr('::ffff:192.0.2.1')?.network).toEqual([0, 0, 0xffff, 0xc0000201]);
  });
  it('rejects malformed input', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.4/33', '1.2.3.4/', '1.2.3.4/x', '::1/129',
      '1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2', '1:', 'g::1', '12345::', '1.2.3.4/-1', 'fe80::1%eth0']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });
});

describe('compileIpMatcher', () => {
  it('matches addresses inside the ranges', () => {
    const matcher = compileIpMatcher(['192.0.2.0/24', '2001:db8:1234::/48']);
    expect(matcher('192.0.2.255')).toBe(true);
    expect(matcher('192.0.3.0')).toBe(false);
    expect(matcher('2001:db8:1234:ffff::1')).toBe(true);
    expect(matcher('2001:db8:1235::1')).toBe(false);
    expect(matcher('garbage')).toBe(false);
  });
  it('full and expanded IPv6 spellings are the same address', () => {
    const matcher = compileIpMatcher(['2001:0db8:0000:0000:0000:0000:0000:0001']);
    expect(matcher('2001:db8::1')).toBe(true);
    expect(matcher('2001:DB8:0:0:0:0:0:1')).toBe(true);
    expect(isIpAddress('2001:db8::1')).toBe(true);
    expect(isIpAddress('2001:db8::1/64')).toBe(false);
  });
  it('IPv4: agrees with arithmetic on random addresses and prefixes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }),
        (network, address, prefix) => {
          const dotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
          const block = 2 ** (32 - prefix);
          const expected = Math.floor(network / block) === Math.floor(address / block);
          expect(compileIpMatcher([`${dotted(network)}/${prefix}`])(dotted(address))).toBe(expected);
        }),
      { numRuns: 2000 },
    );
  });
  it('IPv6: agrees with BigInt arithmetic on random addresses and prefixes', () => {
    const word = fc.integer({ min: 0, max: 0xffff });
    const address = fc.array(word, { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(address, address, fc.integer({ min: 0, max: 128 }), (network, candidate, prefix) => {
        const text = (groups: number[]) => groups.map((g) => g.toString(16)).join(':');
        const big = (groups: number[]) => groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
        const shift = BigInt(128 - prefix);
        const expected = big(network) >> shift === big(candidate) >> shift;
        expect(compileIpMatcher([`${text(network)}/${prefix}`])(text(candidate))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
