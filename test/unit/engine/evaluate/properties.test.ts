// Property tests: random SCP chains, identity policies and boundaries (no conditions, so a few lines of
// independent logic can state what AWS decides) against the evaluator. Rules from
// orgs_manage_policies_scps_evaluation.html and reference_policies_evaluation-logic.html. (No "*:Create*": IAM refuses a
// wildcard in the service prefix, reference_policies_grammar.html.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, type World } from '@/server/engine';
import { addManagedPolicy, addUser, baseWorld, policy, PROD } from './world-builder';

const ACTIONS = ['s3:GetObject', 'ec2:RunInstances', 'iam:CreateUser'] as const;
const LEVELS = ['r-root', 'ou-root-workload', 'ou-root-prod', PROD] as const;

/** Statements over the action set: an effect and which actions (by glob or exact name) they cover. */
const statementArb = fc.record({
  effect: fc.constantFrom('Allow' as const, 'Deny' as const),
  actions: fc.subarray([...ACTIONS, 's3:*', 'iam:Create*'], { minLength: 1 }),
});
type GeneratedStatement = { effect: 'Allow' | 'Deny'; actions: string[] };

// Most levels carry FullAWSAccess, as in real organizations; otherwise allowed outcomes would be too rare to test.
const levelArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(statementArb, { maxLength: 2 }).map((extra) => [{ effect: 'Allow' as const, actions: ['*'] }, ...extra]) },
  { weight: 1, arbitrary: fc.array(statementArb, { maxLength: 3 }) },
);

const scenarioArb = fc.record({
  levels: fc.tuple(...LEVELS.map(() => levelArb)),
  identity: fc.array(statementArb, { maxLength: 3 }),
  boundary: fc.option(fc.array(statementArb, { maxLength: 2 }), { nil: undefined }),
  action: fc.constantFrom(...ACTIONS),
});
type Scenario = { levels: GeneratedStatement[][]; identity: GeneratedStatement[]; boundary?: GeneratedStatement[]; action: string };

function covers(statement: GeneratedStatement, action: string): boolean {
  return statement.actions.some((pattern) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`, 'i').test(action));
}

function documentOf(statements: GeneratedStatement[]) {
  return policy(...statements.map((statement) => ({ Effect: statement.effect, Action: statement.actions, Resource: '*' })));
}

function buildWorld(scenario: Scenario): { world: World; user: string } {
  const world = baseWorld();
  // Replace FullAWSAccess by the generated SCPs at each level of the prod account's path.
  world.attachments = world.attachments.filter((attachment) => !(attachment.policyId === 'p-FullAWSAccess' && (LEVELS as readonly string[]).includes(attachment.targetId)));
  scenario.levels.forEach((statements, i) => {
    if (statements.length === 0) return;
    const id = `p-level${i}`;
    world.policies.push({ id, name: id, type: 'SCP', document: documentOf(statements) });
    world.attachments.push({ policyId: id, targetId: LEVELS[i] });
  });
  const boundary = scenario.boundary && addManagedPolicy(world, PROD, 'Boundary', documentOf(scenario.boundary));
  const user = addUser(world, PROD, 'subject', scenario.identity.length > 0 ? { mine: documentOf(scenario.identity) } : {}, boundary ? { permissionsBoundaryArn: boundary } : {});
  return { world, user };
}

describe('evaluator properties', () => {
  it('matches the evaluation logic on random SCP chains, identity policies and boundaries', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { world, user } = buildWorld(scenario);
        const result = evaluate(compileWorld(world), { principalArn: user, action: scenario.action, resource: '*', context: [] });
        const { action } = scenario;
        const all = [...scenario.levels.flat(), ...scenario.identity, ...(scenario.boundary ?? [])];
        const anyDeny = all.some((statement) => statement.effect === 'Deny' && covers(statement, action));
        const allows = (statements: GeneratedStatement[]) => statements.some((statement) => statement.effect === 'Allow' && covers(statement, action));
        const scpOk = scenario.levels.every(allows);
        const granted = allows(scenario.identity) && (scenario.boundary === undefined || allows(scenario.boundary));
        const expected = anyDeny ? 'explicitDeny' : scpOk && granted ? 'allowed' : 'implicitDeny';
        expect(result.decision).toBe(expected);

        expect(result.reasons.length).toBeGreaterThan(0);
        const suffix = { explicitDeny: /-deny$/, implicitDeny: /no-allow$/, allowed: /-allow$/ }[result.decision];
        for (const reason of result.reasons) expect(reason).toMatch(suffix);
        if (expected === 'implicitDeny') expect(result.reasons.includes('scp-no-allow')).toBe(!scpOk);
      }),
      { numRuns: 300 },
    );
  });

  it('never denies more when SCPs stop applying (consolidated billing)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { world, user } = buildWorld(scenario);
        const request = { principalArn: user, action: scenario.action, resource: '*', context: [] };
        const withScps = evaluate(compileWorld(world), request);
        world.organization = { ...world.organization!, featureSet: 'CONSOLIDATED_BILLING' };
        const withoutScps = evaluate(compileWorld(world), request);
        if (withScps.decision === 'allowed') expect(withoutScps.decision).toBe('allowed');
        expect(withoutScps.reasons.some((reason) => reason.startsWith('scp-'))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
