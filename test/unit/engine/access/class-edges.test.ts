// The access graph decides principals by class (same account, kind, policies, boundary, tags) and shares decisions
// between (class, role) pairs with equal decision signatures. That is only an optimisation: the edges must be exactly
// those the engine gives when every (principal, role) pair is evaluated on its own. These worlds are built to break
// sharing: conditions on aws:PrincipalArn and aws:PrincipalTag, a trust policy naming one role of a class, a policy
// variable in an identity policy's Resource, identity policies that cover some roles and not others, a boundary,
// MFA and ExternalId conditions, and session tags that need sts:TagSession.
import { describe, expect, it } from 'vitest';
import { allEdges, buildAccessGraph, evaluate, whoCanDo, type AccessGraph, type IamRole, type IamUser, type World } from '@/server/engine';
import { evaluateWithWitness } from '@/server/engine/access/conditional-evaluation';
import { assumeEdge } from '@/server/engine/access/assume-edges';
import { identityMayAllow } from '@/server/engine/access/identity-prefilter';
import { trustTargets } from '@/server/engine/access/trust-targets';
import { syntheticAccessWorld } from '../../../bench/synthetic-access-org';

const A = '111100000001';
const B = '111100000002';
const C = '111100000003';
const ORG = 'o-classtest';
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trust = (principal: object | string, condition?: object, action: string | string[] = 'sts:AssumeRole') =>
  doc({ Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) });
const ADMIN = { arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) };
const ASSUME_T = { arn: `arn:aws:iam::${A}:policy/AssumeT`, name: 'AssumeT', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${B}:role/T*` }) };
const BY_NAME = { arn: `arn:aws:iam::${A}:policy/ByName`, name: 'ByName', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/${aws:username}-*' }) };
const NO_TAGS = { arn: `arn:aws:iam::${A}:policy/NoTags`, name: 'NoTags', document: doc({ Effect: 'Deny', Action: 'sts:TagSession', Resource: '*' }) };
const BOUNDARY = { arn: `arn:aws:iam::${A}:policy/Boundary`, name: 'Boundary', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${C}:role/*` }) };

function role(account: string, name: string, trustPolicy: string, attached: string[] = [], extra: Partial<IamRole> = {}): IamRole {
  return { arn: `arn:aws:iam::${account}:role/${name}`, name, path: '/', trustPolicy, attachedPolicyArns: attached, inlinePolicies: [], tags: [], ...extra };
}

function user(account: string, name: string, groups: string[]): IamUser {
  return { arn: `arn:aws:iam::${account}:user/${name}`, name, path: '/', groups, attachedPolicyArns: [], inlinePolicies: [], tags: [] };
}

function trickyWorld(): World {
  const managed = [ADMIN, ASSUME_T, BY_NAME, NO_TAGS, BOUNDARY];
  const sourceRoles = [
    role(A, 'Admin1', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn]),
    role(A, 'Admin2', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn]),
    role(A, 'Admin3', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn]),
    role(A, 'Tagged1', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn], { tags: [{ key: 'team', value: 'blue' }] }),
    role(A, 'Tagged2', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn], { tags: [{ key: 'team', value: 'blue' }] }),
    role(A, 'Narrow1', trust({ Service: 'ec2.amazonaws.com' }), [ASSUME_T.arn]),
    role(A, 'Narrow2', trust({ Service: 'ec2.amazonaws.com' }), [ASSUME_T.arn]),
    role(A, 'NoTags1', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn, NO_TAGS.arn]),
    role(A, 'Bounded1', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn], { permissionsBoundaryArn: BOUNDARY.arn }),
    role(A, 'Bounded2', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn], { permissionsBoundaryArn: BOUNDARY.arn }),
    // Trusted by name inside its own account: the trust policy alone lets it in.
    role(A, 'LocalTarget', trust({ AWS: `arn:aws:iam::${A}:role/Narrow1` })),
  ];
  const targets = (account: string) => [
    role(account, 'TAnyone', trust({ AWS: `arn:aws:iam::${A}:root` })),
    role(account, 'TByArn', trust({ AWS: `arn:aws:iam::${A}:root` }, { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/Admin2` } })),
    role(account, 'TByTag', trust({ AWS: `arn:aws:iam::${A}:root` }, { StringEquals: { 'aws:PrincipalTag/team': 'blue' } })),
    role(account, 'TNamed', trust({ AWS: [`arn:aws:iam::${A}:role/Admin3`, `arn:aws:iam::${A}:role/Narrow2`] })),
    role(account, 'TMfa', trust({ AWS: `arn:aws:iam::${A}:root` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })),
    role(account, 'TExternal', trust({ AWS: `arn:aws:iam::${A}:root` }, { StringEquals: { 'sts:ExternalId': 'x-1' } })),
    role(account, 'TSession', doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } })),
    role(account, 'TOrg', trust('*', { StringEquals: { 'aws:PrincipalOrgID': ORG } })),
    role(account, 'alice-target', trust({ AWS: `arn:aws:iam::${A}:root` })),
    // Trust texts that differ between accounts: by Sid alone (the edges must name each account's Sid), and by a
    // statement naming the role's own account plus an ExternalId value (the edges must carry each account's value).
    role(account, 'TSid', doc({ Sid: `From${account}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' })),
    role(account, 'TTwoStatements', doc(
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `x-${account}` } } },
    )),
  ];
  return {
    organization: { id: ORG, managementAccountId: A, featureSet: 'ALL', enabledPolicyTypes: ['SCP', 'RCP'] },
    orgUnits: [{ id: 'r-ct', name: 'Root' }, { id: 'ou-ct-one', name: 'One', parentId: 'r-ct' }],
    accounts: [{ id: A, name: 'a', parentId: 'r-ct' }, { id: B, name: 'b', parentId: 'ou-ct-one' }, { id: C, name: 'c', parentId: 'ou-ct-one' }],
    policies: [
      { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
      { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RCP', awsManaged: true, document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) },
      // Account C refuses session tags from outside the organization's OU: an RCP that changes only some roles' answers.
      { id: 'p-rcp-tags', name: 'NoTagsIntoC', type: 'RCP', document: doc({ Effect: 'Deny', Principal: '*', Action: 'sts:TagSession', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': C } } }) },
    ],
    attachments: [
      { policyId: 'p-FullAWSAccess', targetId: 'r-ct' }, { policyId: 'p-FullAWSAccess', targetId: 'ou-ct-one' },
      { policyId: 'p-RCPFullAWSAccess', targetId: 'r-ct' }, { policyId: 'p-RCPFullAWSAccess', targetId: 'ou-ct-one' },
      ...[A, B, C].flatMap((id) => [{ policyId: 'p-FullAWSAccess', targetId: id }, { policyId: 'p-RCPFullAWSAccess', targetId: id }]),
      { policyId: 'p-rcp-tags', targetId: C },
    ],
    iam: {
      [A]: {
        users: [user(A, 'alice', ['Named']), user(A, 'bob', ['Named']), user(A, 'carol', ['Named'])],
        groups: [{ arn: `arn:aws:iam::${A}:group/Named`, name: 'Named', path: '/', attachedPolicyArns: [BY_NAME.arn], inlinePolicies: [] }],
        roles: sourceRoles, managedPolicies: managed,
      },
      [B]: { users: [], groups: [], roles: targets(B), managedPolicies: [] },
      [C]: { users: [], groups: [], roles: targets(C), managedPolicies: [] },
    },
    resourcePolicies: [{
      resourceArn: 'arn:aws:s3:::tricky-bucket', accountId: B,
      document: doc(
        { Sid: 'OneAdmin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::tricky-bucket/*', Condition: { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/Admin1` } } },
        { Sid: 'Named', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/Admin3` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::tricky-bucket/*' },
        { Sid: 'Team', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::tricky-bucket/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } },
        { Sid: 'NoBob', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: 's3:*', Resource: 'arn:aws:s3:::tricky-bucket/*' },
      ),
    }],
  };
}

/**
 * Roles with the same trust policy text in several accounts, which a full build asks each class about once per group
 * (same trust text, same RCP chain, same tags): each source principal here tells some of them apart by something the
 * group must not hide. A tag condition (aws:ResourceTag/env, the roles' tags differ), the role's account
 * (aws:ResourceAccount), a Resource naming roles by name across accounts or by account, an RCP on one account only,
 * the management account (RCPs do not apply to its resources), and the role's own account ("*" grants alone there).
 */
function lookAlikeRolesWorld(): World {
  const [M, P, Q, R, S] = ['222200000000', '222200000001', '222200000002', '222200000003', '222200000004'];
  const assume = (name: string, statement: object) => ({ arn: `arn:aws:iam::${M}:policy/${name}`, name, document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }) });
  const policies = [
    ADMIN,
    assume('TagProd', { Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }),
    assume('OnlyP', { Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': P } } }),
    assume('PeerByName', { Resource: 'arn:aws:iam::*:role/Peer*' }),
    assume('AllOfQ', { Resource: `arn:aws:iam::${Q}:role/*` }),
    assume('TwoNames', { Resource: ['arn:aws:iam::*:role/Peer1', `arn:aws:iam::${R}:role/Other1`] }),
  ];
  const sources = policies.map((policy) => role(M, `From${policy.name}`, trust({ Service: 'ec2.amazonaws.com' }), [policy.arn]));
  sources.push(role(M, 'Cleared', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn], { tags: [{ key: 'clearance', value: 'high' }] }));
  const lookAlikes = (account: string) => [
    role(account, 'Peer1', trust({ AWS: `arn:aws:iam::${M}:root` })),
    // Tagged by its own tags in P (the others by the world's resource tags).
    role(account, 'Peer2', trust({ AWS: `arn:aws:iam::${M}:root` }), [], account === P ? { tags: [{ key: 'env', value: 'prod' }] } : {}),
    role(account, 'Other1', trust({ AWS: `arn:aws:iam::${M}:root` })),
    role(account, 'OrgPeer', trust('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-lookalike' } })),
    role(account, 'OrgOther', trust('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-lookalike' } })),
    role(account, 'Worker', trust({ Service: 'lambda.amazonaws.com' })),
    // Trusting one principal by ARN: its identity policy covers the first by name, not the second.
    role(account, 'PeerNamed', trust({ AWS: `arn:aws:iam::${M}:role/FromPeerByName` })),
    role(account, 'OtherNamed', trust({ AWS: `arn:aws:iam::${M}:role/FromPeerByName` })),
  ];
  const tag = (account: string, name: string, env: string) => [`arn:aws:iam::${account}:role/${name}`, [{ key: 'env', value: env }]];
  return {
    organization: { id: 'o-lookalike', managementAccountId: M, featureSet: 'ALL', enabledPolicyTypes: ['SCP', 'RCP'] },
    orgUnits: [{ id: 'r-la', name: 'Root' }, { id: 'ou-la-one', name: 'One', parentId: 'r-la' }],
    // S sits under the root, as M does, with the same RCPs: only being the management account sets M's roles apart.
    accounts: [M, P, Q, R, S].map((id, i) => ({ id, name: `la-${i}`, parentId: i === 0 || i === 4 ? 'r-la' : 'ou-la-one' })),
    policies: [
      { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
      { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', type: 'RCP', awsManaged: true, document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) },
      // On R and S (and M, where RCPs do not apply): their roles take only cleared callers.
      { id: 'p-rcp-cleared', name: 'ClearedOnly', type: 'RCP', document: doc({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/clearance': 'high' } } }) },
    ],
    attachments: [
      { policyId: 'p-FullAWSAccess', targetId: 'r-la' }, { policyId: 'p-FullAWSAccess', targetId: 'ou-la-one' },
      { policyId: 'p-RCPFullAWSAccess', targetId: 'r-la' }, { policyId: 'p-RCPFullAWSAccess', targetId: 'ou-la-one' },
      ...[M, P, Q, R, S].flatMap((id) => [{ policyId: 'p-FullAWSAccess', targetId: id }, { policyId: 'p-RCPFullAWSAccess', targetId: id }]),
      ...[M, R, S].map((id) => ({ policyId: 'p-rcp-cleared', targetId: id })),
    ],
    iam: {
      [M]: {
        users: [], groups: [], managedPolicies: policies,
        roles: [
          ...sources, ...lookAlikes(M),
          // Tell apart the look-alike administrators of P and Q (same policies, same SCPs): by a Principal element,
          // and by a condition on the caller's account.
          role(M, 'NotFromP', doc(
            { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-lookalike' } } },
            { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${P}:root` }, Action: 'sts:AssumeRole' },
          )),
          role(M, 'NotFromPEither', trust('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-lookalike' }, StringNotEquals: { 'aws:PrincipalAccount': P } })),
          // Two trust policies alike but for the principals they name (one shape): each keeps out the other account.
          ...[['GuardedFromP', P], ['GuardedFromQ', Q]].map(([name, denied]) => role(M, name, doc(
            { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${P}:root`, `arn:aws:iam::${Q}:root`] }, Action: 'sts:AssumeRole' },
            { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${denied}:root` }, Action: 'sts:AssumeRole' },
          ))),
        ],
      },
      ...Object.fromEntries([P, Q, R, S].map((id) => [id, { users: [], groups: [], roles: lookAlikes(id), managedPolicies: [ADMIN] }])),
      [P]: {
        users: [], groups: [], managedPolicies: [ADMIN],
        roles: [
          ...lookAlikes(P),
          // May assume some role, not these: only the "*" look-alikes of its own account let it in (by their trust alone).
          role(P, 'Outsider', trust({ Service: 'ec2.amazonaws.com' }), [], {
            inlinePolicies: [{ name: 'Nothing', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/Nothing' }) }],
          }),
          // Reaches the "*" look-alikes of M (RCPs do not apply there), not those of S (same RCPs, which apply).
          role(P, 'MemberAdmin', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn]),
        ],
      },
      [Q]: { users: [], groups: [], managedPolicies: [ADMIN], roles: [...lookAlikes(Q), role(Q, 'MemberAdmin', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn])] },
    },
    resourcePolicies: [],
    resourceTags: Object.fromEntries([tag(P, 'Peer1', 'prod'), tag(Q, 'Peer1', 'dev'), tag(R, 'Peer1', 'prod'), tag(P, 'Other1', 'prod')]),
  };
}

/**
 * Every (principal, role) pair evaluated on its own, among the candidates the graph admits: a principal whose
 * identity policies allow sts:AssumeRole on nothing is left out unless the trust policy names it in its own account.
 */
function pairwiseEdges(graph: AccessGraph): string[] {
  const edges: string[] = [];
  for (const role of graph.index.roles.values()) {
    if (graph.standIns.has(role.arn)) continue;
    const targets = trustTargets(role.trustPolicy);
    const roleAccount = role.arn.split(':')[4];
    // "*" (unnarrowed or narrowed to the role's account) names every principal directly, as an ARN does.
    const wildcardHere = targets.wildcard && (!targets.wildcardAccounts || targets.wildcardAccounts.includes(roleAccount));
    for (const principal of graph.index.principals.values()) {
      if (principal.arn === role.arn) continue;
      const namedHere = principal.accountId === roleAccount && (targets.arns.includes(principal.arn) || wildcardHere);
      if (!namedHere && !identityMayAllow(graph.extended.iam[principal.accountId], principal.entity, 'sts:assumerole')) continue;
      const edge = assumeEdge(graph.compiled, principal.arn, principal.isRole, role);
      if (edge) edges.push(edgeLine(edge));
    }
  }
  return edges.sort();
}

function edgeLine(edge: ReturnType<typeof allEdges>[number]): string {
  const conditions = edge.conditions.map((condition) => `${condition.kind}:${condition.key}=${condition.values.join('|')}`).join(',');
  const statements = edge.trustStatements.map((statement) => `${statement.policyId}#${statement.statementIndex}:${statement.sid ?? ''}`).join(',');
  return `${edge.id} ${edge.decision} [${conditions}] [${statements}] chained=${edge.chained} ${edge.maxSessionSeconds}s`;
}

function graphEdges(graph: AccessGraph): string[] {
  return allEdges(graph).filter((edge) => edge.evaluated).map(edgeLine).sort();
}

describe('access graph by class', { timeout: 60_000 }, () => {
  it('gives every edge pairwise evaluation gives, on a world built to break sharing', () => {
    const graph = buildAccessGraph(trickyWorld());
    const expected = pairwiseEdges(graph);
    expect(graphEdges(graph)).toEqual(expected);
    // The world exercises what it claims to: only Admin2 passes the PrincipalArn condition, only the tagged roles the
    // tag condition, NoTags1 cannot pass session tags, the users reach only the role their name prefixes.
    const into = (name: string) => expected.filter((line) => line.includes(`-> arn:aws:iam::${B}:role/${name} `)).map((line) => line.split(' ')[0].split('/').pop());
    expect(into('TByArn')).toEqual(['Admin2']);
    // The tagged roles pass the tag condition outright; any other role's session passes it only when it was created
    // with the session tag team=blue (id_session-tags.html), so its edge is conditional on that; users have no sessions.
    const allowedInto = (name: string) => expected.filter((line) => line.includes(`-> arn:aws:iam::${B}:role/${name} allowed`)).map((line) => line.split(' ')[0].split('/').pop());
    expect(allowedInto('TByTag').sort()).toEqual(['Tagged1', 'Tagged2']);
    const byTag = expected.filter((line) => line.includes(`-> arn:aws:iam::${B}:role/TByTag conditional`));
    expect(byTag.length).toBeGreaterThan(0);
    expect(byTag.every((line) => line.includes('[sessionTags:aws:PrincipalTag/team=blue]') && line.includes(':role/'))).toBe(true);
    expect(into('TByTag').some((name) => ['alice', 'bob', 'carol'].includes(name!))).toBe(false);
    expect(into('TNamed').sort()).toEqual(['Admin3', 'Narrow2']);
    expect(into('TSession')).not.toContain('NoTags1');
    expect(into('alice-target')).toContain('alice');
    expect(into('alice-target')).not.toContain('bob');
    const sidLines = expected.filter((line) => line.includes(`-> arn:aws:iam::${C}:role/TSid `));
    expect(sidLines.length).toBeGreaterThan(0);
    expect(sidLines.every((line) => line.includes(`:From${C}]`))).toBe(true);
    expect(expected.some((line) => line.includes(`-> arn:aws:iam::${C}:role/TTwoStatements `) && line.includes(`x-${C}`))).toBe(true);
    expect(graph.stats.evaluations).toBeLessThan(graph.stats.candidatePairs);
  });

  it('gives every edge pairwise evaluation gives, on the benchmark organization', () => {
    const graph = buildAccessGraph(syntheticAccessWorld(6).world);
    expect(graphEdges(graph)).toEqual(pairwiseEdges(graph));
  });

  it('shares a class\'s answer only between look-alike roles it cannot tell apart', () => {
    const graph = buildAccessGraph(lookAlikeRolesWorld());
    const expected = pairwiseEdges(graph);
    expect(graphEdges(graph)).toEqual(expected);
    // The world tells the look-alikes apart as it claims to ("01/Peer1 allowed": role Peer1 of account 222200000001).
    const into = (from: string) => expected.filter((line) => line.startsWith(`arn:aws:iam::222200000000:role/${from} `))
      .map((line) => line.split(' -> ')[1].split(' ').slice(0, 2).join(' ').replace(/^arn:aws:iam::2222000000/, '').replace(':role/', '/')).sort();
    const sameAccountWildcard = ['00/NotFromP allowed', '00/NotFromPEither allowed', '00/OrgOther allowed', '00/OrgPeer allowed'];
    // Tagged prod: allowed; tagged dev and untagged: denied (a role's own tags are its aws:ResourceTag/* keys, so the
    // world says the tag is absent: IAM User Guide access_iam-tags.html).
    expect(into('FromTagProd').filter((line) => line.startsWith('01/') || line.startsWith('02/Peer'))).toEqual([
      '01/Other1 allowed', '01/Peer1 allowed', '01/Peer2 allowed',
    ]);
    expect(into('FromOnlyP')).toEqual([...sameAccountWildcard, '01/OrgOther allowed', '01/OrgPeer allowed', '01/Other1 allowed', '01/Peer1 allowed', '01/Peer2 allowed']);
    // Named by ARN: in its own account the trust policy alone lets it into both; elsewhere its policy decides, and
    // the RCP of R and S keeps it out there.
    expect(into('FromPeerByName')).toEqual([
      ...sameAccountWildcard, '00/OtherNamed allowed', '00/Peer1 allowed', '00/Peer2 allowed', '00/PeerNamed allowed',
      '01/Peer1 allowed', '01/Peer2 allowed', '01/PeerNamed allowed', '02/Peer1 allowed', '02/Peer2 allowed', '02/PeerNamed allowed',
    ]);
    expect(into('FromAllOfQ')).toEqual([...sameAccountWildcard, '02/OrgOther allowed', '02/OrgPeer allowed', '02/Other1 allowed', '02/Peer1 allowed', '02/Peer2 allowed']);
    expect(into('FromTwoNames')).toEqual([...sameAccountWildcard, '00/Peer1 allowed', '01/Peer1 allowed', '02/Peer1 allowed']);
    expect(into('Cleared')).toEqual(expect.arrayContaining(['03/Peer1 allowed', '04/Peer1 allowed']));
    expect(into('FromAdministratorAccess').filter((line) => line.startsWith('03/') || line.startsWith('04/'))).toEqual([]);
    expect(into('FromAdministratorAccess')).toContain('00/Peer1 allowed');
    const targetsOf = (from: string) => expected.filter((line) => line.startsWith(`arn:aws:iam::222200000001:role/${from} `)).map((line) => line.split(' ')[2]);
    expect(targetsOf('Outsider').sort()).toEqual(['arn:aws:iam::222200000001:role/OrgOther', 'arn:aws:iam::222200000001:role/OrgPeer']);
    expect(targetsOf('MemberAdmin')).toContain('arn:aws:iam::222200000000:role/OrgPeer');
    expect(targetsOf('MemberAdmin')).not.toContain('arn:aws:iam::222200000004:role/OrgPeer');
    const reached = (account: string, target: string) => expected.some((line) => line.startsWith(`arn:aws:iam::${account}:role/MemberAdmin -> arn:aws:iam::222200000000:role/${target} `));
    expect([reached('222200000001', 'NotFromP'), reached('222200000002', 'NotFromP')]).toEqual([false, true]);
    expect([reached('222200000001', 'NotFromPEither'), reached('222200000002', 'NotFromPEither')]).toEqual([false, true]);
    expect([reached('222200000001', 'GuardedFromP'), reached('222200000001', 'GuardedFromQ')]).toEqual([false, true]);
    expect([reached('222200000002', 'GuardedFromP'), reached('222200000002', 'GuardedFromQ')]).toEqual([true, false]);
    // The workers (no policy of their own) are let into their own account's "*" roles by the trust policy alone.
    expect(expected.filter((line) => line.startsWith('arn:aws:iam::222200000002:role/Worker ')).map((line) => line.split(' ')[2].split('/').pop()).sort()).toEqual(['OrgOther', 'OrgPeer']);
  });

  it('answers who-can as pairwise evaluation does, each member with its own trace', () => {
    const graph = buildAccessGraph(trickyWorld());
    const query = { action: 's3:GetObject', resource: 'arn:aws:s3:::tricky-bucket/report.csv', resourceAccount: B };
    const result = whoCanDo(graph, query);
    const direct = result.answers.filter((answer) => answer.path.hopCount === 0);
    const expected: string[] = [];
    for (const principal of graph.index.principals.values()) {
      const request = { principalArn: principal.arn, action: query.action, resource: query.resource, resourceAccount: B, context: [] };
      const outcome = evaluateWithWitness(graph.compiled, request);
      if (outcome.decision !== 'denied') expected.push(`${principal.arn} ${outcome.decision}`);
    }
    expect(direct.map((answer) => `${answer.principal} ${answer.decision}`).sort()).toEqual(expected.sort());
    expect(direct.map((answer) => answer.principal.split('/').pop()).sort()).toEqual(['Admin1', 'Admin3', 'Tagged1', 'Tagged2']);
    for (const answer of direct) {
      const own = evaluate(graph.compiled, { principalArn: answer.principal, action: query.action, resource: query.resource, resourceAccount: B, context: answer.suppliedContext });
      expect(answer.lastHop).toEqual(own);
    }
    expect(result.engineEvaluations).toBeLessThanOrEqual(result.evaluated);
  });

  it('answers who-can as pairwise evaluation does when look-alike classes of several accounts share a question', () => {
    const graph = buildAccessGraph(lookAlikeRolesWorld());
    const queries = [
      // A Deny naming account P's root: P's administrators differ from Q's, whose policies and SCPs are the same.
      { action: 'sts:AssumeRole', resource: 'arn:aws:iam::222200000000:role/NotFromP' },
      // A condition on aws:PrincipalAccount tells them apart too.
      { action: 'sts:AssumeRole', resource: 'arn:aws:iam::222200000000:role/NotFromPEither' },
      // An RCP on R that only cleared callers pass; the management account's roles are outside RCPs.
      { action: 'sts:AssumeRole', resource: 'arn:aws:iam::222200000003:role/OrgPeer' },
      { action: 'sts:AssumeRole', resource: 'arn:aws:iam::222200000000:role/Peer1' },
      // A bucket of P without a policy: P's administrators by their identity policy alone, Q's not at all.
      { action: 's3:GetObject', resource: 'arn:aws:s3:::lookalike-bucket/x', resourceAccount: '222200000001' },
    ];
    for (const query of queries) {
      const result = whoCanDo(graph, query);
      const direct = result.answers.filter((answer) => answer.path.hopCount === 0);
      const expected: string[] = [];
      for (const principal of graph.index.principals.values()) {
        const outcome = evaluateWithWitness(graph.compiled, { ...query, principalArn: principal.arn, context: [] });
        if (outcome.decision !== 'denied') expected.push(`${principal.arn} ${outcome.decision}`);
      }
      expect(direct.map((answer) => `${answer.principal} ${answer.decision}`).sort()).toEqual(expected.sort());
      for (const answer of direct) {
        const own = evaluate(graph.compiled, { ...query, principalArn: answer.principal, context: answer.suppliedContext });
        expect(answer.lastHop).toEqual(own);
      }
    }
    expect(whoCanDo(graph, queries[4]).answers.filter((answer) => answer.principal.endsWith(':role/MemberAdmin')).map((answer) => answer.principal.split(':')[4])).toEqual(['222200000001']);
    const admins = (resource: string) => whoCanDo(graph, { action: 'sts:AssumeRole', resource }).answers
      .filter((answer) => answer.path.hopCount === 0 && answer.principal.endsWith(':role/MemberAdmin')).map((answer) => answer.principal.split(':')[4]);
    expect(admins('arn:aws:iam::222200000000:role/NotFromP')).toEqual(['222200000002']);
    expect(admins('arn:aws:iam::222200000000:role/NotFromPEither')).toEqual(['222200000002']);
  });

  it('lists every chain path up to the cap, fewest hops first, and says when it cut', () => {
    const graph = buildAccessGraph(syntheticAccessWorld(6).world);
    const query = { action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:eu-west-1:200000000004:table/app-10', context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const }] };
    const all = whoCanDo(graph, { ...query, maxChainPaths: 100_000 });
    expect(all.truncated).toBe(false);
    const chains = all.answers.filter((answer) => answer.path.hopCount > 0);
    // Several principals reach the table through more than one path (e.g. through account 4's admin roles and its peer role).
    const perPrincipal = new Map<string, number>();
    for (const answer of chains) perPrincipal.set(answer.principal, (perPrincipal.get(answer.principal) ?? 0) + 1);
    expect([...perPrincipal.values()].some((count) => count > 1)).toBe(true);
    for (const answer of chains) {
      const nodes = [answer.path.from, ...answer.path.hops.map((hop) => hop.edge.to)];
      expect(new Set(nodes).size).toBe(nodes.length);
      expect(answer.path.hops[0].edge.from).toBe(answer.principal);
      expect(answer.actingPrincipal).toBe(answer.path.to);
    }
    expect(chains.map((answer) => answer.path.hopCount)).toEqual([...chains.map((answer) => answer.path.hopCount)].sort((a, b) => a - b));
    const capped = whoCanDo(graph, { ...query, maxChainPaths: 3 });
    expect(capped.truncated).toBe(true);
    expect(capped.answers.filter((answer) => answer.path.hopCount > 0)).toHaveLength(3);
  });

  it('tells apart look-alike principals of outside accounts in different organizations (aws:PrincipalOrgID)', () => {
    // Three outside accounts with the same roles and policies: one in a partner organization the trust and bucket
    // policies grant, one in another organization, one in none. Only the first gets in (condition-keys.html#condition-keys-principalorgid).
    const [granted, other, none] = ['222200000001', '222200000002', '222200000003'];
    const partnerOrg = 'o-partnerorg1';
    const admins = (account: string) => ({ users: [], groups: [], roles: [role(account, 'Admin', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn]), role(account, 'Admin2', trust({ Service: 'ec2.amazonaws.com' }), [ADMIN.arn])], managedPolicies: [ADMIN] });
    const base = trickyWorld();
    const world: World = {
      ...base,
      accounts: [...base.accounts, { id: granted, name: 'partner', organizationId: partnerOrg }, { id: other, name: 'other', organizationId: 'o-otherorg99' }, { id: none, name: 'none' }],
      iam: {
        ...base.iam,
        [granted]: admins(granted), [other]: admins(other), [none]: admins(none),
        [B]: { ...base.iam[B], roles: [...base.iam[B].roles, role(B, 'TTwoOrgs', trust('*', { StringEquals: { 'aws:PrincipalOrgID': [ORG, partnerOrg] } }))] },
      },
      resourcePolicies: [...base.resourcePolicies, {
        resourceArn: 'arn:aws:s3:::two-orgs-bucket', accountId: B,
        document: doc({ Sid: 'TwoOrgs', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::two-orgs-bucket/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': [ORG, partnerOrg] } } }),
      }],
    };
    const graph = buildAccessGraph(world);
    const expected = pairwiseEdges(graph);
    expect(graphEdges(graph)).toEqual(expected);
    const into = expected.filter((line) => line.includes(`-> arn:aws:iam::${B}:role/TTwoOrgs `)).map((line) => line.split(' ')[0].split(':')[4]);
    expect(new Set(into.filter((account) => [granted, other, none].includes(account!)))).toEqual(new Set([granted]));

    const query = { action: 's3:GetObject', resource: 'arn:aws:s3:::two-orgs-bucket/x.csv', resourceAccount: B };
    const direct = whoCanDo(graph, query).answers.filter((answer) => answer.path.hopCount === 0).map((answer) => answer.principal).sort();
    const pairwise = [...graph.index.principals.values()]
      .filter((principal) => evaluateWithWitness(graph.compiled, { principalArn: principal.arn, ...query, context: [] }).decision !== 'denied')
      .map((principal) => principal.arn).sort();
    expect(direct).toEqual(pairwise);
    expect(direct.filter((arn) => [granted, other, none].includes(arn.split(':')[4]))).toEqual([`arn:aws:iam::${granted}:role/Admin`, `arn:aws:iam::${granted}:role/Admin2`]);
  });
});
