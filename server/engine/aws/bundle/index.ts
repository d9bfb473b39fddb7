// The AWS export bundle: one reader into one model, and the World derived from it.
import type { World } from '../../types';
import type { BundleProblem } from './problems';
import { readAwsBundle } from './read-bundle';
import { designToWorld } from './to-world';

export { readAwsBundle, BUNDLE_SECTIONS, type BundleReadResult } from './read-bundle';
export { designToWorld } from './to-world';
export { sortDesign, parentsFirst } from './canonical-order';
export { CONTROL_TOWER_BASELINE_ID } from './sections/control-tower';
export type { BundleProblem } from './problems';
export type { BundleSection, BundleReadContext } from './context';
export * from './model';

/** The result of reading a bundle for simulation: the World plus warnings, or every problem found. */
export type BundleResult =
  | { ok: true; world: World; warnings: string[] }
  | { ok: false; errors: BundleProblem[] };

/** Reads an AWS export bundle with the one bundle reader and derives the engine's World from its model. */
export function bundleToWorld(bundle: unknown): BundleResult {
  const read = readAwsBundle(bundle);
  if (!read.ok) return { ok: false, errors: read.problems };
  return { ok: true, world: designToWorld(read.design), warnings: read.warnings };
}
