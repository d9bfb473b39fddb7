'use client';
import type { VpcEndpointView } from '@/server/schemas/account-details';
import { BreakableId } from '../editor-base/breakable-id';

/** The policy as people read it: pretty JSON when it parses, the text as given otherwise. */
function readable(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy), null, 2);
  } catch {
    return policy;
  }
}

/**
 * The account's VPC endpoints, read-only (they come from an import: describe-vpc-endpoints): the service each one
 * reaches, its VPC, and its endpoint policy, which every request naming it with aws:SourceVpce must also pass (AWS's
 * default policy, full access, when it has none).
 */
export function VpcEndpointsSection({ endpoints }: { endpoints: readonly VpcEndpointView[] }) {
  if (endpoints.length === 0) return null;
  return (
    <section className="inspector-section" aria-label="VPC endpoints">
      <h3 className="inspector-section__title">VPC endpoints <span className="muted">{endpoints.length}</span></h3>
      <p className="muted small">A request that names one with aws:SourceVpce must also be allowed by its policy.</p>
      {endpoints.map((endpoint) => (
        <details key={endpoint.id} className="effective-card" data-testid="vpc-endpoint">
          <summary className="effective-card__summary">
            <span className="effective-card__title"><BreakableId text={endpoint.id} /></span>
            <span className="muted small"> {endpoint.type} · <BreakableId text={endpoint.serviceName} /> · <BreakableId text={endpoint.vpcId} /></span>
          </summary>
          <div className="effective-card__body">
            {endpoint.policyDocument === null
              ? <p className="muted small">No endpoint policy: AWS&apos;s default policy allows full access.</p>
              : <pre className="effective-card__json" aria-label={`Endpoint policy of ${endpoint.id}`}>{readable(endpoint.policyDocument)}</pre>}
          </div>
        </details>
      ))}
    </section>
  );
}
