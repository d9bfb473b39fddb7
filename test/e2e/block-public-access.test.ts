// An account's S3 Block Public Access in the inspector, in a real browser: the account panel says what is blocked, the
// form puts the settings (s3control PutPublicAccessBlock), and the effective view's trace then cites
// RestrictPublicBuckets for another account's read of the account's public bucket (access-control-block-public-access.html).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUserAllowing, sampleOrgBundle } from '../support/sample-org-bundle';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const OWNER = '100000000005';
const READER = '100000000004';

describe.skipIf(!chromiumPath)('S3 Block Public Access of an account', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const bundle = sampleOrgBundle();
    addUserAllowing(bundle, READER, { name: 'reader', id: 'AIDAREADERUSERX7K2MZQ' }, ['s3:GetObject']);
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::payments-site/*' }] };
    bundle.ResourcePolicies.push({ ResourceArn: 'arn:aws:s3:::payments-site', AccountId: OWNER, Policy: JSON.stringify(policy) });
    const name = `e2e bpa ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    designId = (await apiClient(baseUrl).interchange.importBundle.mutate({ document: bundle, name })).designId;
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('puts all four settings from the account panel, and the trace then cites RestrictPublicBuckets', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const request = { principalArn: `arn:aws:iam::${READER}:user/reader`, action: 's3:GetObject', resource: 'arn:aws:s3:::payments-site/index.html', context: [] };
    expect((await api.simulation.simulate.query({ designId, request })).result.decision).toBe('allowed');

    await page.goto(`${baseUrl}/designs/${designId}?account=${OWNER}`, { waitUntil: 'load' });
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.innerText(), { timeout: 30_000 }).toMatch(/S3 public access\s+not blocked at the account/);
    await inspector.getByRole('button', { name: 'Change…' }).first().click();
    const form = inspector.getByRole('form', { name: 'S3 Block Public Access of the account' });
    // The form opens on "all on", the setting AWS recommends for every account.
    for (const name of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']) {
      expect(await form.getByRole('checkbox', { name: new RegExp(name) }).isChecked()).toBe(true);
    }
    await form.screenshot({ path: join(screenshotDir, 'block-public-access-form.png') });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => inspector.innerText(), { timeout: 15_000 }).toMatch(/S3 public access\s+all blocked/);
    await page.screenshot({ path: join(screenshotDir, 'block-public-access.png') });

    const answer = (await api.simulation.simulate.query({ designId, request })).result;
    expect(answer.decision).toBe('implicitDeny');
    expect(answer.trace.find((step) => step.rule?.id === 's3-restrict-public-buckets')?.note).toMatch(/bucket policy is public \(PublicRead \(statement 0\)\)/);
  });
});
