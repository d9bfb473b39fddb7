// EC2 policies (declarative policies for EC2) in the evaluation: the trace names the policy, the attribute and the
// message the call fails with (the policy's exception_message, or Organizations' default), and the decision signature
// tells apart two accounts whose policies read alike but whose EC2 policies differ (the access graph shares answers
// by signature). The decisions themselves are in test/fixtures/engine/ec2-organization-policies.json.
import { describe, expect, it } from 'vitest';
import { bundleToWorld, compileWorld, evaluate, simulateInputToRequests, type World } from '@/server/engine';
import { decisionSignature } from '@/server/engine/access/decision-signature';
import { EC2_POLICY_DEFAULT_MESSAGE } from '@/server/engine/world/organization-ec2-attributes';
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
