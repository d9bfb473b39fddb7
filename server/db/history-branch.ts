import 'server-only';

import { randomUUID } from 'node:crypto';
import { Prisma, type Db, type PrismaClient } from './client';
import { DesignNameTakenError, isUniqueViolation } from './designs';

// Branching: a deep copy of a design (every row, new row ids, the same AWS ids) so a change can be tried without
// touching the original. The copy starts a history of its own at revision 0: the source's change log refers to
// the source's row ids and is not copied.

type Row = Record<string, unknown>;

interface CopyDelegate {
  findMany(args: { where: unknown }): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
}

/** Tables copied for a design, parents before children, with the columns that hold row ids of other tables. */
function copyPlan(db: Db, designId: string): { name: string; delegate: CopyDelegate; where: unknown; refs: string[]; noId?: boolean }[] {
  const d = (value: unknown) => value as CopyDelegate;
  const org = { organization: { designId } };
  const inAccount = { account: { designId } };
  return [
    { name: 'organization', delegate: d(db.organization), where: { designId }, refs: ['designId'] },
    { name: 'serviceAccess', delegate: d(db.organizationServiceAccess), where: org, refs: ['organizationId'] },
    { name: 'root', delegate: d(db.root), where: org, refs: ['organizationId'] },
    { name: 'rootPolicyType', delegate: d(db.rootPolicyType), where: { root: org }, refs: ['rootId'] },
    { name: 'ou', delegate: d(db.organizationalUnit), where: { root: org }, refs: ['rootId', 'parentOuId'] },
    { name: 'account', delegate: d(db.account), where: { designId }, refs: ['designId', 'parentRootId', 'parentOuId'] },
    { name: 'policy', delegate: d(db.organizationPolicy), where: org, refs: ['organizationId'] },
    { name: 'attachment', delegate: d(db.policyAttachment), where: { policy: org }, refs: ['policyId', 'rootId', 'ouId', 'accountId'] },
    { name: 'delegatedAdmin', delegate: d(db.delegatedAdministrator), where: org, refs: ['organizationId', 'accountId'] },
    { name: 'iamManagedPolicy', delegate: d(db.iamManagedPolicy), where: { designId }, refs: ['designId', 'accountId'] },
    { name: 'iamManagedPolicyVersion', delegate: d(db.iamManagedPolicyVersion), where: { policy: { designId } }, refs: ['policyId'] },
    { name: 'iamUser', delegate: d(db.iamUser), where: inAccount, refs: ['accountId', 'boundaryPolicyId'] },
    { name: 'iamGroup', delegate: d(db.iamGroup), where: inAccount, refs: ['accountId'] },
    { name: 'iamGroupMembership', delegate: d(db.iamGroupMembership), where: { group: inAccount }, refs: ['groupId', 'userId'], noId: true },
    { name: 'iamRole', delegate: d(db.iamRole), where: inAccount, refs: ['accountId', 'boundaryPolicyId'] },
    { name: 'iamPolicyAttachment', delegate: d(db.iamPolicyAttachment), where: { policy: { designId } }, refs: ['policyId', 'userId', 'groupId', 'roleId'] },
    {
      name: 'iamInlinePolicy',
      delegate: d(db.iamInlinePolicy),
      where: { OR: [{ user: inAccount }, { group: inAccount }, { role: inAccount }] },
      refs: ['userId', 'groupId', 'roleId'],
    },
    { name: 'resourcePolicy', delegate: d(db.resourcePolicy), where: inAccount, refs: ['accountId'] },
    { name: 'resourceShare', delegate: d(db.resourceShare), where: { ownerAccount: { designId } }, refs: ['ownerAccountId'] },
    { name: 'resourceShareResource', delegate: d(db.resourceShareResource), where: { share: { ownerAccount: { designId } } }, refs: ['shareId'] },
    { name: 'resourceSharePrincipal', delegate: d(db.resourceSharePrincipal), where: { share: { ownerAccount: { designId } } }, refs: ['shareId'] },
    { name: 'resourceSharePermission', delegate: d(db.resourceSharePermission), where: { share: { ownerAccount: { designId } } }, refs: ['shareId'] },
    { name: 'ramCustomerPermission', delegate: d(db.ramCustomerPermission), where: { ownerAccount: { designId } }, refs: ['ownerAccountId'] },
    { name: 'vpcEndpoint', delegate: d(db.vpcEndpoint), where: inAccount, refs: ['accountId'] },
    {
      name: 'landingZone',
      delegate: d(db.landingZone),
      where: { designId },
      refs: ['designId', 'securityOuId', 'sandboxOuId', 'logArchiveAccountId', 'auditAccountId'],
    },
    { name: 'registeredOu', delegate: d(db.registeredOu), where: { landingZone: { designId } }, refs: ['landingZoneId', 'ouId'] },
    { name: 'enabledControl', delegate: d(db.enabledControl), where: { landingZone: { designId } }, refs: ['landingZoneId', 'targetOuId'] },
    { name: 'enrolledAccount', delegate: d(db.enrolledAccount), where: { landingZone: { designId } }, refs: ['landingZoneId', 'accountId'] },
    { name: 'accessFindingArchive', delegate: d(db.accessFindingArchive), where: { designId }, refs: ['designId'] },
    { name: 'identityCenterInstance', delegate: d(db.identityCenterInstance), where: { designId }, refs: ['designId', 'ownerAccountId'] },
    { name: 'identityStoreUser', delegate: d(db.identityStoreUser), where: { instance: { designId } }, refs: ['instanceId'] },
    { name: 'identityStoreGroup', delegate: d(db.identityStoreGroup), where: { instance: { designId } }, refs: ['instanceId'] },
    {
      name: 'identityStoreGroupMembership',
      delegate: d(db.identityStoreGroupMembership),
      where: { group: { instance: { designId } } },
      refs: ['groupId', 'userId'],
    },
    { name: 'permissionSet', delegate: d(db.permissionSet), where: { instance: { designId } }, refs: ['instanceId'] },
    {
      name: 'accountAssignment',
      delegate: d(db.accountAssignment),
      where: { permissionSet: { instance: { designId } } },
      refs: ['permissionSetId', 'accountId', 'userId', 'groupId'],
    },
    { name: 'taggedResource', delegate: d(db.taggedResource), where: { designId }, refs: ['designId'] },
  ];
}

/** Parents before children, so each OU's parent exists when it is inserted. */
function parentsFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  const depth = (row: Row): number => {
    let n = 0;
    for (let p = row.parentOuId as string | null; p; p = (byId.get(p)?.parentOuId as string | null) ?? null) n += 1;
    return n;
  };
  return [...rows].sort((a, b) => depth(a) - depth(b));
}

/** Json columns come back as values and must go in as input values (a JSON null as Prisma.DbNull). */
function writable(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key === 'quotaOverrides' && value === null ? Prisma.DbNull : value]));
}

/**
 * Copies design `sourceId` into a new design named `newName` (revision 0, same AWS ids, new row ids), in one
 * transaction. Null when the source does not exist; DesignNameTakenError when the name is used.
 */
export async function copyDesign(db: Db, sourceId: string, newName: string): Promise<{ id: string; name: string; revision: number } | null> {
  try {
    const run = <T>(work: (tx: Db) => Promise<T>): Promise<T> =>
      '$transaction' in db
        ? (db as PrismaClient).$transaction((tx: Prisma.TransactionClient) => work(tx), { maxWait: 10_000, timeout: 120_000 })
        : work(db);
    return await run(
      async (tx) => {
        const source = await tx.design.findUnique({ where: { id: sourceId }, select: { description: true, quotaOverrides: true } });
        if (!source) return null;
        const copy = await tx.design.create({
          data: writable({ name: newName, description: source.description, quotaOverrides: source.quotaOverrides }) as Prisma.DesignCreateInput,
          select: { id: true, name: true, revision: true },
        });
        const newIds = new Map<string, string>([[sourceId, copy.id]]);
        const newId = (old: string) => {
          let id = newIds.get(old);
          if (!id) newIds.set(old, (id = `c${randomUUID().replace(/-/g, '')}`));
          return id;
        };
        let managementAccountId: string | null = null;
        for (const table of copyPlan(tx, sourceId)) {
          let rows = await table.delegate.findMany({ where: table.where });
          if (table.name === 'ou') rows = parentsFirst(rows);
          const data = rows.map((row) => {
            const out: Row = { ...row };
            if (!table.noId) out.id = newId(row.id as string);
            for (const ref of table.refs) if (typeof row[ref] === 'string') out[ref] = newId(row[ref] as string);
            if (table.name === 'organization') {
              // The management account is copied later; point the organization at it once it exists.
              managementAccountId = (row.managementAccountId as string | null) ?? null;
              out.managementAccountId = null;
            }
            return out;
          });
          // One statement per batch keeps PostgreSQL's bind-parameter limit out of reach.
          for (let i = 0; i < data.length; i += 2_000) await table.delegate.createMany({ data: data.slice(i, i + 2_000) });
        }
        if (managementAccountId) {
          await tx.organization.update({ where: { designId: copy.id }, data: { managementAccountId: newId(managementAccountId) } });
        }
        return copy;
      },
    );
  } catch (error) {
    if (isUniqueViolation(error, 'name')) throw new DesignNameTakenError(newName);
    throw error;
  }
}
