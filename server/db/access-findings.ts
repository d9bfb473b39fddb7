import 'server-only';

import type { Db } from './client';

// Archived external-access findings of a design (the findings themselves are computed by the engine on demand).

/** The ids of the design's archived findings. */
export async function archivedFindingIds(db: Db, designId: string): Promise<Set<string>> {
  const rows = await db.accessFindingArchive.findMany({ where: { designId }, select: { findingId: true } });
  return new Set(rows.map((row) => row.findingId));
}

/** The archive row of a finding, or null when it is not archived. */
export async function findArchivedFinding(db: Db, designId: string, findingId: string): Promise<{ id: string } | null> {
  return db.accessFindingArchive.findUnique({ where: { designId_findingId: { designId, findingId } }, select: { id: true } });
}
