// EC2 policies (declarative policies for EC2) in the evaluation: the trace names the policy, the attribute and the
// message the call fails with (the policy's exception_message, or Organizations' default), and the decision signature
// tells apart two accounts whose policies read alike but whose EC2 policies differ (the access graph shares answers
// by signature). The decisions themselves are in test/fixtures/engine/ec2-organization-policies.json.
import { describe, expect, it } from 'vitest';
import { bundleToWorld, compileWorld, evaluate, simulateInputToRequests, type World } from '@/server/engine';
import { decisionSignature } from '@/server/engine/access/decision-signature';
import { CONTROL_CATALOG } from '@/server/engine/control-tower/catalog';
import { computeEffectivePolicy, validateManagementPolicy } from '@/server/engine/management';
import { EC2_POLICY_ATTRIBUTES, EC2_POLICY_DEFAULT_MESSAGE, ec2PolicyRefusalOf } from '@/server/engine/world/organization-ec2-attributes';
import { loadFixtureFiles } from '@/test/fixtures/engine/load-fixtures';

const file = loadFixtureFiles().find((fixture) => fixture.file === 'ec2-organization-policies.json')!;
const PROD = 'arn:aws:iam::333333333333:user/prod-owner';
const DEV = 'arn:aws:iam::444444444444:user/dev-reader';

function world(): World {
  const read = bundleToWorld(file.bundle);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.world;
}

function ask(target: World, principal: string, action: string) {
  const input = simulateInputToRequests({ ActionNames: [action], PolicySourceArn: principal });
  if (!input.ok) throw new Error(JSON.stringify(input.errors));
  return evaluate(compileWorld(target), input.requests[0]);
}

describe('EC2 policies', () => {
  it('names the policy, the attribute and the custom message in the trace', () => {
    const result = ask(world(), PROD, 'ec2:EnableSerialConsoleAccess');
    const step = result.trace.find((entry) => entry.rule?.id === 'ec2-policy-enforced-attribute');
    expect(step?.note).toBe('the EC2 policy No serial console in production (p-ec2serialoff) attached to Prod sets EC2 Serial Console access (serial_console_access) for account 333333333333, so the account cannot change it: the call fails with "Serial console is off in production: see https://wiki.example.com/ec2"');
    // The answer's headline names the policy too (the screen shows the summary above the trace).
    expect(result.summary).toBe(`Implicitly denied: a documented service rule refuses it: ${step!.note}.`);
  });

  it('says which setting forbids a call that only a field value of the attribute forbids', () => {
    const step = ask(world(), DEV, 'ec2:CreateVpcBlockPublicAccessExclusion').trace.find((entry) => entry.rule?.id === 'ec2-policy-enforced-attribute');
    expect(step?.note).toBe(`the EC2 policy Dev VPC Block Public Access (p-ec2vpcbpa01) attached to Dev sets VPC Block Public Access (vpc_block_public_access) for account 444444444444, so the account cannot create or change exclusions from it (exclusions_allowed is disabled): the call fails with "${EC2_POLICY_DEFAULT_MESSAGE}"`);
  });

  it('gives Organizations\' default message when the policy sets none', () => {
    const base = world();
    const plain: World = {
      ...base,
      ec2Policies: { ...base.ec2Policies!, policies: base.ec2Policies!.policies.map((policy) => ({ ...policy, document: JSON.stringify({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'disabled' } } } }) })) },
    };
    const step = ask(plain, PROD, 'ec2:EnableSerialConsoleAccess').trace.find((entry) => entry.rule?.id === 'ec2-policy-enforced-attribute');
    expect(step?.note).toContain(`the call fails with "${EC2_POLICY_DEFAULT_MESSAGE}"`);
  });

  it('does nothing while the type is not enabled (the world then holds no EC2 policy)', () => {
    const bundle = structuredClone(file.bundle) as { Roots: { PolicyTypes: { Type: string }[] }[] };
    bundle.Roots[0].PolicyTypes = bundle.Roots[0].PolicyTypes.filter((type) => type.Type !== 'DECLARATIVE_POLICY_EC2');
    const read = bundleToWorld(bundle);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.world.ec2Policies).toBeUndefined();
    expect(ask(read.world, PROD, 'ec2:EnableSerialConsoleAccess').decision).toBe('allowed');
  });

  it('gives different decision signatures to two accounts whose policies read alike but whose EC2 policies differ', () => {
    const compiled = compileWorld(world());
    const prod = decisionSignature(compiled, compiled.principal(PROD), 'ec2:EnableSerialConsoleAccess', '*');
    const dev = decisionSignature(compiled, compiled.principal(DEV), 'ec2:EnableSerialConsoleAccess', '*');
    expect(prod?.key).toBeDefined();
    expect(prod?.key).not.toBe(dev?.key);
    // Without EC2 policies the two read the same documents and share one answer.
    const { ec2Policies: _ec2, ...rest } = world();
    const plain = compileWorld(rest);
    expect(decisionSignature(plain, plain.principal(PROD), 'ec2:EnableSerialConsoleAccess', '*')?.key)
      .toBe(decisionSignature(plain, plain.principal(DEV), 'ec2:EnableSerialConsoleAccess', '*')?.key);
  });
});

describe('Control Tower\'s EC2 policy controls', () => {
  // The declarative policy texts of the Control Tower control reference (engine/control-tower/data/policy-texts.json,
  // list-of-declarative-policy-controls): data nobody here wrote, which the EC2 grammar must accept as AWS does.
  const templates = CONTROL_CATALOG.flatMap((control) => (control.artifact?.type === 'DECLARATIVE_POLICY_EC2' ? [{ alias: control.alias ?? control.arn, template: control.artifact.template }] : []));

  it('are the four the control reference lists', () => {
    expect(templates.map((entry) => entry.alias).sort()).toEqual(['CT.EC2.PV.11', 'CT.EC2.PV.7', 'CT.EC2.PV.8', 'CT.EC2.PV.9']);
  });

  for (const { alias, template } of templates) {
    it(`${alias} is a valid EC2 policy that makes the calls changing its attribute fail`, () => {
      expect(validateManagementPolicy('DECLARATIVE_POLICY_EC2', template)).toEqual([]);
      const effective = computeEffectivePolicy('DECLARATIVE_POLICY_EC2', [
        { targetId: 'r-ab12', targetName: 'Root', kind: 'root', policies: [] },
        { targetId: 'ou-ab12-11111111', targetName: 'Workloads', kind: 'ou', policies: [{ id: 'p-ct', name: alias, content: template }] },
        { targetId: '111122223333', targetName: 'Web', kind: 'account', policies: [] },
      ]);
      const key = Object.keys((JSON.parse(template) as { ec2_attributes: Record<string, unknown> }).ec2_attributes)[0];
      const attribute = EC2_POLICY_ATTRIBUTES.find((entry) => entry.key === key)!;
      for (const setter of attribute.setters) expect(ec2PolicyRefusalOf(effective, setter)?.policyName).toBe(alias);
    });
  }
});
