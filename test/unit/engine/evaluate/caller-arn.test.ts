// Evaluating a caller with another entity's policies (simulate-principal-policy's CallerArn with PolicySourceArn):
// "you simulate calling the API operations as Bob, as if Bob had David's policies" (API_SimulatePrincipalPolicy.html).
// The identity-based policies and boundary are the source's; who calls (Principal matching in resource policies,
// aws:PrincipalArn, the SCPs of the caller's account) is the caller.
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, type World } from '@/server/engine';
import { addManagedPolicy, addUser, baseWorld, policy, PROD, request } from './world-builder';

const BUCKET = 'arn:aws:s3:::prod-reports';

function world(): { world: World; david: string; bob: string; group: string } {
  const built = baseWorld();
  const read = addManagedPolicy(built, PROD, 'ReadReports', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }));
  const david = addUser(built, PROD, 'david', { reports: policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` }) });
  const bob = addUser(built, PROD, 'bob', {});
  const group = `arn:aws:iam::${PROD}:group/readers`;
  built.iam[PROD].groups.push({ arn: group, name: 'readers', path: '/', attachedPolicyArns: [read], inlinePolicies: [] });
  built.resourcePolicies.push({
    resourceArn: BUCKET,
    accountId: PROD,
    document: policy({ Sid: 'NoBobWrites', Effect: 'Deny', Principal: { AWS: bob }, Action: 's3:PutObject', Resource: `${BUCKET}/*` }),
  });
  return { world: built, david, bob, group };
}

describe('CallerArn: a caller evaluated with another entity\'s policies', () => {
  const { world: built, david, bob, group } = world();
  const compiled = compileWorld(built);

  it('Bob alone has no permission; as if he had David\'s policies he may read', () => {
    expect(evaluate(compiled, request(bob, 's3:GetObject', `${BUCKET}/q3.csv`)).decision).toBe('implicitDeny');
    const result = evaluate(compiled, request(bob, 's3:GetObject', `${BUCKET}/q3.csv`, { policySourceArn: david }));
    expect(result.decision).toBe('allowed');
    const identity = result.trace.find((layer) => layer.layer === 'identity');
    expect(identity?.note).toContain(`the policies of ${david}, evaluated for caller ${bob}`);
  });

  it('the bucket policy still sees Bob: its Deny naming Bob applies although David may write', () => {
    expect(evaluate(compiled, request(david, 's3:PutObject', `${BUCKET}/q3.csv`)).decision).toBe('allowed');
    const asBob = evaluate(compiled, request(bob, 's3:PutObject', `${BUCKET}/q3.csv`, { policySourceArn: david }));
    expect(asBob.decision).toBe('explicitDeny');
    expect(asBob.reasons).toContain('resource-deny');
  });

  it('aws:PrincipalArn is the caller\'s', () => {
    const result = evaluate(compiled, request(bob, 's3:GetObject', `${BUCKET}/q3.csv`, { policySourceArn: david }));
    expect(result.context.find((entry) => entry.key === 'aws:PrincipalArn')?.values).toEqual([bob]);
  });

  it('a group\'s policies can be evaluated for a user', () => {
    expect(evaluate(compiled, request(bob, 's3:GetObject', `${BUCKET}/q3.csv`, { policySourceArn: group })).decision).toBe('allowed');
    expect(evaluate(compiled, request(bob, 's3:PutObject', `${BUCKET}/q3.csv`, { policySourceArn: group })).decision).not.toBe('allowed');
  });

  it('an unknown policy source is NoSuchEntity', () => {
    expect(() => evaluate(compiled, request(bob, 's3:GetObject', `${BUCKET}/x`, { policySourceArn: `arn:aws:iam::${PROD}:group/ghosts` }))).toThrow(/NoSuchEntity/);
  });
});
