// An account's S3 Block Public Access in the inspector, in a real browser: the account panel says what is blocked, the
// form puts the settings (s3control PutPublicAccessBlock), and the effective view's trace then cites
// RestrictPublicBuckets for another account's read of the account's public bucket (access-control-block-public-access.html).
// Then the organization takes over: S3 policies enabled on the quotas page, an Amazon S3 policy written in the policy
// editor and attached to the root set every account's settings in place of their own (orgs_manage_policies_s3.html).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUserAllowing, sampleOrgBundle } from '../support/sample-org-bundle';
import { apiClient, importBundleDesign } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { enablePolicyTypeOnQuotasPage, openNewPolicyDialog } from './support/policy-types';

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
    designId = await importBundleDesign(baseUrl, bundle, 'e2e bpa');
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

  it('an Amazon S3 policy on the root, written in the editor, sets the account\'s settings in place of its own; the panel says which', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    await enablePolicyTypeOnQuotasPage(page, baseUrl, designId, 'S3_POLICY', 'Amazon S3 policies');
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    const dialog = await openNewPolicyDialog(page, 'S3_POLICY', 'Amazon S3 policy');
    await dialog.getByLabel('Name').fill('PublicSitesOff');
    // The starter document is a valid S3 policy ("all"); a value S3 policies do not have is refused as the user types.
    const documentBox = dialog.getByRole('textbox', { name: 'Policy document (JSON)' });
    expect(JSON.parse(await documentBox.inputValue())).toEqual({ s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } });
    await documentBox.fill(JSON.stringify({ s3_attributes: { public_access_block_configuration: { '@@assign': 'some' } } }, null, 2));
    await expect.poll(() => dialog.locator('.finding--error').first().innerText(), { timeout: 15_000 }).toMatch(/takes one of "all", "none", not "some"/);
    await documentBox.fill(JSON.stringify({ s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } }, null, 2));
    await dialog.getByText('No findings: AWS would accept this document.').waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Create policy' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Attached to the root from the inspector.
    await page.locator('.react-flow__node').filter({ hasText: 'Root' }).first().click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const picker = inspector.getByLabel('Policy to attach to Root');
    await picker.waitFor({ timeout: 30_000 });
    await picker.selectOption({ label: 'PublicSitesOff' });
    await inspector.getByRole('button', { name: 'Attach', exact: true }).click();
    await inspector.getByRole('button', { name: 'Detach PublicSitesOff from Root' }).waitFor({ timeout: 15_000 });

    // The account's panel: the organization's value and where it comes from, and no form to change the account's own.
    await page.goto(`${baseUrl}/designs/${designId}?account=${OWNER}`, { waitUntil: 'load' });
    const managed = inspector.getByTestId('organization-block-public-access');
    await managed.waitFor({ timeout: 30_000 });
    expect(await managed.innerText()).toMatch(/all blocked by the organization's S3 policy\s+PublicSitesOff\s+\(attached to Root\)/);
    expect(await managed.innerText()).toMatch(/replaces the account's own settings \(all blocked\), which return if the policy is detached/);
    expect(await inspector.getByRole('button', { name: 'Change…' }).count()).toBe(0);
    const effective = inspector.locator('.effective-card').filter({ hasText: 'Amazon S3 policy' });
    expect(await effective.innerText()).toMatch(/public_access_block_configuration\s*=\s*"all"\s*from PublicSitesOff/);
    await managed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'block-public-access-organization.png') });

    // The trace of another account's read cites the organization's policy, not the account's own settings.
    const request = { principalArn: `arn:aws:iam::${READER}:user/reader`, action: 's3:GetObject', resource: 'arn:aws:s3:::payments-site/index.html', context: [] };
    const answer = (await api.simulation.simulate.query({ designId, request })).result;
    expect(answer.decision).toBe('implicitDeny');
    expect(answer.trace.find((step) => step.rule?.id === 's3-restrict-public-buckets')?.note).toMatch(/RestrictPublicBuckets is on \(the organization's S3 policy PublicSitesOff \(p-[0-9a-z]+\) attached to Root, in place of account 100000000005's own settings\)/);
  });
});
