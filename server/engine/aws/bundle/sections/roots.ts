// Roots (list-roots): exactly one with an organization, with the policy types enabled on it.
import type { BundleSection } from '../context';
import { ROOT_ID } from '../identifiers';
import { ORGANIZATIONS_POLICY_TYPES, type InterchangeRoot, type OrganizationsPolicyType, type PolicyTypeStatus } from '../model';

const POLICY_TYPES: ReadonlySet<string> = new Set(ORGANIZATIONS_POLICY_TYPES);
const TYPE_STATUSES: ReadonlySet<string> = new Set<PolicyTypeStatus>(['ENABLED', 'PENDING_ENABLE', 'PENDING_DISABLE']);

/** The root. */
export const rootsSection: BundleSection = {
  keys: ['Roots'],
  read({ top, read, problems, design, targets }) {
    const roots = read.array(top.Roots, '$.Roots');
    if (top.Organization && roots.length !== 1) problems.add('$.Roots', `an organization has exactly one root, found ${roots.length}`);
    if (!top.Organization && roots.length > 0) problems.add('$.Organization', 'is required when Roots are given');
    const rootItem = roots.length === 1 ? read.object(roots[0], '$.Roots[0]') : undefined;
    if (!rootItem) return;
    const awsId = read.id(rootItem.Id, '$.Roots[0].Id', ROOT_ID, 'root id');
    const policyTypes: InterchangeRoot['policyTypes'] = [];
    read.array(rootItem.PolicyTypes, '$.Roots[0].PolicyTypes').forEach((entry, i) => {
      const path = `$.Roots[0].PolicyTypes[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const type = read.string(item.Type, `${path}.Type`);
      const status = item.Status ?? 'ENABLED';
      if (type && !POLICY_TYPES.has(type)) problems.add(`${path}.Type`, `unknown policy type "${type}"`);
      else if (typeof status !== 'string' || !TYPE_STATUSES.has(status)) problems.add(`${path}.Status`, `unknown status ${JSON.stringify(item.Status)}`);
      else if (type) {
        if (policyTypes.some((t) => t.type === type)) problems.add(`${path}.Type`, `policy type ${type} is listed twice`);
        else policyTypes.push({ type: type as OrganizationsPolicyType, status: status as PolicyTypeStatus });
      }
    });
    if (!awsId) return;
    design.root = { awsId, name: read.optionalString(rootItem.Name, '$.Roots[0].Name') ?? 'Root', policyTypes, tags: read.tags(rootItem.Tags, '$.Roots[0].Tags') };
    targets.set(awsId, 'ROOT');
  },
};
