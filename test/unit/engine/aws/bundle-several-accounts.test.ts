// One get-account-authorization-details file holding the entries of several accounts (as cloudsplaining's example
// data does): each user, group, role and customer-managed policy is read into the account its ARN names
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns), AWS-managed
// policies are shared, and a principal naming another account's group or policy is refused as IAM refuses it
// (AddUserToGroup, AttachUserPolicy: NoSuchEntity). Fixture: test/fixtures/authorization-details/two-accounts.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAwsBundle } from '@/server/engine';

const A = '200000000001';
const B = '012345678901';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;
const load = (name: string): LooseJson => JSON.parse(readFileSync(new URL(`../../../fixtures/authorization-details/${name}`, import.meta.url), 'utf8')) as LooseJson;
const twoAccounts = () => load('two-accounts.json');

function read(bundle: unknown) {
  const result = readAwsBundle(bundle);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

function problemsOf(bundle: unknown) {
  const result = readAwsBundle(bundle);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('a file holding entries of two accounts', () => {
  it('places every entry in the account its ARN names, shares AWS-managed policies and says so in one warning', () => {
    const { design, warnings } = read(twoAccounts());
    expect(design.accounts.map((a) => a.accountId).sort()).toEqual([B, A]);
    expect(design.iam[A].users.map((u) => u.userId)).toEqual(['AIDA0OPERATOR000001']);
    expect(design.iam[B].users.map((u) => u.userId)).toEqual(['AIDA0OPERATOR000002']);
    expect(design.iam[A].groups.map((g) => g.name)).toEqual(['operators']);
    expect(design.iam[B].groups.map((g) => g.name)).toEqual(['readers']);
    expect(design.iam[A].roles.map((r) => r.name)).toEqual(['deployer']);
    expect(design.iam[B].roles.map((r) => r.name)).toEqual(['auditor']);
    expect(design.iam[B].users[0].groups).toEqual(['readers']);
    const policies = Object.fromEntries(design.managedPolicies.map((p) => [p.name, [p.scope, p.accountId]]));
    expect(policies).toEqual({ OperateQueues: ['LOCAL', A], ReadBilling: ['LOCAL', B], AWSDenyAll: ['AWS', null] });
    expect(warnings).toEqual([
      `$: the file holds 2 accounts, each entry placed in the account its ARN names (${B}: 1 users, 1 groups, 1 roles, 1 customer-managed policies; ${A}: 1 users, 1 groups, 1 roles, 1 customer-managed policies); AWS-managed policies are shared`,
    ]);
  });

  it('reads the same design from the bare file, from AuthorizationDetails under either account, whatever the order', () => {
    const bare = read(twoAccounts()).design;
    const reversed = twoAccounts();
    for (const list of ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']) reversed[list].reverse();
    expect(read(reversed).design).toEqual(bare);
    for (const account of [A, B]) {
      const wrapped = read({ AuthorizationDetails: { [account]: twoAccounts() } });
      expect(wrapped.design).toEqual(bare);
      expect(wrapped.warnings).toEqual([expect.stringMatching(new RegExp(`^\\$\\.AuthorizationDetails\\["${account}"\\]: the file holds 2 accounts`))]);
    }
  });

  it('keeps a single-account file as before: no accounts warning, and a file given for an account none of its entries name is refused entry by entry', () => {
    const audit = read({ AuthorizationDetails: { [B]: load('audit-account.json') } });
    expect(audit.warnings.filter((w) => w.includes('the file holds'))).toEqual([]);
    expect(audit.warnings).toHaveLength(4); // its AWS-managed attachments, unlisted in the fixture, as before
    expect(Object.keys(audit.design.iam)).toEqual([B]);
    const mislabelled = problemsOf({ AuthorizationDetails: { '999999999999': load('audit-account.json') } });
    expect(mislabelled.length).toBeGreaterThan(1);
    expect(mislabelled[0].message).toContain('999999999999');
  });

  it('refuses a user in another account\'s group, naming the JSON path', () => {
    const input = twoAccounts();
    input.UserDetailList[1].GroupList = ['readers', 'operators'];
    expect(problemsOf(input)).toEqual([expect.objectContaining({
      path: '$.UserDetailList[1].GroupList[1]',
      awsCode: 'NoSuchEntity',
      message: `group "operators" is a group of account ${A}; a user of account ${B} can only belong to its own account's groups`,
    })]);
  });

  it('refuses an attachment of another account\'s customer-managed policy, naming the JSON path', () => {
    const input = twoAccounts();
    input.RoleDetailList[1].AttachedManagedPolicies.push({ PolicyName: 'OperateQueues', PolicyArn: `arn:aws:iam::${A}:policy/OperateQueues` });
    const wrapped = problemsOf({ AuthorizationDetails: { [A]: input } });
    expect(wrapped).toEqual([expect.objectContaining({ path: `$.AuthorizationDetails["${A}"].RoleDetailList[1].AttachedManagedPolicies[1].PolicyArn`, awsCode: 'NoSuchEntity' })]);
    expect(wrapped[0].message).toContain(`is a policy of account ${A}; a principal of account ${B}`);
  });

  it('leaves entries naming an account that has its own file to be refused entry by entry, as before', () => {
    const problems = problemsOf({ AuthorizationDetails: { [B]: load('audit-account.json'), [A]: twoAccounts() } });
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([
      `$.AuthorizationDetails["${A}"].UserDetailList[1].Arn`,
      `$.AuthorizationDetails["${A}"].RoleDetailList[1].Arn`,
      `$.AuthorizationDetails["${A}"].Policies[2].Arn`,
    ]));
    expect(problems.find((p) => p.path.endsWith('UserDetailList[1].Arn'))!.message).toBe(`"arn:aws:iam::${B}:user/operator" belongs to account ${B}, not ${A}`);
  });

  it('refuses two files that both give entries of a third account', () => {
    const C = '300000000003';
    const other = JSON.parse(JSON.stringify(twoAccounts()).replaceAll(A, C)) as LooseJson;
    const problems = problemsOf({ AuthorizationDetails: { [A]: twoAccounts(), [C]: other } });
    expect(problems).toEqual([expect.objectContaining({ path: `$.AuthorizationDetails["${C}"]`, message: `holds entries of account ${B}, which $.AuthorizationDetails["${A}"] gives too; give each account's entries in one file` })]);
  });
});
