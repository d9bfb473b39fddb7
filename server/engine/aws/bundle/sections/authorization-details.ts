// AuthorizationDetails ({"<account id>": get-account-authorization-details output}): each account's managed
// policies and principals, then what links them across accounts (AWS-managed policies exist once; an attachment
// must name a policy some account lists; a group membership must name a group of the account).
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import type { InterchangeManagedPolicy } from '../model';
import { readIamPrincipals } from './iam-principals';
import { readManagedPolicies, resolveAwsManagedPolicies, type AwsManagedCopy } from './managed-policies';

/** IAM of every account. */
export const authorizationDetailsSection: BundleSection = {
  keys: ['AuthorizationDetails'],
  read(context) {
    const { top, read, problems, warnings, design } = context;
    if (top.AuthorizationDetails === undefined || top.AuthorizationDetails === null) return;
    const customer = new Map<string, InterchangeManagedPolicy>();
    const awsCopies = new Map<string, AwsManagedCopy[]>();
    const byAccount = read.object(top.AuthorizationDetails, '$.AuthorizationDetails') ?? {};
    for (const [accountId, value] of Object.entries(byAccount)) {
      const path = `$.AuthorizationDetails["${accountId}"]`;
      if (!ACCOUNT_ID.test(accountId)) {
        problems.add(path, `"${accountId}" is not a 12-digit account id`);
        continue;
      }
      const details = read.object(value, path);
      if (!details) continue;
      context.addExternalAccount(accountId);
      // Managed policies first: attachments and boundaries refer to them.
      readManagedPolicies(context, details, path, accountId, customer, awsCopies);
      design.iam[accountId] = readIamPrincipals(context, details, path, accountId);
    }
    design.managedPolicies = [...customer.values(), ...resolveAwsManagedPolicies(awsCopies, warnings)];

    // Attached policies and boundaries must name a managed policy the design holds; groups a group of the account.
    const known = new Set(design.managedPolicies.map((p) => p.arn));
    for (const [accountId, iam] of Object.entries(design.iam)) {
      const groupNames = new Set(iam.groups.map((g) => g.name));
      const keepKnown = (owner: string, arns: string[]) => arns.filter((arn) => {
        if (known.has(arn)) return true;
        warnings.push(`${owner}: attached policy ${arn} is in no account's Policies list; the attachment is not kept`);
        return false;
      });
      for (const user of iam.users) {
        const owner = `arn:aws:iam::${accountId}:user${user.path}${user.name}`;
        user.attachedPolicyArns = keepKnown(owner, user.attachedPolicyArns);
        user.groups = user.groups.filter((group) => {
          if (groupNames.has(group)) return true;
          warnings.push(`${owner}: group "${group}" is not in the account's GroupDetailList; the membership is not kept`);
          return false;
        });
      }
      for (const group of iam.groups) group.attachedPolicyArns = keepKnown(`arn:aws:iam::${accountId}:group${group.path}${group.name}`, group.attachedPolicyArns);
      for (const role of iam.roles) role.attachedPolicyArns = keepKnown(`arn:aws:iam::${accountId}:role${role.path}${role.name}`, role.attachedPolicyArns);
    }
  },
};
