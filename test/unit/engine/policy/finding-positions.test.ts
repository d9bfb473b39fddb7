// JSONPath → line/column for validator findings, so the policy editor can highlight the offending line.
import { describe, expect, it } from 'vitest';
import { validateManagementPolicy } from '@/server/engine/management';
import { locateFindings, parseJsonPath } from '@/server/engine/policy/finding-positions';
import { validatePolicy } from '@/server/engine/policy/validate';

describe('parseJsonPath', () => {
  it('splits dotted keys, indexes and bracketed keys with escapes', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.Statement[1].Condition.StringEquals')).toEqual([
      { key: 'Statement' }, { index: 1 }, { key: 'Condition' }, { key: 'StringEquals' },
    ]);
    expect(parseJsonPath("$.tags['cost:center'].tag_key")).toEqual([{ key: 'tags' }, { key: 'cost:center' }, { key: 'tag_key' }]);
    expect(parseJsonPath("$['it\\'s']")).toEqual([{ key: "it's" }]);
  });

  it('refuses text that is not a path', () => {
    expect(parseJsonPath('Statement')).toBeUndefined();
    expect(parseJsonPath('$[x]')).toBeUndefined();
    expect(parseJsonPath("$['open")).toBeUndefined();
  });
});

describe('locateFindings', () => {
  it('places an SCP finding on the line of the offending element', () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": "*", "Resource": "*" },',
      '    {',
      '      "Effect": "Deny",',
      '      "Principal": "*",',
      '      "Action": "s3:*",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const located = locateFindings(text, validatePolicy(text, 'SCP'));
    const principal = located.find((f) => f.path === '$.Statement[1].Principal');
    expect(principal, JSON.stringify(located)).toBeDefined();
    expect(principal).toMatchObject({ severity: 'error', line: 7, column: 7 });
  });

  it('places a missing element at the statement that lacks it', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Action": "*", "Resource": "*"}\n  ]\n}';
    const located = locateFindings(text, validatePolicy(text, 'SCP'));
    const missing = located.find((f) => f.code === 'MISSING_EFFECT');
    expect(missing, JSON.stringify(located)).toMatchObject({ line: 4, column: 5 });
  });

  it('places a JSON syntax error where the parser stopped', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow" "Action": "*"}\n  ]\n}';
    const located = locateFindings(text, validatePolicy(text, 'SCP'));
    expect(located[0]).toMatchObject({ code: 'MALFORMED_JSON', line: 4, column: 24 });
  });

  it('places management policy findings by their key', () => {
    const text = '{\n  "services": {\n    "default": {\n      "opt_out_policy": { "@@assign": "maybe" }\n    }\n  }\n}';
    const findings = validateManagementPolicy('AISERVICES_OPT_OUT_POLICY', text);
    expect(findings.length).toBeGreaterThan(0);
    const located = locateFindings(text, findings);
    expect(located.some((f) => f.line === 4), JSON.stringify(located)).toBe(true);
  });

  it('leaves a finding whose path is not in the text unplaced only when nothing of it exists', () => {
    const text = '[]';
    const located = locateFindings(text, [{ code: 'X', severity: 'error', message: 'm', path: 'not a path' }]);
    expect(located[0].line).toBeUndefined();
  });
});
