// Fuzz timing: the generators of the unit fuzz (test/fixtures/fuzz/mutated-scps.ts) with fixed seeds, each case timed.
// Prints the p50, p99 and slowest cases of the validator (one document) and of the evaluator (compiling a world that
// holds the mutated SCP, then evaluating its requests), and how many cases went over the 50 ms bound of issue 14.
// Run with `npm run bench:fuzz`; it asserts nothing (the project keeps timing out of tests).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { compileWorld, evaluate, validatePolicy, type PolicySource } from '../../server/engine';
import { evaluatorCaseArb, fuzzWorld, validatorInputArb } from '../fixtures/fuzz/mutated-scps';

const BOUND_MS = 50;
const VALIDATOR_CASES = Number(process.env.FUZZ_CASES ?? 3000);
const EVALUATOR_CASES = Math.round(VALIDATOR_CASES / 2);

interface Timed {
  ms: number;
  label: string;
}

function describeSource(source: PolicySource): string {
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  return `${text.length.toLocaleString('en')} chars: ${text.replace(/\s+/g, ' ').slice(0, 110)}${text.length > 110 ? '…' : ''}`;
}

function report(name: string, timings: Timed[]): void {
  const sorted = timings.slice().sort((a, b) => a.ms - b.ms);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))].ms;
  const over = sorted.filter((timed) => timed.ms > BOUND_MS).length;
  console.log(`  ${name}: ${sorted.length} cases, p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${sorted[sorted.length - 1].ms.toFixed(2)} ms, ${over} over ${BOUND_MS} ms`);
  for (const timed of sorted.slice(-5).reverse()) console.log(`    ${timed.ms.toFixed(2).padStart(8)} ms  ${timed.label}`);
}

// Warm the compiled code paths (and the IAM catalogue the validator reads) before timing.
for (const source of fc.sample(validatorInputArb, { numRuns: 100, seed: 1 })) validatePolicy(source, 'SCP');

/**
 * The least disturbed of RUNS timings of one case: on a shared two-core machine a single timing also counts the
 * time spent waiting for a core or in another case's garbage collection.
 */
const RUNS = 3;
function bestOf(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const validatorTimings: Timed[] = [];
let withErrors = 0;
for (const source of fc.sample(validatorInputArb, { numRuns: VALIDATOR_CASES, seed: 20261202 })) {
  let findings: ReturnType<typeof validatePolicy> = [];
  const ms = bestOf(() => {
    findings = validatePolicy(source, 'SCP');
  });
  validatorTimings.push({ ms, label: describeSource(source) });
  if (findings.some((finding) => finding.severity === 'error')) withErrors++;
}

const evaluatorTimings: Timed[] = [];
const decisions = new Map<string, number>();
for (const { scp, requests } of fc.sample(evaluatorCaseArb, { numRuns: EVALUATOR_CASES, seed: 20261203 })) {
  const ms = bestOf(() => {
    const world = compileWorld(fuzzWorld(scp));
    for (const request of requests) evaluate(world, request);
  });
  const world = compileWorld(fuzzWorld(scp));
  for (const request of requests) {
    const result = evaluate(world, request);
    decisions.set(result.decision, (decisions.get(result.decision) ?? 0) + 1);
  }
  evaluatorTimings.push({ ms, label: `${requests.length} requests, SCP ${describeSource(scp)}` });
}

console.log(`lzsim engine fuzz timing (issue 14: no result over 50 ms; best of ${RUNS} timings per case)`);
report('validatePolicy', validatorTimings);
console.log(`    ${withErrors} of ${validatorTimings.length} documents have errors AWS would refuse`);
report('compileWorld + evaluate', evaluatorTimings);
console.log(`    decisions: ${[...decisions].map(([decision, count]) => `${decision} ${count}`).join(', ')}`);
console.log(`  load average: ${loadavg().map((value) => value.toFixed(2)).join(', ')} (a shared machine: a slow case under load is worth re-running alone)`);
