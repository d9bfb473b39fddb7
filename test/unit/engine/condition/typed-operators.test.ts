// Numeric, date, Boolean, binary and Null condition operators.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// (sections "Numeric", "Date", "Boolean", "Binary", "Condition operator to check existence of condition keys")
// and reference_policies_condition-keys.html (aws:CurrentTime is ISO 8601, aws:EpochTime is epoch seconds).
import { describe, expect, it } from 'vitest';
import { contextOf, EMPTY, holds } from './context';

describe('Numeric operators', () => {
  const maxKeys = contextOf({ 's3:max-keys': '10' }, { 's3:max-keys': 'numeric' });
  it.each([
    ['NumericEquals', '10', true], ['NumericEquals', '10.0', true], ['NumericEquals', '11', false],
    ['NumericNotEquals', '11', true], ['NumericNotEquals', '10', false],
    ['NumericLessThan', '11', true], ['NumericLessThan', '10', false],
    ['NumericLessThanEquals', '10', true], ['NumericLessThanEquals', '9', false],
    ['NumericGreaterThan', '9', true], ['NumericGreaterThan', '10', false],
    ['NumericGreaterThanEquals', '10', true], ['NumericGreaterThanEquals', '10.5', false],
  ])('%s %s against 10 -> %s', (operator, policyValue, expected) => {
    expect(holds(operator, 's3:max-keys', policyValue, maxKeys)).toBe(expected);
  });
  it('compares numerically, not as text', () => {
    expect(holds('NumericLessThan', 'n', '100', contextOf({ n: '9' }))).toBe(true);
    expect(holds('NumericEquals', 'n', '-1.5', contextOf({ n: '-1.50' }))).toBe(true);
  });
  it('ORs policy values', () => {
    expect(holds('NumericEquals', 's3:max-keys', ['5', '10'], maxKeys)).toBe(true);
    expect(holds('NumericNotEquals', 's3:max-keys', ['5', '10'], maxKeys)).toBe(false);
  });
  it('a non-numeric request value matches no policy value', () => {
    const bad = contextOf({ n: 'ten' });
    expect(holds('NumericEquals', 'n', '10', bad)).toBe(false);
    expect(holds('NumericGreaterThan', 'n', '0', bad)).toBe(false);
    expect(holds('NumericNotEquals', 'n', '10', bad)).toBe(true);
    expect(holds('NumericEquals', 'n', '10', contextOf({ n: '' }))).toBe(false);
    expect(holds('NumericEquals', 'n', '1', contextOf({ n: '1e0' }))).toBe(false);
  });
  it('a non-numeric policy value matches nothing', () => {
    expect(holds('NumericEquals', 's3:max-keys', 'ten', maxKeys)).toBe(false);
    expect(holds('NumericNotEquals', 's3:max-keys', 'ten', maxKeys)).toBe(true);
    expect(holds('NumericEquals', 's3:max-keys', ['ten', '10'], maxKeys)).toBe(true);
  });
  it('absent key and IfExists', () => {
    expect(holds('NumericLessThan', 'n', '5', EMPTY)).toBe(false);
    expect(holds('NumericNotEquals', 'n', '5', EMPTY)).toBe(true);
    expect(holds('NumericLessThanIfExists', 'n', '5', EMPTY)).toBe(true);
    expect(holds('NumericLessThanIfExists', 'n', '5', contextOf({ n: '7' }))).toBe(false);
  });
  it('policy variables are not substituted in numeric values', () => {
    const ctx = contextOf({ n: '3', limit: '5' });
    expect(holds('NumericLessThan', 'n', '${limit}', ctx)).toBe(false);
  });
});

describe('Date operators (ISO 8601 and epoch seconds)', () => {
  const now = contextOf({ 'aws:CurrentTime': '2026-03-15T12:00:00Z' }, { 'aws:CurrentTime': 'date' });
  it.each([
    ['DateLessThan', '2026-03-15T12:00:01Z', true],
    ['DateLessThan', '2026-03-15T12:00:00Z', false],
    ['DateLessThanEquals', '2026-03-15T12:00:00Z', true],
    ['DateGreaterThan', '2026-03-15', true],
    ['DateGreaterThanEquals', '2026-03-16', false],
    ['DateEquals', '2026-03-15T12:00:00Z', true],
    ['DateEquals', '2026-03-15T12:00:00.000Z', true],
    ['DateEquals', '2026-03-15T14:00:00+02:00', true],
    ['DateEquals', '2026-03-15T07:00:00-0500', true],
    ['DateNotEquals', '2026-03-15T12:00:00Z', false],
    ['DateNotEquals', '2026-03-15T12:00:01Z', true],
  ])('%s %s -> %s', (operator, policyValue, expected) => {
    expect(holds(operator, 'aws:CurrentTime', policyValue, now)).toBe(expected);
  });
  it('accepts epoch seconds on either side', () => {
    const epoch = String(Date.UTC(2026, 2, 15, 12) / 1000);
    expect(holds('DateEquals', 'aws:CurrentTime', epoch, now)).toBe(true);
    const epochContext = contextOf({ 'aws:EpochTime': epoch });
    expect(holds('DateLessThan', 'aws:EpochTime', '2026-03-15T12:00:01Z', epochContext)).toBe(true);
    expect(holds('DateGreaterThan', 'aws:EpochTime', '2026-03-15T12:00:01Z', epochContext)).toBe(false);
  });
  it('a time without a zone is UTC, whatever the server time zone', () => {
    expect(holds('DateEquals', 'aws:CurrentTime', '2026-03-15T12:00:00', now)).toBe(true);
  });
  it('unparseable or impossible dates match no policy value', () => {
    expect(holds('DateLessThan', 'aws:CurrentTime', 'next tuesday', now)).toBe(false);
    expect(holds('DateLessThan', 'aws:CurrentTime', '2026-02-30', now)).toBe(false);
    expect(holds('DateLessThan', 'd', '2030-01-01', contextOf({ d: 'March 7' }))).toBe(false);
    expect(holds('DateNotEquals', 'd', '2030-01-01', contextOf({ d: 'March 7' }))).toBe(true);
  });
  it('absent key and IfExists', () => {
    expect(holds('DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01', EMPTY)).toBe(false);
    expect(holds('DateNotEquals', 'aws:TokenIssueTime', '2020-01-01', EMPTY)).toBe(true);
    expect(holds('DateGreaterThanIfExists', 'aws:TokenIssueTime', '2020-01-01', EMPTY)).toBe(true);
  });
});

describe('Bool', () => {
  const secure = contextOf({ 'aws:SecureTransport': 'true' }, { 'aws:SecureTransport': 'boolean' });
  it('compares true/false ignoring case', () => {
    expect(holds('Bool', 'aws:SecureTransport', 'true', secure)).toBe(true);
    expect(holds('Bool', 'aws:SecureTransport', 'TRUE', secure)).toBe(true);
    expect(holds('Bool', 'aws:SecureTransport', 'false', secure)).toBe(false);
    expect(holds('Bool', 'aws:SecureTransport', 'false', contextOf({ 'aws:SecureTransport': 'False' }))).toBe(true);
  });
  it('a non-boolean on either side matches nothing', () => {
    expect(holds('Bool', 'aws:SecureTransport', 'yes', secure)).toBe(false);
    expect(holds('Bool', 'aws:SecureTransport', 'true', contextOf({ 'aws:SecureTransport': '1' }))).toBe(false);
  });
  it('absent key: false; BoolIfExists: true (the classic MFA deny pattern)', () => {
    expect(holds('Bool', 'aws:MultiFactorAuthPresent', 'false', EMPTY)).toBe(false);
    expect(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', EMPTY)).toBe(true);
    const mfa = contextOf({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', mfa)).toBe(false);
  });
});

describe('BinaryEquals (base64, compared byte for byte)', () => {
  const payload = contextOf({ 'custom:blob': btoa('hello') }, { 'custom:blob': 'binary' });
  it('compares the decoded bytes', () => {
    expect(holds('BinaryEquals', 'custom:blob', 'aGVsbG8=', payload)).toBe(true);
    expect(holds('BinaryEquals', 'custom:blob', 'aGVsbG8', payload)).toBe(true); // padding omitted
    expect(holds('BinaryEquals', 'custom:blob', btoa('hellO'), payload)).toBe(false);
  });
  it('invalid base64 matches nothing; absent key false; IfExists true', () => {
    expect(holds('BinaryEquals', 'custom:blob', '***', payload)).toBe(false);
    expect(holds('BinaryEquals', 'custom:blob', 'aGVsbG8=', contextOf({ 'custom:blob': '!!' }))).toBe(false);
    expect(holds('BinaryEquals', 'custom:blob', 'aGVsbG8=', EMPTY)).toBe(false);
    expect(holds('BinaryEqualsIfExists', 'custom:blob', 'aGVsbG8=', EMPTY)).toBe(true);
  });
});

describe('Null', () => {
  const withToken = contextOf({ 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' });
  it('"true" holds when the key is absent, "false" when it is present', () => {
    expect(holds('Null', 'aws:TokenIssueTime', 'true', EMPTY)).toBe(true);
    expect(holds('Null', 'aws:TokenIssueTime', 'true', withToken)).toBe(false);
    expect(holds('Null', 'aws:TokenIssueTime', 'false', EMPTY)).toBe(false);
    expect(holds('Null', 'aws:TokenIssueTime', 'false', withToken)).toBe(true);
    expect(holds('Null', 'AWS:TOKENISSUETIME', 'False', withToken)).toBe(true);
  });
  it('a key present with no values counts as absent', () => {
    expect(holds('Null', 'aws:TagKeys', 'true', contextOf({ 'aws:TagKeys': [] }))).toBe(true);
  });
  it('NullIfExists is not an operator (Access Analyzer: "Null with if exists")', () => {
    expect(holds('NullIfExists', 'aws:TokenIssueTime', 'true', EMPTY)).toBe(false);
  });
  it('a value other than true/false never holds', () => {
    expect(holds('Null', 'aws:TokenIssueTime', 'maybe', EMPTY)).toBe(false);
  });
});
