// Reading a bundle without loading the Control Tower catalogue unless the bundle needs it. The catalogue's data
// (481 KB of JSON) costs a `lzsim simulate` call some 50 ms to load, and only a bundle with a ControlTower section
// uses it: the CLI reads bundles through here, so the catalogue is a separate chunk loaded on demand.
import type { World } from '../../types';
import { isPlainObject } from '../json-checks';
import type { ControlCatalogue } from './control-catalogue';
import type { BundleProblem } from './problems';
import { readAwsBundleWith } from './read-bundle';
import { designToWorldWith } from './to-world';

/** The result of reading a bundle for simulation: the World plus warnings, or every problem found. */
export type BundleResult =
  | { ok: true; world: World; warnings: string[] }
  | { ok: false; errors: BundleProblem[] };

/** Reads an AWS export bundle with the one bundle reader and derives the engine's World from its model. */
export function bundleToWorldWith(bundle: unknown, controlCatalogue: ControlCatalogue | undefined): BundleResult {
  const read = readAwsBundleWith(bundle, controlCatalogue);
  if (!read.ok) return { ok: false, errors: read.problems };
  return { ok: true, world: designToWorldWith(read.design, controlCatalogue), warnings: read.warnings };
}

/** The Control Tower catalogue when the bundle has a ControlTower section (loaded then), else undefined. */
export async function loadControlCatalogueFor(bundle: unknown): Promise<ControlCatalogue | undefined> {
  if (!isPlainObject(bundle) || bundle.ControlTower === undefined) return undefined;
  return (await import('../../control-tower/catalogue-access')).CONTROL_CATALOGUE;
}

/** bundleToWorld, loading the Control Tower catalogue only when the bundle has a ControlTower section. */
export async function bundleToWorldLoadingCatalogue(bundle: unknown): Promise<BundleResult> {
  return bundleToWorldWith(bundle, await loadControlCatalogueFor(bundle));
}
