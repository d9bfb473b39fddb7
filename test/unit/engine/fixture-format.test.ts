// Checks that every engine fixture file is well formed (README.md in test/fixtures/engine is the format):
// real AWS shapes in the bundle, one action and one resource per request, reasons consistent with the decision,
// a documentation page for every file, unique case names, and enough cases to specify the engine.
import { describe, expect, it } from 'vitest';
import {
  loadFixtureFiles,
  mergeBundle,
  type FixtureCase,
  type FixtureFile,
  type Json,
} from '@/test/fixtures/engine/load-fixtures';
import { EC2_POLICY_ATTRIBUTE_RULE, S3_RESTRICT_PUBLIC_BUCKETS_RULE, SERVICE_RULES, SESSION_TAG_RULES } from '@/server/engine';
import { validateManagementPolicy } from '@/server/engine/management';

const MINIMUM_CASES = 300;
const DOC_URL = /^https:\/\/docs\.aws\.amazon\.com\/\S+$/;
const ACCOUNT_ID = /^\d{12}$/;
const DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'];
const DENY_REASONS = [
  'scp-deny', 'rcp-deny', 'identity-deny', 'resource-deny', 'boundary-deny', 'session-deny', 'trust-deny', 'key-policy-deny', 'vpc-endpoint-deny',
];
const NO_ALLOW_REASONS = [
  'scp-no-allow', 'rcp-no-allow', 'no-allow', 'identity-no-allow', 'resource-no-allow', 'boundary-no-allow',
  'session-no-allow', 'trust-no-allow', 'key-policy-no-allow', 'service-rule-no-allow', 'vpc-endpoint-no-allow',
];
/** Ids of the documented service rules a case may expect the trace to cite. */
const SERVICE_RULE_IDS = [...SERVICE_RULES.map((rule) => rule.id), ...Object.values(SESSION_TAG_RULES).map((rule) => rule.id), S3_RESTRICT_PUBLIC_BUCKETS_RULE.id, EC2_POLICY_ATTRIBUTE_RULE.id];
const ALLOW_REASONS = ['identity-allow', 'resource-allow', 'service-rule-allow'];
const REASONS_BY_DECISION: Record<string, string[]> = {
  explicitDeny: DENY_REASONS,
  implicitDeny: NO_ALLOW_REASONS,
  allowed: ALLOW_REASONS,
};
const CONTEXT_TYPES = [
  'string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList',
  'date', 'dateList',
];
const ORG_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'S3_POLICY', 'DECLARATIVE_POLICY_EC2'];
const TARGET_TYPES: Record<string, RegExp> = {
  ROOT: /^r-[0-9a-z]{4,32}$/,
  ORGANIZATIONAL_UNIT: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
  ACCOUNT: ACCOUNT_ID,
};
const MAX_OU_DEPTH = 5;

const files = loadFixtureFiles();

function obj(value: unknown, where: string): Json {
  expect(value, `${where} must be an object`).toBeTypeOf('object');
  expect(Array.isArray(value), `${where} must be an object, not an array`).toBe(false);
  return value as Json;
}

function arr(value: unknown, where: string): unknown[] {
  expect(Array.isArray(value), `${where} must be an array`).toBe(true);
  return value as unknown[];
}

/** A policy document as AWS accepts it: JSON text, or (IAM details only) an object or URL-encoded JSON text. */
function policyDocument(value: unknown, where: string, allowObject: boolean): Json {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    const text = value.trimStart().startsWith('{') ? value : decodeURIComponent(value);
    expect(() => JSON.parse(text), `${where} must be JSON`).not.toThrow();
    parsed = JSON.parse(text);
  } else {
    expect(allowObject, `${where} must be a JSON string`).toBe(true);
  }
  const document = obj(parsed, where);
  expect(document.Statement, `${where} needs a Statement`).toBeDefined();
  return document;
}

function checkOrganization(bundle: Json, where: string): Set<string> {
  const targets = new Set<string>();
  if (bundle.Organization === undefined) return targets;
  const org = obj(bundle.Organization, `${where}.Organization`);
  expect(org.Id, `${where}.Organization.Id`).toMatch(/^o-[a-z0-9]{10,32}$/);
  expect(['ALL', 'CONSOLIDATED_BILLING']).toContain(org.FeatureSet);
  expect(org.MasterAccountId, `${where}.Organization.MasterAccountId`).toMatch(ACCOUNT_ID);
  expect(org.MasterAccountArn, `${where}.Organization.MasterAccountArn`).toMatch(/^arn:aws:organizations::\d{12}:account\//);
  const roots = arr(bundle.Roots, `${where}.Roots`);
  expect(roots, `${where}: an organization has exactly one root`).toHaveLength(1);
  const root = obj(roots[0], `${where}.Roots[0]`);
  expect(root.Id).toMatch(TARGET_TYPES.ROOT);
  for (const type of arr(root.PolicyTypes, `${where}.Roots[0].PolicyTypes`)) {
    expect(Object.keys(obj(type, 'PolicyType')).sort()).toEqual(['Status', 'Type']);
  }
  targets.add(String(root.Id));
  const parents = new Map<string, string>();
  for (const [index, entry] of arr(bundle.OrganizationalUnits ?? [], `${where}.OrganizationalUnits`).entries()) {
    const unit = obj(entry, `${where}.OrganizationalUnits[${index}]`);
    expect(unit.Id).toMatch(TARGET_TYPES.ORGANIZATIONAL_UNIT);
    expect(unit.Arn).toBe(`arn:aws:organizations::${String(org.MasterAccountId)}:ou/${String(org.Id)}/${String(unit.Id)}`);
    expect(unit.Name).toBeTypeOf('string');
    parents.set(String(unit.Id), String(unit.ParentId));
    targets.add(String(unit.Id));
  }
  for (const [id] of parents) {
    let depth = 0;
    for (let cursor = id; cursor !== root.Id; cursor = parents.get(cursor) ?? '') {
      expect(parents.has(cursor), `${where}: OU ${cursor} has an unknown parent`).toBe(true);
      depth += 1;
      expect(depth, `${where}: OU ${id} is nested deeper than ${MAX_OU_DEPTH} levels`).toBeLessThanOrEqual(MAX_OU_DEPTH);
    }
  }
  for (const [index, entry] of arr(bundle.Accounts ?? [], `${where}.Accounts`).entries()) {
    const account = obj(entry, `${where}.Accounts[${index}]`);
    expect(account.Id).toMatch(ACCOUNT_ID);
    expect(account.Arn).toBe(`arn:aws:organizations::${String(org.MasterAccountId)}:account/${String(org.Id)}/${String(account.Id)}`);
    expect(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE']).toContain(account.Status);
    expect(['INVITED', 'CREATED']).toContain(account.JoinedMethod);
    expect(targets.has(String(account.ParentId)), `${where}: account ${String(account.Id)} has an unknown parent`).toBe(true);
    targets.add(String(account.Id));
  }
  return targets;
}

function checkOrgPolicies(bundle: Json, targets: Set<string>, where: string): void {
  const ids = new Set<string>();
  for (const [index, entry] of arr(bundle.Policies ?? [], `${where}.Policies`).entries()) {
    const at = `${where}.Policies[${index}]`;
    const policy = obj(entry, at);
    const summary = obj(policy.PolicySummary, `${at}.PolicySummary`);
    expect(summary.Id, `${at}.PolicySummary.Id`).toMatch(/^p-[0-9a-zA-Z_]{8,128}$/);
    expect(ids.has(String(summary.Id)), `${at}: duplicate policy id`).toBe(false);
    ids.add(String(summary.Id));
    expect(ORG_POLICY_TYPES).toContain(summary.Type);
    expect(summary.AwsManaged).toBeTypeOf('boolean');
    expect(summary.Name).toBeTypeOf('string');
    expect(summary.Arn).toMatch(/^arn:aws:organizations::(\d{12}|aws):policy\//);
    // Amazon S3 and EC2 policies are management policies (declarative syntax), not IAM policy documents.
    if (summary.Type === 'S3_POLICY' || summary.Type === 'DECLARATIVE_POLICY_EC2') {
      expect(validateManagementPolicy(summary.Type, String(policy.Content)).filter((f) => f.severity === 'error'), `${at}.Content`).toEqual([]);
    }
    else policyDocument(policy.Content, `${at}.Content`, false);
    for (const [targetIndex, targetEntry] of arr(policy.Targets, `${at}.Targets`).entries()) {
      const target = obj(targetEntry, `${at}.Targets[${targetIndex}]`);
      const pattern = TARGET_TYPES[String(target.Type)];
      expect(pattern, `${at}.Targets[${targetIndex}].Type`).toBeDefined();
      expect(target.TargetId).toMatch(pattern);
      expect(targets.has(String(target.TargetId)), `${at}: target ${String(target.TargetId)} is not in the organization`).toBe(true);
    }
  }
}

interface Principals {
  users: Set<string>;
  roles: Set<string>;
  accounts: Set<string>;
}

function checkAuthorizationDetails(bundle: Json, where: string): Principals {
  const principals: Principals = { users: new Set(), roles: new Set(), accounts: new Set() };
  const details = obj(bundle.AuthorizationDetails ?? {}, `${where}.AuthorizationDetails`);
  for (const [accountId, value] of Object.entries(details)) {
    const at = `${where}.AuthorizationDetails.${accountId}`;
    expect(accountId, at).toMatch(ACCOUNT_ID);
    principals.accounts.add(accountId);
    const account = obj(value, at);
    const policies = new Set<string>();
    for (const [index, entry] of arr(account.Policies ?? [], `${at}.Policies`).entries()) {
      const policy = obj(entry, `${at}.Policies[${index}]`);
      expect(policy.Arn).toMatch(new RegExp(`^arn:aws:iam::(${accountId}|aws):policy/`));
      const versions = arr(policy.PolicyVersionList, `${at}.Policies[${index}].PolicyVersionList`);
      const defaults = versions.filter((version) => obj(version, 'version').IsDefaultVersion === true);
      expect(defaults, `${at}.Policies[${index}] needs one default version`).toHaveLength(1);
      policyDocument(obj(defaults[0], 'version').Document, `${at}.Policies[${index}] default version`, true);
      policies.add(String(policy.Arn));
    }
    const checkAttached = (list: unknown, owner: string) => {
      for (const attached of arr(list ?? [], `${owner}.AttachedManagedPolicies`)) {
        const arn = String(obj(attached, 'attached policy').PolicyArn);
        expect(policies.has(arn), `${owner}: attached policy ${arn} is not in ${accountId}'s Policies`).toBe(true);
      }
    };
    const checkBoundary = (entity: Json, owner: string) => {
      if (entity.PermissionsBoundary === undefined) return;
      const boundary = obj(entity.PermissionsBoundary, `${owner}.PermissionsBoundary`);
      expect(boundary.PermissionsBoundaryType).toBe('Policy');
      expect(policies.has(String(boundary.PermissionsBoundaryArn)), `${owner}: boundary policy not in Policies`).toBe(true);
    };
    const checkInline = (list: unknown, owner: string) => {
      for (const inline of arr(list ?? [], owner)) {
        const entry = obj(inline, owner);
        expect(entry.PolicyName).toBeTypeOf('string');
        policyDocument(entry.PolicyDocument, `${owner} ${String(entry.PolicyName)}`, true);
      }
    };
    const groups = new Set<string>();
    for (const entry of arr(account.GroupDetailList ?? [], `${at}.GroupDetailList`)) {
      const group = obj(entry, `${at} group`);
      expect(group.Arn).toBe(`arn:aws:iam::${accountId}:group${String(group.Path)}${String(group.GroupName)}`);
      checkInline(group.GroupPolicyList, `${at} group ${String(group.GroupName)}`);
      checkAttached(group.AttachedManagedPolicies, `${at} group ${String(group.GroupName)}`);
      groups.add(String(group.GroupName));
    }
    for (const entry of arr(account.UserDetailList ?? [], `${at}.UserDetailList`)) {
      const user = obj(entry, `${at} user`);
      const owner = `${at} user ${String(user.UserName)}`;
      expect(user.Arn).toBe(`arn:aws:iam::${accountId}:user${String(user.Path)}${String(user.UserName)}`);
      expect(user.UserId).toMatch(/^AIDA[A-Z0-9]{13,}$/);
      checkInline(user.UserPolicyList, owner);
      checkAttached(user.AttachedManagedPolicies, owner);
      checkBoundary(user, owner);
      for (const name of arr(user.GroupList ?? [], `${owner}.GroupList`)) {
        expect(groups.has(String(name)), `${owner}: unknown group ${String(name)}`).toBe(true);
      }
      principals.users.add(String(user.Arn));
    }
    for (const entry of arr(account.RoleDetailList ?? [], `${at}.RoleDetailList`)) {
      const role = obj(entry, `${at} role`);
      const owner = `${at} role ${String(role.RoleName)}`;
      expect(role.Arn).toBe(`arn:aws:iam::${accountId}:role${String(role.Path)}${String(role.RoleName)}`);
      expect(role.RoleId).toMatch(/^AROA[A-Z0-9]{13,}$/);
      policyDocument(role.AssumeRolePolicyDocument, `${owner}.AssumeRolePolicyDocument`, true);
      checkInline(role.RolePolicyList, owner);
      checkAttached(role.AttachedManagedPolicies, owner);
      checkBoundary(role, owner);
      principals.roles.add(String(role.Arn));
    }
  }
  for (const entry of arr(bundle.Accounts ?? [], `${where}.Accounts`)) principals.accounts.add(String(obj(entry, 'account').Id));
  return principals;
}

function checkResourcePolicies(bundle: Json, where: string): void {
  const arns = new Set<string>();
  for (const [index, entry] of arr(bundle.ResourcePolicies ?? [], `${where}.ResourcePolicies`).entries()) {
    const at = `${where}.ResourcePolicies[${index}]`;
    const policy = obj(entry, at);
    expect(policy.ResourceArn, `${at}.ResourceArn`).toMatch(/^arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+/);
    expect(arns.has(String(policy.ResourceArn)), `${at}: a resource has one policy`).toBe(false);
    arns.add(String(policy.ResourceArn));
    if (policy.AccountId !== undefined) expect(policy.AccountId).toMatch(ACCOUNT_ID);
    policyDocument(policy.Policy, `${at}.Policy`, false);
  }
  for (const [arn, tags] of Object.entries(obj(bundle.ResourceTags ?? {}, `${where}.ResourceTags`))) {
    expect(arn).toMatch(/^arn:aws:/);
    for (const tag of arr(tags, `${where}.ResourceTags[${arn}]`)) {
      expect(Object.keys(obj(tag, 'tag')).sort()).toEqual(['Key', 'Value']);
    }
  }
}

function principalExists(arn: string, principals: Principals): boolean {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  if (session) {
    const [, accountId, roleName] = session;
    return [...principals.roles].some((role) => role.startsWith(`arn:aws:iam::${accountId}:role/`) && role.endsWith(`/${roleName}`));
  }
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(arn);
  if (root) return principals.accounts.has(root[1]);
  return principals.users.has(arn) || principals.roles.has(arn);
}

function checkCase(testCase: FixtureCase, principals: Principals, where: string): void {
  expect(testCase.name, `${where}: name`).toMatch(/\S/);
  if (testCase.doc !== undefined) expect(testCase.doc, `${where}.doc`).toMatch(DOC_URL);
  if (testCase.note !== undefined) expect(testCase.note, `${where}.note`).toMatch(/\S{3}/);
  const request = obj(testCase.request, `${where}.request`);
  const allowedKeys = ['PolicySourceArn', 'ServicePrincipal', 'ActionNames', 'ResourceArns', 'ContextEntries', 'ResourceOwner', 'SessionPolicy', 'SessionTags', 'RoleChain'];
  for (const key of Object.keys(request)) expect(allowedKeys, `${where}.request has unknown key ${key}`).toContain(key);
  if (request.ServicePrincipal !== undefined) {
    // An AWS service calls (README, "ServicePrincipal"): no IAM principal, so nothing of the bundle to find.
    expect(request.PolicySourceArn, `${where}: ServicePrincipal or PolicySourceArn, not both`).toBeUndefined();
    expect(request.ServicePrincipal).toMatch(/^[a-z0-9.-]+\.amazonaws\.com$/);
  } else {
    const source = String(request.PolicySourceArn);
    expect(principalExists(source, principals), `${where}: principal ${source} is not in the bundle`).toBe(true);
  }
  const actions = arr(request.ActionNames, `${where}.request.ActionNames`);
  expect(actions, `${where}: exactly one action`).toHaveLength(1);
  expect(actions[0]).toMatch(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/);
  if (request.ResourceArns !== undefined) {
    const resources = arr(request.ResourceArns, `${where}.request.ResourceArns`);
    expect(resources, `${where}: exactly one resource`).toHaveLength(1);
    expect(resources[0]).toMatch(/^arn:aws:[a-z0-9-]+:/);
  }
  for (const [index, entry] of arr(request.ContextEntries ?? [], `${where}.request.ContextEntries`).entries()) {
    const context = obj(entry, `${where}.request.ContextEntries[${index}]`);
    expect(Object.keys(context).sort()).toEqual(['ContextKeyName', 'ContextKeyType', 'ContextKeyValues']);
    expect(context.ContextKeyName).toMatch(/^[A-Za-z0-9-]+:\S+$/);
    expect(CONTEXT_TYPES).toContain(context.ContextKeyType);
    const values = arr(context.ContextKeyValues, `${where} context values`);
    if (!String(context.ContextKeyType).endsWith('List')) expect(values, `${where}: single-valued key`).toHaveLength(1);
    for (const value of values) expect(value).toBeTypeOf('string');
  }
  if (request.ResourceOwner !== undefined) expect(request.ResourceOwner).toMatch(/^arn:aws:iam::\d{12}:root$/);
  if (request.SessionPolicy !== undefined) policyDocument(request.SessionPolicy, `${where}.request.SessionPolicy`, false);

  const expected = obj(testCase.expected, `${where}.expected`);
  expect(DECISIONS, `${where}.expected.decision`).toContain(expected.decision);
  const reasons = arr(expected.reasons, `${where}.expected.reasons`);
  expect(reasons.length, `${where}: at least one reason`).toBeGreaterThan(0);
  expect(new Set(reasons).size, `${where}: reasons are a set`).toBe(reasons.length);
  for (const reason of reasons) {
    expect(REASONS_BY_DECISION[String(expected.decision)], `${where}: ${String(reason)} does not fit ${String(expected.decision)}`).toContain(reason);
  }
  if (expected.matchedSids !== undefined) {
    expect(expected.decision, `${where}: matchedSids are for allowed or explicitDeny`).not.toBe('implicitDeny');
    for (const sid of arr(expected.matchedSids, `${where}.expected.matchedSids`)) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  }
  if (expected.serviceRules !== undefined) {
    for (const id of arr(expected.serviceRules, `${where}.expected.serviceRules`)) expect(SERVICE_RULE_IDS, `${where}: unknown service rule ${String(id)}`).toContain(id);
  }
  if (reasons.some((reason) => String(reason).startsWith('service-rule-'))) {
    expect(expected.serviceRules, `${where}: a service-rule reason names the rule in expected.serviceRules`).toBeDefined();
  }
  if (expected.missingContextValues !== undefined) {
    const keys = arr(expected.missingContextValues, `${where}.expected.missingContextValues`);
    for (const key of keys) expect(key, `${where}.expected.missingContextValues`).toMatch(/^[A-Za-z0-9-]+:[^\s]+$/);
    expect(new Set(keys).size, `${where}.expected.missingContextValues has repeats`).toBe(keys.length);
  }
  if (testCase.expectedOrganizations !== undefined) {
    expect(obj(testCase.expectedOrganizations, 'expectedOrganizations').AllowedByOrganizations).toBeTypeOf('boolean');
  }
  if (testCase.expectedBoundary !== undefined) {
    expect(obj(testCase.expectedBoundary, 'expectedBoundary').AllowedByPermissionsBoundary).toBeTypeOf('boolean');
  }
}

describe('engine fixture files', () => {
  it('exist, and together hold at least the minimum number of cases', () => {
    const total = files.reduce((sum, file) => sum + file.cases.length, 0);
    expect(files.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(MINIMUM_CASES);
  });

  describe.each(files.map((file): [string, FixtureFile] => [file.file, file]))('%s', (_name, file) => {
    it('has a title, a documentation page and exactly one way of giving its bundle', () => {
      expect(file.title).toMatch(/\S{3}/);
      expect(file.doc).toMatch(DOC_URL);
      const hasBundle = file.raw.bundle !== undefined;
      const hasRef = file.raw.bundleRef !== undefined;
      expect(hasBundle !== hasRef, 'either "bundle" or "bundleRef" (+ "bundlePatch")').toBe(true);
      if (!hasRef) expect(file.raw.bundlePatch, 'bundlePatch needs bundleRef').toBeUndefined();
    });

    it('describes a bundle in the AWS CLI output shapes', () => {
      const targets = checkOrganization(file.bundle, file.file);
      checkOrgPolicies(file.bundle, targets, file.file);
      checkAuthorizationDetails(file.bundle, file.file);
      checkResourcePolicies(file.bundle, file.file);
    });

    it('has well-formed cases with unique names', () => {
      const principals = checkAuthorizationDetails(file.bundle, file.file);
      expect(file.cases.length).toBeGreaterThan(0);
      const names = file.cases.map((testCase) => testCase.name);
      expect(new Set(names).size, 'case names are unique within a file').toBe(names.length);
      for (const testCase of file.cases) checkCase(testCase, principals, `${file.file} › ${testCase.name}`);
    });
  });
});

describe('mergeBundle', () => {
  const base: Json = {
    Organization: { Id: 'o-base000000' },
    Accounts: [{ Id: '111111111111' }],
    Policies: [{ PolicySummary: { Id: 'p-FullAWSAccess' }, Content: '{}', Targets: [{ TargetId: 'r-ab12' }] }],
    AuthorizationDetails: { '111111111111': { UserDetailList: [{ UserName: 'a' }], RoleDetailList: [] } },
  };

  it('adds targets to a base policy named by id and appends other policies', () => {
    const merged = mergeBundle(base, {
      Policies: [
        { PolicySummary: { Id: 'p-FullAWSAccess' }, Targets: [{ TargetId: 'ou-ab12-11111111' }] },
        { PolicySummary: { Id: 'p-denyall1' }, Content: '{}', Targets: [] },
      ],
    });
    const policies = merged.Policies as Json[];
    expect(policies).toHaveLength(2);
    expect((policies[0].Targets as Json[]).map((target) => target.TargetId)).toEqual(['r-ab12', 'ou-ab12-11111111']);
    expect(policies[0].Content).toBe('{}');
    expect((base.Policies as Json[])[0].Targets).toHaveLength(1);
  });

  it('concatenates accounts and IAM lists per account, and replaces Organization', () => {
    const merged = mergeBundle(base, {
      Organization: { Id: 'o-patch00000' },
      Accounts: [{ Id: '222222222222' }],
      AuthorizationDetails: {
        '111111111111': { UserDetailList: [{ UserName: 'b' }] },
        '999999999999': { UserDetailList: [{ UserName: 'p' }] },
      },
    });
    expect((merged.Organization as Json).Id).toBe('o-patch00000');
    expect((merged.Accounts as Json[]).map((account) => account.Id)).toEqual(['111111111111', '222222222222']);
    const details = merged.AuthorizationDetails as Record<string, Json>;
    expect((details['111111111111'].UserDetailList as Json[]).map((user) => user.UserName)).toEqual(['a', 'b']);
    expect(details['999999999999'].UserDetailList).toHaveLength(1);
  });
});
