// The AWS service principals a design's policies name (Principal {"Service": ...} in resource-based, key and trust
// policies): the services that can be callers in it. The effective view offers them beside the IAM users and roles.

import type { PolicySource, World } from '../types';
import { isServicePrincipalName } from '../world/principals';

/** A service principal and how many policies of the world name it. */
export interface NamedServicePrincipal {
  /** The service principal's name, as the policies write it ("cloudtrail.amazonaws.com"). */
  name: string;
  /** How many resource-based, key or trust policies name it in an Allow statement. */
  policies: number;
}

/** Every service principal the Allow statements of the world's resource-based, key and trust policies name, most-named first, then by name. */
export function namedServicePrincipals(world: World): NamedServicePrincipal[] {
  const counts = new Map<string, number>();
  const count = (document: PolicySource) => {
    for (const name of allowedServicesIn(document)) counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  for (const policy of world.resourcePolicies) count(policy.document);
  for (const account of Object.values(world.iam)) for (const role of account.roles) count(role.trustPolicy);
  return [...counts.entries()]
    .map(([name, policies]) => ({ name, policies }))
    .sort((a, b) => b.policies - a.policies || a.name.localeCompare(b.name));
}

/**
 * The distinct service principals one document's Allow statements name (Principal {"Service": ...}): the services it
 * lets in. A document that does not parse names none.
 */
export function allowedServicesIn(document: PolicySource): Set<string> {
  const names = new Set<string>();
  let parsed: unknown = document;
  if (typeof document === 'string') {
    // Cheap test first: most trust policies of a large design are read once, and many name no service.
    if (!document.includes('Service')) return names;
    try {
      parsed = JSON.parse(document);
    } catch {
      return names;
    }
  }
  const statements = (parsed as { Statement?: unknown })?.Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    if ((statement as { Effect?: unknown } | undefined)?.Effect !== 'Allow') continue;
    const principal = (statement as { Principal?: unknown } | undefined)?.Principal;
    if (!principal || typeof principal !== 'object') continue;
    const service = (principal as { Service?: unknown }).Service;
    for (const name of Array.isArray(service) ? service : [service]) if (typeof name === 'string' && isServicePrincipalName(name)) names.add(name);
  }
  return names;
}
