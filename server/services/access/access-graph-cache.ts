// The access graph of each design, kept per design revision in this process. A new revision updates the previous
// graph (updateAccessGraph recomputes only the edges an edit can change) from the compiled world cache's world, so
// editing one trust policy costs the edges into that role, not the whole graph.
import 'server-only';

import type { Db } from '../../db/client';
import { buildAccessGraph, updateAccessGraph, type AccessGraph } from '../../engine';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

/** Designs whose graph is kept at once. */
const CAPACITY = 4;

/** A design's access graph at one revision. */
export interface DesignAccessGraph {
  revision: number;
  graph: AccessGraph;
}

/** An LRU of access graphs keyed by design id, each valid for one revision. */
export class AccessGraphCache {
  private readonly entries = new Map<string, DesignAccessGraph>();

  constructor(private readonly worlds: CompiledWorldCache = compiledWorldCache()) {}

  /** The access graph of the design's current revision; NOT_FOUND for an unknown design. */
  async get(db: Db, designId: string): Promise<DesignAccessGraph> {
    const { compiled, revision } = await this.worlds.get(db, designId);
    // From here on the work is synchronous: no other request can consume the cached graph in between.
    const cached = this.entries.get(designId);
    if (cached && cached.revision === revision) return this.touch(designId, cached);
    if (cached && cached.revision > revision) return { revision, graph: buildAccessGraph(compiled.world, compiled) };
    const graph = cached ? updateAccessGraph(cached.graph, compiled.world) : buildAccessGraph(compiled.world, compiled);
    return this.touch(designId, { revision, graph });
  }

  private touch(designId: string, entry: DesignAccessGraph): DesignAccessGraph {
    this.entries.delete(designId);
    this.entries.set(designId, entry);
    while (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

const globalForCache = globalThis as unknown as { lzsimAccessGraphs?: AccessGraphCache };

/** The process-wide access-graph cache. */
export function accessGraphCache(): AccessGraphCache {
  globalForCache.lzsimAccessGraphs ??= new AccessGraphCache();
  return globalForCache.lzsimAccessGraphs;
}
