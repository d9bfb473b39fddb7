// EC2 policies (declarative policies for EC2) in a real browser: the type enabled on the quotas page, a policy written
// in the policy editor from its starter document (serial console access off) and attached to an account from the
// inspector; the account panel then shows the effective EC2 policy, and the simulator refuses the call that would
// change the attribute, naming the policy (orgs_manage_policies_ec2_syntax.html).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUserAllowing, sampleOrgBundle } from '../support/sample-org-bundle';
import { apiClient, importBundleDesign } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { enablePolicyTypeOnQuotasPage, openNewPolicyDialog } from './support/policy-types';

const ACCOUNT = '100000000005';

describe.skipIf(!chromiumPath)('EC2 policies', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    const bundle = sampleOrgBundle();
    addUserAllowing(bundle, ACCOUNT, { name: 'admin', id: 'AIDAEC2ADMINE2ETEST01' }, ['ec2:*']);
    designId = await importBundleDesign(baseUrl, bundle, 'e2e ec2');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('written in the editor and attached to an account, it shows in the account panel and the call that changes the attribute fails', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    // In a Region the sample's RegionRestriction SCP allows.
    const request = { principalArn: `arn:aws:iam::${ACCOUNT}:user/admin`, action: 'ec2:EnableSerialConsoleAccess', resource: '*', context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const }] };
    expect((await api.simulation.simulate.query({ designId, request })).result.decision).toBe('allowed');

    await enablePolicyTypeOnQuotasPage(page, baseUrl, designId, 'DECLARATIVE_POLICY_EC2', 'EC2 policies (declarative)');
    await page.goto(`${baseUrl}/designs/${designId}?account=${ACCOUNT}`, { waitUntil: 'load' });
    const dialog = await openNewPolicyDialog(page, 'DECLARATIVE_POLICY_EC2', 'EC2 policy');
    await dialog.getByLabel('Name').fill('NoSerialConsole');
    await dialog.getByText('No findings: AWS would accept this document.').waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Create policy' }).click();
    await dialog.waitFor({ state: 'detached' });

    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const picker = inspector.getByLabel(/^Policy to attach to /);
    await picker.waitFor({ timeout: 30_000 });
    await picker.selectOption({ label: 'NoSerialConsole' });
    await inspector.getByRole('button', { name: 'Attach', exact: true }).click();
    await inspector.getByRole('button', { name: /^Detach NoSerialConsole from / }).waitFor({ timeout: 15_000 });

    const effective = inspector.locator('.effective-card').filter({ hasText: 'EC2 policy' });
    await expect.poll(() => effective.innerText(), { timeout: 15_000 }).toMatch(/serial_console_access\.status\s*=\s*"disabled"\s*from NoSerialConsole/);
    await effective.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'ec2-policy-account-panel.png') });

    const answer = (await api.simulation.simulate.query({ designId, request })).result;
    expect(answer.decision).toBe('implicitDeny');
    expect(answer.trace.find((step) => step.rule?.id === 'ec2-policy-enforced-attribute')?.note)
      .toMatch(/the EC2 policy NoSerialConsole \(p-[0-9a-z]+\) attached to payments-prod sets EC2 Serial Console access \(serial_console_access\) for account 100000000005.*"This action is denied due to an organizational policy in effect"/);
  });
});
