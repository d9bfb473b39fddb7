import 'server-only';
import { parseSharePrincipal } from '../engine/ram/share-principals';

import { randomUUID } from 'node:crypto';
import type { Db, Prisma, PrismaClient } from './client';
import { writeControlTower } from './control-tower-interchange';
import { writeIdentityCenter } from './identity-center';
import type { InterchangeDesign } from './import-export-model';
import { tagsToJson } from './json-values';

// Writes a validated interchange design into a NEW design in one transaction, with one set-based INSERT per table and
// chunk: the rows travel as one JSON parameter that PostgreSQL unpacks with json_to_recordset. Prisma's createMany
// took about 2.5 ms per row here (20 s for a 5,000-account organization); this path writes the same rows in well under
// a second. Row ids are generated here because the rows reference each other.

/** Large imports outlive Prisma's 5 s default for interactive transactions. */
const IMPORT_TRANSACTION_TIMEOUT_MS = 120_000;
/** Rows per INSERT statement (bounds the size of one JSON parameter). */
const CHUNK = 5_000;

/** SQL type of a column: plain types, or an enum type name (cast from text). */
type ColumnType = 'text' | 'jsonb' | 'boolean' | 'integer' | 'timestamp' | { enum: string };

/** Inserts `rows` into `table`; every row has exactly the keys of `columns`. Table and column names are ours, never input. */
async function bulkInsert(tx: Prisma.TransactionClient, table: string, columns: Record<string, ColumnType>, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const quoted = names.map((name) => `"${name}"`).join(', ');
  const recordType = names.map((name) => {
    const type = columns[name];
    return `"${name}" ${typeof type === 'object' || type === 'timestamp' ? 'text' : type}`;
  }).join(', ');
  const selected = names.map((name) => {
    const type = columns[name];
    if (typeof type === 'object') return `t."${name}"::"${type.enum}"`;
    if (type === 'timestamp') return `t."${name}"::timestamp(3)`;
    return `t."${name}"`;
  }).join(', ');
  const sql = `INSERT INTO "${table}" (${quoted}) SELECT ${selected} FROM json_to_recordset($1::json) AS t(${recordType})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + CHUNK)));
  }
}

const TEXT = 'text' as const;

/** RAM shares with their resources, principals (invitations included) and permissions. */
async function writeResourceShares(tx: Prisma.TransactionClient, design: InterchangeDesign, accountRowIds: Map<string, string>): Promise<void> {
  const shares: Record<string, unknown>[] = [];
  const resources: Record<string, unknown>[] = [];
  const principals: Record<string, unknown>[] = [];
  const permissions: Record<string, unknown>[] = [];
  for (const share of design.resourceShares ?? []) {
    const id = randomUUID();
    shares.push({ id, ownerAccountId: accountRowIds.get(share.ownerAccountId)!, arn: share.arn, name: share.name, region: share.region, allowExternalPrincipals: share.allowExternalPrincipals, status: share.status, tags: tagsToJson(share.tags) });
    for (const r of share.resources) resources.push({ id: randomUUID(), shareId: id, resourceArn: r.arn, resourceType: r.type });
    for (const p of share.principals) {
      const parsed = parseSharePrincipal(p.principal);
      principals.push({
        id: randomUUID(), shareId: id, principal: p.principal, principalType: 'kind' in parsed ? parsed.kind : 'ACCOUNT', status: p.status,
        invitationArn: p.invitationArn, invitationStatus: p.invitationStatus, statusMessage: p.statusMessage,
      });
    }
    for (const p of share.permissions) permissions.push({ id: randomUUID(), shareId: id, resourceType: p.resourceType, permissionArn: p.permissionArn, permissionVersion: p.permissionVersion });
  }
  await bulkInsert(tx, 'ResourceShare', {
    id: TEXT, ownerAccountId: TEXT, arn: TEXT, name: TEXT, region: TEXT, allowExternalPrincipals: 'boolean', status: { enum: 'ResourceShareStatus' }, tags: JSONB,
  }, shares);
  await bulkInsert(tx, 'ResourceShareResource', { id: TEXT, shareId: TEXT, resourceArn: TEXT, resourceType: TEXT }, resources);
  await bulkInsert(tx, 'ResourceSharePrincipal', {
    id: TEXT, shareId: TEXT, principal: TEXT, principalType: { enum: 'ResourceSharePrincipalType' }, status: { enum: 'ResourceShareAssociationStatus' },
    invitationArn: TEXT, invitationStatus: { enum: 'ResourceShareInvitationStatus' }, statusMessage: TEXT,
  }, principals);
  await bulkInsert(tx, 'ResourceSharePermission', { id: TEXT, shareId: TEXT, resourceType: TEXT, permissionArn: TEXT, permissionVersion: 'integer' }, permissions);
  const customer = (design.ramPermissions ?? []).map((p) => ({
    id: randomUUID(), ownerAccountId: accountRowIds.get(p.ownerAccountId)!, arn: p.arn, name: p.name, region: p.region, resourceType: p.resourceType,
    versions: p.versions.map((v) => ({ version: v.version, policyTemplate: v.policyTemplate, createdAt: '' })), defaultVersion: p.defaultVersion, tags: tagsToJson(p.tags),
  }));
  await bulkInsert(tx, 'RamCustomerPermission', { id: TEXT, ownerAccountId: TEXT, arn: TEXT, name: TEXT, region: TEXT, resourceType: TEXT, versions: JSONB, defaultVersion: 'integer', tags: JSONB }, customer);
}
const JSONB = 'jsonb' as const;

/** VPC endpoints (describe-vpc-endpoints), one row each under its owner account. */
async function writeVpcEndpoints(tx: Prisma.TransactionClient, design: InterchangeDesign, accountRowIds: Map<string, string>): Promise<void> {
  await bulkInsert(tx, 'VpcEndpoint', { id: TEXT, accountId: TEXT, endpointId: TEXT, endpointType: TEXT, vpcId: TEXT, serviceName: TEXT, policyDocument: TEXT },
    (design.vpcEndpoints ?? []).map((endpoint) => ({
      id: randomUUID(), accountId: accountRowIds.get(endpoint.ownerAccountId)!, endpointId: endpoint.id, endpointType: endpoint.type,
      vpcId: endpoint.vpcId, serviceName: endpoint.serviceName, policyDocument: endpoint.policyDocument,
    })));
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
  await tx.design.create({ data: { id: designId, name, description, ...(design.quotaOverrides ? { quotaOverrides: design.quotaOverrides } : {}) }, select: { id: true } });

  // Organization first (its management account row comes later), then root, OUs parents first, accounts.
  const organizationId = randomUUID();
  const rootRowId = randomUUID();
  if (design.organization) {
    await tx.organization.create({
      data: { id: organizationId, designId, awsId: design.organization.awsId, featureSet: design.organization.featureSet },
      select: { id: true },
    });
    await bulkInsert(tx, 'OrganizationServiceAccess', { id: TEXT, organizationId: TEXT, servicePrincipal: TEXT },
      design.organization.serviceAccessPrincipals.map((servicePrincipal) => ({ id: randomUUID(), organizationId, servicePrincipal })));
  }
  if (design.organization && design.root) {
    await tx.root.create({
      data: { id: rootRowId, organizationId, awsId: design.root.awsId, name: design.root.name, tags: tagsToJson(design.root.tags) },
      select: { id: true },
    });
    await bulkInsert(tx, 'RootPolicyType', { id: TEXT, rootId: TEXT, type: { enum: 'OrganizationsPolicyType' }, status: { enum: 'PolicyTypeStatus' } },
      design.root.policyTypes.map((t) => ({ id: randomUUID(), rootId: rootRowId, type: t.type, status: t.status })));
  }
  const rootAwsId = design.root?.awsId;
  const ouRowIds = new Map<string, string>();
  for (const ou of design.ous) ouRowIds.set(ou.awsId, randomUUID());
  await bulkInsert(tx, 'OrganizationalUnit', { id: TEXT, rootId: TEXT, parentOuId: TEXT, awsId: TEXT, name: TEXT, tags: JSONB },
    design.ous.map((ou) => ({
      id: ouRowIds.get(ou.awsId)!,
      rootId: rootRowId,
      parentOuId: ou.parentId === rootAwsId ? null : ouRowIds.get(ou.parentId)!,
      awsId: ou.awsId,
      name: ou.name,
      tags: tagsToJson(ou.tags),
    })));

  const accountRowIds = new Map<string, string>();
  for (const account of design.accounts) accountRowIds.set(account.accountId, randomUUID());
  await bulkInsert(tx, 'Account', {
    id: TEXT, designId: TEXT, accountId: TEXT, name: TEXT, email: TEXT, joinedMethod: { enum: 'AccountJoinedMethod' },
    status: { enum: 'AccountStatus' }, joinedAt: 'timestamp', parentRootId: TEXT, parentOuId: TEXT, tags: JSONB,
    otherOrganizationId: TEXT, s3PublicAccessBlock: JSONB,
  }, design.accounts.map((account) => ({
    id: accountRowIds.get(account.accountId)!,
    designId,
    accountId: account.accountId,
    name: account.name,
    email: account.email,
    joinedMethod: account.joinedMethod,
    status: account.status,
    joinedAt: account.joinedAt,
    parentRootId: account.parentId !== null && account.parentId === rootAwsId ? rootRowId : null,
    parentOuId: account.parentId !== null && account.parentId !== rootAwsId ? ouRowIds.get(account.parentId)! : null,
    tags: tagsToJson(account.tags),
    otherOrganizationId: account.parentId === null ? account.otherOrganizationId ?? null : null,
    s3PublicAccessBlock: account.s3PublicAccessBlock ?? null,
  })));
  if (design.organization) {
    await tx.organization.update({
      where: { id: organizationId },
      data: { managementAccountId: accountRowIds.get(design.organization.managementAccountId)! },
      select: { id: true },
    });
  }

  // Organizations policies and their attachments.
  if (design.organization) {
    const policyRowIds = new Map<string, string>();
    for (const policy of design.policies) policyRowIds.set(policy.awsId, randomUUID());
    const now = new Date().toISOString();
    await bulkInsert(tx, 'OrganizationPolicy', {
      id: TEXT, organizationId: TEXT, awsId: TEXT, type: { enum: 'OrganizationsPolicyType' }, name: TEXT, description: TEXT,
      content: TEXT, awsManaged: 'boolean', tags: JSONB, updatedAt: 'timestamp',
    }, design.policies.map((policy) => ({
      id: policyRowIds.get(policy.awsId)!,
      organizationId,
      awsId: policy.awsId,
      type: policy.type,
      name: policy.name,
      description: policy.description,
      content: policy.content,
      awsManaged: policy.awsManaged,
      tags: tagsToJson(policy.tags),
      updatedAt: now,
    })));
    await bulkInsert(tx, 'PolicyAttachment', { id: TEXT, policyId: TEXT, rootId: TEXT, ouId: TEXT, accountId: TEXT },
      design.policies.flatMap((policy) =>
        policy.targetIds.map((targetId) => ({
          id: randomUUID(),
          policyId: policyRowIds.get(policy.awsId)!,
          rootId: targetId === rootAwsId ? rootRowId : null,
          ouId: ouRowIds.get(targetId) ?? null,
          accountId: accountRowIds.get(targetId) ?? null,
        }))));
    await bulkInsert(tx, 'DelegatedAdministrator', { id: TEXT, organizationId: TEXT, accountId: TEXT, servicePrincipal: TEXT },
      design.delegatedAdministrators.map((d) => ({ id: randomUUID(), organizationId, accountId: accountRowIds.get(d.accountId)!, servicePrincipal: d.servicePrincipal })));
  }

  // IAM: managed policies and versions, then principals, then what links them.
  const managedRowIds = new Map<string, string>();
  for (const policy of design.managedPolicies) managedRowIds.set(policy.arn, randomUUID());
  await bulkInsert(tx, 'IamManagedPolicy', {
    id: TEXT, designId: TEXT, accountId: TEXT, scope: { enum: 'IamPolicyScope' }, arn: TEXT, name: TEXT, path: TEXT, policyId: TEXT, description: TEXT,
  }, design.managedPolicies.map((policy) => ({
    id: managedRowIds.get(policy.arn)!,
    designId,
    accountId: policy.accountId ? accountRowIds.get(policy.accountId)! : null,
    scope: policy.scope,
    arn: policy.arn,
    name: policy.name,
    path: policy.path,
    policyId: policy.policyId,
    description: policy.description,
  })));
  await bulkInsert(tx, 'IamManagedPolicyVersion', { id: TEXT, policyId: TEXT, versionId: TEXT, document: TEXT, isDefault: 'boolean', createDate: 'timestamp' },
    design.managedPolicies.flatMap((policy) =>
      policy.versions.map((v) => ({
        id: randomUUID(), policyId: managedRowIds.get(policy.arn)!, versionId: v.versionId, document: v.document, isDefault: v.isDefault, createDate: v.createDate,
      }))));

  const users: Record<string, unknown>[] = [];
  const groups: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const memberships: Record<string, unknown>[] = [];
  const attachments: Record<string, unknown>[] = [];
  const inline: Record<string, unknown>[] = [];
  // A boundary that names a policy of the design is linked to it (AWS refuses to delete it while in use); one that
  // names a policy outside the design keeps its ARN.
  const boundaryOf = (arn: string | null) =>
    arn === null ? { boundaryPolicyId: null, permissionsBoundaryArn: null }
      : managedRowIds.has(arn) ? { boundaryPolicyId: managedRowIds.get(arn)!, permissionsBoundaryArn: null }
        : { boundaryPolicyId: null, permissionsBoundaryArn: arn };
  const link = (owner: 'userId' | 'groupId' | 'roleId', id: string) => ({ userId: null, groupId: null, roleId: null, [owner]: id });
  for (const [accountId, accountIam] of Object.entries(design.iam)) {
    const accountRowId = accountRowIds.get(accountId)!;
    const groupRowIds = new Map<string, string>();
    for (const group of accountIam.groups) {
      const id = randomUUID();
      groupRowIds.set(group.name, id);
      groups.push({ id, accountId: accountRowId, name: group.name, path: group.path, groupId: group.groupId });
      for (const arn of group.attachedPolicyArns) attachments.push({ id: randomUUID(), policyId: managedRowIds.get(arn)!, ...link('groupId', id) });
      for (const p of group.inlinePolicies) inline.push({ id: randomUUID(), name: p.name, document: p.document, ...link('groupId', id) });
    }
    for (const user of accountIam.users) {
      const id = randomUUID();
      users.push({ id, accountId: accountRowId, name: user.name, path: user.path, userId: user.userId, tags: tagsToJson(user.tags), ...boundaryOf(user.permissionsBoundaryArn) });
      for (const group of user.groups) memberships.push({ groupId: groupRowIds.get(group)!, userId: id });
      for (const arn of user.attachedPolicyArns) attachments.push({ id: randomUUID(), policyId: managedRowIds.get(arn)!, ...link('userId', id) });
      for (const p of user.inlinePolicies) inline.push({ id: randomUUID(), name: p.name, document: p.document, ...link('userId', id) });
    }
    for (const role of accountIam.roles) {
      const id = randomUUID();
      roles.push({
        id, accountId: accountRowId, name: role.name, path: role.path, roleId: role.roleId, createDate: role.createDate, trustPolicy: role.trustPolicy,
        instanceProfiles: role.instanceProfiles, lastUsedDate: role.lastUsed.lastUsedDate, lastUsedRegion: role.lastUsed.region,
        maxSessionDuration: role.maxSessionDuration ?? 3600,
        tags: tagsToJson(role.tags), ...boundaryOf(role.permissionsBoundaryArn),
      });
      for (const arn of role.attachedPolicyArns) attachments.push({ id: randomUUID(), policyId: managedRowIds.get(arn)!, ...link('roleId', id) });
      for (const p of role.inlinePolicies) inline.push({ id: randomUUID(), name: p.name, document: p.document, ...link('roleId', id) });
    }
  }
  await bulkInsert(tx, 'IamGroup', { id: TEXT, accountId: TEXT, name: TEXT, path: TEXT, groupId: TEXT }, groups);
  await bulkInsert(tx, 'IamUser', {
    id: TEXT, accountId: TEXT, name: TEXT, path: TEXT, userId: TEXT, tags: JSONB, boundaryPolicyId: TEXT, permissionsBoundaryArn: TEXT,
  }, users);
  await bulkInsert(tx, 'IamRole', {
    id: TEXT, accountId: TEXT, name: TEXT, path: TEXT, roleId: TEXT, createDate: 'timestamp', trustPolicy: TEXT, instanceProfiles: JSONB,
    lastUsedDate: 'timestamp', lastUsedRegion: TEXT, maxSessionDuration: 'integer', tags: JSONB, boundaryPolicyId: TEXT, permissionsBoundaryArn: TEXT,
  }, roles);
  await bulkInsert(tx, 'IamGroupMembership', { groupId: TEXT, userId: TEXT }, memberships);
  await bulkInsert(tx, 'IamPolicyAttachment', { id: TEXT, policyId: TEXT, userId: TEXT, groupId: TEXT, roleId: TEXT }, attachments);
  await bulkInsert(tx, 'IamInlinePolicy', { id: TEXT, name: TEXT, document: TEXT, userId: TEXT, groupId: TEXT, roleId: TEXT }, inline);

  const now = new Date().toISOString();
  await bulkInsert(tx, 'ResourcePolicy', { id: TEXT, accountId: TEXT, resourceArn: TEXT, resourceType: TEXT, document: TEXT, publicAccessBlock: JSONB, tags: JSONB, updatedAt: 'timestamp' },
    design.resourcePolicies.map((p) => ({
      id: randomUUID(),
      accountId: accountRowIds.get(p.accountId)!,
      resourceArn: p.resourceArn,
      resourceType: p.resourceType,
      document: p.document,
      publicAccessBlock: p.publicAccessBlock ?? null,
      tags: tagsToJson(design.resourceTags[p.resourceArn] ?? []),
      updatedAt: now,
    })));
  await writeResourceShares(tx, design, accountRowIds);
  await writeVpcEndpoints(tx, design, accountRowIds);
  // Tags of resources the design holds no policy for (an EC2 instance, a table): kept per design, by ARN.
  const withPolicy = new Set(design.resourcePolicies.map((p) => p.resourceArn));
  await bulkInsert(tx, 'TaggedResource', { id: TEXT, designId: TEXT, resourceArn: TEXT, tags: JSONB },
    Object.entries(design.resourceTags)
      .filter(([arn, tags]) => !withPolicy.has(arn) && tags.length > 0)
      .map(([resourceArn, tags]) => ({ id: randomUUID(), designId, resourceArn, tags: tagsToJson(tags) })));
  if (design.identityCenter) await writeIdentityCenter(tx, designId, accountRowIds, design.identityCenter);
  if (design.controlTower) await writeControlTower(tx, designId, ouRowIds, accountRowIds, design.controlTower);
  return designId;
}
