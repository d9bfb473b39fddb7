// The IAM action catalogue over an injected data source. Services are loaded lazily, one at a time, and kept:
// looking up "s3:GetObject" costs one service file, not all 450; only a wildcard service prefix ("*:List*")
// touches every service.
import { compileGlob, hasWildcard } from '../match/wildcard';
import type { Catalog, CatalogAction, CatalogResourceType, CatalogSource } from './types';

interface LoadedService {
  actions: CatalogAction[];
  byLowerName: Map<string, CatalogAction>;
}

/** Build a catalogue that pulls service data from the source the first time each service is asked about. */
export function createCatalog(source: CatalogSource): Catalog {
  let serviceKeys: string[] | undefined;
  let serviceSet: Set<string> | undefined;
  const services = new Map<string, LoadedService | null>();
  let globalKeys: { exact: Set<string>; prefixes: string[]; all: string[] } | undefined;

  const allServiceKeys = (): string[] => {
    if (!serviceKeys) {
      serviceKeys = [...source.serviceKeys()].map((key) => key.toLowerCase()).sort();
      serviceSet = new Set(serviceKeys);
    }
    return serviceKeys;
  };

  const loadService = (service: string): LoadedService | undefined => {
    const key = service.toLowerCase();
    if (services.has(key)) return services.get(key) ?? undefined;
    allServiceKeys();
    const data = serviceSet!.has(key) ? source.serviceActions(key) : undefined;
    if (!data) {
      services.set(key, null);
      return undefined;
    }
    const actions = data
      .map((action): CatalogAction => ({ ...action, service: key, id: `${key}:${action.name}` }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const loaded = { actions, byLowerName: new Map(actions.map((action) => [action.name.toLowerCase(), action])) };
    services.set(key, loaded);
    return loaded;
  };

  const findAction = (action: string): CatalogAction | undefined => {
    const colon = action.indexOf(':');
    if (colon <= 0) return undefined;
    return loadService(action.slice(0, colon))?.byLowerName.get(action.slice(colon + 1).toLowerCase());
  };

  const loadGlobalKeys = () => {
    if (!globalKeys) {
      const all = [...source.globalConditionKeys()];
      const exact = new Set<string>();
      const prefixes: string[] = [];
      for (const key of all) {
        const slash = key.indexOf('/');
        // "aws:PrincipalTag/tag-key" documents a family of keys: any tag key after the slash.
        if (slash > 0) prefixes.push(key.slice(0, slash + 1).toLowerCase());
        else exact.add(key.toLowerCase());
      }
      globalKeys = { exact, prefixes, all };
    }
    return globalKeys;
  };

  return {
    serviceKeys: () => allServiceKeys(),
    hasService: (service) => {
      allServiceKeys();
      return serviceSet!.has(service.toLowerCase());
    },
    findAction,
    canonicalAction: (action) => findAction(action)?.id,
    expandAction: (pattern) => {
      const colon = pattern.indexOf(':');
      const servicePattern = colon < 0 ? pattern : pattern.slice(0, colon);
      const actionPattern = colon < 0 ? (pattern === '*' ? '*' : '') : pattern.slice(colon + 1);
      if (actionPattern === '') return [];
      const serviceCandidates = hasWildcard(servicePattern)
        ? allServiceKeys().filter(compileGlob(servicePattern, true))
        : [servicePattern.toLowerCase()];
      const matchesAction = compileGlob(actionPattern, true);
      const result: string[] = [];
      for (const service of serviceCandidates) {
        const loaded = loadService(service);
        if (!loaded) continue;
        for (const action of loaded.actions) if (matchesAction(action.name)) result.push(action.id);
      }
      return result;
    },
    listActions: (service) => loadService(service)?.actions ?? [],
    resourceTypes: (action): readonly CatalogResourceType[] => findAction(action)?.resourceTypes ?? [],
    conditionKeys: (action) => {
      const found = findAction(action);
      if (!found) return [];
      const keys = new Set(found.conditionKeys);
      for (const resourceType of found.resourceTypes) for (const key of resourceType.conditionKeys) keys.add(key);
      return [...keys];
    },
    globalConditionKeys: () => loadGlobalKeys().all,
    isGlobalConditionKey: (key) => {
      const { exact, prefixes } = loadGlobalKeys();
      const lower = key.toLowerCase();
      return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix) && lower.length > prefix.length);
    },
  };
}
