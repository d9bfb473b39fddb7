// The one bundle reader (readAwsBundle) and bundleToWorld: AWS CLI output shapes in, the bundle model and the World
// derived from it out; every problem located by JSON path with AWS's exception name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleToWorld, compileWorld, evaluate, readAwsBundle } from '@/server/engine';
import { bundleToWorldLoadingCatalogue, bundleToWorldWith, loadControlCatalogueFor } from '@/server/engine/aws/bundle/load-catalogue';
import { designToWorldWith } from '@/server/engine/aws/bundle/to-world';

const sample = JSON.parse(readFileSync(new URL('../../../fixtures/bundles/sample-org.json', import.meta.url), 'utf8')) as Record<string, unknown>;

// Tests below poke deep into AWS-shaped JSON to break one field at a time; typing every path would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

function clone(): LooseJson {
  return structuredClone(sample) as LooseJson;
}

function errorsOf(bundle: unknown) {
  const result = bundleToWorld(bundle);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('bundleToWorld', () => {
  it('reads the sample landing zone: tree, SCPs/RCPs with targets, IAM per account, outside accounts', () => {
    const result = bundleToWorld(sample);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { world, warnings } = result;
    expect(world.organization).toEqual({ id: 'o-lz7example1', managementAccountId: '100000000001', featureSet: 'ALL', enabledPolicyTypes: ['RCP', 'SCP'] });
    expect(world.orgUnits.find((unit) => unit.name === 'Prod')?.parentId).toBe('ou-lz7a-workload');
    expect(world.policies.map((policy) => policy.type).sort()).toEqual(['RCP', 'RCP', 'SCP', 'SCP', 'SCP', 'SCP', 'SCP']);
    expect(world.attachments).toContainEqual({ policyId: 'p-r3g10nlk', targetId: 'ou-lz7a-workload' });
    // The partner account has IAM data but no place in the organization.
    expect(world.accounts.find((account) => account.id === '210987654321')).toEqual({ id: '210987654321', name: '210987654321' });
    const role = world.iam['100000000005'].roles.find((candidate) => candidate.name === 'app-runtime');
    expect(role?.permissionsBoundaryArn).toBe('arn:aws:iam::100000000005:policy/AppBoundary');
    expect(role?.tags).toContainEqual({ key: 'team', value: 'payments' });
    expect(world.resourceTags?.['arn:aws:s3:::lz7-payments-data']).toContainEqual({ key: 'classification', value: 'confidential' });
    // Tag policies are part of the model (import keeps them) but grant nothing: the World holds SCPs and RCPs only.
    expect(world.policies.some((policy) => policy.id === 'p-tagcc001')).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('accepts URL-encoded documents as get-account-authorization-details returns them', () => {
    const bundle = clone();
    const role = bundle.AuthorizationDetails['100000000005'].RoleDetailList[1];
    role.AssumeRolePolicyDocument = encodeURIComponent(JSON.stringify(role.AssumeRolePolicyDocument));
    role.RolePolicyList = [{ PolicyName: 'x', PolicyDocument: encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}') }];
    const result = bundleToWorld(bundle);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const parsed = result.world.iam['100000000005'].roles.find((candidate) => candidate.name === role.RoleName)!;
    expect(typeof parsed.trustPolicy === 'string' && parsed.trustPolicy.startsWith('{')).toBe(true);
    expect(parsed.inlinePolicies[0].document).toContain('"s3:GetObject"');
  });

  it('names the JSON path of each problem', () => {
    const bundle = clone();
    bundle.Accounts[3].ParentId = 'ou-nowhere';
    bundle.Accounts[4].Id = '12345';
    bundle.Policies[1].Targets[0].TargetId = 'ou-missing';
    bundle.AuthorizationDetails['100000000005'].RoleDetailList[0].Arn = 'arn:aws:iam::100000000006:role/OrganizationAccountAccessRole';
    bundle.ResourcePolicies[0].Policy = 42;
    const errors = errorsOf(bundle);
    expect(errors).toContainEqual({ path: '$.Accounts[3].ParentId', message: 'parent "ou-nowhere" is neither the root nor a known OU', awsCode: 'ParentNotFoundException' });
    expect(errors).toContainEqual(expect.objectContaining({ path: '$.Accounts[4].Id', message: expect.stringContaining('"12345" is not a valid 12-digit account id') }));
    expect(errors.map((error) => error.path)).toEqual(expect.arrayContaining([
      '$.Policies[1].Targets[0].TargetId',
      '$.AuthorizationDetails["100000000005"].RoleDetailList[0].Arn',
      '$.ResourcePolicies[0].Policy',
    ]));
  });

  it('rejects a bundle that is not an object, an OU cycle, and a missing default policy version', () => {
    expect(errorsOf([])).toEqual([{ path: '$', message: 'expected an object, got an array', awsCode: 'InvalidInputException' }]);
    const cyclic = clone();
    cyclic.OrganizationalUnits[3].ParentId = 'ou-lz7a-prod0001';
    expect(errorsOf(cyclic).some((error) => error.message.includes('is its own ancestor'))).toBe(true);
    const noDefault = clone();
    noDefault.AuthorizationDetails['100000000005'].Policies[0].PolicyVersionList[0].IsDefaultVersion = false;
    expect(errorsOf(noDefault)).toContainEqual(expect.objectContaining({
      path: '$.AuthorizationDetails["100000000005"].Policies[0].PolicyVersionList', message: 'exactly one version must have IsDefaultVersion true, found 0',
    }));
  });

  it('warns when SCPs or RCPs are in the bundle but their type is not enabled on the root', () => {
    const bundle = clone();
    bundle.Roots[0].PolicyTypes = [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }];
    const result = bundleToWorld(bundle);
    expect(result.ok && result.world.organization?.enabledPolicyTypes).toEqual(['SCP']);
    expect(result.ok && result.warnings.filter((w) => w.includes('RESOURCE_CONTROL_POLICY'))).toEqual([
      expect.stringContaining('is attached but the type is not enabled on the root'),
      expect.stringContaining('is attached but the type is not enabled on the root'),
    ]);
  });

  it('reads a standalone account bundle without an organization', () => {
    const result = bundleToWorld({ AuthorizationDetails: { '123456789012': { UserDetailList: [], RoleDetailList: [], GroupDetailList: [], Policies: [] } } });
    expect(result.ok && result.world.organization === undefined && result.world.accounts).toEqual([{ id: '123456789012', name: '123456789012' }]);
  });

  it('warns about top-level keys that are not part of the bundle format', () => {
    const bundle = { ...clone(), Acounts: [] };
    const result = readAwsBundle(bundle);
    expect(result.ok && result.warnings).toEqual(['$.Acounts: not a part of the bundle format; ignored']);
  });

  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html: State is the account's state;
  // Status was retired on 9 September 2026, so older exports carry only Status.
  it('reads the account state from State, and from Status in exports made before AWS retired it', () => {
    const bundle = clone();
    delete bundle.Accounts[2].Status;
    bundle.Accounts[2].State = 'PENDING_CLOSURE';
    bundle.Accounts[3].Status = 'SUSPENDED';
    delete bundle.Accounts[3].State;
    const result = readAwsBundle(bundle);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const stateOf = (id: string) => result.design.accounts.find((a) => a.accountId === id)?.status;
    expect(stateOf(bundle.Accounts[2].Id)).toBe('PENDING_CLOSURE');
    expect(stateOf(bundle.Accounts[3].Id)).toBe('SUSPENDED');
    bundle.Accounts[4].State = 'GONE';
    expect(errorsOf(bundle)).toContainEqual(expect.objectContaining({ path: '$.Accounts[4].State', message: 'unknown account state "GONE"' }));
  });

  it('reads timestamps as the AWS CLI, Python tools and the raw API write them', () => {
    const bundle = clone();
    bundle.Accounts[1].JoinedTimestamp = '2019-08-16 17:27:59+00:00';
    bundle.Accounts[2].JoinedTimestamp = 1565976479;
    bundle.Accounts[3].JoinedTimestamp = '2019-08-16T19:27:59+02:00';
    const result = readAwsBundle(bundle);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const joined = [1, 2, 3].map((i) => result.design.accounts.find((a) => a.accountId === bundle.Accounts[i].Id)?.joinedAt);
    expect(joined).toEqual(['2019-08-16T17:27:59.000Z', '2019-08-16T17:27:59.000Z', '2019-08-16T17:27:59.000Z']);
    bundle.Accounts[1].JoinedTimestamp = 'yesterday';
    expect(errorsOf(bundle)).toContainEqual(expect.objectContaining({ path: '$.Accounts[1].JoinedTimestamp' }));
  });

  it('feeds the evaluator: the sample answers like AWS', () => {
    const result = bundleToWorld(sample);
    if (!result.ok) throw new Error('sample must load');
    const world = compileWorld(result.world);
    const runtime = 'arn:aws:iam::100000000005:role/app/app-runtime';
    const context = [
      { key: 'aws:RequestedRegion', values: ['eu-west-1'], type: 'string' as const },
      { key: 'aws:SecureTransport', values: ['true'], type: 'boolean' as const },
    ];
    expect(evaluate(world, { principalArn: runtime, action: 's3:GetObject', resource: 'arn:aws:s3:::lz7-payments-data/payments/x.csv', context }).decision).toBe('allowed');
    // The RegionRestriction SCP on Workloads denies a region outside the EU.
    const outside = evaluate(world, { principalArn: runtime, action: 's3:GetObject', resource: 'arn:aws:s3:::lz7-payments-data/payments/x.csv', context: [{ key: 'aws:RequestedRegion', values: ['us-east-1'], type: 'string' }] });
    expect(outside).toMatchObject({ decision: 'explicitDeny', reasons: ['scp-deny'] });
    // The partner reads the reports prefix through the bucket policy, but the data-perimeter RCP denies it.
    const partner = evaluate(world, { principalArn: 'arn:aws:iam::210987654321:role/auditor', action: 's3:GetObject', resource: 'arn:aws:s3:::lz7-payments-data/reports/q3.pdf', context });
    expect(partner).toMatchObject({ decision: 'explicitDeny', reasons: ['rcp-deny'] });
  });
});

describe('the Control Tower catalogue is loaded only for a bundle that has a ControlTower section', () => {
  it('reads a bundle without one, with the same World, and loads nothing for it', async () => {
    expect(await loadControlCatalogueFor(sample)).toBeUndefined();
    const without = bundleToWorldWith(sample, undefined);
    expect(without).toEqual(bundleToWorld(sample));
    expect(await bundleToWorldLoadingCatalogue(sample)).toEqual(without);
  });

  it('loads it for a bundle that has one, and a caller that forgets it is told so', async () => {
    const withSection = { ...clone(), ControlTower: { LandingZone: null } };
    expect(await loadControlCatalogueFor(withSection)).toBeDefined();
    expect(() => designToWorldWith({ ...readDesign(sample), controlTower: {} as never }, undefined)).toThrow(/without the Control Tower catalogue/);
  });
});

function readDesign(bundle: unknown) {
  const read = readAwsBundle(bundle);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.design;
}

describe('LzsimQuotaOverrides (the quotas the design raised; lzsim\'s own key, no AWS CLI output holds them)', () => {
  // Six OU levels under the root: one more than AWS's default of five (orgs_reference_limits.html).
  function deepBundle(): LooseJson {
    const bundle = clone();
    let parent = bundle.Roots[0].Id as string;
    for (let level = 1; level <= 6; level++) {
      const id = `ou-lz7a-deep${String(level).padStart(4, '0')}`;
      const arn = `arn:aws:organizations::100000000001:ou/o-lz7example1/${id}`;
      bundle.OrganizationalUnits.push({ Id: id, Arn: arn, Name: `Deep ${level}`, ParentId: parent });
      // Every OU keeps FullAWSAccess and RCPFullAWSAccess while the types are enabled.
      for (const policy of bundle.Policies) if (policy.PolicySummary.AwsManaged) policy.Targets.push({ TargetId: id, Arn: arn, Name: `Deep ${level}`, Type: 'ORGANIZATIONAL_UNIT' });
      parent = id;
    }
    return bundle;
  }

  it('keeps the overrides on the model, and the quota checks apply the raised values', () => {
    expect(errorsOf(deepBundle())).toEqual([expect.objectContaining({ awsCode: 'ConstraintViolationException', awsReason: 'OU_DEPTH_LIMIT_EXCEEDED' })]);
    const raised = { ...deepBundle(), LzsimQuotaOverrides: { organization: { maxOuDepth: 6 }, iam: { maxManagedPoliciesPerRole: 20 } } };
    const read = readAwsBundle(raised);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.design.quotaOverrides).toEqual({ organization: { maxOuDepth: 6 }, iam: { maxManagedPoliciesPerRole: 20 } });
    expect(read.warnings.some((warning) => warning.includes('LzsimQuotaOverrides'))).toBe(false);
  });

  it('refuses a malformed override, naming its JSON path', () => {
    const problems = errorsOf({ ...clone(), LzsimQuotaOverrides: { iam: { maxManagedPoliciesPerRole: -1 }, nonsense: 1 } });
    expect(problems.map((problem) => problem.path).sort()).toEqual(['$.LzsimQuotaOverrides', '$.LzsimQuotaOverrides.iam.maxManagedPoliciesPerRole']);
    expect(problems.every((problem) => problem.awsCode === 'InvalidInputException')).toBe(true);
  });
});
