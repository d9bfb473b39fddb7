// OrganizationalUnits (list-organizational-units-for-parent entries plus ParentId): every parent known, no cycle,
// at most five levels below the root, sibling names unique (CreateOrganizationalUnit's rules).
import type { BundleSection } from '../context';
import { OU_ID } from '../identifiers';
import type { InterchangeOu } from '../model';
import { organizationQuotasOf } from './quota-overrides';

/** The OUs. */
export const organizationalUnitsSection: BundleSection = {
  keys: ['OrganizationalUnits'],
  read({ top, read, problems, design, targets }) {
    // OU nesting below the root (orgs_reference_limits.html), or the depth the design raised it to.
    const maxDepth = organizationQuotasOf(design).maxOuDepth;
    const ous: (InterchangeOu & { path: string })[] = [];
    read.array(top.OrganizationalUnits, '$.OrganizationalUnits').forEach((entry, i) => {
      const path = `$.OrganizationalUnits[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const awsId = read.id(item.Id, `${path}.Id`, OU_ID, 'OU id');
      const parentId = read.string(item.ParentId, `${path}.ParentId`);
      const name = read.string(item.Name, `${path}.Name`);
      if (!awsId || !parentId || !name) return;
      if (targets.has(awsId)) {
        problems.add(`${path}.Id`, `duplicate id "${awsId}"`);
        return;
      }
      targets.set(awsId, 'OU');
      ous.push({ awsId, name, parentId, tags: read.tags(item.Tags, `${path}.Tags`), path });
    });

    const ouById = new Map(ous.map((ou) => [ou.awsId, ou]));
    const depthOf = new Map<string, number>();
    const depth = (id: string, seen: Set<string>): number => {
      if (targets.get(id) === 'ROOT') return 0;
      const known = depthOf.get(id);
      if (known !== undefined) return known;
      const ou = ouById.get(id);
      if (!ou || seen.has(id)) return Number.NaN;
      seen.add(id);
      const value = depth(ou.parentId, seen) + 1;
      depthOf.set(id, value);
      return value;
    };
    const siblingNames = new Map<string, string>();
    for (const ou of ous) {
      const parentKind = targets.get(ou.parentId);
      if (parentKind !== 'ROOT' && parentKind !== 'OU') {
        problems.add(`${ou.path}.ParentId`, `parent "${ou.parentId}" is neither the root nor a known OU`, 'ParentNotFoundException');
        continue;
      }
      const level = depth(ou.awsId, new Set());
      if (Number.isNaN(level)) problems.add(`${ou.path}.ParentId`, `OU "${ou.awsId}" is its own ancestor`, 'InvalidInputException');
      else if (level > maxDepth) {
        problems.add(`${ou.path}.ParentId`, `OU "${ou.awsId}" would be ${level} levels below the root; at most ${maxDepth} are allowed`, 'ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED');
      }
      const siblingKey = `${ou.parentId}\u0000${ou.name}`;
      const other = siblingNames.get(siblingKey);
      if (other) problems.add(`${ou.path}.Name`, `an OU named "${ou.name}" already exists under ${ou.parentId} (${other})`, 'DuplicateOrganizationalUnitException');
      else siblingNames.set(siblingKey, ou.awsId);
    }
    design.ous = ous.map(({ path: _path, ...ou }) => ou);
  },
};
