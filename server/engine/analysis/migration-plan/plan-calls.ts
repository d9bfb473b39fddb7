// What differs between a live organization and a design, as AWS API calls (unordered): entities are matched by id
// where both sides have it, else by name (OUs: under the matching parent; accounts: by email, then name; policies:
// by type and name; IAM: by name in the matched account), and every match is recorded with its method. The
// scheduler (schedule-plan.ts) orders the calls; each carries a rank that says where it would go by preference
// (tighten first, loosen last) and whether it can change an access decision at all.

import type {
  InterchangeAccountIam, InterchangeDesign, InterchangeGroup, InterchangeInlinePolicy, InterchangeManagedPolicy, InterchangeOu, InterchangeRole, InterchangeUser,
} from '../../aws/bundle/model';
import { parentsFirst } from '../../aws/bundle/canonical-order';
import type { Tag } from '../../types';
import { DEFAULT_POLICIES } from './apply-plan-call';
import type { EntityMatch, PlanCall, PlanWarning } from './types';

/** How a call can change access: through the org-wide matrix (SCP/RCP chains), through IAM, or not at all. */
export type AccessEffect = 'org' | 'iam' | 'none';

/** A call with its preferred rank (lower first) and its effect on access. */
export interface CandidateCall {
  /** The call. */
  call: PlanCall;
  /** Preferred position: lower goes first. */
  rank: number;
  /** What it can change. */
  effect: AccessEffect;
}

/** The differences between live and design, as calls. */
export interface PlanDiff {
  /** Calls, unordered. */
  calls: CandidateCall[];
  /** How each entity was matched. */
  matches: EntityMatch[];
  /** Differences no call expresses. */
  warnings: PlanWarning[];
  /** Design account id → live account id (or placeholder), for comparing the two sides. */
  accountIds: Map<string, string>;
}

// Ranks: what cannot change access first, then narrowing, then the rest, widening and deletions last.
const RANK = {
  enableType: 0, create: 1, rename: 2, tag: 2, iamNarrow: 3, attachDeny: 4, attach: 5, update: 6, move: 7, detach: 8, iamWiden: 9, iamDelete: 10,
  deleteOu: 11, deletePolicy: 12, disableType: 13, removeAccount: 13,
} as const;

const AUTHZ_TYPES = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
const SKIPPED_ROLE_PATHS = ['/aws-service-role/', '/aws-reserved/'];

const tagList = (tags: readonly Tag[]) => tags.map((tag) => ({ Key: tag.key, Value: tag.value }));
const lower = (text: string) => text.toLowerCase();
/** IAM compares names without regard to case. */
const same = (a: string, b: string) => lower(a) === lower(b);

/** Tag and untag calls that turn `from` into `to`. */
function tagCalls(from: readonly Tag[], to: readonly Tag[], make: (operation: 'Tag' | 'Untag', input: Record<string, unknown>, summary: string) => PlanCall, label: string): PlanCall[] {
  const added = to.filter((tag) => !from.some((entry) => entry.key === tag.key && entry.value === tag.value));
  const removed = from.filter((tag) => !to.some((entry) => entry.key === tag.key)).map((tag) => tag.key);
  const calls: PlanCall[] = [];
  if (added.length > 0) calls.push(make('Tag', { Tags: tagList(added) }, `Tag ${label}: ${added.map((tag) => `${tag.key}=${tag.value}`).join(', ')}`));
  if (removed.length > 0) calls.push(make('Untag', { TagKeys: removed }, `Untag ${label}: ${removed.join(', ')}`));
  return calls;
}

/** True when a policy document has a Deny statement (attaching it first narrows access). */
function hasDeny(content: string): boolean {
  return /"Effect"\s*:\s*"Deny"/.test(content);
}

/** The calls that turn `live` into `design`. */
export function diffForPlan(live: InterchangeDesign, design: InterchangeDesign): PlanDiff {
  const calls: CandidateCall[] = [];
  const matches: EntityMatch[] = [];
  const warnings: PlanWarning[] = [];
  const add = (call: PlanCall, rank: number, effect: AccessEffect) => calls.push({ call, rank, effect });
  const org = (operation: string, input: Record<string, unknown>, summary: string, extra: Partial<PlanCall> = {}): PlanCall => ({ api: 'organizations', operation, input, summary, ...extra });
  const liveIds = new Set<string>([
    ...(live.root ? [live.root.awsId] : []), ...live.ous.map((ou) => ou.awsId), ...live.accounts.map((account) => account.accountId), ...live.policies.map((policy) => policy.awsId),
  ]);
  const placeholderFor = (designId: string) => (liveIds.has(designId) ? `${designId}-new` : designId);

  if (!live.root || !live.organization || !design.root || !design.organization) {
    warnings.push({ subject: 'organization', message: 'both sides need an organization with a root: nothing to plan' });
    return { calls, matches, warnings, accountIds: new Map() };
  }
  const liveRoot = live.root;

  // ---- Policy types ----
  const enabledLive = new Set(liveRoot.policyTypes.filter((entry) => entry.status === 'ENABLED').map((entry) => entry.type));
  const enabledDesign = new Set(design.root.policyTypes.filter((entry) => entry.status === 'ENABLED').map((entry) => entry.type));
  for (const type of enabledDesign) {
    if (!enabledLive.has(type)) add(org('EnablePolicyType', { RootId: liveRoot.awsId, PolicyType: type }, `Enable ${type} on the root`), RANK.enableType, AUTHZ_TYPES.has(type) ? 'org' : 'none');
  }
  const disabledTypes = new Set([...enabledLive].filter((type) => !enabledDesign.has(type)));
  for (const type of disabledTypes) add(org('DisablePolicyType', { RootId: liveRoot.awsId, PolicyType: type }, `Disable ${type} on the root (detaches every policy of the type)`), RANK.disableType, AUTHZ_TYPES.has(type) ? 'org' : 'none');

  // ---- Root, OUs ----
  const idOf = new Map<string, string>([[design.root.awsId, liveRoot.awsId]]);
  const createdTargets = new Set<string>();
  matches.push({ kind: 'root', name: design.root.name, designId: design.root.awsId, liveId: liveRoot.awsId, method: 'root' });
  calls.push(...tagCalls(liveRoot.tags, design.root.tags, (verb, input, summary) => org(`${verb}Resource`, { ResourceId: liveRoot.awsId, ...input }, summary), 'the root').map((call) => ({ call, rank: RANK.tag, effect: 'none' as const })));

  const liveOuById = new Map(live.ous.map((ou) => [ou.awsId, ou]));
  const pathOf = (ous: readonly InterchangeOu[], id: string): string => {
    const names: string[] = [];
    for (let ou = ous.find((entry) => entry.awsId === id); ou; ou = ous.find((entry) => entry.awsId === ou!.parentId)) names.unshift(ou.name);
    return names.join('/');
  };
  const keptLiveOus = new Set<string>();
  for (const ou of parentsFirst(design.ous, design.root.awsId)) {
    const parent = idOf.get(ou.parentId) ?? ou.parentId;
    const byId = liveOuById.get(ou.awsId);
    const byName = byId ? undefined : live.ous.find((entry) => !keptLiveOus.has(entry.awsId) && entry.parentId === parent && entry.name === ou.name && !design.ous.some((other) => other.awsId === entry.awsId));
    const found = byId ?? byName;
    const path = pathOf(design.ous, ou.awsId);
    if (found && found.parentId === parent && !keptLiveOus.has(found.awsId)) {
      keptLiveOus.add(found.awsId);
      idOf.set(ou.awsId, found.awsId);
      matches.push({ kind: 'ou', name: path, designId: ou.awsId, liveId: found.awsId, method: byId ? 'id' : 'name' });
      if (found.name !== ou.name) {
        add(org('UpdateOrganizationalUnit', { OrganizationalUnitId: found.awsId, Name: ou.name }, `Rename OU ${found.name} to ${ou.name}`), RANK.rename, 'none');
      }
      calls.push(...tagCalls(found.tags, ou.tags, (verb, input, summary) => org(`${verb}Resource`, { ResourceId: found.awsId, ...input }, summary), `OU ${path}`).map((call) => ({ call, rank: RANK.tag, effect: 'none' as const })));
      continue;
    }
    // New, or moved: AWS has no MoveOrganizationalUnit, so a moved OU is created under its new parent and the old one
    // is deleted once its accounts have moved over.
    const placeholder = placeholderFor(ou.awsId);
    idOf.set(ou.awsId, placeholder);
    createdTargets.add(placeholder);
    matches.push({ kind: 'ou', name: path, designId: ou.awsId, ...(found ? { liveId: found.awsId } : {}), method: found ? 'recreated' : 'new' });
    add(org('CreateOrganizationalUnit', { ParentId: parent, Name: ou.name, ...(ou.tags.length > 0 ? { Tags: tagList(ou.tags) } : {}) },
      `Create OU ${ou.name} under ${parent === liveRoot.awsId ? 'the root' : pathOf(design.ous, ou.parentId)}${found ? ` (replaces ${found.awsId}: AWS cannot move an OU)` : ''}`,
      { creates: { kind: 'ou', placeholder } }), RANK.create, 'none');
  }
  const deletedOus = new Set(live.ous.filter((ou) => !keptLiveOus.has(ou.awsId)).map((ou) => ou.awsId));
  for (const ou of [...parentsFirst(live.ous, liveRoot.awsId)].reverse()) {
    if (!deletedOus.has(ou.awsId)) continue;
    if (!matches.some((match) => match.liveId === ou.awsId)) matches.push({ kind: 'ou', name: pathOf(live.ous, ou.awsId), liveId: ou.awsId, method: 'removed' });
    add(org('DeleteOrganizationalUnit', { OrganizationalUnitId: ou.awsId }, `Delete OU ${pathOf(live.ous, ou.awsId)}`), RANK.deleteOu, 'none');
  }

  // ---- Accounts ----
  const accountIds = new Map<string, string>();
  const liveAccountTaken = new Set<string>();
  for (const account of design.accounts) {
    const found = live.accounts.find((entry) => entry.accountId === account.accountId)
      ?? (account.email ? live.accounts.find((entry) => !liveAccountTaken.has(entry.accountId) && entry.email !== null && lower(entry.email) === lower(account.email!)) : undefined)
      ?? live.accounts.find((entry) => !liveAccountTaken.has(entry.accountId) && entry.name === account.name && !design.accounts.some((other) => other.accountId === entry.accountId));
    const method = found ? (found.accountId === account.accountId ? 'id' : found.email && account.email && lower(found.email) === lower(account.email) ? 'email' : 'name') : 'new';
    if (found) {
      liveAccountTaken.add(found.accountId);
      accountIds.set(account.accountId, found.accountId);
      matches.push({ kind: 'account', name: account.name, designId: account.accountId, liveId: found.accountId, method });
      const destination = account.parentId === null ? null : idOf.get(account.parentId) ?? account.parentId;
      if (found.parentId !== null && destination === null) {
        add(org('RemoveAccountFromOrganization', { AccountId: found.accountId }, `Remove account ${found.name} (${found.accountId}) from the organization`), RANK.removeAccount, 'org');
      } else if (found.parentId === null && destination !== null) {
        warnings.push({ subject: `account ${account.name}`, message: `${found.accountId} is outside the live organization: invite it (InviteAccountToOrganization) and accept the handshake in that account, then run the plan again` });
      } else if (destination !== null && found.parentId !== destination) {
        add(org('MoveAccount', { AccountId: found.accountId, SourceParentId: found.parentId, DestinationParentId: destination },
          `Move account ${account.name} (${found.accountId}) to ${destination === liveRoot.awsId ? 'the root' : pathOf(design.ous, account.parentId!)}`), RANK.move, 'org');
      }
      if (found.name !== account.name) add({ api: 'account', operation: 'PutAccountName', input: { AccountId: found.accountId, AccountName: account.name }, summary: `Rename account ${found.accountId} to ${account.name}` }, RANK.rename, 'none');
      calls.push(...tagCalls(found.tags, account.tags, (verb, input, summary) => org(`${verb}Resource`, { ResourceId: found.accountId, ...input }, summary), `account ${account.name}`).map((call) => ({ call, rank: RANK.tag, effect: 'none' as const })));
      continue;
    }
    if (account.parentId === null) continue; // outside the organization in the design, unknown live: nothing to do
    if (!account.email) {
      warnings.push({ subject: `account ${account.name}`, message: 'the design gives no email: CreateAccount needs one; add it to the design' });
      continue;
    }
    const placeholder = placeholderFor(account.accountId);
    accountIds.set(account.accountId, placeholder);
    createdTargets.add(placeholder);
    matches.push({ kind: 'account', name: account.name, designId: account.accountId, method: 'new' });
    add(org('CreateAccount', { AccountName: account.name, Email: account.email, ...(account.tags.length > 0 ? { Tags: tagList(account.tags) } : {}) },
      `Create account ${account.name} (${account.email})`, { creates: { kind: 'account', placeholder } }), RANK.create, 'org');
    const destination = idOf.get(account.parentId) ?? account.parentId;
    if (destination !== liveRoot.awsId) {
      add(org('MoveAccount', { AccountId: placeholder, SourceParentId: liveRoot.awsId, DestinationParentId: destination }, `Move new account ${account.name} to ${pathOf(design.ous, account.parentId)}`), RANK.move, 'org');
    }
  }
  for (const account of live.accounts) {
    if (account.parentId !== null && !liveAccountTaken.has(account.accountId)) {
      matches.push({ kind: 'account', name: account.name, liveId: account.accountId, method: 'removed' });
      warnings.push({ subject: `account ${account.name}`, message: `${account.accountId} is in the live organization and not in the design: the plan leaves it where it is (remove or close it yourself)` });
    }
  }
  const targetIdOf = (id: string) => idOf.get(id) ?? accountIds.get(id) ?? id;

  // ---- Organizations policies and attachments ----
  const policyIdOf = new Map<string, string>();
  const keptLivePolicies = new Set<string>();
  for (const policy of design.policies) {
    const found = live.policies.find((entry) => entry.awsId === policy.awsId && entry.type === policy.type)
      ?? live.policies.find((entry) => !keptLivePolicies.has(entry.awsId) && entry.type === policy.type && entry.name === policy.name);
    if (policy.awsManaged) {
      // AWS's own: present once the type is enabled, with AWS's id.
      policyIdOf.set(policy.awsId, found?.awsId ?? DEFAULT_POLICIES[policy.type]?.id ?? policy.awsId);
      if (found) keptLivePolicies.add(found.awsId);
      matches.push({ kind: 'policy', name: `${policy.type}/${policy.name}`, designId: policy.awsId, liveId: found?.awsId ?? policyIdOf.get(policy.awsId), method: found ? (found.awsId === policy.awsId ? 'id' : 'name') : 'new' });
      continue;
    }
    if (found) {
      keptLivePolicies.add(found.awsId);
      policyIdOf.set(policy.awsId, found.awsId);
      matches.push({ kind: 'policy', name: `${policy.type}/${policy.name}`, designId: policy.awsId, liveId: found.awsId, method: found.awsId === policy.awsId ? 'id' : 'name' });
      const changes: Record<string, unknown> = {};
      if (found.name !== policy.name) changes.Name = policy.name;
      if (found.description !== policy.description) changes.Description = policy.description;
      if (found.content !== policy.content) changes.Content = policy.content;
      if (Object.keys(changes).length > 0) {
        add(org('UpdatePolicy', { PolicyId: found.awsId, ...changes }, `Update ${policy.type} ${policy.name} (${Object.keys(changes).join(', ').toLowerCase()})`), RANK.update, AUTHZ_TYPES.has(policy.type) && 'Content' in changes ? 'org' : 'none');
      }
      calls.push(...tagCalls(found.tags, policy.tags, (verb, input, summary) => org(`${verb}Resource`, { ResourceId: found.awsId, ...input }, summary), `policy ${policy.name}`).map((call) => ({ call, rank: RANK.tag, effect: 'none' as const })));
      continue;
    }
    const placeholder = placeholderFor(policy.awsId);
    policyIdOf.set(policy.awsId, placeholder);
    matches.push({ kind: 'policy', name: `${policy.type}/${policy.name}`, designId: policy.awsId, method: 'new' });
    add(org('CreatePolicy', {
      Content: policy.content, Description: policy.description, Name: policy.name, Type: policy.type, ...(policy.tags.length > 0 ? { Tags: tagList(policy.tags) } : {}),
    }, `Create ${policy.type} ${policy.name}`, { creates: { kind: 'policy', placeholder } }), RANK.create, 'none');
  }
  const deletedPolicies = live.policies.filter((policy) => !policy.awsManaged && !keptLivePolicies.has(policy.awsId));
  for (const policy of deletedPolicies) {
    matches.push({ kind: 'policy', name: `${policy.type}/${policy.name}`, liveId: policy.awsId, method: 'removed' });
    add(org('DeletePolicy', { PolicyId: policy.awsId }, `Delete ${policy.type} ${policy.name}`), RANK.deletePolicy, 'none');
  }

  // Attachments wanted, and those live will hold once the creations are done (AWS attaches its default policies to
  // every new OU and account, and to everything when a type is enabled).
  const wanted = new Set<string>();
  const contentOf = new Map<string, { type: string; name: string; content: string }>();
  for (const policy of design.policies) {
    const id = policyIdOf.get(policy.awsId)!;
    contentOf.set(id, policy);
    for (const target of policy.targetIds) wanted.add(`${id}\n${targetIdOf(target)}`);
  }
  const present = new Set<string>();
  for (const policy of live.policies) {
    if (disabledTypes.has(policy.type)) continue;
    for (const target of policy.targetIds) if (!deletedOus.has(target)) present.add(`${policy.awsId}\n${target}`);
  }
  for (const type of enabledDesign) {
    const managed = DEFAULT_POLICIES[type];
    if (!managed) continue;
    const liveManaged = live.policies.find((policy) => policy.awsManaged && policy.name === managed.name)?.awsId ?? managed.id;
    const everything = enabledLive.has(type) ? [...createdTargets] : [liveRoot.awsId, ...live.ous.filter((ou) => !deletedOus.has(ou.awsId)).map((ou) => ou.awsId), ...createdTargets,
      ...live.accounts.filter((account) => account.parentId !== null).map((account) => account.accountId)];
    for (const target of everything) present.add(`${liveManaged}\n${target}`);
  }
  const nameOfTarget = (id: string) => (id === liveRoot.awsId ? 'the root' : design.ous.find((ou) => targetIdOf(ou.awsId) === id)?.name
    ?? live.ous.find((ou) => ou.awsId === id)?.name ?? design.accounts.find((account) => targetIdOf(account.accountId) === id)?.name ?? id);
  for (const key of wanted) {
    if (present.has(key)) continue;
    const [policyId, targetId] = key.split('\n');
    const policy = contentOf.get(policyId)!;
    const effect: AccessEffect = AUTHZ_TYPES.has(policy.type) ? 'org' : 'none';
    add(org('AttachPolicy', { PolicyId: policyId, TargetId: targetId }, `Attach ${policy.name} to ${nameOfTarget(targetId)}`), hasDeny(policy.content) ? RANK.attachDeny : RANK.attach, effect);
  }
  for (const key of present) {
    if (wanted.has(key)) continue;
    const [policyId, targetId] = key.split('\n');
    const policy = live.policies.find((entry) => entry.awsId === policyId) ?? design.policies.find((entry) => policyIdOf.get(entry.awsId) === policyId);
    if (!policy) continue;
    if (policy.awsManaged && policy.name === 'RCPFullAWSAccess') continue; // AWS keeps it attached everywhere
    add(org('DetachPolicy', { PolicyId: policyId, TargetId: targetId }, `Detach ${policy.name} from ${nameOfTarget(targetId)}`), RANK.detach, AUTHZ_TYPES.has(policy.type) ? 'org' : 'none');
  }

  // ---- Trusted access and delegated administrators ----
  for (const service of design.organization.serviceAccessPrincipals) {
    if (!live.organization.serviceAccessPrincipals.includes(service)) add(org('EnableAWSServiceAccess', { ServicePrincipal: service }, `Enable trusted access for ${service}`), RANK.enableType, 'none');
  }
  for (const service of live.organization.serviceAccessPrincipals) {
    if (!design.organization.serviceAccessPrincipals.includes(service)) add(org('DisableAWSServiceAccess', { ServicePrincipal: service }, `Disable trusted access for ${service}`), RANK.disableType, 'none');
  }
  const delegatedKey = (accountId: string, service: string) => `${accountId} ${service}`;
  const liveDelegated = new Set(live.delegatedAdministrators.map((entry) => delegatedKey(entry.accountId, entry.servicePrincipal)));
  const designDelegated = new Set(design.delegatedAdministrators.map((entry) => delegatedKey(accountIds.get(entry.accountId) ?? entry.accountId, entry.servicePrincipal)));
  for (const key of designDelegated) {
    if (liveDelegated.has(key)) continue;
    const [accountId, service] = key.split(' ');
    add(org('RegisterDelegatedAdministrator', { AccountId: accountId, ServicePrincipal: service }, `Register ${accountId} as delegated administrator for ${service}`), RANK.attach, 'none');
  }
  for (const key of liveDelegated) {
    if (designDelegated.has(key)) continue;
    const [accountId, service] = key.split(' ');
    add(org('DeregisterDelegatedAdministrator', { AccountId: accountId, ServicePrincipal: service }, `Deregister ${accountId} as delegated administrator for ${service}`), RANK.iamNarrow, 'none');
  }

  // ---- IAM, account by account ----
  for (const [designAccountId, liveAccountId] of accountIds) {
    const designIam = design.iam[designAccountId] ?? { users: [], groups: [], roles: [] };
    const liveIam = live.iam[liveAccountId] ?? { users: [], groups: [], roles: [] };
    const arnMap = (arn: string) => arn.replace(`arn:aws:iam::${designAccountId}:`, `arn:aws:iam::${liveAccountId}:`);
    const designPolicies = design.managedPolicies.filter((policy) => policy.scope === 'LOCAL' && policy.accountId === designAccountId);
    const livePolicies = live.managedPolicies.filter((policy) => policy.scope === 'LOCAL' && policy.accountId === liveAccountId);
    diffIam({
      accountId: liveAccountId, isNew: createdTargets.has(liveAccountId), designIam, liveIam, designPolicies, livePolicies, arnMap,
      liveManagedArns: new Set(live.managedPolicies.map((policy) => policy.arn)), design,
    }, add, matches, warnings);
  }
  return { calls, matches, warnings, accountIds };
}

interface IamDiffInput {
  accountId: string;
  isNew: boolean;
  designIam: InterchangeAccountIam;
  liveIam: InterchangeAccountIam;
  designPolicies: InterchangeManagedPolicy[];
  livePolicies: InterchangeManagedPolicy[];
  arnMap: (arn: string) => string;
  liveManagedArns: Set<string>;
  design: InterchangeDesign;
}

const defaultDocument = (policy: InterchangeManagedPolicy) => policy.versions.find((version) => version.isDefault)?.document ?? '';

function diffIam(input: IamDiffInput, add: (call: PlanCall, rank: number, effect: AccessEffect) => void, matches: EntityMatch[], warnings: PlanWarning[]): void {
  const { accountId, designIam, liveIam, arnMap } = input;
  const iam = (operation: string, body: Record<string, unknown>, summary: string): PlanCall => ({ api: 'iam', operation, accountId, input: body, summary });

  // Customer-managed policies.
  const designArns = new Set<string>();
  for (const policy of input.designPolicies) {
    const found = input.livePolicies.find((entry) => entry.path === policy.path && same(entry.name, policy.name));
    const arn = found?.arn ?? arnMap(policy.arn);
    designArns.add(arn);
    matches.push({ kind: 'iam-policy', name: `${accountId}${policy.path}${policy.name}`, designId: policy.arn, ...(found ? { liveId: found.arn } : {}), method: found ? 'name' : 'new' });
    if (!found) {
      add(iam('CreatePolicy', { PolicyName: policy.name, Path: policy.path, PolicyDocument: defaultDocument(policy), ...(policy.description ? { Description: policy.description } : {}) },
        `Create IAM policy ${policy.name} in ${accountId}`), RANK.create, 'none');
      continue;
    }
    if (defaultDocument(found) === defaultDocument(policy)) continue;
    // A policy keeps at most 5 versions: make room by deleting the oldest non-default one.
    if (found.versions.length >= 5) {
      const oldest = found.versions.filter((version) => !version.isDefault).sort((a, b) => Number(a.versionId.slice(1)) - Number(b.versionId.slice(1)))[0];
      if (oldest) add(iam('DeletePolicyVersion', { PolicyArn: found.arn, VersionId: oldest.versionId }, `Delete version ${oldest.versionId} of ${found.name} (5 versions at most)`), RANK.update, 'none');
    }
    add(iam('CreatePolicyVersion', { PolicyArn: found.arn, PolicyDocument: defaultDocument(policy), SetAsDefault: true }, `New default version of IAM policy ${found.name} in ${accountId}`), RANK.iamWiden, 'iam');
  }
  for (const policy of input.livePolicies) {
    if (designArns.has(policy.arn)) continue;
    matches.push({ kind: 'iam-policy', name: `${accountId}${policy.path}${policy.name}`, liveId: policy.arn, method: 'removed' });
    for (const version of policy.versions) {
      if (!version.isDefault) add(iam('DeletePolicyVersion', { PolicyArn: policy.arn, VersionId: version.versionId }, `Delete version ${version.versionId} of ${policy.name}`), RANK.iamDelete, 'none');
    }
    add(iam('DeletePolicy', { PolicyArn: policy.arn }, `Delete IAM policy ${policy.name} in ${accountId}`), RANK.iamDelete + 1, 'none');
  }
  const attachable = (arn: string, owner: string) => {
    if (arn.startsWith('arn:aws:iam::aws:') && !input.liveManagedArns.has(arn)) {
      warnings.push({ subject: `${owner} in ${accountId}`, message: `${arn} is not in the live export: the plan attaches it, and a replay in lzsim needs the live design to hold it` });
    }
    return true;
  };

  // Roles, users, groups.
  const kinds = [
    { key: 'roles' as const, word: 'Role', kind: 'role' as const, nameKey: 'RoleName' },
    { key: 'users' as const, word: 'User', kind: 'user' as const, nameKey: 'UserName' },
    { key: 'groups' as const, word: 'Group', kind: 'group' as const, nameKey: 'GroupName' },
  ];
  // Groups before users (AddUserToGroup needs both), roles first for readability.
  for (const { key, word, kind, nameKey } of kinds) {
    const designList = (designIam[key] as (InterchangeRole | InterchangeUser | InterchangeGroup)[]).filter((entry) => !SKIPPED_ROLE_PATHS.some((path) => entry.path.startsWith(path)));
    const liveList = (liveIam[key] as (InterchangeRole | InterchangeUser | InterchangeGroup)[]).filter((entry) => !SKIPPED_ROLE_PATHS.some((path) => entry.path.startsWith(path)));
    for (const entity of designList) {
      let found = liveList.find((entry) => same(entry.name, entity.name));
      // CreateAccount makes OrganizationAccountAccessRole in every new account; the plan does not create it again.
      if (!found && input.isNew && kind === 'role' && entity.name === 'OrganizationAccountAccessRole') continue;
      const label = `${kind} ${entity.name} in ${accountId}`;
      matches.push({ kind, name: `${accountId}/${entity.name}`, designId: entity.name, ...(found ? { liveId: found.name } : {}), method: found ? 'name' : 'new' });
      const ref = { [nameKey]: found?.name ?? entity.name };
      if (found && found.path !== entity.path) {
        warnings.push({ subject: label, message: `the path changes from ${found.path} to ${entity.path}: IAM cannot change a ${kind}'s path; it is deleted and created again` });
        found = undefined;
      }
      if (!found) {
        const boundary = 'permissionsBoundaryArn' in entity && entity.permissionsBoundaryArn ? { PermissionsBoundary: arnMap(entity.permissionsBoundaryArn) } : {};
        const role = entity as InterchangeRole;
        const body: Record<string, unknown> = kind === 'role'
          ? { RoleName: entity.name, Path: entity.path, AssumeRolePolicyDocument: role.trustPolicy, ...(role.maxSessionDuration ? { MaxSessionDuration: role.maxSessionDuration } : {}), ...boundary, ...(role.tags.length ? { Tags: tagList(role.tags) } : {}) }
          : kind === 'user'
            ? { UserName: entity.name, Path: entity.path, ...boundary, ...((entity as InterchangeUser).tags.length ? { Tags: tagList((entity as InterchangeUser).tags) } : {}) }
            : { GroupName: entity.name, Path: entity.path };
        add(iam(`Create${word}`, body, `Create ${label}`), kind === 'role' ? RANK.iamWiden : RANK.create, kind === 'role' ? 'iam' : 'none');
      }
      const liveEntity = found;
      // Inline policies.
      const liveInline: InterchangeInlinePolicy[] = liveEntity?.inlinePolicies ?? [];
      for (const policy of entity.inlinePolicies) {
        const current = liveInline.find((entry) => entry.name === policy.name);
        if (current?.document === policy.document) continue;
        add(iam(`Put${word}Policy`, { ...ref, PolicyName: policy.name, PolicyDocument: policy.document }, `Put inline policy ${policy.name} on ${label}`), RANK.iamWiden, 'iam');
      }
      for (const policy of liveInline) {
        if (!entity.inlinePolicies.some((entry) => entry.name === policy.name)) add(iam(`Delete${word}Policy`, { ...ref, PolicyName: policy.name }, `Delete inline policy ${policy.name} of ${label}`), RANK.iamNarrow, 'iam');
      }
      // Managed policies attached.
      const liveAttached = liveEntity?.attachedPolicyArns ?? [];
      const designAttached = entity.attachedPolicyArns.map(arnMap);
      for (const arn of designAttached) if (!liveAttached.includes(arn) && attachable(arn, label)) add(iam(`Attach${word}Policy`, { ...ref, PolicyArn: arn }, `Attach ${arn.split('/').pop()} to ${label}`), RANK.iamWiden, 'iam');
      for (const arn of liveAttached) if (!designAttached.includes(arn)) add(iam(`Detach${word}Policy`, { ...ref, PolicyArn: arn }, `Detach ${arn.split('/').pop()} from ${label}`), RANK.iamNarrow, 'iam');
      if (kind !== 'group') {
        const wantedBoundary = (entity as InterchangeRole).permissionsBoundaryArn ? arnMap((entity as InterchangeRole).permissionsBoundaryArn!) : null;
        const liveBoundary = liveEntity ? (liveEntity as InterchangeRole).permissionsBoundaryArn : wantedBoundary;
        if (wantedBoundary && wantedBoundary !== liveBoundary) add(iam(`Put${word}PermissionsBoundary`, { ...ref, PermissionsBoundary: wantedBoundary }, `Set the permissions boundary of ${label}`), RANK.iamNarrow, 'iam');
        if (!wantedBoundary && liveBoundary) add(iam(`Delete${word}PermissionsBoundary`, { ...ref }, `Remove the permissions boundary of ${label}`), RANK.iamWiden, 'iam');
        if (liveEntity) {
          const tags = (entity as InterchangeRole).tags;
          for (const call of tagCalls((liveEntity as InterchangeRole).tags, tags, (verb, body, summary) => iam(`${verb}${word}`, { ...ref, ...body }, summary), label)) add(call, RANK.tag, 'iam');
        }
      }
      if (kind === 'role' && liveEntity) {
        const role = entity as InterchangeRole;
        const current = liveEntity as InterchangeRole;
        if (current.trustPolicy !== role.trustPolicy) add(iam('UpdateAssumeRolePolicy', { RoleName: current.name, PolicyDocument: role.trustPolicy }, `Update the trust policy of ${label}`), RANK.iamWiden, 'iam');
        if (role.maxSessionDuration !== null && current.maxSessionDuration !== role.maxSessionDuration) add(iam('UpdateRole', { RoleName: current.name, MaxSessionDuration: role.maxSessionDuration }, `Set the maximum session of ${label} to ${role.maxSessionDuration} s`), RANK.rename, 'none');
      }
      if (kind === 'user') {
        const user = entity as InterchangeUser;
        const liveGroups = liveEntity ? (liveEntity as InterchangeUser).groups : [];
        for (const group of user.groups) if (!liveGroups.some((entry) => same(entry, group))) add(iam('AddUserToGroup', { GroupName: group, UserName: user.name }, `Add user ${user.name} to group ${group} in ${accountId}`), RANK.iamWiden, 'iam');
        for (const group of liveGroups) if (!user.groups.some((entry) => same(entry, group))) add(iam('RemoveUserFromGroup', { GroupName: group, UserName: user.name }, `Remove user ${user.name} from group ${group} in ${accountId}`), RANK.iamNarrow, 'iam');
      }
    }
    for (const entity of liveList) {
      const kept = designList.some((entry) => same(entry.name, entity.name) && entry.path === entity.path);
      if (kept) continue;
      const label = `${kind} ${entity.name} in ${accountId}`;
      const ref = { [nameKey]: entity.name };
      if (!designList.some((entry) => same(entry.name, entity.name))) matches.push({ kind, name: `${accountId}/${entity.name}`, liveId: entity.name, method: 'removed' });
      for (const arn of entity.attachedPolicyArns) add(iam(`Detach${word}Policy`, { ...ref, PolicyArn: arn }, `Detach ${arn.split('/').pop()} from ${label}`), RANK.iamNarrow, 'iam');
      for (const policy of entity.inlinePolicies) add(iam(`Delete${word}Policy`, { ...ref, PolicyName: policy.name }, `Delete inline policy ${policy.name} of ${label}`), RANK.iamNarrow, 'iam');
      if (kind === 'user') for (const group of (entity as InterchangeUser).groups) add(iam('RemoveUserFromGroup', { GroupName: group, UserName: entity.name }, `Remove user ${entity.name} from group ${group}`), RANK.iamNarrow, 'iam');
      add(iam(`Delete${word}`, { ...ref }, `Delete ${label}`), RANK.iamDelete, kind === 'group' ? 'none' : 'iam');
    }
  }
}
