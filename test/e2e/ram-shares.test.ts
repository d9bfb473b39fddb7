// AWS RAM in a real browser, on a branch of the sample landing zone (Network shares subnets and a transit gateway
// with the Workloads OU, and a prefix list with an external partner, invitation pending): drag the Sandbox OU card onto
// a new subnet share in the Network account's RAM panel and see the accounts it reaches; run the effective view for
// ec2:RunInstances into that subnet from each account's OrganizationAccountAccessRole and see the share in the Sandbox
// account's trace; switch the share edges on and see the external share flagged, edge and card.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { branchSample, showWholeTree } from './editor-helpers';
import { apiClient } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';

const NETWORK = '724019385562';
const SUBNET = `arn:aws:ec2:eu-west-1:${NETWORK}:subnet/subnet-0e2e0ram5ha2ed01`;
const SHARE = 'sandbox-subnets';
/** The sample's transit gateway, shared with the Workloads OU (sample-landing-zone.ts). */
const TRANSIT_GATEWAY = `arn:aws:ec2:eu-west-1:${NETWORK}:transit-gateway/tgw-0c3d4e5f60718293a`;

describe.skipIf(!chromiumPath)('RAM shares', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let designId: string;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    ({ designId } = await branchSample(baseUrl, inject('e2eSampleDesignName'), 'e2e ram'));
    const api = apiClient(baseUrl);
    const revision = (await api.design.list.query()).find((design) => design.id === designId)!.revision;
    // A share with a subnet and no principal yet: the browser adds one by drag and drop.
    await api.ram.createResourceShare.mutate({ designId, expectedRevision: revision, ownerAccountId: NETWORK, name: SHARE, region: 'eu-west-1', resourceArns: [SUBNET] });
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const node = (ariaLabelStart: string) => browser.page.locator(`.react-flow__node[aria-label^="${ariaLabelStart}"]`);
  /** Fits the whole tree in view: cards off screen are not drawn (onlyRenderVisibleElements). */
  const fitView = async () => {
    // Fit view stops at a readable zoom: zoom out further until every card is drawn.
    await showWholeTree(browser.page);
  };

  it('shares the subnet with the Sandbox OU by dragging its card onto the share, and lists the accounts it reaches', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await node('Account Network').click();
    const share = page.locator(`[data-share-name="${SHARE}"]`);
    await share.waitFor({ timeout: 30_000 });
    await showWholeTree(page);
    await share.scrollIntoViewIfNeeded();

    const from = (await node('Organizational unit Sandbox').boundingBox())!;
    const to = (await share.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 40, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 10 });
    // Over the share: highlighted as a drop RAM accepts (sharing with AWS Organizations is on in the sample).
    await expect.poll(() => share.getAttribute('class')).toMatch(/is-drop-target/);
    await page.screenshot({ path: join(screenshotDir, 'ram-drag-ou-onto-share.png') });
    await page.mouse.up();

    await expect.poll(() => share.innerText(), { timeout: 30_000 }).toMatch(/ou-8f3d-s4ndb0x1 associated/);
    await expect.poll(() => share.getByTestId('ram-recipients').innerText()).toMatch(/Reaches: Sandbox \(948271635042\)/);
    await page.screenshot({ path: join(screenshotDir, 'ram-share-recipients.png') });
  });

  it('refuses dropping the owner on its own share, with RAM\'s reason, before sending anything', async () => {
    const { page } = browser;
    const share = page.locator(`[data-share-name="${SHARE}"]`);
    await fitView();
    await share.scrollIntoViewIfNeeded();
    const from = (await node('Account Network').boundingBox())!;
    const to = (await share.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 40, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 10 });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cannot drop here' }).innerText()).toMatch(/InvalidParameterException: Account 724019385562 owns the resource share/);
    expect(await share.getAttribute('class')).toMatch(/is-drop-refused/);
    await page.mouse.up();
  });

  it('runs ec2:RunInstances into the shared subnet from a workload role, and the trace names the share', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'Effective' }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Action' }).fill('ec2:RunInstances');
    await bar.getByRole('textbox', { name: 'Resource ARN' }).fill(SUBNET);
    await bar.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status', { name: 'Effective permission result' }).waitFor({ timeout: 60_000 });
    await fitView();
    await node('Account Sandbox').click();
    const trace = page.getByRole('region', { name: 'Trace of Sandbox' });
    await trace.waitFor({ timeout: 30_000 });
    await expect.poll(() => trace.innerText(), { timeout: 30_000 }).toContain(`RAM share "${SHARE}"`);
    expect(await trace.innerText()).toContain('AWSRAMDefaultPermissionSubnet');
    await page.screenshot({ path: join(screenshotDir, 'ram-effective-trace.png') });
    await page.getByRole('radio', { name: 'Design' }).click();
  });

  it('says in the trace where a default permission\'s actions come from when AWS does not publish them (transit gateway)', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'Effective' }).click();
    const bar = page.getByRole('region', { name: 'Effective permission request' });
    await bar.getByRole('combobox', { name: 'Action' }).fill('ec2:CreateTransitGatewayVpcAttachment');
    await bar.getByRole('textbox', { name: 'Resource ARN' }).fill(TRANSIT_GATEWAY);
    await bar.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('status', { name: 'Effective permission result' }).waitFor({ timeout: 60_000 });
    await fitView();
    await node('Account Web Prod').click();
    const trace = page.getByRole('region', { name: 'Trace of Web Prod' });
    await trace.waitFor({ timeout: 30_000 });
    await expect.poll(() => trace.innerText(), { timeout: 30_000 }).toContain('AWSRAMDefaultPermissionTransitGateway');
    const text = await trace.innerText();
    expect(text).toContain('actions inferred from the service\'s sharing page');
    expect(text).toContain('https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-share.html');
    // Long share ARNs and statement names wrap inside the panel: nothing but the scrolling policy source runs past
    // its content box (the layer cards used to be 17 px wider than the panel, their decision chips cut off).
    const overflowing = await trace.evaluate((panel) => {
      const edge = panel.getBoundingClientRect().right - parseFloat(getComputedStyle(panel).paddingRight);
      return [...panel.querySelectorAll('*')]
        .filter((element) => !element.closest('.policy-source__code') && element.getBoundingClientRect().right > edge + 1)
        .map((element) => `${element.tagName}.${element.className}: ${(element.textContent ?? '').slice(0, 40)}`);
    });
    expect(overflowing).toEqual([]);
    // The RAM statement sits in the resource layer, below the SCP path: bring it into view for the screenshot.
    await trace.getByText(/AWSRAMDefaultPermissionTransitGateway/).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'ram-trace-inferred-actions.png') });
    await page.getByRole('radio', { name: 'Design' }).click();
  });

  it('draws share edges on the graph and flags the external share, edge and card', async () => {
    const { page } = browser;
    await page.getByLabel('RAM share edges').check();
    await page.locator('.ram-edge').first().waitFor({ timeout: 60_000 });
    const external = page.locator('.ram-edge--external');
    await expect.poll(() => external.count()).toBe(1);
    expect(await external.getAttribute('aria-label')).toMatch(/partner-prefix-list .*external · invitation pending/);
    // The external account's card stands beside the tree: off screen at a readable zoom, so show everything.
    await fitView();
    await page.getByTestId('ram-external-node').waitFor();
    // The Sandbox OU now receives the new share: its edge is drawn too.
    await expect.poll(() => page.locator(`.react-flow__edge[aria-label*="RAM share ${SHARE} from Network"]`).count()).toBe(1);
    // And the owner's RAM panel marks the share as external.
    await fitView();
    await node('Account Network').click();
    await expect.poll(() => page.locator('[data-share-name="partner-prefix-list"]').getByTestId('ram-external').count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'ram-share-edges.png') });
  });

  it('places every share-edge label clear of every card and every other label, at 1440x900 and 1280x800', async () => {
    const { page } = browser;
    for (const [width, height] of [[1440, 900], [1280, 800]]) {
      await page.setViewportSize({ width, height });
      await fitView();
      await page.locator('.ram-edge .react-flow__edge-text').first().waitFor({ timeout: 30_000 });
      const boxes = async (selector: string) => (await page.locator(selector).evaluateAll((elements) => elements.map((element) => {
        const r = element.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, text: element.textContent ?? '' };
      }))).filter((box) => box.width > 0);
      const labels = await boxes('.ram-edge .react-flow__edge-textbg');
      const cards = await boxes('.react-flow__node');
      expect(labels.length).toBeGreaterThanOrEqual(3);
      const apart = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
        a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
      for (const label of labels) {
        for (const cardBox of cards) expect(apart(label, cardBox), `label at ${JSON.stringify(label)} on card ${JSON.stringify(cardBox)} (${width}x${height})`).toBe(true);
      }
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(apart(labels[i], labels[j]), `labels ${i} and ${j} overlap (${width}x${height})`).toBe(true);
      await page.screenshot({ path: join(screenshotDir, `ram-share-labels-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 120_000);

  /** The Network account's RAM panel at 1440x900, freshly loaded. */
  const networkPanel = async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${baseUrl}/designs/${designId}`, { waitUntil: 'load' });
    await showWholeTree(page);
    await node('Account Network').click();
    const share = page.locator(`[data-share-name="${SHARE}"]`);
    await share.waitFor({ timeout: 30_000 });
    return share;
  };

  it('previews creating a share (CreateResourceShare): the Sandbox role that may use the new subnet; Discard saves nothing', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const before = (await api.design.get.query({ designId })).revision;
    await networkPanel();
    await page.getByRole('button', { name: 'Create share' }).click();
    const form = page.getByRole('dialog', { name: 'Create resource share' });
    const subnet = SUBNET.replace('subnet-0e2e0ram5ha2ed01', 'subnet-0e2e0ram5ha2ed02');
    await form.getByLabel('Name', { exact: true }).fill('preview-subnets');
    await form.getByLabel('Resource ARNs').fill(subnet);
    await form.getByLabel('Principals', { exact: true }).fill('948271635042');
    await form.getByLabel(/^Region/).fill('eu-west-1');
    await form.getByRole('button', { name: 'Preview impact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create preview-subnets?' });
    const uses = dialog.getByRole('list', { name: 'Use of shared resources' });
    await uses.waitFor({ timeout: 120_000 });
    expect(await uses.innerText()).toMatch(new RegExp(`arn:aws:iam::948271635042:role/\\S+ may now use ${subnet.replaceAll('/', '\\/')}: .*ec2:RunInstances`));
    await page.screenshot({ path: join(screenshotDir, 'ram-create-preview.png') });
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await dialog.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await api.design.get.query({ designId })).revision).toBe(before);
    expect((await api.ram.overview.query({ designId })).shares.map((share) => share.name)).not.toContain('preview-subnets');
  }, 240_000);

  it('previews removing the Sandbox OU from the share (DisassociateResourceShare): the subnet and the role that loses it; Discard saves nothing, Apply saves it in the history', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const before = (await api.design.get.query({ designId })).revision;
    const share = await networkPanel();
    // The principal is the OU's ARN (arn:aws:organizations::…:ou/o-…/ou-8f3d-s4ndb0x1).
    const open = () => share.getByRole('button', { name: new RegExp(`^Preview removing \\S*ou-8f3d-s4ndb0x1 from ${SHARE}$`) }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^Remove \\S*ou-8f3d-s4ndb0x1 from ${SHARE}\\?$`) });
    const uses = dialog.getByRole('list', { name: 'Use of shared resources' });
    await open();
    await uses.waitFor({ timeout: 120_000 });
    // Sandbox (948271635042) reaches the subnet only through this share (the effective case above: ec2:RunInstances).
    // The sample's region guard allows eu-west-1, the subnet's Region, where the request goes.
    expect(await uses.innerText()).toMatch(new RegExp(`arn:aws:iam::948271635042:role/\\S+ may no longer use ${SUBNET.replaceAll('/', '\\/')}: .*ec2:RunInstances`));
    await page.screenshot({ path: join(screenshotDir, 'ram-disassociate-preview.png') });
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api.design.get.query({ designId })).revision).toBe(before);
    expect(await share.innerText()).toMatch(/ou-8f3d-s4ndb0x1 associated/);

    await open();
    await uses.waitFor({ timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => share.innerText(), { timeout: 30_000 }).not.toMatch(/ou-8f3d-s4ndb0x1/);
    const revisions = await api.history.revisions.query({ designId });
    expect(revisions.revisions.find((entry) => entry.revision === before + 1)?.operation).toBe('disassociateResourceShare');
  }, 240_000);
});
