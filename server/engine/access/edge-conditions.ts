// What each condition key on an assume-role edge is for. The keys come from the engine (the keys it found
// undecided, or the keys of the trust statement that matched), never from reading policy text; this table only names
// their purpose for people:
// - sts:ExternalId: the confused-deputy defence for third parties (id_roles_create_for-user_externalid.html,
//   confused-deputy.html);
// - aws:MultiFactorAuthPresent / aws:MultiFactorAuthAge: MFA and its age (reference_policies_condition-keys.html,
//   id_credentials_mfa_configure-api-require.html);
// - aws:PrincipalOrgID / aws:PrincipalOrgPaths: organization membership, which AWS derives (reference_policies_condition-keys.html);
// - sts:SourceIdentity: needs sts:SetSourceIdentity too (id_credentials_temp_control-access_monitor.html);
// - aws:RequestTag/*, aws:TagKeys, sts:TransitiveTagKeys: session tags, need sts:TagSession (id_session-tags.html);
// - aws:SourceAccount / aws:SourceArn / aws:SourceOrgID: the calling service's source (confused-deputy.html).

import type { EdgeConditionKind } from './types';

const KINDS: Readonly<Record<string, EdgeConditionKind>> = {
  'sts:externalid': 'externalId',
  'aws:multifactorauthpresent': 'mfa',
  'aws:multifactorauthage': 'mfaAge',
  'aws:principalorgid': 'organization',
  'aws:principalorgpaths': 'organization',
  'sts:sourceidentity': 'sourceIdentity',
  'aws:sourceidentity': 'sourceIdentity',
  'aws:tagkeys': 'sessionTags',
  'sts:transitivetagkeys': 'sessionTags',
  'aws:sourceaccount': 'source',
  'aws:sourcearn': 'source',
  'aws:sourceorgid': 'source',
  'aws:sourceorgpaths': 'source',
};

/** The purpose of a condition key on an assume-role edge. */
export function edgeConditionKind(key: string): EdgeConditionKind {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:requesttag/')) return 'sessionTags';
  return KINDS[lower] ?? 'other';
}

/** True for keys that pass session tags, which AWS authorizes as sts:TagSession (id_session-tags.html). */
export function isSessionTagKey(key: string): boolean {
  return edgeConditionKind(key) === 'sessionTags';
}

/** True for aws:PrincipalTag/* keys: a role session's tags, which session tags set when it was created can supply. */
export function isPrincipalTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:principaltag/');
}

/** True for keys that set a source identity, which AWS authorizes as sts:SetSourceIdentity. */
export function isSourceIdentityKey(key: string): boolean {
  return edgeConditionKind(key) === 'sourceIdentity';
}

/** Keys AWS derives for the caller's organization, reported on an edge whose trust statement required them. */
export function isOrganizationKey(key: string): boolean {
  return edgeConditionKind(key) === 'organization';
}
