// What a bundle's ControlTower section needs from the Control Tower control catalogue. The catalogue is 481 KB of
// data, so it is passed in rather than imported: a caller that reads bundles without a ControlTower section (most
// `lzsim simulate` calls) never loads it (see load-catalogue.ts).
import type { CatalogControl } from '../../control-tower/catalog';
import type { guardrailStatements, statementControlsOf } from '../../control-tower/guardrails';

/** The catalogue queries the bundle reader and the World derivation use for a ControlTower section. */
export interface ControlCatalogue {
  /** The control an identifier names (catalog.ts findControl). */
  findControl(identifier: string): CatalogControl | undefined;
  /** The alias of the landing-zone Region deny control (AWS-GR_REGION_DENY). */
  landingZoneRegionDenyAlias: string;
  /** The name prefix of the SCPs Control Tower manages (aws-guardrails-). */
  guardrailPolicyPrefix: string;
  /** The statements the enabled controls deploy (guardrails.ts). */
  guardrailStatements: typeof guardrailStatements;
  /** The control behind each statement of an aws-guardrails SCP (guardrails.ts). */
  statementControlsOf: typeof statementControlsOf;
}

/** The catalogue, or an error naming the caller's mistake: a design with Control Tower read without it. */
export function requireCatalogue(catalogue: ControlCatalogue | undefined): ControlCatalogue {
  if (!catalogue) throw new Error('a bundle with a ControlTower section was read without the Control Tower catalogue (pass CONTROL_CATALOGUE or use loadControlCatalogueFor)');
  return catalogue;
}
