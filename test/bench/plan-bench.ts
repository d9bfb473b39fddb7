// Migration plan benchmark (issue 12): prints figures, asserts nothing. `npm run bench:plan`.
// `lzsim plan` from the 5,000-account synthetic organization (synthetic-matrix-org.ts, as a live organization) to a
// changed copy of it (synthetic-plan-change.ts): every step is tried in the model and judged (matrix from the previous
// step's, diff, principals, widening). Wall-clock and CPU time with the load average: on a shared machine wall-clock
// includes waiting for a core. The first plan in the process pays for the catalogue's action index and the JIT; the
// second is what a server pays for another plan.

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { getIamDataCatalog } from '../../server/catalog/iam-data-source';
import { buildMigrationPlan } from '../../server/engine/analysis/migration-plan/migration-plan';
import { MATRIX_ACCOUNTS, syntheticMatrixWorld } from './synthetic-matrix-org';
import { changedCopy, interchangeOf } from './synthetic-plan-change';

const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
const catalog = getIamDataCatalog();
const { world } = syntheticMatrixWorld();
const live = interchangeOf(world);
const target = changedCopy(live);
console.log(`live: ${live.accounts.length} accounts, ${live.ous.length} OUs, ${live.policies.length} policies; design: 40 accounts moved, 3 SCPs edited, 2 attached elsewhere, 2 new OUs`);
const runs = Number(process.env.LZSIM_BENCH_RUNS ?? 2);
for (let run = 1; run <= runs; run++) {
  const wall = performance.now();
  const cpu = cpuMs();
  const plan = buildMigrationPlan(live, target, catalog);
  console.log(`migration plan ${run === 1 ? '(first in the process)' : `(run ${run})`}: ${(performance.now() - wall).toFixed(0)} ms wall, ${(cpuMs() - cpu).toFixed(0)} ms CPU; load ${load()}`);
  if (run === 1) console.log(`  ${plan.steps.length} steps (${plan.steps.filter((step) => step.impact).length} judged), ${plan.unplaced.length} unplaced, ${plan.wideningSteps} widening`);
}
console.log(`accounts in the design: ${MATRIX_ACCOUNTS}`);
