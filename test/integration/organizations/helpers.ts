// Shared helpers of the Organizations integration tests: a fresh design per test and assertions on AWS errors.
import { expect } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { createDesign } from '../../../server/db/designs';
import { uniqueName } from '../../support/db-test-client';

/** A new design (organization, root with SCPs enabled, FullAWSAccess, management account) and its ids. */
export async function newDesign(db: PrismaClient, prefix = 'orgs') {
  const design = await createDesign(db, { name: uniqueName(prefix) });
  const org = await db.organization.findUniqueOrThrow({
    where: { designId: design.id },
    select: { managementAccountId: true, root: { select: { id: true, awsId: true } }, managementAccount: { select: { accountId: true } } },
  });
  return {
    designId: design.id,
    rootId: org.root!.id,
    rootAwsId: org.root!.awsId,
    managementRowId: org.managementAccountId!,
    managementAccountId: org.managementAccount!.accountId,
  };
}

/** Keeps the latest revision of a design across a test's edits. */
export class Revision {
  constructor(public value = 0) {}
  /** The base of the next edit; call `took` with its result. */
  base(designId: string) {
    return { designId, expectedRevision: this.value };
  }
  took<T extends { revision: number }>(result: T): T {
    this.value = result.revision;
    return result;
  }
}

/** Asserts that `promise` fails with AWS's exception name (and reason). */
export async function expectAwsError(promise: Promise<unknown>, awsCode: string, awsReason?: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${awsCode}${awsReason ? `/${awsReason}` : ''}`).toBeInstanceOf(Error);
  expect((error as { awsCode?: string }).awsCode).toBe(awsCode);
  if (awsReason) expect((error as { awsReason?: string }).awsReason).toBe(awsReason);
}
