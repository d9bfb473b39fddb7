// Checks that a condition value can be read as the type its operator compares. IAM rejects a policy whose
// NumericEquals value is "abc" or whose IpAddress value is "10.0.0.0/33" (MalformedPolicyDocument), so the
// validator reports them as errors. Formats follow reference_policies_elements_condition_operators.html.
import type { ConditionValueType } from './condition-operators';

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^\d{1,12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when the value holds a policy variable such as ${aws:username}, which is substituted before matching. */
export function containsPolicyVariable(value: string): boolean {
  return /\$\{[^}]*\}/.test(value);
}

/** Why the value cannot be used with an operator of this type; undefined when it is fine. */
export function describeInvalidConditionValue(type: ConditionValueType, value: string): string | undefined {
  // Variables are resolved from the request; their final type is only known then.
  if (containsPolicyVariable(value)) return undefined;
  switch (type) {
    case 'string':
    case 'arn':
      return undefined;
    case 'numeric':
      return NUMERIC.test(value) ? undefined : `"${value}" is not a number`;
    case 'date':
      return isIamDate(value) ? undefined : `"${value}" is not a date (use ISO 8601 such as 2026-01-31T12:00:00Z, or epoch seconds)`;
    case 'boolean':
    case 'null':
      return /^(true|false)$/i.test(value) ? undefined : `"${value}" is not a boolean (use true or false)`;
    case 'binary':
      return value.length > 0 && BASE64.test(value) ? undefined : `"${value}" is not base64-encoded binary`;
    case 'ip':
      return isIpOrCidr(value) ? undefined : `"${value}" is not an IPv4 or IPv6 address or CIDR block`;
  }
}

/** True for the date formats IAM accepts in Date* conditions: ISO 8601 (W3C profile) or epoch seconds. */
export function isIamDate(value: string): boolean {
  if (EPOCH_SECONDS.test(value)) return true;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  if (d > daysInMonth) return false;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59)) return false;
  if (second !== undefined && Number(second) > 59) return false;
  return true;
}

/** True for an IPv4 or IPv6 address, with or without a CIDR prefix length in range. */
export function isIpOrCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash >= 0 ? value.slice(0, slash) : value;
  const prefix = slash >= 0 ? value.slice(slash + 1) : undefined;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return false;
  if (isIpv4(address)) return prefix === undefined || Number(prefix) <= 32;
  if (isIpv6(address)) return prefix === undefined || Number(prefix) <= 128;
  return false;
}

/** True for a dotted-quad IPv4 address. */
export function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** True for an IPv6 address in any RFC 4291 text form (with "::" compression or an embedded IPv4 tail). */
export function isIpv6(value: string): boolean {
  if (!value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  let groupCount = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    groupCount += 1; // an IPv4 tail fills two 16-bit groups
  }
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groupCount <= 7 : groupCount === 8;
}
