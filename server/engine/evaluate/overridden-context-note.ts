// One sentence per caller-supplied context entry that AWS would not take from the caller (see overriddenCallerEntries
// in world/request-context.ts), shared by the CLI's --explain and the trace panel so both say the same thing.

import { resourceKeyKind, type OverriddenContextKey } from '../world/request-context';
import { ENDPOINT_NETWORK_KEYS } from '../world/vpc-endpoints';

const RESOURCE_KEYS = new Set(['aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths']);

/** Why the request's value of a key AWS sets itself was not the one evaluated, and what was. */
export function overriddenContextNote(entry: OverriddenContextKey): string {
  const supplied = entry.supplied.join(', ');
  const resourceKey = resourceKeyKind(entry.key.toLowerCase());
  if (resourceKey !== undefined) {
    // The world settled it from the resource (isSettledResourceKey): the design's own tags or boundary decide.
    const boundary = resourceKey === 'boundary';
    const instead = entry.used ? `evaluated with ${entry.used.join(', ')}, its own` : `evaluated without it, as the resource has no such ${boundary ? 'boundary' : 'tag'}`;
    return `${entry.key} = ${supplied} was not used: AWS reads this key from the resource, whose ${boundary ? 'permissions boundary' : 'tags'} the design holds, so it was ${instead}; change the resource in the design to ask about other values.`;
  }
  if (ENDPOINT_NETWORK_KEYS.has(entry.key.toLowerCase())) {
    // Only a request through one of the design's VPC endpoints overrides these (world/vpc-endpoints.ts).
    const instead = entry.used ? `evaluated with ${entry.used.join(', ')}, the endpoint's VPC` : 'evaluated without it, as AWS leaves it out of requests through an endpoint';
    return `${entry.key} = ${supplied} was not used: the request goes through a VPC endpoint of the design, whose VPC AWS sets as aws:SourceVpc (and aws:SourceIp is then absent; reference_policies_condition-keys.html), so it was ${instead}.`;
  }
  const used = entry.used
    ? `evaluated with ${entry.used.join(', ')} instead`
    : 'evaluated without it, as AWS leaves the key out of this request';
  // Resource keys follow the resource's account: for a resource the design does not hold (an S3 bucket of another
  // account, say), the simulator's ResourceOwner names that account.
  const hint = RESOURCE_KEYS.has(entry.key.toLowerCase())
    ? '; for a resource of another account, give its owner (ResourceOwner) instead'
    : '';
  return `${entry.key} = ${supplied} was not used: AWS sets this key itself (reference_policies_condition-keys.html), so it was ${used}${hint}.`;
}
