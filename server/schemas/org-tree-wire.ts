// The org tree on the wire: a compact, columnar form of OrgTree, and the one adapter that turns it back into the
// OrgTree the editor uses. Shared by the server (encode) and the browser (decode); imports only zod.
//
// On the 5,000-account design the plain OrgTree was 2.6 MB of JSON, and superjson walked every one of its values on
// each request (about 2 s under load). The compact form sends each column once (ids, names, parents as indexes),
// each attached policy once (nodes refer to it by index), and nothing the decoder can derive (SCP/RCP counts come
// from the attached policies; isManagement from the management account). An OrgTreeSnapshot is a validated tree
// whose compact form was built once: the wire transformer (./wire-transformer.ts) sends that form without walking
// the tree, so a cached snapshot costs one JSON.stringify per request.
import { z } from 'zod';
import { landingZoneServiceSchema, orgAccountNodeSchema, orgTreeSchema, type AttachedPolicy, type LandingZoneServiceView, type OrgTree } from './org';

/** The version of the compact form; the decoder refuses others (a client older than the server reloads). */
export const ORG_TREE_WIRE_VERSION = 1;

const index = z.number().int().nonnegative();
const ACCOUNT_STATUSES = orgAccountNodeSchema.shape.status.options;

/** The compact org tree: columns of equal length per node kind; `parent` indexes 0 = root, k = orgUnits[k - 1]. */
export const compactOrgTreeSchema = z.object({
  v: z.literal(ORG_TREE_WIRE_VERSION),
  designId: z.string(),
  organizationId: z.string().nullable(),
  managementAccountId: z.string().nullable(),
  policyCount: index,
  /** Every policy attached somewhere, once: row ids, names, and the index of its type in `types`. */
  policies: z.object({ id: z.array(z.string()), name: z.array(z.string()), type: z.array(index), types: z.array(z.string()) }),
  /** [row id, AWS id, name, attached policy indexes] or null. */
  root: z.tuple([z.string(), z.string(), z.string(), z.array(index)]).nullable(),
  orgUnits: z.object({
    id: z.array(z.string()),
    awsId: z.array(z.string()),
    name: z.array(z.string()),
    parent: z.array(index),
    attached: z.array(z.array(index)),
    controls: z.array(index),
  }),
  accounts: z.object({
    id: z.array(z.string()),
    accountId: z.array(z.string()),
    name: z.array(z.string()),
    email: z.array(z.string().nullable()),
    /** Index into the account statuses of orgAccountNodeSchema. */
    status: z.array(index),
    parent: z.array(index),
    attached: z.array(z.array(index)),
    /** The few accounts that hold landing-zone services (org trail, Config aggregator, delegated admins): [account index, services]. */
    services: z.array(z.tuple([index, z.array(landingZoneServiceSchema)])).optional(),
  }),
});
/** The compact org tree as sent. */
export type CompactOrgTree = z.infer<typeof compactOrgTreeSchema>;

/** The compact form of a tree. */
export function encodeOrgTree(tree: OrgTree): CompactOrgTree {
  const policyIndex = new Map<string, number>();
  const policies: CompactOrgTree['policies'] = { id: [], name: [], type: [], types: [] };
  const typeIndex = new Map<string, number>();
  const attached = (list: readonly AttachedPolicy[]): number[] =>
    list.map((policy) => {
      let at = policyIndex.get(policy.id);
      if (at === undefined) {
        let type = typeIndex.get(policy.type);
        if (type === undefined) {
          type = policies.types.length;
          typeIndex.set(policy.type, type);
          policies.types.push(policy.type);
        }
        at = policies.id.length;
        policyIndex.set(policy.id, at);
        policies.id.push(policy.id);
        policies.name.push(policy.name);
        policies.type.push(type);
      }
      return at;
    });
  const parentIndex = new Map<string, number>();
  if (tree.root) parentIndex.set(tree.root.id, 0);
  tree.orgUnits.forEach((ou, at) => parentIndex.set(ou.id, at + 1));
  const parentOf = (id: string): number => {
    const at = parentIndex.get(id);
    if (at === undefined) throw new Error(`org tree: parent ${id} is neither the root nor an OU of the tree`);
    return at;
  };
  return {
    v: ORG_TREE_WIRE_VERSION,
    designId: tree.designId,
    organizationId: tree.organizationId,
    managementAccountId: tree.managementAccountId,
    policyCount: tree.policyCount,
    policies,
    root: tree.root ? [tree.root.id, tree.root.awsId, tree.root.name, attached(tree.root.attachedPolicies)] : null,
    orgUnits: {
      id: tree.orgUnits.map((ou) => ou.id),
      awsId: tree.orgUnits.map((ou) => ou.awsId),
      name: tree.orgUnits.map((ou) => ou.name),
      parent: tree.orgUnits.map((ou) => parentOf(ou.parentId)),
      attached: tree.orgUnits.map((ou) => attached(ou.attachedPolicies)),
      controls: tree.orgUnits.map((ou) => ou.enabledControlCount),
    },
    accounts: {
      id: tree.accounts.map((account) => account.id),
      accountId: tree.accounts.map((account) => account.accountId),
      name: tree.accounts.map((account) => account.name),
      email: tree.accounts.map((account) => account.email),
      status: tree.accounts.map((account) => ACCOUNT_STATUSES.indexOf(account.status)),
      parent: tree.accounts.map((account) => parentOf(account.parentId)),
      attached: tree.accounts.map((account) => attached(account.attachedPolicies)),
      services: tree.accounts.flatMap((account, at): [number, LandingZoneServiceView[]][] =>
        account.landingZoneServices ? [[at, account.landingZoneServices]] : []),
    },
  };
}

/** The services column of a compact tree: a few accounts, so zod checks it whole. */
const compactServicesSchema = compactOrgTreeSchema.shape.accounts.shape.services;

/** A test of a column's elements, and what an element that fails it is not. */
type ElementTest = [(value: unknown) => boolean, string];
const isIndex = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const INDEX: ElementTest = [isIndex, 'an index'];
const STRING: ElementTest = [(value) => typeof value === 'string', 'a string'];
const STRING_OR_NULL: ElementTest = [(value) => value === null || typeof value === 'string', 'a string or null'];
const INDEX_LIST: ElementTest = [(value) => Array.isArray(value) && value.every(isIndex), 'a list of indexes'];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first fault of a group of columns of equal length, each element passing its column's test; null when none. */
function columnsFault(group: string, value: unknown, tests: Record<string, ElementTest>): string | null {
  if (!isObject(value)) return `${group} is not an object`;
  let length: number | undefined;
  for (const [name, [test, what]] of Object.entries(tests)) {
    const column = value[name];
    if (!Array.isArray(column)) return `${group}.${name} is not an array`;
    if (length !== undefined && column.length !== length) return `${group}.${name} has ${column.length} entries, not ${length}`;
    length = column.length;
    const bad = column.findIndex((element) => !test(element));
    if (bad >= 0) return `${group}.${name}[${bad}] is not ${what}`;
  }
  return null;
}

/**
 * What is wrong with a payload that should be a compact tree (the first fault found, named by its path), or null.
 * The same shape compactOrgTreeSchema describes, checked with plain loops: zod took about 40 ms over the 5,000-account
 * tree in the browser, on the way to the first cards, for a payload our own server encoded. The policy and parent
 * indexes are checked against their tables by the decoder itself.
 */
export function compactOrgTreeFault(wire: unknown): string | null {
  if (!isObject(wire)) return 'the payload is not an object';
  if (wire.v !== ORG_TREE_WIRE_VERSION) return `version ${String(wire.v)} is not ${ORG_TREE_WIRE_VERSION} (reload the page)`;
  const [isString, isStringOrNull] = [STRING[0], STRING_OR_NULL[0]];
  if (!isString(wire.designId)) return 'designId is not a string';
  if (!isStringOrNull(wire.organizationId)) return 'organizationId is not a string or null';
  if (!isStringOrNull(wire.managementAccountId)) return 'managementAccountId is not a string or null';
  if (!isIndex(wire.policyCount)) return 'policyCount is not a count';
  const policyFault = columnsFault('policies', wire.policies, { id: STRING, name: STRING, type: INDEX });
  if (policyFault) return policyFault;
  const { type, types } = wire.policies as { type: number[]; types: unknown };
  if (!Array.isArray(types) || !types.every(isString)) return 'policies.types is not a list of strings';
  const unknownType = type.findIndex((at) => at >= types.length);
  if (unknownType >= 0) return `policies.type[${unknownType}] is not in policies.types`;
  const root = wire.root;
  if (root !== null && !(Array.isArray(root) && root.length === 4 && root.slice(0, 3).every(isString) && INDEX_LIST[0](root[3]))) {
    return 'root is not [id, AWS id, name, attached policies] or null';
  }
  const ouFault = columnsFault('orgUnits', wire.orgUnits, { id: STRING, awsId: STRING, name: STRING, parent: INDEX, attached: INDEX_LIST, controls: INDEX });
  if (ouFault) return ouFault;
  const accountFault = columnsFault('accounts', wire.accounts, {
    id: STRING,
    accountId: STRING,
    name: STRING,
    email: STRING_OR_NULL,
    status: INDEX,
    parent: INDEX,
    attached: INDEX_LIST,
  });
  if (accountFault) return accountFault;
  const services = compactServicesSchema.safeParse((wire.accounts as Record<string, unknown>).services);
  if (!services.success) return `accounts.services: ${services.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`;
  return null;
}

/**
 * The OrgTree a compact tree stands for (what org.tree returned before it was compact); throws an Error naming the
 * fault on a bad payload. Outside production builds compactOrgTreeSchema checks it too, so that the plain check and
 * the schema cannot drift apart unnoticed.
 */
export function decodeOrgTree(wire: unknown): OrgTree {
  const fault = compactOrgTreeFault(wire);
  if (fault) throw new Error(`org tree: ${fault}`);
  if (process.env.NODE_ENV !== 'production') compactOrgTreeSchema.parse(wire);
  const compact = wire as CompactOrgTree;
  const { policies } = compact;
  // One object per attached policy, shared by every node it is attached to (read-only, as all of the tree is).
  const policyObjects: AttachedPolicy[] = policies.id.map((id, at) => ({ id, name: policies.name[at], type: policies.types[policies.type[at]] }));
  const attachedOf = (indexes: readonly number[]) => {
    const attachedPolicies: AttachedPolicy[] = [];
    const policyCounts = { scp: 0, rcp: 0 };
    for (const at of indexes) {
      const policy = policyObjects[at];
      if (policy === undefined) throw new Error(`org tree: attached policy ${at} is not in the policy table`);
      attachedPolicies.push(policy);
      if (policy.type === 'SERVICE_CONTROL_POLICY') policyCounts.scp += 1;
      else if (policy.type === 'RESOURCE_CONTROL_POLICY') policyCounts.rcp += 1;
    }
    return { policyCounts, attachedPolicies };
  };
  const rootId = compact.root?.[0];
  const ous = compact.orgUnits;
  const parentId = (at: number): string => {
    const id = at === 0 ? rootId : ous.id[at - 1];
    if (id === undefined) throw new Error(`org tree: parent ${at} is neither the root nor an OU of the tree`);
    return id;
  };
  const accounts = compact.accounts;
  const servicesOf = new Map(accounts.services ?? []);
  return {
    designId: compact.designId,
    organizationId: compact.organizationId,
    managementAccountId: compact.managementAccountId,
    policyCount: compact.policyCount,
    root: compact.root
      ? { id: compact.root[0], awsId: compact.root[1], name: compact.root[2], ...attachedOf(compact.root[3]) }
      : null,
    orgUnits: ous.id.map((id, at) => {
      const { policyCounts, attachedPolicies } = attachedOf(ous.attached[at]);
      return { id, awsId: ous.awsId[at], name: ous.name[at], parentId: parentId(ous.parent[at]), policyCounts, attachedPolicies, enabledControlCount: ous.controls[at] };
    }),
    accounts: accounts.id.map((id, at) => {
      const { policyCounts, attachedPolicies } = attachedOf(accounts.attached[at]);
      const status = ACCOUNT_STATUSES[accounts.status[at]];
      if (status === undefined) throw new Error(`org tree: account ${id} has an unknown status ${accounts.status[at]}`);
      return {
        id,
        accountId: accounts.accountId[at],
        name: accounts.name[at],
        email: accounts.email[at],
        status,
        parentId: parentId(accounts.parent[at]),
        isManagement: compact.managementAccountId !== null && accounts.accountId[at] === compact.managementAccountId,
        policyCounts,
        attachedPolicies,
        ...(servicesOf.has(at) ? { landingZoneServices: servicesOf.get(at)! } : {}),
      };
    }),
  };
}

/** Snapshots, each with the compact form it was built with (a WeakMap, so that a snapshot has OrgTree's fields only). */
const compactForms = new WeakMap<object, CompactOrgTree>();
/** The prototype of snapshots: not Object.prototype, so superjson does not walk them as plain objects. */
const SNAPSHOT_PROTOTYPE: object = Object.freeze(Object.create(Object.prototype) as object);

/**
 * A tree checked against orgTreeSchema and encoded, once: what org.tree caches per design revision and returns.
 * It reads as the OrgTree it was made from; the wire transformer sends its compact form.
 */
export function snapshotOrgTree(tree: OrgTree): OrgTree {
  const checked = orgTreeSchema.parse(tree);
  const snapshot = Object.assign(Object.create(SNAPSHOT_PROTOTYPE) as OrgTree, checked);
  compactForms.set(snapshot, encodeOrgTree(checked));
  return snapshot;
}

/** The compact form of a snapshot, or undefined for any other value. */
export function compactFormOf(value: unknown): CompactOrgTree | undefined {
  return typeof value === 'object' && value !== null ? compactForms.get(value) : undefined;
}

/** The JSON text of each snapshot's compact form, written on first use. */
const compactTexts = new WeakMap<object, string>();

/**
 * The compact form of a snapshot as JSON text (written once per snapshot), or undefined for any other value. The
 * wire sends the tree as this one string: React's server components payload and its parser in the browser then
 * carry one value, where the compact form's columns were about 45,000 values on the 5,000-account design, each
 * walked by the server's serializer and passed through the browser's JSON reviver on every page load.
 */
export function compactTextOf(value: unknown): string | undefined {
  const compact = compactFormOf(value);
  if (compact === undefined) return undefined;
  let text = compactTexts.get(compact);
  if (text === undefined) {
    text = JSON.stringify(compact);
    compactTexts.set(compact, text);
  }
  return text;
}

/** True for a snapshot made by snapshotOrgTree. */
export function isOrgTreeSnapshot(value: unknown): value is OrgTree {
  return compactFormOf(value) !== undefined;
}
