// The Path of a user, group or role in get-account-authorization-details and the ARN beside it
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns: the ARN is
// arn:aws:iam::ACCOUNT:role/PATH/NAME; https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html: a path
// begins and ends with "/"). Policies and trust relationships match the ARN, so a path that disagrees with it would
// give the design a principal AWS does not have. Found on duo-labs/cloudmapper's demo account data, whose role
// bad_role has "Path": "": read as it was, the role's ARN became arn:aws:iam::123456789012:rolebad_role.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAwsBundle } from '@/server/engine';

const ACCOUNT = '012345678901';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;
const audit = (): LooseJson => JSON.parse(readFileSync(new URL('../../../fixtures/authorization-details/audit-account.json', import.meta.url), 'utf8')) as LooseJson;
const bundleOf = (details: LooseJson) => ({ AuthorizationDetails: { [ACCOUNT]: details } });

function problemsOf(details: LooseJson) {
  const result = readAwsBundle(bundleOf(details));
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((problem) => ({ path: problem.path, message: problem.message }));
}

describe('entity paths in get-account-authorization-details', () => {
  it('reads the paths of a real-shaped export unchanged', () => {
    const result = readAwsBundle(bundleOf(audit()));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.design.iam[ACCOUNT].users.map((user) => [user.name, user.path])).toContainEqual(['release-bot', '/deploy/']);
  });

  it('refuses an empty or unterminated path, naming the field', () => {
    const details = audit();
    details.RoleDetailList[0].Path = '';
    details.UserDetailList[1].Path = '/deploy';
    expect(problemsOf(details)).toEqual([
      { path: '$.AuthorizationDetails["012345678901"].UserDetailList[1].Path', message: '"/deploy" is not an IAM path: it must begin and end with "/" (a plain "/" for none)' },
      { path: '$.AuthorizationDetails["012345678901"].RoleDetailList[0].Path', message: '"" is not an IAM path: it must begin and end with "/" (a plain "/" for none)' },
    ]);
  });

  it('refuses a path that disagrees with the ARN', () => {
    const details = audit();
    details.RoleDetailList[1].Path = '/service-role/';
    expect(problemsOf(details)).toEqual([{
      path: '$.AuthorizationDetails["012345678901"].RoleDetailList[1].Arn',
      message: `"arn:aws:iam::${ACCOUNT}:role/inventory-collector" does not match the role's Path "/service-role/" and name "inventory-collector"`,
    }]);
  });

  it('takes the path from the ARN when the entry leaves Path out', () => {
    const details = audit();
    delete details.UserDetailList[1].Path;
    const result = readAwsBundle(bundleOf(details));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.design.iam[ACCOUNT].users.find((user) => user.name === 'release-bot')?.path).toBe('/deploy/');
  });
});
