// MissingContextValues checked against the evaluator itself, on every engine fixture (data written from AWS's pages,
// not for this test): supplying a key the result does not list, with any value a policy of the world compares it
// with (or one no policy expects), never changes the decision; and for a listed key that can change the decision
// on its own, some such value does. Spec: API_EvaluationResult.html (MissingContextValues), the condition
// operators page (how an absent key evaluates).
import { describe, expect, it } from 'vitest';
import {
  bundleToWorld, compileWorld, evaluate, simulateInputToRequests,
  type AuthzRequest, type CompiledWorld, type ContextEntry, type ContextValueType,
} from '@/server/engine';
import { serviceOfAction } from '@/server/engine/world/action-matcher';
import { isForeignServiceKey, isSettledContextKey } from '@/server/engine/world/request-context';
import { loadFixtureFiles } from '@/test/fixtures/engine/load-fixtures';

/** Values worth trying per key: every value a condition of the world compares the key with, as written. */
function valuesByKey(world: CompiledWorld): Map<string, { key: string; values: Set<string>; type: ContextValueType }> {
  world.compileAll();
  const byKey = new Map<string, { key: string; values: Set<string>; type: ContextValueType }>();
  for (const document of world.documents.values()) {
    for (const statement of document.statements) {
      for (const clause of statement.conditionClauses) {
        const lower = clause.key.toLowerCase();
        let entry = byKey.get(lower);
        if (!entry) byKey.set(lower, (entry = { key: clause.key, values: new Set(), type: typeFor(clause.operator) }));
        for (const value of clause.values) if (!value.includes('${')) for (const near of nearValues(value)) entry.values.add(near);
      }
    }
  }
  return byKey;
}

function typeFor(operator: string): ContextValueType {
  const base = operator.replace(/^For(All|Any)Values:/, '').replace(/IfExists$/, '');
  const list = operator.startsWith('For');
  const scalar: ContextValueType = /^Numeric/.test(base) ? 'numeric' : /^Date/.test(base) ? 'date' : /^Bool/.test(base) ? 'boolean' : /IpAddress$/.test(base) ? 'ip' : 'string';
  return list ? (`${scalar}List` as ContextValueType) : scalar;
}

/** The value itself (wildcards filled in, a CIDR's first address) and its neighbours for ordered comparisons. */
function nearValues(value: string): string[] {
  const filled = value.replace(/\*/g, 'x').replace(/\?/g, 'x');
  if (/^-?\d+(\.\d+)?$/.test(value)) return [value, String(Number(value) - 1), String(Number(value) + 1)];
  const date = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(date)) {
    return [value, new Date(date - 86_400_000).toISOString(), new Date(date + 86_400_000).toISOString()];
  }
  if (/^[\d.:a-f]+\/\d+$/i.test(value)) return [value.slice(0, value.indexOf('/'))];
  if (value === 'true' || value === 'false') return ['true', 'false'];
  return [filled];
}

/** A value unlike any the policies name, of the key's type. */
function otherValue(type: ContextValueType): string {
  if (type.startsWith('numeric')) return '987654';
  if (type.startsWith('date')) return '2001-02-03T04:05:06Z';
  if (type.startsWith('boolean')) return 'false';
  if (type.startsWith('ip')) return '203.0.113.77';
  return 'lzsim-unlisted-value';
}

function withEntry(request: AuthzRequest, entry: ContextEntry): AuthzRequest {
  return { ...request, context: [...request.context, entry] };
}

describe('MissingContextValues agrees with the evaluator on every engine fixture', () => {
  for (const file of loadFixtureFiles()) {
    it(file.file, () => {
      const read = bundleToWorld(file.bundle);
      if (!read.ok) throw new Error(`${file.file}: bundle rejected`);
      const world = compileWorld(read.world);
      const candidates = valuesByKey(world);
      for (const testCase of file.cases) {
        const input = simulateInputToRequests(testCase.request);
        if (!input.ok) continue;
        const request = input.requests[0];
        const result = evaluate(world, request);
        expect(result.conditionDependent).toBe(result.missingContextValues.length > 0);
        const listed = new Set(result.missingContextValues.map((key) => key.toLowerCase()));
        const supplied = new Set(request.context.map((entry) => entry.key.toLowerCase()));
        const settled = world.settledResource(request.action.toLowerCase(), request.resource);
        for (const [lower, { key, values, type }] of candidates) {
          // Keys AWS settles, and other services' own keys, which no request to this service carries.
          if (supplied.has(lower) || isSettledContextKey(lower, settled) || isForeignServiceKey(lower, serviceOfAction(request.action.toLowerCase()))) continue;
          const tries = [...values, otherValue(type)];
          const decisions = new Set(tries.map((value) => evaluate(world, withEntry(request, { key, values: [value], type })).decision));
          const where = `${file.file} › ${testCase.name}: ${key}`;
          if (!listed.has(lower)) {
            expect([...decisions], `${where} is not listed, yet supplying it changes ${result.decision}`).toEqual([result.decision]);
          } else if (listed.size === 1) {
            expect([...decisions].some((decision) => decision !== result.decision), `${where} is the only key listed, yet no value changes ${result.decision}`).toBe(true);
          }
        }
      }
    });
  }
});
