// The roles IAM Identity Center creates from assignments, evaluated as any role. AWS pages:
// - https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html: the role is named
//   AWSReservedSSO_<permission set>_<unique suffix>, its ARN is .../role/aws-reserved/sso.amazonaws.com/<region>/...
//   with no Region when the instance is in us-east-1; deleting the last assignment deletes the role.
// - https://docs.aws.amazon.com/singlesignon/latest/userguide/howtocmp.html: a customer managed policy is referenced by
//   name and path and must exist in each account the permission set is provisioned to.
// - https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html: IAM's managed-policies-per-role quota (10)
//   applies to the role.
// - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
//   and https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html:
//   SCPs exempt roles with ArnNotLike on aws:PrincipalArn; the wildcard * spans "/" (so .../sso.amazonaws.com/* covers
//   Region segments).
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, provisionIdentityCenter, reservedRolePath } from '@/server/engine';
import { model, WORKLOAD, world } from './fixture';

describe('provisionIdentityCenter', () => {
  it('creates one role per (permission set, account) with AWS name, path, SAML trust, policies and session', () => {
    const { world: provisioned, provisioning } = provisionIdentityCenter(world('us-east-1'));
    const roles = provisioned.iam[WORKLOAD].roles;
    expect(roles).toHaveLength(2);
    const admin = roles.find((r) => r.name.startsWith('AWSReservedSSO_Admin_'))!;
    expect(admin.name).toMatch(/^AWSReservedSSO_Admin_[0-9a-f]{16}$/);
    expect(admin.path).toBe('/aws-reserved/sso.amazonaws.com/');
    expect(admin.arn).toBe(`arn:aws:iam::${WORKLOAD}:role/aws-reserved/sso.amazonaws.com/${admin.name}`);
    expect(admin.maxSessionDuration).toBe(4 * 3600);
    expect(admin.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    const trust = JSON.parse(admin.trustPolicy as string);
    expect(trust.Statement[0].Principal.Federated).toMatch(new RegExp(`^arn:aws:iam::${WORKLOAD}:saml-provider/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$`));
    expect(trust.Statement[0].Action).toEqual(['sts:AssumeRoleWithSAML', 'sts:TagSession']);
    const dev = roles.find((r) => r.name.startsWith('AWSReservedSSO_Developer_'))!;
    expect(dev.attachedPolicyArns).toEqual([`arn:aws:iam::${WORKLOAD}:policy/teams/DevBoundaryExtras`]);
    expect(dev.inlinePolicies.map((p) => p.name)).toEqual(['AwsSSOInlinePolicy']);
    expect(dev.permissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
    // The AWS-managed documents reach the account the role lives in.
    expect(provisioned.iam[WORKLOAD].managedPolicies.map((p) => p.arn)).toContain('arn:aws:iam::aws:policy/PowerUserAccess');
    expect(provisioning.map((p) => p.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // Stable: the same design gives the same names on every load; idempotent when run twice.
    const again = provisionIdentityCenter(provisionIdentityCenter(world('us-east-1')).world);
    expect(again.world.iam[WORKLOAD].roles.map((r) => r.arn).sort()).toEqual(roles.map((r) => r.arn).sort());
  });

  it('takes over the role an exported account already holds for the permission set, under the suffix AWS gave it', () => {
    // A get-account-authorization-details export carries the role with AWS's own suffix (and its SAML provider's):
    // it is the permission set's role, not a second one beside lzsim's (referencingpermissionsets.html).
    const base = world('us-east-1');
    const exported = {
      arn: `arn:aws:iam::${WORKLOAD}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0a1b2c3d4e5f6789`,
      name: 'AWSReservedSSO_Admin_0a1b2c3d4e5f6789', path: '/aws-reserved/sso.amazonaws.com/', roleId: 'AROAEXPORTEDADMIN0001',
      trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${WORKLOAD}:saml-provider/AWSSSO_9f8e7d6c5b4a3210_DO_NOT_DELETE` }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }] }),
      attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inlinePolicies: [], tags: [{ key: 'team', value: 'platform' }],
    };
    // A role of another permission set whose name starts the same way is left alone.
    const lookalike = { ...exported, arn: exported.arn.replace('Admin_', 'AdminRead_'), name: exported.name.replace('Admin_', 'AdminRead_'), roleId: 'AROAEXPORTEDADMINREAD' };
    const withExported = { ...base, iam: { ...base.iam, [WORKLOAD]: { ...base.iam[WORKLOAD], roles: [exported, lookalike] } } };
    const { world: provisioned, provisioning } = provisionIdentityCenter(withExported);
    const admins = provisioned.iam[WORKLOAD].roles.filter((r) => r.name.startsWith('AWSReservedSSO_Admin_'));
    expect(admins.map((r) => r.arn)).toEqual([exported.arn]);
    expect(admins[0]).toMatchObject({ roleId: exported.roleId, trustPolicy: exported.trustPolicy, tags: exported.tags, attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    expect(provisioned.iam[WORKLOAD].roles.map((r) => r.name)).toContain(lookalike.name);
    expect(provisioning.find((p) => p.roleName.startsWith('AWSReservedSSO_Admin_'))).toMatchObject({ roleName: exported.name, roleArn: exported.arn, status: 'SUCCEEDED' });
  });

  it('adds the Region segment to the path outside us-east-1', () => {
    expect(reservedRolePath('us-east-1')).toBe('/aws-reserved/sso.amazonaws.com/');
    expect(reservedRolePath('eu-west-2')).toBe('/aws-reserved/sso.amazonaws.com/eu-west-2/');
    const roles = provisionIdentityCenter(world('eu-west-2')).world.iam[WORKLOAD].roles;
    expect(roles.every((r) => r.arn.includes(':role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_'))).toBe(true);
  });

  it('fails the provisioning of an account that lacks a referenced customer-managed policy, and creates no role there', () => {
    const { world: provisioned, provisioning } = provisionIdentityCenter(world('us-east-1', false));
    expect(provisioned.iam[WORKLOAD].roles.map((r) => r.name.split('_')[1])).toEqual(['Admin']);
    const failed = provisioning.find((p) => p.status === 'FAILED')!;
    expect(failed.failureReason).toContain(`arn:aws:iam::${WORKLOAD}:policy/teams/DevBoundaryExtras`);
  });

  it("fails a role with more managed policies than IAM's per-role quota", () => {
    const many = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
    const base = model('us-east-1');
    const overrides = { permissionSets: [{ ...base.permissionSets[0], managedPolicyArns: many }], assignments: [base.assignments[0]] };
    const { provisioning } = provisionIdentityCenter(world('us-east-1', true, overrides));
    expect(provisioning[0]).toMatchObject({ status: 'FAILED' });
    expect(provisioning[0].failureReason).toContain('PoliciesPerRole: 10');
    expect(provisionIdentityCenter(world('us-east-1', true, overrides), { maxManagedPoliciesPerRole: 20 }).provisioning[0].status).toBe('SUCCEEDED');
  });
});

describe('SCPs that target Identity Center roles by aws:PrincipalArn pattern', () => {
  for (const region of ['us-east-1', 'eu-west-2']) {
    it(`exempt the Admin permission set's role and not the Developer's (instance in ${region})`, () => {
      const compiled = compileWorld(provisionIdentityCenter(world(region)).world);
      const roles = compiled.world.iam[WORKLOAD].roles;
      const admin = roles.find((r) => r.name.startsWith('AWSReservedSSO_Admin_'))!;
      const dev = roles.find((r) => r.name.startsWith('AWSReservedSSO_Developer_'))!;
      const request = (principalArn: string) => ({ principalArn, action: 'iam:ListRoles', resource: '*', context: [] });

      const asAdmin = evaluate(compiled, request(admin.arn));
      expect(asAdmin.decision, asAdmin.summary).toBe('allowed');
      const asDev = evaluate(compiled, request(dev.arn));
      expect(asDev.decision, asDev.summary).toBe('explicitDeny');
      expect(asDev.reasons).toContain('scp-deny');
      // The boundary (PowerUserAccess) keeps the developer's inline s3:* but not its iam:List*: checked without the SCP's word.
      expect(evaluate(compiled, { ...request(dev.arn), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' }).decision).toBe('allowed');
    });
  }
});
