// External-access findings of a design (IAM Access Analyzer's semantics, the organization as the zone of trust),
// and archiving them: ArchiveFinding is an edit recorded in the design's history, so it can be undone.
import 'server-only';

import type { z } from 'zod';
import { archivedFindingIds, findArchivedFinding } from '../../db/access-findings';
import type { Db } from '../../db/client';
import { externalAccessFindings } from '../../engine';
import type { archiveFindingInputSchema, AccessFindingDto } from '../../schemas/access';
import { notFound } from '../organizations/aws-errors';
import { runMutation } from '../organizations/mutation';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

type ArchiveInput = z.output<typeof archiveFindingInputSchema>;

/** Every external-access finding of the design, archived ones with status ARCHIVED. */
export async function listFindings(db: Db, designId: string, cache: CompiledWorldCache = compiledWorldCache()): Promise<{ revision: number; findings: AccessFindingDto[] }> {
  // Findings read trust and resource policies one by one (linear in the design), not the access graph.
  const { revision, compiled } = await cache.get(db, designId);
  const archived = await archivedFindingIds(db, designId);
  return { revision, findings: externalAccessFindings(compiled, { analyzedAt: new Date().toISOString(), archived }) };
}

/** Archive a finding (Access Analyzer: UpdateFindings status ARCHIVED); ResourceNotFoundException for an unknown id. */
export async function archiveFinding(db: Db, input: ArchiveInput, cache: CompiledWorldCache = compiledWorldCache()) {
  const finding = (await listFindings(db, input.designId, cache)).findings.find((candidate) => candidate.id === input.findingId);
  if (!finding) throw notFound('ResourceNotFoundException', `There is no finding ${input.findingId} in this design.`);
  return runMutation(db, 'archiveFinding', input, async ({ db: tx, writer }) => {
    if (!(await findArchivedFinding(tx, input.designId, input.findingId))) {
      await writer.create('accessFindingArchive', { designId: input.designId, findingId: input.findingId, resource: finding.resource });
    }
    return { findingId: input.findingId, status: 'ARCHIVED' as const };
  });
}

/** Make an archived finding active again (UpdateFindings status ACTIVE). */
export async function unarchiveFinding(db: Db, input: ArchiveInput) {
  return runMutation(db, 'unarchiveFinding', input, async ({ db: tx, writer }) => {
    const row = await findArchivedFinding(tx, input.designId, input.findingId);
    if (!row) throw notFound('ResourceNotFoundException', `Finding ${input.findingId} is not archived in this design.`);
    await writer.delete('accessFindingArchive', row.id);
    return { findingId: input.findingId, status: 'ACTIVE' as const };
  });
}
