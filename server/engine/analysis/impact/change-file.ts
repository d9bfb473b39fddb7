// A change file of any kind of call, as `lzsim impact --change` reads it: Organizations calls as before, and IAM,
// Control Tower and RAM calls in their own APIs' request shapes. Each entry is one object naming one operation;
// an IAM call (and RAM's CreateResourceShare, for the owning account) also names the account it runs in with an
// "AccountId" key beside the operation (those requests carry no account: the caller's credentials choose it), e.g.
//   {"AttachRolePolicy": {"RoleName": "Deploy", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}, "AccountId": "111122223333"}
//   {"EnableControl": {"controlIdentifier": "arn:aws:controltower:...", "targetIdentifier": "arn:aws:organizations::...:ou/o-.../ou-..."}}
//   {"AssociateResourceShare": {"resourceShareArn": "arn:aws:ram:...", "principals": ["ou-..."]}}
//   {"CreateResourceShare": {"name": "subnets", "region": "eu-west-1", "resourceArns": ["arn:aws:ec2:..."], "principals": ["111122223333"]}, "AccountId": "444455556666"}
// Operation names and keys follow each API reference (IAM APIReference, controltower/latest/APIReference,
// ram/latest/APIReference); Control Tower's and RAM's request keys are camelCase as AWS spells them.

import type { ChangeApi, ChangeCall } from './design-change';
import { ORGANIZATIONS_CALLS, type CallsResult } from './organizations-calls';

/** Control Tower operations a change file may hold. */
export const CONTROL_TOWER_CALLS = ['EnableControl', 'DisableControl'] as const;

/** RAM operations a change file may hold. */
export const RAM_CALLS = ['CreateResourceShare', 'AssociateResourceShare', 'DisassociateResourceShare'] as const;

/** IAM operations a change file may hold (those the migration plan applies: apply-plan-call.ts). */
export const IAM_CALL_PATTERN = /^(?:(?:Create|Delete|Update|Put|Attach|Detach|Tag|Untag)(?:Role|User|Group)(?:Policy|PermissionsBoundary)?|UpdateAssumeRolePolicy|AddUserToGroup|RemoveUserFromGroup|CreatePolicy|CreatePolicyVersion|DeletePolicyVersion|DeletePolicy)$/;

/** The Organizations operations the design path also applies (beyond ORGANIZATIONS_CALLS: apply-plan-call.ts). */
const MORE_ORGANIZATIONS_CALLS = [
  'EnablePolicyType', 'DisablePolicyType', 'CreateAccount', 'RemoveAccountFromOrganization', 'PutAccountName', 'TagResource', 'UntagResource',
  'EnableAWSServiceAccess', 'DisableAWSServiceAccess', 'RegisterDelegatedAdministrator', 'DeregisterDelegatedAdministrator',
];

const fail = (path: string, message: string): CallsResult<never> => ({ ok: false, error: { path, message } });

/** The API an operation belongs to; CreatePolicy and DeletePolicy are IAM's when the entry names an AccountId. */
function apiOf(operation: string, hasAccount: boolean): ChangeApi | null {
  if ((CONTROL_TOWER_CALLS as readonly string[]).includes(operation)) return 'controltower';
  if ((RAM_CALLS as readonly string[]).includes(operation)) return 'ram';
  const organizations = (ORGANIZATIONS_CALLS as readonly string[]).includes(operation) || MORE_ORGANIZATIONS_CALLS.includes(operation);
  if (IAM_CALL_PATTERN.test(operation) && (hasAccount || !organizations)) return 'iam';
  return organizations ? 'organizations' : null;
}

/**
 * Reads a change file of any kind of call (an array of entries, or one entry alone). Every path it names is the
 * file's JSONPath ("$[2].AttachRolePolicy"); IAM calls without their account, unknown operations and entries with
 * more than one operation are refused.
 */
export function readChangeCalls(json: unknown): CallsResult<ChangeCall[]> {
  const entries = Array.isArray(json) ? json : [json];
  const calls: ChangeCall[] = [];
  for (let i = 0; i < entries.length; i++) {
    const path = Array.isArray(json) ? `$[${i}]` : '$';
    const entry = entries[i] as unknown;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(path, 'expected an object naming one operation, e.g. {"AttachPolicy": {"PolicyId": "p-...", "TargetId": "ou-..."}}');
    }
    const record = entry as Record<string, unknown>;
    const accountId = record.AccountId;
    if (accountId !== undefined && (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))) return fail(`${path}.AccountId`, 'AccountId must be a 12-digit account id');
    const keys = Object.keys(record).filter((key) => key !== 'AccountId');
    if (keys.length !== 1) return fail(path, `expected exactly one operation per object, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
    const operation = keys[0];
    const api = apiOf(operation, accountId !== undefined);
    if (!api) {
      return fail(`${path}.${operation}`, `unknown operation "${operation}"; supported: Organizations ${[...ORGANIZATIONS_CALLS, ...MORE_ORGANIZATIONS_CALLS].join(', ')}; IAM calls such as AttachRolePolicy, PutRolePolicy, CreatePolicyVersion; Control Tower ${CONTROL_TOWER_CALLS.join(', ')}; RAM ${RAM_CALLS.join(', ')}`);
    }
    // CreateResourceShare runs in the account that will own the share, which its request does not name either.
    const runsInAccount = api === 'iam' || operation === 'CreateResourceShare';
    if (runsInAccount && accountId === undefined) return fail(path, `${api === 'iam' ? 'the IAM call ' : ''}${operation} names the account it runs in: add "AccountId": "111122223333" beside it`);
    if (!runsInAccount && accountId !== undefined) return fail(`${path}.AccountId`, `${operation} is not an IAM call: AccountId belongs only beside IAM calls and CreateResourceShare`);
    const input = record[operation];
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(`${path}.${operation}`, 'expected the request object of the operation');
    calls.push({ api, operation, ...(typeof accountId === 'string' ? { accountId } : {}), input: input as Record<string, unknown>, path: `${path}.${operation}` });
  }
  return { ok: true, value: calls };
}

/** True when every call is one the World-level Organizations path applies (ORGANIZATIONS_CALLS). */
export function onlyOrganizationsCalls(calls: readonly ChangeCall[]): boolean {
  return calls.every((call) => call.api === 'organizations' && (ORGANIZATIONS_CALLS as readonly string[]).includes(call.operation));
}
