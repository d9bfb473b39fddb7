// Interchange model -> Terraform JSON syntax (.tf.json) for the AWS provider's Organizations resources:
// aws_organizations_organization (feature_set, enabled_policy_types, aws_service_access_principals),
// aws_organizations_organizational_unit (name, parent_id, tags), aws_organizations_account (name, email,
// parent_id, tags), aws_organizations_policy (name, description, type, content, tags),
// aws_organizations_policy_attachment (policy_id, target_id) and aws_organizations_delegated_administrator
// (account_id, service_principal), as the provider's registry pages document them; for a Control Tower landing zone,
// aws_controltower_landing_zone (manifest_json, version), aws_controltower_baseline (baseline_identifier,
// baseline_version, target_identifier) for OUs registered besides Security and Sandbox, and aws_controltower_control
// (control_identifier, target_identifier, parameters { key, value as JSON }).
// What Terraform cannot create is not declared but written down under "//" comments (a comment property in
// Terraform's JSON syntax): the management account and invited accounts (CreateAccount only creates new ones), and
// AWS-managed policies (FullAWSAccess, RCPFullAWSAccess), which AWS attaches by itself.
import 'server-only';

import type { InterchangeDesign } from '../../db/import-export-model';
import type { TagDto } from '../../db/dto';
import { CONTROL_TOWER_BASELINE_ID, sortDesign } from '../../engine/aws/bundle';
import { controlTowerNotes, declarableControls, isControlTowerManaged, landingZoneManifest, ousToRegister } from './control-tower-export';

type Json = Record<string, unknown>;

/**
 * A reference we write on purpose ("${aws_organizations_organizational_unit.ou_x.id}"). Every other string in
 * the document is data from the design and is escaped (see escapeTemplates).
 */
class TerraformReference {
  constructor(readonly expression: string) {}
}
const reference = (expression: string) => new TerraformReference(`\${${expression}}`);

/**
 * Terraform's JSON syntax reads every string value and every object key as a template: "${…}" interpolates and
 * "%{…}" runs a directive, so an OU named ${file("/etc/passwd")} would read that file into the name, and an SCP
 * using ${aws:PrincipalTag/team} would not even parse. "$${" and "%%{" are the documented escapes for a
 * literal "${" and "%{" (https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences).
 */
export function escapeTemplate(text: string): string {
  // Function replacements: in a replacement string "$$" would itself mean one "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Escapes every string and key of a value, turning our own references back into plain expressions. */
function escapeTemplates(value: unknown): unknown {
  if (value instanceof TerraformReference) return value.expression;
  if (typeof value === 'string') return escapeTemplate(value);
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeTemplate(key), escapeTemplates(item)]));
  }
  return value;
}

/** The resource types the export declares, by what they hold. */
export const TERRAFORM_TYPES = {
  organization: 'aws_organizations_organization',
  ou: 'aws_organizations_organizational_unit',
  account: 'aws_organizations_account',
  policy: 'aws_organizations_policy',
  attachment: 'aws_organizations_policy_attachment',
  delegated: 'aws_organizations_delegated_administrator',
} as const;
const ORGANIZATION = TERRAFORM_TYPES.organization;
const OU = TERRAFORM_TYPES.ou;
const ACCOUNT = TERRAFORM_TYPES.account;
const POLICY = TERRAFORM_TYPES.policy;
const ATTACHMENT = TERRAFORM_TYPES.attachment;
const DELEGATED = TERRAFORM_TYPES.delegated;
const RAM_SHARING = 'aws_ram_sharing_with_organization';
const RAM_SHARE = 'aws_ram_resource_share';
const RAM_RESOURCE = 'aws_ram_resource_association';
const RAM_PRINCIPAL = 'aws_ram_principal_association';
const RAM_PERMISSION = 'aws_ram_permission';
const RAM_SERVICE = 'ram.amazonaws.com';
const LANDING_ZONE = 'aws_controltower_landing_zone';
const BASELINE = 'aws_controltower_baseline';
const CONTROL = 'aws_controltower_control';

/** A Terraform identifier: letters, digits, underscores and dashes, starting with a letter. */
export function identifier(prefix: string, id: string): string {
  return `${prefix}_${id.replace(/^(ou|p|r)-/, '').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The name of the attachment resource of a policy on a target. */
export function attachmentName(policyId: string, targetId: string): string {
  return `${identifier('policy', policyId)}__${identifier('target', targetId)}`;
}

/** The name of the delegated administrator resource of an account and a service. */
export function delegatedName(accountId: string, servicePrincipal: string): string {
  return `${identifier('account', accountId)}__${servicePrincipal.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

const tagMap = (tags: readonly TagDto[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/** The Terraform JSON document that recreates the design's organization. */
export function designToTerraform(input: InterchangeDesign, designName: string): Json {
  const design = sortDesign(input);
  const org = design.organization;
  const comments: string[] = [`Generated by lzsim from the design "${designName}".`];
  const resources: Record<string, Record<string, Json>> = {};
  const add = (type: string, name: string, body: Json) => {
    (resources[type] ??= {})[name] = body;
  };
  if (!org || !design.root) {
    return { '//': [...comments, 'The design has no organization: nothing to declare.'].join(' '), resource: {} };
  }

  // References by AWS id: the root through the organization resource, OUs and created accounts through theirs;
  // accounts Terraform cannot create keep their literal id (they exist already).
  const refOf = new Map<string, TerraformReference | string>();
  refOf.set(design.root.awsId, reference(`${ORGANIZATION}.this.roots[0].id`));
  add(ORGANIZATION, 'this', {
    feature_set: org.featureSet,
    enabled_policy_types: design.root.policyTypes.filter((t) => t.status !== 'PENDING_DISABLE').map((t) => t.type),
    // The provider's page for aws_ram_sharing_with_organization: manage RAM sharing with that resource, not with
    // ram.amazonaws.com in aws_service_access_principals.
    aws_service_access_principals: org.serviceAccessPrincipals.filter((service) => service !== RAM_SERVICE),
  });
  if (org.serviceAccessPrincipals.includes(RAM_SERVICE)) add(RAM_SHARING, 'this', {});
  for (const ou of design.ous) {
    const name = identifier('ou', ou.awsId);
    refOf.set(ou.awsId, reference(`${OU}.${name}.id`));
    add(OU, name, { name: ou.name, parent_id: refOf.get(ou.parentId), ...(ou.tags.length ? { tags: tagMap(ou.tags) } : {}) });
  }
  const notCreated: Json[] = [];
  for (const account of design.accounts) {
    if (account.parentId === null) continue; // outside the organization
    const isManagement = account.accountId === org.managementAccountId;
    if (isManagement || account.joinedMethod === 'INVITED') {
      refOf.set(account.accountId, account.accountId);
      notCreated.push({
        account_id: account.accountId,
        name: account.name,
        parent_id: account.parentId,
        reason: isManagement ? 'management account (creates the organization)' : 'invited account: CreateAccount cannot create it; invite it, then "terraform import"',
      });
      continue;
    }
    const name = identifier('account', account.accountId);
    refOf.set(account.accountId, reference(`${ACCOUNT}.${name}.id`));
    add(ACCOUNT, name, {
      name: account.name,
      email: account.email ?? `${account.accountId}@example.invalid`,
      parent_id: refOf.get(account.parentId),
      ...(account.tags.length ? { tags: tagMap(account.tags) } : {}),
    });
    if (!account.email) comments.push(`Account ${account.accountId} has no email in the design: set a real one before applying.`);
  }
  if (notCreated.length > 0) comments.push(`${notCreated.length} account(s) exist already and are referenced by id, not created: see locals.accounts_not_created.`);

  const awsManaged: Json[] = [];
  for (const policy of design.policies) {
    if (isControlTowerManaged(design, policy)) continue;
    let policyRef: TerraformReference | string;
    if (policy.awsManaged) {
      policyRef = policy.awsId;
      awsManaged.push({ policy_id: policy.awsId, name: policy.name, type: policy.type, target_ids: policy.targetIds });
    } else {
      const name = identifier('policy', policy.awsId);
      policyRef = reference(`${POLICY}.${name}.id`);
      add(POLICY, name, {
        name: policy.name,
        description: policy.description,
        type: policy.type,
        content: policy.content,
        ...(policy.tags.length ? { tags: tagMap(policy.tags) } : {}),
      });
    }
    // AWS attaches its managed policies itself (FullAWSAccess to every new root, OU and account while SCPs are
    // enabled; RCPFullAWSAccess always): declaring those attachments would fail with DuplicatePolicyAttachmentException.
    if (policy.awsManaged) continue;
    for (const targetId of policy.targetIds) {
      add(ATTACHMENT, attachmentName(policy.awsId, targetId), { policy_id: policyRef, target_id: refOf.get(targetId) });
    }
  }
  if (awsManaged.length > 0) {
    comments.push('AWS-managed policies are attached by AWS itself; where the design detaches one, detach it after apply: see locals.aws_managed_policies.');
  }
  for (const delegated of design.delegatedAdministrators) {
    add(DELEGATED, delegatedName(delegated.accountId, delegated.servicePrincipal), {
      account_id: refOf.get(delegated.accountId) ?? delegated.accountId,
      service_principal: delegated.servicePrincipal,
    });
  }
  if (design.controlTower) addControlTower(design, design.controlTower, add, comments, refOf);
  const owners = new Set<string>();
  const permissionRef = addRamPermissions(design, add, comments, owners);
  for (const share of design.resourceShares ?? []) {
    owners.add(share.ownerAccountId);
    const name = identifier('share', `${share.ownerAccountId}_${share.name}`);
    const shareArn = reference(`${RAM_SHARE}.${name}.arn`);
    add(RAM_SHARE, name, {
      name: share.name,
      allow_external_principals: share.allowExternalPrincipals,
      ...(share.permissions.length ? { permission_arns: share.permissions.map((p) => permissionRef.get(p.permissionArn) ?? p.permissionArn) } : {}),
      ...(share.tags.length ? { tags: tagMap(share.tags) } : {}),
    });
    for (const resource of share.resources) {
      add(RAM_RESOURCE, `${name}__${resource.arn.split(/[/:]/).pop()!.replace(/[^A-Za-z0-9_-]/g, '_')}`, { resource_arn: resource.arn, resource_share_arn: shareArn });
    }
    for (const principal of share.principals) {
      if (principal.status === 'DISASSOCIATED') continue;
      add(RAM_PRINCIPAL, `${name}__${principal.principal.split(/[/:]/).pop()!.replace(/[^A-Za-z0-9_-]/g, '_')}`, { principal: principal.principal, resource_share_arn: shareArn });
    }
  }
  if (owners.size > 0) {
    comments.push(`RAM resource shares and customer managed permissions are created in their owner accounts (${[...owners].join(', ')}) and Regions: apply those resources with a provider for each owner account; principals outside the organization receive an invitation to accept.`);
  }
  return {
    // Terraform's JSON syntax reads a "//" property as a comment; one string keeps every Terraform version happy.
    '//': comments.join(' '),
    terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } },
    locals: escapeTemplates({ accounts_not_created: notCreated, aws_managed_policies: awsManaged }),
    resource: escapeTemplates(resources),
  };
}

/**
 * The manifest as one Terraform string: the Log Archive and Audit accounts the export creates are interpolated from
 * their aws_organizations_account resources (so the manifest holds the ids AWS gives them, and Terraform orders the
 * landing zone after them); accounts that exist already keep their ids. Everything else is escaped data.
 */
function manifestJson(design: InterchangeDesign, ct: NonNullable<InterchangeDesign['controlTower']>, refOf: ReadonlyMap<string, TerraformReference | string>): TerraformReference {
  const placeholders = new Map<string, string>();
  const manifest = landingZoneManifest(design, ct, (accountId) => {
    const ref = refOf.get(accountId);
    if (!(ref instanceof TerraformReference)) return accountId;
    const token = `__lzsim_account_${placeholders.size}__`;
    placeholders.set(token, ref.expression);
    return token;
  });
  let text = escapeTemplate(JSON.stringify(manifest));
  for (const [token, expression] of placeholders) text = text.replace(token, () => expression);
  return new TerraformReference(text);
}

/** The landing zone, the registrations it does not make itself and the controls EnableControl takes. */
/**
 * Customer managed RAM permissions as aws_ram_permission (name, resource_type, policy_template, tags: the AWS
 * provider's resource page). The resource holds one policy template, so the default version is declared and earlier
 * versions are written down in the comment; returns each permission's ARN as a reference for the shares using it.
 */
function addRamPermissions(
  design: InterchangeDesign,
  add: (type: string, name: string, body: Json) => void,
  comments: string[],
  owners: Set<string>,
): Map<string, TerraformReference> {
  const refs = new Map<string, TerraformReference>();
  const older: string[] = [];
  for (const permission of design.ramPermissions ?? []) {
    owners.add(permission.ownerAccountId);
    const name = identifier('permission', `${permission.ownerAccountId}_${permission.name}`);
    const current = permission.versions.find((v) => v.version === permission.defaultVersion) ?? permission.versions[permission.versions.length - 1];
    add(RAM_PERMISSION, name, {
      name: permission.name,
      resource_type: permission.resourceType,
      policy_template: current.policyTemplate,
      ...(permission.tags.length ? { tags: tagMap(permission.tags) } : {}),
    });
    refs.set(permission.arn, reference(`${RAM_PERMISSION}.${name}.arn`));
    const others = permission.versions.filter((v) => v !== current).map((v) => v.version);
    if (others.length > 0) older.push(`${permission.name} (default v${current.version}; also v${others.join(', v')})`);
  }
  if (older.length > 0) {
    comments.push(`aws_ram_permission holds one policy template: each customer managed permission is declared with its default version; the other versions are not declared, and a share holding one of them gets the declared version on apply: ${older.join('; ')}.`);
  }
  return refs;
}

function addControlTower(
  design: InterchangeDesign,
  ct: NonNullable<InterchangeDesign['controlTower']>,
  add: (type: string, name: string, body: Json) => void,
  comments: string[],
  refOf: ReadonlyMap<string, TerraformReference | string>,
): void {
  const ouArn = (ouId: string) => reference(`${OU}.${identifier('ou', ouId)}.arn`);
  add(LANDING_ZONE, 'this', { manifest_json: manifestJson(design, ct, refOf), version: ct.version });
  const registration = new Map<string, string>();
  for (const ou of ousToRegister(ct)) {
    const name = identifier('ou', ou.ouId);
    registration.set(ou.ouId, `${BASELINE}.${name}`);
    add(BASELINE, name, {
      baseline_identifier: `arn:aws:controltower:${ct.homeRegion}::baseline/${CONTROL_TOWER_BASELINE_ID}`,
      baseline_version: ou.baselineVersion ?? '4.0',
      target_identifier: ouArn(ou.ouId),
      depends_on: [`${LANDING_ZONE}.this`, ...[...registration.values()].filter((r) => r !== `${BASELINE}.${name}` && isAncestor(design, r, ou.ouId, registration))],
    });
  }
  for (const control of declarableControls(ct)) {
    const suffix = control.controlIdentifier.slice(control.controlIdentifier.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9_-]/g, '_');
    add(CONTROL, `${identifier('ou', control.targetOuId)}__${suffix}`, {
      control_identifier: control.controlIdentifier,
      target_identifier: ouArn(control.targetOuId),
      ...(control.parameters.length > 0 ? { parameters: control.parameters.map((p) => ({ key: p.key, value: JSON.stringify(p.value) })) } : {}),
      depends_on: [registration.get(control.targetOuId) ?? `${LANDING_ZONE}.this`],
    });
  }
  const literal = [ct.logArchiveAccountId, ct.auditAccountId].filter((id): id is string => !!id && !(refOf.get(id) instanceof TerraformReference));
  if (literal.length > 0) comments.push(`The landing zone's manifest names account(s) ${literal.join(', ')} by id (they exist already): check the ids.`);
  comments.push(...controlTowerNotes(ct));
}

/** True when the registration `resource` is of an OU above `ouId` (a nested OU is registered after its parent). */
function isAncestor(design: InterchangeDesign, resource: string, ouId: string, registration: ReadonlyMap<string, string>): boolean {
  const parents = new Map(design.ous.map((ou) => [ou.awsId, ou.parentId]));
  for (let parent = parents.get(ouId); parent; parent = parents.get(parent)) if (registration.get(parent) === resource) return true;
  return false;
}
