// Evaluator rules, one small world per rule. Each block names the AWS page that states the rule.
import { describe, expect, it } from 'vitest';
import { compileWorld, evaluate, explainConditions, UnknownPrincipalError, type World } from '@/server/engine';
import {
  addManagedPolicy, addRole, addUser, attach, baseWorld, ctx, DEV, MANAGEMENT, ORG_ID, PARTNER, policy, PROD, request,
} from './world-builder';

const allowAll = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
const trustAccount = (account: string) => policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });

function run(world: World, ...args: Parameters<typeof request>) {
  return evaluate(compileWorld(world), request(...args));
}

describe('identity-based policies (reference_policies_evaluation-logic.html)', () => {
  it('denies by default and allows what an identity policy allows', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', { read: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'allowed', reasons: ['identity-allow'] });
    expect(run(world, user, 's3:PutObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'implicitDeny', reasons: ['no-allow'] });
  });

  it('matches actions case-insensitively and an explicit deny wins over an allow', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', {
      all: policy({ Effect: 'Allow', Action: 'S3:*', Resource: '*' }),
      deny: policy({ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:delete*', Resource: '*' }),
    });
    expect(run(world, user, 's3:getobject', 'arn:aws:s3:::b/k').decision).toBe('allowed');
    const denied = run(world, user, 's3:DeleteObject', 'arn:aws:s3:::b/k');
    expect(denied).toMatchObject({ decision: 'explicitDeny', reasons: ['identity-deny'] });
    expect(denied.trace.find((layer) => layer.layer === 'identity')?.matched.map((m) => m.sid)).toContain('NoDelete');
  });

  it('includes group policies and managed policies of a user', () => {
    const world = baseWorld();
    const managed = addManagedPolicy(world, PROD, 'ReadBuckets', policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }));
    world.iam[PROD].groups.push({ arn: `arn:aws:iam::${PROD}:group/devs`, name: 'devs', path: '/', attachedPolicyArns: [], inlinePolicies: [{ name: 'sqs', document: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }) }] });
    const user = addUser(world, PROD, 'bob', {}, { groups: ['devs'], attachedPolicyArns: [managed] });
    expect(run(world, user, 'sqs:SendMessage', `arn:aws:sqs:eu-west-1:${PROD}:q`).decision).toBe('allowed');
    const listed = run(world, user, 's3:ListBucket', 'arn:aws:s3:::b');
    expect(listed.decision).toBe('allowed');
    expect(listed.trace.find((layer) => layer.layer === 'identity')?.matched[0].policyId).toBe(managed);
  });

  it('throws UnknownPrincipalError for a principal found nowhere, and for an ARN that is no principal', () => {
    const compiled = compileWorld(baseWorld());
    expect(() => evaluate(compiled, request(`arn:aws:iam::${PROD}:user/ghost`, 's3:GetObject'))).toThrow(UnknownPrincipalError);
    expect(() => evaluate(compiled, request('arn:aws:iam::123456789012:root', 's3:GetObject'))).toThrow(/found nowhere/);
    let thrown: unknown;
    try {
      evaluate(compiled, request('arn:aws:s3:::bucket', 's3:GetObject'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownPrincipalError);
    expect((thrown as UnknownPrincipalError).code).toBe('InvalidInput');
    expect(() => evaluate(compiled, request(`arn:aws:iam::${PROD}:group/devs`, 's3:GetObject'))).toThrow(/is an IAM group, which cannot make requests/);
  });
});

describe('SCPs (orgs_manage_policies_scps_evaluation.html)', () => {
  it('needs an allow at every level; a level without one denies implicitly and names the level', () => {
    const world = baseWorld();
    world.attachments = world.attachments.filter((a) => !(a.policyId === 'p-FullAWSAccess' && a.targetId === 'ou-root-prod'));
    attach(world, 'SCP', 'p-s3only', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), ['ou-root-prod']);
    const user = addUser(world, PROD, 'alice', { all: allowAll });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k').decision).toBe('allowed');
    const result = run(world, user, 'ec2:RunInstances');
    expect(result).toMatchObject({ decision: 'implicitDeny', reasons: ['scp-no-allow'] });
    const prodLevel = result.trace.find((layer) => layer.layer === 'scp' && layer.level?.targetId === 'ou-root-prod');
    expect(prodLevel?.outcome).toBe('noMatch');
    expect(result.summary).toContain('Prod');
  });

  it('an SCP deny anywhere on the path is an explicit deny, listed with every other deny', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-deny', policy({ Sid: 'NoEc2', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), ['ou-root-workload']);
    const user = addUser(world, PROD, 'alice', { all: allowAll, deny: policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }) });
    expect(run(world, user, 'ec2:RunInstances')).toMatchObject({ decision: 'explicitDeny', reasons: ['scp-deny', 'identity-deny'] });
  });

  it('do not apply to the management account, service-linked roles, or accounts outside the organization', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-deny', policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), ['r-root']);
    const admin = addUser(world, MANAGEMENT, 'admin', { all: allowAll });
    const slr = addRole(world, PROD, 'AWSServiceRoleForX', policy({ Effect: 'Allow', Principal: { Service: 'x.amazonaws.com' }, Action: 'sts:AssumeRole' }), { all: allowAll }, { path: '/aws-service-role/x.amazonaws.com/' });
    const partner = addUser(world, PARTNER, 'p', { all: allowAll });
    for (const principal of [admin, slr, partner]) {
      const result = run(world, principal, 'ec2:DescribeInstances');
      expect(result.decision).toBe('allowed');
      expect(result.trace.find((layer) => layer.layer === 'scp')?.outcome).toBe('notApplicable');
    }
  });

  it('apply to the root user of a member account, whose identity side is otherwise unrestricted', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-deny', policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), [PROD]);
    const root = `arn:aws:iam::${PROD}:root`;
    expect(run(world, root, 's3:ListAllMyBuckets')).toMatchObject({ decision: 'allowed', reasons: ['identity-allow'] });
    expect(run(world, root, 'ec2:RunInstances')).toMatchObject({ decision: 'explicitDeny', reasons: ['scp-deny'] });
  });

  it('do nothing with consolidated billing only or when the SCP type is disabled', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-deny', policy({ Effect: 'Deny', Action: '*', Resource: '*' }), ['r-root']);
    const user = addUser(world, PROD, 'alice', { all: allowAll });
    world.organization = { ...world.organization!, featureSet: 'CONSOLIDATED_BILLING' };
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k').decision).toBe('allowed');
    world.organization = { ...world.organization, featureSet: 'ALL', enabledPolicyTypes: ['RCP'] };
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k').decision).toBe('allowed');
  });
});

describe('RCPs (orgs_manage_policies_rcps.html, orgs_manage_policies_rcps_evaluation.html)', () => {
  const perimeter = policy({
    Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID } },
  });

  it('follow the resource account and deny principals outside the organization', () => {
    const world = baseWorld();
    attach(world, 'RCP', 'p-perimeter', perimeter, ['r-root']);
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::prod-data', accountId: PROD, document: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data/*' }) });
    const partner = addUser(world, PARTNER, 'p', { all: allowAll });
    const result = run(world, partner, 's3:GetObject', 'arn:aws:s3:::prod-data/k');
    // aws:PrincipalOrgID is absent because AWS leaves it out for a principal outside the organization: settled.
    expect(result).toMatchObject({ decision: 'explicitDeny', reasons: ['rcp-deny'], conditionDependent: false, missingContextValues: [] });
    const insider = addUser(world, DEV, 'dev', { all: allowAll });
    world.resourcePolicies[0].document = policy({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`, `arn:aws:iam::${DEV}:root`] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-data/*' });
    expect(run(world, insider, 's3:GetObject', 'arn:aws:s3:::prod-data/k').decision).toBe('allowed');
  });

  it('skip services RCPs do not support, resources of the management account, and service-linked roles', () => {
    const world = baseWorld();
    attach(world, 'RCP', 'p-deny-all', policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }), ['r-root']);
    const user = addUser(world, DEV, 'dev', { all: allowAll });
    expect(run(world, user, 'ec2:DescribeInstances').decision).toBe('allowed');
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::dev-bucket/k', { resourceAccount: DEV }).decision).toBe('explicitDeny');
    const admin = addUser(world, MANAGEMENT, 'admin', { all: allowAll });
    expect(run(world, admin, 's3:GetObject', 'arn:aws:s3:::mgmt-bucket/k', { resourceAccount: MANAGEMENT }).decision).toBe('allowed');
    const slr = addRole(world, DEV, 'AWSServiceRoleForY', '{}', { all: allowAll }, { path: '/aws-service-role/y.amazonaws.com/' });
    expect(run(world, slr, 's3:GetObject', 'arn:aws:s3:::dev-bucket/k', { resourceAccount: DEV }).decision).toBe('allowed');
  });
});

describe('same account vs cross-account (reference_policies_evaluation-logic-cross-account.html)', () => {
  it('same account: a resource policy naming the user grants on its own', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', {});
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::b', accountId: PROD, document: policy({ Effect: 'Allow', Principal: { AWS: user }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'allowed', reasons: ['resource-allow'] });
  });

  it('matches a principal named by its unique id, as IAM stores it (reference_policies_elements_principal.html)', () => {
    const world = baseWorld();
    const user = addUser(world, DEV, 'dev', { read: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }, { userId: 'AIDAEXAMPLEDEV000001' });
    const other = addUser(world, DEV, 'other', { read: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }, { userId: 'AIDAEXAMPLEOTHER0001' });
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::b', accountId: PROD, document: policy({ Effect: 'Allow', Principal: { AWS: 'AIDAEXAMPLEDEV000001' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k').decision).toBe('allowed');
    expect(run(world, other, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
  });

  it('same account: naming the account only delegates to IAM', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', {});
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::b', accountId: PROD, document: policy({ Effect: 'Allow', Principal: { AWS: PROD }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'implicitDeny', reasons: ['no-allow'] });
  });

  it('cross-account: both the identity policy and the resource policy must allow', () => {
    const world = baseWorld();
    const user = addUser(world, DEV, 'dev', { read: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k', { resourceAccount: PROD })).toMatchObject({ decision: 'implicitDeny', reasons: ['resource-no-allow'] });
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::b', accountId: PROD, document: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'allowed', reasons: ['identity-allow', 'resource-allow'] });
    const noIdentity = addUser(world, DEV, 'nobody', {});
    expect(run(world, noIdentity, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'implicitDeny', reasons: ['identity-no-allow'] });
  });

  it('takes the resource account from the ARN, then ResourceOwner, then the policy AccountId, then the caller', () => {
    const world = baseWorld();
    const user = addUser(world, DEV, 'dev', { read: policy({ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: '*' }) });
    const viaArn = run(world, user, 'sqs:SendMessage', `arn:aws:sqs:eu-west-1:${PROD}:q`);
    expect(viaArn.context.find((entry) => entry.key === 'aws:ResourceAccount')?.values).toEqual([PROD]);
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::nobody-knows/k').context.find((entry) => entry.key === 'aws:ResourceAccount')?.values).toEqual([DEV]);
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k', { resourceAccount: PROD }).decision).toBe('implicitDeny');
  });
});

describe('permissions boundaries and session policies (access_policies_boundaries.html)', () => {
  const boundaryWorld = () => {
    const world = baseWorld();
    const boundary = addManagedPolicy(world, PROD, 'Boundary', policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }));
    const user = addUser(world, PROD, 'alice', { all: allowAll }, { permissionsBoundaryArn: boundary });
    const role = addRole(world, PROD, 'app', trustAccount(PROD), { all: allowAll }, { permissionsBoundaryArn: boundary });
    return { world, user, role };
  };

  it('caps identity-based allows', () => {
    const { world, user } = boundaryWorld();
    expect(run(world, user, 's3:ListBucket', 'arn:aws:s3:::b').decision).toBe('allowed');
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'implicitDeny', reasons: ['boundary-no-allow'] });
  });

  it('does not cap a same-account resource policy naming the user, but caps one naming the role', () => {
    const { world, user, role } = boundaryWorld();
    world.resourcePolicies.push({ resourceArn: 'arn:aws:s3:::b', accountId: PROD, document: policy({ Effect: 'Allow', Principal: { AWS: [user, role] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) });
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'allowed', reasons: ['resource-allow'] });
    expect(run(world, role, 's3:GetObject', 'arn:aws:s3:::b/k')).toMatchObject({ decision: 'implicitDeny', reasons: ['boundary-no-allow'] });
    const session = `arn:aws:sts::${PROD}:assumed-role/app/build-42`;
    world.resourcePolicies[0].document = policy({ Effect: 'Allow', Principal: { AWS: session }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    expect(run(world, session, 's3:GetObject', 'arn:aws:s3:::b/k').decision).toBe('allowed');
  });

  it('session policies cap a role session; their denies are explicit', () => {
    const world = baseWorld();
    const role = addRole(world, PROD, 'app', trustAccount(PROD), { all: allowAll });
    const sessionPolicy = JSON.stringify(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }));
    expect(run(world, role, 's3:GetObject', 'arn:aws:s3:::b/k', { sessionPolicy }).decision).toBe('allowed');
    expect(run(world, role, 'ec2:RunInstances', '*', { sessionPolicy })).toMatchObject({ decision: 'implicitDeny', reasons: ['session-no-allow'] });
    expect(run(world, role, 's3:DeleteObject', 'arn:aws:s3:::b/k', { sessionPolicy })).toMatchObject({ decision: 'explicitDeny', reasons: ['session-deny'] });
  });
});

describe('role trust policies (id_roles_*, reference_policies_evaluation-logic_policy-eval-denyallow.html)', () => {
  it('cross-account AssumeRole needs the trust policy and the caller identity policy', () => {
    const world = baseWorld();
    const target = addRole(world, PROD, 'deploy', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'xyz' } } }), {});
    const caller = addUser(world, DEV, 'ci', { assume: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target }) });
    expect(run(world, caller, 'sts:AssumeRole', target, { context: [ctx('sts:ExternalId', 'xyz')] })).toMatchObject({ decision: 'allowed', reasons: ['identity-allow', 'resource-allow'] });
    const missing = run(world, caller, 'sts:AssumeRole', target);
    expect(missing).toMatchObject({ decision: 'implicitDeny', reasons: ['trust-no-allow'] });
    expect(missing.missingContextValues).toEqual(['sts:ExternalId']);
  });

  it('same account: a trust policy naming the account still needs an identity allow; naming the user does not', () => {
    const world = baseWorld();
    const target = addRole(world, PROD, 'admin', trustAccount(PROD), {});
    const user = addUser(world, PROD, 'alice', {});
    expect(run(world, user, 'sts:AssumeRole', target)).toMatchObject({ decision: 'implicitDeny', reasons: ['identity-no-allow'] });
    world.iam[PROD].roles[0].trustPolicy = policy({ Effect: 'Allow', Principal: { AWS: user }, Action: 'sts:AssumeRole' });
    expect(run(world, user, 'sts:AssumeRole', target)).toMatchObject({ decision: 'allowed', reasons: ['resource-allow'] });
  });
});

describe('the root user and roles (id_credentials_sts-comparison.html)', () => {
  it('cannot assume a role even when the trust policy names it, and the trace cites the service rule', () => {
    const world = baseWorld();
    const target = addRole(world, PROD, 'admin', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'sts:AssumeRole' }), {});
    const result = run(world, `arn:aws:iam::${DEV}:root`, 'sts:AssumeRole', target);
    expect(result).toMatchObject({ decision: 'implicitDeny', reasons: ['service-rule-no-allow'] });
    const step = result.trace.find((layer) => layer.layer === 'service');
    expect(step).toMatchObject({ outcome: 'noMatch', rule: { id: 'sts-root-cannot-assume-role', doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html' } });
    expect(result.summary).toContain('The root user cannot assume a role');
  });
});

describe('KMS key policies (kms key-policies.html)', () => {
  const key = `arn:aws:kms:eu-west-1:${PROD}:key/1111-2222`;

  it('a key without a key policy in the world allows nothing', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', { all: allowAll });
    expect(run(world, user, 'kms:Decrypt', key)).toMatchObject({ decision: 'implicitDeny', reasons: ['key-policy-no-allow'] });
  });

  it('IAM policies count only when the key policy grants the account', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', { all: allowAll });
    world.resourcePolicies.push({ resourceArn: key, document: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: 'kms:*', Resource: '*' }) });
    expect(run(world, user, 'kms:Decrypt', key)).toMatchObject({ decision: 'allowed', reasons: ['identity-allow', 'resource-allow'] });
    const noIam = addUser(world, PROD, 'bob', {});
    expect(run(world, noIam, 'kms:Decrypt', key)).toMatchObject({ decision: 'implicitDeny', reasons: ['identity-no-allow'] });
  });
});

describe('derived request context (reference_policies_condition-keys.html)', () => {
  it('derives principal and resource keys, which the caller cannot override', () => {
    const world = baseWorld();
    const role = addRole(world, PROD, 'app', trustAccount(PROD), { all: allowAll }, { path: '/team/', tags: [{ key: 'team', value: 'payments' }], roleId: 'AROAAPP' });
    world.resourceTags = { [`arn:aws:sqs:eu-west-1:${DEV}:q`]: [{ key: 'env', value: 'dev' }] };
    const result = run(world, role, 'sqs:SendMessage', `arn:aws:sqs:eu-west-1:${DEV}:q`, { context: [ctx('aws:PrincipalArn', 'arn:aws:iam::000000000000:role/spoof'), ctx('aws:SourceIp', '10.0.0.1', 'ip')] });
    const value = (key: string) => result.context.find((entry) => entry.key === key)?.values;
    expect(value('aws:PrincipalArn')).toEqual([`arn:aws:iam::${PROD}:role/team/app`]);
    expect(value('aws:PrincipalAccount')).toEqual([PROD]);
    expect(value('aws:PrincipalOrgID')).toEqual([ORG_ID]);
    expect(value('aws:PrincipalOrgPaths')).toEqual([`${ORG_ID}/r-root/ou-root-workload/ou-root-prod/`]);
    expect(value('aws:PrincipalType')).toEqual(['AssumedRole']);
    expect(value('aws:userid')).toEqual(['AROAAPP:lzsim-session']);
    expect(value('aws:username')).toBeUndefined();
    expect(value('aws:PrincipalTag/team')).toEqual(['payments']);
    expect(value('aws:PrincipalIsAWSService')).toEqual(['false']);
    expect(value('aws:ResourceAccount')).toEqual([DEV]);
    expect(value('aws:ResourceOrgPaths')).toEqual([`${ORG_ID}/r-root/ou-root-dev/`]);
    expect(value('aws:ResourceTag/env')).toEqual(['dev']);
    expect(value('aws:SourceIp')).toEqual(['10.0.0.1']);
  });

  it('uses derived keys in conditions and policy variables, which settle the decision', () => {
    const world = baseWorld();
    const user = addUser(world, PROD, 'alice', {
      home: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }),
      tagged: policy({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } }),
    }, { tags: [{ key: 'team', value: 'ops' }] });
    const own = run(world, user, 's3:GetObject', 'arn:aws:s3:::home/alice/notes.txt');
    expect(own.decision).toBe('allowed');
    expect(own.conditionDependent).toBe(false);
    expect(run(world, user, 's3:GetObject', 'arn:aws:s3:::home/bob/notes.txt').decision).toBe('implicitDeny');
    // Conditions on derived keys are settled by the principal: they do not make a decision condition-dependent.
    expect(run(world, user, 'ec2:StartInstances')).toMatchObject({ decision: 'allowed', conditionDependent: false, missingContextValues: [] });
  });

  it('lists statements whose condition did not hold, so people see what a condition changed', () => {
    const world = baseWorld();
    attach(world, 'SCP', 'p-region', policy({ Sid: 'OnlyEu', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }), ['r-root']);
    const user = addUser(world, PROD, 'alice', { all: allowAll });
    const inEu = run(world, user, 'ec2:RunInstances', '*', { context: [ctx('aws:RequestedRegion', 'eu-west-1')] });
    const root = inEu.trace.find((layer) => layer.layer === 'scp' && layer.level?.kind === 'root');
    expect(inEu.decision).toBe('allowed');
    expect(root?.conditionNotMet?.map((statement) => statement.sid)).toEqual(['OnlyEu']);
    const clauses = explainConditions(compileWorld(world), request(user, 'ec2:RunInstances', '*', { context: [ctx('aws:RequestedRegion', 'eu-west-1')] }), inEu, root!.conditionNotMet![0]);
    expect(clauses).toEqual([{ operator: 'StringNotEquals', key: 'aws:RequestedRegion', values: ['eu-west-1'], requestValues: ['eu-west-1'], held: false }]);
    // Absent fields are left out, not undefined (serializers such as superjson would record each undefined value).
    for (const layer of inEu.trace) expect(Object.values(layer)).not.toContain(undefined);
    const outside = run(world, user, 'ec2:RunInstances', '*', { context: [ctx('aws:RequestedRegion', 'us-east-1')] });
    expect(outside.decision).toBe('explicitDeny');
    expect(outside.trace.find((layer) => layer.layer === 'scp' && layer.level?.kind === 'root')?.conditionNotMet).toBeUndefined();
  });
});
