// Organization-level S3 Block Public Access (Amazon S3 policies) in the evaluation: the trace names the S3 policy that
// turned RestrictPublicBuckets on, the policy type must be enabled with all features, and a detached policy gives the
// account its own settings back (orgs_manage_policies_s3.html). The decisions themselves are in the engine fixture
// test/fixtures/engine/s3-organization-policies.json.
import { describe, expect, it } from 'vitest';
import { bundleToWorld, compileWorld, evaluate, simulateInputToRequests, type World } from '@/server/engine';
import { loadFixtureFiles } from '@/test/fixtures/engine/load-fixtures';

const file = loadFixtureFiles().find((fixture) => fixture.file === 's3-organization-policies.json')!;

function world(): World {
  const read = bundleToWorld(file.bundle);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.world;
}

/** dev-reader (444444444444) reads an object of prod-app's (333333333333) public bucket. */
function readProdBucket(target: World) {
  const input = simulateInputToRequests({
    ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::org-bpa-prod-333/data/file.csv'], PolicySourceArn: 'arn:aws:iam::444444444444:user/dev-reader',
  });
  if (!input.ok) throw new Error(JSON.stringify(input.errors));
  return evaluate(compileWorld(target), input.requests[0]);
}

describe('organization-level S3 Block Public Access', () => {
  it('reads the S3 policies of the bundle while the type is enabled on the root', () => {
    expect(world().s3Policies?.policies.map((policy) => policy.id).sort()).toEqual(['p-s3blockall', 'p-s3devopen']);
  });

  it('names the S3 policy and where it is attached in the trace of the refusal', () => {
    const result = readProdBucket(world());
    expect(result.decision).toBe('implicitDeny');
    const notes = result.trace.map((layer) => layer.note ?? '').join('\n');
    expect(notes).toContain("RestrictPublicBuckets is on (the organization's S3 policy Block public access everywhere (p-s3blockall) attached to Root, in place of account 333333333333's own settings)");
    expect(result.summary).toContain("refuses it: RestrictPublicBuckets is on (the organization's S3 policy Block public access everywhere (p-s3blockall)");
  });

  it('does nothing while the organization has only consolidated billing (policies need all features)', () => {
    const base = world();
    expect(readProdBucket({ ...base, organization: { ...base.organization!, featureSet: 'CONSOLIDATED_BILLING' } }).decision).toBe('allowed');
  });

  it('gives the account its own settings back when no S3 policy is attached', () => {
    const base = world();
    const detached: World = { ...base, s3Policies: { ...base.s3Policies!, attachments: [] } };
    expect(readProdBucket(detached).decision).toBe('allowed');
  });

  it('keeps the account\'s own settings when the S3 policies merge into an invalid document', () => {
    const base = world();
    const broken: World = {
      ...base,
      s3Policies: { ...base.s3Policies!, policies: base.s3Policies!.policies.map((policy) => (policy.id === 'p-s3blockall' ? { ...policy, document: '{"s3_attributes":{"public_access_block_configuration":{"@@assign":"some"}}}' } : policy)) },
    };
    expect(readProdBucket(broken).decision).toBe('allowed');
  });
});
