// lzsim plan in-process: from the sample bundle and from the sample's folder of AWS CLI outputs to the redesigned
// bundle (test/fixtures/plan/README.md), as text, JSON, a bash script and Terraform JSON; bad input names the file and
// the JSON path and exits 2.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../support/run-cli-in-process';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function run(args: string[], cwd = fixtures) {
  return runCliInProcess(args, cwd);
}

interface PlanJson {
  Steps: { Step: number; Api: string; Operation: string; Request: Record<string, unknown>; Impact?: { ChangedCells: number }; Widens: unknown[] }[];
  Matches: { Kind: string; Name: string; MatchedBy: string }[];
  Unplaced: unknown[];
  WideningSteps: number;
}

describe('lzsim plan', () => {
  it('plans from a bundle to a bundle, as JSON', async () => {
    const { code, stdout } = await run(['plan', '--from', 'bundles/sample-org.json', '--to', 'plan/redesigned-org.json', '--region', 'eu-west-1', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as PlanJson;
    expect(plan.Unplaced).toEqual([]);
    expect(plan.WideningSteps).toBe(0);
    const operations = plan.Steps.map((step) => step.Operation);
    expect(operations).toEqual(expect.arrayContaining(['CreatePolicy', 'CreateOrganizationalUnit', 'UpdateOrganizationalUnit', 'AttachPolicy', 'DetachPolicy', 'MoveAccount', 'UpdatePolicy', 'DeleteOrganizationalUnit', 'PutRolePolicy']));
    expect(plan.Matches).toContainEqual({ Kind: 'ou', Name: 'Workloads/Sandbox', DesignId: 'ou-lz7a-sandbox1', LiveId: 'ou-lz7a-sandbox1', MatchedBy: 'recreated' });
    expect(plan.Steps.find((step) => step.Operation === 'PutRolePolicy')).toMatchObject({ Api: 'iam', AccountId: '100000000005', Request: { RoleName: 'app-runtime', PolicyName: 'ReadQueue' } });
  });

  it('reads the live organization from a folder of AWS CLI outputs', async () => {
    const { code, stdout } = await run(['plan', '--from', 'aws-cli/sample-org', '--to', 'plan/redesigned-org.json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Plan from aws-cli\/sample-org to plan\/redesigned-org\.json: \d+ step\(s\)/);
    expect(stdout).toMatch(/organizations CreateOrganizationalUnit: Create OU Sandbox under Workloads \(replaces ou-lz7a-sandbox1: AWS cannot move an OU\)/);
    expect(stdout).toMatch(/impact: \d+ cell\(s\) flip/);
  });

  it('writes a bash script that bash parses, with documents in quoted here-documents and new ids in variables', async () => {
    const { code, stdout } = await run(['plan', '--from', 'bundles/sample-org.json', '--to', 'plan/redesigned-org.json', '--script']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(stdout).toMatch(/OU_\d+="\$\(aws organizations create-organizational-unit --parent-id 'ou-lz7a-workload' --name 'Sandbox' --query 'OrganizationalUnit\.Id' --output text\)"/);
    expect(stdout).toMatch(/aws organizations attach-policy --policy-id "\$POLICY_\d+" --target-id "\$OU_\d+"/);
    expect(stdout).toMatch(/cat > "\$WORK\/document-\d+\.json" <<'LZSIM_DOCUMENT'\n\{"Version":"2012-10-17","Statement":\[\{"Sid":"SandboxServices"/);
    expect(stdout).toMatch(/in_account '100000000005' aws iam put-role-policy --role-name 'app-runtime' --policy-name 'ReadQueue' --policy-document "file:\/\/\$WORK\/document-\d+\.json"/);
    const dir = await mkdtemp(join(tmpdir(), 'lzsim-plan-'));
    await writeFile(join(dir, 'plan.sh'), stdout);
    await expect(promisify(execFile)('bash', ['-n', join(dir, 'plan.sh')])).resolves.toBeDefined();
  });

  it('quotes names holding quotes and shell characters', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lzsim-plan-'));
    const bundle = JSON.parse(await readFile(join(fixtures, 'bundles/sample-org.json'), 'utf8')) as { OrganizationalUnits: { Name: string; Id: string }[] };
    bundle.OrganizationalUnits.find((ou) => ou.Id === 'ou-lz7a-sandbox1')!.Name = `Alice's $(rm -rf ~) "lab"`;
    await writeFile(join(dir, 'target.json'), JSON.stringify(bundle));
    const { code, stdout } = await run(['plan', '--from', join(fixtures, 'bundles/sample-org.json'), '--to', join(dir, 'target.json'), '--script']);
    expect(code).toBe(0);
    expect(stdout).toContain(`--name 'Alice'\\''s $(rm -rf ~) "lab"'`);
    await writeFile(join(dir, 'plan.sh'), stdout);
    await expect(promisify(execFile)('bash', ['-n', join(dir, 'plan.sh')])).resolves.toBeDefined();
  });

  it('writes Terraform with import blocks for what exists and the new OU as a resource', async () => {
    const { code, stdout } = await run(['plan', '--from', 'bundles/sample-org.json', '--to', 'plan/redesigned-org.json', '--terraform']);
    expect(code).toBe(0);
    const terraform = JSON.parse(stdout) as { import: { to: string; id: string }[]; resource: Record<string, Record<string, unknown>>; '//': string };
    expect(terraform.import).toContainEqual({ to: 'aws_organizations_organizational_unit.ou_lz7a-nonprod1', id: 'ou-lz7a-nonprod1' });
    expect(terraform.import).toContainEqual({ to: 'aws_organizations_policy.policy_r3g10nlk', id: 'p-r3g10nlk' });
    expect(terraform.import).toContainEqual({ to: 'aws_organizations_policy_attachment.policy_r3g10nlk__target_lz7a-workload', id: 'ou-lz7a-workload:p-r3g10nlk' });
    expect(terraform.import.some((entry) => entry.to.includes('staging01'))).toBe(false);
    expect(terraform.resource.aws_organizations_organizational_unit['ou_lz7a-staging01']).toMatchObject({ name: 'Staging' });
    expect(terraform['//']).toMatch(/AWS cannot move an OU: Workloads\/Sandbox/);
  });

  it('refuses bad input with one line naming the file and the JSON path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lzsim-plan-'));
    const bundle = JSON.parse(await readFile(join(fixtures, 'bundles/sample-org.json'), 'utf8')) as { Accounts: { ParentId: string }[] };
    bundle.Accounts[3].ParentId = 'ou-lz7a-nowhere1';
    await writeFile(join(dir, 'broken.json'), JSON.stringify(bundle));
    const broken = await run(['plan', '--from', join(dir, 'broken.json'), '--to', 'plan/redesigned-org.json']);
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(/broken\.json: \$\.Accounts\[3\]\.ParentId: ParentNotFoundException/);
    await writeFile(join(dir, 'not-json.json'), '{"Organization": ');
    const notJson = await run(['plan', '--from', join(dir, 'not-json.json'), '--to', 'plan/redesigned-org.json']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not-json\.json: not valid JSON/);
    expect((await run(['plan', '--to', 'plan/redesigned-org.json'])).code).toBe(2);
  });
});
