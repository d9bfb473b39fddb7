import 'server-only';

import type { Db, Prisma } from './client';
import type { AttachmentDto, OrgTreeDto } from './dto';
import { parseTags } from './json-values';

const treeSelect = {
  id: true,
  name: true,
  description: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
  organization: {
    select: {
      id: true,
      awsId: true,
      featureSet: true,
      managementAccountId: true,
      delegatedAdmins: { select: { accountId: true, servicePrincipal: true } },
      root: {
        select: {
          id: true,
          awsId: true,
          name: true,
          tags: true,
          policyTypes: { select: { type: true, status: true }, orderBy: { type: 'asc' } },
          ous: {
            select: {
              id: true, awsId: true, name: true, parentOuId: true, layoutX: true, layoutY: true, tags: true,
              _count: { select: { enabledControls: true } },
            },
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
          },
        },
      },
      policies: {
        select: {
          id: true,
          awsId: true,
          type: true,
          name: true,
          description: true,
          awsManaged: true,
          content: true,
          attachments: { select: { id: true, rootId: true, ouId: true, accountId: true } },
        },
        orderBy: [{ type: 'asc' }, { name: 'asc' }],
      },
    },
  },
  landingZone: { select: { logArchiveAccountId: true, auditAccountId: true, organizationTrail: true, configEnabled: true } },
  accounts: {
    select: {
      id: true,
      accountId: true,
      name: true,
      email: true,
      joinedMethod: true,
      status: true,
      parentRootId: true,
      parentOuId: true,
      tags: true,
    },
    orderBy: [{ name: 'asc' }, { accountId: 'asc' }],
  },
} satisfies Prisma.DesignSelect;

/**
 * The organization tree of a design in one read: organization, root, OUs, accounts, policy summaries and
 * attachments. Null when there is no design with that id.
 */
export async function loadOrgTree(db: Db, designId: string): Promise<OrgTreeDto | null> {
  const row = await db.design.findUnique({ where: { id: designId }, select: treeSelect });
  if (!row) return null;
  const { organization, accounts, landingZone, ...design } = row;
  const root = organization?.root ?? null;
  const attachments: AttachmentDto[] = (organization?.policies ?? []).flatMap((policy) =>
    policy.attachments.map((a) => ({
      id: a.id,
      policyId: policy.id,
      ...(a.rootId ? { targetKind: 'root' as const, targetId: a.rootId } : a.ouId ? { targetKind: 'ou' as const, targetId: a.ouId } : { targetKind: 'account' as const, targetId: a.accountId as string }),
    })),
  );
  return {
    design,
    organization: organization
      ? { id: organization.id, awsId: organization.awsId, featureSet: organization.featureSet, managementAccountId: organization.managementAccountId }
      : null,
    root: root
      ? { id: root.id, awsId: root.awsId, name: root.name, policyTypes: root.policyTypes, tags: parseTags(root.tags, `root ${root.awsId}`) }
      : null,
    ous: (root?.ous ?? []).map((ou) => ({
      id: ou.id,
      awsId: ou.awsId,
      name: ou.name,
      parentId: ou.parentOuId ?? root!.id,
      parentOuId: ou.parentOuId,
      layout: ou.layoutX !== null && ou.layoutY !== null ? { x: ou.layoutX, y: ou.layoutY } : null,
      tags: parseTags(ou.tags, `OU ${ou.awsId}`),
      enabledControlCount: ou._count.enabledControls,
    })),
    accounts: accounts.map((account) => ({
      id: account.id,
      accountId: account.accountId,
      name: account.name,
      email: account.email,
      joinedMethod: account.joinedMethod,
      status: account.status,
      parentId: account.parentOuId ?? account.parentRootId ?? null,
      isManagementAccount: organization?.managementAccountId === account.id,
      tags: parseTags(account.tags, `account ${account.accountId}`),
    })),
    policies: (organization?.policies ?? []).map((policy) => ({
      id: policy.id,
      awsId: policy.awsId,
      type: policy.type,
      name: policy.name,
      description: policy.description,
      awsManaged: policy.awsManaged,
      contentLength: policy.content.length,
    })),
    attachments,
    landingZoneServiceFacts: {
      logArchiveAccountId: landingZone?.logArchiveAccountId ?? null,
      auditAccountId: landingZone?.auditAccountId ?? null,
      organizationTrail: landingZone?.organizationTrail ?? false,
      configEnabled: landingZone?.configEnabled ?? false,
      delegatedAdmins: organization?.delegatedAdmins ?? [],
    },
  };
}
