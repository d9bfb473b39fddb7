import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../server/db/client';
import { exportDesign, importBundle, readDesign } from '../../../server/services/interchange/interchange-service';
import type { InterchangeDesign } from '../../../server/db/import-export-model';
import { createTestDb, uniqueName } from '../../support/db-test-client';

// Structural checks of the IaC exports: every OU, account, policy and attachment of the design is declared (or,
// for what the tool cannot create, listed), and every reference resolves to a declared resource. Resource
// arguments follow the Terraform AWS provider's registry pages for aws_organizations_* and the CloudFormation
// resource reference for AWS::Organizations::OrganizationalUnit, Account and Policy.
const sample = JSON.parse(readFileSync(new URL('../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as unknown;

let db: PrismaClient;
let designId: string;
let design: InterchangeDesign;
beforeAll(async () => {
  db = createTestDb();
  designId = (await importBundle(db, sample, { name: uniqueName('iac') })).designId;
  design = (await readDesign(db, designId)).design;
});
afterAll(async () => {
  await db.$disconnect();
});

type Resources = Record<string, Record<string, Record<string, unknown>>>;

describe('Terraform JSON export', () => {
  it('declares every OU, created account, customer policy and attachment, and every reference resolves', async () => {
    const { document, fileName } = await exportDesign(db, designId, 'terraform');
    expect(fileName).toMatch(/\.tf\.json$/);
    const tf = JSON.parse(JSON.stringify(document)) as { resource: Resources; locals: { accounts_not_created: { account_id: string }[]; aws_managed_policies: { policy_id: string }[] } };
    const resources = tf.resource;
    const org = resources.aws_organizations_organization.this;
    expect(org).toMatchObject({ feature_set: 'ALL' });
    expect(org.enabled_policy_types).toEqual(expect.arrayContaining(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY']));

    // Resolve "${type.name.id}" and the root reference to an AWS id of the design.
    const awsIdOf = (reference: unknown): string => {
      expect(typeof reference).toBe('string');
      const text = reference as string;
      if (/^\d{12}$/.test(text) || /^p-/.test(text)) return text;
      if (text === '${aws_organizations_organization.this.roots[0].id}') return design.root!.awsId;
      const match = /^\$\{(aws_organizations_[a-z_]+)\.([A-Za-z0-9_-]+)\.id\}$/.exec(text);
      expect(match, `unresolvable reference ${text}`).not.toBeNull();
      const [, type, name] = match!;
      const target = resources[type]?.[name];
      expect(target, `${type}.${name} is not declared`).toBeDefined();
      if (type === 'aws_organizations_organizational_unit') return design.ous.find((ou) => ou.name === target.name && awsIdOf(target.parent_id) === ou.parentId)!.awsId;
      if (type === 'aws_organizations_account') return design.accounts.find((a) => a.email === target.email)!.accountId;
      if (type === 'aws_organizations_policy') return design.policies.find((p) => p.name === target.name && p.type === target.type)!.awsId;
      throw new Error(`unexpected reference type ${type}`);
    };

    const ous = Object.values(resources.aws_organizations_organizational_unit);
    expect(ous).toHaveLength(design.ous.length);
    for (const ou of design.ous) expect(ous.some((r) => r.name === ou.name && awsIdOf(r.parent_id) === ou.parentId)).toBe(true);

    const members = design.accounts.filter((a) => a.parentId !== null);
    const notCreated = new Set(tf.locals.accounts_not_created.map((a) => a.account_id));
    const accounts = Object.values(resources.aws_organizations_account ?? {});
    expect(accounts.length + notCreated.size).toBe(members.length);
    expect(notCreated.has(design.organization!.managementAccountId)).toBe(true);
    for (const account of members) {
      if (notCreated.has(account.accountId)) continue;
      expect(accounts.some((r) => r.name === account.name && r.email === account.email && awsIdOf(r.parent_id) === account.parentId)).toBe(true);
    }

    const customer = design.policies.filter((p) => !p.awsManaged);
    const policies = Object.values(resources.aws_organizations_policy);
    expect(policies).toHaveLength(customer.length);
    for (const policy of customer) expect(policies.some((r) => r.name === policy.name && r.type === policy.type && r.content === policy.content)).toBe(true);

    const attachments = Object.values(resources.aws_organizations_policy_attachment).map((r) => `${awsIdOf(r.policy_id)} ${awsIdOf(r.target_id)}`).sort();
    expect(attachments).toEqual(customer.flatMap((p) => p.targetIds.map((t) => `${p.awsId} ${t}`)).sort());
    expect(tf.locals.aws_managed_policies.map((p) => p.policy_id).sort()).toEqual(design.policies.filter((p) => p.awsManaged).map((p) => p.awsId).sort());
  });
});

describe('CloudFormation export', () => {
  it('declares every OU, created account and customer policy with its targets, and every Ref resolves', async () => {
    const { document } = await exportDesign(db, designId, 'cloudformation');
    const template = JSON.parse(JSON.stringify(document)) as {
      Parameters: Record<string, { Default: string }>;
      Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
      Metadata: { Lzsim: { AccountsNotCreated: { AccountId: string }[] } };
    };
    const resources = template.Resources;
    const awsIdOf = (value: unknown): string => {
      if (typeof value === 'string') return value;
      const ref = (value as { Ref?: string }).Ref;
      expect(ref).toBeDefined();
      if (template.Parameters[ref!]) return template.Parameters[ref!].Default;
      const resource = resources[ref!];
      expect(resource, `Ref ${ref} is not declared`).toBeDefined();
      if (resource.Type === 'AWS::Organizations::OrganizationalUnit') {
        return design.ous.find((ou) => ou.name === resource.Properties.Name && ou.parentId === awsIdOf(resource.Properties.ParentId))!.awsId;
      }
      if (resource.Type === 'AWS::Organizations::Account') return design.accounts.find((a) => a.email === resource.Properties.Email)!.accountId;
      throw new Error(`unexpected Ref to ${resource.Type}`);
    };
    const byType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

    expect(template.Parameters.RootId.Default).toBe(design.root!.awsId);
    const ous = byType('AWS::Organizations::OrganizationalUnit');
    expect(ous).toHaveLength(design.ous.length);
    for (const ou of design.ous) expect(ous.some((r) => r.Properties.Name === ou.name && awsIdOf(r.Properties.ParentId) === ou.parentId)).toBe(true);

    const notCreated = new Set(template.Metadata.Lzsim.AccountsNotCreated.map((a) => a.AccountId));
    const accounts = byType('AWS::Organizations::Account');
    const members = design.accounts.filter((a) => a.parentId !== null);
    expect(accounts.length + notCreated.size).toBe(members.length);
    for (const account of accounts) {
      const parents = account.Properties.ParentIds as unknown[];
      expect(parents).toHaveLength(1);
      const declared = design.accounts.find((a) => a.email === account.Properties.Email)!;
      expect(awsIdOf(parents[0])).toBe(declared.parentId);
      // Neither deleting the stack nor replacing the resource may close or remove the account:
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html
      expect(account.DeletionPolicy).toBe('Retain');
      expect(account.UpdateReplacePolicy).toBe('Retain');
    }

    const customer = design.policies.filter((p) => !p.awsManaged);
    const policies = byType('AWS::Organizations::Policy');
    expect(policies).toHaveLength(customer.length);
    for (const policy of customer) {
      const declared = policies.find((r) => r.Properties.Name === policy.name && r.Properties.Type === policy.type)!;
      expect(declared.Properties.Content).toEqual(JSON.parse(policy.content));
      expect((declared.Properties.TargetIds as unknown[]).map(awsIdOf).sort()).toEqual([...policy.targetIds].sort());
    }
    // Logical ids are alphanumeric, as CloudFormation requires.
    for (const id of Object.keys(resources)) expect(id).toMatch(/^[A-Za-z0-9]+$/);
  });
});

// Issue 14, hole 3: names, tags and policies written by a hostile or careless author must not become code.
describe('template injection in the IaC exports', () => {
  const hostile = JSON.parse(JSON.stringify(sample)) as {
    OrganizationalUnits: { Name: string; Tags?: { Key: string; Value: string }[] }[];
    Accounts: { Name: string }[];
    Policies: { PolicySummary: { Name: string; Description: string; AwsManaged: boolean }; Content: string }[];
  };
  hostile.OrganizationalUnits[0].Name = '${file("/etc/passwd")}';
  hostile.OrganizationalUnits[0].Tags = [{ Key: 'owner%{ if true }', Value: '${var.x}' }];
  hostile.OrganizationalUnits[1].Name = '%{ for x in ["a"] }${x}%{ endfor } $${already}';
  const customer = hostile.Policies.find((policy) => !policy.PolicySummary.AwsManaged)!;
  customer.PolicySummary.Description = 'Team ${aws:PrincipalTag/team}';
  customer.Content = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::data-${aws:PrincipalTag/team}/*',
      Condition: { StringNotEquals: { 'aws:ResourceTag/${aws:PrincipalTag/team}': '${aws:PrincipalTag/team}' } },
    }],
  });

  /** Reads a Terraform JSON string as Terraform would: the literal text, or null when it interpolates. */
  const terraformLiteral = (text: string): string | null => {
    let literal = '';
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
        literal += text[i] + '{';
        i += 2;
      } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
        return null;
      } else {
        literal += text[i];
      }
    }
    return literal;
  };

  it('Terraform: every name, tag, description and policy reads back literally; only our references interpolate', async () => {
    const { designId: id } = await importBundle(db, hostile, { name: uniqueName('iac hostile') });
    const source = (await readDesign(db, id)).design;
    const tf = JSON.parse(JSON.stringify((await exportDesign(db, id, 'terraform')).document)) as { resource: Resources; locals: unknown };

    const interpolating: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (typeof value === 'string') {
        if (terraformLiteral(value) === null && !/^\$\{aws_organizations_[a-z_]+\.[A-Za-z0-9_-]+\.(id|roots\[0\]\.id)\}$/.test(value)) interpolating.push(`${path}: ${value}`);
      } else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          if (terraformLiteral(key) === null) interpolating.push(`${path} key ${key}`);
          visit(item, `${path}.${key}`);
        }
      }
    };
    visit({ resource: tf.resource, locals: tf.locals }, '$');
    expect(interpolating).toEqual([]);

    const ous = Object.values(tf.resource.aws_organizations_organizational_unit);
    const decodedNames = ous.map((ou) => terraformLiteral(ou.name as string));
    for (const ou of source.ous) expect(decodedNames).toContain(ou.name);
    const withTags = ous.find((ou) => ou.tags)!;
    expect(Object.entries(withTags.tags as Record<string, string>).map(([k, v]) => [terraformLiteral(k), terraformLiteral(v)])).toEqual([['owner%{ if true }', '${var.x}']]);
    const policy = Object.values(tf.resource.aws_organizations_policy).find((p) => terraformLiteral(p.name as string) === customer.PolicySummary.Name)!;
    expect(terraformLiteral(policy.description as string)).toBe('Team ${aws:PrincipalTag/team}');
    expect(JSON.parse(terraformLiteral(policy.content as string)!)).toEqual(JSON.parse(customer.Content));
  });

  it('CloudFormation: refuses a design holding a dynamic reference, naming where, and exports it once removed', async () => {
    const withReference = JSON.parse(JSON.stringify(hostile)) as typeof hostile;
    withReference.Accounts[1].Name = 'Payments {{resolve:ssm:/org/secret-name}}';
    withReference.OrganizationalUnits[2].Tags = [{ Key: 'cost-center', Value: '{{resolve:secretsmanager:prod/db:SecretString:password}}' }];
    const { designId: id } = await importBundle(db, withReference, { name: uniqueName('iac cfn dynamic') });
    const error = await exportDesign(db, id, 'cloudformation').then(() => null, (caught: unknown) => caught as Error);
    expect(error).toMatchObject({ name: 'DomainError', kind: 'INVALID_INPUT' });
    expect(error!.message).toMatch(/\$\.Resources\.Account\d+\.Properties\.AccountName/);
    expect(error!.message).toMatch(/\$\.Resources\.Ou\w+\.Properties\.Tags\[0\]\.Value/);

    // Terraform has no dynamic references: "${" and "%{" escaped, "{{resolve:" is plain text there.
    const { designId: plainId } = await importBundle(db, hostile, { name: uniqueName('iac cfn plain') });
    const cfn = JSON.parse(JSON.stringify((await exportDesign(db, plainId, 'cloudformation')).document)) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    expect(Object.values(cfn.Resources).map((r) => r.Properties.Name)).toContain('${file("/etc/passwd")}');
  });
});
