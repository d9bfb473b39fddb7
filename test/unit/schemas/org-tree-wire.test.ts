import { describe, expect, it } from 'vitest';
import type { OrgTree } from '../../../server/schemas/org';
import { compactFormOf, compactOrgTreeFault, compactOrgTreeSchema, decodeOrgTree, encodeOrgTree, ORG_TREE_WIRE_VERSION, snapshotOrgTree } from '../../../server/schemas/org-tree-wire';
import { wireTransformer } from '../../../server/schemas/wire-transformer';

const scp = { id: 'pol-scp', name: 'DenyLeaveOrg', type: 'SERVICE_CONTROL_POLICY' };
const full = { id: 'pol-full', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY' };
const rcp = { id: 'pol-rcp', name: 'RCPFullAWSAccess', type: 'RESOURCE_CONTROL_POLICY' };
const tag = { id: 'pol-tag', name: 'CostCenter', type: 'TAG_POLICY' };

/** Root, a nested OU pair, the management account under the root and members in both OUs. */
const TREE: OrgTree = {
  designId: 'design-1',
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '111111111111',
  policyCount: 5,
  root: { id: 'root-row', awsId: 'r-ab12', name: 'Root', policyCounts: { scp: 1, rcp: 1 }, attachedPolicies: [rcp, full] },
  orgUnits: [
    { id: 'ou-w', awsId: 'ou-ab12-11111111', name: 'Workloads', parentId: 'root-row', policyCounts: { scp: 2, rcp: 0 }, attachedPolicies: [scp, full], enabledControlCount: 3 },
    { id: 'ou-p', awsId: 'ou-ab12-22222222', name: 'Prod', parentId: 'ou-w', policyCounts: { scp: 1, rcp: 0 }, attachedPolicies: [full, tag], enabledControlCount: 0 },
  ],
  accounts: [
    { id: 'acc-m', accountId: '111111111111', name: 'management', email: 'root@example.com', status: 'ACTIVE', parentId: 'root-row', isManagement: true, policyCounts: { scp: 1, rcp: 0 }, attachedPolicies: [full] },
    { id: 'acc-a', accountId: '222222222222', name: 'app "prod" ${x}', email: null, status: 'SUSPENDED', parentId: 'ou-p', isManagement: false, policyCounts: { scp: 1, rcp: 0 }, attachedPolicies: [full, tag] },
    { id: 'acc-b', accountId: '333333333333', name: 'sandbox', email: 'b@example.com', status: 'INVITED_PENDING', parentId: 'ou-w', isManagement: false, policyCounts: { scp: 0, rcp: 0 }, attachedPolicies: [],
      // Landing-zone services travel too (the account cards' Trail / Aggr / DA badges read them).
      landingZoneServices: [{ key: 'CONFIG_AGGREGATOR', short: 'Aggr', label: 'AWS Config aggregator', servicePrincipal: 'config.amazonaws.com' }] },
  ],
};

/** What the browser receives: the transformer's output through JSON, deserialized. */
function overTheWire(value: unknown): unknown {
  return wireTransformer.deserialize(JSON.parse(JSON.stringify(wireTransformer.serialize(value))));
}

describe('org tree on the wire', () => {
  it('a snapshot arrives as the same OrgTree, sent in its compact form', () => {
    const snapshot = snapshotOrgTree(TREE);
    expect({ ...snapshot }).toStrictEqual(TREE);
    expect(overTheWire(snapshot)).toStrictEqual(TREE);
    const sent = wireTransformer.serialize(snapshot);
    expect(JSON.stringify(sent)).toContain('"lzsim.orgTree"');
    // One string on the wire (compactTextOf), in which each policy is sent once, however many nodes it is attached to.
    expect(typeof sent.json).toBe('string');
    expect((sent.json as string).split('"FullAWSAccess"')).toHaveLength(2);
  });

  it('inside a larger answer, and next to other values superjson handles (Dates)', () => {
    const at = new Date('2026-12-02T10:00:00Z');
    expect(overTheWire({ tree: snapshotOrgTree(TREE), at })).toStrictEqual({ tree: TREE, at });
  });

  it('leaves a plain tree (not a snapshot) as superjson always sent it', () => {
    const sent = wireTransformer.serialize(TREE);
    expect(sent.json).toStrictEqual(TREE);
    expect(overTheWire(TREE)).toStrictEqual(TREE);
  });

  it('an empty design: no root, no OUs, no accounts', () => {
    const empty: OrgTree = { designId: 'd', organizationId: null, managementAccountId: null, policyCount: 0, root: null, orgUnits: [], accounts: [] };
    expect(overTheWire(snapshotOrgTree(empty))).toStrictEqual(empty);
  });

  it('is several times smaller than the plain tree for a large organization', () => {
    const accounts = Array.from({ length: 2000 }, (_, i) => ({
      id: `cmaccount${String(i).padStart(16, '0')}`, accountId: String(100000000000 + i), name: `workload-${i}`, email: `aws+workload-${i}@example.com`,
      status: 'ACTIVE' as const, parentId: i % 2 ? 'ou-w' : 'ou-p', isManagement: false, policyCounts: { scp: 2, rcp: 0 }, attachedPolicies: [full, scp, tag],
    }));
    const large = { ...TREE, managementAccountId: null, accounts };
    const plain = JSON.stringify(wireTransformer.serialize(large)).length;
    const compact = JSON.stringify(wireTransformer.serialize(snapshotOrgTree(large))).length;
    expect(compact * 2.5).toBeLessThan(plain);
    expect(overTheWire(snapshotOrgTree(large))).toStrictEqual(large);
  });

  it('refuses a payload of another version or with dangling indexes, naming the problem', () => {
    const compact = encodeOrgTree(TREE);
    expect(() => decodeOrgTree({ ...compact, v: ORG_TREE_WIRE_VERSION + 1 })).toThrow();
    expect(() => decodeOrgTree({ ...compact, accounts: { ...compact.accounts, parent: [0, 9, 1] } })).toThrow(/parent 9/);
    expect(() => decodeOrgTree({ ...compact, orgUnits: { ...compact.orgUnits, attached: [[0], [42]] } })).toThrow(/attached policy 42/);
  });

  it('the plain shape check (what production browsers run instead of zod) refuses what the schema refuses, naming the path', () => {
    const compact = encodeOrgTree(TREE);
    expect(compactOrgTreeFault(compact)).toBeNull();
    expect(compactOrgTreeFault(encodeOrgTree({ ...TREE, root: null, orgUnits: [], accounts: [] }))).toBeNull();
    const broken: [unknown, string][] = [
      [null, 'the payload is not an object'],
      [[compact], 'the payload is not an object'],
      [{ ...compact, v: ORG_TREE_WIRE_VERSION + 1 }, `version ${ORG_TREE_WIRE_VERSION + 1} is not ${ORG_TREE_WIRE_VERSION} (reload the page)`],
      [{ ...compact, designId: 7 }, 'designId is not a string'],
      [{ ...compact, managementAccountId: undefined }, 'managementAccountId is not a string or null'],
      [{ ...compact, policyCount: 1.5 }, 'policyCount is not a count'],
      [{ ...compact, policies: { ...compact.policies, types: 'SERVICE_CONTROL_POLICY' } }, 'policies.types is not a list of strings'],
      [{ ...compact, root: ['root-row', 'r-ab12', 'Root'] }, 'root is not [id, AWS id, name, attached policies] or null'],
      [{ ...compact, orgUnits: { ...compact.orgUnits, parent: [0, -1] } }, 'orgUnits.parent[1] is not an index'],
      [{ ...compact, orgUnits: { ...compact.orgUnits, controls: undefined } }, 'orgUnits.controls is not an array'],
      [{ ...compact, accounts: { ...compact.accounts, name: ['a', 2, 'c'] } }, 'accounts.name[1] is not a string'],
      [{ ...compact, accounts: { ...compact.accounts, email: [null, 3, null] } }, 'accounts.email[1] is not a string or null'],
      [{ ...compact, accounts: { ...compact.accounts, attached: [[0], ['0'], []] } }, 'accounts.attached[1] is not a list of indexes'],
    ];
    for (const [payload, fault] of broken) {
      expect(compactOrgTreeFault(payload)).toBe(fault);
      // The schema (which development builds and tests also run) refuses the same payloads.
      expect(compactOrgTreeSchema.safeParse(payload).success).toBe(false);
      expect(() => decodeOrgTree(payload)).toThrow(`org tree: ${fault}`);
    }
    // Columns of unequal length, which the schema cannot say, are refused too.
    expect(compactOrgTreeFault({ ...compact, policies: { ...compact.policies, name: compact.policies.name.slice(1) } })).toBe('policies.name has 3 entries, not 4');
    expect(compactOrgTreeFault({ ...compact, accounts: { ...compact.accounts, status: [0, 1] } })).toBe('accounts.status has 2 entries, not 3');
    const badService = { ...compact, accounts: { ...compact.accounts, services: [[2, [{ key: 'NOPE', short: 'x', label: 'y' }]]] } };
    expect(compactOrgTreeFault(badService)).toMatch(/^accounts\.services: 0\.1\.0\.key /);
  });

  it('snapshotting checks the tree against orgTreeSchema', () => {
    expect(() => snapshotOrgTree({ ...TREE, policyCount: -1 })).toThrow();
    expect(compactFormOf(TREE)).toBeUndefined();
  });
});
