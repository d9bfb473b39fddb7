// Comparing two reads of a design (readDesign). Its top-level lists (accounts, OUs, policies, managed policies, IAM
// users, groups and roles, resource policies) come in the database's order, which no query fixes and to which AWS
// gives no meaning (list-accounts, list-policies and get-account-authorization-details promise no order): they are
// compared in the canonical order the exporter writes (sortDesign). What has an order in AWS is compared as it is:
// policy documents as text (IAM returns a document as it was stored, its statements in their order), a managed
// policy's versions in VersionId order (v1, v2, … as CreatePolicyVersion numbers them), OUs parents before children
// (no OU exists before its parent), tag lists as given.
import { expect } from 'vitest';
import { sortDesign, type InterchangeDesign } from '../../server/engine/aws/bundle';

/** Asserts that two reads hold the same design, whatever order the database returned their rows in. */
export function expectSameDesign(actual: InterchangeDesign, expected: InterchangeDesign): void {
  expect(sortDesign(actual)).toEqual(sortDesign(expected));
  for (const design of [actual, expected]) {
    for (const policy of design.managedPolicies) {
      const ids = policy.versions.map((version) => Number(version.versionId.slice(1)));
      expect(ids, `${policy.arn}: versions in VersionId order`).toEqual([...ids].sort((a, b) => a - b));
    }
  }
}
