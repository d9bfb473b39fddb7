import 'server-only';
import type { Db } from '../db/client';
import * as designs from '../db/designs';
import type { DesignSummaryDto } from '../db/dto';
import type { CreateDesignInput, DesignListItem, DesignSummary, RenameDesignInput } from '../schemas/design';
import type { Actor } from './auth/actor';
import { visibleDesigns } from './auth/design-access';
import { designNotFound, DomainError } from './domain-error';

/** The API's view of a design: an empty description reads as "none". */
function toDesignSummary(design: DesignSummaryDto): DesignSummary {
  return {
    id: design.id,
    name: design.name,
    description: design.description === '' ? null : design.description,
    revision: design.revision,
    createdAt: design.createdAt,
    updatedAt: design.updatedAt,
  };
}

/**
 * Every design the actor may see (all of them when authentication is off), most recently changed first, with how
 * many OUs and accounts it holds and the actor's role on it.
 */
export async function listDesigns(db: Db, actor: Actor = { kind: 'machine' }): Promise<DesignListItem[]> {
  const visible = await visibleDesigns(db, actor);
  const rows = await designs.listDesigns(db, visible ? [...visible.keys()] : undefined);
  return rows.map((row) => ({
    ...toDesignSummary(row),
    counts: { orgUnits: row.ouCount, accounts: row.accountCount },
    role: visible?.get(row.id) ?? 'OWNER',
    viaShareLink: actor.kind === 'share',
  }));
}

/** One design; a DomainError NOT_FOUND when there is none with that id. */
export async function getDesign(db: Db, designId: string): Promise<DesignSummary> {
  const design = await designs.getDesign(db, designId);
  if (!design) throw designNotFound(designId);
  return toDesignSummary(design);
}

/**
 * Creates a design with a new organization (all features, SCPs enabled, FullAWSAccess attached, a management
 * account), in one transaction inside the repository. A taken name is a CONFLICT the form can show.
 */
export async function createDesign(db: Db, input: CreateDesignInput): Promise<DesignSummary> {
  try {
    return toDesignSummary(await designs.createDesign(db, { name: input.name, description: input.description }));
  } catch (error) {
    if (error instanceof designs.DesignNameTakenError) {
      throw new DomainError('CONFLICT', error.message, { cause: error, field: 'name' });
    }
    throw error;
  }
}

/** Renames a design (its name is a label of ours, not part of the AWS organization, so no revision is taken). */
export async function renameDesign(db: Db, input: RenameDesignInput): Promise<DesignSummary> {
  try {
    const design = await designs.renameDesign(db, input.designId, input.name);
    if (!design) throw designNotFound(input.designId);
    return toDesignSummary(design);
  } catch (error) {
    if (error instanceof designs.DesignNameTakenError) {
      throw new DomainError('CONFLICT', error.message, { cause: error, field: 'name' });
    }
    throw error;
  }
}

/** Deletes a design with its organization, IAM and history. NOT_FOUND when it is already gone. */
export async function deleteDesign(db: Db, designId: string): Promise<{ deletedId: string }> {
  if (!(await designs.deleteDesign(db, designId))) throw designNotFound(designId);
  return { deletedId: designId };
}
