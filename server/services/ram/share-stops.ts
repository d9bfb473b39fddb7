import 'server-only';
import { getIamDataCatalog } from '../../catalog/iam-data-source';
import type { Db } from '../../db/client';
import type { Catalog } from '../../engine/catalog/types';
import { shareScpVerdicts } from '../../engine/ram/share-scp-stops';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

/**
 * For every share of the design, what each recipient account's SCPs leave of the share's permission actions (the
 * engine decides; the org graph marks the share edges it stops). Computed on the design's cached compiled world.
 */
export async function shareScpStops(db: Db, designId: string, cache: CompiledWorldCache = compiledWorldCache(), catalog: Catalog = getIamDataCatalog()) {
  const design = await cache.get(db, designId);
  return { revision: design.revision, shares: shareScpVerdicts(design.compiled, catalog) };
}
