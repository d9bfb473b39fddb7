import 'server-only';
import type { Db } from '../../db/client';
import { DesignNameTakenError } from '../../db/designs';
import { copyDesign } from '../../db/history-branch';
import { designNotFound, DomainError } from '../domain-error';

/**
 * Branches a design: a full copy (OUs, accounts, policies, attachments, IAM, resource policies, RAM, Control
 * Tower; same AWS ids, new row ids) under a new name, with its own history starting at revision 0.
 */
export async function branchDesign(db: Db, input: { designId: string; newName: string }) {
  try {
    const copy = await copyDesign(db, input.designId, input.newName);
    if (!copy) throw designNotFound(input.designId);
    return { design: copy };
  } catch (error) {
    if (error instanceof DesignNameTakenError) throw new DomainError('CONFLICT', error.message, { cause: error, field: 'newName' });
    throw error;
  }
}
