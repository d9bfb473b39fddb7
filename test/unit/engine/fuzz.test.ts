// Fuzz of the validator and the evaluator on mutated real-shaped SCPs (test/fixtures/fuzz/mutated-scps.ts): whatever
// the document, neither throws and every result is well-formed. Bounded runs keep it to seconds; the 50 ms bound per
// case is a timing figure, printed by `npm run bench:fuzz` over the same generators (no timing assertions here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, validatePolicy, type EvaluationResult, type Finding, type LayerTrace } from '@/server/engine';
import { evaluatorCaseArb, fuzzWorld, validatorInputArb } from '../../fixtures/fuzz/mutated-scps';

const SEVERITIES = new Set(['error', 'security_warning', 'warning', 'suggestion']);
const DECISIONS = new Set(['allowed', 'explicitDeny', 'implicitDeny']);
const LAYERS = new Set(['scp', 'rcp', 'resource', 'identity', 'boundary', 'session', 'trust', 'keyPolicy', 'service']);
const OUTCOMES = new Set(['allow', 'deny', 'noMatch', 'notApplicable', 'applied']);
const REASONS = new Set([
  'scp-deny', 'rcp-deny', 'identity-deny', 'resource-deny', 'boundary-deny', 'session-deny', 'trust-deny', 'key-policy-deny',
  'scp-no-allow', 'rcp-no-allow', 'no-allow', 'identity-no-allow', 'resource-no-allow', 'boundary-no-allow', 'session-no-allow',
  'trust-no-allow', 'key-policy-no-allow', 'identity-allow', 'resource-allow', 'service-rule-allow', 'service-rule-no-allow',
]);

function expectWellFormedFinding(finding: Finding): void {
  expect(typeof finding.code).toBe('string');
  expect(finding.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  expect(SEVERITIES.has(finding.severity)).toBe(true);
  expect(finding.message.length).toBeGreaterThan(0);
  expect(finding.path.startsWith('$')).toBe(true);
  if (finding.line !== undefined || finding.column !== undefined) {
    expect(Number.isInteger(finding.line) && finding.line! >= 1).toBe(true);
    expect(Number.isInteger(finding.column) && finding.column! >= 1).toBe(true);
  }
}

function expectWellFormedStep(step: LayerTrace): void {
  expect(LAYERS.has(step.layer)).toBe(true);
  expect(OUTCOMES.has(step.outcome)).toBe(true);
  expect(Array.isArray(step.matched)).toBe(true);
  for (const matched of [...step.matched, ...(step.conditionNotMet ?? [])]) {
    expect(typeof matched.policyId).toBe('string');
    expect(['Allow', 'Deny']).toContain(matched.effect);
    expect(Number.isInteger(matched.statementIndex)).toBe(true);
  }
  if (step.note !== undefined) expect(typeof step.note).toBe('string');
}

function expectWellFormedResult(result: EvaluationResult): void {
  expect(DECISIONS.has(result.decision)).toBe(true);
  expect(result.reasons.length).toBeGreaterThan(0);
  for (const reason of result.reasons) expect(REASONS.has(reason)).toBe(true);
  // Explicit deny is given only for Deny reasons; allowed only for allow reasons (the reasons rule).
  if (result.decision === 'explicitDeny') expect(result.reasons.every((reason) => reason.endsWith('-deny'))).toBe(true);
  if (result.decision === 'allowed') expect(result.reasons.every((reason) => reason.endsWith('-allow') && !reason.endsWith('no-allow'))).toBe(true);
  expect(result.summary.length).toBeGreaterThan(0);
  expect(result.trace.length).toBeGreaterThan(0);
  result.trace.forEach(expectWellFormedStep);
  expect(Array.isArray(result.context)).toBe(true);
  for (const key of result.missingContextValues) expect(typeof key).toBe('string');
  expect(result.conditionDependent).toBe(result.missingContextValues.length > 0);
  // What the API and the worker threads send must survive a JSON round trip.
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

describe('engine fuzz on mutated real-shaped SCPs', () => {
  it('the validator never throws and returns well-formed findings', () => {
    fc.assert(
      fc.property(validatorInputArb, (source) => {
        const findings = validatePolicy(source, 'SCP');
        expect(Array.isArray(findings)).toBe(true);
        findings.forEach(expectWellFormedFinding);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('compiling a world that holds the SCP and evaluating requests against it never throws, and every result is well-formed', () => {
    fc.assert(
      fc.property(evaluatorCaseArb, ({ scp, requests }) => {
        const world = compileWorld(fuzzWorld(scp));
        for (const warning of world.warnings) expect(typeof warning).toBe('string');
        for (const request of requests) expectWellFormedResult(evaluate(world, request));
      }),
      { numRuns: 250, seed: 20261203 },
    );
  });
});
