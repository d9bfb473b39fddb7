// AuthorizationDetails ({"<account id>": get-account-authorization-details output}): each account's managed
// policies and principals, then what links them across accounts (AWS-managed policies exist once; an attachment
// must name a policy some account lists; a group membership must name a group of the account).
import type { BundleReadContext, BundleSection } from '../context';
import type { Json } from '../shape-reader';
import { ACCOUNT_ID } from '../identifiers';
import type { InterchangeManagedPolicy } from '../model';
import { readIamPrincipals, type PrincipalReference } from './iam-principals';
import { readManagedPolicies, resolveAwsManagedPolicies, type AwsManagedCopy } from './managed-policies';
import { DETAIL_LISTS, splitByArnAccount } from './split-by-account';

/** What reading the account files gathers before the links between them are checked. */
interface DetailsState {
  customer: Map<string, InterchangeManagedPolicy>;
  awsCopies: Map<string, AwsManagedCopy[]>;
  references: PrincipalReference[];
  /** Which file gave each account's entries. */
  givenBy: Map<string, string>;
  /** The accounts the input gives a file of their own. */
  ownFiles: ReadonlySet<string>;
}

/** Reads one get-account-authorization-details output at `path`, given for `fileAccount` (undefined: a bare file). */
function readAccountFile(context: BundleReadContext, details: Json, path: string, fileAccount: string | undefined, state: DetailsState): void {
  const views = splitByArnAccount(details, path, fileAccount, state.ownFiles);
  if (views.length === 0) context.problems.add(path, 'names no account: no user, group, role or customer-managed policy has an ARN with an account id');
  if (views.length > 1) {
    const spread = views.map((view) => `${view.accountId}: ${describeEntries(view.details)}`).join('; ');
    context.warnings.push(`${path}: the file holds ${views.length} accounts, each entry placed in the account its ARN names (${spread}); AWS-managed policies are shared`);
  }
  for (const view of views) {
    const earlier = state.givenBy.get(view.accountId);
    if (earlier !== undefined) {
      context.problems.add(path, `holds entries of account ${view.accountId}, which ${earlier} gives too; give each account's entries in one file`);
      continue;
    }
    state.givenBy.set(view.accountId, path);
    context.addExternalAccount(view.accountId);
    // Managed policies first: attachments and boundaries refer to them.
    readManagedPolicies(context, view.details, path, view.accountId, state.customer, state.awsCopies, view.locate);
    context.design.iam[view.accountId] = readIamPrincipals(context, view.details, path, view.accountId, view.locate, state.references);
  }
}

/** True when the whole input is one bare get-account-authorization-details output (as cloudsplaining's example). */
export function isBareAuthorizationDetails(top: Json): boolean {
  const keys = Object.keys(top);
  return keys.some((key) => key === 'UserDetailList' || key === 'GroupDetailList' || key === 'RoleDetailList')
    && keys.every((key) => (DETAIL_LISTS as readonly string[]).includes(key) || key === 'IsTruncated' || key === 'Marker');
}

/** IAM of every account. */
export const authorizationDetailsSection: BundleSection = {
  keys: ['AuthorizationDetails'],
  read(context) {
    const { top, read, problems, design, warnings } = context;
    const bare = isBareAuthorizationDetails(top);
    if (!bare && (top.AuthorizationDetails === undefined || top.AuthorizationDetails === null)) return;
    const byAccount = bare ? {} : (read.object(top.AuthorizationDetails, '$.AuthorizationDetails') ?? {});
    const ownFiles = new Set(Object.keys(byAccount).filter((accountId) => ACCOUNT_ID.test(accountId)));
    const state: DetailsState = { customer: new Map(), awsCopies: new Map(), references: [], givenBy: new Map(), ownFiles };
    if (bare) readAccountFile(context, top, '$', undefined, state);
    else {
      for (const [accountId, value] of Object.entries(byAccount)) {
        const path = `$.AuthorizationDetails["${accountId}"]`;
        if (!ACCOUNT_ID.test(accountId)) {
          problems.add(path, `"${accountId}" is not a 12-digit account id`);
          continue;
        }
        const details = read.object(value, path);
        if (details) readAccountFile(context, details, path, accountId, state);
      }
    }
    const { customer, awsCopies, references } = state;
    design.managedPolicies = [...customer.values(), ...resolveAwsManagedPolicies(awsCopies, warnings)];

    refuseCrossAccountReferences(context, references);
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

/** What one account's part of a file holds, e.g. "41 users, 3 groups, 75 roles, 2 customer-managed policies". */
function describeEntries(details: Json): string {
  const count = (list: string, keep: (entry: unknown) => boolean = () => true) => (Array.isArray(details[list]) ? (details[list] as unknown[]).filter(keep).length : 0);
  const customerManaged = (entry: unknown) => !(typeof entry === 'object' && entry !== null && typeof (entry as Json).Arn === 'string' && ((entry as Json).Arn as string).startsWith('arn:aws:iam::aws:'));
  return `${count('UserDetailList')} users, ${count('GroupDetailList')} groups, ${count('RoleDetailList')} roles, ${count('Policies', customerManaged)} customer-managed policies`;
}

/**
 * A principal can be attached only to managed policies of its own account or AWS's, and belong only to groups of
 * its own account (AttachUserPolicy, AddUserToGroup: NoSuchEntity otherwise). A reference that the design resolves
 * in another account is refused; one it cannot resolve at all is left to the warnings below, as before.
 */
function refuseCrossAccountReferences(context: BundleReadContext, references: readonly PrincipalReference[]): void {
  const { design, problems } = context;
  const policyOwner = new Map(design.managedPolicies.flatMap((p) => (p.accountId === null ? [] : [[p.arn, p.accountId] as const])));
  for (const reference of references) {
    if (reference.kind === 'policy') {
      const owner = policyOwner.get(reference.target);
      if (owner !== undefined && owner !== reference.accountId) {
        problems.add(reference.path, `${reference.target} is a policy of account ${owner}; a principal of account ${reference.accountId} can only be attached to its own account's or AWS-managed policies`, 'NoSuchEntity');
      }
      continue;
    }
    if (design.iam[reference.accountId]?.groups.some((g) => g.name === reference.target)) continue;
    const owners = Object.entries(design.iam).filter(([, iam]) => iam.groups.some((g) => g.name === reference.target)).map(([accountId]) => accountId);
    if (owners.length > 0) {
      problems.add(reference.path, `group "${reference.target}" is a group of account ${owners.join(', ')}; a user of account ${reference.accountId} can only belong to its own account's groups`, 'NoSuchEntity');
    }
  }
}
