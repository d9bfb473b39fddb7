// The synthetic organization of the benchmarks (bench:org, bench:ui): 5,000 accounts, 1,000 OUs nested up to 5
// levels, 2,000 policies (SCPs and tag policies) with attachments spread over the tree, FullAWSAccess everywhere
// as AWS attaches it, and one role per account. Deterministic: every run builds the same organization.

/** Size of the synthetic organization. */
export const ACCOUNTS = 5_000;
/** OUs in the synthetic organization. */
export const OUS = 1_000;
/** Accounts in the "Big" OU that bench:org moves. */
export const BIG_OU_ACCOUNTS = 500;
const POLICIES = 2_000;
const TAG_POLICIES = 500;
const MANAGEMENT = '100000000000';

/** Deterministic PRNG (mulberry32) so every run builds the same organization. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The organization as an import bundle, with the ids the benchmarks act on. */
export function syntheticBundle(): { bundle: Record<string, unknown>; bigOuId: string; parkingIds: [string, string]; probeAccount: string } {
  const rand = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  const rootId = 'r-bnch';
  const ous: { Id: string; Name: string; ParentId: string; depth: number }[] = [];
  const ouId = (i: number) => `ou-bnch-${String(i).padStart(8, '0')}`;
  // Two top-level parking OUs the big OU moves between, the big OU itself, then a random tree up to depth 5.
  ous.push({ Id: ouId(0), Name: 'Parking A', ParentId: rootId, depth: 1 });
  ous.push({ Id: ouId(1), Name: 'Parking B', ParentId: rootId, depth: 1 });
  ous.push({ Id: ouId(2), Name: 'Big', ParentId: ouId(0), depth: 2 });
  for (let i = 3; i < OUS; i += 1) {
    const candidates = ous.filter((ou) => ou.depth < 5 && ou.Id !== ouId(2));
    const parent = i < 23 ? undefined : pick(candidates);
    ous.push({ Id: ouId(i), Name: `OU ${i}`, ParentId: parent?.Id ?? rootId, depth: (parent?.depth ?? 0) + 1 });
  }
  const accountIds: string[] = [];
  const accounts = [{ Id: MANAGEMENT, Name: 'management', Email: 'management@bench.example', State: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: rootId }];
  for (let i = 1; i < ACCOUNTS; i += 1) {
    const id = String(100000000000 + i);
    accountIds.push(id);
    const parent = i <= BIG_OU_ACCOUNTS ? ouId(2) : pick(ous).Id;
    accounts.push({ Id: id, Name: `account-${i}`, Email: `account-${i}@bench.example`, State: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: parent });
  }
  const everyTarget = [rootId, ...ous.map((ou) => ou.Id), MANAGEMENT, ...accountIds];
  const scpCount = new Map<string, number>();
  const policies: Record<string, unknown>[] = [{
    PolicySummary: { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true },
    Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    Targets: everyTarget.map((TargetId) => ({ TargetId })),
  }];
  const services = ['s3', 'ec2', 'iam', 'kms', 'rds', 'lambda', 'dynamodb', 'sqs', 'sns', 'cloudtrail'];
  for (let i = 1; i < POLICIES; i += 1) {
    const isTag = i < TAG_POLICIES;
    const targets = new Set<string>();
    const wanted = 1 + Math.floor(rand() * 3);
    while (targets.size < wanted) {
      const target = pick(everyTarget);
      // At most 10 SCPs per target (MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED), FullAWSAccess included.
      if (!isTag && (scpCount.get(target) ?? 1) >= 10) continue;
      targets.add(target);
      if (!isTag) scpCount.set(target, (scpCount.get(target) ?? 1) + 1);
    }
    const content = isTag
      ? JSON.stringify({ tags: { [`costcenter${i}`]: { tag_key: { '@@assign': `CostCenter${i}` }, tag_value: { '@@assign': ['100', '200'] } } } })
      : JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Sid: `Deny${i}`, Effect: 'Deny', Action: [`${pick(services)}:Delete*`, `${pick(services)}:Put*Policy`], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }],
        });
    policies.push({
      PolicySummary: { Id: `p-bench${String(i).padStart(5, '0')}`, Name: `${isTag ? 'tag' : 'scp'}-${i}`, Description: '', Type: isTag ? 'TAG_POLICY' : 'SERVICE_CONTROL_POLICY', AwsManaged: false },
      Content: content,
      Targets: [...targets].map((TargetId) => ({ TargetId })),
    });
  }
  // One role per account, trusted by the management account, with AdministratorAccess.
  const adminArn = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const authorizationDetails: Record<string, unknown> = {};
  for (const id of [MANAGEMENT, ...accountIds]) {
    authorizationDetails[id] = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [{
        Path: '/', RoleName: 'OrganizationAccountAccessRole', Arn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }] },
        RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: adminArn }], Tags: [],
      }],
      Policies: [{
        PolicyName: 'AdministratorAccess', Arn: adminArn, Path: '/', DefaultVersionId: 'v1',
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      }],
    };
  }
  return {
    bundle: {
      Organization: { Id: 'o-benchmark01', FeatureSet: 'ALL', MasterAccountId: MANAGEMENT },
      Roots: [{ Id: rootId, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }, { Type: 'TAG_POLICY', Status: 'ENABLED' }] }],
      OrganizationalUnits: ous.map(({ depth: _depth, ...ou }) => ou),
      Accounts: accounts,
      Policies: policies,
      AuthorizationDetails: authorizationDetails,
    },
    bigOuId: ouId(2),
    parkingIds: [ouId(0), ouId(1)],
    probeAccount: accountIds[0],
  };
}

