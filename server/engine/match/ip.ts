// IP address and CIDR matching for the IpAddress / NotIpAddress condition operators.
// Spec: IAM User Guide, reference_policies_elements_condition_operators.html ("IP address condition operators":
// values in the standard CIDR format, IPv4 or IPv6; a single address is a /32 or /128 range).
//
// Choices, stated because AWS does not document them:
// - IPv4 and IPv6 are separate families: an IPv4-mapped IPv6 address (::ffff:192.0.2.1) does not match an IPv4
//   range, and the reverse neither. AWS documents no mapping between the two.
// - Host bits set below the prefix (203.0.113.5/24) are ignored, i.e. the range is the enclosing network.
// - IPv4 octets are 1 to 3 decimal digits, at most 255; IPv6 zone ids (%eth0) are not accepted.
// Parsing a request's address writes into a scratch buffer: evaluation allocates nothing.

/** A compiled set of CIDR ranges: call it with an address from the request context. */
export type IpMatcher = (address: string) => boolean;

/** A parsed CIDR range. */
export interface CidrRange {
  /** 4 or 6. */
  version: 4 | 6;
  /** Network address as 32-bit words (one word for IPv4, four for IPv6), host bits cleared. */
  network: number[];
  /** Prefix length. */
  prefixLength: number;
}

const DOT = 46;
const COLON = 58;

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Parse dotted-quad IPv4 in text[start, end) to an unsigned 32-bit number; -1 when invalid. */
function parseIpv4Number(text: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      digits++;
      if (digits > 3 || octet > 255) return -1;
    } else if (code === DOT) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

const groups = new Uint16Array(8);

/** Parse IPv6 text[start, end) into `out` as four 32-bit words; false when invalid. */
function parseIpv6Into(text: string, start: number, end: number, out: Uint32Array): boolean {
  let count = 0;
  let gapAt = -1;
  let i = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(i) === COLON) {
    if (text.charCodeAt(i + 1) !== COLON) return false;
    gapAt = 0;
    i += 2;
  }
  while (i < end) {
    if (count >= 8) return false;
    const groupStart = i;
    let value = 0;
    let digits = 0;
    for (; i < end; i++) {
      const digit = hexDigit(text.charCodeAt(i));
      if (digit < 0) break;
      if (++digits > 4) return false;
      value = value * 16 + digit;
    }
    if (i < end && text.charCodeAt(i) === DOT) {
      // Embedded IPv4 in the last 32 bits (::ffff:192.0.2.1, 64:ff9b::192.0.2.1).
      if (count > 6) return false;
      const v4 = parseIpv4Number(text, groupStart, end);
      if (v4 < 0) return false;
      groups[count++] = Math.floor(v4 / 65536);
      groups[count++] = v4 % 65536;
      i = end;
      break;
    }
    if (digits === 0) return false;
    groups[count++] = value;
    if (i === end) break;
    if (text.charCodeAt(i) !== COLON) return false;
    i++;
    if (i < end && text.charCodeAt(i) === COLON) {
      if (gapAt !== -1) return false;
      gapAt = count;
      i++;
    } else if (i === end) return false;
  }
  if (gapAt === -1) {
    if (count !== 8) return false;
  } else {
    if (count > 7) return false;
    const tail = count - gapAt;
    for (let k = 0; k < tail; k++) groups[7 - k] = groups[count - 1 - k];
    for (let k = gapAt; k < 8 - tail; k++) groups[k] = 0;
  }
  for (let w = 0; w < 4; w++) out[w] = (groups[2 * w] * 65536 + groups[2 * w + 1]) >>> 0;
  return true;
}

/** Parse an IPv4 or IPv6 address into `out` (one or four words); returns 4, 6, or 0 when it is not an address. */
function parseAddressInto(text: string, start: number, end: number, out: Uint32Array): 0 | 4 | 6 {
  const colon = text.indexOf(':', start);
  if (colon !== -1 && colon < end) {
    return parseIpv6Into(text, start, end, out) ? 6 : 0;
  }
  const v4 = parseIpv4Number(text, start, end);
  if (v4 < 0) return 0;
  out[0] = v4;
  return 4;
}

/** Mask for the 32-bit word `word` of a prefix of `prefixLength` bits. */
function wordMask(prefixLength: number, word: number): number {
  const bits = Math.min(32, Math.max(0, prefixLength - 32 * word));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Parse "address/prefix" or a bare address (a /32 or /128 range); undefined when invalid. */
export function parseCidr(text: string): CidrRange | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressEnd = slash === -1 ? trimmed.length : slash;
  const words = new Uint32Array(4);
  const version = parseAddressInto(trimmed, 0, addressEnd, words);
  if (version === 0) return undefined;
  const maxLength = version === 4 ? 32 : 128;
  let prefixLength = maxLength;
  if (slash !== -1) {
    const digits = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(digits)) return undefined;
    prefixLength = Number(digits);
    if (prefixLength > maxLength) return undefined;
  }
  const wordCount = version === 4 ? 1 : 4;
  const network: number[] = [];
  for (let w = 0; w < wordCount; w++) network.push((words[w] & wordMask(prefixLength, w)) >>> 0);
  return { version, network, prefixLength };
}

const scratch = new Uint32Array(4);
// The last request address parsed, as int32 words: one decision tests the same aws:SourceIp against many ranges.
let lastAddress = '';
let lastVersion: 0 | 4 | 6 = 0;
const lastWords = new Int32Array(4);

function parseRequestAddress(address: string): 0 | 4 | 6 {
  if (address === lastAddress) return lastVersion;
  lastVersion = parseAddressInto(address, 0, address.length, scratch);
  lastAddress = address;
  for (let w = 0; w < 4; w++) lastWords[w] = scratch[w] | 0;
  return lastVersion;
}

/** True when the string is a valid IPv4 or IPv6 address (not a range). */
export function isIpAddress(text: string): boolean {
  return parseAddressInto(text, 0, text.length, scratch) !== 0;
}

/**
 * Compile CIDR ranges (invalid ones are dropped: they match nothing) into one matcher that says whether an
 * address lies in any of them. An address that does not parse matches nothing.
 */
export function compileIpMatcher(cidrs: readonly string[]): IpMatcher {
  const ranges = cidrs.map(parseCidr).filter((range): range is CidrRange => range !== undefined);
  const v4 = ranges.filter((range) => range.version === 4);
  const v6 = ranges.filter((range) => range.version === 6);
  // int32 words keep the comparisons in small-integer arithmetic (no heap numbers for values above 2^31).
  const v4Networks = Int32Array.from(v4, (range) => range.network[0] | 0);
  const v4Masks = Int32Array.from(v4, (range) => wordMask(range.prefixLength, 0) | 0);
  const v6Networks = v6.map((range) => Int32Array.from(range.network, (word) => word | 0));
  const v6Masks = v6.map((range) => Int32Array.from([0, 1, 2, 3], (w) => wordMask(range.prefixLength, w) | 0));
  if (ranges.length === 0) return () => false;
  return (address) => {
    const version = parseRequestAddress(address);
    if (version === 4) {
      const value = lastWords[0];
      for (let i = 0; i < v4Networks.length; i++) if ((value & v4Masks[i]) === v4Networks[i]) return true;
      return false;
    }
    if (version === 6) {
      for (let i = 0; i < v6Networks.length; i++) {
        const network = v6Networks[i];
        const masks = v6Masks[i];
        if (
          (lastWords[0] & masks[0]) === network[0] &&
          (lastWords[1] & masks[1]) === network[1] &&
          (lastWords[2] & masks[2]) === network[2] &&
          (lastWords[3] & masks[3]) === network[3]
        ) {
          return true;
        }
      }
    }
    return false;
  };
}
