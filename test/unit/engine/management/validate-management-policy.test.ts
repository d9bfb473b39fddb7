// validateManagementPolicy against test/fixtures/management/validation/*.json, plus the size quotas, which are
// easier to state in code than as 10,000-character fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MANAGEMENT_POLICY_SIZE_QUOTAS, validateManagementPolicy } from '@/server/engine/management';
import type { ManagementPolicyType } from '@/server/engine/management';

interface ValidationCase {
  name: string;
  type: ManagementPolicyType;
  content: string | Record<string, unknown>;
  /** Exactly these error codes (as a set). */
  errors: string[];
  /** When given, exactly these warning codes (as a set). */
  warnings?: string[];
}

const dir = fileURLToPath(new URL('../../../fixtures/management/validation/', import.meta.url));
const files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
const codes = (findings: { code: string; severity: string }[], severity: 'error' | 'warning') =>
  [...new Set(findings.filter((finding) => finding.severity === severity).map((finding) => finding.code))].sort();

describe('validateManagementPolicy fixtures', () => {
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as { title: string; doc: string[]; cases: ValidationCase[] };
    describe(`${file}: ${fixture.title}`, () => {
      it('names the AWS pages that justify it', () => {
        for (const doc of fixture.doc) expect(doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      });
      for (const testCase of fixture.cases) {
        it(testCase.name, () => {
          const content = typeof testCase.content === 'string' ? testCase.content : JSON.stringify(testCase.content, null, 2);
          const findings = validateManagementPolicy(testCase.type, content);
          expect(codes(findings, 'error')).toEqual([...testCase.errors].sort());
          if (testCase.warnings) expect(codes(findings, 'warning')).toEqual([...testCase.warnings].sort());
          for (const finding of findings) {
            expect(finding.message.length).toBeGreaterThan(10);
            expect(finding.path.startsWith('$')).toBe(true);
          }
        });
      }
    });
  }
});

describe('management policy size quotas (orgs_reference_limits.html)', () => {
  /** A valid document of exactly `length` characters: the padding is whitespace, which the quota counts. */
  const documentOfLength = (type: ManagementPolicyType, length: number): string => {
    const body = {
      TAG_POLICY: '{"tags":{}}',
      BACKUP_POLICY: '{"plans":{}}',
      AISERVICES_OPT_OUT_POLICY: '{"services":{}}',
      S3_POLICY: '{"s3_attributes":{"public_access_block_configuration":"all"}}',
      DECLARATIVE_POLICY_EC2: '{"ec2_attributes":{}}',
    }[type];
    return body.slice(0, -1) + ' '.repeat(length - body.length) + '}';
  };

  for (const type of ['TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'S3_POLICY', 'DECLARATIVE_POLICY_EC2'] as const) {
    const quota = MANAGEMENT_POLICY_SIZE_QUOTAS[type];
    it(`${type}: ${quota} characters is accepted, one more is not, whitespace included`, () => {
      const atQuota = documentOfLength(type, quota);
      expect(atQuota.length).toBe(quota);
      expect(validateManagementPolicy(type, atQuota)).toEqual([]);
      const overQuota = documentOfLength(type, quota + 1);
      expect(codes(validateManagementPolicy(type, overQuota), 'error')).toEqual(['POLICY_CONTENT_LIMIT_EXCEEDED']);
    });
  }

  it('a caller can apply a different quota (AWS changes them) without code changes', () => {
    const document = documentOfLength('AISERVICES_OPT_OUT_POLICY', 3_000);
    expect(codes(validateManagementPolicy('AISERVICES_OPT_OUT_POLICY', document), 'error')).toEqual(['POLICY_CONTENT_LIMIT_EXCEEDED']);
    expect(validateManagementPolicy('AISERVICES_OPT_OUT_POLICY', document, { quotas: { AISERVICES_OPT_OUT_POLICY: 5_000 } })).toEqual([]);
  });

  it('the quotas are the numbers of the quotas page (S3 policies: the declarative policies\' figure, the page lists none)', () => {
    expect(MANAGEMENT_POLICY_SIZE_QUOTAS).toEqual({ TAG_POLICY: 10_000, BACKUP_POLICY: 10_000, AISERVICES_OPT_OUT_POLICY: 2_500, S3_POLICY: 10_000, DECLARATIVE_POLICY_EC2: 10_000 });
  });
});

describe('validateManagementPolicy input', () => {
  it('names an unknown policy type', () => {
    const findings = validateManagementPolicy('SERVICE_CONTROL_POLICY' as ManagementPolicyType, '{}');
    expect(findings).toHaveLength(1);
    expect(findings[0].code).toBe('InvalidInputException');
    expect(findings[0].message).toContain('SERVICE_CONTROL_POLICY');
  });

  it('reports the line and column of a JSON syntax error', () => {
    const [finding] = validateManagementPolicy('TAG_POLICY', '{\n  "tags": {,\n}');
    expect(finding.code).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(finding.message).toMatch(/line 2, column 12/);
  });
});
