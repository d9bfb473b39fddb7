// IAM Identity Center in the access graph: identity store users and groups lead to permission sets in accounts, and
// those to the roles IAM Identity Center created, so who-can answers carry the whole path. AWS pages:
// https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html (assigning a permission set to a
// user or group in an account gives them the role) and referencingpermissionsets.html (the role's name and ARN).
import { describe, expect, it } from 'vitest';
import { buildAccessGraph, provisionIdentityCenter, updateAccessGraph, whoCanDo, type World } from '@/server/engine';
import { DEV_PS, world, WORKLOAD } from './fixture';

const provisioned = (w: World) => provisionIdentityCenter(w).world;

describe('Identity Center in the access graph', () => {
  it('answers who-can with "user via group via permission set in account" paths', () => {
    const graph = buildAccessGraph(provisioned(world('us-east-1')));
    const kinds = [...graph.nodes.values()].map((node) => node.kind);
    expect(kinds).toEqual(expect.arrayContaining(['identity-center-user', 'identity-center-group', 'permission-set']));

    const { answers } = whoCanDo(graph, { action: 'iam:CreateUser', resource: `arn:aws:iam::${WORKLOAD}:user/x` });
    const alice = answers.find((answer) => answer.principal === 'identity-center-user:alice')!;
    expect(alice, JSON.stringify(answers.map((a) => a.principal))).toBeDefined();
    // The assignment to the user herself is the shortest path; through the group it is one hop longer.
    expect(alice.path.hops.map((hop) => graph.nodes.get(hop.edge.to)?.kind ?? 'role')).toEqual(['permission-set', 'role']);
    const group = answers.find((answer) => answer.principal === 'identity-center-group:Admins')!;
    expect(group.path.hops.map((hop) => hop.edge.action)).toEqual(['sso:AccountAssignment', 'sts:AssumeRoleWithSAML']);
    expect(group.actingPrincipal).toMatch(/:role\/aws-reserved\/sso\.amazonaws\.com\/AWSReservedSSO_Admin_[0-9a-f]{16}$/);
    expect(graph.nodes.get(group.path.hops[0].edge.to)).toMatchObject({ kind: 'permission-set', name: 'Admin', accountId: WORKLOAD });
  });

  it('reaches a permission set only through a group when that is the only assignment', () => {
    const base = world('us-east-1');
    const model = base.identityCenter!;
    const onlyGroup = { ...base, identityCenter: { ...model, assignments: model.assignments.filter((a) => a.principalType === 'GROUP') } };
    const graph = buildAccessGraph(provisioned(onlyGroup));
    const { answers } = whoCanDo(graph, { action: 'iam:CreateUser', resource: `arn:aws:iam::${WORKLOAD}:user/x` });
    const alice = answers.find((answer) => answer.principal === 'identity-center-user:alice')!;
    expect(alice.path.hops.map((hop) => hop.edge.action)).toEqual(['identitystore:GroupMembership', 'sso:AccountAssignment', 'sts:AssumeRoleWithSAML']);
    expect(alice.path.hopCount).toBe(3);
  });

  it('keeps the Identity Center edges when the graph is updated, and drops those of a removed assignment', () => {
    const first = provisioned(world('us-east-1'));
    const graph = buildAccessGraph(first);
    const devNode = `permission-set:Developer@${WORKLOAD}`;
    expect(graph.incoming.get(devNode)?.length).toBe(1);
    const model = first.identityCenter!;
    const without = provisioned({ ...world('us-east-1'), identityCenter: { ...model, provisioning: undefined, assignments: model.assignments.filter((a) => a.permissionSetArn !== DEV_PS) } });
    const updated = updateAccessGraph(graph, without);
    expect(updated.nodes.has(devNode)).toBe(false);
    expect(updated.incoming.get(devNode)).toBeUndefined();
    const admin = [...updated.nodes.values()].find((node) => node.kind === 'permission-set')!;
    expect(updated.incoming.get(admin.id)?.map((edge) => edge.from).sort()).toEqual(['identity-center-group:Admins', 'identity-center-user:alice']);
  });
});
