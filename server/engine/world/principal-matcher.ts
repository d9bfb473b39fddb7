// Principal and NotPrincipal matching for resource-based, trust and key policies and RCPs.
// Source: IAM User Guide, reference_policies_elements_principal.html and reference_policies_elements_notprincipal.html.
// The engine's callers are IAM principals (users, role sessions, root users) and AWS service principals: a Service
// principal matches only the service that calls; Federated and CanonicalUser principals never match a caller.

import type { PrincipalBlock } from '../types';
import type { GrantKind, PrincipalIdentity, PrincipalMatcher } from './compiled-types';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const ACCOUNT_ID = /^\d{12}$/;

interface AwsPrincipalSets {
  wildcard: boolean;
  accounts: Set<string>;
  arns: Set<string>;
  services: Set<string>;
}

function collectAwsPrincipals(block: PrincipalBlock): AwsPrincipalSets {
  const sets: AwsPrincipalSets = { wildcard: false, accounts: new Set(), arns: new Set(), services: new Set(block === '*' ? [] : block.Service ?? []) };
  if (block === '*') {
    sets.wildcard = true;
    return sets;
  }
  for (const value of block.AWS ?? []) {
    if (value === '*') sets.wildcard = true;
    else if (ACCOUNT_ID.test(value)) sets.accounts.add(value);
    else {
      const root = ACCOUNT_ROOT.exec(value);
      if (root) sets.accounts.add(root[1]);
      else sets.arns.add(value);
    }
  }
  return sets;
}

/** Compile a Principal element: which callers it names, and how (see GrantKind). */
export function compilePrincipal(block: PrincipalBlock): PrincipalMatcher {
  const { wildcard, accounts, arns, services } = collectAwsPrincipals(block);
  if (wildcard) return () => 'direct';
  if (accounts.size === 0 && arns.size === 0) return services.size === 0 ? () => undefined : (identity) => (identity.servicePrincipal !== undefined && services.has(identity.servicePrincipal) ? 'direct' : undefined);
  return (identity: PrincipalIdentity): GrantKind | undefined => {
    if (identity.servicePrincipal !== undefined) return services.has(identity.servicePrincipal) ? 'direct' : undefined;
    if (identity.userArn !== undefined && arns.has(identity.userArn)) return 'direct';
    if (identity.sessionArn !== undefined && arns.has(identity.sessionArn)) return 'direct';
    if (identity.roleArn !== undefined && arns.has(identity.roleArn)) return 'role';
    // IAM keeps principals as unique ids: a policy naming a deleted-and-recreated principal shows the old id
    // (AIDA.../AROA...), which never matches the new principal. A current id names the user or the role.
    if (identity.uniqueId !== undefined && arns.has(identity.uniqueId)) return identity.userArn !== undefined ? 'direct' : 'role';
    if (accounts.has(identity.accountId)) return 'account';
    return undefined;
  };
}

/**
 * Compile a NotPrincipal element. The statement applies unless every identity the caller presents is listed:
 * AWS's NotPrincipal page says that to exclude a role session you must list the session ARN, the role ARN and
 * the account, and to exclude a user the user ARN and the account; listing fewer leaves the caller covered.
 * A statement that applies through NotPrincipal names nobody in particular, so it counts as a "direct" grant, like "*".
 * The same page warns that a Deny with NotPrincipal "will always deny any IAM principal that has a permissions
 * boundary policy attached, regardless of the values specified in the NotPrincipal element": such callers are
 * never exempted. (NotPrincipal with Allow is not supported; the parser rejects it.)
 */
export function compileNotPrincipal(block: PrincipalBlock): PrincipalMatcher {
  const { wildcard, accounts, arns, services } = collectAwsPrincipals(block);
  if (wildcard) return (identity) => (identity.hasPermissionsBoundary ? 'direct' : undefined);
  return (identity: PrincipalIdentity): GrantKind | undefined => {
    // A service is exempt only when the element lists it.
    if (identity.servicePrincipal !== undefined) return services.has(identity.servicePrincipal) ? undefined : 'direct';
    if (identity.hasPermissionsBoundary) return 'direct';
    if (!accounts.has(identity.accountId)) return 'direct';
    if (identity.userArn !== undefined && !arns.has(identity.userArn)) return 'direct';
    if (identity.roleArn !== undefined && !arns.has(identity.roleArn)) return 'direct';
    if (identity.sessionArn !== undefined && !arns.has(identity.sessionArn)) return 'direct';
    return undefined;
  };
}
