import 'server-only';

import {
  FULL_AWS_ACCESS,
  newAccountId,
  newOrganizationAwsId,
  newRootAwsId,
} from './aws-identifiers';
import { Prisma, type Db } from './client';
import type { DesignListItemDto, DesignSummaryDto } from './dto';
import { inTransaction } from './transaction';

/** Thrown when a design name is already used (names are unique). */
export class DesignNameTakenError extends Error {
  constructor(name: string) {
    super(`A design named "${name}" already exists: choose another name.`);
    this.name = 'DesignNameTakenError';
  }
}

const designSummarySelect = {
  id: true,
  name: true,
  description: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.DesignSelect;

/** Every design (or those with the given ids), most recently changed first, with the size of its organization. */
export async function listDesigns(db: Db, ids?: string[]): Promise<DesignListItemDto[]> {
  const rows = await db.design.findMany({
    ...(ids ? { where: { id: { in: ids } } } : {}),
    orderBy: [{ updatedAt: 'desc' }, { name: 'asc' }],
    select: {
      ...designSummarySelect,
      _count: { select: { accounts: true } },
      organization: { select: { root: { select: { _count: { select: { ous: true } } } } } },
    },
  });
  return rows.map(({ _count, organization, ...summary }) => ({
    ...summary,
    accountCount: _count.accounts,
    ouCount: organization?.root?._count.ous ?? 0,
  }));
}

/** One design, or null when there is none with that id. */
export async function getDesign(db: Db, id: string): Promise<DesignSummaryDto | null> {
  return db.design.findUnique({ where: { id }, select: designSummarySelect });
}

/** One design by its (unique) name, or null. */
export async function getDesignByName(db: Db, name: string): Promise<DesignSummaryDto | null> {
  return db.design.findUnique({ where: { name }, select: designSummarySelect });
}

/** What a new design starts with. */
export interface CreateDesignInput {
  name: string;
  description?: string;
  /** The management account; a random 12-digit id and the name "Management account" when omitted. */
  managementAccount?: { accountId?: string; name?: string; email?: string };
}

/**
 * Creates a design with what AWS creates for CreateOrganization with all features and SCPs enabled: an
 * organization (feature set ALL), its root with the SCP policy type enabled, the management account under the
 * root, and the AWS-managed FullAWSAccess SCP attached to the root and the management account.
 */
export async function createDesign(db: Db, input: CreateDesignInput): Promise<DesignSummaryDto> {
  try {
    return await inTransaction(db, async (tx) => {
      const design = await tx.design.create({
        data: { name: input.name, description: input.description ?? '' },
        select: designSummarySelect,
      });
      const organization = await tx.organization.create({
        data: { designId: design.id, awsId: newOrganizationAwsId(), featureSet: 'ALL' },
        select: { id: true },
      });
      const root = await tx.root.create({
        data: {
          organizationId: organization.id,
          awsId: newRootAwsId(),
          policyTypes: { create: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] },
        },
        select: { id: true },
      });
      const management = await tx.account.create({
        data: {
          designId: design.id,
          accountId: input.managementAccount?.accountId ?? newAccountId(),
          name: input.managementAccount?.name ?? 'Management account',
          email: input.managementAccount?.email ?? null,
          joinedMethod: 'CREATED',
          status: 'ACTIVE',
          parentRootId: root.id,
        },
        select: { id: true },
      });
      await tx.organization.update({ where: { id: organization.id }, data: { managementAccountId: management.id } });
      await tx.organizationPolicy.create({
        data: {
          organizationId: organization.id,
          awsId: FULL_AWS_ACCESS.awsId,
          type: 'SERVICE_CONTROL_POLICY',
          name: FULL_AWS_ACCESS.name,
          description: FULL_AWS_ACCESS.description,
          content: FULL_AWS_ACCESS.content,
          awsManaged: true,
          attachments: { create: [{ rootId: root.id }, { accountId: management.id }] },
        },
      });
      return design;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'name')) throw new DesignNameTakenError(input.name);
    throw error;
  }
}

/** Renames a design; null when there is no such design, DesignNameTakenError when another design has the name. */
export async function renameDesign(db: Db, id: string, name: string): Promise<DesignSummaryDto | null> {
  try {
    const { count } = await db.design.updateMany({ where: { id }, data: { name } });
    return count === 0 ? null : getDesign(db, id);
  } catch (error) {
    if (isUniqueViolation(error, 'name')) throw new DesignNameTakenError(name);
    throw error;
  }
}

/** Deletes a design and everything in it. Returns false when there was no such design. */
export async function deleteDesign(db: Db, id: string): Promise<boolean> {
  const { count } = await db.design.deleteMany({ where: { id } });
  return count > 0;
}

/**
 * True for a unique-constraint violation (P2002) that involves `field`. The pg adapter reports either the
 * columns or only the index name ("Design_name_key"), so both are checked.
 */
export function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  const meta = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } }
    | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const fields = meta?.target ?? constraint?.fields;
  if (Array.isArray(fields)) return fields.some((f) => String(f).replace(/"/g, '') === field);
  const index = typeof constraint?.index === 'string' ? constraint.index : typeof fields === 'string' ? fields : '';
  return index.split('_').includes(field);
}
