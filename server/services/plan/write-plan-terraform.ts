// A migration plan as Terraform JSON: the design's organization as the Terraform export writes it (same resource
// names, same escaping), with `import` blocks that adopt what already exists in the live organization (OUs, accounts,
// policies and attachments the plan matched) and `moved` blocks where an entity matched by name has another id in
// the design than live, so the state lzsim's export of the live organization wrote follows it to the design's name.
// The design's IAM in the accounts that exist live is declared too, with import blocks for what exists
// (write-plan-terraform-iam.ts). Terraform orders its own changes: the safe order of the plan is the script's; this
// file says so.
import 'server-only';

import type { EntityMatch, MigrationPlan } from '../../engine/analysis/migration-plan/types';
import type { InterchangeDesign } from '../../db/import-export-model';
import { attachmentName, delegatedName, designToTerraform, escapeTemplate, identifier, TERRAFORM_TYPES } from '../interchange/write-terraform';
import { iamToTerraform } from './write-plan-terraform-iam';

type Json = Record<string, unknown>;

const KEPT = new Set(['id', 'name', 'email']);

/** The design with its accounts under their live ids (accounts matched by email or name keep AWS's id). */
function withLiveAccountIds(design: InterchangeDesign, matches: readonly EntityMatch[]): InterchangeDesign {
  const ids = new Map(matches.filter((match) => match.kind === 'account' && match.designId && match.liveId && match.designId !== match.liveId).map((match) => [match.designId!, match.liveId!]));
  if (ids.size === 0) return design;
  const map = (id: string) => ids.get(id) ?? id;
  return {
    ...design,
    organization: design.organization && { ...design.organization, managementAccountId: map(design.organization.managementAccountId) },
    accounts: design.accounts.map((account) => ({ ...account, accountId: map(account.accountId) })),
    policies: design.policies.map((policy) => ({ ...policy, targetIds: policy.targetIds.map(map) })),
    delegatedAdministrators: design.delegatedAdministrators.map((entry) => ({ ...entry, accountId: map(entry.accountId) })),
  };
}

/** Terraform JSON for the design, adopting the live organization's existing entities. */
export function planToTerraform(plan: MigrationPlan, live: InterchangeDesign, input: InterchangeDesign, designName: string): Json {
  const design = withLiveAccountIds(input, plan.matches);
  const config = designToTerraform(design, designName);
  const resources = (config.resource ?? {}) as Record<string, Record<string, unknown>>;
  const declared = (type: string, name: string) => resources[type]?.[name] !== undefined;
  const imports: Json[] = [];
  const moved: Json[] = [];
  const adopt = (type: string, name: string, id: string) => {
    if (declared(type, name)) imports.push({ to: `${type}.${name}`, id: escapeTemplate(id) });
  };
  const move = (type: string, from: string, to: string) => {
    if (from !== to && declared(type, to)) moved.push({ from: `${type}.${from}`, to: `${type}.${to}` });
  };
  if (live.organization && declared(TERRAFORM_TYPES.organization, 'this')) imports.push({ to: `${TERRAFORM_TYPES.organization}.this`, id: escapeTemplate(live.organization.awsId) });

  const liveIdOf = new Map<string, string>();
  if (live.root && design.root) liveIdOf.set(design.root.awsId, live.root.awsId);
  for (const match of plan.matches) {
    if (!match.designId || !match.liveId || !KEPT.has(match.method)) continue;
    if (match.kind === 'ou') {
      liveIdOf.set(match.designId, match.liveId);
      adopt(TERRAFORM_TYPES.ou, identifier('ou', match.designId), match.liveId);
      move(TERRAFORM_TYPES.ou, identifier('ou', match.liveId), identifier('ou', match.designId));
    } else if (match.kind === 'account') {
      liveIdOf.set(match.liveId, match.liveId);
      adopt(TERRAFORM_TYPES.account, identifier('account', match.liveId), match.liveId);
    } else if (match.kind === 'policy') {
      liveIdOf.set(match.designId, match.liveId);
      adopt(TERRAFORM_TYPES.policy, identifier('policy', match.designId), match.liveId);
      move(TERRAFORM_TYPES.policy, identifier('policy', match.liveId), identifier('policy', match.designId));
    }
  }
  // Attachments the live organization already has: adopted (the provider's import id is TARGET_ID:POLICY_ID).
  const liveAttachments = new Set(live.policies.flatMap((policy) => policy.targetIds.map((target) => `${policy.awsId}\n${target}`)));
  for (const policy of design.policies) {
    const livePolicy = liveIdOf.get(policy.awsId);
    if (!livePolicy) continue;
    for (const target of policy.targetIds) {
      const liveTarget = liveIdOf.get(target) ?? (design.accounts.some((account) => account.accountId === target) ? target : undefined);
      if (!liveTarget || !liveAttachments.has(`${livePolicy}\n${liveTarget}`)) continue;
      const name = attachmentName(policy.awsId, target);
      adopt(TERRAFORM_TYPES.attachment, name, `${liveTarget}:${livePolicy}`);
      move(TERRAFORM_TYPES.attachment, attachmentName(livePolicy, liveTarget), name);
    }
  }

  // Delegated administrators the live organization already has: adopted (import id ACCOUNT_ID/SERVICE_PRINCIPAL).
  for (const delegated of design.delegatedAdministrators) {
    if (!live.delegatedAdministrators.some((entry) => entry.accountId === delegated.accountId && entry.servicePrincipal === delegated.servicePrincipal)) continue;
    adopt(TERRAFORM_TYPES.delegated, delegatedName(delegated.accountId, delegated.servicePrincipal), `${delegated.accountId}/${delegated.servicePrincipal}`);
  }

  // IAM of the accounts that exist live, each through its own provider alias.
  const accountIds = new Map(plan.matches.filter((match) => match.kind === 'account' && match.designId).map((match) => [match.designId!, match.liveId ?? `new:${match.designId}`]));
  const iam = iamToTerraform(live, input, accountIds);
  for (const [type, named] of Object.entries(iam.resources)) resources[type] = { ...resources[type], ...named };
  imports.push(...iam.imports);
  const iamDeclared = Object.keys(iam.resources).length > 0;

  const recreated = plan.matches.filter((match) => match.method === 'recreated');
  const notes = [
    typeof config['//'] === 'string' ? config['//'] : '',
    `Migration from the live organization ${live.organization?.awsId ?? ''}: ${imports.length} import block(s) adopt what exists, ${moved.length} moved block(s) follow entities matched by name.`,
    'Terraform chooses its own order; the order that AWS accepts and that never widens access is the plan\'s (lzsim plan --script).',
    'What the live organization has and the design does not is removed by Terraform only when it is in the state; the script removes it either way.',
    ...(recreated.length > 0 ? [`AWS cannot move an OU: ${recreated.map((match) => match.name).join(', ')} are created anew (their old OUs are deleted once empty).`] : []),
    ...(iamDeclared ? ['IAM is declared per account: outside the management account through a provider alias that assumes var.access_role there (OrganizationAccountAccessRole by default); service-linked and reserved roles are AWS\'s and left out.'] : []),
    ...(iam.leftToScript.length > 0 ? [`The IAM of the accounts the plan creates (${iam.leftToScript.join(', ')}) is not declared: their ids exist only once CreateAccount succeeds; the script's steps create it.`] : []),
    ...(plan.steps.some((step) => step.api === 'account') ? ['Account-name steps (PutAccountName) are not part of this file: run them from the script.'] : []),
  ].filter((note) => note.length > 0);
  return {
    ...config,
    '//': notes.join(' '),
    ...(iamDeclared ? { variable: { access_role: { type: 'string', default: 'OrganizationAccountAccessRole', description: 'The role the management account assumes in member accounts to manage their IAM.' } } } : {}),
    ...(iam.providers.length > 0 ? { provider: { aws: iam.providers } } : {}),
    ...(imports.length > 0 ? { import: imports } : {}),
    ...(moved.length > 0 ? { moved } : {}),
  };
}
