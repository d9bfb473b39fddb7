// Policies ([{PolicySummary, Content, Targets}]: list-policies, describe-policy, list-targets-for-policy), every
// type, each content validated by the rules of its type, then the organization's quotas.
import { isPlainObject } from '../../json-checks';
import type { BundleSection } from '../context';
import { POLICY_ID } from '../identifiers';
import { ORGANIZATIONS_POLICY_TYPES, type OrganizationsPolicyType } from '../model';
import { checkOrganizationQuotas } from './organization-quotas';

const POLICY_TYPES: ReadonlySet<string> = new Set(ORGANIZATIONS_POLICY_TYPES);

/** The Organizations policies and their targets. */
export const policiesSection: BundleSection = {
  keys: ['Policies'],
  read({ top, read, problems, documents, warnings, design, targets }) {
    const policyNames = new Map<string, string>();
    const enabledTypes = new Set((design.root?.policyTypes ?? []).filter((t) => t.status !== 'PENDING_ENABLE').map((t) => t.type));
    read.array(top.Policies, '$.Policies').forEach((entry, i) => {
      const path = `$.Policies[${i}]`;
      const item = read.object(entry, path);
      const summary = item && read.object(item.PolicySummary, `${path}.PolicySummary`);
      if (!item || !summary) return;
      const awsManaged = summary.AwsManaged === true;
      const awsId = read.id(summary.Id, `${path}.PolicySummary.Id`, POLICY_ID, 'policy id');
      const type = read.string(summary.Type, `${path}.PolicySummary.Type`);
      const name = read.string(summary.Name, `${path}.PolicySummary.Name`);
      const content = isPlainObject(item.Content) ? JSON.stringify(item.Content) : read.string(item.Content, `${path}.Content`);
      if (type && !POLICY_TYPES.has(type)) problems.add(`${path}.PolicySummary.Type`, `unknown policy type "${type}"`);
      if (!awsId || !type || !POLICY_TYPES.has(type) || !name || content === undefined) return;
      const policyType = type as OrganizationsPolicyType;
      if (design.policies.some((p) => p.awsId === awsId)) {
        problems.add(`${path}.PolicySummary.Id`, `duplicate policy id "${awsId}"`);
        return;
      }
      const nameKey = `${type}\u0000${name}`;
      if (policyNames.has(nameKey)) problems.add(`${path}.PolicySummary.Name`, `a ${type} named "${name}" already exists (${policyNames.get(nameKey)})`, 'DuplicatePolicyException');
      policyNames.set(nameKey, awsId);
      documents.organizationsPolicy(`${path}.Content`, `policy ${awsId} ("${name}")`, policyType, content, awsManaged);
      const targetIds = new Set<string>();
      read.array(item.Targets, `${path}.Targets`).forEach((targetEntry, t) => {
        const targetPath = `${path}.Targets[${t}]`;
        const target = read.object(targetEntry, targetPath);
        const targetId = target && read.string(target.TargetId, `${targetPath}.TargetId`);
        if (!targetId) return;
        if (!targets.has(targetId)) {
          problems.add(`${targetPath}.TargetId`, `target "${targetId}" is not the root, a known OU or a known account`, 'TargetNotFoundException');
          return;
        }
        if (targetIds.has(targetId)) problems.add(`${targetPath}.TargetId`, `policy ${awsId} is attached to "${targetId}" twice`, 'DuplicatePolicyAttachmentException');
        targetIds.add(targetId);
      });
      if (targetIds.size > 0 && design.root && !enabledTypes.has(policyType)) {
        warnings.push(`${path}: ${type} ${awsId} is attached but the type is not enabled on the root; AWS applies it only once enabled`);
      }
      design.policies.push({
        awsId,
        type: policyType,
        name,
        description: read.optionalString(summary.Description, `${path}.PolicySummary.Description`) ?? '',
        content,
        awsManaged,
        tags: read.tags(item.Tags, `${path}.Tags`),
        targetIds: [...targetIds].sort(),
      });
    });
    if (!design.organization && design.policies.length > 0) problems.add('$.Policies', 'Organizations policies need an $.Organization', 'AWSOrganizationsNotInUseException');
    checkOrganizationQuotas(problems, design);
  },
};
