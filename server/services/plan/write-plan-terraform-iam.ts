// The IAM part of a migration plan's Terraform: the design's IAM in every account the live organization already has,
// as the AWS provider's IAM resources (aws_iam_role, aws_iam_policy, aws_iam_role_policy,
// aws_iam_role_policy_attachment and their user and group counterparts, aws_iam_user_group_membership), with an
// `import` block for each one that exists live, so that applying adopts what is there and changes only what differs.
// IAM is per account: resources outside the management account use a provider alias per account that assumes the
// role the management account may assume there (var.access_role, OrganizationAccountAccessRole by default, as the
// plan's script does), and each import block names the same provider. Import ids are the provider's: the name for
// roles, users and groups, the ARN for policies, NAME:POLICY_NAME for inline policies, NAME/POLICY_ARN for
// attachments, USER/GROUP/... for group memberships. Service-linked and reserved roles (/aws-service-role/,
// /aws-reserved/) are AWS's and are left out, as the plan leaves them; so is the IAM of accounts the plan creates
// (their id is only known once CreateAccount succeeds): the script's steps create it.
import 'server-only';

import type { InterchangeAccountIam, InterchangeDesign, InterchangeGroup, InterchangeInlinePolicy, InterchangeManagedPolicy, InterchangeRole, InterchangeUser } from '../../db/import-export-model';
import { escapeTemplate, identifier } from '../interchange/write-terraform';

type Json = Record<string, unknown>;

const SKIPPED_PATHS = ['/aws-service-role/', '/aws-reserved/'];
const skipped = (entity: { path: string }) => SKIPPED_PATHS.some((path) => entity.path.startsWith(path));
const lower = (text: string) => text.toLowerCase();

/** What the IAM part adds to the plan's Terraform document. */
export interface IamTerraform {
  /** Resources by type and name. */
  resources: Record<string, Record<string, Json>>;
  /** Import blocks (with the provider alias outside the management account). */
  imports: Json[];
  /** `provider.aws` entries: one alias per member account. */
  providers: Json[];
  /** Accounts whose IAM is left to the script (created by the plan). */
  leftToScript: string[];
}

/** The design's IAM for the organization's accounts that exist live (`accountIds`: design account id → live id or placeholder, as the plan's diff maps them). */
export function iamToTerraform(live: InterchangeDesign, design: InterchangeDesign, accountIds: ReadonlyMap<string, string>): IamTerraform {
  const out: IamTerraform = { resources: {}, imports: [], providers: [], leftToScript: [] };
  const managementAccountId = live.organization?.managementAccountId;
  const liveAccounts = new Set(live.accounts.map((account) => account.accountId));
  // Accounts known only through their IAM (a partner's, parent null) are outside the organization: not the plan's.
  const outside = new Set(live.accounts.filter((account) => account.parentId === null).map((account) => account.accountId));
  const taken = new Set<string>();
  const unique = (prefix: string, id: string) => {
    const base = identifier(prefix, id);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };
  // Accounts of the organization only (as the plan's IAM calls): an account outside it is not the plan's to change.
  for (const [designAccountId, iam] of Object.entries(design.iam).sort(([a], [b]) => a.localeCompare(b))) {
    const accountId = accountIds.get(designAccountId);
    if (accountId === undefined || outside.has(accountId)) continue;
    if (!liveAccounts.has(accountId)) {
      if (iam.roles.length + iam.users.length + iam.groups.length > 0) out.leftToScript.push(designAccountId);
      continue;
    }
    const alias = accountId === managementAccountId ? undefined : `account_${accountId}`;
    if (alias) out.providers.push({ alias, assume_role: [{ role_arn: `arn:aws:iam::${accountId}:role/\${var.access_role}`, session_name: 'lzsim-plan' }] });
    const arnMap = (arn: string) => arn.replace(`arn:aws:iam::${designAccountId}:`, `arn:aws:iam::${accountId}:`);
    const designPolicies = design.managedPolicies.filter((policy) => policy.scope === 'LOCAL' && policy.accountId === designAccountId);
    new AccountWriter(out, unique, alias, accountId, arnMap, live.iam[accountId], live.managedPolicies.filter((policy) => policy.scope === 'LOCAL' && policy.accountId === accountId))
      .write(iam, designPolicies);
  }
  return out;
}

/** Writes one account's IAM. */
class AccountWriter {
  /** Customer managed policy ARN (live form) → reference to its resource's arn. */
  private readonly policyRefs = new Map<string, string>();

  constructor(
    private readonly out: IamTerraform,
    private readonly unique: (prefix: string, id: string) => string,
    private readonly alias: string | undefined,
    private readonly accountId: string,
    private readonly arnMap: (arn: string) => string,
    private readonly liveIam: InterchangeAccountIam | undefined,
    private readonly livePolicies: InterchangeManagedPolicy[],
  ) {}

  private add(type: string, name: string, body: Json, importId: string | undefined): void {
    (this.out.resources[type] ??= {})[name] = { ...body, ...(this.alias ? { provider: `aws.${this.alias}` } : {}) };
    if (importId !== undefined) this.out.imports.push({ to: `${type}.${name}`, id: escapeTemplate(importId), ...(this.alias ? { provider: `aws.${this.alias}` } : {}) });
  }

  private policyArn(arn: string): string {
    const live = this.arnMap(arn);
    return this.policyRefs.get(live) ?? escapeTemplate(live);
  }

  write(iam: InterchangeAccountIam, policies: InterchangeManagedPolicy[]): void {
    for (const policy of policies) {
      const arn = this.arnMap(policy.arn);
      const name = this.unique('iam_policy', `${this.accountId}_${policy.path}${policy.name}`);
      const found = this.livePolicies.find((entry) => entry.path === policy.path && lower(entry.name) === lower(policy.name));
      const document = policy.versions.find((version) => version.isDefault)?.document ?? '';
      this.add('aws_iam_policy', name, {
        name: escapeTemplate(policy.name), path: escapeTemplate(policy.path), policy: escapeTemplate(document), ...(policy.description ? { description: escapeTemplate(policy.description) } : {}),
      }, found?.arn);
      this.policyRefs.set(found?.arn ?? arn, `\${aws_iam_policy.${name}.arn}`);
    }
    const liveOf = <T extends { name: string; path: string }>(list: readonly T[] | undefined, entity: { name: string; path: string }) =>
      list?.find((entry) => lower(entry.name) === lower(entity.name) && entry.path === entity.path);
    for (const group of iam.groups.filter((entry) => !skipped(entry))) this.principal('group', group, liveOf(this.liveIam?.groups, group));
    for (const user of iam.users.filter((entry) => !skipped(entry))) this.principal('user', user, liveOf(this.liveIam?.users, user));
    for (const role of iam.roles.filter((entry) => !skipped(entry))) this.principal('role', role, liveOf(this.liveIam?.roles, role));
  }

  private principal(kind: 'role' | 'user' | 'group', entity: InterchangeRole | InterchangeUser | InterchangeGroup, found: InterchangeRole | InterchangeUser | InterchangeGroup | undefined): void {
    const name = this.unique(kind, `${this.accountId}_${entity.name}`);
    const type = `aws_iam_${kind}`;
    const ref = `\${${type}.${name}.name}`;
    const liveName = found?.name;
    const body: Json = { name: escapeTemplate(entity.name), path: escapeTemplate(entity.path) };
    if (kind === 'role') {
      const role = entity as InterchangeRole;
      body.assume_role_policy = escapeTemplate(role.trustPolicy);
      if (role.maxSessionDuration !== null) body.max_session_duration = role.maxSessionDuration;
    }
    if (kind !== 'group') {
      const holder = entity as InterchangeRole | InterchangeUser;
      if (holder.permissionsBoundaryArn) body.permissions_boundary = this.policyArn(holder.permissionsBoundaryArn);
      if (holder.tags.length > 0) body.tags = Object.fromEntries(holder.tags.map((tag) => [escapeTemplate(tag.key), escapeTemplate(tag.value)]));
    }
    this.add(type, name, body, liveName);

    const liveInline: InterchangeInlinePolicy[] = found?.inlinePolicies ?? [];
    for (const policy of entity.inlinePolicies) {
      const exists = liveInline.some((entry) => entry.name === policy.name);
      this.add(`aws_iam_${kind}_policy`, this.unique(`${kind}_policy`, `${this.accountId}_${entity.name}_${policy.name}`), {
        [kind]: ref, name: escapeTemplate(policy.name), policy: escapeTemplate(policy.document),
      }, exists && liveName ? `${liveName}:${policy.name}` : undefined);
    }
    const liveAttached = new Set(found?.attachedPolicyArns ?? []);
    for (const arn of entity.attachedPolicyArns) {
      const liveArn = this.arnMap(arn);
      this.add(`aws_iam_${kind}_policy_attachment`, this.unique(`${kind}_attachment`, `${this.accountId}_${entity.name}_${liveArn.split('/').pop()}`), {
        [kind]: ref, policy_arn: this.policyArn(arn),
      }, liveAttached.has(liveArn) && liveName ? `${liveName}/${liveArn}` : undefined);
    }
    if (kind === 'user' && (entity as InterchangeUser).groups.length > 0) {
      const groups = (entity as InterchangeUser).groups;
      const groupRef = (group: string) => {
        const declared = Object.entries(this.out.resources.aws_iam_group ?? {}).find(([, resource]) => resource.name === escapeTemplate(group) && resource.provider === (this.alias ? `aws.${this.alias}` : undefined));
        return declared ? `\${aws_iam_group.${declared[0]}.name}` : escapeTemplate(group);
      };
      const kept = liveName ? (found as InterchangeUser).groups.filter((group) => groups.some((entry) => lower(entry) === lower(group))) : [];
      this.add('aws_iam_user_group_membership', this.unique('membership', `${this.accountId}_${entity.name}`), { user: ref, groups: groups.map(groupRef) },
        kept.length > 0 ? [liveName, ...kept].join('/') : undefined);
    }
  }
}
