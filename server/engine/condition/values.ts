// Parsing of typed condition values, used for both policy values (once, at compile time) and request values.
// Spec: IAM User Guide, reference_policies_elements_condition_operators.html (numeric, date, Boolean and binary
// condition operators) and reference_policies_condition-keys.html (aws:CurrentTime is ISO 8601, aws:EpochTime is
// epoch seconds).

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parse an integer or decimal as IAM's numeric operators accept it; undefined when it is not a number. */
export function parseNumericValue(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER_PATTERN.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

const EPOCH_PATTERN = /^-?\d+(?:\.\d+)?$/;
// The W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime), which the date operators use, plus a
// basic-format offset (+0000). A date without a time is midnight UTC; a time without a zone is read as UTC so that
// the answer does not depend on the server's time zone.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, monthIndex: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthIndex === 1 && leap ? 29 : MONTH_DAYS[monthIndex];
}

/**
 * Parse a date as the Date* operators accept it: ISO 8601 (W3C profile) or epoch seconds. Returns epoch
 * milliseconds, or undefined when it is neither. A bare integer is epoch seconds (so "2024" is 2024 s after 1970).
 */
export function parseDateValue(text: string): number | undefined {
  const trimmed = text.trim();
  if (EPOCH_PATTERN.test(trimmed)) return Number(trimmed) * 1000;
  const match = ISO_PATTERN.exec(trimmed);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const monthIndex = Number(month) - 1;
  const dayOfMonth = day === undefined ? 1 : Number(day);
  const hours = hour === undefined ? 0 : Number(hour);
  const minutes = minute === undefined ? 0 : Number(minute);
  const seconds = second === undefined ? 0 : Number(second);
  const fullYear = Number(year);
  if (monthIndex < 0 || monthIndex > 11 || dayOfMonth < 1 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  // Date.UTC would roll 31 February over into March: reject dates that do not exist.
  if (dayOfMonth > daysInMonth(fullYear, monthIndex)) return undefined;
  const utc = Date.UTC(fullYear, monthIndex, dayOfMonth, hours, minutes, seconds);
  const millis = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  return utc + millis - offsetMinutes * 60_000;
}

/** Parse "true" / "false" (any case, as Bool compares them); undefined otherwise. */
export function parseBooleanValue(text: string): boolean | undefined {
  const lowered = text.trim().toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  return undefined;
}

/**
 * Decode base64 into a binary string (one char per byte) so that BinaryEquals compares bytes, not spellings
 * (padding and whitespace differences do not matter). Undefined when the text is not base64.
 */
export function decodeBinaryValue(text: string): string | undefined {
  try {
    return atob(text.trim());
  } catch {
    return undefined;
  }
}

// One-entry memo for request values: a decision compares the same aws:CurrentTime with every Date* clause it meets.
let lastDateText: string | undefined;
let lastDateValue: number | undefined;

/** `parseDateValue` with a one-entry memo, for request values (policy values are parsed once at compile time). */
export function parseRequestDate(text: string): number | undefined {
  if (text !== lastDateText) {
    lastDateValue = parseDateValue(text);
    lastDateText = text;
  }
  return lastDateValue;
}
