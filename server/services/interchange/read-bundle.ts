// AWS export bundle -> the bundle model, for an import. The reading and every check is the engine's one bundle
// reader (server/engine/aws/bundle), the same that simulate uses; this adds what only storing needs.
import 'server-only';

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
  const read = readAwsBundle(bundle);
  if (!read.ok) throw new ImportRejectedError(source, read.problems);
  const { design } = read;
  const warnings = [...read.warnings];
  // A design stores tags on the resource policy it holds; tags of a resource without one have nowhere to go.
  const withPolicy = new Set(design.resourcePolicies.map((p) => p.resourceArn));
  const resourceTags: InterchangeDesign['resourceTags'] = {};
  for (const [arn, tags] of Object.entries(design.resourceTags)) {
    if (withPolicy.has(arn)) resourceTags[arn] = tags;
    else warnings.push(`$.ResourceTags["${arn}"]: no resource policy for this ARN; its tags are not imported`);
  }
  return { design: { ...design, resourceTags }, warnings };
}
