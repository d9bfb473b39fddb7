// The 601-card organization of the export and UI benchmarks' tests (root, 60 OUs of 9 accounts, 540 accounts with
// the management account under the root): the size at which issue 13 found the whole-tree PNG unreadable.

/** OUs under the root. */
export const OU_COUNT = 60;
/** Accounts per OU (the last OU has fewer: 540 accounts in all). */
export const ACCOUNTS_PER_OU = 9;
/** An AWS-shaped bundle of 1 root + 60 OUs + 540 accounts (the management account under the root). */
export function bundleOf601(): Record<string, unknown> {
  const rootId = 'r-e2ex';
  const ous = Array.from({ length: OU_COUNT }, (_, index) => ({ Id: `ou-e2ex-${String(index).padStart(8, '0')}`, Name: `Business Unit ${index + 1}`, ParentId: rootId }));
  const accounts = [{ Id: '300000000000', Name: 'Management', Email: 'management@e2e.example', State: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: rootId }];
  let serial = 1;
  for (const ou of ous) {
    for (let index = 0; index < ACCOUNTS_PER_OU && accounts.length < 540; index++, serial++) {
      accounts.push({ Id: String(300000000000 + serial), Name: `Playground ${serial}`, Email: `a${serial}@e2e.example`, State: 'ACTIVE', JoinedMethod: 'CREATED', ParentId: ou.Id });
    }
  }
  const targets = [rootId, ...ous.map((ou) => ou.Id), ...accounts.map((account) => account.Id)];
  return {
    Organization: { Id: 'o-e2eexport1', FeatureSet: 'ALL', MasterAccountId: '300000000000' },
    Roots: [{ Id: rootId, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
    OrganizationalUnits: ous,
    Accounts: accounts,
    Policies: [{
      PolicySummary: { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true },
      Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      Targets: targets.map((TargetId) => ({ TargetId })),
    }],
  };
}

