// Principals the design names but does not describe. A trust policy that names account 444455556666 trusts "any
// principal of that account that its own IAM policies allow" (reference_policies_elements_principal.html); a partner's
// role ARN names one principal we cannot see; "*" names anyone. To let the engine's evaluate() decide those edges like
// any other, each becomes a stand-in principal in a world that extends the design's: a role whose identity policy
// allows the STS calls (its own account decides what it really may do, and that account is outside our view), in an
// account outside the organization, so no SCP of ours applies to it, exactly as AWS treats an outside caller.

import type { AccountIam, IamRole, IamUser, World } from '../types';
import { accountOfPrincipal, trustTargetsOf } from './trust-targets';

/** Path of the stand-in roles that represent a whole outside account. */
export const STAND_IN_PATH = '/lzsim-external/';
/** Account id of the stand-in for "anyone": no real account has it (AWS account ids never start with 0000 0000 0000). */
export const ANYONE_ACCOUNT = '000000000000';

/** What a stand-in represents. */
export interface StandIn {
  /** external-account: any principal of the account; external-principal: one named role or user; anyone: "*". */
  kind: 'external-account' | 'external-principal' | 'anyone';
  /** The account it belongs to. */
  accountId: string;
}

const STS_CALLS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'OutsideAccountDecides', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Resource: '*' }],
});
const NOBODY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }] });

/** The ARN of the stand-in for "any principal of account X". */
export function accountStandInArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role${STAND_IN_PATH}AnyPrincipal`;
}

/** The world with stand-ins for every outside principal its trust policies name, and the stand-ins by ARN. */
export function withExternalStandIns(world: World): { world: World; standIns: Map<string, StandIn> } {
  const standIns = new Map<string, StandIn>();
  const described = (accountId: string) => world.iam[accountId] !== undefined;
  const added: Record<string, AccountIam> = {};
  const iamOf = (accountId: string): AccountIam => (added[accountId] ??= { users: [], groups: [], roles: [], managedPolicies: [] });
  const addAccount = (accountId: string, kind: StandIn['kind']) => {
    const arn = accountStandInArn(accountId);
    if (standIns.has(arn)) return;
    standIns.set(arn, { kind, accountId });
    iamOf(accountId).roles.push(standInRole(arn, 'AnyPrincipal', STAND_IN_PATH));
  };
  const addPrincipal = (arn: string, accountId: string) => {
    if (standIns.has(arn)) return;
    const resource = arn.split(':').slice(5).join(':');
    const slash = resource.indexOf('/');
    const type = resource.slice(0, slash);
    const rest = resource.slice(slash + 1);
    const name = rest.slice(rest.lastIndexOf('/') + 1);
    const path = `/${rest.slice(0, rest.length - name.length)}`;
    if (type === 'user') {
      standIns.set(arn, { kind: 'external-principal', accountId });
      iamOf(accountId).users.push(standInUser(arn, name, path));
    } else if (type === 'role') {
      standIns.set(arn, { kind: 'external-principal', accountId });
      iamOf(accountId).roles.push(standInRole(arn, name, path));
    } else if (type === 'assumed-role') {
      // A session ARN names its role (without the path): stand in for the role.
      const roleName = rest.split('/')[0];
      const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
      if (!standIns.has(roleArn)) {
        standIns.set(roleArn, { kind: 'external-principal', accountId });
        iamOf(accountId).roles.push(standInRole(roleArn, roleName, '/'));
      }
    }
  };

  let anyone = false;
  // Indexed loops: 100,000 roles in one pass that runs once per build (a for-of left an iterator result per role).
  for (const accountIam of Object.values(world.iam)) {
    for (let i = 0; i < accountIam.roles.length; i++) {
      const role = accountIam.roles[i];
      const targets = trustTargetsOf(role);
      for (let a = 0; a < targets.accounts.length; a++) if (!described(targets.accounts[a])) addAccount(targets.accounts[a], 'external-account');
      for (let a = 0; a < targets.arns.length; a++) {
        const accountId = accountOfPrincipal(targets.arns[a]);
        if (accountId && !described(accountId)) addPrincipal(targets.arns[a], accountId);
      }
      if (targets.wildcard) {
        if (targets.wildcardAccounts) {
          for (const accountId of targets.wildcardAccounts) if (!described(accountId)) addAccount(accountId, 'external-account');
        } else {
          anyone = true;
        }
      }
    }
  }
  if (anyone && !described(ANYONE_ACCOUNT)) {
    const arn = accountStandInArn(ANYONE_ACCOUNT);
    standIns.set(arn, { kind: 'anyone', accountId: ANYONE_ACCOUNT });
    iamOf(ANYONE_ACCOUNT).roles.push(standInRole(arn, 'AnyPrincipal', STAND_IN_PATH));
  }
  if (standIns.size === 0) return { world, standIns };

  const known = new Set(world.accounts.map((account) => account.id));
  return {
    world: {
      ...world,
      accounts: [...world.accounts, ...Object.keys(added).filter((id) => !known.has(id)).map((id) => ({ id }))],
      iam: { ...world.iam, ...added },
    },
    standIns,
  };
}

function standInRole(arn: string, name: string, path: string): IamRole {
  return {
    arn, name, path, trustPolicy: NOBODY, attachedPolicyArns: [], tags: [],
    inlinePolicies: [{ name: 'lzsim-outside-account-decides', document: STS_CALLS }],
  };
}

function standInUser(arn: string, name: string, path: string): IamUser {
  return {
    arn, name, path, groups: [], attachedPolicyArns: [], tags: [],
    inlinePolicies: [{ name: 'lzsim-outside-account-decides', document: STS_CALLS }],
  };
}

/**
 * The stand-ins of `world` from those of the previous world, when only the IAM of `changedAccounts` differs and those
 * accounts name the same outside principals before and after (the usual trust-policy edit); undefined otherwise (then
 * call withExternalStandIns). Spares reading every trust policy of the organization after one edit.
 */
export function refreshExternalStandIns(
  previous: { world: World; extended: World; standIns: ReadonlyMap<string, StandIn> }, world: World, changedAccounts: ReadonlySet<string>,
): { world: World; standIns: Map<string, StandIn> } | undefined {
  if (world.accounts !== previous.world.accounts) return undefined;
  for (const accountId of changedAccounts) if ((previous.world.iam[accountId] === undefined) !== (world.iam[accountId] === undefined)) return undefined;
  const before = outsideNames(previous.world, changedAccounts);
  const after = outsideNames(world, changedAccounts);
  if (before.size !== after.size || [...after].some((name) => !before.has(name))) return undefined;
  const standIns = new Map(previous.standIns);
  if (standIns.size === 0) return { world, standIns };
  const added: Record<string, AccountIam> = {};
  for (const { accountId } of standIns.values()) added[accountId] = previous.extended.iam[accountId];
  return { world: { ...world, accounts: previous.extended.accounts, iam: { ...world.iam, ...added } }, standIns };
}

/** The outside accounts and principals (and "*") the trust policies of some accounts name. */
function outsideNames(world: World, accountIds: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  const described = (accountId: string) => world.iam[accountId] !== undefined;
  for (const accountId of accountIds) {
    for (const role of world.iam[accountId]?.roles ?? []) {
      const targets = trustTargetsOf(role);
      for (const account of [...targets.accounts, ...(targets.wildcardAccounts ?? [])]) if (!described(account)) names.add(`account:${account}`);
      for (const arn of targets.arns) {
        const account = accountOfPrincipal(arn);
        if (account && !described(account)) names.add(`principal:${arn}`);
      }
      if (targets.wildcard && !targets.wildcardAccounts) names.add('*');
    }
  }
  return names;
}
