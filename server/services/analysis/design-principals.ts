// The principals a request can come from: every IAM user and role of every account in the design, read from the
// design's cached compiled world (the same data the simulation evaluates, so every ARN listed can be simulated).
import 'server-only';

import type { z } from 'zod';
import type { Db } from '../../db/client';
import { namedServicePrincipals, type NamedServicePrincipal } from '../../engine';
import type { DesignPrincipal, designPrincipalsInputSchema, designPrincipalsOutputSchema, principalNamesInputSchema, principalNamesOutputSchema, servicePrincipalsInputSchema, servicePrincipalsOutputSchema } from '../../schemas/analysis';
import { compiledWorldCache, type CompiledWorldCache } from '../simulation/compiled-world-cache';

/** Service-linked roles live under this path; SCPs and RCPs never restrict them. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

/** A principal search: every word of the query appears in the name, the ARN or the account's name (any case). */
export function principalMatches(principal: DesignPrincipal, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${principal.name} ${principal.arn} ${principal.accountName ?? ''}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * The design's IAM users and roles, accounts in the world's order, users before roles, each by name; narrowed to
 * one account, one kind and a search when asked, and cut to `limit` (with the total that matched).
 */
export async function listDesignPrincipals(db: Db, designId: string | z.infer<typeof designPrincipalsInputSchema>, cache: CompiledWorldCache = compiledWorldCache()): Promise<z.infer<typeof designPrincipalsOutputSchema>> {
  const input = typeof designId === 'string' ? { designId } : designId;
  const { compiled, revision } = await cache.get(db, input.designId);
  const { world } = compiled;
  const all = principalsOf(world, input.accountId);
  const matching = all.filter((principal) => (input.kind === undefined || principal.kind === input.kind) && principalMatches(principal, input.query ?? ''));
  return { revision, principals: input.limit === undefined ? matching : matching.slice(0, input.limit), total: matching.length };
}

/** The names users (or roles) have, with how many accounts have one, most first, then by name; a page of them. */
export async function listPrincipalNames(db: Db, input: z.infer<typeof principalNamesInputSchema>, cache: CompiledWorldCache = compiledWorldCache()): Promise<z.infer<typeof principalNamesOutputSchema>> {
  const { compiled, revision } = await cache.get(db, input.designId);
  const needle = (input.query ?? '').trim().toLowerCase();
  const accountsByName = new Map<string, Set<string>>();
  for (const principal of principalsOf(compiled.world)) {
    // Service-linked roles are AWS's own: nobody names "the same role in each account" by them.
    if (principal.kind !== input.kind || principal.serviceLinked || !principal.name.toLowerCase().includes(needle)) continue;
    let accounts = accountsByName.get(principal.name);
    if (!accounts) accountsByName.set(principal.name, (accounts = new Set()));
    accounts.add(principal.accountId);
  }
  const names = [...accountsByName.entries()]
    .map(([name, accounts]) => ({ name, accounts: accounts.size }))
    .sort((a, b) => b.accounts - a.accounts || a.name.localeCompare(b.name));
  return { revision, names: names.slice(0, input.limit), total: names.length };
}

/** Scanned once per world: a large design's 100,000 trust policies are read once, not on every keystroke. */
const servicesByWorld = new WeakMap<object, NamedServicePrincipal[]>();

/**
 * The AWS service principals the design's resource-based, key and trust policies name (they can be callers: a bucket
 * policy naming cloudtrail.amazonaws.com), those whose name holds the query, most-named first; a page of them.
 */
export async function listServicePrincipals(db: Db, input: z.infer<typeof servicePrincipalsInputSchema>, cache: CompiledWorldCache = compiledWorldCache()): Promise<z.infer<typeof servicePrincipalsOutputSchema>> {
  const { compiled, revision } = await cache.get(db, input.designId);
  let services = servicesByWorld.get(compiled.world);
  if (!services) servicesByWorld.set(compiled.world, (services = namedServicePrincipals(compiled.world)));
  const needle = (input.query ?? '').trim().toLowerCase();
  const matching = needle === '' ? services : services.filter((service) => service.name.toLowerCase().includes(needle));
  return { revision, services: matching.slice(0, input.limit), total: matching.length };
}

type CompiledWorld = Awaited<ReturnType<CompiledWorldCache['get']>>['compiled']['world'];

function principalsOf(world: CompiledWorld, accountId?: string): DesignPrincipal[] {
  const principals: DesignPrincipal[] = [];
  for (const account of world.accounts) {
    if (accountId !== undefined && account.id !== accountId) continue;
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
  return principals;
}
