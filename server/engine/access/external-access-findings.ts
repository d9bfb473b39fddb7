// External-access findings in the manner of IAM Access Analyzer with the organization as the zone of trust
// (IAM User Guide access-analyzer-findings.html: "a finding for each instance of a resource-based policy that grants
// access to a resource within your zone of trust to a principal that is not within your zone of trust"; without an
// organization the zone is the resource's own account). Policies read: role trust policies and the resource policies
// of the types Access Analyzer covers here (S3 buckets, KMS keys, SQS queues, SNS topics, Secrets Manager secrets,
// Lambda functions and layers, ECR repositories). Shapes: GetFindingV2 (findingDetails[].externalAccessDetails) and
// ListFindingsV2 items (access-analyzer/latest/APIReference/API_GetFindingV2.html, API_ExternalAccessDetails.html).
//
// For each Allow statement, the outside principals it could let in are tried one by one: the accounts and ARNs it
// names outside the zone, and for "*" a generic outsider plus any outside account a condition names. The statement's
// compiled principal matcher and condition decide: the condition is evaluated with the keys AWS derives for that
// outsider (aws:PrincipalAccount, aws:PrincipalArn), the keys only AWS sets that may carry a value from beyond the
// zone (another organization's aws:PrincipalOrgID, the aws:SourceAccount of a service working for an outside
// account; never one inside the zone), and each key the request would supply (sts:ExternalId, aws:SourceIp, ...)
// given a value that satisfies its clause. When the condition can hold, the finding lists those keys as its
// `condition`, as Access Analyzer does.
//
// lzsim adds a rule to each finding: CONFUSED_DEPUTY for a role an outside account can assume without sts:ExternalId
// (IAM User Guide confused-deputy.html, id_roles_create_for-user_externalid.html), PUBLIC_ACCESS when anyone can,
// UNSCOPED_FEDERATION for a role any GitHub Actions workflow can assume (web-identity-scope.ts), EXTERNAL_ACCESS
// otherwise.

import { parseArn } from '../match/arn';
import { compileGlob } from '../match/wildcard';
import { parsePolicy } from '../policy/parse';
import { customerPermissionsOf, sharePermissionGrant } from '../ram/ram-grants';
import type { ContextEntry, ResourcePolicy, Statement } from '../types';
import type { CompiledStatement } from '../world/compiled-types';
import type { CompiledWorld } from '../world/compile-world';
import { isAwsOwnedContextKey, resourceAccountEntries } from '../world/request-context';
import { rcpsSkippedForResource } from '../evaluate/evaluate';
import { witnessEntry } from './condition-witness';
import { ANYONE_ACCOUNT, STAND_IN_PATH } from './external-stand-ins';
import { accountOfPrincipal } from './trust-targets';
import { GITHUB_ACTIONS_OIDC_HOST, isGitHubActionsProvider, scopesGitHubRepository } from './web-identity-scope';

/** Access Analyzer's resource types for the policies analysed. */
export type FindingResourceType =
  | 'AWS::IAM::Role' | 'AWS::S3::Bucket' | 'AWS::KMS::Key' | 'AWS::SQS::Queue' | 'AWS::SNS::Topic'
  | 'AWS::SecretsManager::Secret' | 'AWS::Lambda::Function' | 'AWS::Lambda::LayerVersion' | 'AWS::ECR::Repository'
  | 'AWS::RAM::ResourceShare';

/** lzsim's classification of an external-access finding. */
export type ExternalAccessRule = 'CONFUSED_DEPUTY' | 'PUBLIC_ACCESS' | 'EXTERNAL_ACCESS' | 'RAM_EXTERNAL_SHARE' | 'UNSCOPED_FEDERATION';

/** ExternalAccessDetails, as Access Analyzer returns it. */
export interface ExternalAccessDetails {
  /** The actions the statement lets the outside principal use. */
  action: string[];
  /** The condition keys (and values) the outside principal's request must carry. */
  condition: Record<string, string>;
  /** True when anyone can use the access. */
  isPublic: boolean;
  /** The outside principal, by principal type. */
  principal: Record<string, string>;
  /** Whether an RCP of the organization could restrict it (APPLICABLE: one exists and was not evaluated). */
  resourceControlPolicyRestriction: 'APPLICABLE' | 'NOT_APPLICABLE';
}

/** A finding in GetFindingV2's shape, with lzsim's explanation under `lzsim`. */
export interface ExternalAccessFinding {
  /** Stable id (UUID-shaped, derived from the resource, statement and principal, so archiving survives recomputation). */
  id: string;
  /** The resource ARN. */
  resource: string;
  /** Access Analyzer's resource type. */
  resourceType: FindingResourceType;
  /** The account that owns the resource. */
  resourceOwnerAccount: string;
  /** ACTIVE, or ARCHIVED when the design archived it. */
  status: 'ACTIVE' | 'ARCHIVED';
  /** Always ExternalAccess here. */
  findingType: 'ExternalAccess';
  /** When it was analysed (ISO 8601). */
  analyzedAt: string;
  /** Same as analyzedAt: the design has no earlier analysis. */
  createdAt: string;
  /** Same as analyzedAt. */
  updatedAt: string;
  /** One detail per finding. */
  findingDetails: { externalAccessDetails: ExternalAccessDetails }[];
  /** What lzsim adds: the rule, the statement, and a sentence for people. */
  lzsim: {
    rule: ExternalAccessRule;
    /** The policy: "ROLE-ARN/trust-policy" or the resource ARN. */
    policyId: string;
    statementIndex: number;
    sid?: string;
    /** The outside principal as written (or "*"). */
    externalPrincipal: string;
    summary: string;
    /** The AWS page that describes the rule. */
    docUrl: string;
    /** What the resource account's RCPs stop of this access (Access Analyzer leaves RCPs out; lzsim evaluates them). */
    rcpStops?: RcpStops;
  };
}

/** Options for computing findings. */
export interface FindingOptions {
  /** ISO timestamp for analyzedAt / createdAt / updatedAt. */
  analyzedAt: string;
  /** Ids of archived findings. */
  archived?: ReadonlySet<string>;
}

const DOCS: Record<ExternalAccessRule, string> = {
  CONFUSED_DEPUTY: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  PUBLIC_ACCESS: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html',
  EXTERNAL_ACCESS: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html',
  RAM_EXTERNAL_SHARE: 'https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing-create.html',
  UNSCOPED_FEDERATION: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
};

/** Every external-access finding of the world, roles first, then resources, each by ARN. */
export function externalAccessFindings(world: CompiledWorld, options: FindingOptions): ExternalAccessFinding[] {
  const roleFindings: ExternalAccessFinding[] = [];
  const resourceFindings: ExternalAccessFinding[] = [];
  const organization = world.world.organization;
  for (const [ownerAccount, iam] of Object.entries(world.world.iam)) {
    if (organization && !world.org.isMember(ownerAccount)) continue;
    for (const role of iam.roles) {
      if (role.path === STAND_IN_PATH) continue;
      const compiled = world.trustPolicyFor(role);
      roleFindings.push(...policyFindings(world, options, {
        resource: role.arn, resourceType: 'AWS::IAM::Role', ownerAccount, policyId: compiled.id,
        statements: parsePolicy(role.trustPolicy).document?.statements ?? [], compiled: compiled.document.statements,
      }));
    }
  }
  for (const policy of world.world.resourcePolicies) {
    const analysed = analysedResourcePolicy(world, policy);
    if (analysed) resourceFindings.push(...policyFindings(world, options, analysed));
  }
  const byResource = (a: ExternalAccessFinding, b: ExternalAccessFinding) => a.resource.localeCompare(b.resource) || a.lzsim.statementIndex - b.lzsim.statementIndex;
  return [...roleFindings.sort(byResource), ...resourceFindings.sort(byResource), ...ramShareFindings(world, options)];
}

/**
 * Who outside the zone of trust the resource-based policy governing `resource` (its own, or an S3 object's bucket's)
 * lets do `action` on it, as findings: those of the statements whose Action and Resource cover the request and that
 * still grant the action after the policy's Denies. Who-can lists them beside the principals of the organization.
 */
export function outsideAccessTo(world: CompiledWorld, action: string, resource: string, options: FindingOptions): ExternalAccessFinding[] {
  const governing = world.resourcePolicyFor(resource);
  const policy = governing && world.world.resourcePolicies.find((candidate) => candidate.resourceArn === governing.id);
  const analysed = policy && analysedResourcePolicy(world, policy);
  if (!analysed) return [];
  const actionLower = action.toLowerCase();
  const noContext = new Map<string, ContextEntry>();
  return policyFindings(world, options, analysed).filter((found) => {
    const statement = analysed.compiled[found.lzsim.statementIndex];
    const stopped = new Set(found.lzsim.rcpStops?.actions ?? []);
    return statement !== undefined && statement.matchesAction(actionLower) && statement.matchesResource(resource, noContext)
      && found.findingDetails[0].externalAccessDetails.action.some((pattern) => !stopped.has(pattern) && compileGlob(pattern, true)(action));
  });
}

/** A resource-based policy of a type Access Analyzer covers, owned inside the zone of trust, ready for analysis. */
function analysedResourcePolicy(world: CompiledWorld, policy: ResourcePolicy): AnalysedPolicy | undefined {
  const resourceType = resourceTypeOf(policy.resourceArn);
  const compiled = world.resourcePolicyFor(policy.resourceArn);
  const ownerAccount = compiled?.accountId;
  if (!resourceType || !compiled || !ownerAccount) return undefined;
  if (world.world.organization && !world.org.isMember(ownerAccount)) return undefined;
  // S3 Block Public Access: a public bucket policy under RestrictPublicBuckets lets no principal outside the owner's
  // account in (access-control-block-public-access.html), and Access Analyzer's S3 analysis reads those settings.
  if (compiled.restrictedPublicPolicy) return undefined;
  return {
    resource: policy.resourceArn, resourceType, ownerAccount, policyId: compiled.id,
    statements: parsePolicy(policy.document).document?.statements ?? [], compiled: compiled.document.statements,
  };
}

/**
 * A RAM share is external access too: each principal of a share outside the zone of trust (an account or IAM principal
 * outside the organization, associated or invited) is a finding on the share, with the actions of the managed
 * permissions of the share's resource types. lzsim's rule RAM_EXTERNAL_SHARE; Access Analyzer's shape.
 */
function ramShareFindings(world: CompiledWorld, options: FindingOptions): ExternalAccessFinding[] {
  const organization = world.world.organization;
  const out: ExternalAccessFinding[] = [];
  const customer = customerPermissionsOf(world.world);
  for (const share of world.world.ramShares ?? []) {
    const actions = [...new Set(share.permissions.flatMap((p) => [...sharePermissionGrant(p, customer).actions]))].sort();
    share.principals.forEach((entry, index) => {
      if (entry.status !== 'ASSOCIATED' && entry.status !== 'ASSOCIATING') return;
      const account = /^\d{12}$/.test(entry.principal) ? entry.principal : /^arn:aws[\w-]*:iam::(\d{12}):/.exec(entry.principal)?.[1];
      if (!account || account === share.ownerAccountId) return;
      const inside = organization ? world.org.isMember(account) && world.org.isMember(share.ownerAccountId) : false;
      if (inside) return;
      const id = findingId(`ram ${share.arn} ${entry.principal}`);
      const pending = entry.status === 'ASSOCIATING';
      const resources = share.resources.map((r) => r.arn);
      out.push({
        id,
        resource: share.arn,
        resourceType: 'AWS::RAM::ResourceShare',
        resourceOwnerAccount: share.ownerAccountId,
        status: options.archived?.has(id) ? 'ARCHIVED' : 'ACTIVE',
        findingType: 'ExternalAccess',
        analyzedAt: options.analyzedAt,
        createdAt: options.analyzedAt,
        updatedAt: options.analyzedAt,
        findingDetails: [{
          externalAccessDetails: {
            action: actions,
            condition: {},
            isPublic: false,
            principal: { AWS: entry.principal },
            // RCPs apply to the owner's resources, not to the share itself: say whether one could restrict the use.
            resourceControlPolicyRestriction: world.world.policies.some((p) => p.type === 'RCP' && !p.awsManaged) ? 'APPLICABLE' : 'NOT_APPLICABLE',
          },
        }],
        lzsim: {
          rule: 'RAM_EXTERNAL_SHARE',
          policyId: share.arn,
          statementIndex: index,
          externalPrincipal: entry.principal,
          summary: `RAM share "${share.name}" ${pending ? 'invites' : 'shares'} ${resources.join(', ')} ${pending ? 'to' : 'with'} ${entry.principal}, outside the organization${pending ? ' (invitation pending: access once accepted)' : ''}.`,
          docUrl: DOCS.RAM_EXTERNAL_SHARE,
        },
      });
    });
  }
  return out.sort((a, b) => a.resource.localeCompare(b.resource) || a.lzsim.statementIndex - b.lzsim.statementIndex);
}

/** ListFindingsV2's item shape for a finding. */
export function findingSummary(finding: ExternalAccessFinding): Omit<ExternalAccessFinding, 'findingDetails' | 'lzsim'> {
  const { findingDetails: _details, lzsim: _lzsim, ...summary } = finding;
  return summary;
}

/** Access Analyzer's resource type for an ARN, or undefined for types not analysed here. */
export function resourceTypeOf(arn: string): FindingResourceType | undefined {
  const parts = parseArn(arn);
  if (!parts) return undefined;
  const kind = parts.resource.split(/[/:]/)[0];
  switch (parts.service) {
    case 'iam': return kind === 'role' ? 'AWS::IAM::Role' : undefined;
    case 's3': return parts.resource.includes('/') ? undefined : 'AWS::S3::Bucket';
    case 'kms': return kind === 'key' ? 'AWS::KMS::Key' : undefined;
    case 'sqs': return 'AWS::SQS::Queue';
    case 'sns': return 'AWS::SNS::Topic';
    case 'secretsmanager': return kind === 'secret' ? 'AWS::SecretsManager::Secret' : undefined;
    case 'lambda': return kind === 'function' ? 'AWS::Lambda::Function' : kind === 'layer' ? 'AWS::Lambda::LayerVersion' : undefined;
    case 'ecr': return kind === 'repository' ? 'AWS::ECR::Repository' : undefined;
    default: return undefined;
  }
}

interface AnalysedPolicy {
  resource: string;
  resourceType: FindingResourceType;
  ownerAccount: string;
  policyId: string;
  statements: readonly Statement[];
  compiled: readonly CompiledStatement[];
}

interface Outsider {
  /** The principal as the finding names it. */
  value: string;
  accountId: string;
  /** The ARN the outsider calls with (a stand-in role for a whole account). */
  arn: string;
  kind: 'account' | 'arn' | 'anyone';
}

function policyFindings(world: CompiledWorld, options: FindingOptions, policy: AnalysedPolicy): ExternalAccessFinding[] {
  const findings: ExternalAccessFinding[] = [];
  for (const statement of policy.statements) {
    const compiled = policy.compiled[statement.index];
    if (statement.effect !== 'Allow' || !statement.principal || !compiled) continue;
    const seen = new Set<string>();
    for (const outsider of outsidersNamed(world, policy.ownerAccount, statement, policy.statements)) {
      if (seen.has(outsider.value)) continue;
      const access = accessFor(world, policy, compiled, outsider);
      if (!access) continue;
      const actions = actionsLeftAfterDenies(world, policy, statement, outsider, access.context);
      if (actions.length === 0) continue;
      seen.add(outsider.value);
      const condition = access.supplied;
      // Anyone, unless the condition holds the outsider to an organization or a source beyond the zone.
      const isPublic = outsider.kind === 'anyone' && !Object.keys(condition).some((key) => ZONE_SCOPED_KEYS[key.toLowerCase()]);
      const rcpStops = rcpStopsFor(world, policy, statement, outsider, access.context, actions);
      findings.push(finding(world, options, policy, statement, outsider.kind === 'anyone' ? { AWS: '*' } : { AWS: outsider.value }, outsider.value, condition, isPublic, actions, rcpStops));
    }
    // Identity providers outside the zone (web identity providers such as Cognito's, named by host), as in AWS's own
    // get-finding-v2 example. Whether Access Analyzer counts the users of a SAML or OIDC provider registered inside
    // the zone as outsiders is not documented, so those give no finding, with one exception lzsim adds: GitHub
    // Actions' provider when no condition names whose repositories may assume the role, since every workflow on
    // github.com can then (web-identity-scope.ts).
    const block = statement.principal;
    if (block === '*') continue;
    for (const provider of block.Federated ?? []) {
      const providerAccount = accountOfPrincipal(provider);
      const anyWorkflow = isGitHubActionsProvider(provider) && !scopesGitHubRepository(statement.conditions);
      if (providerAccount && inZone(world, providerAccount, policy.ownerAccount) && !anyWorkflow) continue;
      const condition: Record<string, string> = {};
      for (const clause of statement.conditions) condition[clause.key] = clause.values.join(',');
      const found = finding(world, options, policy, statement, { Federated: provider }, provider, condition, false);
      findings.push(anyWorkflow ? anyGitHubWorkflow(found) : found);
    }
  }
  return findings;
}

/** lzsim's UNSCOPED_FEDERATION rule on a GitHub Actions finding whose statement names no owner or repository. */
function anyGitHubWorkflow(found: ExternalAccessFinding): ExternalAccessFinding {
  const where = found.lzsim.sid ? `statement "${found.lzsim.sid}"` : `statement #${found.lzsim.statementIndex}`;
  return {
    ...found,
    lzsim: {
      ...found.lzsim,
      rule: 'UNSCOPED_FEDERATION',
      summary: `${where} of the trust policy lets any GitHub Actions workflow, of any repository, assume the role: no condition names the repository (${GITHUB_ACTIONS_OIDC_HOST}:sub)`,
      docUrl: DOCS.UNSCOPED_FEDERATION,
    },
  };
}

/** The outside principals a statement names or, for "*", could admit. */
function outsidersNamed(world: CompiledWorld, ownerAccount: string, statement: Statement, policyStatements: readonly Statement[]): Outsider[] {
  const block = statement.principal!;
  const values = block === '*' ? ['*'] : block.AWS ?? [];
  const outsiders: Outsider[] = [];
  for (const value of values) {
    if (value === '*') {
      outsiders.push({ value: '*', accountId: ANYONE_ACCOUNT, arn: standInArn(ANYONE_ACCOUNT), kind: 'anyone' });
      // An outside account that a principal-identifying condition names can get in where a generic one cannot: in
      // this statement's condition, or in another's (a perimeter Deny that exempts trusted third parties).
      for (const clause of [statement, ...policyStatements.filter((other) => other !== statement)].flatMap((each) => each.conditions)) {
        const key = clause.key.toLowerCase();
        if (key !== 'aws:principalaccount' && key !== 'kms:calleraccount' && key !== 'aws:principalarn') continue;
        for (const conditionValue of clause.values) {
          const accountId = accountOfPrincipal(conditionValue);
          if (!accountId || inZone(world, accountId, ownerAccount)) continue;
          const concrete = key === 'aws:principalarn' && !/[*?]/.test(conditionValue);
          outsiders.push({ value: accountId, accountId, arn: concrete ? conditionValue : standInArn(accountId), kind: 'account' });
        }
      }
      continue;
    }
    const accountId = accountOfPrincipal(value);
    if (!accountId || inZone(world, accountId, ownerAccount)) continue;
    const isAccount = /^\d{12}$/.test(value) || value.endsWith(':root');
    outsiders.push({ value, accountId, arn: isAccount ? standInArn(accountId) : value, kind: isAccount ? 'account' : 'arn' });
  }
  return outsiders;
}

function standInArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role${STAND_IN_PATH}AnyPrincipal`;
}

/** Inside the zone of trust: a member of the organization, or without one the resource's own account. */
function inZone(world: CompiledWorld, accountId: string, ownerAccount: string): boolean {
  return world.world.organization ? world.org.isMember(accountId) : accountId === ownerAccount;
}

/** How an outsider gets in through one Allow statement: the request context it calls with, and the keys it must carry. */
interface OutsiderAccess {
  /** The context of the outsider's request: the keys AWS derives for it, and the values it supplies. */
  context: Map<string, ContextEntry>;
  /** The condition keys (and the statement's values) the outsider's request must carry (empty when none). */
  supplied: Record<string, string>;
}

function identityOf(outsider: Outsider) {
  return outsider.arn.includes(':user/')
    ? { accountId: outsider.accountId, userArn: outsider.arn }
    : { accountId: outsider.accountId, roleArn: outsider.arn };
}

/** How the statement lets the outsider in, or undefined when it can never apply to that outsider. */
function accessFor(world: CompiledWorld, policy: AnalysedPolicy, compiled: CompiledStatement, outsider: Outsider): OutsiderAccess | undefined {
  if (!compiled.matchesPrincipal?.(identityOf(outsider))) return undefined;
  const context = new Map<string, ContextEntry>();
  const put = (entry: ContextEntry) => context.set(entry.key.toLowerCase(), entry);
  put({ key: 'aws:PrincipalArn', values: [outsider.arn], type: 'string' });
  put({ key: 'aws:PrincipalAccount', values: [outsider.accountId], type: 'string' });
  put({ key: 'aws:PrincipalType', values: [outsider.arn.includes(':user/') ? 'User' : 'AssumedRole'], type: 'string' });
  put({ key: 'aws:PrincipalIsAWSService', values: ['false'], type: 'boolean' });
  // KMS sets the caller's account on every request (kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account):
  // the key policies of AWS managed keys open to "*" only through it.
  put({ key: 'kms:CallerAccount', values: [outsider.accountId], type: 'string' });
  for (const entry of resourceAccountEntries(policy.ownerAccount, world.org.organizationOf(policy.ownerAccount))) put(entry);
  const supplied: Record<string, string> = {};
  for (const clause of compiled.conditionClauses) {
    const key = clause.key.toLowerCase();
    if (context.has(key)) continue;
    const scope = ZONE_SCOPED_KEYS[key];
    if (scope) {
      // Set by AWS, never by the caller, but an outsider may carry a value from beyond the zone: its own
      // organization, or the account of a resource a service acts for. A value inside the zone is not the outsider's.
      const entry = witnessEntry(clause, 'satisfy');
      if (entry && entry.values.every((value) => outsideZone(world, policy.ownerAccount, scope, value))) {
        put(entry);
        supplied[clause.key] = clause.values.join(',');
      }
      continue;
    }
    // Keys AWS derives stay as derived (aws:PrincipalArn, ...); the rest the caller may send.
    if (isAwsOwnedContextKey(key)) continue;
    const entry = witnessEntry(clause, 'satisfy');
    if (entry) put(entry);
    supplied[clause.key] = clause.values.join(',');
  }
  return !compiled.condition || compiled.condition(context) ? { context, supplied } : undefined;
}

/**
 * The Allow statement's actions that no Deny statement of the same policy takes away from the outsider. A Deny counts
 * when it names the outsider, covers every resource the Allow grants, and its condition holds whatever the outsider's
 * request carries: keys AWS derives stay as derived (a data-perimeter Deny on aws:PrincipalOrgID stops everyone outside
 * the organization), and every key the caller may send is given a value that keeps the Deny off (aws:SecureTransport
 * true). An explicit Deny overrides any Allow (reference_policies_evaluation-logic.html), and Access Analyzer reads
 * the whole policy, so a bucket open to "*" behind an organization perimeter lets no one outside in.
 * An action pattern of the Allow is taken away when a Deny's Action matches the pattern itself ("s3:*" covers "s3:Get*").
 */
function actionsLeftAfterDenies(world: CompiledWorld, policy: AnalysedPolicy, allow: Statement, outsider: Outsider, context: Map<string, ContextEntry>): string[] {
  const actions = allow.action ?? (allow.notAction ? ['*'] : []);
  let left = actions;
  const resources = allow.resource ?? ['*'];
  for (const deny of policy.statements) {
    if (deny.effect !== 'Deny' || left.length === 0) continue;
    const compiled = policy.compiled[deny.index];
    if (!compiled) continue;
    if (compiled.matchesPrincipal && !compiled.matchesPrincipal(identityOf(outsider))) continue;
    if (!resources.every((resource) => compiled.matchesResource(resource, context))) continue;
    const covered = left.filter((action) => compiled.matchesAction(action.toLowerCase()));
    if (covered.length === 0 || !denyHolds(world, policy, compiled, context)) continue;
    left = left.filter((action) => !covered.includes(action));
  }
  return left;
}

/** What the resource account's RCPs take away from an outsider's access: the actions stopped, and the RCPs that stop them. */
export interface RcpStops {
  /** The finding's actions that an RCP stops (all of them: the outsider cannot get in at all). */
  actions: string[];
  /** The RCPs that stop them, by name. */
  policies: string[];
}

/**
 * The finding's actions that the resource account's RCPs stop for the outsider (orgs_manage_policies_rcps_evaluation.html:
 * at every level from the root to the account an RCP must allow, and a Deny at any level wins), or undefined when
 * they stop none. Access Analyzer does not evaluate RCPs (resourceControlPolicyRestriction APPLICABLE); lzsim does, so
 * that who-can and the finding say whether the outsider really gets in. A Deny counts as in the policy itself: when
 * it holds whatever the outsider's request can carry (a data perimeter on aws:PrincipalOrgID).
 */
function rcpStopsFor(world: CompiledWorld, policy: AnalysedPolicy, allow: Statement, outsider: Outsider, context: Map<string, ContextEntry>, actions: readonly string[]): RcpStops | undefined {
  if (rcpsSkippedForResource(world, policy.ownerAccount, requestService(policy)) !== undefined) return undefined;
  const resources = allow.resource ?? ['*'];
  const identity = identityOf(outsider);
  const applies = (statement: CompiledStatement, action: string) => (!statement.matchesPrincipal || statement.matchesPrincipal(identity))
    && statement.matchesAction(action.toLowerCase()) && resources.every((resource) => statement.matchesResource(resource, context));
  const stopped = new Set<string>();
  const stoppers = new Set<string>();
  for (const level of world.org.levelsFor(policy.ownerAccount, 'RCP')) {
    for (const action of actions) {
      if (stopped.has(action)) continue;
      const statements = level.policies.flatMap((rcp) => rcp.document.statements.map((statement) => ({ rcp, statement })));
      const denying = statements.find(({ statement }) => statement.effect === 'Deny' && applies(statement, action) && denyHolds(world, policy, statement, context));
      const allowed = statements.some(({ statement }) => statement.effect === 'Allow' && applies(statement, action) && (!statement.condition || statement.condition(context)));
      if (!denying && allowed) continue;
      stopped.add(action);
      if (denying) stoppers.add(denying.rcp.name);
      else for (const rcp of level.policies) stoppers.add(rcp.name);
    }
  }
  return stopped.size === 0 ? undefined : { actions: actions.filter((action) => stopped.has(action)), policies: [...stoppers].sort() };
}

/** The service the outsider's requests go to: STS for a role (sts:AssumeRole*), else the resource's own. */
function requestService(policy: AnalysedPolicy): string {
  return policy.resourceType === 'AWS::IAM::Role' ? 'sts' : parseArn(policy.resource)?.service ?? '';
}

function rcpStopsText(stops: RcpStops, actions: readonly string[]): string {
  const which = stops.actions.length === actions.length ? 'all of it' : stops.actions.join(', ');
  return `the RCP${stops.policies.length === 1 ? '' : 's'} ${stops.policies.join(', ')} of the resource's account stop${stops.policies.length === 1 ? 's' : ''} ${which}`;
}

/** Whether a Deny's condition holds for the outsider whatever values it sends for the keys a caller may supply. */
function denyHolds(world: CompiledWorld, policy: AnalysedPolicy, deny: CompiledStatement, context: Map<string, ContextEntry>): boolean {
  if (!deny.condition) return true;
  const request = new Map(context);
  for (const clause of deny.conditionClauses) {
    const key = clause.key.toLowerCase();
    if (request.has(key)) continue;
    const scope = ZONE_SCOPED_KEYS[key];
    if (!scope && isAwsOwnedContextKey(key)) continue;
    const entry = witnessEntry(clause, 'falsify');
    // A zone-scoped key can only carry a value from beyond the zone; with none that falsifies, it stays absent.
    if (!entry || (scope && !entry.values.every((value) => outsideZone(world, policy.ownerAccount, scope, value)))) continue;
    request.set(key, entry);
  }
  return deny.condition(request);
}

/** What a zone-scoped key's value identifies: an organization, an org path, an account, or a resource ARN. */
type ZoneScope = 'org-id' | 'org-path' | 'account' | 'arn';

/**
 * Keys that place a request in or out of the zone of trust and that only AWS sets (reference_policies_condition-keys.html):
 * the principal's organization (present only for a member of one), and the source keys, present only when a service
 * principal calls on behalf of a resource (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths;
 * aws:SourceOwner is the older spelling Amazon SNS writes in every topic's default policy, sns-access-policy-use-cases.html).
 * "Principal": "*" with aws:SourceOwner naming the topic's own account lets in only services working for that account.
 */
const ZONE_SCOPED_KEYS: Readonly<Record<string, ZoneScope>> = {
  'aws:principalorgid': 'org-id', 'aws:sourceorgid': 'org-id',
  'aws:principalorgpaths': 'org-path', 'aws:sourceorgpaths': 'org-path',
  'aws:sourceaccount': 'account', 'aws:sourceowner': 'account',
  'aws:sourcearn': 'arn',
};

/** True when a zone-scoped key's value names something outside the zone of trust. */
function outsideZone(world: CompiledWorld, ownerAccount: string, scope: ZoneScope, value: string): boolean {
  const orgId = world.world.organization?.id;
  switch (scope) {
    case 'org-id':
      return value !== orgId;
    case 'org-path':
      return !orgId || !value.startsWith(`${orgId}/`);
    case 'account':
      return !inZone(world, value, ownerAccount);
    case 'arn': {
      // An ARN without an account (an S3 bucket) may belong to anyone.
      const account = value.split(':')[4];
      return !account || !inZone(world, account, ownerAccount);
    }
  }
}

function finding(
  world: CompiledWorld, options: FindingOptions, policy: AnalysedPolicy, statement: Statement,
  principal: Record<string, string>, externalPrincipal: string, condition: Record<string, string>, isPublic: boolean,
  actions: string[] = statement.action ?? (statement.notAction ? ['*'] : []), rcpStops?: RcpStops,
): ExternalAccessFinding {
  const isRole = policy.resourceType === 'AWS::IAM::Role';
  const hasExternalId = Object.keys(condition).some((key) => key.toLowerCase() === 'sts:externalid');
  const rule: ExternalAccessRule = isPublic ? 'PUBLIC_ACCESS' : isRole && principal.AWS !== undefined && !hasExternalId ? 'CONFUSED_DEPUTY' : 'EXTERNAL_ACCESS';
  const id = findingId(`${policy.resource}\n${statement.index}\n${JSON.stringify(principal)}`);
  const where = statement.sid ? `statement "${statement.sid}"` : `statement #${statement.index}`;
  const who = isPublic ? 'anyone'
    : principal.Federated ? `identity provider ${externalPrincipal}`
      : externalPrincipal === '*' ? 'principals outside the organization' : `${externalPrincipal} (outside the organization)`;
  const summary = rule === 'CONFUSED_DEPUTY'
    ? `${where} of the trust policy lets ${who} assume the role without an sts:ExternalId condition`
    : `${where} ${isRole ? 'of the trust policy' : 'of the resource policy'} grants ${who} access${Object.keys(condition).length ? ` when the request carries ${Object.keys(condition).join(', ')}` : ''}`;
  const service = requestService(policy);
  // APPLICABLE: an RCP other than RCPFullAWSAccess applies to the resource (API_ExternalAccessDetails.html).
  const rcpRestricts = rcpsSkippedForResource(world, policy.ownerAccount, service) === undefined &&
    world.org.levelsFor(policy.ownerAccount, 'RCP').some((level) => level.policies.some((candidate) => candidate.id !== 'p-RCPFullAWSAccess'));
  return {
    id,
    resource: policy.resource,
    resourceType: policy.resourceType,
    resourceOwnerAccount: policy.ownerAccount,
    status: options.archived?.has(id) ? 'ARCHIVED' : 'ACTIVE',
    findingType: 'ExternalAccess',
    analyzedAt: options.analyzedAt,
    createdAt: options.analyzedAt,
    updatedAt: options.analyzedAt,
    findingDetails: [{
      externalAccessDetails: {
        action: actions,
        condition,
        isPublic,
        principal,
        resourceControlPolicyRestriction: rcpRestricts ? 'APPLICABLE' : 'NOT_APPLICABLE',
      },
    }],
    lzsim: {
      rule,
      policyId: policy.policyId,
      statementIndex: statement.index,
      ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
      externalPrincipal,
      summary: rcpStops ? `${summary}; ${rcpStopsText(rcpStops, actions)}` : summary,
      docUrl: DOCS[rule],
      ...(rcpStops ? { rcpStops } : {}),
    },
  };
}

/** A UUID-shaped id from a 128-bit FNV-1a style hash of the text (stable across runs). */
function findingId(text: string): string {
  const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  const parts = seeds.map((seed) => {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
  });
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
