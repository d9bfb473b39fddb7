// Shared facts for importers and exporters: the policy types AWS knows, the OU depth quota, how a resource type is
// read from an ARN, and the canonical order of a design (so two exports of the same design are byte-identical).
import 'server-only';

import { DEFAULT_ORGANIZATION_QUOTAS } from '../../engine/quotas';
import type { InterchangeDesign, InterchangeOu } from '../../db/import-export-model';

/** OU nesting below the root, from the quotas data (orgs_reference_limits.html). */
export const OU_MAX_DEPTH = DEFAULT_ORGANIZATION_QUOTAS.maxOuDepth;

/** Every Organizations PolicyType value the API accepts. */
export const POLICY_TYPES: ReadonlySet<string> = new Set([
  'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2', 'TAG_POLICY', 'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'SECURITYHUB_POLICY', 'SECURITYHUB_CSPM_POLICY', 'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY', 'BEDROCK_POLICY', 'S3_POLICY', 'NETWORK_SECURITY_DIRECTOR_POLICY', 'GUARDDUTY_POLICY',
]);

/** "service:type" of a resource ARN, e.g. "s3:bucket", "kms:key", "sqs:queue". */
export function resourceTypeOf(arn: string): string {
  const fields = arn.split(':');
  const service = fields[2] ?? 'unknown';
  const resource = fields.slice(5).join(':');
  if (service === 's3') return resource.includes('/') ? 's3:object' : 's3:bucket';
  const type = resource.split(/[/:]/)[0];
  // Some services name the resource with no type prefix (an SQS queue, an SNS topic): the service names it.
  const bare: Record<string, string> = { sqs: 'queue', sns: 'topic' };
  return `${service}:${bare[service] ?? (type || service)}`;
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** OUs with every parent before its children, siblings by id. */
export function parentsFirst(ous: readonly InterchangeOu[], rootId: string | undefined): InterchangeOu[] {
  const children = new Map<string, InterchangeOu[]>();
  for (const ou of ous) {
    const list = children.get(ou.parentId) ?? [];
    list.push(ou);
    children.set(ou.parentId, list);
  }
  const ordered: InterchangeOu[] = [];
  const visit = (parentId: string) => {
    for (const child of (children.get(parentId) ?? []).sort(byKey((o) => o.awsId))) {
      ordered.push(child);
      visit(child.awsId);
    }
  };
  if (rootId) visit(rootId);
  // OUs not reachable from the root cannot come from a validated import; keep them rather than drop silently.
  const placed = new Set(ordered);
  for (const ou of ous) if (!placed.has(ou)) ordered.push(ou);
  return ordered;
}

/** The design in canonical order (ids, names), so exports are deterministic. */
export function sortDesign(design: InterchangeDesign): InterchangeDesign {
  const iam: InterchangeDesign['iam'] = {};
  for (const accountId of Object.keys(design.iam).sort()) {
    const account = design.iam[accountId];
    iam[accountId] = {
      users: [...account.users].sort(byKey((u) => u.name)),
      groups: [...account.groups].sort(byKey((g) => g.name)),
      roles: [...account.roles].sort(byKey((r) => r.name)),
    };
  }
  return {
    organization: design.organization,
    root: design.root && { ...design.root, policyTypes: [...design.root.policyTypes].sort(byKey((t) => t.type)) },
    ous: parentsFirst(design.ous, design.root?.awsId),
    accounts: [...design.accounts].sort(byKey((a) => a.accountId)),
    policies: [...design.policies].sort(byKey((p) => p.awsId)).map((p) => ({ ...p, targetIds: [...p.targetIds].sort() })),
    delegatedAdministrators: [...design.delegatedAdministrators].sort(byKey((d) => `${d.accountId} ${d.servicePrincipal}`)),
    managedPolicies: [...design.managedPolicies].sort(byKey((p) => p.arn)),
    iam,
    resourcePolicies: [...design.resourcePolicies].sort(byKey((p) => `${p.accountId} ${p.resourceArn}`)),
  };
}
