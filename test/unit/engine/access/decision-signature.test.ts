// Decision signatures let the access graph and who-can share one decision among equivalent requests, with caches
// (slices per policy group and action, readings per identity, interned reading texts and shapes) kept between
// requests. Those caches must not change which requests share a key: the same questions asked in two orders, each by
// a fresh copy of the module (empty caches), must group into the same classes of equal keys, with the same
// "principal-specific" and "cannot share" answers; and equal keys must mean equal decisions by the engine. The world
// mixes what must be kept apart: an identity policy whose Resource names some roles and not others, a service-linked
// role (RCPs skipped), roles of the principal's own account and of others, a "*" trust, and a twin of a PeerRole
// (same account, same trust text, another name) that the next account's PeerRole policy does not cover.
import { describe, expect, it, vi } from 'vitest';
import { compileWorld, evaluate, type IamRole, type World } from '@/server/engine';
import { syntheticAccessWorld } from '../../../bench/synthetic-access-org';

type Answer = { key: string; principalSpecific: boolean } | undefined;

function world(): World {
  const { world: base } = syntheticAccessWorld(12);
  const first = Object.keys(base.iam)[3];
  const serviceLinked: IamRole = {
    arn: `arn:aws:iam::${first}:role/aws-service-role/ops.amazonaws.com/AWSServiceRoleForOps`, name: 'AWSServiceRoleForOps',
    path: '/aws-service-role/ops.amazonaws.com/', trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ops.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], inlinePolicies: [], tags: [],
  };
  const account = base.iam[first];
  const twinAccount = Object.keys(base.iam)[6];
  const peer = base.iam[twinAccount].roles.find((role) => role.name === 'PeerRole')!;
  const twin: IamRole = { ...peer, arn: `arn:aws:iam::${twinAccount}:role/PeerTwin`, name: 'PeerTwin', inlinePolicies: [] };
  return {
    ...base,
    iam: {
      ...base.iam,
      [first]: { ...account, roles: [...account.roles, serviceLinked] },
      [twinAccount]: { ...base.iam[twinAccount], roles: [...base.iam[twinAccount].roles, twin] },
    },
  };
}

/** Every (principal, role) question of the world, answered in the given order by a fresh copy of the module. */
async function answers(reversed: boolean): Promise<Map<string, Answer>> {
  vi.resetModules();
  const { decisionSignature } = await import('@/server/engine/access/decision-signature');
  const given = world();
  const compiled = compileWorld(given);
  const roles = Object.values(given.iam).flatMap((iam) => iam.roles);
  const questions = roles.flatMap((from) => roles.map((to) => [from.arn, to.arn] as const));
  if (reversed) questions.reverse();
  const result = new Map<string, Answer>();
  for (const [from, to] of questions) {
    const signature = decisionSignature(compiled, compiled.principal(from), 'sts:AssumeRole', to);
    result.set(`${from} -> ${to}`, signature && { key: signature.key, principalSpecific: signature.principalSpecific });
  }
  return result;
}

/** The questions grouped by equal keys (each group named by its sorted questions), and the per-question flags. */
function partition(byQuestion: Map<string, Answer>): { groups: string[]; flags: string[] } {
  const groups = new Map<string, string[]>();
  const flags: string[] = [];
  for (const [question, answer] of byQuestion) {
    flags.push(`${question}: ${answer === undefined ? 'unshareable' : answer.principalSpecific ? 'specific' : 'shared'}`);
    if (answer === undefined) continue;
    const group = groups.get(answer.key) ?? [];
    group.push(question);
    groups.set(answer.key, group);
  }
  return { groups: [...groups.values()].map((group) => group.sort().join('\n')).sort(), flags: flags.sort() };
}

describe('decision signatures', () => {
  it('group the same questions whatever order they are asked in', async () => {
    const forward = partition(await answers(false));
    const backward = partition(await answers(true));
    expect(backward.flags).toEqual(forward.flags);
    expect(backward.groups).toEqual(forward.groups);
    // The world is small but not trivial: many questions share keys, and some keys stand alone.
    expect(forward.groups.length).toBeGreaterThan(20);
    expect(forward.groups.some((group) => group.split('\n').length > 100)).toBe(true);
  });

  it('give equal keys only to questions the engine decides alike', async () => {
    const byQuestion = await answers(false);
    const compiled = compileWorld(world());
    const decisions = new Map<string, string>();
    for (const [question, answer] of byQuestion) {
      if (answer === undefined || answer.principalSpecific) continue;
      const [principalArn, resource] = question.split(' -> ');
      const result = evaluate(compiled, { principalArn, action: 'sts:AssumeRole', resource, context: [] });
      const decided = JSON.stringify([result.decision, result.reasons, result.missingContextValues]);
      const first = decisions.get(answer.key);
      if (first === undefined) decisions.set(answer.key, decided);
      else expect(`${question}: ${decided}`).toBe(`${question}: ${first}`);
    }
  });

  it('keep apart roles an identity policy names from roles it does not, for the same principal', async () => {
    const byQuestion = await answers(false);
    const accounts = Object.keys(world().iam);
    const from = `arn:aws:iam::${accounts[7]}:role/PeerRole`;
    const named = byQuestion.get(`${from} -> arn:aws:iam::${accounts[6]}:role/PeerRole`);
    const twin = byQuestion.get(`${from} -> arn:aws:iam::${accounts[6]}:role/PeerTwin`);
    expect(named).toBeDefined();
    expect(twin).toBeDefined();
    expect(named!.key).not.toBe(twin!.key);
  });
});
