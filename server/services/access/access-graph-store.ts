// The access graphs of the designs an engine worker (or the request thread) worked on, one revision each (LRU). A
// newer revision updates the previous graph (updateAccessGraph recomputes only the edges an edit can change), so
// editing one trust policy costs the edges into that role, not the whole graph. No database: the caller brings the
// compiled world of the revision.
import 'server-only';

import { buildAccessGraph, updateAccessGraph, type AccessGraph, type CompiledWorld } from '../../engine';

/** Designs whose graph is kept at once. */
const CAPACITY = 4;

/** A design's access graph at one revision. */
export interface DesignAccessGraph {
  revision: number;
  graph: AccessGraph;
}

/** An LRU of access graphs keyed by design id, each valid for one revision. */
export class AccessGraphStore {
  private readonly entries = new Map<string, DesignAccessGraph>();

  /** The access graph of the design at this revision, built or updated from the one kept. Synchronous. */
  graphFor(designId: string, revision: number, compiled: CompiledWorld): DesignAccessGraph {
    const cached = this.entries.get(designId);
    if (cached && cached.revision === revision) return this.touch(designId, cached);
    // An older revision asked after a newer one (a slow request): answer it without replacing the newer graph.
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
