// Walks test/fixtures/management/*.json: each case gives a chain of attached management policies and the effective
// policy AWS documents for it (or the failure), and names the AWS page that justifies the expectation.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeEffectivePolicy } from '@/server/engine/management';
import type {
  EffectivePolicyOptions,
  EffectivePolicySuccess,
  ManagementChainLevel,
  ManagementPolicyType,
} from '@/server/engine/management';

interface FixturePolicy {
  id: string;
  name?: string;
  /** JSON text, or an object the runner serialises (keeps fixtures readable). */
  content: string | Record<string, unknown>;
}

interface FixtureLevel {
  targetId: string;
  targetName?: string;
  kind: 'root' | 'ou' | 'account';
  policies: FixturePolicy[];
}

interface FixtureExpected {
  ok: boolean;
  effective?: Record<string, unknown>;
  reason?: string;
  errorCodes?: string[];
  merged?: Record<string, unknown>;
  /** Exactly these operations are ignored (order-insensitive). */
  ignored?: { path: string; operator: string; reason: string; policyId: string }[];
  /** For each listed setting path, the policy whose operation produced the final value. */
  cameFrom?: Record<string, string>;
  /** Restrictions in force at the end (only the listed paths are checked). */
  restrictions?: Record<string, string[]>;
  /** The failure hands back the previous effective policy given in options.previous. */
  keepsLastValid?: boolean;
  /** Exactly these warning codes (as a set) on success. */
  warningCodes?: string[];
}

interface FixtureCase {
  name: string;
  type: ManagementPolicyType;
  chain: FixtureLevel[];
  options?: { allowNonAccountTarget?: boolean; previousEffective?: Record<string, unknown> };
  expected: FixtureExpected;
}

interface FixtureFile {
  title: string;
  doc: string | string[];
  cases: FixtureCase[];
}

const fixtureDir = fileURLToPath(new URL('../../../fixtures/management/', import.meta.url));
const fixtureFiles = readdirSync(fixtureDir).filter((file) => file.endsWith('.json')).sort();

function toChain(levels: FixtureLevel[]): ManagementChainLevel[] {
  return levels.map((level) => ({
    targetId: level.targetId,
    targetName: level.targetName ?? level.targetId,
    kind: level.kind,
    policies: level.policies.map((policy) => ({
      id: policy.id,
      name: policy.name ?? policy.id,
      content: typeof policy.content === 'string' ? policy.content : JSON.stringify(policy.content, null, 2),
    })),
  }));
}

function toOptions(testCase: FixtureCase): EffectivePolicyOptions {
  const options: EffectivePolicyOptions = {};
  if (testCase.options?.allowNonAccountTarget) options.allowNonAccountTarget = true;
  if (testCase.options?.previousEffective) {
    const previous: EffectivePolicySuccess = {
      ok: true,
      type: testCase.type,
      targetId: testCase.chain.at(-1)!.targetId,
      effective: testCase.options.previousEffective as EffectivePolicySuccess['effective'],
      contributions: [],
      ignored: [],
      restrictions: [],
      warnings: [],
    };
    options.previous = previous;
  }
  return options;
}

describe('management policy fixtures', () => {
  it('finds fixture files', () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
  });

  for (const file of fixtureFiles) {
    const fixture = JSON.parse(readFileSync(`${fixtureDir}${file}`, 'utf8')) as FixtureFile;
    describe(`${file}: ${fixture.title}`, () => {
      it('names the AWS page that justifies it', () => {
        const docs = Array.isArray(fixture.doc) ? fixture.doc : [fixture.doc];
        expect(docs.length).toBeGreaterThan(0);
        for (const doc of docs) expect(doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      });

      for (const testCase of fixture.cases) {
        it(testCase.name, () => {
          const options = toOptions(testCase);
          const result = computeEffectivePolicy(testCase.type, toChain(testCase.chain), options);
          const { expected } = testCase;
          if (!result.ok) {
            expect(result.ok, `unexpected failure: ${JSON.stringify(result.errors)}`).toBe(expected.ok);
          } else {
            expect(result.ok).toBe(expected.ok);
          }

          if (result.ok) {
            expect(result.effective).toEqual(expected.effective);
            if (expected.warningCodes) expect([...new Set(result.warnings.map((warning) => warning.code))].sort()).toEqual([...expected.warningCodes].sort());
          } else {
            if (expected.reason) expect(result.reason).toBe(expected.reason);
            if (expected.errorCodes) expect([...new Set(result.errors.map((error) => error.code))].sort()).toEqual([...expected.errorCodes].sort());
            if (expected.merged) expect(result.merged).toEqual(expected.merged);
            if (expected.keepsLastValid) expect(result.lastValid).toBe(options.previous);
          }

          const ignored = result.ok ? result.ignored : (result.ignored ?? []);
          if (expected.ignored) {
            const actual = ignored.map((entry) => ({ path: entry.path, operator: entry.operator, reason: entry.reason, policyId: entry.origin.policyId }));
            const byKey = (entry: { path: string; operator: string; policyId: string }) => `${entry.path}|${entry.operator}|${entry.policyId}`;
            expect([...actual].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
              [...expected.ignored].sort((a, b) => byKey(a).localeCompare(byKey(b))),
            );
          }

          if (expected.cameFrom) {
            const contributions = result.ok ? result.contributions : (result.contributions ?? []);
            for (const [path, policyId] of Object.entries(expected.cameFrom)) {
              const contribution = contributions.find((entry) => entry.path === path);
              expect(contribution, `no contribution recorded for ${path}`).toBeDefined();
              expect(contribution!.from.policyId, `origin of ${path}`).toBe(policyId);
            }
          }

          if (expected.restrictions) {
            expect(result.ok).toBe(true);
            if (result.ok) {
              for (const [path, allowed] of Object.entries(expected.restrictions)) {
                const restriction = result.restrictions.find((entry) => entry.path === path);
                expect(restriction, `no restriction recorded at ${path}`).toBeDefined();
                expect(restriction!.allowed).toEqual(allowed);
              }
            }
          }
        });
      }
    });
  }
});
