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

/** The OrgTree a compact tree stands for (what org.tree returned before it was compact); throws on a bad payload. */
export function decodeOrgTree(wire: unknown): OrgTree {
  const compact = compactOrgTreeSchema.parse(wire);
  const { policies } = compact;
  const policyAt = (at: number): AttachedPolicy => {
    if (at >= policies.id.length) throw new Error(`org tree: attached policy ${at} is not in the policy table`);
    return { id: policies.id[at], name: policies.name[at], type: policies.types[policies.type[at]] };
  };
  const attachedOf = (indexes: readonly number[]) => {
    const attachedPolicies = indexes.map(policyAt);
    const count = (type: string) => attachedPolicies.filter((policy) => policy.type === type).length;
    return { policyCounts: { scp: count('SERVICE_CONTROL_POLICY'), rcp: count('RESOURCE_CONTROL_POLICY') }, attachedPolicies };
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
      const { policyCounts, attachedPolicies } = attachedOf(ous.attached[at] ?? []);
      return { id, awsId: ous.awsId[at], name: ous.name[at], parentId: parentId(ous.parent[at]), policyCounts, attachedPolicies, enabledControlCount: ous.controls[at] };
    }),
    accounts: accounts.id.map((id, at) => {
      const { policyCounts, attachedPolicies } = attachedOf(accounts.attached[at] ?? []);
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

/** True for a snapshot made by snapshotOrgTree. */
export function isOrgTreeSnapshot(value: unknown): value is OrgTree {
  return compactFormOf(value) !== undefined;
}
