// A design's exported bundle (the interchange exporter's canonical output) with the facts that legitimately differ
// between a design and the organization a migration plan built from it taken out: the ids AWS gives new OUs and
// policies (each replaced by its name path / type and name, everywhere it appears), the ids and dates IAM gives new
// roles, users and policy versions, and the order of lists. Two designs with the same structure, policies,
// attachments and IAM compare equal.
import { designToBundle } from '../../server/services/interchange/write-bundle';
import type { InterchangeDesign } from '../../server/engine/aws/bundle/model';

/** Keys whose values AWS (or lzsim) draws when it creates the entity. */
const VOLATILE = new Set(['RoleId', 'UserId', 'GroupId', 'PolicyId', 'CreateDate', 'UpdateDate', 'JoinedTimestamp', 'DefaultVersionId', 'PolicyVersionList', 'RoleLastUsed', 'AttachmentCount', 'PermissionsBoundaryUsageCount', 'IsAttachable', 'Description']);

function labels(design: InterchangeDesign): Map<string, string> {
  const result = new Map<string, string>();
  const pathOf = (id: string): string => {
    const ou = design.ous.find((entry) => entry.awsId === id);
    return ou ? `${pathOf(ou.parentId)}/${ou.name}` : 'root';
  };
  if (design.root) result.set(design.root.awsId, 'root');
  for (const ou of design.ous) result.set(ou.awsId, `ou:${pathOf(ou.awsId)}`);
  for (const policy of design.policies) result.set(policy.awsId, `policy:${policy.type}/${policy.name}`);
  return result;
}

function canonical(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => canonical(item, replace)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]): [string, unknown] => (key === 'PolicyVersionList' && Array.isArray(item)
      // Only the default version takes effect; a plan adds versions where the design may have fewer.
      ? ['DefaultDocument', (item as { IsDefaultVersion?: boolean; Document?: unknown }[]).find((version) => version.IsDefaultVersion)?.Document]
      : [key, item]));
    return Object.fromEntries(entries.filter(([key]) => !VOLATILE.has(key)).map(([key, item]): [string, unknown] => [key, canonical(item, replace)]).sort(([a], [b]) => a.localeCompare(b)));
  }
  return value;
}

/** The design's exported bundle, with new-entity ids, IAM's drawn ids and dates, and list order taken out. */
export function canonicalDesign(design: InterchangeDesign): unknown {
  const names = labels(design);
  const ids = [...names.keys()].sort((a, b) => b.length - a.length);
  const replace = (text: string) => ids.reduce((result, id) => (result.includes(id) ? result.split(id).join(names.get(id)!) : result), text);
  return canonical(designToBundle(design), replace);
}
