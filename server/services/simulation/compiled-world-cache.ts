// The compiled world of each design, cached per design revision in this process (LRU). A design's revision goes up
// with every change, so a cached entry is valid exactly while the revision it was built for is current. On a new
// revision the world is rebuilt from the previous compiled world (compileWorld(world, previous)), which reuses every
// compiled policy document whose text did not change: a move or one edited policy recompiles almost nothing.
import 'server-only';

import type { Db } from '../../db/client';
import type { PrismaClient } from '../../db/client';
import { getDesign } from '../../db/designs';
import { readOrgStructure, type OrgStructurePart } from '../../db/export-org-structure';
import { loadWorld } from '../../db/world';
import { compileWorld, shareUnchanged, type CompiledWorld, type OrgPolicy, type World } from '../../engine';
import { designNotFound } from '../domain-error';

/** Where a compiled world came from. */
export type CompiledWorldSource = 'cache' | 'rebuilt' | 'compiled';

/** A design's compiled world at one revision. */
export interface CompiledDesign {
  designId: string;
  revision: number;
  compiled: CompiledWorld;
  /** cache: reused as is; rebuilt: recompiled from the previous revision's world; compiled: from scratch. */
  source: CompiledWorldSource;
}

/**
 * Which parts of the World's organization half each Organizations operation can change. After a run of these
 * operations the cache reloads only those parts and keeps the rest, every account's IAM data included, from the
 * previous world. An operation not listed here (account creation adds OrganizationAccountAccessRole, undo and redo
 * replay other operations) reloads the whole world.
 */
const PARTS_CHANGED_BY: Readonly<Record<string, readonly OrgStructurePart[]>> = {
  moveOrganizationalUnit: ['orgUnits'],
  createOrganizationalUnit: ['orgUnits', 'attachments', 'organizationTags'],
  renameOrganizationalUnit: ['orgUnits'],
  deleteOrganizationalUnit: ['orgUnits', 'attachments', 'organizationTags'],
  moveAccount: ['accounts'],
  setAccountOtherOrganization: ['accounts'],
  putAccountPublicAccessBlock: ['accounts'],
  // Amazon S3 and EC2 policies (managementPolicies) change what requests in the accounts of their scope do.
  attachPolicy: ['attachments', 'managementPolicies'],
  detachPolicy: ['attachments', 'managementPolicies'],
  createPolicy: ['policies', 'organizationTags', 'managementPolicies'],
  updatePolicy: ['policies', 'managementPolicies'],
  deletePolicy: ['policies', 'attachments', 'organizationTags', 'managementPolicies'],
  enablePolicyType: ['organization', 'policies', 'attachments', 'managementPolicies'],
  disablePolicyType: ['organization', 'policies', 'attachments', 'managementPolicies'],
  enableAllFeatures: ['organization'],
  // The root's, OUs', accounts' and policies' tags are the aws:ResourceTag/* of organizations:* calls on them.
  tagResource: ['organizationTags'],
  untagResource: ['organizationTags'],
  // Delegated administrators, trusted access and quotas are not part of the World.
  registerDelegatedAdministrator: [],
  deregisterDelegatedAdministrator: [],
  enableAwsServiceAccess: [],
  disableAwsServiceAccess: [],
  setQuotaOverrides: [],
  // Archiving an external-access finding changes no policy.
  archiveFinding: [],
  unarchiveFinding: [],
};

/** The parts to reload after `operations`, or null when a full reload is needed. */
export function partsChangedBy(operations: readonly string[]): Set<OrgStructurePart> | null {
  const parts = new Set<OrgStructurePart>();
  for (const operation of operations) {
    const changed = PARTS_CHANGED_BY[operation];
    if (!changed) return null;
    for (const part of changed) parts.add(part);
  }
  return parts;
}

/**
 * The refreshed policies with the Control Tower control origins the full load gave them (world.ts), kept while a
 * policy's text is unchanged: Organizations edits do not change which control a statement came from.
 */
function keepControlOrigins(policies: readonly OrgPolicy[], previous: readonly OrgPolicy[]): OrgPolicy[] {
  const before = new Map(previous.filter((p) => p.statementControls).map((p) => [p.id, p]));
  return policies.map((policy) => {
    const earlier = before.get(policy.id);
    return earlier && earlier.document === policy.document ? { ...policy, statementControls: earlier.statementControls } : policy;
  });
}

/** Designs kept compiled at once; a compiled 5,000-account world is tens of megabytes. */
export const DEFAULT_CACHE_SIZE = 8;

/** An in-process LRU of compiled worlds keyed by design id, each valid for one revision. */
export class CompiledWorldCache {
  private readonly entries = new Map<string, { revision: number; compiled: CompiledWorld }>();
  private readonly building = new Map<string, Promise<CompiledDesign>>();

  constructor(private readonly capacity = DEFAULT_CACHE_SIZE) {}

  /** The compiled world of the design's current revision; NOT_FOUND for an unknown design. */
  async get(db: Db, designId: string): Promise<CompiledDesign> {
    const design = await getDesign(db, designId);
    if (!design) throw designNotFound(designId);
    const cached = this.entries.get(designId);
    if (cached && cached.revision === design.revision) {
      this.touch(designId, cached);
      return { designId, revision: cached.revision, compiled: cached.compiled, source: 'cache' };
    }
    // Concurrent requests for the same revision share one build.
    const key = `${designId}@${design.revision}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(db, designId, design.revision, cached?.compiled).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  /** Forgets a design (e.g. after it was deleted). */
  evict(designId: string): void {
    this.entries.delete(designId);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }

  /** How many designs are cached. */
  get size(): number {
    return this.entries.size;
  }

  private async build(db: Db, designId: string, revision: number, previous: CompiledWorld | undefined): Promise<CompiledDesign> {
    if (previous && '$transaction' in db) {
      const refreshed = await this.refreshOrganization(db as PrismaClient, designId, previous);
      if (refreshed) return refreshed;
    }
    // The world is read after the revision: it is at least as new as `revision`, so a cache entry is never older than
    // its label (a newer world is only recompiled once more on the next call).
    const loaded = await loadWorld(db, designId);
    if (!loaded) throw designNotFound(designId);
    // Unchanged accounts keep the previous world's objects: the access graph then updates only what the edit touched.
    const world = shareUnchanged(loaded, previous?.world);
    const compiled = compileWorld(world, previous);
    const current = this.entries.get(designId);
    if (!current || current.revision <= revision) this.touch(designId, { revision, compiled });
    return { designId, revision, compiled, source: previous ? 'rebuilt' : 'compiled' };
  }

  /**
   * After organization-only edits, reloads the organization half of the world in one snapshot (with its exact
   * revision) and keeps every account's IAM data from the previous world. Undefined when a full reload is needed.
   */
  private async refreshOrganization(db: PrismaClient, designId: string, previous: CompiledWorld): Promise<CompiledDesign | undefined> {
    const cachedRevision = this.entries.get(designId)?.revision;
    if (cachedRevision === undefined || this.entries.get(designId)?.compiled !== previous) return undefined;
    const snapshot = await readOrgStructure(db, designId, cachedRevision, partsChangedBy);
    if (!snapshot) throw designNotFound(designId);
    const contiguous = snapshot.operations.length === snapshot.revision - cachedRevision;
    if (!contiguous || partsChangedBy(snapshot.operations) === null) return undefined;
    if (snapshot.parts.size === 0) {
      // Nothing the World holds changed (tags, delegated administrators, quotas): the compiled world stays valid.
      this.touch(designId, { revision: snapshot.revision, compiled: previous });
      return { designId, revision: snapshot.revision, compiled: previous, source: 'cache' };
    }
    const { organization: previousOrganization, s3Policies: previousS3Policies, ec2Policies: previousEc2Policies, ...rest } = previous.world;
    const organization = snapshot.parts.has('organization') ? snapshot.organization : previousOrganization;
    const management = snapshot.parts.has('managementPolicies');
    const s3Policies = management ? snapshot.s3Policies : previousS3Policies;
    const ec2Policies = management ? snapshot.ec2Policies : previousEc2Policies;
    const world: World = {
      ...rest,
      ...(s3Policies ? { s3Policies } : {}),
      ...(ec2Policies ? { ec2Policies } : {}),
      ...(organization ? { organization } : {}),
      orgUnits: snapshot.orgUnits ?? rest.orgUnits,
      accounts: snapshot.accounts ?? rest.accounts,
      policies: snapshot.policies ? keepControlOrigins(snapshot.policies, rest.policies) : rest.policies,
      attachments: snapshot.attachments ?? rest.attachments,
      ...(snapshot.organizationResourceTags ? { organizationResourceTags: snapshot.organizationResourceTags } : {}),
    };
    const compiled = compileWorld(world, previous);
    const current = this.entries.get(designId);
    if (!current || current.revision <= snapshot.revision) this.touch(designId, { revision: snapshot.revision, compiled });
    return { designId, revision: snapshot.revision, compiled, source: 'rebuilt' };
  }

  private touch(designId: string, entry: { revision: number; compiled: CompiledWorld }): void {
    this.entries.delete(designId);
    this.entries.set(designId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

// One cache per process, kept on globalThis so Next's dev server reloads do not drop it.
const globalForCache = globalThis as unknown as { lzsimCompiledWorlds?: CompiledWorldCache };

/** The process-wide cache the simulate procedures use. */
export function compiledWorldCache(): CompiledWorldCache {
  globalForCache.lzsimCompiledWorlds ??= new CompiledWorldCache();
  return globalForCache.lzsimCompiledWorlds;
}
