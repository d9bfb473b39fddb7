// VPC endpoints in a real browser: the account panel lists the account's endpoints (read-only, from the import) with
// their policies, and the effective view's request form offers them for aws:SourceVpce. A kms:ListKeys request through
// an endpoint whose policy allows only kms:DescribeKey is refused for every account, and the trace names the endpoint
// (AWS PrivateLink Guide, vpc-endpoints-access.html: a request through an endpoint must also be allowed by its policy).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sampleOrgBundle } from '../support/sample-org-bundle';
import { importBundleDesign } from './effective-scenario';
import { showWholeTree } from './editor-helpers';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const NETWORK = '100000000004';
const KMS_ENDPOINT = 'vpce-0a1b2c3d4e5f60004';
const S3_ENDPOINT = 'vpce-0a1b2c3d4e5f60001';

describe.skipIf(!chromiumPath)('VPC endpoints of an account', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const bundle = sampleOrgBundle();
    const describeOnly = { Version: '2012-10-17', Statement: [{ Sid: 'DescribeOnly', Effect: 'Allow', Principal: '*', Action: 'kms:DescribeKey', Resource: '*' }] };
    bundle.VpcEndpoints = {
      [NETWORK]: {
        VpcEndpoints: [
          { VpcEndpointId: S3_ENDPOINT, VpcEndpointType: 'Gateway', VpcId: 'vpc-0a1b2c3d4e5f60001', ServiceName: 'com.amazonaws.eu-west-1.s3', OwnerId: NETWORK },
          { VpcEndpointId: KMS_ENDPOINT, VpcEndpointType: 'Interface', VpcId: 'vpc-0a1b2c3d4e5f60001', ServiceName: 'com.amazonaws.eu-west-1.kms', OwnerId: NETWORK, PolicyDocument: JSON.stringify(describeOnly) },
        ],
      },
    };
    designId = await importBundleDesign(baseUrl, bundle, 'e2e vpce');
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it('lists the account\'s endpoints with their service, VPC and policy on the account panel', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}?account=${NETWORK}`, { waitUntil: 'load' });
    const section = page.getByRole('complementary', { name: 'Inspector' }).getByRole('region', { name: 'VPC endpoints' });
    await section.waitFor({ timeout: 30_000 });
    const endpoints = section.getByTestId('vpc-endpoint');
    expect(await endpoints.count()).toBe(2);
    const kms = endpoints.filter({ hasText: KMS_ENDPOINT });
    expect(await kms.innerText()).toMatch(/Interface · com\.amazonaws\.eu-west-1\.kms · vpc-0a1b2c3d4e5f60001/);
    await kms.locator('summary').click();
    expect(await kms.getByLabel(`Endpoint policy of ${KMS_ENDPOINT}`).innerText()).toContain('"kms:DescribeKey"');
    const s3 = endpoints.filter({ hasText: S3_ENDPOINT });
    await s3.locator('summary').click();
    expect(await s3.innerText()).toMatch(/No endpoint policy: AWS's default policy allows full access/);
    await section.screenshot({ path: join(screenshotDir, 'vpc-endpoints-panel.png') });
  });

  it('offers the design\'s endpoints for aws:SourceVpce, and a request through one its policy does not allow is refused', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await showWholeTree(page);
    await page.getByRole('radio', { name: 'Effective' }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('root');
    await bar.getByRole('combobox', { name: 'Action' }).fill('kms:ListKeys');
    await bar.getByRole('combobox', { name: 'Add context entry' }).selectOption('VPC endpoint');
    const value = bar.getByRole('combobox', { name: 'Value of aws:SourceVpce' });
    // The design's endpoints, each labelled with the service it reaches.
    const listId = await value.getAttribute('list');
    expect(listId).toBeTruthy();
    await expect.poll(() => page.locator(`datalist#${listId} option`).evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual([S3_ENDPOINT, KMS_ENDPOINT]);
    await value.fill(KMS_ENDPOINT);
    // The workload OU's region guard reads aws:RequestedRegion: supplied, so the answer does not depend on it.
    await bar.getByRole('combobox', { name: 'Add context entry' }).selectOption('Region');
    await bar.getByRole('textbox', { name: 'Value of aws:RequestedRegion' }).fill('eu-west-1');
    await bar.getByRole('button', { name: 'Run' }).click();

    const card = page.locator('.react-flow__node').filter({ hasText: 'payments-prod' });
    await expect.poll(() => card.innerText(), { timeout: 30_000 }).toMatch(/Implicit deny/);
    await card.click();
    const trace = page.getByRole('region', { name: 'Trace of payments-prod' });
    await expect.poll(() => trace.innerText(), { timeout: 15_000 }).toContain(`the VPC endpoint ${KMS_ENDPOINT} policy does not allow kms:ListKeys`);
    expect(await trace.innerText()).toContain('VPC endpoint policy');
    await page.screenshot({ path: join(screenshotDir, 'vpc-endpoints-trace.png') });
  });
});
