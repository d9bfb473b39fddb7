// IAM Identity Center in the access graph: identity store users and groups, and each permission set in each account it
// is provisioned to, lead to the role IAM Identity Center created there. A user reaches a permission set in an
// account through an assignment to the user or to one of its groups; signing in to the access portal with that
// permission set is an AssumeRoleWithSAML on the role through the account's IAM Identity Center SAML provider
// (singlesignon/latest/userguide/permissionsetsconcept.html, referencingpermissionsets.html). The graph carries those
// hops as edges so that who-can answers read "user alice via group Admins via permission set AdministratorAccess in
// account 111122223333". Only pairs whose provisioning succeeded have a role to lead to.

import type { World } from '../types';
import type { AccessNode, AssumeEdge } from './types';

// Node ids carry the names people know (user names and group and permission set names are unique in their instance),
// so that answers read as "identity-center-user:alice" wherever only the id is at hand (CLI, answer lists).

/** The node id of an identity store user, by user name. */
export function identityCenterUserNodeId(userName: string): string {
  return `identity-center-user:${userName}`;
}

/** The node id of an identity store group, by display name. */
export function identityCenterGroupNodeId(displayName: string): string {
  return `identity-center-group:${displayName}`;
}

/** The node id of a permission set (by name) as provisioned to one account. */
export function permissionSetNodeId(permissionSetName: string, accountId: string): string {
  return `permission-set:${permissionSetName}@${accountId}`;
}

/** True for an edge this module adds (membership, assignment, or the sign-in from a permission set to its role). */
export function isIdentityCenterEdge(edge: AssumeEdge): boolean {
  return edge.action === 'identitystore:GroupMembership' || edge.action === 'sso:AccountAssignment' || edge.from.startsWith('permission-set:');
}

function hop(from: string, to: string, action: AssumeEdge['action'], maxSessionSeconds: number): AssumeEdge {
  return {
    id: `${from} -> ${to}`,
    from,
    to,
    action,
    decision: 'allowed',
    conditions: [],
    suppliedContext: [],
    trustStatements: [],
    chained: false,
    maxSessionSeconds,
    evaluated: false,
  };
}

/** The nodes and edges (keyed by their target, like the graph's `incoming`) Identity Center adds to a world's graph. */
export function identityCenterGraph(world: World, isMember: (accountId: string) => boolean): { nodes: AccessNode[]; incoming: Map<string, AssumeEdge[]> } {
  const model = world.identityCenter;
  const nodes: AccessNode[] = [];
  const incoming = new Map<string, AssumeEdge[]>();
  if (!model) return { nodes, incoming };
  const add = (edge: AssumeEdge) => {
    const list = incoming.get(edge.to);
    if (list) list.push(edge);
    else incoming.set(edge.to, [edge]);
  };
  const owner = model.ownerAccountId;
  const inOrganization = isMember(owner);
  const userName = new Map(model.users.map((user) => [user.userId, user.userName]));
  const groupName = new Map(model.groups.map((group) => [group.groupId, group.displayName]));
  for (const user of model.users) {
    nodes.push({ id: identityCenterUserNodeId(user.userName), kind: 'identity-center-user', name: user.userName, accountId: owner, inOrganization });
  }
  for (const group of model.groups) {
    nodes.push({ id: identityCenterGroupNodeId(group.displayName), kind: 'identity-center-group', name: group.displayName, accountId: owner, inOrganization });
  }
  for (const membership of model.memberships) {
    const user = userName.get(membership.userId);
    const group = groupName.get(membership.groupId);
    if (user && group) add(hop(identityCenterUserNodeId(user), identityCenterGroupNodeId(group), 'identitystore:GroupMembership', 0));
  }
  const permissionSets = new Map(model.permissionSets.map((ps) => [ps.arn, ps]));
  const provisioned = new Map((model.provisioning ?? []).filter((p) => p.status === 'SUCCEEDED').map((p) => [`${p.permissionSetArn}@${p.accountId}`, p]));
  const roles = new Map(Object.values(world.iam).flatMap((iam) => iam.roles.map((role) => [role.arn, role] as const)));
  for (const status of provisioned.values()) {
    const permissionSet = permissionSets.get(status.permissionSetArn);
    const role = roles.get(status.roleArn);
    if (!permissionSet || !role) continue;
    const nodeId = permissionSetNodeId(permissionSet.name, status.accountId);
    nodes.push({ id: nodeId, kind: 'permission-set', name: permissionSet.name, accountId: status.accountId, inOrganization: isMember(status.accountId) });
    add(hop(nodeId, role.arn, 'sts:AssumeRoleWithSAML', role.maxSessionDuration ?? 3600));
  }
  for (const assignment of model.assignments) {
    const permissionSet = permissionSets.get(assignment.permissionSetArn);
    if (!permissionSet || !provisioned.has(`${assignment.permissionSetArn}@${assignment.accountId}`)) continue;
    const principal = assignment.principalType === 'USER' ? userName.get(assignment.principalId) : groupName.get(assignment.principalId);
    if (!principal) continue;
    const from = assignment.principalType === 'USER' ? identityCenterUserNodeId(principal) : identityCenterGroupNodeId(principal);
    add(hop(from, permissionSetNodeId(permissionSet.name, assignment.accountId), 'sso:AccountAssignment', 0));
  }
  return { nodes, incoming };
}
