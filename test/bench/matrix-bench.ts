// Org-wide matrix benchmark (issue 12): prints figures, asserts nothing. `npm run bench:matrix`.
// The design is test/bench/synthetic-matrix-org.ts (5,000 accounts, 1,000 OUs up to depth 5, 2,000 SCPs: allow-lists,
// NotAction region denies, aws:PrincipalArn exemptions, deny-lists; RCPs on the root). Every figure is printed with
// wall-clock and CPU time and the load average: on a shared machine wall-clock time includes waiting for a core.
// - cold: the first matrix of a compiled world in this process (the catalogue's action index and pattern bitsets
//   built on the way), then a cold matrix again with the index warm (what a server pays per new revision), once and
//   as the median of five;
// - after changing one SCP: recompiling the world (previous documents reused) and the matrix from the previous one,
//   the first edit in the process and the median over edits of several other SCPs (a server's steady state: the
//   first edit also pays for compiling the incremental code paths);
// - impact of one SCP edit: both of the above plus the diff of the two matrices, first and typical;
// - memory: heap and array buffers held by one matrix (after a full GC).

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { getIamDataCatalog } from '../../server/catalog/iam-data-source';
import { compileWorld, type World } from '../../server/engine';
import { buildOrgMatrix } from '../../server/engine/analysis/org-matrix/org-matrix';
import { diffOrgMatrices } from '../../server/engine/analysis/org-matrix/matrix-diff';
import { previewImpact } from '../../server/engine/analysis/impact/preview-impact';
import { buildMigrationPlan } from '../../server/engine/analysis/migration-plan/migration-plan';
import { heatmapRows } from '../../server/services/impact/heatmap-rows';
import { designMatrix } from '../../server/services/impact/matrix-cache';
import { MATRIX_ACCOUNTS, syntheticMatrixWorld } from './synthetic-matrix-org';
import { changedCopy, interchangeOf } from './synthetic-plan-change';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function measure<T>(label: string, target: string, run: () => T): T {
  gc();
  const wall = performance.now();
  const cpu = cpuMs();
  const result = run();
  const wallMs = performance.now() - wall;
  console.log(`${label}: ${wallMs.toFixed(0)} ms wall, ${(cpuMs() - cpu).toFixed(0)} ms CPU${target ? ` (target ${target})` : ''}`);
  return result;
}

/** Runs `run` `times` times (a full GC before each) and prints the median and the range. */
function median(label: string, target: string, times: number, run: () => unknown): void {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < times; i++) {
    gc();
    const wall = performance.now();
    const cpu = cpuMs();
    run();
    walls.push(performance.now() - wall);
    cpus.push(cpuMs() - cpu);
  }
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1].toFixed(0);
  const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  console.log(`${label}: median ${mid(walls)} ms wall (${range(walls)}), ${mid(cpus)} ms CPU (${range(cpus)})${target ? ` (target ${target})` : ''}`);
}

function heapBytes(): number {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');
console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);

const catalog = getIamDataCatalog();
const actionCount = catalog.serviceKeys().reduce((sum, service) => sum + catalog.listActions(service).length, 0);
const { world, editablePolicyId } = syntheticMatrixWorld();
const scps = world.policies.filter((policy) => policy.type === 'SCP').length;
console.log(`design: ${world.accounts.length} accounts, ${world.orgUnits.length - 1} OUs, ${scps} SCPs, ${world.policies.length - scps} RCPs, ${world.attachments.length} attachments; catalogue: ${actionCount} actions`);

const compiled = measure('compile the world (not part of the matrix)', '', () => compileWorld(world));
const first = measure('full matrix, first in the process (action index, pattern bitsets, JIT)', '', () => buildOrgMatrix(compiled, catalog));
const { distinctScpChains, distinctRcpChains } = first.stats;
console.log(`  ${first.accounts.length} accounts × ${actionCount} actions × 2 sides; ${distinctScpChains} distinct SCP chains, ${distinctRcpChains} distinct RCP chains`);
const baseline = heapBytes();
const cold = measure('full matrix cold', '≤ 250 ms', () => buildOrgMatrix(compiled, catalog));
const held = heapBytes() - baseline + 0 * cold.accounts.length;
console.log(`memory held by one matrix: ${(held / 1024 / 1024).toFixed(1)} MB (target ≤ 200 MB)`);
// A server builds a cold matrix per new revision, many times over: the typical figure is the median of a few.
median('full matrix cold, typical', '≤ 250 ms', 5, () => buildOrgMatrix(compiled, catalog));

/** The world with one more action in the SCP's first Action list (its deny or allow list grows). */
function withEditedScp(policyId: string, action: string): World {
  return {
    ...world,
    policies: world.policies.map((policy) => {
      if (policy.id !== policyId) return policy;
      const document = JSON.parse(policy.document as string) as { Statement: { Action?: string[] }[] };
      const statement = document.Statement.find((entry) => Array.isArray(entry.Action)) ?? document.Statement[0];
      statement.Action = [...(statement.Action ?? []), action];
      return { ...policy, document: JSON.stringify(document) };
    }),
  };
}

const edited = withEditedScp(editablePolicyId, 'ec2:RunInstances');
const attachedTo = world.attachments.filter((attachment) => attachment.policyId === editablePolicyId).map((attachment) => attachment.targetId);
console.log(`edited SCP ${editablePolicyId} (attached to ${attachedTo.join(', ')})`);
const recompiled = measure('  recompile the edited world from the previous one', '', () => compileWorld(edited, compiled));
const updated = measure('full matrix after changing one SCP, first edit in the process', '≤ 50 ms', () => buildOrgMatrix(recompiled, catalog, {}, cold));
console.log(`  recomputed ${updated.stats.policiesCompiled} policy, ${updated.stats.prefixesComputed} prefixes, ${updated.stats.chainsComputed} chains`);
const diff = measure('  diff of the two matrices', '', () => diffOrgMatrices(cold, updated));
console.log(`  ${diff.changedCells} cells flipped in ${diff.changedAccounts} accounts (${diff.transitions.length} distinct chain transitions)`);
measure('impact preview of one SCP edit (recompile + matrix + diff), first in the process', '≤ 200 ms', () => {
  const world2 = compileWorld(edited, compiled);
  return diffOrgMatrices(cold, buildOrgMatrix(world2, catalog, {}, cold));
});

// Typical edits: other SCPs attached to OUs, each edited once (a new document each time, so nothing is reused that
// a server would not have), measured from the same cold matrix.
const otherScps = [...new Set(world.attachments.filter((a) => a.targetId.startsWith('ou-') && a.policyId.startsWith('p-mtx') && a.policyId !== editablePolicyId).map((a) => a.policyId))];
const sample = Array.from({ length: 7 }, (_, i) => otherScps[Math.floor((i * otherScps.length) / 7)]);
const editedWorlds = sample.map((policyId) => compileWorld(withEditedScp(policyId, 'ec2:RunInstances'), compiled));
let next = 0;
median(`full matrix after changing one SCP, typical (${sample.length} other SCPs)`, '≤ 50 ms', sample.length, () => buildOrgMatrix(editedWorlds[next++], catalog, {}, cold));
const editedSources = sample.map((policyId) => withEditedScp(policyId, 's3:PutObject'));
next = 0;
median(`impact preview of one SCP edit, typical (${sample.length} other SCPs)`, '≤ 200 ms', sample.length, () => {
  const world2 = compileWorld(editedSources[next++], compiled);
  return diffOrgMatrices(cold, buildOrgMatrix(world2, catalog, {}, cold));
});
const preview = measure('impact preview with principals (recompile + matrix + diff + evaluate each principal of a changed account on each flipped action)', '', () => previewImpact(compiled, compileWorld(edited, compiled), catalog, { beforeMatrix: cold }));
console.log(`  ${preview.principals.length} principals gain or lose actions${preview.principalsTruncated ? ' (evaluation budget ran out)' : ''}`);

// The heatmap's data (impact.heatmap) at 5,000 accounts: what the page asks for (the 60 most restricted services, the
// two pages of 200 rows around the view) against everything (every restricted service, every row), built from the
// matrix the engine worker keeps; JSON size is what goes over the wire.
const heatmapDesign = { designId: 'bench', revision: 1, compiled };
designMatrix(heatmapDesign, undefined);
for (const [label, input] of [
  ['heatmap data, every row × every restricted service', { rows: 'account' as const }],
  ['heatmap data, as the page asks (60 most restricted services, 400 rows)', { rows: 'account' as const, columns: 60, offset: 0, limit: 400 }],
  ['heatmap data, OU rows as the page asks', { rows: 'ou' as const, columns: 60, offset: 0, limit: 400 }],
] as const) {
  const outcome = measure(label, '', () => heatmapRows(heatmapDesign, input));
  if (outcome.ok) console.log(`  ${outcome.value.rows.length} of ${outcome.value.totalRows} rows × ${outcome.value.services.length} of ${outcome.value.restrictedServices} services: ${(JSON.stringify(outcome.value).length / 1024 / 1024).toFixed(2)} MB of JSON`);
}

// Migration plan at 5,000 accounts: the design as the interchange model (its Organizations part; the synthetic design
// has no IAM) → a changed copy (synthetic-plan-change.ts; bench:plan measures it alone). Every step
// recompiles the organization from the previous step's and re-judges it (matrix from the previous one, diff).
const live = interchangeOf(world);
const target = changedCopy(live);
const plan = measure('migration plan, 5,000-account design → changed copy (every step judged)', '', () => buildMigrationPlan(live, target, catalog));
console.log(`  ${plan.steps.length} steps (${plan.steps.filter((step) => step.impact).length} judged), ${plan.unplaced.length} unplaced, ${plan.wideningSteps} widening`);
console.log(`load average at end: ${load()}`);
console.log(`accounts in the design: ${MATRIX_ACCOUNTS}`);
