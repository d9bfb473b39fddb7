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
