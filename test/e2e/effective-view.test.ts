// The effective-permission view in a real browser: an SCP attached to an OU denies s3:DeleteBucket; running the
// request colours the account below it "explicit deny", the trace names the SCP, the level that stopped the
// request and highlights the deciding statement; the SCP matrix shows the same denial per action; a request that a
// documented service rule decides shows the rule and its AWS page in the trace; a session tag entered in the bar
// changes the decision of an SCP on aws:PrincipalTag, and the trace shows the tag.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, createDenyScenario, DENY_SCP, type DenyScenario } from './effective-scenario';
import { chromiumPath, openBrowser, screenshotDir, type BrowserSession } from './support/browser';
import { showWholeTree } from './editor-helpers';

describe.skipIf(!chromiumPath)('effective-permission view', () => {
  let browser: BrowserSession;
  let baseUrl: string;
  let scenario: DenyScenario;

  beforeAll(async () => {
    baseUrl = inject('e2eBaseUrl');
    scenario = await createDenyScenario(baseUrl, 'e2e effective');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const card = (name: string) => browser.page.locator('.react-flow__node').filter({ hasText: name });

  /** Opens the scenario's design in the effective view, every card drawn; returns the request bar. */
  async function openEffectiveView() {
    const { page } = browser;
    await page.goto(`${baseUrl}/designs/${scenario.designId}`, { waitUntil: 'load' });
    // Only cards in view are drawn, and the tree is wider than the pane at a readable zoom: show it all.
    await showWholeTree(page);
    await card(scenario.deniedAccount).waitFor();
    await page.getByRole('radio', { name: 'Effective' }).click();
    return page.getByRole('region', { name: 'Effective permission request' });
  }

  it('colours the account under the denying SCP as explicit deny and the others as allowed', async () => {
    const { page } = browser;
    const bar = await openEffectiveView();
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('root');
    const action = bar.getByRole('combobox', { name: 'Action' });
    await action.fill('s3:DeleteBu');
    // The catalogue completes the action.
    await page.getByRole('option', { name: /s3:DeleteBucket\b/ }).first().click();
    await expect.poll(() => action.inputValue()).toBe('s3:DeleteBucket');
    await bar.getByRole('button', { name: 'Run' }).click();

    const result = page.getByRole('status', { name: 'Effective permission result' });
    await result.waitFor();
    await expect.poll(() => card(scenario.deniedAccount).innerText()).toMatch(/Explicit deny/);
    await expect.poll(() => card(scenario.openAccount).innerText()).toMatch(/Allowed/);
    // The management account: SCPs never restrict it.
    await expect.poll(() => card(scenario.managementAccount).innerText()).toMatch(/Allowed/);
    expect(await result.getByLabel('1 accounts').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'effective-view.png') });
  });

  it('opens the trace of the denied account: the SCP, the OU that stopped the request, the statement highlighted', async () => {
    const { page } = browser;
    await card(scenario.deniedAccount).click();
    const trace = page.getByRole('region', { name: `Trace of ${scenario.deniedAccount}` });
    await trace.waitFor();
    await expect.poll(() => trace.innerText()).toContain(DENY_SCP.name);
    const path = trace.getByRole('list', { name: 'SCP levels from the root to the account' });
    expect(await path.getByRole('listitem', { name: `${scenario.ouName} (ou): denies, stopped the request here` }).count()).toBe(1);
    const statement = trace.getByRole('button', { name: new RegExp(`${DENY_SCP.name} · Sid ${DENY_SCP.sid}`) });
    expect(await statement.getAttribute('aria-pressed')).toBe('true');
    const policy = trace.getByRole('figure', { name: `Policy ${DENY_SCP.name}, statement 2 highlighted` });
    await policy.waitFor();
    const highlighted = (await policy.locator('[data-highlighted]').allInnerTexts()).join('');
    expect(highlighted).toContain(DENY_SCP.sid);
    expect(highlighted).toContain(DENY_SCP.action);
    expect(highlighted).not.toContain('AllowReadTags');
    await page.screenshot({ path: join(screenshotDir, 'effective-trace.png') });
  });

  it('shows in the SCP matrix that the OU denies s3:DeleteBucket for the account', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'SCP matrix' }).click();
    const matrix = page.getByRole('region', { name: 'SCP action matrix' });
    const accountPicker = matrix.getByRole('combobox', { name: 'Account' });
    const value = await accountPicker.locator('option', { hasText: `${scenario.deniedAccount} ·` }).getAttribute('value');
    await accountPicker.selectOption(value!);
    await matrix.getByRole('searchbox', { name: 'Search services or actions' }).fill('s3:DeleteBucket');
    const row = matrix.getByRole('row').filter({ hasText: /^s3:DeleteBucket\b/ }).first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(new RegExp(`denied[\\s\\S]*Denied by ${DENY_SCP.name} \\(Sid ${DENY_SCP.sid}\\) at ${scenario.ouName} \\(ou\\)`));
    await page.screenshot({ path: join(screenshotDir, 'effective-matrix.png') });
    // A documented service rule in a matrix cell: GetCallerIdentity needs no permission, with the rule's page.
    await matrix.getByRole('searchbox', { name: 'Search services or actions' }).fill('sts:GetCallerIdentity');
    const ruleRow = matrix.getByRole('row').filter({ hasText: /^sts:GetCallerIdentity\b/ }).first();
    await ruleRow.waitFor();
    expect(await ruleRow.innerText()).toMatch(/allowed[\s\S]*Service rule: GetCallerIdentity needs no permission/);
    expect(await ruleRow.getByRole('link', { name: 'AWS: sts-get-caller-identity-no-permission' }).getAttribute('href')).toBe('https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html');
    await page.screenshot({ path: join(screenshotDir, 'effective-matrix-rule.png') });
  });

  it('names the documented service rule in the trace: sts:GetCallerIdentity needs no permission', async () => {
    const { page } = browser;
    const bar = await openEffectiveView();
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('root');
    const action = bar.getByRole('combobox', { name: 'Action' });
    await action.fill('sts:GetCallerIdentity');
    await action.press('Escape');
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => card(scenario.deniedAccount).innerText()).toMatch(/Allowed/);
    await card(scenario.deniedAccount).click();
    const trace = page.getByRole('region', { name: `Trace of ${scenario.deniedAccount}` });
    await expect.poll(() => trace.innerText()).toContain('Allowed by a documented service rule');
    const rule = trace.locator('[data-rule-id="sts-get-caller-identity-no-permission"]');
    await rule.waitFor();
    expect(await rule.innerText()).toContain('GetCallerIdentity needs no permission');
    expect(await rule.getByRole('link', { name: 'AWS documentation' }).getAttribute('href')).toBe('https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html');
    const step = rule.locator('xpath=ancestor::li[1]');
    expect(await step.innerText()).toMatch(/Service rule[\s\S]*allows/);
    expect(await step.getAttribute('aria-current'), 'the rule is the step the decision rests on').toBe('step');
    expect(await trace.innerText()).toContain('A documented service rule decided this request, not a policy statement.');
    await rule.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'effective-service-rule.png') });
  });

  // An AWS service as the caller (reference_policies_elements_principal.html#principal-services): no identity-based
  // policies and no SCPs (the OU's SCP is not in its way); a role's trust policy that names the service lets it in.
  it('offers the AWS services the design names as principals, and evaluates one: the trust policy decides, SCPs do not apply', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const tree = await api.org.tree.query({ designId: scenario.designId });
    const target = tree.accounts.find((account) => account.name === scenario.deniedAccount)!;
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const { revision } = await api.design.get.query({ designId: scenario.designId });
    await api.iam.createRole.mutate({ designId: scenario.designId, expectedRevision: revision, accountId: target.accountId, roleName: 'lambda-exec', path: '/', maxSessionDuration: 3600, assumeRolePolicyDocument: trust });
    const bar = await openEffectiveView();
    await bar.getByRole('combobox', { name: 'Principal kind' }).selectOption('principal');
    const principal = bar.getByRole('combobox', { name: 'Principal', exact: true });
    await principal.fill('lambda');
    await page.getByRole('option', { name: /Service lambda\.amazonaws\.com/ }).click();
    await expect.poll(() => principal.inputValue()).toBe('lambda.amazonaws.com');
    const action = bar.getByRole('combobox', { name: 'Action' });
    await action.fill('sts:AssumeRole');
    await action.press('Escape');
    await bar.getByRole('textbox', { name: 'Resource ARN' }).fill('arn:aws:iam::${AccountId}:role/lambda-exec');
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => card(scenario.deniedAccount).innerText()).toMatch(/Allowed/);
    // The other account has no such role: nothing trusts Lambda there.
    await expect.poll(() => card(scenario.openAccount).innerText()).toMatch(/Implicit deny/);
    await card(scenario.deniedAccount).click();
    const trace = page.getByRole('region', { name: `Trace of ${scenario.deniedAccount}` });
    await expect.poll(() => trace.innerText()).toContain('lambda.amazonaws.com → sts:AssumeRole');
    expect(await trace.innerText()).toContain('AWS service principal: SCPs apply only to the IAM users and roles of member accounts');
    await page.screenshot({ path: join(screenshotDir, 'effective-service-principal.png') });
  });

  // Session tags override the role's tags as aws:PrincipalTag (id_session-tags.html): an SCP that denies everyone but
  // team "platform" denies the role, and allows the same role's session tagged team=platform.
  it('a session tag entered in the bar changes the decision, and the trace shows the tag', async () => {
    const { page } = browser;
    const api = apiClient(baseUrl);
    const tree = await api.org.tree.query({ designId: scenario.designId });
    const design = await api.design.get.query({ designId: scenario.designId });
    const ou = tree.orgUnits.find((candidate) => candidate.name === scenario.ouName)!;
    const content = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PlatformTeamOnly', Effect: 'Deny', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } }],
    });
    const created = await api.policy.create.mutate({ designId: scenario.designId, expectedRevision: design.revision, type: 'SERVICE_CONTROL_POLICY', name: 'PlatformTeamOnly', content }) as { revision: number; policy: { id: string } };
    await api.policy.attach.mutate({ designId: scenario.designId, expectedRevision: created.revision, policyId: created.policy.id, targetId: ou.id });

    const bar = await openEffectiveView();
    // The bar starts with the role OrganizationAccountAccessRole of each account.
    expect(await bar.getByRole('combobox', { name: 'Principal kind' }).inputValue()).toBe('role');
    const action = bar.getByRole('combobox', { name: 'Action' });
    await action.fill('s3:ListAllMyBuckets');
    await action.press('Escape');
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => card(scenario.deniedAccount).innerText()).toMatch(/Explicit deny/);

    await bar.getByRole('button', { name: 'Add session tag' }).click();
    await bar.getByRole('textbox', { name: 'Session tag key' }).fill('team');
    await bar.getByRole('textbox', { name: 'Session tag value of team' }).fill('platform');
    await bar.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => card(scenario.deniedAccount).innerText()).toMatch(/Allowed/);
    await card(scenario.deniedAccount).click();
    const trace = page.getByRole('region', { name: `Trace of ${scenario.deniedAccount}` });
    await expect.poll(() => trace.innerText()).toContain('aws:PrincipalTag: team=platform (session tag)');
    // The step cites the session-tag rule and its AWS page.
    const rule = trace.locator('[data-rule-id="sts-session-tags-override-role-tags"]');
    await rule.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'effective-session-tag.png') });
    expect(await rule.getByRole('link', { name: 'AWS documentation' }).getAttribute('href')).toBe('https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_know');
  });
});
