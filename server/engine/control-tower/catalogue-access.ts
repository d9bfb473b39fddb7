// The Control Tower catalogue as the bundle reader takes it (aws/bundle/control-catalogue.ts). Importing this module
// loads the catalogue's data; load-catalogue.ts imports it only for bundles that have a ControlTower section.
import type { ControlCatalogue } from '../aws/bundle/control-catalogue';
import { LANDING_ZONE_REGION_DENY_ALIAS, findControl } from './catalog';
import { GUARDRAIL_POLICY_PREFIX, guardrailStatements, statementControlsOf } from './guardrails';

/** The whole catalogue, for the bundle reader and designToWorld. */
export const CONTROL_CATALOGUE: ControlCatalogue = Object.freeze({
  findControl,
  landingZoneRegionDenyAlias: LANDING_ZONE_REGION_DENY_ALIAS,
  guardrailPolicyPrefix: GUARDRAIL_POLICY_PREFIX,
  guardrailStatements,
  statementControlsOf,
});
