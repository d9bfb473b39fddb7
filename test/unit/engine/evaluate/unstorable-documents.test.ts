// Documents AWS refuses on save cannot come through a bundle (the one bundle reader refuses them as AWS does), yet
// the engine must still read them safely: a wildcard inside a principal ARN names nobody. Each file under
// test/fixtures/engine/_unstorable/ names a base fixture, the documents to add to its World, and cases in the
// fixture format (test/fixtures/engine/README.md).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleToWorld, compileWorld, evaluate, simulateInputToRequests, type ResourcePolicy } from '@/server/engine';
import { loadFixtureFiles, type FixtureCase } from '@/test/fixtures/engine/load-fixtures';

const directory = new URL('../../../fixtures/engine/_unstorable/', import.meta.url);

interface UnstorableFile {
  title: string;
  baseFixture: string;
  resourcePolicies: { ResourceArn: string; AccountId?: string; Policy: string }[];
  cases: FixtureCase[];
}

const fixtures = loadFixtureFiles();

for (const name of readdirSync(directory).filter((file) => file.endsWith('.json')).sort()) {
  const file = JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as UnstorableFile;
  describe(`${name}: ${file.title}`, () => {
    const base = fixtures.find((fixture) => fixture.file === file.baseFixture);
    const read = bundleToWorld(base?.bundle);
    if (!read.ok) throw new Error(`${file.baseFixture}: ${JSON.stringify(read.errors)}`);
    it('the bundle reader refuses these documents, as AWS does', () => {
      const bundle = structuredClone(base!.bundle) as { ResourcePolicies?: unknown[] };
      bundle.ResourcePolicies = [...(bundle.ResourcePolicies ?? []), ...file.resourcePolicies];
      const refused = bundleToWorld(bundle);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.errors.every((e) => e.awsCode === 'MalformedPolicyDocumentException')).toBe(true);
    });
    const added: ResourcePolicy[] = file.resourcePolicies.map((p) => ({ resourceArn: p.ResourceArn, document: p.Policy, ...(p.AccountId ? { accountId: p.AccountId } : {}) }));
    const world = compileWorld({ ...read.world, resourcePolicies: [...read.world.resourcePolicies, ...added] });
    for (const testCase of file.cases) {
      it(testCase.name, () => {
        const input = simulateInputToRequests(testCase.request);
        if (!input.ok) throw new Error(JSON.stringify(input.errors));
        const result = evaluate(world, input.requests[0]);
        expect(result.decision, result.summary).toBe(testCase.expected.decision);
        expect([...new Set(result.reasons)].sort()).toEqual([...testCase.expected.reasons].sort());
      });
    }
  });
}
