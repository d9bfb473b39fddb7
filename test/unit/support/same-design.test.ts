// expectSameDesign (test/support/same-design.ts), which the interchange round-trip tests use to compare two reads of
// a design: rows in another order are the same design; a policy's statements or versions in another order are not.
// Reads of the sample bundle (test/fixtures/bundles/sample-org.json) with rows permuted as a database may return them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAwsBundle, type InterchangeDesign } from '@/server/engine/aws/bundle';
import { expectSameDesign } from '../../support/same-design';

const read = readAwsBundle(JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')));
if (!read.ok) throw new Error(JSON.stringify(read.problems));
const design = read.design;

/** The design with every top-level list (and each account's IAM lists) in the opposite order. */
function rowsReversed(source: InterchangeDesign): InterchangeDesign {
  const copy = structuredClone(source);
  for (const key of ['ous', 'accounts', 'policies', 'managedPolicies', 'resourcePolicies', 'delegatedAdministrators'] as const) copy[key].reverse();
  for (const account of Object.values(copy.iam)) for (const list of [account.users, account.groups, account.roles]) list.reverse();
  return copy;
}

describe('expectSameDesign', () => {
  it('holds for the same rows in another order (the database promises none)', () => {
    const reordered = rowsReversed(design);
    expect(reordered.accounts).not.toEqual(design.accounts);
    expectSameDesign(reordered, design);
  });

  it('fails when a policy document\'s statements are reordered (IAM stores and returns the text as written)', () => {
    const changed = structuredClone(design);
    const policy = changed.policies.find((p) => (JSON.parse(p.content) as { Statement: unknown[] }).Statement.length > 1)!;
    const document = JSON.parse(policy.content) as { Statement: unknown[] };
    policy.content = JSON.stringify({ ...document, Statement: [...document.Statement].reverse() });
    expect(() => expectSameDesign(changed, design)).toThrow();
  });

  it('fails when a managed policy\'s versions are out of VersionId order', () => {
    const changed = structuredClone(design);
    const policy = changed.managedPolicies[0];
    policy.versions = [...policy.versions, { ...policy.versions[0], versionId: 'v9', isDefault: false }].reverse();
    expect(() => expectSameDesign(changed, changed)).toThrow(/VersionId order/);
  });
});
