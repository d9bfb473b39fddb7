// Runs every engine fixture (test/fixtures/engine/*.json, format in its README.md) through the real pipeline:
// bundle -> World -> compiled world, simulate input -> request, evaluate, and compares decision, reasons (as a
// set), matched Sids, the missing context keys and the simulator-shaped Organizations / boundary details with what AWS decides.
import { describe, expect, it } from 'vitest';
import {
  bundleToWorld,
  compileWorld,
  evaluate,
  simulateInputToRequests,
  toEvaluationResult,
  type CompiledWorld,
  type EvaluationResult,
} from '@/server/engine';
import { loadFixtureFiles, type FixtureCase, type FixtureFile } from '@/test/fixtures/engine/load-fixtures';

function compileFixtureWorld(file: FixtureFile): CompiledWorld {
  const read = bundleToWorld(file.bundle);
  if (!read.ok) throw new Error(`${file.file}: bundle rejected: ${JSON.stringify(read.errors, null, 2)}`);
  return compileWorld(read.world);
}

/** Sids of matched statements whose effect decided: Deny for explicitDeny, Allow for allowed. */
function decidingSids(result: EvaluationResult): string[] {
  const effect = result.decision === 'explicitDeny' ? 'Deny' : 'Allow';
  return result.trace.flatMap((layer) => layer.matched.filter((statement) => statement.effect === effect && statement.sid !== undefined).map((statement) => statement.sid as string));
}

function runCase(world: CompiledWorld, file: FixtureFile, testCase: FixtureCase): void {
  const input = simulateInputToRequests(testCase.request);
  if (!input.ok) throw new Error(`request rejected: ${JSON.stringify(input.errors, null, 2)}`);
  expect(input.requests, 'one action and one resource give one request').toHaveLength(1);
  const request = input.requests[0];
  const result = evaluate(world, request);
  const explanation = `${file.file} › ${testCase.name}\n${result.summary}\n${JSON.stringify(result.trace, null, 1)}`;

  expect(result.decision, explanation).toBe(testCase.expected.decision);
  expect([...new Set(result.reasons)].sort(), explanation).toEqual([...testCase.expected.reasons].sort());
  if (testCase.expected.matchedSids) {
    const sids = decidingSids(result);
    for (const sid of testCase.expected.matchedSids) expect(sids, `${explanation}\nmissing matched Sid ${sid}`).toContain(sid);
  }
  if (testCase.expected.serviceRules) {
    // Exactly the documented service rules the trace cites (layer "service"), as a set.
    const cited = result.trace.flatMap((layer) => (layer.layer === 'service' && layer.rule ? [layer.rule.id] : []));
    expect([...new Set(cited)].sort(), `${explanation}\nservice rules cited`).toEqual([...testCase.expected.serviceRules].sort());
  }
  if (testCase.expected.missingContextValues) {
    const expectedKeys = [...testCase.expected.missingContextValues].sort();
    expect([...result.missingContextValues].sort(), explanation).toEqual(expectedKeys);
    expect(result.conditionDependent, `${explanation}\nconditionDependent must say whether a key is missing`).toBe(expectedKeys.length > 0);
    // AWS's shape: top level for resource "*", per resource for an ARN (API_EvaluationResult.html).
    const aws = toEvaluationResult(request, result);
    const reported = request.resource === '*' ? aws.MissingContextValues : aws.ResourceSpecificResults?.[0].MissingContextValues;
    expect([...(reported ?? [])].sort(), explanation).toEqual(expectedKeys);
  }
  if (testCase.expectedOrganizations || testCase.expectedBoundary) {
    const aws = toEvaluationResult(request, result);
    if (testCase.expectedOrganizations) {
      expect(aws.OrganizationsDecisionDetail, explanation).toEqual(testCase.expectedOrganizations);
    }
    if (testCase.expectedBoundary) {
      expect(aws.PermissionsBoundaryDecisionDetail, explanation).toEqual(testCase.expectedBoundary);
    }
  }
}

for (const file of loadFixtureFiles()) {
  describe(`${file.file}: ${file.title}`, () => {
    // Compiled lazily so that one broken bundle fails its own cases, not the whole run.
    let world: CompiledWorld | undefined;
    const getWorld = () => (world ??= compileFixtureWorld(file));

    for (const testCase of file.cases) {
      it(`${file.file} › ${testCase.name}`, () => runCase(getWorld(), file, testCase));
    }
  });
}
