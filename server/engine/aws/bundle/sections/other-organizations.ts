// OtherOrganizations: the organization each account outside this one belongs to, when it is in one (a partner's, or
// another organization of the same company). { "<account id>": <organization> }, where <organization> is what
// `aws organizations describe-organization` prints when run in that account ({"Organization": {"Id": "o-…", …}}), or
// the bare id. AWS sets aws:PrincipalOrgID for that account's principals (and aws:ResourceOrgID for its resources) to
// that id (IAM User Guide, reference_policies_condition-keys.html#condition-keys-principalorgid), so a policy granting
// the partner's organization lets them in. Read after the sections that add outside accounts.
import type { BundleSection } from '../context';
import { ACCOUNT_ID, ORG_ID } from '../identifiers';

/** The bundle key of the other organizations of outside accounts. */
export const OTHER_ORGANIZATIONS_KEY = 'OtherOrganizations';

/** The other organizations of the accounts outside this one. */
export const otherOrganizationsSection: BundleSection = {
  keys: [OTHER_ORGANIZATIONS_KEY],
  read({ top, read, problems, design, warnings }) {
    const value = top[OTHER_ORGANIZATIONS_KEY];
    if (value === undefined || value === null) return;
    const entries = read.object(value, `$.${OTHER_ORGANIZATIONS_KEY}`);
    if (!entries) return;
    for (const [accountKey, entry] of Object.entries(entries)) {
      const path = `$.${OTHER_ORGANIZATIONS_KEY}["${accountKey}"]`;
      const accountId = read.id(accountKey, path, ACCOUNT_ID, '12-digit account id');
      const described = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? read.object((entry as Record<string, unknown>).Organization, `${path}.Organization`) : undefined;
      const organizationId = read.id(described ? described.Id : entry, described ? `${path}.Organization.Id` : path, ORG_ID, 'organization id (o-…)');
      if (!accountId || !organizationId) continue;
      const account = design.accounts.find((candidate) => candidate.accountId === accountId);
      if (!account) {
        warnings.push(`${path}: account ${accountId} is not in the design (no IAM data, resource or membership names it); ignored`);
      } else if (account.parentId !== null) {
        problems.add(path, `account ${accountId} is a member of this organization: it cannot be in organization ${organizationId} too`, 'InvalidInputException');
      } else if (organizationId === design.organization?.awsId) {
        problems.add(path, `${organizationId} is this organization's id, and account ${accountId} is not in its tree: an account belongs to the organization only through its place in the tree`, 'InvalidInputException');
      } else {
        account.otherOrganizationId = organizationId;
      }
    }
  },
};
