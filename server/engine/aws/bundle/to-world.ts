// The engine's World from the bundle model: a pure function, so simulate on a bundle and the design imported from
// it are built from the same facts. Mirrors server/db/world.ts, which builds the World of a stored design.
import { provisionIdentityCenter } from '../../identity-center/reserved-roles';
import type { AccountIam, AuthzPolicyType, ManagedPolicy, VpcEndpoint, World } from '../../types';
import { managementPoliciesOf } from '../../world/management-policy-index';
import { organizationResourceTags } from '../../world/organization-resource-tags';
import { worldAccount } from '../../world/world-account';
import { requireCatalogue, type ControlCatalogue } from './control-catalogue';
import type { InterchangeDesign, InterchangeVpcEndpoint } from './model';

const AUTHZ_TYPES: Readonly<Record<string, AuthzPolicyType>> = {
  SERVICE_CONTROL_POLICY: 'SCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
};

const iamArn = (accountId: string, kind: 'user' | 'group' | 'role', path: string, name: string) => `arn:aws:iam::${accountId}:${kind}${path}${name}`;

/**
 * The World the engine evaluates for a design: only SCPs and RCPs of the Organizations policies grant or deny. The
 * Control Tower catalogue is needed only when the design has a landing zone.
 */
export function designToWorldWith(design: InterchangeDesign, controlCatalogue: ControlCatalogue | undefined): World {
  const { organization, root } = design;
  const managedByArn = new Map<string, { policy: ManagedPolicy; ownerAccountId: string | null }>();
  for (const policy of design.managedPolicies) {
    const version = policy.versions.find((v) => v.isDefault);
    if (version) managedByArn.set(policy.arn, { policy: { arn: policy.arn, name: policy.name, document: version.document }, ownerAccountId: policy.accountId });
  }

  const iam: Record<string, AccountIam> = {};
  for (const account of design.accounts) {
    const id = account.accountId;
    const entities = design.iam[id] ?? { users: [], groups: [], roles: [] };
    const referenced = new Set<string>();
    const use = (arns: string[]) => {
      for (const arn of arns) referenced.add(arn);
      return [...arns];
    };
    const boundary = (arn: string | null) => {
      if (arn === null) return {};
      referenced.add(arn);
      return { permissionsBoundaryArn: arn };
    };
    iam[id] = {
      users: entities.users.map((user) => ({
        arn: iamArn(id, 'user', user.path, user.name),
        name: user.name,
        path: user.path,
        ...(user.userId ? { userId: user.userId } : {}),
        groups: [...user.groups],
        attachedPolicyArns: use(user.attachedPolicyArns),
        inlinePolicies: user.inlinePolicies.map((p) => ({ ...p })),
        ...boundary(user.permissionsBoundaryArn),
        tags: user.tags.map((t) => ({ ...t })),
      })),
      groups: entities.groups.map((group) => ({
        arn: iamArn(id, 'group', group.path, group.name),
        name: group.name,
        path: group.path,
        attachedPolicyArns: use(group.attachedPolicyArns),
        inlinePolicies: group.inlinePolicies.map((p) => ({ ...p })),
      })),
      roles: entities.roles.map((role) => ({
        arn: iamArn(id, 'role', role.path, role.name),
        name: role.name,
        path: role.path,
        ...(role.roleId ? { roleId: role.roleId } : {}),
        trustPolicy: role.trustPolicy,
        attachedPolicyArns: use(role.attachedPolicyArns),
        inlinePolicies: role.inlinePolicies.map((p) => ({ ...p })),
        ...boundary(role.permissionsBoundaryArn),
        tags: role.tags.map((t) => ({ ...t })),
        ...(role.maxSessionDuration !== null ? { maxSessionDuration: role.maxSessionDuration } : {}),
      })),
      // The account's own customer-managed policies, and the AWS-managed ones its principals use.
      managedPolicies: [...managedByArn.values()]
        .filter(({ policy, ownerAccountId }) => ownerAccountId === id || (ownerAccountId === null && referenced.has(policy.arn)))
        .map(({ policy }) => ({ ...policy })),
    };
  }

  const authzPolicies = design.policies.filter((policy) => AUTHZ_TYPES[policy.type]);
  // list-targets-for-policy gives no attachment times: each policy's targets in the order the bundle lists them.
  const typedPolicies = design.policies.map((policy) => ({ id: policy.awsId, name: policy.name, type: policy.type, document: policy.content }));
  const policyAttachments = design.policies.flatMap((policy) => policy.targetIds.map((targetId) => ({ policyId: policy.awsId, targetId })));
  const enabledType = (type: string) => root?.policyTypes.some((t) => t.type === type && t.status === 'ENABLED') === true;
  const s3Policies = managementPoliciesOf('S3_POLICY', enabledType('S3_POLICY'), typedPolicies, policyAttachments);
  const ec2Policies = managementPoliciesOf('DECLARATIVE_POLICY_EC2', enabledType('DECLARATIVE_POLICY_EC2'), typedPolicies, policyAttachments);

  // The statements the landing zone's enabled controls deploy, so that the trace of an aws-guardrails SCP names the
  // control behind each statement, as for a stored design (server/db/world.ts). The decisions come from the SCP text.
  const ct = design.controlTower;
  const catalogue = ct ? requireCatalogue(controlCatalogue) : undefined;
  const guardrails = ct && catalogue
    ? catalogue.guardrailStatements(ct.enabledControls, {
      governedRegions: ct.governedRegions, regionDeny: ct.regionDeny, ...(design.organization ? { organizationId: design.organization.awsId } : {}),
    })
    : null;
  const world: World = {
    orgUnits: root ? [{ id: root.awsId, name: root.name }, ...design.ous.map((ou) => ({ id: ou.awsId, name: ou.name, parentId: ou.parentId }))] : [],
    accounts: design.accounts.map((account) => worldAccount({ id: account.accountId, ...account })),
    policies: authzPolicies.map((policy) => ({
      id: policy.awsId, name: policy.name, type: AUTHZ_TYPES[policy.type], document: policy.content, awsManaged: policy.awsManaged,
      ...(guardrails && catalogue && policy.name.startsWith(catalogue.guardrailPolicyPrefix)
        ? { statementControls: catalogue.statementControlsOf(policy.content, policy.type === 'SERVICE_CONTROL_POLICY' ? guardrails.statements : guardrails.resourceStatements) }
        : {}),
    })),
    attachments: authzPolicies.flatMap((policy) => policy.targetIds.map((targetId) => ({ policyId: policy.awsId, targetId }))),
    ...(s3Policies ? { s3Policies } : {}),
    ...(ec2Policies ? { ec2Policies } : {}),
    iam,
    resourcePolicies: design.resourcePolicies.map((p) => ({
      resourceArn: p.resourceArn, accountId: p.accountId, document: p.document, ...(p.publicAccessBlock ? { publicAccessBlock: p.publicAccessBlock } : {}),
    })),
    resourceTags: Object.fromEntries(Object.entries(design.resourceTags).map(([arn, tags]) => [arn, tags.map((t) => ({ ...t }))])),
    ...(design.resourceShares && design.resourceShares.length > 0
      ? {
          ramShares: design.resourceShares.map((share) => ({
            arn: share.arn,
            name: share.name,
            ownerAccountId: share.ownerAccountId,
            allowExternalPrincipals: share.allowExternalPrincipals,
            resources: share.resources.map((r) => ({ ...r })),
            principals: share.principals.map((p) => ({ principal: p.principal, status: p.status })),
            permissions: share.permissions.map((p) => ({ resourceType: p.resourceType, permissionArn: p.permissionArn, ...(p.permissionVersion !== null ? { permissionVersion: p.permissionVersion } : {}) })),
          })),
        }
      : {}),
    ...(design.vpcEndpoints && design.vpcEndpoints.length > 0
      ? {
          vpcEndpoints: design.vpcEndpoints.map(worldVpcEndpoint),
        }
      : {}),
    ...(design.ramPermissions && design.ramPermissions.length > 0
      ? {
          ramPermissions: design.ramPermissions.map((p) => ({
            arn: p.arn, name: p.name, ownerAccountId: p.ownerAccountId, region: p.region, resourceType: p.resourceType,
            defaultVersion: p.defaultVersion, versions: p.versions.map((v) => ({ ...v })),
          })),
        }
      : {}),
  };
  if (organization && root) {
    world.organization = {
      id: organization.awsId,
      managementAccountId: organization.managementAccountId,
      featureSet: organization.featureSet,
      // A type pending enablement is not in force yet (EnablePolicyType); the stored design's World reads the same.
      enabledPolicyTypes: root.policyTypes.filter((t) => t.status === 'ENABLED' && AUTHZ_TYPES[t.type]).map((t) => AUTHZ_TYPES[t.type]).sort(),
    };
    world.organizationResourceTags = organizationResourceTags({
      organizationId: organization.awsId,
      managementAccountId: organization.managementAccountId,
      root: { id: root.awsId, tags: root.tags },
      ous: design.ous.map((ou) => ({ id: ou.awsId, tags: ou.tags })),
      accounts: design.accounts.filter((account) => account.parentId !== null).map((account) => ({ id: account.accountId, tags: account.tags })),
      policies: design.policies.map((policy) => ({ id: policy.awsId, type: policy.type, awsManaged: policy.awsManaged, tags: policy.tags })),
    });
  }
  if (!design.identityCenter) return world;
  // IAM Identity Center's roles derive from its assignments, as for a stored design (server/db/world.ts).
  const ic = design.identityCenter;
  world.identityCenter = {
    instanceArn: ic.instanceArn,
    identityStoreId: ic.identityStoreId,
    name: ic.name,
    region: ic.region,
    ownerAccountId: ic.ownerAccountId,
    users: ic.users.map((u) => ({ userId: u.userId, userName: u.userName, displayName: u.displayName })),
    groups: ic.groups.map((g) => ({ groupId: g.groupId, displayName: g.displayName })),
    memberships: ic.memberships.map((m) => ({ groupId: m.groupId, userId: m.userId })),
    permissionSets: ic.permissionSets.map((ps) => ({
      arn: ps.arn,
      name: ps.name,
      description: ps.description,
      sessionDuration: ps.sessionDuration,
      ...(ps.relayState ? { relayState: ps.relayState } : {}),
      managedPolicyArns: [...ps.managedPolicyArns],
      customerManagedPolicies: ps.customerManagedPolicies.map((r) => ({ ...r })),
      ...(ps.inlinePolicy ? { inlinePolicy: ps.inlinePolicy } : {}),
      ...(ps.permissionsBoundary ? { permissionsBoundary: { ...ps.permissionsBoundary } } : {}),
    })),
    assignments: ic.assignments.map((a) => ({ ...a })),
  };
  const awsManagedPolicies = [...managedByArn.values()].filter((entry) => entry.ownerAccountId === null).map((entry) => ({ ...entry.policy }));
  return provisionIdentityCenter(world, { awsManagedPolicies }).world;
}

/** The engine's VPC endpoint from the model's: no policy stands for AWS's default full-access policy. */
export function worldVpcEndpoint(endpoint: InterchangeVpcEndpoint): VpcEndpoint {
  const { id, ownerAccountId, vpcId, serviceName, type, policyDocument } = endpoint;
  return { id, ownerAccountId, vpcId, serviceName, type, ...(policyDocument !== null ? { policy: policyDocument } : {}) };
}
