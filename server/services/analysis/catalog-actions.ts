// Action autocomplete over the IAM action catalogue: "s3:get" lists s3:GetObject, ...; "s3" or "s3:" lists the
// service's actions; a bare word without a colon also completes service prefixes ("ec" gives ec2:..., ecr:...).
import 'server-only';

import { getIamDataCatalog } from '../../catalog/iam-data-source';
import type { Catalog } from '../../engine/catalog/types';

/** One suggestion. */
export interface ActionSuggestion {
  /** Canonical "service:Action". */
  action: string;
  /** The catalogue's access level. */
  accessLevel: string;
}

/** Up to `limit` catalogued actions whose "service:Action" starts with `prefix` (case-insensitive), sorted. */
export function searchCatalogActions(prefix: string, limit: number, catalog: Catalog = getIamDataCatalog()): { actions: ActionSuggestion[]; truncated: boolean } {
  const query = prefix.trim().toLowerCase();
  if (query === '') return { actions: [], truncated: false };
  const colon = query.indexOf(':');
  const servicePart = colon < 0 ? query : query.slice(0, colon);
  const actionPart = colon < 0 ? '' : query.slice(colon + 1);
  // Without a colon the word may be a whole service ("s3") or the start of several ("ec").
  const services = colon < 0
    ? catalog.serviceKeys().filter((service) => service.startsWith(servicePart))
    : catalog.hasService(servicePart) ? [servicePart] : [];

  const actions: ActionSuggestion[] = [];
  // An exact service match comes first, so "s3" lists s3's actions before s3express's.
  services.sort((a, b) => (a === servicePart ? -1 : b === servicePart ? 1 : a.localeCompare(b)));
  for (const service of services) {
    for (const action of catalog.listActions(service)) {
      if (!action.name.toLowerCase().startsWith(actionPart)) continue;
      if (actions.length === limit) return { actions, truncated: true };
      actions.push({ action: action.id, accessLevel: action.accessLevel });
    }
  }
  return { actions, truncated: false };
}

/** Every service prefix of the catalogue with its number of actions, sorted (the org graph's service overlay). */
export function catalogServices(catalog: Catalog = getIamDataCatalog()): { services: { service: string; actions: number }[] } {
  const services = catalog.serviceKeys().map((service) => ({ service, actions: catalog.listActions(service).length }));
  return { services: services.filter((entry) => entry.actions > 0).sort((a, b) => a.service.localeCompare(b.service)) };
}
