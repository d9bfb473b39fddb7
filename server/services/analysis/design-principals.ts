// The principals a request can come from: every IAM user and role of every account in the design, read from the
// design's cached compiled world (the same data the simulation evaluates, so every ARN listed can be simulated).
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { DesignPrincipal, designPrincipalsOutputSchema } from '../../schemas/analysis';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

/** Service-linked roles live under this path; SCPs and RCPs never restrict them. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

/** Every IAM user and role of the design, accounts in the world's order, users before roles, each by name. */
export async function listDesignPrincipals(db: Db, designId: string, cache: CompiledWorldCache = compiledWorldCache()): Promise<z.infer<typeof designPrincipalsOutputSchema>> {
  const { compiled, revision } = await cache.get(db, designId);
  const { world } = compiled;
  const principals: DesignPrincipal[] = [];
  for (const account of world.accounts) {
    const iam = world.iam[account.id];
    if (!iam) continue;
    const base = { accountId: account.id, ...(account.name ? { accountName: account.name } : {}) };
    const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));
    for (const user of byName(iam.users)) {
      principals.push({ ...base, arn: user.arn, kind: 'user', name: user.name, path: user.path, serviceLinked: false });
    }
    for (const role of byName(iam.roles)) {
      principals.push({ ...base, arn: role.arn, kind: 'role', name: role.name, path: role.path, serviceLinked: role.path.startsWith(SERVICE_LINKED_PATH) });
    }
  }
  return { revision, principals };
}
