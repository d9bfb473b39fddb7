// The org-wide permission matrix: every account × every catalogued action, under the account's SCP chain (its
// principals' side) and RCP chain (its resources' side, RCP-supported services only). AWS's rule
// (orgs_manage_policies_scps_evaluation.html, orgs_manage_policies_rcps_evaluation.html): every level of the path
// must have a policy whose Allow covers the action, and a matching Deny at any level wins.
//
// How it stays fast on thousands of accounts: each policy becomes bitsets once (policy-layers.ts); a level is the
// union of its policies; a path prefix (root, then each OU) is an OR of level contributions, computed once per
// distinct prefix and shared by every OU and account below it; an account's cells are six bitsets, one per
// category, shared by every account with the same chain. Caches are keyed by the policies' compiled documents, so
// a matrix built from the previous one after an edit recomputes only the chains that contain the edited policy.
// The categories are those of scpActionMatrix (the one-account matrix), which explains any single cell.

import type { Catalog } from '../../catalog/types';
import type { AuthzPolicyType, ContextEntry, PolicySource, RequestContext } from '../../types';
import type { CompiledDocument } from '../../world/compiled-types';
import type { CompiledOrgPolicy, CompiledWorld } from '../../world/compile-world';
import { buildRequestContext, indexEntries, resourceAccountEntries } from '../../world/request-context';
import { actionIndexOf, type ActionIndex } from './action-index';
import { andNot, BitsetInterner, complement, emptyBits, fullBits, hasBit, minus, not, or, orInto, union, type Bitset, type MaybeBits } from './bitset';
import { addPolicyBits, compilePolicyLayers, emptyPolicyBits, type PolicyLayers } from './policy-layers';

/**
 * A cell of the matrix: allowed; explicitly denied; not allowed by some level's allow-list; denied except for
 * principals matching a pattern; allowed except for principals matching one; or dependent on the request's context
 * (condition keys) or on the resource.
 */
export type CellCategory = 'allowed' | 'explicitDeny' | 'noAllow' | 'deniedExcept' | 'allowedExcept' | 'conditional';

/** The categories in the order they are counted and shown. */
export const CELL_CATEGORIES: readonly CellCategory[] = ['allowed', 'explicitDeny', 'noAllow', 'deniedExcept', 'allowedExcept', 'conditional'];

/** One chain's cells: for each category, the actions in it (disjoint; together every action). Shared: never modify. */
export type ChainCells = Readonly<Record<CellCategory, Bitset>>;

/** One account's row of the matrix. */
export interface AccountCells {
  /** Account id. */
  accountId: string;
  /** Display name, when known. */
  accountName?: string;
  /** What the SCP chain leaves its principals. */
  scp: ChainCells;
  /** Why SCPs do not restrict the account, when they do not (every action is then allowed). */
  scpNote?: string;
  /** What the RCP chain leaves on the account's resources (actions outside the RCP-supported services: allowed). */
  rcp: ChainCells;
  /** Why RCPs do not restrict the account, when they do not. */
  rcpNote?: string;
  /** A number shared by accounts with identical SCP chains (and the same account-dependent conditions); 0 when SCPs do not apply. */
  scpChainKey: number;
  /** The same for the RCP chain. */
  rcpChainKey: number;
}

/** Options of buildOrgMatrix. */
export interface OrgMatrixOptions {
  /** Request context to assume (e.g. aws:RequestedRegion): conditions reading only these keys are settled. */
  context?: ContextEntry[];
}

/** What a build computed and what it reused, for the benchmark and for people. */
export interface OrgMatrixStats {
  /** Accounts in the matrix. */
  accounts: number;
  /** Distinct SCP chains (accounts sharing one are computed once). */
  distinctScpChains: number;
  /** Distinct RCP chains. */
  distinctRcpChains: number;
  /** Policies compiled into bitsets by this build (the rest came from the previous matrix). */
  policiesCompiled: number;
  /** Path prefixes computed by this build. */
  prefixesComputed: number;
  /** Chains finalised by this build. */
  chainsComputed: number;
}

/** A level's contribution to a chain, and the prefix state after a level (both are the same six sets). */
interface ChainState {
  /** Some level has a Deny that applies to every request. */
  deny: MaybeBits;
  /** Some level has no Allow at all. */
  noAllow: MaybeBits;
  /** A partial Deny, or a level allowing only under conditions / on some resources. */
  partial: MaybeBits;
  /** A level whose only Allows apply to some principals. */
  blocked: MaybeBits;
  /** A Deny on principal keys that also denies the principals its values do not describe. */
  principalDenyOthers: MaybeBits;
  /** Any Deny on principal keys. */
  principalDenyAny: MaybeBits;
}

/** A path prefix (or a level) with a number naming it: accounts whose chains end in the same prefix share it. */
interface Prefix {
  id: number;
  state: ChainState;
}

/**
 * Caches carried from one build to the next. Keys name the compiled documents, so stale entries are never hit;
 * prefixes are keyed by numbers (parent prefix, level) so a lookup never hashes a long path.
 */
interface MatrixCaches {
  contextKey: string;
  nextId: number;
  layers: Map<string, PolicyLayers>;
  levels: Map<string, Prefix>;
  prefixes: Map<number, Prefix>;
  chains: Map<number, ChainCells>;
  /** The distinct sets the chains' cells are made of. */
  interner: BitsetInterner;
}

/** Level and prefix ids stay below this, so (parent, level) packs into one exact number key. */
const ID_SPACE = 2 ** 24;

/** Condition keys whose value differs between accounts of one chain: a policy reading them is compiled per account. */
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:principalaccount', 'aws:principalorgpaths', 'aws:resourceaccount', 'aws:resourceorgpaths']);

const documentTokens = new WeakMap<CompiledDocument, number>();
let nextDocumentToken = 1;
const accountSensitive = new WeakMap<CompiledDocument, boolean>();

/** A number naming a compiled document (compileWorld reuses the object while the text is unchanged). */
function tokenOf(document: CompiledDocument): number {
  let token = documentTokens.get(document);
  if (token === undefined) {
    token = nextDocumentToken++;
    documentTokens.set(document, token);
  }
  return token;
}

function readsAccountKeys(document: CompiledDocument): boolean {
  let sensitive = accountSensitive.get(document);
  if (sensitive === undefined) {
    sensitive = document.statements.some((statement) => statement.conditionKeys.some((key) => ACCOUNT_KEYS.has(key)));
    accountSensitive.set(document, sensitive);
  }
  return sensitive;
}

/** The org-wide matrix of a compiled world. Immutable; build the next one from it with buildOrgMatrix(..., previous). */
export class OrgMatrix {
  /** The catalogue's numbered actions. */
  readonly index: ActionIndex;
  /** The world it describes. */
  readonly world: CompiledWorld;
  /** Accounts in the world's order. */
  readonly accounts: readonly AccountCells[];
  /** What the build did. */
  readonly stats: OrgMatrixStats;
  /** The context it assumed. */
  readonly context: readonly ContextEntry[];

  private readonly byId: Map<string, AccountCells>;
  /** @internal caches for the next build */
  readonly caches: MatrixCaches;

  constructor(world: CompiledWorld, index: ActionIndex, accounts: AccountCells[], stats: OrgMatrixStats, context: readonly ContextEntry[], caches: MatrixCaches) {
    this.world = world;
    this.index = index;
    this.accounts = accounts;
    this.stats = stats;
    this.context = context;
    this.caches = caches;
    this.byId = new Map(accounts.map((account) => [account.accountId, account]));
  }

  /** One account's row, or undefined for an account the world does not list. */
  account(accountId: string): AccountCells | undefined {
    return this.byId.get(accountId);
  }

  /** The category of one cell on one side; undefined for an unknown account or action. */
  category(accountId: string, action: string, side: 'scp' | 'rcp' = 'scp'): CellCategory | undefined {
    const account = this.byId.get(accountId);
    const actionIndex = this.index.indexOf(action);
    if (!account || actionIndex === undefined) return undefined;
    return categoryAt(account[side], actionIndex);
  }
}

/** The category holding action index `actionIndex`. */
export function categoryAt(cells: ChainCells, actionIndex: number): CellCategory {
  for (const category of CELL_CATEGORIES) if (hasBit(cells[category], actionIndex)) return category;
  return 'allowed';
}

/**
 * Both sides at once, as a principal of the account acting on a resource of the same account meets them: the most
 * restrictive category of the two per action (explicit deny, no allow, conditional, denied except, allowed except,
 * allowed).
 */
export function combineSides(scp: ChainCells, rcp: ChainCells, size: number): ChainCells {
  const explicitDeny = or(scp.explicitDeny, rcp.explicitDeny);
  const noAllow = andNot(or(scp.noAllow, rcp.noAllow), explicitDeny);
  const denied = or(explicitDeny, noAllow);
  const conditional = andNot(or(scp.conditional, rcp.conditional), denied);
  const settled = or(denied, conditional);
  const deniedExcept = andNot(or(scp.deniedExcept, rcp.deniedExcept), settled);
  orInto(settled, deniedExcept);
  const allowedExcept = andNot(or(scp.allowedExcept, rcp.allowedExcept), settled);
  orInto(settled, allowedExcept);
  return { explicitDeny, noAllow, conditional, deniedExcept, allowedExcept, allowed: not(settled, size) };
}

/**
 * Builds the org-wide matrix of a compiled world over the catalogue. With `previous` (the matrix of an earlier
 * revision, same catalogue and context), every policy, level, path prefix and chain whose compiled documents did not
 * change is reused.
 */
export function buildOrgMatrix(world: CompiledWorld, catalog: Catalog, options: OrgMatrixOptions = {}, previous?: OrgMatrix): OrgMatrix {
  const index = actionIndexOf(catalog);
  const context = options.context ?? [];
  const contextKey = JSON.stringify(context);
  const reusable = previous && previous.index === index && previous.caches.contextKey === contextKey ? previous : undefined;
  // When only policy documents changed, only the accounts below a target of a changed policy can change.
  const affected = reusable ? affectedAccounts(reusable.world, world) : undefined;
  const builder = new MatrixBuilder(world, index, context, reusable?.caches, affected !== undefined);
  const accounts = world.world.accounts.map((account) => {
    if (affected && !affected.has(account.id)) {
      const kept = reusable!.account(account.id);
      if (kept && kept.accountName === account.name) return kept;
    }
    return builder.account(account.id, account.name);
  });
  const stats: OrgMatrixStats = {
    accounts: accounts.length,
    distinctScpChains: new Set(accounts.map((account) => account.scpChainKey)).size,
    distinctRcpChains: new Set(accounts.map((account) => account.rcpChainKey)).size,
    ...builder.counters,
  };
  return new OrgMatrix(world, index, accounts, stats, context, { contextKey, nextId: builder.nextId, interner: builder.interner, ...builder.used });
}

/**
 * The accounts whose chains may differ between two worlds of the same organization: those at or below a node whose
 * place, attachments or attached documents changed, and those added or moved. Undefined when the organization
 * itself changed (feature set, enabled policy types, management account).
 */
function affectedAccounts(before: CompiledWorld, after: CompiledWorld): Set<string> | undefined {
  const a = before.world;
  const b = after.world;
  if (JSON.stringify(a.organization) !== JSON.stringify(b.organization)) return undefined;
  // Nodes whose own level or place changed: every account at or below one of them is recomputed.
  const dirty = new Set<string>();
  const changedPolicies = new Set<string>();
  for (const [id, policy] of after.orgPolicies) {
    const old = before.orgPolicies.get(id);
    if (!old || old.document !== policy.document || old.type !== policy.type) changedPolicies.add(id);
  }
  for (const [id] of before.orgPolicies) if (!after.orgPolicies.has(id)) changedPolicies.add(id);
  for (const attachment of b.attachments) if (changedPolicies.has(attachment.policyId)) dirty.add(attachment.targetId);
  if (!sameRows(a.attachments, b.attachments, (x, y) => x.policyId === y.policyId && x.targetId === y.targetId)) {
    const key = (attachment: { policyId: string; targetId: string }) => `${attachment.targetId}\n${attachment.policyId}`;
    const was = new Set(a.attachments.map(key));
    const is = new Set(b.attachments.map(key));
    for (const attachment of a.attachments) if (!is.has(key(attachment))) dirty.add(attachment.targetId);
    for (const attachment of b.attachments) if (!was.has(key(attachment))) dirty.add(attachment.targetId);
  }
  if (!sameRows(a.orgUnits, b.orgUnits, (x, y) => x.id === y.id && x.parentId === y.parentId)) {
    const parents = new Map(a.orgUnits.map((unit) => [unit.id, unit.parentId]));
    for (const unit of b.orgUnits) if (!parents.has(unit.id) || parents.get(unit.id) !== unit.parentId) dirty.add(unit.id);
  }
  const result = new Set<string>();
  if (!sameRows(a.accounts, b.accounts, (x, y) => x.id === y.id && x.parentId === y.parentId)) {
    const parents = new Map(a.accounts.map((account) => [account.id, account.parentId]));
    for (const account of b.accounts) if (!parents.has(account.id) || parents.get(account.id) !== account.parentId) result.add(account.id);
  }
  if (dirty.size === 0) return result;
  const children = new Map<string, string[]>();
  for (const node of [...b.orgUnits, ...b.accounts]) {
    if (node.parentId === undefined) continue;
    const list = children.get(node.parentId);
    if (list) list.push(node.id);
    else children.set(node.parentId, [node.id]);
  }
  const accountIds = new Set(b.accounts.map((account) => account.id));
  const queue = [...dirty];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (accountIds.has(id)) result.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return result;
}

function sameRows<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

const ALL_ALLOWED_BY_INDEX = new WeakMap<ActionIndex, ChainCells>();

/** Every action allowed (SCPs or RCPs do not apply). */
function allAllowed(index: ActionIndex): ChainCells {
  let cells = ALL_ALLOWED_BY_INDEX.get(index);
  if (!cells) {
    const none = emptyBits(index.size);
    cells = { allowed: fullBits(index.size), explicitDeny: none, noAllow: none, deniedExcept: none, allowedExcept: none, conditional: none };
    ALL_ALLOWED_BY_INDEX.set(index, cells);
  }
  return cells;
}

/** One build: walks every account's path with the caches of the previous build and records what it used. */
class MatrixBuilder {
  readonly counters = { policiesCompiled: 0, prefixesComputed: 0, chainsComputed: 0 };
  readonly used = {
    layers: new Map<string, PolicyLayers>(), levels: new Map<string, Prefix>(),
    prefixes: new Map<number, Prefix>(), chains: new Map<number, ChainCells>(),
  };
  nextId: number;
  readonly interner: BitsetInterner;
  private sources?: Map<string, PolicySource>;
  private readonly sharedContexts: Record<AuthzPolicyType, RequestContext>;
  /** Per build: the prefix of each OU whose path reads no account-dependent key. */
  private readonly nodePrefixes: Record<AuthzPolicyType, Map<string, Prefix>> = { SCP: new Map(), RCP: new Map() };
  private readonly roots: Record<AuthzPolicyType, Prefix>;
  private readonly policyKeys = new Map<string, { key: string; sensitive: boolean }>();
  /** Whether the last level() read a policy with account-dependent conditions. */
  private lastLevelPerAccount = false;

  constructor(
    private readonly world: CompiledWorld,
    private readonly index: ActionIndex,
    private readonly callerContext: readonly ContextEntry[],
    private readonly old: MatrixCaches | undefined,
    incremental: boolean,
  ) {
    // An incremental build keeps every cache entry (the accounts it skips still use theirs); a full build keeps
    // only what it used, so entries of edited documents are dropped.
    if (incremental && old) {
      this.used.layers = new Map(old.layers);
      this.used.levels = new Map(old.levels);
      this.used.prefixes = new Map(old.prefixes);
      this.used.chains = new Map(old.chains);
    }
    this.interner = incremental && old ? old.interner : new BitsetInterner();
    this.sharedContexts = { SCP: this.contextFor('SCP'), RCP: this.contextFor('RCP') };
    const empty = { deny: undefined, noAllow: undefined, partial: undefined, blocked: undefined, principalDenyOthers: undefined, principalDenyAny: undefined };
    this.roots = { SCP: { id: 1, state: empty }, RCP: { id: 2, state: empty } };
    this.nextId = Math.max(old?.nextId ?? 3, 3);
  }

  account(accountId: string, accountName: string | undefined): AccountCells {
    const scpNote = this.skipReason(accountId, 'SCP');
    const rcpNote = this.skipReason(accountId, 'RCP');
    const scp = scpNote === undefined ? this.chain(accountId, 'SCP') : { key: 0, cells: allAllowed(this.index) };
    const rcp = rcpNote === undefined ? this.chain(accountId, 'RCP') : { key: 0, cells: allAllowed(this.index) };
    return {
      accountId,
      ...(accountName !== undefined ? { accountName } : {}),
      scp: scp.cells,
      ...(scpNote !== undefined ? { scpNote } : {}),
      rcp: rcp.cells,
      ...(rcpNote !== undefined ? { rcpNote } : {}),
      scpChainKey: scp.key,
      rcpChainKey: rcp.key,
    };
  }

  /**
   * Why the policy type does not restrict the account (orgs_manage_policies_scps.html, ..._rcps.html: all features
   * and the type enabled on the root, member accounts only, never the management account), or undefined.
   */
  private skipReason(accountId: string, type: AuthzPolicyType): string | undefined {
    const organization = this.world.world.organization;
    const name = type === 'SCP' ? 'SCPs' : 'RCPs';
    if (!organization) return `no organization: ${name} do not apply`;
    if (organization.featureSet !== 'ALL') return `the organization has only consolidated billing: ${name} do not apply`;
    if (!organization.enabledPolicyTypes.includes(type)) return `${name} are not enabled on the root`;
    if (!this.world.org.isMember(accountId)) return `account ${accountId} is outside the organization: no ${name} apply`;
    if (accountId === organization.managementAccountId) return `management account: ${name} do not apply`;
    return undefined;
  }

  /** The chain's cells, walking the path root first, reusing every prefix already computed. */
  private chain(accountId: string, type: AuthzPolicyType): { key: number; cells: ChainCells } {
    const placement = this.world.org.placement(accountId)!;
    const memos = this.nodePrefixes[type];
    const ancestors = placement.ancestorIds;
    // A memo is kept only for an OU whose whole path is shareable: the parent's, when there, stands for the path.
    const parentMemo = memos.get(ancestors[ancestors.length - 1]);
    let prefix = parentMemo ?? this.roots[type];
    let shareable = true;
    if (parentMemo === undefined) for (const nodeId of ancestors) {
      const memo = shareable ? memos.get(nodeId) : undefined;
      if (memo) {
        prefix = memo;
        continue;
      }
      const level = this.level(nodeId, accountId, type);
      prefix = this.extend(prefix, level);
      if (this.lastLevelPerAccount) shareable = false;
      if (shareable) memos.set(nodeId, prefix);
    }
    const full = this.extend(prefix, this.level(accountId, accountId, type));
    let cells = this.used.chains.get(full.id) ?? this.old?.chains.get(full.id);
    if (!cells) {
      cells = this.finalize(full.state, type);
      this.counters.chainsComputed++;
    }
    this.used.chains.set(full.id, cells);
    return { key: full.id, cells };
  }

  private newId(): number {
    if (this.nextId >= ID_SPACE) throw new Error('org matrix: too many distinct levels and prefixes');
    return this.nextId++;
  }

  private extend(prefix: Prefix, level: Prefix): Prefix {
    const key = prefix.id * ID_SPACE + level.id;
    let next = this.used.prefixes.get(key) ?? this.old?.prefixes.get(key);
    if (!next) {
      const a = prefix.state;
      const b = level.state;
      const state: ChainState = {
        deny: union(a.deny, b.deny), noAllow: union(a.noAllow, b.noAllow), partial: union(a.partial, b.partial), blocked: union(a.blocked, b.blocked),
        principalDenyOthers: union(a.principalDenyOthers, b.principalDenyOthers), principalDenyAny: union(a.principalDenyAny, b.principalDenyAny),
      };
      // A level that adds nothing (FullAWSAccess alone, or what the path above already says) keeps the prefix: the
      // accounts below share its chain and its cells.
      const unchanged = state.deny === a.deny && state.noAllow === a.noAllow && state.partial === a.partial && state.blocked === a.blocked
        && state.principalDenyOthers === a.principalDenyOthers && state.principalDenyAny === a.principalDenyAny;
      next = unchanged ? prefix : { id: this.newId(), state };
      this.counters.prefixesComputed++;
    }
    this.used.prefixes.set(key, next);
    return next;
  }

  /** A level's contribution: the union of its policies, then what it denies, leaves partial, or does not allow. */
  private level(targetId: string, accountId: string, type: AuthzPolicyType): Prefix {
    const policies = this.world.org.attachedPolicies(targetId, type) as CompiledOrgPolicy[];
    let perAccount = false;
    let key: string = type;
    for (const policy of policies) {
      const named = this.policyKey(policy, accountId);
      perAccount ||= named.sensitive;
      key += `,${named.key}`;
    }
    this.lastLevelPerAccount = perAccount;
    let level = this.used.levels.get(key) ?? this.old?.levels.get(key);
    if (!level) {
      const bits = emptyPolicyBits();
      for (const policy of policies) addPolicyBits(bits, this.layersOf(policy, accountId, type));
      const anyAllow = union(union(bits.allowEveryone, bits.partialAllow), bits.principalAllow);
      const noAllow = anyAllow === undefined ? this.index.allBits() : complement(anyAllow, this.index.size);
      level = {
        id: this.newId(),
        state: {
          deny: bits.deny,
          noAllow,
          partial: union(bits.partialDeny, minus(bits.partialAllow, bits.allowEveryone)),
          blocked: minus(minus(bits.principalAllow, bits.allowEveryone), bits.partialAllow),
          principalDenyOthers: bits.principalDenyOthers,
          principalDenyAny: bits.principalDenyAny,
        },
      };
    }
    this.used.levels.set(key, level);
    return level;
  }

  /** "id#document" (and "@account" for a policy reading account keys): names what the policy's bits depend on. */
  private policyKey(policy: CompiledOrgPolicy, accountId: string): { key: string; sensitive: boolean } {
    let named = this.policyKeys.get(policy.id);
    if (named === undefined) {
      named = { key: `${policy.id}#${tokenOf(policy.document)}`, sensitive: readsAccountKeys(policy.document) };
      this.policyKeys.set(policy.id, named);
    }
    return named.sensitive ? { key: `${named.key}@${accountId}`, sensitive: true } : named;
  }

  /** A policy's statement layers, compiled once per document (per account when it reads account keys). */
  layersOf(policy: CompiledOrgPolicy, accountId: string, type: AuthzPolicyType): PolicyLayers {
    const { key: named, sensitive } = this.policyKey(policy, accountId);
    const key = `${type}|${named}`;
    let layers = this.used.layers.get(key) ?? this.old?.layers.get(key);
    if (!layers) {
      const context = sensitive ? this.contextFor(type, accountId) : this.sharedContexts[type];
      this.sources ??= new Map(this.world.world.policies.map((entry) => [entry.id, entry.document]));
      layers = compilePolicyLayers(policy, this.sources.get(policy.id)!, this.index, context);
      this.counters.policiesCompiled++;
    }
    this.used.layers.set(key, layers);
    return layers;
  }

  /**
   * The context every principal of an account shares (scpActionMatrix's accountContext): aws:PrincipalIsAWSService
   * false, the organization id, and with an account its id and org path; on the RCP side the resource is in the
   * account too (aws:ResourceAccount, aws:ResourceOrgID, aws:ResourceOrgPaths).
   */
  private contextFor(type: AuthzPolicyType, accountId?: string): RequestContext {
    const entries: ContextEntry[] = [{ key: 'aws:PrincipalIsAWSService', values: ['false'], type: 'boolean' }];
    const organizationId = this.world.org.organizationId();
    if (organizationId) entries.push({ key: 'aws:PrincipalOrgID', values: [organizationId], type: 'string' });
    if (type === 'RCP' && organizationId) entries.push({ key: 'aws:ResourceOrgID', values: [organizationId], type: 'string' });
    if (accountId !== undefined) {
      const orgPath = this.world.org.placement(accountId)?.orgPath;
      entries.push({ key: 'aws:PrincipalAccount', values: [accountId], type: 'string' });
      if (orgPath) entries.push({ key: 'aws:PrincipalOrgPaths', values: [orgPath], type: 'stringList' });
      if (type === 'RCP') entries.push(...resourceAccountEntries(accountId, this.world.org.organizationOf(accountId)));
    }
    return buildRequestContext(this.callerContext, indexEntries(entries));
  }

  /**
   * The six categories of a chain in one pass over the words (no temporary sets): the rules below are those of
   * scpActionMatrix, one account's matrix. Results are interned, so chains that end in the same sets share them.
   */
  private finalize(state: ChainState, type: AuthzPolicyType): ChainCells {
    const words = this.index.allBits().length;
    const scratch = (this.scratch ??= CELL_CATEGORIES.map(() => new Uint32Array(words)));
    const [allowed, explicitDeny, noAllow, deniedExcept, allowedExcept, conditional] = scratch;
    const all = this.index.allBits();
    const free = this.index.noPermissionNeeded;
    // RCPs leave the services they do not support alone: those actions are allowed whatever the chain says.
    const mask = type === 'RCP' ? this.index.rcpServices : all;
    const { deny, noAllow: noAllowAt, partial, blocked, principalDenyOthers, principalDenyAny } = state;
    for (let i = 0; i < words; i++) {
      const denyWord = deny === undefined ? 0 : deny[i];
      const noAllowWord = noAllowAt === undefined ? 0 : noAllowAt[i];
      const partialWord = partial === undefined ? 0 : partial[i];
      const blockedWord = blocked === undefined ? 0 : blocked[i];
      const denyAnyWord = principalDenyAny === undefined ? 0 : principalDenyAny[i];
      const denied = denyWord | noAllowWord;
      const settled = denied | partialWord;
      const exceptDenied = (principalDenyOthers === undefined ? 0 : principalDenyOthers[i]) | blockedWord;
      const within = mask[i];
      // An operation that needs no permission is allowed whatever the chain says (evaluate's decide() allows it first).
      const restricted = within & ~free[i];
      explicitDeny[i] = denyWord & restricted;
      noAllow[i] = noAllowWord & ~denyWord & restricted;
      conditional[i] = partialWord & ~denied & restricted;
      deniedExcept[i] = exceptDenied & ~settled & restricted;
      allowedExcept[i] = denyAnyWord & ~exceptDenied & ~settled & restricted;
      allowed[i] = (all[i] & ~settled & ~(denyAnyWord | blockedWord) & within) | (all[i] & ~within) | free[i];
    }
    return {
      allowed: this.interner.intern(allowed), explicitDeny: this.interner.intern(explicitDeny), noAllow: this.interner.intern(noAllow),
      deniedExcept: this.interner.intern(deniedExcept), allowedExcept: this.interner.intern(allowedExcept), conditional: this.interner.intern(conditional),
    };
  }

  private scratch?: Uint32Array[];
}
