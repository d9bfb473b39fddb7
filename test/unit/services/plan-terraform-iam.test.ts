// The migration plan's Terraform declares the design's IAM in the accounts that exist, and adopts what exists live
// with the import ids the AWS provider documents (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/
// iam_role#import: the role name; iam_policy#import: the policy ARN; iam_role_policy#import: ROLE_NAME:POLICY_NAME;
// iam_role_policy_attachment#import: ROLE_NAME/POLICY_ARN; iam_user_group_membership#import: USER/GROUP...; the same
// for users and groups). Outside the management account each resource and import block uses the account's provider
// alias, which assumes var.access_role there. Live: the sample bundle; design: test/fixtures/plan/redesigned-org.json
// (app-runtime gains an inline ReadQueue policy), plus a new role and a document with an IAM policy variable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAwsBundle } from '@/server/engine';
import type { InterchangeDesign } from '@/server/engine/aws/bundle/model';
import { renderPlan } from '@/server/services/plan/render-plan';

function bundle(path: string): InterchangeDesign {
  const read = readAwsBundle(JSON.parse(readFileSync(resolve(__dirname, '../../fixtures', path), 'utf8')));
  if (!read.ok) throw new Error(read.problems[0].message);
  return read.design;
}

type Terraform = {
  '//': string;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  import: { to: string; id: string; provider?: string }[];
  provider?: { aws: { alias: string; assume_role: { role_arn: string }[] }[] };
  variable?: { access_role: { default: string } };
};

const PROD = '100000000005';
// The AWS provider as a local filesystem mirror (no registry is reachable here): where it exists, the plan's Terraform
// is checked by `terraform validate` against the provider's own schema.
const PROVIDER_MIRROR = '/opt/tf-plugins';
const terraformAvailable = existsSync(join(PROVIDER_MIRROR, 'registry.terraform.io/hashicorp/aws')) && spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
const DEV = '100000000006';

describe('plan Terraform: IAM', () => {
  const live = bundle('bundles/sample-org.json');
  const design = bundle('plan/redesigned-org.json');
  design.iam[DEV].roles.push({
    name: 'Deployer', path: '/ci/', roleId: null, createDate: null, instanceProfiles: [], lastUsed: { lastUsedDate: null, region: null }, maxSessionDuration: 7200,
    trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'sts:AssumeRole' }] }),
    attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], permissionsBoundaryArn: null, tags: [{ key: 'team', value: 'platform' }],
    inlinePolicies: [{ name: 'OwnBucket', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::builds/${aws:PrincipalTag/team}/*' }] }) }],
  });
  const rendered = renderPlan(live, design, { from: 'live', to: 'redesign' }, 'eu-west-1');
  const terraform = JSON.parse(rendered.terraform) as Terraform;
  const role = (name: string) => terraform.resource.aws_iam_role[name];

  it('declares each account\'s roles, inline policies and attachments through its own provider', () => {
    expect(terraform.variable?.access_role.default).toBe('OrganizationAccountAccessRole');
    expect(terraform.provider?.aws).toContainEqual(expect.objectContaining({ alias: `account_${PROD}`, assume_role: [expect.objectContaining({ role_arn: `arn:aws:iam::${PROD}:role/\${var.access_role}` })] }));
    // The management account uses the default provider: no alias for it.
    expect(terraform.provider?.aws.some((entry) => entry.alias === 'account_100000000001')).toBe(false);
    expect(role(`role_${PROD}_app-runtime`)).toMatchObject({ name: 'app-runtime', path: '/app/', provider: `aws.account_${PROD}` });
    expect(JSON.parse(role(`role_${PROD}_app-runtime`).assume_role_policy as string)).toEqual(JSON.parse(live.iam[PROD].roles.find((entry) => entry.name === 'app-runtime')!.trustPolicy));
    expect(terraform.resource.aws_iam_role_policy[`role_policy_${PROD}_app-runtime_ReadQueue`]).toMatchObject({ role: `\${aws_iam_role.role_${PROD}_app-runtime.name}`, name: 'ReadQueue', provider: `aws.account_${PROD}` });
    // The customer managed policy is declared, and the attachment refers to it.
    const policy = Object.entries(terraform.resource.aws_iam_policy).find(([, body]) => body.name === 'PaymentsAppAccess')!;
    expect(policy[1].provider).toBe(`aws.account_${PROD}`);
    expect(Object.values(terraform.resource.aws_iam_role_policy_attachment)).toContainEqual(expect.objectContaining({ role: `\${aws_iam_role.role_${PROD}_app-runtime.name}`, policy_arn: `\${aws_iam_policy.${policy[0]}.arn}` }));
    // Service-linked roles are AWS's.
    expect(Object.values(terraform.resource.aws_iam_role).some((body) => body.name === 'AWSServiceRoleForSupport')).toBe(false);
    // An IAM policy variable stays a literal for Terraform ($${ escapes ${).
    expect(terraform.resource.aws_iam_role_policy[`role_policy_${DEV}_Deployer_OwnBucket`].policy).toContain('$${aws:PrincipalTag/team}');
    // The management account's user, its group and the membership, on the default provider.
    expect(terraform.resource.aws_iam_user['user_100000000001_platform-admin']).toEqual({ name: 'platform-admin', path: '/', tags: { team: 'platform' } });
    expect(terraform.resource.aws_iam_user_group_membership['membership_100000000001_platform-admin']).toEqual({ user: '${aws_iam_user.user_100000000001_platform-admin.name}', groups: ['${aws_iam_group.group_100000000001_platform.name}'] });
  });

  it('imports what exists live with the provider\'s ids, and nothing that is new', () => {
    const imports = (to: string) => terraform.import.filter((entry) => entry.to === to);
    expect(imports(`aws_iam_role.role_${PROD}_app-runtime`)).toEqual([{ to: `aws_iam_role.role_${PROD}_app-runtime`, id: 'app-runtime', provider: `aws.account_${PROD}` }]);
    expect(imports(`aws_iam_role_policy.role_policy_${PROD}_app-runtime_WriteLogs`)).toEqual([{ to: `aws_iam_role_policy.role_policy_${PROD}_app-runtime_WriteLogs`, id: 'app-runtime:WriteLogs', provider: `aws.account_${PROD}` }]);
    expect(terraform.import).toContainEqual({ to: expect.stringMatching(/^aws_iam_role_policy_attachment\./), id: `app-runtime/arn:aws:iam::${PROD}:policy/PaymentsAppAccess`, provider: `aws.account_${PROD}` });
    expect(terraform.import).toContainEqual({ to: expect.stringMatching(/^aws_iam_policy\./), id: `arn:aws:iam::${PROD}:policy/PaymentsAppAccess`, provider: `aws.account_${PROD}` });
    expect(terraform.import).toContainEqual({ to: 'aws_iam_user_group_membership.membership_100000000001_platform-admin', id: 'platform-admin/platform' });
    expect(terraform.import).toContainEqual({ to: 'aws_iam_user.user_100000000001_platform-admin', id: 'platform-admin' });
    // New in the design: declared, not imported.
    expect(imports(`aws_iam_role_policy.role_policy_${PROD}_app-runtime_ReadQueue`)).toEqual([]);
    expect(role(`role_${DEV}_Deployer`)).toMatchObject({ name: 'Deployer', path: '/ci/', max_session_duration: 7200, tags: { team: 'platform' }, provider: `aws.account_${DEV}` });
    expect(terraform.import.some((entry) => entry.to.includes('Deployer'))).toBe(false);
    // The outside auditor account is not the organization's: nothing of it is declared.
    expect(Object.values(terraform.resource.aws_iam_role).some((body) => body.name === 'auditor')).toBe(false);
    expect(terraform['//']).toMatch(/IAM is declared per account/);
    expect(terraform['//']).not.toMatch(/IAM and account-name steps are not part of this file/);
  });

  it('leaves the IAM of an account the plan creates to the script, and says so', () => {
    const withNew: InterchangeDesign = structuredClone(design);
    withNew.accounts.push({ accountId: '100000000099', name: 'analytics', email: 'analytics@example.com', joinedMethod: 'CREATED', status: 'ACTIVE', joinedAt: null, parentId: 'ou-lz7a-prod0001', tags: [] });
    withNew.iam['100000000099'] = { users: [], groups: [], roles: [{ ...design.iam[DEV].roles.find((entry) => entry.name === 'Deployer')! }] };
    const planned = JSON.parse(renderPlan(live, withNew, { from: 'live', to: 'with new' }).terraform) as Terraform;
    expect(Object.values(planned.resource.aws_iam_role).filter((body) => body.name === 'Deployer')).toHaveLength(1);
    expect(planned['//']).toMatch(/IAM of the accounts the plan creates \(100000000099\) is not declared/);
  });

  it.skipIf(!terraformAvailable)('is valid Terraform for the AWS provider (terraform validate, import blocks with providers)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lzsim-plan-tf-'));
    try {
      const rc = join(dir, 'terraformrc');
      writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${PROVIDER_MIRROR}"\n  }\n}\n`);
      writeFileSync(join(dir, 'main.tf.json'), rendered.terraform);
      const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
      const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
      expect(init.status, init.stderr || init.stdout).toBe(0);
      const validate = spawnSync('terraform', ['validate', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
      expect(validate.status, validate.stderr || validate.stdout).toBe(0);
      expect(validate.stdout).toMatch(/The configuration is valid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
