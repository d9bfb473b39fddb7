// AWS export bundle -> the bundle model, for an import. The reading and every check is the engine's one bundle
// reader (server/engine/aws/bundle), the same that simulate uses; this adds what only storing needs.
import 'server-only';

import { completeAwsManagedPolicies } from '../../catalog/aws-managed-policy-source';
import { readAwsBundle } from '../../engine/aws/bundle';
import type { InterchangeDesign } from '../../db/import-export-model';
import { ImportRejectedError } from './import-problems';

/** What reading a bundle gives besides the model: warnings about data that cannot be kept. */
export interface ReadBundleResult {
  design: InterchangeDesign;
  warnings: string[];
}

/** Reads and validates an AWS export bundle; throws ImportRejectedError listing every problem. */
export function readBundle(bundle: unknown, source = 'The bundle'): ReadBundleResult {
  const { bundle: completed, notes } = completeAwsManagedPolicies(bundle);
  const read = readAwsBundle(completed);
  if (!read.ok) throw new ImportRejectedError(source, read.problems);
  // Every resource's tags are kept: on its resource policy when the design holds one, as a tagged resource otherwise.
  return { design: read.design, warnings: [...notes, ...read.warnings] };
}
