// The last org-wide matrix built per design and assumed context in this process (an engine worker thread: see
// matrix-work.ts), so the next one (a new revision, a preview) is built from it: only the chains a change touches
// are recomputed.
import 'server-only';

import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { buildOrgMatrix, type ContextEntry, type OrgMatrix } from '../../engine';
import type { CompiledDesign } from '../simulation/compiled-world-cache';

const kept = new Map<string, { revision: number; matrix: OrgMatrix }>();
const MATRICES_KEPT = 8;

/** The request context of a region (aws:RequestedRegion), or none. */
export function regionContext(region: string | undefined): ContextEntry[] {
  return region ? [{ key: 'aws:RequestedRegion', values: [region], type: 'string' }] : [];
}

/** The org-wide matrix of a design at its current revision under the region's context. */
export function designMatrix(design: Pick<CompiledDesign, 'designId' | 'revision' | 'compiled'>, region: string | undefined): OrgMatrix {
  const key = `${design.designId}\n${region ?? ''}`;
  const entry = kept.get(key);
  const matrix = entry?.revision === design.revision
    ? entry.matrix
    : buildOrgMatrix(design.compiled, getIamDataCatalog(), { context: regionContext(region) }, entry?.matrix);
  kept.delete(key);
  kept.set(key, { revision: design.revision, matrix });
  if (kept.size > MATRICES_KEPT) kept.delete(kept.keys().next().value!);
  return matrix;
}
