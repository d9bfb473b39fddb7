// updateAccessGraph must give the graph a full build gives: after a trust edit, an identity edit, a new role and a
// removed role, the edges (and their labels) equal those of buildAccessGraph on the edited world.
import { describe, expect, it } from 'vitest';
import { allEdges, buildAccessGraph, shareUnchanged, updateAccessGraph, whoCanDo, whatCanPrincipalReach, type AccessGraph, type World } from '@/server/engine';
import { DEFAULT_SESSION_NAME } from '@/server/engine/world/principals';
import { accountId, syntheticAccessWorld, withEditedTrust } from '../../../bench/synthetic-access-org';

function edgeSet(graph: AccessGraph): string[] {
  return allEdges(graph).map((edge) => `${edge.id} ${edge.decision} ${edge.conditions.map((c) => `${c.key}=${c.values.join('|')}`).join(',')}`).sort();
}

function editAccount(world: World, id: string, edit: (iam: World['iam'][string]) => World['iam'][string]): World {
  return { ...world, iam: { ...world.iam, [id]: edit(world.iam[id]) } };
}

describe('updateAccessGraph', { timeout: 60_000 }, () => {
  const { world, probeRole } = syntheticAccessWorld(24);

  it('after a trust policy edit, equals a full build', () => {
    const edited = withEditedTrust(world, probeRole, JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId(7)}:root` }, Action: 'sts:AssumeRole' }],
    }));
    const updated = updateAccessGraph(buildAccessGraph(world), edited);
    expect(updated.stats.full).toBe(false);
    expect(updated.stats.rolesComputed).toBe(1);
    expect(edgeSet(updated)).toEqual(edgeSet(buildAccessGraph(edited)));
  });

  it('after identity edits, a new role and a removed role, equals a full build', () => {
    const target = accountId(3);
    let edited = editAccount(world, target, (iam) => ({
      ...iam,
      // The peer role loses sts:AssumeRole; a new role trusted by account 5 appears; the audit role disappears.
      roles: [
        ...iam.roles.filter((role) => role.name !== 'AuditRole').map((role) => (role.name === 'PeerRole' ? { ...role, inlinePolicies: [] } : role)),
        {
          arn: `arn:aws:iam::${target}:role/NewRole`, name: 'NewRole', path: '/', attachedPolicyArns: [], inlinePolicies: [], tags: [],
          trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId(5)}:root` }, Action: 'sts:AssumeRole' }] }),
        },
      ],
    }));
    edited = editAccount(edited, accountId(5), (iam) => ({ ...iam, roles: iam.roles.map((role) => (role.name === 'AuditRole' ? { ...role, attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } : role)) }));
    const updated = updateAccessGraph(buildAccessGraph(world), edited);
    expect(updated.stats.full).toBe(false);
    expect(edgeSet(updated)).toEqual(edgeSet(buildAccessGraph(edited)));
  });

  it('after a reload from the database (a world sharing no object), recomputes only the edited role once shareUnchanged restores sharing', () => {
    const edited = withEditedTrust(world, probeRole, JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId(7)}:root` }, Action: 'sts:AssumeRole' }],
    }));
    const reloaded = structuredClone(edited);
    const shared = shareUnchanged(reloaded, world);
    const editedAccount = probeRole.split(':')[4];
    for (const [id, iam] of Object.entries(shared.iam)) expect(iam === world.iam[id]).toBe(id !== editedAccount);
    expect(shared.policies).toBe(world.policies);
    expect(shared.iam[editedAccount]).toEqual(edited.iam[editedAccount]);
    const updated = updateAccessGraph(buildAccessGraph(world), shared);
    expect(updated.stats.full).toBe(false);
    expect(updated.stats.rolesComputed).toBe(1);
    expect(edgeSet(updated)).toEqual(edgeSet(buildAccessGraph(edited)));
    // Nothing changed: the previous world's parts come back whole.
    expect(shareUnchanged(structuredClone(world), world).iam).toBe(world.iam);
  });

  it('with a trust policy naming an assumed-role session, equals a full build after the session\'s account changes', () => {
    // The index resolves session ARNs to their role by account and name, a lookup made on first need and kept up to
    // date as accounts are patched (reference_policies_elements_principal.html#principal-role-session).
    // The session the graph models for a role is DEFAULT_SESSION_NAME's: a trust policy naming it lets the role in.
    const sessionOf = (i: number) => `arn:aws:sts::${accountId(i)}:assumed-role/PeerRole/${DEFAULT_SESSION_NAME}`;
    const trusting = withEditedTrust(world, probeRole, JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [sessionOf(6), sessionOf(9)] }, Action: 'sts:AssumeRole' }],
    }));
    const graph = buildAccessGraph(trusting);
    expect(edgeSet(graph)).toEqual(edgeSet(buildAccessGraph(trusting)));
    const from = (edges: string[]) => edges.filter((edge) => edge.includes(` -> ${probeRole} `)).map((edge) => edge.split(' -> ')[0]);
    expect(from(edgeSet(graph))).toEqual([`arn:aws:iam::${accountId(6)}:role/PeerRole`, `arn:aws:iam::${accountId(9)}:role/PeerRole`]);
    // Account 6's peer role loses its permission to assume roles; account 9's is removed and comes back renamed.
    let edited = editAccount(trusting, accountId(6), (iam) => ({ ...iam, roles: iam.roles.map((role) => (role.name === 'PeerRole' ? { ...role, inlinePolicies: [] } : role)) }));
    edited = editAccount(edited, accountId(9), (iam) => ({ ...iam, roles: iam.roles.filter((role) => role.name !== 'PeerRole') }));
    const updated = updateAccessGraph(graph, edited);
    expect(updated.stats.full).toBe(false);
    expect(edgeSet(updated)).toEqual(edgeSet(buildAccessGraph(edited)));
    expect(from(edgeSet(updated))).toEqual([]);
    // In one edit, account 9's peer role comes back and the trust policy names sessions of accounts 9 and 10.
    let restored = editAccount(edited, accountId(9), () => trusting.iam[accountId(9)]);
    restored = withEditedTrust(restored, probeRole, JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [sessionOf(9), sessionOf(10)] }, Action: 'sts:AssumeRole' }],
    }));
    const again = updateAccessGraph(updated, restored);
    expect(edgeSet(again)).toEqual(edgeSet(buildAccessGraph(restored)));
    expect(from(edgeSet(again))).toEqual([`arn:aws:iam::${accountId(9)}:role/PeerRole`, `arn:aws:iam::${accountId(10)}:role/PeerRole`]);
  });

  it('with a trust policy naming a session by another name, keeps the session-named edge equal to a full build as its role changes', () => {
    // Only a session of that name matches (reference_policies_elements_principal.html#principal-role-session): the
    // edge comes from the role, conditional on its session's name, and follows the role's identity edits.
    const named = `arn:aws:sts::${accountId(6)}:assumed-role/PeerRole/alice@example.com`;
    const trusting = withEditedTrust(world, probeRole, JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: named }, Action: 'sts:AssumeRole' }],
    }));
    const into = (graph: AccessGraph) => allEdges(graph).filter((edge) => edge.to === probeRole)
      .map((edge) => `${edge.from} ${edge.decision} ${edge.conditions.map((c) => `${c.kind}=${c.values.join('|')}`).join(',')}`);
    const graph = buildAccessGraph(trusting);
    expect(into(graph)).toEqual([`arn:aws:iam::${accountId(6)}:role/PeerRole conditional sessionName=alice@example.com`]);
    const lost = editAccount(trusting, accountId(6), (iam) => ({ ...iam, roles: iam.roles.map((role) => (role.name === 'PeerRole' ? { ...role, inlinePolicies: [] } : role)) }));
    const updated = updateAccessGraph(graph, lost);
    expect(updated.stats.full).toBe(false);
    expect(into(updated)).toEqual([]);
    expect(edgeSet(updated)).toEqual(edgeSet(buildAccessGraph(lost)));
    const again = updateAccessGraph(updated, trusting);
    expect(into(again)).toEqual([`arn:aws:iam::${accountId(6)}:role/PeerRole conditional sessionName=alice@example.com`]);
    expect(edgeSet(again)).toEqual(edgeSet(buildAccessGraph(trusting)));
  });

  it('consumes the previous graph', () => {
    const first = buildAccessGraph(world);
    updateAccessGraph(first, withEditedTrust(world, probeRole, '{"Version":"2012-10-17","Statement":[]}'));
    expect(() => allEdges(first)).toThrow(/consumed/);
  });

  it('answers who-can through a chain and what a principal can reach', () => {
    const graph = buildAccessGraph(world);
    // The pipeline role of Shared Services reaches every DeployRole in one hop; management's admins reach the peer roles.
    const reach = whatCanPrincipalReach(graph, `arn:aws:iam::${accountId(2)}:role/Pipeline`);
    expect(reach.filter((path) => path.to.endsWith(':role/DeployRole')).length).toBe(24);
    const result = whoCanDo(graph, { action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:eu-west-1:${accountId(9)}:table/app-10`, context: [{ key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' }] });
    const direct = result.answers.find((answer) => answer.principal === `arn:aws:iam::${accountId(9)}:role/App10`);
    expect(direct?.path.hopCount).toBe(0);
    expect(direct?.lastHop.decision).toBe('allowed');
    // A table has no resource policy here, so a management admin cannot reach it across accounts directly
    // (reference_policies_evaluation-logic-cross-account.html); it gets there by assuming a role of account 9.
    const admin = result.answers.find((answer) => answer.principal === `arn:aws:iam::${accountId(0)}:user/admin-0`);
    expect(admin?.path.hopCount).toBe(1);
    expect(admin?.actingPrincipal).toMatch(new RegExp(`^arn:aws:iam::${accountId(9)}:role/`));
    expect(admin?.lastHop.decision).toBe('allowed');
  });
});
