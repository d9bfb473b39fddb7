// The catalogue's actions numbered once (services sorted, each service's actions in catalogue order, so a service
// is a contiguous range) and the action patterns of policies turned into bitsets over those numbers. A pattern is
// matched against the catalogue once per index whatever the number of policies that write it: 2,000 SCPs mostly
// repeat a few hundred patterns.

import type { Catalog, CatalogAction } from '../../catalog/types';
import { isRcpSupportedService } from '../../policy/rcp-services';
import { needsNoPermission } from '../scp-action-matrix';
import { compileGlob, hasWildcard } from '../../match/wildcard';
import { and, andNot, emptyBits, fullBits, not, orInto, setBit, setRange, type Bitset } from './bitset';

/** A service's contiguous range of action indexes. */
export interface ServiceRange {
  /** Lower-case prefix. */
  service: string;
  /** First index. */
  from: number;
  /** One past the last index. */
  to: number;
}

/** Numbered catalogue actions with cached pattern bitsets. */
export class ActionIndex {
  /** Every action, by index. */
  readonly actions: readonly CatalogAction[];
  /** Lower-cased "service:action" by index (what the evaluator's matchers compare). */
  readonly lower: readonly string[];
  /** Services in index order. */
  readonly services: readonly ServiceRange[];
  /** Actions the catalogue lists with resource types (AWS may request them on specific resources). */
  readonly takesResources: Bitset;
  /** Actions of the RCP-supported services. */
  readonly rcpServices: Bitset;
  /** Actions a documented service rule lets every caller perform without any permission (sts:GetCallerIdentity). */
  readonly noPermissionNeeded: Bitset;
  /** Number of actions. */
  readonly size: number;
  /** For each action index, the index of its service in `services`. */
  readonly serviceOfAction: Uint16Array;

  private readonly indexByLower = new Map<string, number>();
  private readonly rangeByService = new Map<string, ServiceRange>();
  private readonly patternCache = new Map<string, Bitset>();
  private readonly complementCache = new WeakMap<Bitset, Bitset>();
  private readonly resourceSplitCache = new WeakMap<Bitset, { withResources: Bitset; withoutResources: Bitset }>();
  private readonly all: Bitset;

  constructor(catalog: Catalog) {
    const actions: CatalogAction[] = [];
    const services: ServiceRange[] = [];
    for (const service of catalog.serviceKeys()) {
      const from = actions.length;
      actions.push(...catalog.listActions(service));
      const range = { service, from, to: actions.length };
      services.push(range);
      this.rangeByService.set(service, range);
    }
    this.actions = actions;
    this.services = services;
    this.size = actions.length;
    this.serviceOfAction = new Uint16Array(this.size);
    services.forEach((range, serviceIndex) => this.serviceOfAction.fill(serviceIndex, range.from, range.to));
    this.lower = actions.map((action) => action.id.toLowerCase());
    this.lower.forEach((name, index) => this.indexByLower.set(name, index));
    this.all = fullBits(this.size);
    this.takesResources = emptyBits(this.size);
    actions.forEach((action, index) => { if (action.resourceTypes.length > 0) setBit(this.takesResources, index); });
    this.noPermissionNeeded = emptyBits(this.size);
    actions.forEach((action, index) => { if (needsNoPermission(action)) setBit(this.noPermissionNeeded, index); });
    this.rcpServices = emptyBits(this.size);
    for (const range of services) if (isRcpSupportedService(range.service)) setRange(this.rcpServices, range.from, range.to);
  }

  /** The index of an action in any letter case, or undefined when the catalogue does not list it. */
  indexOf(action: string): number | undefined {
    return this.indexByLower.get(action.toLowerCase());
  }

  /** The index range of a service prefix (any case), or undefined. */
  serviceRange(service: string): ServiceRange | undefined {
    return this.rangeByService.get(service.toLowerCase());
  }

  /** Every action (shared: never modify). */
  allBits(): Bitset {
    return this.all;
  }

  /**
   * The actions an Action / NotAction list covers (the union of its patterns), with the evaluator's matching:
   * case-insensitive, `*` and `?` wildcards (world/action-matcher.ts). The result is shared: never modify it.
   */
  listBits(patterns: readonly string[]): Bitset {
    if (patterns.length === 1) return this.patternBits(patterns[0]);
    const key = patterns.map((pattern) => pattern.toLowerCase()).sort().join('\n');
    let bits = this.patternCache.get(key);
    if (!bits) {
      bits = emptyBits(this.size);
      for (const pattern of patterns) orInto(bits, this.patternBits(pattern));
      this.patternCache.set(key, bits);
    }
    return bits;
  }

  /** The actions a NotAction list covers: every action outside its patterns (shared: never modify). */
  notListBits(patterns: readonly string[]): Bitset {
    const listed = this.listBits(patterns);
    let bits = this.complementCache.get(listed);
    if (!bits) {
      bits = not(listed, this.size);
      this.complementCache.set(listed, bits);
    }
    return bits;
  }

  /**
   * A set of actions split into those the catalogue lists with resource types and the rest (shared: never modify).
   * Cached by the set's identity, which is stable for the pattern sets above.
   */
  splitByResources(bits: Bitset): { withResources: Bitset; withoutResources: Bitset } {
    let split = this.resourceSplitCache.get(bits);
    if (!split) {
      split = { withResources: and(bits, this.takesResources), withoutResources: andNot(bits, this.takesResources) };
      this.resourceSplitCache.set(bits, split);
    }
    return split;
  }

  /** The actions one pattern covers (shared: never modify). */
  patternBits(pattern: string): Bitset {
    const lower = pattern.toLowerCase();
    let bits = this.patternCache.get(lower);
    if (bits) return bits;
    if (lower === '*') {
      bits = this.all;
    } else {
      bits = emptyBits(this.size);
      const colon = lower.indexOf(':');
      const service = colon < 0 ? undefined : lower.slice(0, colon);
      if (!hasWildcard(lower)) {
        const index = this.indexByLower.get(lower);
        if (index !== undefined) setBit(bits, index);
      } else if (service !== undefined && !hasWildcard(service)) {
        // Only the named service's actions can match.
        const range = this.rangeByService.get(service);
        if (range) {
          if (lower === `${service}:*`) setRange(bits, range.from, range.to);
          else this.matchRange(compileGlob(lower), range.from, range.to, bits);
        }
      } else {
        this.matchRange(compileGlob(lower), 0, this.size, bits);
      }
    }
    this.patternCache.set(lower, bits);
    return bits;
  }

  private matchRange(matches: (candidate: string) => boolean, from: number, to: number, bits: Bitset): void {
    for (let i = from; i < to; i++) if (matches(this.lower[i])) setBit(bits, i);
  }
}

const indexes = new WeakMap<Catalog, ActionIndex>();

/** The action index of a catalogue, built once per catalogue object. */
export function actionIndexOf(catalog: Catalog): ActionIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new ActionIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
