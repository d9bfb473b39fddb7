// A migration plan rendered both ways (text of the bash script, Terraform JSON), from the two interchange models:
// plain data in and out, so it runs in an engine worker thread (engine-worker/engine-tasks.ts) and in the CLI.
import 'server-only';

import { getIamDataCatalog } from '../../catalog/iam-data-source';
import { buildMigrationPlan } from '../../engine/analysis/migration-plan/migration-plan';
import type { MigrationPlan } from '../../engine/analysis/migration-plan/types';
import type { ContextEntry } from '../../engine/types';
import type { InterchangeDesign } from '../../db/import-export-model';
import { planToScript } from './write-plan-script';
import { planToTerraform } from './write-plan-terraform';

/** aws:RequestedRegion as the request context (the CLI loads this module: no engine barrel, no matrix cache). */
const regionContext = (region: string | undefined): ContextEntry[] => (region ? [{ key: 'aws:RequestedRegion', values: [region], type: 'string' }] : []);

/** A plan with what it was built from, rendered both ways. */
export interface RenderedPlan {
  plan: MigrationPlan;
  /** Name of the live side and of the design. */
  fromName: string;
  toName: string;
  /** The bash script. */
  script: string;
  /** Terraform JSON, as text. */
  terraform: string;
}

/** The plan from one model to another, with both renderings. */
export function renderPlan(live: InterchangeDesign, design: InterchangeDesign, names: { from: string; to: string }, region?: string): RenderedPlan {
  const plan = buildMigrationPlan(live, design, getIamDataCatalog(), { context: regionContext(region) });
  return {
    plan,
    fromName: names.from,
    toName: names.to,
    script: planToScript(plan, `from ${names.from} to the design "${names.to}"`),
    terraform: `${JSON.stringify(planToTerraform(plan, live, design, names.to), null, 2)}\n`,
  };
}
