// A CatalogSource over data already in memory: for tests, for callers that ship a trimmed catalogue, and for
// any runtime where the data arrives by other means than files.
import type { CatalogActionData, CatalogSource } from './types';

/** In-memory catalogue data: actions per lower-case service prefix, plus the global condition keys. */
export interface StaticCatalogData {
  /** Actions per service prefix. */
  services: Record<string, CatalogActionData[]>;
  /** Global condition keys. */
  globalConditionKeys: string[];
}

/** Wrap in-memory data as a CatalogSource. */
export function createStaticCatalogSource(data: StaticCatalogData): CatalogSource {
  const byLowerKey = new Map(Object.entries(data.services).map(([key, actions]) => [key.toLowerCase(), actions]));
  return {
    serviceKeys: () => [...byLowerKey.keys()],
    serviceActions: (serviceKey) => byLowerKey.get(serviceKey.toLowerCase()),
    globalConditionKeys: () => data.globalConditionKeys,
  };
}
