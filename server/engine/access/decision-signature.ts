// A decision signature: a key such that two requests with equal keys get the same decision from evaluate(), for the
// same reasons, the same missing context keys and the same matched statements (by statement, not by policy name). It
// is what lets the access graph and who-can evaluate once per class of equivalent requests instead of once per
// (principal, role) pair: 5,000 accounts whose administrator roles carry the same policies under the same SCP chain
// ask the same question of every OrganizationAccountAccessRole.
//
// The key lists what evaluate() reads (see evaluate.ts): the policy documents in play (SCP levels of the principal's
// account, RCP levels of the resource's account, the resource-side policy, identity policies, boundary), and for each
// statement that could apply beyond its action: how its Principal matches the caller, whether its Resource matches,
// and the values of the condition keys it reads; plus the principal's kind, whether the request stays in one account,
// and what the service rules look at. A statement with a policy variable in its Resource makes the request
// unshareable (the match then depends on values the key does not hold).

import { requestPlan } from '../evaluate/evaluate';
import { serviceOfAction } from '../world/action-matcher';
import type { ContextEntry, IamRole, IamUser, RequestContext, Tag } from '../types';
import type { CompiledDocument, CompiledStatement, PrincipalIdentity } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { currentBoundaryEntry, PERMISSIONS_BOUNDARY_KEY, readsCurrentBoundary, resourceTagEntries } from '../world/iam-entity-keys';
import type { PolicySet } from '../world/policy-set';
import { DEFAULT_SESSION_NAME, type PrincipalOutline, type ResolvedPrincipal } from '../world/principals';
import { isAwsOwnedContextKey, KMS_CALLER_ACCOUNT, kmsCallerAccountEntry, resourceAccountEntries } from '../world/request-context';
import { SOURCE_VPCE_KEY, sourceVpceOf } from '../world/vpc-endpoints';

/** A request's decision signature. */
export interface DecisionSignature {
  /** Equal keys, equal decisions (for principals of one class: same account, kind, policies, boundary and tags). */
  key: string;
  /**
   * True when the decision may depend on who the principal is within its account (a condition reads aws:PrincipalArn,
   * aws:userid or aws:username, or a Principal element names this very principal): then it holds for this principal
   * alone, not for the other members of its class.
   */
  principalSpecific: boolean;
  /**
   * True when the key depends on the resource only through its resource-side document, its account's RCP chain, its
   * tags (resourceGroupToken) and how the statements of resourceStatements match its ARN, never through a key of the
   * resource's account (aws:ResourceAccount, aws:ResourceOrgPaths, ...): the same principal then gets the same key for
   * every resource of the same group token whose ARN those statements match alike, that lies, like this one, in the
   * principal's account or, like this one, outside it.
   */
  portable: boolean;
  /** The statements read whose Resource match depends on the ARN (in reading order; empty when none). */
  resourceStatements: readonly CompiledStatement[];
  /**
   * True when the key depends on the principal only through what principalGroupToken holds and how the statements of
   * principalStatements match its identity (no condition key of the principal that differs between accounts, such as
   * aws:PrincipalAccount or aws:PrincipalOrgPaths, is read): another principal with the same token, whose identity
   * those statements match alike (principalMatches), then gets the same key for the same resource.
   */
  principalPortable: boolean;
  /** The statements read that have a Principal element (in reading order; empty when none). */
  principalStatements: readonly CompiledStatement[];
  /** The same, without the resource-side document's (trust or resource policy): resourceSideReading stands for those. */
  callerStatements: readonly CompiledStatement[];
  /** True when the resource-side document was read (its reading is then part of the key: resourceSideReading). */
  readsResourceSide: boolean;
  /** The account the request's resource was taken to belong to (its ARN's, the one asked for, its policy's, or the caller's). */
  resourceAccount: string;
}

/** Principal keys whose value is the same for principals with equal principalGroupToken (kind, tags, membership). */
const GROUP_PRINCIPAL_KEYS = new Set(['aws:principalorgid', 'aws:principaltype', 'aws:principalisawsservice']);

/** Keys whose value differs between two principals of the same account, kind, policies and tags. */
const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:userid', 'aws:username']);

const EMPTY_CONTEXT: RequestContext = new Map();
const documentIds = new WeakMap<CompiledDocument, number>();
let nextDocumentId = 1;
const principalLayers = new WeakMap<ResolvedPrincipal, Map<string, ContextEntry>>();
const accountLayers = new WeakMap<CompiledWorld, Map<string, Map<string, ContextEntry>>>();

/**
 * The decision signature of `principal` doing `action` on `resource` with the caller's context entries, or undefined
 * when the request cannot share its decision (a Resource element with a policy variable). Only for plain requests:
 * no session tags, session policy or policy source.
 */
export function decisionSignature(
  world: CompiledWorld, principal: ResolvedPrincipal, action: string, resource: string, callerContext: readonly ContextEntry[] = [],
  requestedResourceAccount?: string,
): DecisionSignature | undefined {
  const plan = requestPlan(world, principal, action, resource, requestedResourceAccount);
  // The parts name each group's reading by its interned number (see readingId), and the action: the parts alone then
  // determine which condition keys the request reads, so that list is worked out once per distinct set of parts.
  const parts: string[] = [
    plan.actionLower, principal.kind, principal.serviceLinked ? 'sl' : '', plan.sameAccount ? 'same' : 'cross', plan.resourceLayer,
  ];
  if (plan.hasServiceRules) parts.push(`rules:${resource === '*' ? '*' : serviceOfArn(resource)}`);
  if (plan.publicPolicyRestricted) parts.push('restricted-public-policy');
  // An EC2 policy's refusal depends on the caller's account's effective EC2 policy, not on the policies read below.
  if (plan.ec2PolicyRefusal) parts.push(`ec2-policy:${plan.ec2PolicyRefusal.policyId}:${plan.ec2PolicyRefusal.forbids}:${plan.ec2PolicyRefusal.message}`);
  const reader = new SetReader(plan.actionLower, plan.service, principal.identity, resource, parts);
  if (plan.scpSkip !== undefined) parts.push(`scp-:${plan.scpSkip}`);
  else for (const level of world.org.levelsFor(principal.accountId, 'SCP')) if (!reader.read('S', level.set)) return undefined;
  if (plan.rcpSkip !== undefined) parts.push(`rcp-:${plan.rcpSkip}`);
  else for (const level of world.org.levelsFor(plan.resourceAccount, 'RCP')) if (!reader.read('C', level.set)) return undefined;
  if (plan.resourcePolicy && !reader.readResourceSide('R', plan.resourcePolicy.document)) return undefined;
  if (principal.kind === 'root') parts.push('root');
  else if (!reader.read('I', principal.identitySet)) return undefined;
  if (principal.boundarySet && !reader.read('B', principal.boundarySet)) return undefined;

  // A resource's tags (an IAM role's or user's own included) are its aws:ResourceTag/* keys; none reads as unlisted.
  const listedTags = world.resourceTagsOf(resource);
  const tags = listedTags !== undefined && listedTags.length > 0 ? listedTags : undefined;
  if (tags !== undefined) parts.push(`tagged:${JSON.stringify(tags)}`);
  const shape = shapeOf(parts.join('|'), reader.readings);
  // A request through one of the world's VPC endpoints also meets the endpoint's policy, which may name principals
  // and which the key does not read: such a request (or one a witness may send through an endpoint, when a statement
  // reads aws:SourceVpce) is decided on its own.
  if (world.hasVpcEndpoints && (sourceVpceOf(callerContext) !== undefined || shape.keys.includes(SOURCE_VPCE_KEY))) return undefined;
  const principalLayer = layerOf(principal);
  const accountLayer = accountLayerOf(world, plan.resourceAccount);
  let key = `${shape.id}`;
  for (const keyName of shape.keys) {
    let entry = principalLayer.get(keyName) ?? accountLayer.get(keyName);
    // KMS adds the caller's account to its own requests (evaluate: withKmsCallerAccount).
    if (entry === undefined && keyName === KMS_CALLER_ACCOUNT && plan.service === 'kms') entry = kmsCallerAccountEntry(principal.accountId);
    if (entry === undefined) entry = resourceKeyEntry(world, keyName, plan.actionLower, resource, tags);
    if (entry === undefined && !isAwsOwnedContextKey(keyName)) entry = callerContext.findLast((candidate) => candidate.key.toLowerCase() === keyName);
    key += entry === undefined ? `|${keyName}!` : `|${keyName}=${entry.type ?? ''}:${JSON.stringify(entry.values)}`;
  }
  let principalPortable = true;
  for (const keyName of shape.keys) {
    if (GROUP_PRINCIPAL_KEYS.has(keyName) || keyName.startsWith('aws:principaltag/')) continue;
    if (principalLayer.has(keyName) || keyName.startsWith('aws:principal') || keyName === KMS_CALLER_ACCOUNT) principalPortable = false;
  }
  return {
    key, principalSpecific: reader.principalSpecific || shape.readsPrincipalKeys, portable: !shape.readsResourceKeys,
    resourceStatements: reader.resourceStatements(), principalPortable, principalStatements: reader.principalStatements(),
    callerStatements: reader.principalStatements(false), readsResourceSide: plan.resourcePolicy !== undefined,
    resourceAccount: plan.resourceAccount,
  };
}

/**
 * What a resource's decision signatures may read of it besides its ARN and its resource-side document: its account's
 * RCP chain (the policies of each level), whether RCPs apply there (member, management account), and its tags, with a
 * key the caller gives for the document (its text, or a number for a group of documents). Two resources with equal
 * tokens get equal keys from a principal whose signature is portable, when the signature's resourceStatements match
 * both ARNs alike and, if the key stands for more than one text, each document reads alike for the principal
 * (resourceSideReading). Decision signatures read nothing else of a role: the trust-policy layer, the service
 * rules' service, and per statement how its Principal and Resource match.
 */
export function resourceGroupToken(world: CompiledWorld, accountId: string, documentKey: string | number, resource: string): string {
  const tags = world.resourceTagsOf(resource);
  return `${accountToken(world, accountId)}|${tags === undefined || tags.length === 0 ? '' : JSON.stringify(tags)}|${documentKey}`;
}

/**
 * The value of a key the world sets from the resource (evaluate: contextLayer, withCurrentBoundary): its
 * aws:ResourceTag/* (and an IAM role's or user's iam:ResourceTag/*), and a role's or user's current boundary on
 * the actions that read it. `tags` are the resource's tags, undefined when it has none or the world lists none.
 */
function resourceKeyEntry(
  world: CompiledWorld, keyName: string, actionLower: string, resource: string, tags: readonly Tag[] | undefined,
): ContextEntry | undefined {
  if (keyName === PERMISSIONS_BOUNDARY_KEY) {
    const entity = readsCurrentBoundary(actionLower) ? world.iamEntity(resource) : undefined;
    return entity === undefined ? undefined : currentBoundaryEntry(entity);
  }
  if (tags === undefined || !(keyName.startsWith('aws:resourcetag/') || keyName.startsWith('iam:resourcetag/'))) return undefined;
  // The same entries the request's context layer holds (CompiledWorld.contextLayer).
  return resourceTagEntries(tags, world.iamEntity(resource) !== undefined).find((entry) => entry.key.toLowerCase() === keyName);
}

/**
 * What a principal's decision signatures may read of it besides its identity and its derived condition keys: its
 * kind, whether it is service-linked, its identity policies and boundary (by document), its account's SCP chain (the
 * policies of each level), whether SCPs apply there (member, management account), and its tags. Principals of
 * different accounts with equal tokens get equal keys for the same resource when the signature is principalPortable
 * and its principalStatements match both identities alike (principalMatches).
 */
export function principalGroupToken(world: CompiledWorld, principal: PrincipalOutline, tags: string): string {
  let token = `${principal.kind}|${principal.serviceLinked ? 'sl' : ''}|${principal.boundaryDocument ? 'b' : ''}`;
  for (const document of principal.identityDocuments) token += `${documentId(document)},`;
  token += '|';
  if (principal.boundaryDocument) token += documentId(principal.boundaryDocument);
  const member = world.org.isMember(principal.accountId);
  token += `|${member ? 'm' : `x${world.org.otherOrganizationId(principal.accountId) ?? ''}`}${principal.accountId === world.world.organization?.managementAccountId ? 'M' : ''}`;
  for (const level of world.org.levelsFor(principal.accountId, 'SCP')) {
    token += '/';
    for (const policy of level.set.policies) token += `${documentId(policy.document)},`;
  }
  return `${token}|${tags}`;
}

/**
 * How the statements match the identity and another principal of its account (see principalSpecific): equal strings,
 * equal readings of those statements for two principals of equal principalGroupToken.
 */
export function principalMatches(statements: readonly CompiledStatement[], identity: PrincipalIdentity): string {
  let text = '';
  const probe = probeOf(identity);
  for (const statement of statements) text += `${statement.matchesPrincipal!(identity) ?? '-'}:${statement.matchesPrincipal!(probe) ?? '-'},`;
  return text;
}

/**
 * The number of how a resource-side document (a trust policy) reads for a caller and an action, as a decision
 * signature takes it: its statements' description, and per statement how its Principal matches the caller (and a
 * probe principal of its account) and its Resource the resource. Equal numbers, equal readings; 0 when the document
 * cannot be shared (a Resource with a policy variable). Lets two roles whose trust texts differ only in the
 * principals they name share one question for a caller both read alike.
 */
export function resourceSideReading(document: CompiledDocument, action: string, identity: PrincipalIdentity, resource: string): number {
  let actionLower = lowerActions.get(action);
  if (actionLower === undefined) {
    actionLower = action.toLowerCase();
    lowerActions.set(action, actionLower);
  }
  // Asked for every (class, role) pair of a full build: the reading kept by the slice, when there is one.
  const slice = documentSlices.get(document)?.get(actionLower);
  if (slice !== undefined && !slice.readsResource) {
    const known = slice.readsPrincipal ? slice.byIdentity?.get(identity) : slice.fixed;
    if (known !== undefined) return known.shareable ? known.id : 0;
  }
  const reader = new SetReader(actionLower, serviceOfAction(actionLower), identity, resource, []);
  reader.readResourceSide('R', document);
  return reader.resourceSideReading?.id ?? 0;
}

/** Lower-cased spellings of the few actions resourceSideReading is asked about. */
const lowerActions = new Map<string, string>();

/**
 * Probes by account, kind and boundary (all a probe reads of its identity): one per account and kind, shared by every
 * identity of that account and kind, where each of a large design's 20,000 resolved principals had its own copy.
 */
const probes = new Map<string, (PrincipalIdentity | undefined)[]>();
const PROBE_LIMIT = 50_000;

/** Another principal of the same account and kind: a Principal element that tells them apart names this one. */
function probeOf(identity: PrincipalIdentity): PrincipalIdentity {
  // By account, then by kind and boundary in a small array: asked twice per new reading (tens of thousands in a full
  // build), where a key string per ask was built and hashed.
  const slot = ((identity.userArn ? 1 : 0) + (identity.roleArn ? 2 : 0)) * 3
    + (identity.hasPermissionsBoundary === undefined ? 0 : identity.hasPermissionsBoundary ? 1 : 2);
  let byKind = probes.get(identity.accountId);
  if (byKind === undefined) {
    if (probes.size >= PROBE_LIMIT) probes.clear();
    byKind = new Array<PrincipalIdentity | undefined>(12).fill(undefined);
    probes.set(identity.accountId, byKind);
  }
  let probe = byKind[slot];
  if (!probe) {
    probe = {
      accountId: identity.accountId,
      ...(identity.userArn ? { userArn: `arn:aws:iam::${identity.accountId}:user/\u0000lzsim-probe` } : {}),
      ...(identity.roleArn ? { roleArn: `arn:aws:iam::${identity.accountId}:role/\u0000lzsim-probe`, sessionArn: `arn:aws:sts::${identity.accountId}:assumed-role/\u0000lzsim-probe/s` } : {}),
      ...(identity.hasPermissionsBoundary !== undefined ? { hasPermissionsBoundary: identity.hasPermissionsBoundary } : {}),
    };
    byKind[slot] = probe;
  }
  return probe;
}

const accountTokens = new WeakMap<CompiledWorld, Map<string, string>>();

/** The RCP side of an account as decision signatures read it, the same string for accounts alike. */
function accountToken(world: CompiledWorld, accountId: string): string {
  let byAccount = accountTokens.get(world);
  if (!byAccount) {
    byAccount = new Map();
    accountTokens.set(world, byAccount);
  }
  let token = byAccount.get(accountId);
  if (token === undefined) {
    token = `${world.org.isMember(accountId) ? 'm' : 'x'}${accountId === world.world.organization?.managementAccountId ? 'M' : ''}`;
    for (const level of world.org.levelsFor(accountId, 'RCP')) {
      token += '/';
      for (const policy of level.set.policies) token += `${documentId(policy.document)},`;
    }
    byAccount.set(accountId, token);
  }
  return token;
}

/** A distinct set of signature parts: its number, and the condition keys its statements read (sorted). */
interface SignatureShape {
  /** Stands for the parts in the key (numbers are never reused, so equal numbers mean equal parts). */
  id: number;
  /** Lower-cased condition keys read by the statements that can apply, sorted, each once. */
  keys: readonly string[];
  /** Some of them tell principals of one account apart (aws:PrincipalArn, aws:userid, aws:username). */
  readsPrincipalKeys: boolean;
  /** Some of them are keys of the resource (aws:ResourceAccount, aws:ResourceOrgPaths, aws:ResourceTag/...). */
  readsResourceKeys: boolean;
}

/**
 * Distinct part sets, with their numbers. The graph of a 5,000-account design asks 165,000 (class, role) questions
 * that fall into a few hundred shapes: a key holding every reading's full text, built and hashed per question, made
 * garbage by the hundred megabytes. Bounded: when full it starts again with new numbers, so a key made before never
 * equals one made after (equal requests may then fail to share a decision, never the reverse).
 */
const shapes = new Map<string, SignatureShape>();
const SHAPE_LIMIT = 50_000;
let nextShapeId = 1;

function shapeOf(parts: string, readings: readonly GroupReading[]): SignatureShape {
  let shape = shapes.get(parts);
  if (shape === undefined) {
    const keys = new Set<string>();
    for (const reading of readings) for (const key of reading.keys) keys.add(key);
    const sorted = [...keys].sort();
    shape = {
      id: nextShapeId++, keys: sorted, readsPrincipalKeys: sorted.some((key) => PRINCIPAL_KEYS.has(key)),
      readsResourceKeys: sorted.some((key) => key.startsWith('aws:resource') || key.startsWith('iam:resourcetag/') || key === PERMISSIONS_BOUNDARY_KEY),
    };
    if (shapes.size >= SHAPE_LIMIT) shapes.clear();
    shapes.set(parts, shape);
  }
  return shape;
}

/** What one policy group contributes to a signature: its text, the condition keys it reads, and whether it can be shared. */
interface GroupReading {
  /**
   * The interned number of the group's text (documents, then per statement that can apply: principal and resource
   * match): equal texts, equal numbers. The signature's parts hold the number, not the text.
   */
  id: number;
  /** Lower-cased condition keys of the statements that can apply. */
  keys: readonly string[];
  /** A Principal element matched the caller differently from another principal of its account. */
  principalSpecific: boolean;
  /** False when the request cannot share its decision (a Resource with a policy variable applies). */
  shareable: boolean;
}

/** The statements of a group that can apply to an action, and what their match can depend on. */
interface GroupSlice {
  /** The group's documents, or for a resource-side document its statements for the action (see describeResourceSide). */
  documents: string;
  /** Statements whose match depends on the request, in evaluation order. */
  statements: readonly CompiledStatement[];
  /** Some of them have a Principal element (their match depends on the caller). */
  readsPrincipal: boolean;
  /** Some of them have a Resource whose match depends on the resource. */
  readsResource: boolean;
  /** Its statements with a Principal element (made on first use). */
  principalStatements?: readonly CompiledStatement[];
  /** Its statements whose Resource match depends on the resource (made on first use). */
  resourceStatements?: readonly CompiledStatement[];
  /** The reading when it depends on neither caller nor resource. */
  fixed?: GroupReading;
  /** Readings by caller identity, when it depends on the caller alone. */
  byIdentity?: WeakMap<PrincipalIdentity, GroupReading>;
  /**
   * Those readings by id, doubled, plus one when principal-specific: callers reading the slice alike share one reading
   * object rather than one each (a trust policy naming an account is read by each of 20,000 callers).
   */
  distinct?: Map<number, GroupReading>;
}

// Slices by policy group (identity sets, boundaries, SCP/RCP levels) and by resource-side document, then by action.
const groupSlices = new WeakMap<PolicySet, Map<string, GroupSlice>>();
const documentSlices = new WeakMap<CompiledDocument, Map<string, GroupSlice>>();

/** Reads the statements of policy groups that apply to one request into the signature. */
class SetReader {
  /** Set when a Principal element matched the caller differently from another principal of its account. */
  principalSpecific = false;
  /** Slices read whose statements' Resource match depends on the resource (no fixed answer). */
  private resourceSlices?: GroupSlice[];
  /** Slices read with statements that have a Principal element. */
  private principalSlices?: GroupSlice[];
  /** The resource-side document's slice, when read. */
  resourceSideSlice?: GroupSlice;
  /** The resource-side document's reading, when read. */
  resourceSideReading?: GroupReading;
  /** The readings taken, in order (their condition keys make the signature's key list). */
  readonly readings: GroupReading[] = [];

  constructor(
    private readonly actionLower: string,
    private readonly service: string,
    private readonly identity: PrincipalIdentity,
    private readonly resource: string,
    private readonly parts: string[],
  ) {}

  /** Append the group's documents and, per statement that can apply, its principal and resource match; false when unshareable. */
  read(tag: string, set: PolicySet): boolean {
    let byAction = groupSlices.get(set);
    if (!byAction) {
      byAction = new Map();
      groupSlices.set(set, byAction);
    }
    let slice = byAction.get(this.actionLower);
    if (!slice) {
      let documents = '';
      for (const policy of set.policies) documents += `${documentId(policy.document)},`;
      slice = sliceOf(documents, set.sliceFor(this.actionLower, this.service).refs.map((ref) => ref.statement));
      byAction.set(this.actionLower, slice);
    }
    return this.take(tag, slice);
  }

  /**
   * Append a resource-side document (trust or resource policy). It is described by its statements for the action,
   * not by its text: 5,000 roles trusting each their neighbour account hold 5,000 texts that evaluate alike.
   */
  readResourceSide(tag: string, document: CompiledDocument): boolean {
    let byAction = documentSlices.get(document);
    if (!byAction) {
      byAction = new Map();
      documentSlices.set(document, byAction);
    }
    let slice = byAction.get(this.actionLower);
    if (!slice) {
      const statements = document.statementsForAction(this.actionLower, this.service);
      slice = sliceOf(describeResourceSide(statements), statements.filter((statement) => !statement.actionOnly));
      byAction.set(this.actionLower, slice);
    }
    this.resourceSideSlice = slice;
    return this.take(tag, slice);
  }

  private take(tag: string, slice: GroupSlice): boolean {
    let reading: GroupReading | undefined;
    if (slice.readsResource) reading = this.reading(slice);
    else if (!slice.readsPrincipal) reading = slice.fixed ??= this.reading(slice);
    else {
      slice.byIdentity ??= new WeakMap();
      reading = slice.byIdentity.get(this.identity);
      if (!reading) {
        reading = this.reading(slice);
        // Equal ids, equal texts (documents and matches), so equal keys: the slice's first such reading stands for it.
        slice.distinct ??= new Map();
        const number = reading.id * 2 + (reading.principalSpecific ? 1 : 0);
        const known = slice.distinct.get(number);
        if (known === undefined) slice.distinct.set(number, reading);
        else reading = known;
        slice.byIdentity.set(this.identity, reading);
      }
    }
    if (slice === this.resourceSideSlice) this.resourceSideReading = reading;
    if (!reading.shareable) return false;
    if (slice.readsResource) (this.resourceSlices ??= []).push(slice);
    if (slice.readsPrincipal) (this.principalSlices ??= []).push(slice);
    this.parts.push(tag + reading.id);
    this.readings.push(reading);
    if (reading.principalSpecific) this.principalSpecific = true;
    return true;
  }

  /** The statements read whose Resource match depends on the resource, in reading order. */
  resourceStatements(): readonly CompiledStatement[] {
    if (!this.resourceSlices) return NO_STATEMENTS;
    const of = (slice: GroupSlice) => (slice.resourceStatements ??= slice.statements.filter((statement) => statement.fixedResourceMatch === undefined));
    return this.resourceSlices.length === 1 ? of(this.resourceSlices[0]) : this.resourceSlices.flatMap(of);
  }

  /** The statements read that have a Principal element, in reading order. */
  principalStatements(withResourceSide = true): readonly CompiledStatement[] {
    const slices = withResourceSide ? this.principalSlices : this.principalSlices?.filter((slice) => slice !== this.resourceSideSlice);
    if (!slices || slices.length === 0) return NO_STATEMENTS;
    const of = (slice: GroupSlice) => (slice.principalStatements ??= slice.statements.filter((statement) => statement.matchesPrincipal !== undefined));
    return slices.length === 1 ? of(slices[0]) : slices.flatMap(of);
  }

  private reading(slice: GroupSlice): GroupReading {
    let text = slice.documents;
    const keys: string[] = [];
    let principalSpecific = false;
    const statements = slice.statements;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      if (statement.matchesPrincipal !== undefined) {
        const grant = statement.matchesPrincipal(this.identity);
        if (grant !== statement.matchesPrincipal(probeOf(this.identity))) principalSpecific = true;
        if (grant === undefined) {
          text += '|p-';
          continue;
        }
        text += `|${grant}`;
      }
      if (statement.resourceVariableKeys !== undefined) return UNSHAREABLE;
      const matches = statement.fixedResourceMatch ?? statement.matchesResource(this.resource, EMPTY_CONTEXT);
      if (!matches) {
        text += '|r-';
        continue;
      }
      text += '|r+';
      for (const key of statement.conditionKeys) keys.push(key);
    }
    return { id: readingId(text), keys, principalSpecific, shareable: true };
  }
}

const NO_STATEMENTS: readonly CompiledStatement[] = Object.freeze([]);
const UNSHAREABLE: GroupReading = Object.freeze({ id: 0, keys: [], principalSpecific: false, shareable: false });

/** Reading texts by number; bounded like the shapes (numbers are never reused). */
const readingIds = new Map<string, number>();
const READING_LIMIT = 50_000;
let nextReadingId = 1;

function readingId(text: string): number {
  let id = readingIds.get(text);
  if (id === undefined) {
    id = nextReadingId++;
    if (readingIds.size >= READING_LIMIT) readingIds.clear();
    readingIds.set(text, id);
  }
  return id;
}

function sliceOf(documents: string, statements: readonly CompiledStatement[]): GroupSlice {
  return {
    documents, statements,
    readsPrincipal: statements.some((statement) => statement.matchesPrincipal !== undefined),
    readsResource: statements.some((statement) => statement.fixedResourceMatch === undefined),
  };
}

/**
 * A resource-side document's statements for one action, as evaluate() sees them: position and Sid (the trace and the
 * edge name them), effect, whether the match depends on the action alone and whether a Principal element takes part,
 * the policy version (policy variables) and the Condition clauses in order. Two documents with equal descriptions
 * give every request for the action the same decision, reasons and matched statements; the reading that follows adds
 * how each statement's Principal and Resource match the request.
 */
function describeResourceSide(statements: readonly CompiledStatement[]): string {
  let text = `#${statements.length}`;
  for (const statement of statements) {
    text += `;${statement.index}:${statement.effect}:${statement.actionOnly ? 'a' : ''}${statement.matchesPrincipal !== undefined ? 'p' : ''}`
      + `:${JSON.stringify(statement.sid ?? null)}:${statement.policyVersion ?? ''}:${JSON.stringify(statement.conditionClauses)}`;
  }
  return text;
}

function documentId(document: CompiledDocument): number {
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  return id;
}

function layerOf(principal: ResolvedPrincipal): Map<string, ContextEntry> {
  let layer = principalLayers.get(principal);
  if (!layer) {
    layer = new Map(principal.derivedContext.map((entry) => [entry.key.toLowerCase(), entry]));
    principalLayers.set(principal, layer);
  }
  return layer;
}

function accountLayerOf(world: CompiledWorld, accountId: string): Map<string, ContextEntry> {
  let byAccount = accountLayers.get(world);
  if (!byAccount) {
    byAccount = new Map();
    accountLayers.set(world, byAccount);
  }
  let layer = byAccount.get(accountId);
  if (!layer) {
    const entries = resourceAccountEntries(accountId, world.org.organizationOf(accountId));
    layer = new Map(entries.map((entry) => [entry.key.toLowerCase(), entry]));
    byAccount.set(accountId, layer);
  }
  return layer;
}

/** The service field of an ARN ("arn:aws:s3:::b" -> "s3"); the whole value when it is not an ARN. */
function serviceOfArn(resource: string): string {
  if (!resource.startsWith('arn:')) return resource;
  const start = resource.indexOf(':', 4) + 1;
  const end = resource.indexOf(':', start);
  return start > 0 && end > start ? resource.slice(start, end) : resource;
}

/** The identity a user or a role session presents to Principal matching, as resolvePrincipal builds it. */
export function identityOf(accountId: string, isRole: boolean, entity: IamRole | IamUser): PrincipalIdentity {
  const hasPermissionsBoundary = entity.permissionsBoundaryArn !== undefined;
  if (!isRole) return { accountId, userArn: entity.arn, uniqueId: (entity as IamUser).userId, hasPermissionsBoundary };
  const role = entity as IamRole;
  const partition = role.arn.split(':')[1];
  return {
    accountId, roleArn: role.arn, sessionArn: `arn:${partition}:sts::${accountId}:assumed-role/${role.name}/${DEFAULT_SESSION_NAME}`,
    uniqueId: role.roleId, hasPermissionsBoundary,
  };
}

/** How the Principal elements of a request's resource side (resource policy or trust policy, RCPs) match callers. */
export interface ResourceGrants {
  /** False when no Principal element takes part (differsFor is then false for every caller). */
  mayDiffer: boolean;
  /** True when some Principal element matches this caller differently from the representative. */
  differsFor(identity: PrincipalIdentity): boolean;
}

const NEVER_DIFFERS: ResourceGrants = { mayDiffer: false, differsFor: () => false };

/**
 * The Principal matches of the statements that can apply to the representative's request: a principal of the same
 * class whose matches differ is named (or excluded) by a policy and must be decided on its own.
 */
export function resourceGrants(world: CompiledWorld, representative: ResolvedPrincipal, action: string, resource: string, requestedResourceAccount?: string): ResourceGrants {
  const plan = requestPlan(world, representative, action, resource, requestedResourceAccount);
  const sets: PolicySet[] = [];
  if (plan.resourcePolicy) sets.push(world.setOf(plan.resourcePolicy));
  if (plan.rcpSkip === undefined) for (const level of world.org.levelsFor(plan.resourceAccount, 'RCP')) sets.push(level.set);
  const matchers = sets.flatMap((set) => set.sliceFor(plan.actionLower, plan.service).refs.map((ref) => ref.statement.matchesPrincipal).filter((matcher) => matcher !== undefined));
  if (matchers.length === 0) return NEVER_DIFFERS;
  const expected = matchers.map((matcher) => matcher(representative.identity));
  return { mayDiffer: true, differsFor: (identity) => matchers.some((matcher, i) => matcher(identity) !== expected[i]) };
}
