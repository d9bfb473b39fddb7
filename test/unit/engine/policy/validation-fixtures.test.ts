// Walks test/fixtures/policies/validation/*.json: each case is a policy document of a kind and exactly the findings
// the validator must report (severity:CODE@path, in document order), justified by the AWS pages the file names.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getIamDataCatalog } from '@/server/catalog/iam-data-source';
import { validatePolicy } from '@/server/engine/policy/validate';
import type { PolicyKind } from '@/server/engine/types';

interface ValidationCase {
  name: string;
  kind: PolicyKind;
  document: Record<string, unknown>;
  expected: string[];
}

interface ValidationFixture {
  title: string;
  doc: string[];
  cases: ValidationCase[];
}

const dir = fileURLToPath(new URL('../../../fixtures/policies/validation/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
const catalog = getIamDataCatalog();

describe('policy validation fixtures', () => {
  it('finds fixture files', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    const fixture = JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as ValidationFixture;
    describe(`${file}: ${fixture.title}`, () => {
      it('names the AWS pages that justify it', () => {
        expect(fixture.doc.length).toBeGreaterThan(0);
        for (const url of fixture.doc) expect(url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      });
      it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
        const findings = validatePolicy(JSON.stringify(testCase.document, null, 2), testCase.kind, { catalog });
        expect(findings.map((f) => `${f.severity}:${f.code}@${f.path}`)).toEqual(testCase.expected);
      });
    });
  }
});
