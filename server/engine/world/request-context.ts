// The request context of one evaluation: the caller's entries plus the keys AWS derives itself
// (reference_policies_condition-keys.html). Derived keys win over caller-supplied ones with the same name: AWS
// sets aws:PrincipalArn, aws:PrincipalOrgID, aws:ResourceAccount, ... from the authenticated principal and the
// resource, and a caller cannot override them. Keys the world does not know (aws:SourceIp, aws:CurrentTime,
// aws:MultiFactorAuthPresent, ...) come only from the caller; the engine never invents a clock or a network.

import type { ContextEntry, RequestContext } from '../types';

/** Build the context map (keys lower-cased) from caller entries, then derived entries on top. */
export function buildRequestContext(
  callerEntries: readonly ContextEntry[],
  principalEntries: readonly ContextEntry[],
  resourceEntries: readonly ContextEntry[],
): RequestContext {
  const context = new Map<string, ContextEntry>();
  for (const entry of callerEntries) context.set(entry.key.toLowerCase(), entry);
  for (const entry of principalEntries) context.set(entry.key.toLowerCase(), entry);
  for (const entry of resourceEntries) context.set(entry.key.toLowerCase(), entry);
  return context;
}

/** The resource keys AWS derives: aws:ResourceAccount, and for members aws:ResourceOrgID and aws:ResourceOrgPaths. */
export function resourceAccountEntries(accountId: string, organizationId: string | undefined, orgPath: string | undefined): ContextEntry[] {
  const entries: ContextEntry[] = [{ key: 'aws:ResourceAccount', values: [accountId], type: 'string' }];
  if (organizationId && orgPath) {
    entries.push({ key: 'aws:ResourceOrgID', values: [organizationId], type: 'string' });
    entries.push({ key: 'aws:ResourceOrgPaths', values: [orgPath], type: 'stringList' });
  }
  return entries;
}
