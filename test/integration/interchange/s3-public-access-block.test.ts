// S3 Block Public Access settings through import, the stored design and export, on the real migrated test database:
// an account's settings (S3AccountPublicAccessBlocks, as `s3control get-public-access-block` prints them) and a bucket's
// own (PublicAccessBlockConfiguration on its ResourcePolicies entry), the decision they change
// (access-control-block-public-access.html: RestrictPublicBuckets blocks another account's access through a public
// bucket policy), the bundle and CLI folder exports, and the account panel.
import { afterAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { readCliFiles } from '@/server/services/interchange/read-cli-folder';
import { bundleToCliFiles } from '@/server/services/interchange/write-cli-folder';
import { createTestDb } from '../../support/db-test-client';
import { sampleOrgWithPublicBuckets, type SampleOrgBundle } from '../../support/sample-org-bundle';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(async () => {
  await db.$disconnect();
});

const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** The sample organization with two public buckets of member accounts and a reader in a third. */
function bundleWithPublicBuckets(): { bundle: SampleOrgBundle; owner: string; other: string; reader: string } {
  const built = sampleOrgWithPublicBuckets();
  const { bundle, owner } = built;
  bundle.ResourcePolicies.find((entry) => entry.ResourceArn === 'arn:aws:s3:::site-of-other')!.PublicAccessBlockConfiguration = { RestrictPublicBuckets: true };
  bundle.S3AccountPublicAccessBlocks = { [owner]: { PublicAccessBlockConfiguration: ALL_ON } };
  return built;
}

describe('S3 Block Public Access in a design', () => {
  it('imports account and bucket settings, decides with them, shows them, and exports them back', async () => {
    const { bundle, owner, other, reader } = bundleWithPublicBuckets();
    const { designId } = await api.interchange.importBundle({ document: bundle, name: `bpa ${Date.now()}` });
    const request = (bucket: string) => ({ principalArn: `arn:aws:iam::${reader}:user/reader`, action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/index.html`, context: [] });
    const blockedByAccount = (await api.simulation.simulate({ designId, request: request('site-of-owner') })).result;
    expect(blockedByAccount).toMatchObject({ decision: 'implicitDeny', reasons: ['service-rule-no-allow'] });
    expect(blockedByAccount.trace.find((step) => step.rule?.id === 's3-restrict-public-buckets')?.note).toMatch(new RegExp(`RestrictPublicBuckets is on \\(account ${owner}'s settings\\) and the bucket policy is public \\(PublicRead`));
    const blockedByBucket = (await api.simulation.simulate({ designId, request: request('site-of-other') })).result;
    expect(blockedByBucket.trace.find((step) => step.rule?.id === 's3-restrict-public-buckets')?.note).toMatch(/RestrictPublicBuckets is on \(the bucket's settings\)/);

    expect((await api.account.details({ designId, accountId: owner })).account.s3PublicAccessBlock).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    expect((await api.account.details({ designId, accountId: other })).account.s3PublicAccessBlock).toBeNull();

    const exported = JSON.parse((await api.interchange.export({ designId, format: 'bundle' })).content) as Record<string, unknown>;
    expect(exported.S3AccountPublicAccessBlocks).toEqual({ [owner]: { PublicAccessBlockConfiguration: ALL_ON } });
    expect((exported.ResourcePolicies as { ResourceArn: string }[]).find((entry) => entry.ResourceArn === 'arn:aws:s3:::site-of-other'))
      .toMatchObject({ PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true } });

    // A CLI folder: s3control/get-public-access-block/<account>.json, and the bucket's settings on its resource-policies.json entry.
    const files = bundleToCliFiles(exported);
    expect(JSON.parse(files[`s3control/get-public-access-block/${owner}.json`])).toEqual({ PublicAccessBlockConfiguration: ALL_ON });
    const read = readCliFiles(files);
    expect(read.design.accounts.find((account) => account.accountId === owner)?.s3PublicAccessBlock).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    expect(read.design.resourcePolicies.find((policy) => policy.resourceArn === 'arn:aws:s3:::site-of-other')?.publicAccessBlock?.restrictPublicBuckets).toBe(true);
  });

  it('refuses settings that are not booleans, and settings on a resource that is not a bucket', async () => {
    const { bundle, owner } = bundleWithPublicBuckets();
    bundle.S3AccountPublicAccessBlocks = { [owner]: { PublicAccessBlockConfiguration: { RestrictPublicBuckets: 'yes' } } };
    await expect(api.interchange.importBundle({ document: bundle, name: `bpa bad ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/S3AccountPublicAccessBlocks\["\d{12}"\]\.PublicAccessBlockConfiguration\.RestrictPublicBuckets: InvalidRequest: expected true or false/) });
    const second = bundleWithPublicBuckets().bundle;
    second.ResourcePolicies.push({
      ResourceArn: `arn:aws:sqs:us-east-1:${owner}:queue`, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: owner }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${owner}:queue` }] }),
      PublicAccessBlockConfiguration: ALL_ON,
    });
    await expect(api.interchange.importBundle({ document: second, name: `bpa bad ${Date.now()}` }))
      .rejects.toMatchObject({ message: expect.stringMatching(/only an S3 bucket has Block Public Access settings/) });
  });

  it('puts and deletes an account\'s settings (s3control PutPublicAccessBlock, DeletePublicAccessBlock) with history and undo', async () => {
    const { bundle, owner, reader } = bundleWithPublicBuckets();
    delete bundle.S3AccountPublicAccessBlocks;
    const { designId } = await api.interchange.importBundle({ document: bundle, name: `bpa edit ${Date.now()}` });
    const decision = async () => (await api.simulation.simulate({ designId, request: { principalArn: `arn:aws:iam::${reader}:user/reader`, action: 's3:GetObject', resource: 'arn:aws:s3:::site-of-owner/index.html', context: [] } })).result.decision;
    expect(await decision()).toBe('allowed');
    let revision = (await api.design.get({ designId })).revision;
    const allOn = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
    revision = (await api.account.putPublicAccessBlock({ designId, expectedRevision: revision, accountId: owner, configuration: allOn })).revision;
    expect(await decision()).toBe('implicitDeny');
    expect((await api.account.details({ designId, accountId: owner })).account.s3PublicAccessBlock).toEqual(allOn);
    const history = await api.history.revisions({ designId });
    expect(history.revisions.find((entry) => entry.revision === revision)).toMatchObject({ operation: 'putAccountPublicAccessBlock', summary: expect.stringMatching(/^Set the S3 Block Public Access of account /) });
    revision = (await api.history.undo({ designId, expectedRevision: revision })).revision;
    expect((await api.account.details({ designId, accountId: owner })).account.s3PublicAccessBlock).toBeNull();
    expect(await decision()).toBe('allowed');
    revision = (await api.account.putPublicAccessBlock({ designId, expectedRevision: revision, accountId: owner, configuration: { ...allOn, restrictPublicBuckets: false } })).revision;
    expect(await decision()).toBe('allowed');
    revision = (await api.account.putPublicAccessBlock({ designId, expectedRevision: revision, accountId: owner, configuration: null })).revision;
    expect((await api.account.details({ designId, accountId: owner })).account.s3PublicAccessBlock).toBeNull();
    await expect(api.account.putPublicAccessBlock({ designId, expectedRevision: revision, accountId: '999999999999', configuration: allOn }))
      .rejects.toMatchObject({ cause: { awsCode: 'AccountNotFoundException' } });
    expect((await api.design.get({ designId })).revision).toBe(revision);
  });
});
