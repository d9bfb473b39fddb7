// compileWorld reuses compiled documents whose text did not change, so editing one policy recompiles only it.
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate } from '@/server/engine';
import { addManagedPolicy, addRole, addUser, attach, baseWorld, DEV, PARTNER, policy, PROD, request } from './world-builder';

describe('compileWorld', () => {
  it('reuses every unchanged compiled document and recompiles the edited one', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-region', JSON.stringify(policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' })), ['r-root']);
    attach(world, 'SCP', 'p-other', JSON.stringify(policy({ Effect: 'Deny', Action: 'rds:*', Resource: '*' })), ['r-root']);
    const managed = addManagedPolicy(world, PROD, 'Read', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    const user = addUser(world, PROD, 'alice', { all: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) }, { attachedPolicyArns: [managed] });
    const first = compileWorld(world);
    expect(evaluate(first, request(user, 'ec2:RunInstances')).decision).toBe('explicitDeny');
    first.compileAll();

    const edited = { ...world, policies: world.policies.map((p) => (p.id === 'p-region' ? { ...p, document: JSON.stringify(policy({ Effect: 'Deny', Action: 'lambda:*', Resource: '*' })) } : p)) };
    const second = compileWorld(edited, first);
    expect(second.orgPolicies.get('p-region')!.document).not.toBe(first.orgPolicies.get('p-region')!.document);
    for (const id of ['p-other', 'p-FullAWSAccess', 'p-RCPFullAWSAccess']) {
      expect(second.orgPolicies.get(id)!.document).toBe(first.orgPolicies.get(id)!.document);
    }
    second.compileAll();
    const reused = [...second.documents.values()].filter((document) => [...first.documents.values()].includes(document));
    expect(reused.length).toBe(second.documents.size - 1);
    expect(evaluate(second, request(user, 'ec2:RunInstances')).decision).toBe('allowed');
    expect(evaluate(second, request(user, 'lambda:InvokeFunction')).decision).toBe('explicitDeny');
  });

  it('compiles IAM policies on first use only, organization policies up front', () => {
    const world = baseWorld();
    const alice = addUser(world, PROD, 'alice', { a: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    addUser(world, PROD, 'bob', { b: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }) });
    const compiled = compileWorld(world);
    const upFront = compiled.documents.size;
    expect(upFront).toBe(2); // FullAWSAccess and RCPFullAWSAccess
    evaluate(compiled, request(alice, 's3:GetObject', 'arn:aws:s3:::b/k'));
    expect(compiled.documents.size).toBe(upFront + 1);
    compiled.compileAll();
    expect(compiled.documents.size).toBe(upFront + 2);
  });

  it('reports policies AWS would have rejected as warnings; they grant and deny nothing', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-broken', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*"', ['r-root']);
    const user = addUser(world, PROD, 'alice', { all: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) });
    const compiled = compileWorld(world);
    expect(compiled.warnings.join('\n')).toMatch(/SCP p-broken: not a valid policy/);
    expect(evaluate(compiled, request(user, 'ec2:RunInstances')).decision).toBe('allowed');
  });

  it('compiles the SCP chain of an account once and reuses it', () => {
    const world = baseWorld();
    const compiled = compileWorld(world);
    expect(compiled.org.levelsFor(PROD, 'SCP')).toBe(compiled.org.levelsFor(PROD, 'SCP'));
    expect(compiled.org.levelsFor(PROD, 'SCP').map((level) => level.targetName)).toEqual(['Root', 'Workloads', 'Prod', 'prod']);
  });

  it('outlines a user or role with the identity and policy documents its resolution has', () => {
    const world = baseWorld();
    const read = addManagedPolicy(world, PROD, 'Read', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    const limit = addManagedPolicy(world, PROD, 'Limit', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    world.iam[PROD].groups.push({
      name: 'readers', arn: `arn:aws:iam::${PROD}:group/readers`, path: '/', attachedPolicyArns: [read],
      inlinePolicies: [{ name: 'g', document: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }) }],
    });
    // The group attaches Read again (dropped once), names a group that is absent, and the boundary is missing.
    const user = addUser(world, PROD, 'alice', { a: policy({ Effect: 'Allow', Action: 'sns:*', Resource: '*' }) }, {
      attachedPolicyArns: [read], groups: ['readers', 'gone'], permissionsBoundaryArn: `arn:aws:iam::${PROD}:policy/Missing`, userId: 'AIDAEXAMPLE',
    });
    const role = addRole(world, PROD, 'app', policy({ Effect: 'Allow', Principal: { AWS: PROD }, Action: 'sts:AssumeRole' }), {
      r: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
    }, { attachedPolicyArns: [limit], permissionsBoundaryArn: limit, path: '/aws-service-role/', roleId: 'AROAEXAMPLE' });
    const compiled = compileWorld(world);
    for (const arn of [user, role]) {
      const outline = compiled.principalOutline(arn);
      const resolved = compiled.principal(arn);
      expect(outline.kind).toBe(resolved.kind);
      expect(outline.accountId).toBe(resolved.accountId);
      expect(outline.serviceLinked).toBe(resolved.serviceLinked);
      expect(outline.identity).toEqual(resolved.identity);
      expect(outline.identityDocuments).toEqual(resolved.identityPolicies.map((compiledPolicy) => compiledPolicy.document));
      outline.identityDocuments.forEach((document, i) => expect(document).toBe(resolved.identityPolicies[i].document));
      expect(outline.boundaryDocument).toBe(resolved.boundary?.document);
    }
    expect(compiled.principalOutline(user).identityDocuments).toHaveLength(3);
    expect(compiled.principalOutline(role).serviceLinked).toBe(true);
    expect(() => compiled.principalOutline(`arn:aws:iam::${PROD}:user/nobody`)).toThrow(/not a user/);
  });

  it('finds a role by ARN in the account it names, in a large account, and wherever a world lists it', () => {
    const world = baseWorld();
    const trust = policy({ Effect: 'Allow', Principal: { AWS: PROD }, Action: 'sts:AssumeRole' });
    const app = addRole(world, PROD, 'app', trust, {});
    for (let i = 0; i < 40; i++) addRole(world, DEV, `bulk${i}`, trust, {});
    const bulk = `arn:aws:iam::${DEV}:role/bulk37`;
    const byAccount = compileWorld(world);
    expect(byAccount.role(app)?.name).toBe('app');
    expect(byAccount.role(bulk)?.name).toBe('bulk37');
    expect(byAccount.iamEntity(bulk)?.arn).toBe(bulk);
    expect(byAccount.role(`arn:aws:iam::${PROD}:role/absent`)).toBeUndefined();
    expect(byAccount.role('not-an-arn')).toBeUndefined();

    // A role listed under an account its ARN does not name is still found by its ARN, like every other role, in a
    // world compiled afresh or from the previous one.
    const misplaced = `arn:aws:iam::${PARTNER}:role/elsewhere`;
    const edited = { ...world, iam: { ...world.iam, [PROD]: { ...world.iam[PROD], roles: [...world.iam[PROD].roles, { ...world.iam[PROD].roles[0], arn: misplaced, name: 'elsewhere' }] } } };
    for (const compiled of [compileWorld(edited), compileWorld(edited, byAccount, new Set([PROD]), true)]) {
      expect(compiled.role(misplaced)?.name).toBe('elsewhere');
      expect(compiled.role(app)?.name).toBe('app');
      expect(compiled.role(bulk)?.name).toBe('bulk37');
    }
  });
});
