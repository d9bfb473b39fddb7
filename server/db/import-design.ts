import 'server-only';

import { randomUUID } from 'node:crypto';
import type { Db, Prisma, PrismaClient } from './client';
import type { InterchangeDesign } from './import-export-model';
import { tagsToJson } from './json-values';

// Writes a validated interchange design into a NEW design in one transaction, with one multi-row INSERT per table
// (createMany) instead of one round trip per row: 5,000 accounts and 1,000 OUs take a few dozen statements. Row ids
// are generated here because createMany does not return them and the rows reference each other.

/** Large imports outlive Prisma's 5 s default for interactive transactions. */
const IMPORT_TRANSACTION_TIMEOUT_MS = 120_000;
/** Rows per INSERT: PostgreSQL allows 65,535 bind parameters per statement; the widest row here has ~12 columns. */
const CHUNK = 2_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Creates the design `name` holding everything in `design` (validated beforehand: references resolve, ids are
 * unique). All or nothing: any failure rolls the whole design back. Returns the new design's id.
 */
export async function importDesign(db: Db, name: string, description: string, design: InterchangeDesign): Promise<string> {
  const work = (tx: Prisma.TransactionClient) => writeDesign(tx, name, description, design);
  if ('$transaction' in db) {
    return (db as PrismaClient).$transaction(work, { timeout: IMPORT_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 });
  }
  return work(db);
}

async function writeDesign(tx: Prisma.TransactionClient, name: string, description: string, design: InterchangeDesign): Promise<string> {
  const designId = randomUUID();
  await tx.design.create({ data: { id: designId, name, description }, select: { id: true } });

  // Organization first (its management account row comes later), then root, OUs parents first, accounts.
  const organizationId = randomUUID();
  const rootRowId = randomUUID();
  if (design.organization) {
    await tx.organization.create({
      data: { id: organizationId, designId, awsId: design.organization.awsId, featureSet: design.organization.featureSet },
      select: { id: true },
    });
    await tx.organizationServiceAccess.createMany({
      data: design.organization.serviceAccessPrincipals.map((servicePrincipal) => ({ organizationId, servicePrincipal })),
    });
  }
  if (design.organization && design.root) {
    await tx.root.create({
      data: { id: rootRowId, organizationId, awsId: design.root.awsId, name: design.root.name, tags: tagsToJson(design.root.tags) },
      select: { id: true },
    });
    await tx.rootPolicyType.createMany({ data: design.root.policyTypes.map((t) => ({ rootId: rootRowId, type: t.type, status: t.status })) });
  }
  const rootAwsId = design.root?.awsId;
  const ouRowIds = new Map<string, string>();
  for (const ou of design.ous) ouRowIds.set(ou.awsId, randomUUID());
  await insertChunked(design.ous, (chunk) =>
    tx.organizationalUnit.createMany({
      data: chunk.map((ou) => ({
        id: ouRowIds.get(ou.awsId)!,
        rootId: rootRowId,
        parentOuId: ou.parentId === rootAwsId ? null : ouRowIds.get(ou.parentId)!,
        awsId: ou.awsId,
        name: ou.name,
        tags: tagsToJson(ou.tags),
      })),
    }),
  );

  const accountRowIds = new Map<string, string>();
  for (const account of design.accounts) accountRowIds.set(account.accountId, randomUUID());
  await insertChunked(design.accounts, (chunk) =>
    tx.account.createMany({
      data: chunk.map((account) => ({
        id: accountRowIds.get(account.accountId)!,
        designId,
        accountId: account.accountId,
        name: account.name,
        email: account.email,
        joinedMethod: account.joinedMethod,
        status: account.status,
        joinedAt: account.joinedAt ? new Date(account.joinedAt) : null,
        parentRootId: account.parentId !== null && account.parentId === rootAwsId ? rootRowId : null,
        parentOuId: account.parentId !== null && account.parentId !== rootAwsId ? ouRowIds.get(account.parentId)! : null,
        tags: tagsToJson(account.tags),
      })),
    }),
  );
  if (design.organization) {
    await tx.organization.update({
      where: { id: organizationId },
      data: { managementAccountId: accountRowIds.get(design.organization.managementAccountId)! },
      select: { id: true },
    });
  }

  // Organizations policies and their attachments.
  const policyRowIds = new Map<string, string>();
  for (const policy of design.policies) policyRowIds.set(policy.awsId, randomUUID());
  if (design.organization) {
    await insertChunked(design.policies, (chunk) =>
      tx.organizationPolicy.createMany({
        data: chunk.map((policy) => ({
          id: policyRowIds.get(policy.awsId)!,
          organizationId,
          awsId: policy.awsId,
          type: policy.type,
          name: policy.name,
          description: policy.description,
          content: policy.content,
          awsManaged: policy.awsManaged,
          tags: tagsToJson(policy.tags),
        })),
      }),
    );
    const attachments = design.policies.flatMap((policy) =>
      policy.targetIds.map((targetId) => ({
        policyId: policyRowIds.get(policy.awsId)!,
        rootId: targetId === rootAwsId ? rootRowId : null,
        ouId: ouRowIds.get(targetId) ?? null,
        accountId: accountRowIds.get(targetId) ?? null,
      })),
    );
    await insertChunked(attachments, (chunk) => tx.policyAttachment.createMany({ data: chunk }));
    await tx.delegatedAdministrator.createMany({
      data: design.delegatedAdministrators.map((d) => ({ organizationId, accountId: accountRowIds.get(d.accountId)!, servicePrincipal: d.servicePrincipal })),
    });
  }

  // IAM: managed policies and versions, then principals, then what links them.
  const managedRowIds = new Map<string, string>();
  for (const policy of design.managedPolicies) managedRowIds.set(policy.arn, randomUUID());
  await insertChunked(design.managedPolicies, (chunk) =>
    tx.iamManagedPolicy.createMany({
      data: chunk.map((policy) => ({
        id: managedRowIds.get(policy.arn)!,
        designId,
        accountId: policy.accountId ? accountRowIds.get(policy.accountId)! : null,
        scope: policy.scope,
        arn: policy.arn,
        name: policy.name,
        path: policy.path,
        policyId: policy.policyId,
        description: policy.description,
      })),
    }),
  );
  const versions = design.managedPolicies.flatMap((policy) =>
    policy.versions.map((v) => ({ policyId: managedRowIds.get(policy.arn)!, versionId: v.versionId, document: v.document, isDefault: v.isDefault })),
  );
  await insertChunked(versions, (chunk) => tx.iamManagedPolicyVersion.createMany({ data: chunk }));

  const users: Prisma.IamUserCreateManyInput[] = [];
  const groups: Prisma.IamGroupCreateManyInput[] = [];
  const roles: Prisma.IamRoleCreateManyInput[] = [];
  const memberships: Prisma.IamGroupMembershipCreateManyInput[] = [];
  const attachments: Prisma.IamPolicyAttachmentCreateManyInput[] = [];
  const inline: Prisma.IamInlinePolicyCreateManyInput[] = [];
  // A boundary that names a policy of the design is linked to it (AWS refuses to delete it while in use); one that
  // names a policy outside the design keeps its ARN.
  const boundaryOf = (arn: string | null) =>
    arn === null ? { boundaryPolicyId: null, permissionsBoundaryArn: null }
      : managedRowIds.has(arn) ? { boundaryPolicyId: managedRowIds.get(arn)!, permissionsBoundaryArn: null }
        : { boundaryPolicyId: null, permissionsBoundaryArn: arn };
  for (const [accountId, accountIam] of Object.entries(design.iam)) {
    const accountRowId = accountRowIds.get(accountId)!;
    const groupRowIds = new Map<string, string>();
    for (const group of accountIam.groups) {
      const id = randomUUID();
      groupRowIds.set(group.name, id);
      groups.push({ id, accountId: accountRowId, name: group.name, path: group.path, groupId: group.groupId });
      for (const arn of group.attachedPolicyArns) attachments.push({ policyId: managedRowIds.get(arn)!, groupId: id });
      for (const p of group.inlinePolicies) inline.push({ groupId: id, name: p.name, document: p.document });
    }
    for (const user of accountIam.users) {
      const id = randomUUID();
      users.push({ id, accountId: accountRowId, name: user.name, path: user.path, userId: user.userId, tags: tagsToJson(user.tags), ...boundaryOf(user.permissionsBoundaryArn) });
      for (const group of user.groups) memberships.push({ groupId: groupRowIds.get(group)!, userId: id });
      for (const arn of user.attachedPolicyArns) attachments.push({ policyId: managedRowIds.get(arn)!, userId: id });
      for (const p of user.inlinePolicies) inline.push({ userId: id, name: p.name, document: p.document });
    }
    for (const role of accountIam.roles) {
      const id = randomUUID();
      roles.push({
        id, accountId: accountRowId, name: role.name, path: role.path, roleId: role.roleId, description: role.description,
        trustPolicy: role.trustPolicy, maxSessionDuration: role.maxSessionDuration, tags: tagsToJson(role.tags), ...boundaryOf(role.permissionsBoundaryArn),
      });
      for (const arn of role.attachedPolicyArns) attachments.push({ policyId: managedRowIds.get(arn)!, roleId: id });
      for (const p of role.inlinePolicies) inline.push({ roleId: id, name: p.name, document: p.document });
    }
  }
  await insertChunked(groups, (chunk) => tx.iamGroup.createMany({ data: chunk }));
  await insertChunked(users, (chunk) => tx.iamUser.createMany({ data: chunk }));
  await insertChunked(roles, (chunk) => tx.iamRole.createMany({ data: chunk }));
  await insertChunked(memberships, (chunk) => tx.iamGroupMembership.createMany({ data: chunk }));
  await insertChunked(attachments, (chunk) => tx.iamPolicyAttachment.createMany({ data: chunk }));
  await insertChunked(inline, (chunk) => tx.iamInlinePolicy.createMany({ data: chunk }));

  await insertChunked(design.resourcePolicies, (chunk) =>
    tx.resourcePolicy.createMany({
      data: chunk.map((p) => ({
        accountId: accountRowIds.get(p.accountId)!,
        resourceArn: p.resourceArn,
        resourceType: p.resourceType,
        document: p.document,
        tags: tagsToJson(p.tags),
      })),
    }),
  );
  return designId;
}
