// aws-org-designer (github.com/lukehau/aws-org-designer) export -> interchange model, so its users can move over.
// Its file (persistence format "1.0.0") holds `organization.nodes` (root, OUs and accounts with parentId), `policies`
// (SCPs and RCPs as JSON text) and `policyAttachments` (policyId -> nodeId). It has no AWS identifiers, emails or
// management account, so this importer derives stable AWS-shaped ids from the designer's node ids (the same file
// always imports with the same ids) and adds a management account under the root. The result is turned into an AWS
// export bundle and read by readBundle, so it passes exactly the same validation as any other import.
import 'server-only';

import { createHash } from 'node:crypto';
import { isPlainObject } from '../../engine/aws/json-checks';
import type { InterchangeDesign } from '../../db/import-export-model';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from '../../db/aws-identifiers';
import { ProblemList } from './import-problems';
import { readBundle } from './read-bundle';

/** Persistence format versions of aws-org-designer this importer understands. */
export const SUPPORTED_ORG_DESIGNER_VERSIONS: readonly string[] = ['1.0.0'];

/** What reading an aws-org-designer export gives. */
export interface ReadOrgDesignerResult {
  design: InterchangeDesign;
  warnings: string[];
  /** The designer's organization name, used as the design name. */
  organizationName: string;
}

const DESIGNER_TYPES: Record<string, 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'> = {
  scp: 'SERVICE_CONTROL_POLICY',
  rcp: 'RESOURCE_CONTROL_POLICY',
};

/** Lower-case letters and digits derived from `seed`, `length` long. */
function derived(seed: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += alphabet[digest[i % digest.length] % alphabet.length];
  return out;
}

/** A 12-digit account id derived from `seed`, not starting with 0, unique among `taken`. */
function derivedAccountId(seed: string, taken: Set<string>): string {
  for (let salt = 0; ; salt += 1) {
    const id = `${1 + (createHash('sha256').update(`${seed}#${salt}`).digest()[0] % 9)}${derived(`${seed}#${salt}`, 11, '0123456789')}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** True for a document with nothing in it ("{}"), which aws-org-designer uses as a placeholder. */
function isPlaceholder(content: string): boolean {
  try {
    const parsed: unknown = JSON.parse(content);
    return isPlainObject(parsed) && Object.keys(parsed).length === 0;
  } catch {
    return false;
  }
}

/** Reads an aws-org-designer export; throws ImportRejectedError naming every problem. */
export function readOrgDesignerExport(exported: unknown, source = 'The aws-org-designer file'): ReadOrgDesignerResult {
  const problems = new ProblemList();
  const warnings: string[] = [];
  const fail = (): never => problems.reject(source);
  if (!isPlainObject(exported)) {
    problems.add('$', 'expected an aws-org-designer export (a JSON object with version and organization)');
    return fail();
  }
  const version = exported.version;
  if (typeof version !== 'string' || !SUPPORTED_ORG_DESIGNER_VERSIONS.includes(version)) {
    problems.add('$.version', `unsupported aws-org-designer format version ${JSON.stringify(version)}: this importer reads ${SUPPORTED_ORG_DESIGNER_VERSIONS.join(', ')}`, 'UnsupportedFormatVersion');
    return fail();
  }
  const organization = isPlainObject(exported.organization) ? exported.organization : undefined;
  const nodes = organization && isPlainObject(organization.nodes) ? organization.nodes : undefined;
  const rootNodeId = organization?.rootId;
  if (!organization || !nodes || typeof rootNodeId !== 'string') {
    problems.add('$.organization', 'needs "rootId" and "nodes"');
    return fail();
  }
  const organizationName = typeof organization.name === 'string' && organization.name.trim() ? organization.name.trim() : 'aws-org-designer import';
  const seed = typeof organization.id === 'string' ? organization.id : organizationName;
  const orgId = `o-${derived(`org:${seed}`, 10)}`;
  const rootSuffix = derived(`root:${seed}:${rootNodeId}`, 4);
  const rootId = `r-${rootSuffix}`;
  const takenAccounts = new Set<string>();
  const awsIdOf = new Map<string, string>();
  const kindOf = new Map<string, string>();

  for (const [key, value] of Object.entries(nodes)) {
    const path = `$.organization.nodes["${key}"]`;
    if (!isPlainObject(value)) {
      problems.add(path, 'expected a node object');
      continue;
    }
    const type = value.type;
    if (type !== 'root' && type !== 'ou' && type !== 'account') {
      problems.add(`${path}.type`, `expected "root", "ou" or "account", got ${JSON.stringify(type)}`);
      continue;
    }
    if (typeof value.name !== 'string' || value.name.trim() === '') problems.add(`${path}.name`, 'is required');
    kindOf.set(key, type);
    awsIdOf.set(key, type === 'root' ? rootId : type === 'ou' ? `ou-${rootSuffix}-${derived(`ou:${seed}:${key}`, 8)}` : derivedAccountId(`account:${seed}:${key}`, takenAccounts));
  }
  if (kindOf.get(rootNodeId) !== 'root') problems.add('$.organization.rootId', `"${rootNodeId}" is not a node of type "root"`);
  problems.throwIfAny(source);

  const managementAccountId = derivedAccountId(`management:${seed}`, takenAccounts);
  warnings.push(`aws-org-designer has no management account: added "Management account" (${managementAccountId}) under the root`);
  const rootNode = nodes[rootNodeId] as Record<string, unknown>;
  const parentAwsId = (node: Record<string, unknown>) => (typeof node.parentId === 'string' ? awsIdOf.get(node.parentId) ?? `(unknown node "${node.parentId}")` : undefined);

  const ous: Record<string, unknown>[] = [];
  const accounts: Record<string, unknown>[] = [
    { Id: managementAccountId, Name: 'Management account', Status: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: rootId },
  ];
  for (const [key, value] of Object.entries(nodes)) {
    const node = value as Record<string, unknown>;
    if (kindOf.get(key) === 'ou') ous.push({ Id: awsIdOf.get(key), Name: String(node.name).trim(), ParentId: parentAwsId(node) });
    if (kindOf.get(key) === 'account') {
      accounts.push({ Id: awsIdOf.get(key), Name: String(node.name).trim(), Status: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: parentAwsId(node) });
    }
  }

  // Policies: AWS's own full-access policies keep their AWS ids; empty placeholders cannot exist in AWS and are skipped.
  const policies = new Map<string, { summary: Record<string, unknown>; content: string; targets: Set<string> }>();
  const policyEntries = isPlainObject(exported.policies) ? Object.entries(exported.policies) : [];
  if (exported.policies !== undefined && !isPlainObject(exported.policies)) problems.add('$.policies', 'expected an object of policies by id');
  const hasRcps = policyEntries.some(([, p]) => isPlainObject(p) && p.type === 'rcp');
  for (const [key, value] of policyEntries) {
    const path = `$.policies["${key}"]`;
    if (!isPlainObject(value)) {
      problems.add(path, 'expected a policy object');
      continue;
    }
    const type = DESIGNER_TYPES[String(value.type)];
    if (!type) {
      problems.add(`${path}.type`, `expected "scp" or "rcp", got ${JSON.stringify(value.type)}`);
      continue;
    }
    const content = typeof value.content === 'string' ? value.content : undefined;
    const name = typeof value.name === 'string' ? value.name.trim() : '';
    if (content === undefined || name === '') {
      problems.add(path, 'needs "name" and "content" (JSON text)');
      continue;
    }
    if (isPlaceholder(content)) {
      warnings.push(`${path}: policy "${name}" has an empty document ("{}"), which AWS cannot store; it and its attachments are not imported`);
      continue;
    }
    const managed = type === 'SERVICE_CONTROL_POLICY' && name === FULL_AWS_ACCESS.name ? FULL_AWS_ACCESS
      : type === 'RESOURCE_CONTROL_POLICY' && name === RCP_FULL_AWS_ACCESS.name ? RCP_FULL_AWS_ACCESS : undefined;
    const awsId = managed?.awsId ?? `p-${derived(`policy:${seed}:${key}`, 8)}`;
    policies.set(key, {
      summary: { Id: awsId, Name: name, Description: typeof value.description === 'string' ? value.description : '', Type: type, AwsManaged: managed !== undefined },
      content,
      targets: new Set(),
    });
  }
  const attachments = Array.isArray(exported.policyAttachments) ? exported.policyAttachments : [];
  if (exported.policyAttachments !== undefined && !Array.isArray(exported.policyAttachments)) problems.add('$.policyAttachments', 'expected an array');
  attachments.forEach((entry, i) => {
    const path = `$.policyAttachments[${i}]`;
    if (!isPlainObject(entry) || typeof entry.policyId !== 'string' || typeof entry.nodeId !== 'string') {
      problems.add(path, 'expected {policyId, nodeId}');
      return;
    }
    if (entry.inheritedFrom !== undefined) return; // inheritance computed by the designer, not an attachment
    const targetId = awsIdOf.get(entry.nodeId);
    if (!targetId) {
      problems.add(`${path}.nodeId`, `node "${entry.nodeId}" does not exist`, 'TargetNotFoundException');
      return;
    }
    const policy = policies.get(entry.policyId);
    if (policy) policy.targets.add(targetId);
    else if (!isPlainObject(exported.policies) || !(entry.policyId in exported.policies)) {
      problems.add(`${path}.policyId`, `policy "${entry.policyId}" does not exist`, 'PolicyNotFoundException');
    }
  });
  problems.throwIfAny(source);

  // AWS attaches FullAWSAccess to every root, OU and account it creates while SCPs are enabled, and RCPFullAWSAccess
  // to everything while RCPs are enabled (orgs_manage_policies_scps.html, orgs_manage_policies_rcps.html). The designer
  // draws them on the root only; a design that omitted them below the root would deny everything there.
  const everyTarget = [rootId, ...ous.map((ou) => String(ou.Id)), ...accounts.map((a) => String(a.Id))];
  for (const managed of [FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS]) {
    const type = managed === FULL_AWS_ACCESS ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
    if (type === 'RESOURCE_CONTROL_POLICY' && !hasRcps) continue;
    let entry = [...policies.values()].find((p) => p.summary.Id === managed.awsId);
    if (!entry) {
      entry = { summary: { Id: managed.awsId, Name: managed.name, Description: managed.description, Type: type, AwsManaged: true }, content: managed.content, targets: new Set() };
      policies.set(`aws:${managed.awsId}`, entry);
    }
    for (const target of everyTarget) entry.targets.add(target);
    warnings.push(`${managed.name} is attached to the root, every OU and every account, as AWS attaches it`);
  }

  const bundle = {
    Organization: { Id: orgId, FeatureSet: 'ALL', MasterAccountId: managementAccountId },
    Roots: [{
      Id: rootId,
      Name: typeof rootNode.name === 'string' && rootNode.name.trim() ? rootNode.name.trim() : 'Root',
      PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }, ...(hasRcps ? [{ Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' }] : [])],
    }],
    OrganizationalUnits: ous,
    Accounts: accounts,
    Policies: [...policies.values()].map((p) => ({ PolicySummary: p.summary, Content: p.content, Targets: [...p.targets].map((TargetId) => ({ TargetId })) })),
  };
  const { design, warnings: bundleWarnings } = readBundle(bundle, `${source} (converted to an AWS bundle)`);
  return { design, warnings: [...warnings, ...bundleWarnings], organizationName };
}
