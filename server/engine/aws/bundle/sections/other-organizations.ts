// OtherOrganizations: the organization each account outside this one belongs to, when it is in one (a partner's, or
// another organization of the same company). { "<account id>": <organization> }, where <organization> is what
// `aws organizations describe-organization` prints when run in that account ({"Organization": {"Id": "o-…", …}}), or
// the bare id. AWS sets aws:PrincipalOrgID for that account's principals (and aws:ResourceOrgID for its resources) to
// that id (IAM User Guide, reference_policies_condition-keys.html#condition-keys-principalorgid), so a policy granting
// the partner's organization lets them in. Read after the sections that add outside accounts.
import type { BundleSection } from '../context';
import { ORG_ID } from '../identifiers';
import { readPerAccount } from './per-account';

/** The bundle key of the other organizations of outside accounts. */
export const OTHER_ORGANIZATIONS_KEY = 'OtherOrganizations';

/** The other organizations of the accounts outside this one. */
export const otherOrganizationsSection: BundleSection = {
  keys: [OTHER_ORGANIZATIONS_KEY],
  read(context) {
    const { read, problems, design } = context;
    readPerAccount(context, OTHER_ORGANIZATIONS_KEY, (entry, path) => {
      const described = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? read.object((entry as Record<string, unknown>).Organization, `${path}.Organization`) : undefined;
      return read.id(described ? described.Id : entry, described ? `${path}.Organization.Id` : path, ORG_ID, 'organization id (o-…)');
    }, (account, organizationId, path) => {
      if (account.parentId !== null) {
        problems.add(path, `account ${account.accountId} is a member of this organization: it cannot be in organization ${organizationId} too`, 'InvalidInputException');
      } else if (organizationId === design.organization?.awsId) {
        problems.add(path, `${organizationId} is this organization's id, and account ${account.accountId} is not in its tree: an account belongs to the organization only through its place in the tree`, 'InvalidInputException');
      } else {
        account.otherOrganizationId = organizationId;
      }
    });
  },
};
