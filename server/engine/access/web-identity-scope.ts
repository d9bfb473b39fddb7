// GitHub Actions' OIDC provider (token.actions.githubusercontent.com) signs tokens for every workflow of every
// repository on github.com, so a role that trusts it is open to all of them unless a condition names whose
// repositories may assume it: the sub claim ("repo:OWNER/REPO:..."), or the repository claims STS reads as
// condition keys since 2026 (IAM User Guide id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub; AWS What's
// New 2026-01, aws-sts-supports-validation-identity-provider-claims). The audience (aud, "sts.amazonaws.com") is the same
// for every workflow and scopes nothing.

import type { ConditionClause } from '../types';

/** The host of GitHub Actions' OIDC provider. */
export const GITHUB_ACTIONS_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Claims whose value is "OWNER/..." or "repo:OWNER/...": scoped when the owner is written without wildcards. */
const OWNER_PATH_CLAIMS = new Set(['sub', 'repository', 'job_workflow_ref']);
/**
 * Claims that name one repository or one enterprise by id: scoped when written without wildcards. STS reads these
 * GitHub claims as keys: actor, actor_id, job_workflow_ref, repository, repository_id, workflow, ref, environment,
 * enterprise_id (AWS What's New, 2026-01, "AWS STS supports validation of identity provider claims").
 */
const EXACT_CLAIMS = new Set(['repository_id', 'enterprise_id']);

/** True when a trust policy's Federated principal is GitHub Actions' OIDC provider (its ARN or its host). */
export function isGitHubActionsProvider(provider: string): boolean {
  return provider === GITHUB_ACTIONS_OIDC_HOST || provider.endsWith(`:oidc-provider/${GITHUB_ACTIONS_OIDC_HOST}`);
}

/** True when the statement's conditions hold GitHub's tokens to named owners or repositories. */
export function scopesGitHubRepository(conditions: readonly ConditionClause[]): boolean {
  return conditions.some((clause) => {
    const key = clause.key.toLowerCase();
    if (!key.startsWith(`${GITHUB_ACTIONS_OIDC_HOST}:`)) return false;
    // Negated operators (StringNotEquals, ...) and Null let every other repository in.
    const operator = clause.operator.replace(/^For(Any|All)Value:/i, '');
    if (/Not|^Null$/i.test(operator) || clause.values.length === 0) return false;
    const claim = key.slice(GITHUB_ACTIONS_OIDC_HOST.length + 1);
    if (OWNER_PATH_CLAIMS.has(claim)) return clause.values.every(namesOwner);
    if (EXACT_CLAIMS.has(claim)) return clause.values.every((value) => value !== '' && !/[*?]/.test(value));
    return false;
  });
}

/** "repo:OWNER/...", "OWNER/..." (or a custom sub of other claims) whose owner part has no wildcard. */
function namesOwner(value: string): boolean {
  const path = value.startsWith('repo:') ? value.slice('repo:'.length) : value;
  const owner = path.split('/')[0];
  return owner !== '' && owner !== path && !/[*?]/.test(owner);
}
