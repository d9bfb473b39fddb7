import 'server-only';

import { provisionIdentityCenter } from '../engine/identity-center/reserved-roles';
import { DEFAULT_IAM_QUOTAS } from '../engine/quotas';
import { GUARDRAIL_POLICY_PREFIX, guardrailStatements, statementControlsOf } from '../engine/control-tower/guardrails';
import { managementPoliciesOf } from '../engine/world/management-policy-index';
import { organizationResourceTags } from '../engine/world/organization-resource-tags';
import { worldAccount } from '../engine/world/world-account';
import { worldVpcEndpoint } from '../engine/aws/bundle/to-world';
import type { AccountIam, AuthzPolicyType, InlinePolicy, ManagedPolicy, Tag, World } from '../engine/types';
import type { Db, Prisma } from './client';
import { loadIdentityCenterModel } from './identity-center';
import { parsePublicAccessBlock, parseTags } from './json-values';
import { permissionVersionsOf } from './ram-queries';
import { vpcEndpointOf, vpcEndpointSelect } from './vpc-endpoints';

// Builds the engine's World (server/engine/types.ts) from a design's rows. The World speaks AWS identifiers
// only: OU and root "ou-…"/"r-…" ids, 12-digit account ids, policy "p-…" ids and ARNs.

const AUTHZ_TYPES: Record<string, AuthzPolicyType> = {
  SERVICE_CONTROL_POLICY: 'SCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
};

const inlineSelect = { select: { name: true, document: true }, orderBy: { name: 'asc' } } satisfies Prisma.IamInlinePolicyFindManyArgs;
const attachedSelect = { select: { policy: { select: { arn: true } } } } satisfies Prisma.IamPolicyAttachmentFindManyArgs;

const worldSelect = {
  quotaOverrides: true,
  organization: {
    select: {
      awsId: true,
      featureSet: true,
      managementAccount: { select: { accountId: true } },
      root: {
        select: {
          awsId: true,
          name: true,
          tags: true,
          policyTypes: { select: { type: true, status: true } },
          ous: { select: { awsId: true, name: true, tags: true, parentOu: { select: { awsId: true } } }, orderBy: { awsId: 'asc' } },
        },
      },
      // Policies of every type: SCPs and RCPs decide, and every policy's tags are its aws:ResourceTag/*.
      policies: {
        select: {
          awsId: true,
          name: true,
          type: true,
          content: true,
          awsManaged: true,
          tags: true,
          attachments: {
            select: { root: { select: { awsId: true } }, ou: { select: { awsId: true } }, account: { select: { accountId: true } } },
            // The same order as readOrgStructure's refresh, so a refreshed world equals a full reload.
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          },
        },
        orderBy: { awsId: 'asc' },
      },
    },
  },
  managedPolicies: {
    select: {
      arn: true,
      name: true,
      scope: true,
      account: { select: { accountId: true } },
      versions: { where: { isDefault: true }, select: { document: true } },
    },
  },
  accounts: {
    orderBy: { accountId: 'asc' },
    select: {
      accountId: true,
      name: true,
      otherOrganizationId: true,
      s3PublicAccessBlock: true,
      tags: true,
      resourceShares: {
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          arn: true,
          name: true,
          region: true,
          allowExternalPrincipals: true,
          resources: { orderBy: { resourceArn: 'asc' }, select: { resourceArn: true, resourceType: true } },
          principals: { orderBy: { principal: 'asc' }, select: { principal: true, status: true } },
          permissions: { orderBy: { resourceType: 'asc' }, select: { resourceType: true, permissionArn: true, permissionVersion: true } },
        },
      },
      ramPermissions: {
        orderBy: { arn: 'asc' },
        select: { arn: true, name: true, region: true, resourceType: true, defaultVersion: true, versions: true },
      },
      vpcEndpoints: { orderBy: { endpointId: 'asc' }, select: vpcEndpointSelect },
      parentRoot: { select: { awsId: true } },
      parentOu: { select: { awsId: true } },
      iamUsers: {
        orderBy: { name: 'asc' },
        select: {
          name: true,
          path: true,
          userId: true,
          tags: true,
          permissionsBoundaryArn: true,
          boundaryPolicy: { select: { arn: true } },
          memberships: { select: { group: { select: { name: true } } } },
          attachments: attachedSelect,
          inlinePolicies: inlineSelect,
        },
      },
      iamGroups: {
        orderBy: { name: 'asc' },
        select: { name: true, path: true, attachments: attachedSelect, inlinePolicies: inlineSelect },
      },
      iamRoles: {
        orderBy: { name: 'asc' },
        select: {
          name: true,
          path: true,
          roleId: true,
          trustPolicy: true,
          maxSessionDuration: true,
          tags: true,
          permissionsBoundaryArn: true,
          boundaryPolicy: { select: { arn: true } },
          attachments: attachedSelect,
          inlinePolicies: inlineSelect,
        },
      },
      resourcePolicies: { orderBy: { resourceArn: 'asc' }, select: { resourceArn: true, document: true, publicAccessBlock: true, tags: true } },
    },
  },
  landingZone: {
    select: { governedRegions: true, regionDenyEnabled: true, enabledControls: { select: { controlIdentifier: true, parameters: true } } },
  },
  taggedResources: { orderBy: { resourceArn: 'asc' }, select: { resourceArn: true, tags: true } },
} satisfies Prisma.DesignSelect;

/**
 * The Control Tower control behind each statement of the design's aws-guardrails-* SCPs, found by statement text
 * among the statements of every control the landing zone has enabled (server/engine/control-tower/guardrails.ts).
 */
function guardrailOrigins(
  landingZone: { governedRegions: string[]; regionDenyEnabled: boolean; enabledControls: { controlIdentifier: string; parameters: unknown }[] } | null,
  organizationId: string | undefined,
) {
  if (!landingZone) return null;
  const controls = landingZone.enabledControls.map((control) => ({
    controlIdentifier: control.controlIdentifier,
    parameters: Array.isArray(control.parameters) ? (control.parameters as { key: string; value: unknown }[]) : [],
  }));
  const { statements, resourceStatements } = guardrailStatements(controls, {
    governedRegions: landingZone.governedRegions, regionDeny: landingZone.regionDenyEnabled, ...(organizationId ? { organizationId } : {}),
  });
  return { SERVICE_CONTROL_POLICY: statements, RESOURCE_CONTROL_POLICY: resourceStatements } as Record<string, typeof statements>;
}

function iamArn(accountId: string, kind: 'user' | 'group' | 'role', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

function inline(rows: { name: string; document: string }[]): InlinePolicy[] {
  return rows.map((row) => ({ name: row.name, document: row.document }));
}

/**
 * The engine's World for a design: organization, root and OUs, accounts, SCPs and RCPs with their attachments,
 * each account's IAM, and resource-based policies. Null when there is no design with that id.
 */
export async function loadWorld(db: Db, designId: string): Promise<World | null> {
  const design = await db.design.findUnique({ where: { id: designId }, select: worldSelect });
  if (!design) return null;
  const { organization, accounts } = design;
  const guardrailCandidates = guardrailOrigins(design.landingZone, organization?.awsId);
  const root = organization?.root ?? null;

  const managedByArn = new Map<string, ManagedPolicy & { ownerAccountId?: string }>();
  for (const policy of design.managedPolicies) {
    const version = policy.versions[0];
    if (!version) throw new Error(`Managed policy ${policy.arn} has no default version.`);
    managedByArn.set(policy.arn, {
      arn: policy.arn,
      name: policy.name,
      document: version.document,
      ownerAccountId: policy.account?.accountId,
    });
  }
  const toManaged = ({ arn, name, document }: ManagedPolicy): ManagedPolicy => ({ arn, name, document });

  const iam: Record<string, AccountIam> = {};
  const resourceTags: Record<string, Tag[]> = {};
  for (const account of accounts) {
    const id = account.accountId;
    const referencedArns = new Set<string>();
    const attached = (rows: { policy: { arn: string } }[]) =>
      rows.map((row) => {
        referencedArns.add(row.policy.arn);
        return row.policy.arn;
      });
    const boundary = (row: { boundaryPolicy: { arn: string } | null; permissionsBoundaryArn: string | null }) => {
      const arn = row.boundaryPolicy?.arn ?? row.permissionsBoundaryArn ?? undefined;
      if (arn) referencedArns.add(arn);
      return arn;
    };
    const users = account.iamUsers.map((user) => ({
      arn: iamArn(id, 'user', user.path, user.name),
      name: user.name,
      path: user.path,
      ...(user.userId ? { userId: user.userId } : {}),
      groups: user.memberships.map((m) => m.group.name).sort(),
      attachedPolicyArns: attached(user.attachments),
      inlinePolicies: inline(user.inlinePolicies),
      ...(boundary(user) ? { permissionsBoundaryArn: boundary(user) } : {}),
      tags: parseTags(user.tags, `IAM user ${user.name} of ${id}`),
    }));
    const groups = account.iamGroups.map((group) => ({
      arn: iamArn(id, 'group', group.path, group.name),
      name: group.name,
      path: group.path,
      attachedPolicyArns: attached(group.attachments),
      inlinePolicies: inline(group.inlinePolicies),
    }));
    const roles = account.iamRoles.map((role) => ({
      arn: iamArn(id, 'role', role.path, role.name),
      name: role.name,
      path: role.path,
      ...(role.roleId ? { roleId: role.roleId } : {}),
      trustPolicy: role.trustPolicy,
      attachedPolicyArns: attached(role.attachments),
      inlinePolicies: inline(role.inlinePolicies),
      ...(boundary(role) ? { permissionsBoundaryArn: boundary(role) } : {}),
      tags: parseTags(role.tags, `IAM role ${role.name} of ${id}`),
      maxSessionDuration: role.maxSessionDuration,
    }));
    // The account's own customer-managed policies, and the AWS-managed ones its principals use.
    const managedPolicies = [...managedByArn.values()]
      .filter((policy) => policy.ownerAccountId === id || (policy.ownerAccountId === undefined && referencedArns.has(policy.arn)))
      .map(toManaged)
      .sort((a, b) => a.arn.localeCompare(b.arn));
    iam[id] = { users, groups, roles, managedPolicies };
    for (const resource of account.resourcePolicies) {
      const tags = parseTags(resource.tags, `resource ${resource.resourceArn}`);
      if (tags.length > 0) resourceTags[resource.resourceArn] = tags;
    }
  }
  // Resources with tags and no policy (an EC2 instance): aws:ResourceTag for requests on them.
  for (const resource of design.taggedResources) {
    const tags = parseTags(resource.tags, `resource ${resource.resourceArn}`);
    if (tags.length > 0) resourceTags[resource.resourceArn] ??= tags;
  }

  const managementAccountId = organization?.managementAccount?.accountId;
  if (organization && !managementAccountId) throw new Error(`Organization ${organization.awsId} has no management account.`);

  const authzPolicies = (organization?.policies ?? []).filter((policy) => AUTHZ_TYPES[policy.type]);
  const s3Policies = await loadManagementPolicies(db, designId, 'S3_POLICY', root?.policyTypes ?? [], organization?.policies ?? []);
  const ec2Policies = await loadManagementPolicies(db, designId, 'DECLARATIVE_POLICY_EC2', root?.policyTypes ?? [], organization?.policies ?? []);
  const world: World = {
    ...(organization && root && managementAccountId
      ? {
          organization: {
            id: organization.awsId,
            managementAccountId,
            featureSet: organization.featureSet,
            enabledPolicyTypes: root.policyTypes
              .filter((t) => t.status === 'ENABLED' && AUTHZ_TYPES[t.type])
              .map((t) => AUTHZ_TYPES[t.type])
              .sort(),
          },
        }
      : {}),
    orgUnits: root
      ? [
          { id: root.awsId, name: root.name },
          ...root.ous.map((ou) => ({ id: ou.awsId, name: ou.name, parentId: ou.parentOu?.awsId ?? root.awsId })),
        ]
      : [],
    accounts: accounts.map((account) => worldAccount({
      id: account.accountId, name: account.name, parentId: account.parentOu?.awsId ?? account.parentRoot?.awsId, otherOrganizationId: account.otherOrganizationId,
      s3PublicAccessBlock: parsePublicAccessBlock(account.s3PublicAccessBlock, `account ${account.accountId}`),
    })),
    policies: authzPolicies.map((policy) => ({
      id: policy.awsId,
      name: policy.name,
      type: AUTHZ_TYPES[policy.type],
      document: policy.content,
      awsManaged: policy.awsManaged,
      ...(guardrailCandidates?.[policy.type] && policy.name.startsWith(GUARDRAIL_POLICY_PREFIX)
        ? { statementControls: statementControlsOf(policy.content, guardrailCandidates[policy.type]) }
        : {}),
    })),
    attachments: authzPolicies.flatMap((policy) =>
      policy.attachments.map((a) => ({
        policyId: policy.awsId,
        targetId: a.root?.awsId ?? a.ou?.awsId ?? (a.account?.accountId as string),
      })),
    ),
    ...(s3Policies ? { s3Policies } : {}),
    ...(ec2Policies ? { ec2Policies } : {}),
    iam,
    resourcePolicies: accounts.flatMap((account) =>
      account.resourcePolicies.map((resource) => {
        const publicAccessBlock = parsePublicAccessBlock(resource.publicAccessBlock, resource.resourceArn);
        return { resourceArn: resource.resourceArn, accountId: account.accountId, document: resource.document, ...(publicAccessBlock ? { publicAccessBlock } : {}) };
      }),
    ),
    resourceTags,
    ...(organization && root && managementAccountId
      ? {
          organizationResourceTags: organizationResourceTags({
            organizationId: organization.awsId,
            managementAccountId,
            root: { id: root.awsId, tags: parseTags(root.tags, `root ${root.awsId}`) },
            ous: root.ous.map((ou) => ({ id: ou.awsId, tags: parseTags(ou.tags, `OU ${ou.awsId}`) })),
            accounts: accounts
              .filter((account) => account.parentOu || account.parentRoot)
              .map((account) => ({ id: account.accountId, tags: parseTags(account.tags, `account ${account.accountId}`) })),
            policies: organization.policies.map((policy) => ({
              id: policy.awsId, type: policy.type, awsManaged: policy.awsManaged, tags: parseTags(policy.tags, `policy ${policy.awsId}`),
            })),
          }),
        }
      : {}),
    ramShares: accounts.flatMap((account) =>
      account.resourceShares.map((share) => ({
        arn: share.arn ?? `arn:aws:ram:${share.region ?? 'us-east-1'}:${account.accountId}:resource-share/${share.id}`,
        name: share.name,
        ownerAccountId: account.accountId,
        allowExternalPrincipals: share.allowExternalPrincipals,
        resources: share.resources.map((r) => ({ arn: r.resourceArn, type: r.resourceType })),
        principals: share.principals.map((p) => ({ principal: p.principal, status: p.status })),
        permissions: share.permissions.map((p) => ({ resourceType: p.resourceType, permissionArn: p.permissionArn, ...(p.permissionVersion !== null ? { permissionVersion: p.permissionVersion } : {}) })),
      })),
    ),
    ramPermissions: accounts.flatMap((account) =>
      account.ramPermissions.map((p) => ({
        arn: p.arn, name: p.name, ownerAccountId: account.accountId, region: p.region, resourceType: p.resourceType, defaultVersion: p.defaultVersion,
        versions: permissionVersionsOf(p.versions).map((v) => ({ version: v.version, policyTemplate: v.policyTemplate })),
      })),
    ),
  };
  // Only when there are some: a design without endpoints has the World it had before they were modelled.
  const vpcEndpoints = accounts.flatMap((account) => account.vpcEndpoints.map((row) => worldVpcEndpoint(vpcEndpointOf(row, account.accountId))));
  if (vpcEndpoints.length > 0) world.vpcEndpoints = vpcEndpoints;
  // IAM Identity Center's roles are derived from its assignments, never stored: they join the accounts' roles here.
  const identityCenter = await loadIdentityCenterModel(db, designId);
  if (!identityCenter) return world;
  const awsManagedPolicies = [...managedByArn.values()].filter((policy) => policy.ownerAccountId === undefined).map(toManaged);
  return provisionIdentityCenter({ ...world, identityCenter }, {
    awsManagedPolicies,
    maxManagedPoliciesPerRole: managedPoliciesPerRole(design.quotaOverrides),
  }).world;
}

/** The design's override of IAM's managed-policies-per-role quota (validated by the services that write it), or the default. */
function managedPoliciesPerRole(overrides: Prisma.JsonValue | null): number {
  const value = (overrides as { iam?: { maxManagedPoliciesPerRole?: unknown } } | null)?.iam?.maxManagedPoliciesPerRole;
  return typeof value === 'number' ? value : DEFAULT_IAM_QUOTAS.maxManagedPoliciesPerRole;
}

/**
 * World.s3Policies or World.ec2Policies: the policies of `type` and, in the order they were made across policies (a
 * conflict at one target goes to the first attached), their attachments. Read only while the type is enabled and a
 * policy of it exists.
 */
async function loadManagementPolicies(
  db: Db, designId: string, type: 'S3_POLICY' | 'DECLARATIVE_POLICY_EC2',
  policyTypes: readonly { type: string; status: string }[], policies: readonly { awsId: string; name: string; type: string; content: string }[],
): Promise<World['s3Policies']> {
  const enabled = policyTypes.some((t) => t.type === type && t.status === 'ENABLED');
  if (!enabled || !policies.some((policy) => policy.type === type)) return undefined;
  const attachments = await db.policyAttachment.findMany({
    where: { policy: { type, organization: { designId } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { policy: { select: { awsId: true } }, root: { select: { awsId: true } }, ou: { select: { awsId: true } }, account: { select: { accountId: true } } },
  });
  return managementPoliciesOf(
    type,
    true,
    policies.map((policy) => ({ id: policy.awsId, name: policy.name, type: policy.type, document: policy.content })),
    attachments.map((a) => ({ policyId: a.policy.awsId, targetId: a.root?.awsId ?? a.ou?.awsId ?? (a.account?.accountId as string) })),
  );
}
