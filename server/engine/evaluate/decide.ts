// Combine the layer verdicts into the final decision and its reasons. Explicit Deny anywhere wins; otherwise every
// required layer must allow. Which layers are required depends on same-account vs cross-account and on how the
// resource-side Allow names the caller (reference_policies_evaluation-logic-cross-account.html,
// access_policies_boundaries.html, and the role-trust / KMS key-policy exceptions on
// reference_policies_evaluation-logic_policy-eval-denyallow.html). test/fixtures/engine/README.md tabulates it.

import type { ServiceVerdict } from '../service-rules/match';
import type { Decision, ReasonCode } from '../types';
import type { PoliciesVerdict } from './evaluate-policies';

/** The SCP / RCP chain result used by `decide`. */
export interface ChainVerdict {
  /** False when the layer does not apply to this request. */
  applies: boolean;
  /** Some level has a matching Deny. */
  deny: boolean;
  /** Some level lacks a matching Allow. */
  missingAllow: boolean;
}

/** Which kind of resource-side policy governs the request. */
export type ResourceSide = 'resource' | 'trust' | 'keyPolicy';

/** Everything `decide` needs from the layers. */
export interface LayerVerdicts {
  /** SCP chain of the principal's account. */
  scp: ChainVerdict;
  /** RCP chain of the resource's account. */
  rcp: ChainVerdict;
  /** Identity-based policies (an unconditional allow for the root user). */
  identity: PoliciesVerdict;
  /** Permissions boundary, when the principal has one. */
  boundary?: PoliciesVerdict;
  /** Session policy, when one applies. */
  session?: PoliciesVerdict;
  /** Which resource-side policy kind applies. */
  resourceSide: ResourceSide;
  /** Its verdict; undefined when there is no such policy. */
  resource?: PoliciesVerdict;
  /** True when the principal's account owns the resource. */
  sameAccount: boolean;
  /** Documented service-specific rules that applied (service-rules/rules.ts), when any did. */
  service?: ServiceVerdict;
  /** An AWS service principal calls: it has no identity-based policies, so the resource-side policy alone grants. */
  serviceCaller?: boolean;
  /** The policy of the VPC endpoint the request goes through, when it applies (world/vpc-endpoints.ts). */
  endpoint?: PoliciesVerdict;
  /**
   * An endpoint policy's Allow that names only the caller's account lets this caller through: always for an interface
   * endpoint, for a gateway endpoint only when the caller is the account's root user.
   */
  accountGrantReachesCaller?: boolean;
}

/**
 * True when the VPC endpoint's policy lets the request through: a matching Allow that names the caller, its role or
 * "*", or its account. An endpoint policy grants nothing; for a gateway endpoint "AWS": "account_id" reaches the
 * account's root user only, "not all users and roles for the account" (AWS PrivateLink Guide,
 * vpc-endpoints-access.html, "Principals for gateway endpoints").
 */
function endpointAllows(endpoint: PoliciesVerdict, accountGrantReachesCaller: boolean | undefined): boolean {
  return endpoint.allow && (endpoint.grant !== 'account' || accountGrantReachesCaller === true);
}

const DENY_CODE: Record<ResourceSide, ReasonCode> = { resource: 'resource-deny', trust: 'trust-deny', keyPolicy: 'key-policy-deny' };
const NO_ALLOW_CODE: Record<ResourceSide, ReasonCode> = { resource: 'resource-no-allow', trust: 'trust-no-allow', keyPolicy: 'key-policy-no-allow' };

/** The decision and every reason of its kind. */
export function decide(v: LayerVerdicts): { decision: Decision; reasons: ReasonCode[] } {
  // An operation that needs no permission (sts:GetCallerIdentity) is allowed whatever any policy says.
  if (v.service?.alwaysAllowed) return { decision: 'allowed', reasons: ['service-rule-allow'] };
  // The bucket owner's root user is not bound by the bucket policy's Deny for the bucket-policy actions.
  const resourceDenyOverridden = v.service?.ignoreResourceDeny === true && v.resource?.deny === true;
  // Arrays are created only when a reason of their kind is found: most requests are allowed or denied plainly.
  let denies: ReasonCode[] | undefined;
  if (v.scp.deny) (denies ??= []).push('scp-deny');
  if (v.rcp.deny) (denies ??= []).push('rcp-deny');
  if (v.endpoint?.deny) (denies ??= []).push('vpc-endpoint-deny');
  if (v.identity.deny) (denies ??= []).push('identity-deny');
  if (v.resource?.deny && !resourceDenyOverridden) (denies ??= []).push(DENY_CODE[v.resourceSide]);
  if (v.boundary?.deny) (denies ??= []).push('boundary-deny');
  if (v.session?.deny) (denies ??= []).push('session-deny');
  if (denies !== undefined) return { decision: 'explicitDeny', reasons: denies };

  const missing: ReasonCode[] = [];
  if (v.scp.applies && v.scp.missingAllow) missing.push('scp-no-allow');
  if (v.rcp.applies && v.rcp.missingAllow) missing.push('rcp-no-allow');
  // The endpoint policy is a filter on the network path: it must allow, and it grants nothing.
  if (v.endpoint !== undefined && !endpointAllows(v.endpoint, v.accountGrantReachesCaller)) missing.push('vpc-endpoint-no-allow');
  // A documented rule refuses the request (a grant that cannot cross accounts, a caller that can never do it): no
  // policy could grant it, so the grant part is this one reason.
  if (v.service?.refused) {
    missing.push('service-rule-no-allow');
    return { decision: 'implicitDeny', reasons: missing };
  }

  const idAllow = v.identity.allow;
  const boundaryOk = v.boundary === undefined || v.boundary.allow;
  const sessionOk = v.session === undefined || v.session.allow;
  const identityPart = idAllow && boundaryOk && sessionOk;
  const grant = v.resource?.allow ? v.resource.grant : undefined;
  // A resource-side Allow stands alone only in the same account and only when it names the caller itself (direct,
  // not capped) or the caller's role (capped by the boundary and the session policy). Naming the account delegates.
  const standAloneGrant = v.sameAccount && (grant === 'direct' || (grant === 'role' && boundaryOk && sessionOk));
  const namesCaller = v.sameAccount && (grant === 'direct' || grant === 'role');

  // The grant part's reasons follow the SCP and RCP ones in `missing`.
  const grantPart = missing;
  const grantStart = missing.length;
  let granted: boolean;
  if (v.serviceCaller) {
    // reference_policies_elements_principal.html#principal-services: the service is granted by the resource-based
    // policy (or trust or key policy) that names it.
    granted = grant !== undefined;
    if (!granted) grantPart.push(NO_ALLOW_CODE[v.resourceSide]);
  } else if (v.resourceSide === 'resource' && v.sameAccount) {
    granted = identityPart || standAloneGrant;
    if (!granted) {
      if (!idAllow && !namesCaller) grantPart.push('no-allow');
    }
  } else if (v.resourceSide === 'resource') {
    granted = identityPart && grant !== undefined;
    if (!granted) {
      if (!idAllow) grantPart.push('identity-no-allow');
      if (grant === undefined) grantPart.push('resource-no-allow');
    }
  } else {
    const identityOk = identityPart || standAloneGrant;
    granted = grant !== undefined && identityOk;
    if (!granted) {
      if (grant === undefined) grantPart.push(NO_ALLOW_CODE[v.resourceSide]);
      if (!identityOk && !idAllow && !namesCaller) grantPart.push('identity-no-allow');
    }
  }
  if (!granted) {
    if (!boundaryOk) grantPart.push('boundary-no-allow');
    if (!sessionOk) grantPart.push('session-no-allow');
    // Every failure names a layer: a grant that failed only through delegation still lacks an identity allow.
    if (grantPart.length === grantStart) grantPart.push(v.sameAccount && v.resourceSide === 'resource' ? 'no-allow' : 'identity-no-allow');
  }
  if (missing.length > 0) return { decision: 'implicitDeny', reasons: missing };

  const allows: ReasonCode[] = [];
  if (identityPart) allows.push('identity-allow');
  if (grant !== undefined) allows.push('resource-allow');
  if (resourceDenyOverridden) allows.push('service-rule-allow');
  return { decision: 'allowed', reasons: allows };
}
