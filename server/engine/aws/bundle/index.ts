// The AWS export bundle: one reader into one model, and the World derived from it. These entry points carry the
// whole Control Tower catalogue; load-catalogue.ts has the forms that load it only for a bundle that needs it.
import { CONTROL_CATALOGUE } from '../../control-tower/catalogue-access';
import type { World } from '../../types';
import { bundleToWorldWith, type BundleResult } from './load-catalogue';
import type { InterchangeDesign } from './model';
import { readAwsBundleWith, type BundleReadResult } from './read-bundle';
import { designToWorldWith } from './to-world';

export { BUNDLE_SECTIONS, type BundleReadResult } from './read-bundle';
export { bundleToWorldWith, bundleToWorldLoadingCatalogue, loadControlCatalogueFor, type BundleResult } from './load-catalogue';
export { sortDesign, parentsFirst } from './canonical-order';
export { CONTROL_TOWER_BASELINE_ID, IDENTITY_CENTER_BASELINE_ID, IDENTITY_CENTER_PARAMETER } from './sections/control-tower';
export type { BundleProblem } from './problems';
export type { BundleSection, BundleReadContext } from './context';
export type { ControlCatalogue } from './control-catalogue';
export * from './model';

/** Reads and validates an AWS export bundle (already parsed JSON) into the bundle model, in canonical order. */
export function readAwsBundle(bundle: unknown): BundleReadResult {
  return readAwsBundleWith(bundle, CONTROL_CATALOGUE);
}

/** The World the engine evaluates for a design: only SCPs and RCPs of the Organizations policies grant or deny. */
export function designToWorld(design: InterchangeDesign): World {
  return designToWorldWith(design, CONTROL_CATALOGUE);
}

/** Reads an AWS export bundle with the one bundle reader and derives the engine's World from its model. */
export function bundleToWorld(bundle: unknown): BundleResult {
  return bundleToWorldWith(bundle, CONTROL_CATALOGUE);
}
