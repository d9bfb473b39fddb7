// Customer managed RAM permissions in a real browser, on a branch of the sample landing zone: the Network account
// has a share of an IPAM pool (ec2:IpamPool accepts customer managed permissions: shareable.md @ awsdocs 01f545a);
// in its RAM panel the user creates a permission, adds a version (it becomes the default: API reference,
// CreatePermissionVersion), sets version 1 back as the default (SetDefaultPermissionVersion), chooses the permission
// for the share's ec2:IpamPool (AssociateResourceSharePermission, replace), and is refused deleting it while the share
// uses it (OperationNotPermittedException).
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { branchSample, showWholeTree } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const NETWORK = '724019385562';
const REGION = 'eu-west-1';
const POOL = `arn:aws:ec2:${REGION}:${NETWORK}:ipam-pool/ipam-pool-0e2e0ram5ha2ed0c1`;
const SHARE = 'workload-pools';
const NAME = 'IpamAllocateOnly';
const ALLOCATE = JSON.stringify({ Effect: 'Allow', Action: ['ec2:AllocateIpamPoolCidr', 'ec2:GetIpamPoolAllocations'] });
const READ_ONLY = JSON.stringify({ Effect: 'Allow', Action: ['ec2:GetIpamPoolAllocations'] });

/** Waits for a form dialog to close after its submit; when it stays open, fails with what it shows (AWS's error). */
async function closed(dialog: Locator): Promise<void> {
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  } catch {
    throw new Error(`The dialog stayed open: ${await dialog.innerText()}`);
  }
}

describe.skipIf(!chromiumPath)('RAM customer managed permissions', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    ({ designId } = await branchSample(baseUrl, inject('e2eSampleDesignName'), 'e2e ram permissions'));
    const api = apiClient(baseUrl);
    const revision = (await api.design.list.query()).find((design) => design.id === designId)!.revision;
    await api.ram.createResourceShare.mutate({ designId, expectedRevision: revision, ownerAccountId: NETWORK, name: SHARE, region: REGION, resourceArns: [POOL] });
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a permission, versions it, sets the default, uses it in a share and cannot delete it while used', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await showWholeTree(page);
    await page.locator('.react-flow__node[aria-label^="Account Network"]').click();
    const section = page.getByRole('group', { name: 'Customer managed permissions' });
    await section.waitFor({ timeout: 30_000 });

    await section.getByRole('button', { name: 'Create permission' }).click();
    let dialog = page.getByRole('dialog', { name: 'Create customer managed permission' });
    await dialog.getByLabel('Name').fill(NAME);
    await dialog.getByLabel('Resource type').fill('ec2:IpamPool');
    await dialog.getByLabel('Policy template (JSON)').fill(ALLOCATE);
    expect(await dialog.getByLabel(/^Region/).inputValue()).toBe(REGION);
    await dialog.getByRole('button', { name: 'Create permission' }).click();
    await closed(dialog);
    const permission = section.locator(`[data-permission-name="${NAME}"]`);
    await expect.poll(() => permission.innerText(), { timeout: 30_000 }).toMatch(/v1 \(default\): ec2:AllocateIpamPoolCidr, ec2:GetIpamPoolAllocations/);

    await permission.getByRole('button', { name: 'New version' }).click();
    dialog = page.getByRole('dialog', { name: `New version of ${NAME}` });
    await dialog.getByLabel('Policy template (JSON)').fill(READ_ONLY);
    await dialog.getByRole('button', { name: 'Create version' }).click();
    await closed(dialog);
    await expect.poll(() => permission.innerText(), { timeout: 30_000 }).toMatch(/v2 \(default\): ec2:GetIpamPoolAllocations/);

    await permission.getByRole('button', { name: 'Set default version' }).click();
    dialog = page.getByRole('dialog', { name: `Default version of ${NAME}` });
    await dialog.getByLabel('Version').fill('1');
    await dialog.getByRole('button', { name: 'Set default' }).click();
    await closed(dialog);
    await expect.poll(() => permission.innerText(), { timeout: 30_000 }).toMatch(/v1 \(default\)/);

    const share = page.locator(`[data-share-name="${SHARE}"]`);
    await share.getByRole('button', { name: 'Choose permission' }).click();
    dialog = page.getByRole('dialog', { name: `Permission of ${SHARE}` });
    const arn = `arn:aws:ram:${REGION}:${NETWORK}:permission/${NAME}`;
    // The dialog offers the owner's customer managed permission for the share's type.
    expect(await dialog.innerText()).toContain(`${arn} (ec2:IpamPool)`);
    await dialog.getByLabel('Permission ARN').fill(arn);
    await dialog.getByRole('button', { name: 'Use permission' }).click();
    await closed(dialog);
    await expect.poll(() => share.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`ec2:IpamPool · ${NAME} v1`));
    await expect.poll(() => permission.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`Used by ${SHARE} \\(v1\\)`));

    await permission.getByRole('button', { name: 'Delete permission' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'OperationNotPermittedException' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await permission.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'ram-customer-permissions.png') });
  }, 240_000);
});
