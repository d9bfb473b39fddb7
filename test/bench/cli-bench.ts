// CLI start-up benchmark: wall time of `lzsim --help` and of a small `lzsim simulate` through the real launcher
// (bin/lzsim.mjs, which runs the prebuilt bundle), and 300 requests as 300 calls versus one --batch call.
// Targets: --help <= 200 ms, small simulate <= 400 ms. Figures only, no assertions. Run: npm run bench:cli
// Next to wall time it prints the CPU time the child used (user + system, from /proc/self/stat's children
// counters, 10 ms resolution): on a shared machine wall time follows the load average, CPU time much less.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const launcher = join(repo, 'bin/lzsim.mjs');
const bundle = join(repo, 'test/fixtures/bundles/sample-org.json');
const request = join(repo, 'test/fixtures/bundles/sample-request.json');
const RUNS = 15;

/** CPU time (user + system, ms) used so far by this process's finished children; undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command name: state is field 3; cutime and cstime are fields 16 and 17, in clock ticks (100 Hz).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

let lastCpuMs: number | undefined;

function timeRun(args: string[]): number {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  // Output is discarded (the 300-line batch prints megabytes); only stderr is kept, for the error message.
  const run = spawnSync(process.execPath, [launcher, ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  lastCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  if (run.status !== 0) throw new Error(`lzsim ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function figures(name: string, args: string[], target: number): void {
  const cpu: number[] = [];
  const times = Array.from({ length: RUNS }, () => {
    const ms = timeRun(args);
    if (lastCpuMs !== undefined) cpu.push(lastCpuMs);
    return ms;
  }).sort((a, b) => a - b);
  const cpuText = cpu.length > 0 ? `, CPU median ${median(cpu).toFixed(0).padStart(4)} ms` : '';
  console.log(`  ${name.padEnd(28)} median ${median(times).toFixed(0).padStart(5)} ms, fastest ${times[0].toFixed(0).padStart(5)} ms, slowest ${times[times.length - 1].toFixed(0).padStart(5)} ms${cpuText}  (target <= ${target} ms)`);
}

/** Node's own start, for scale: the part of every figure lzsim cannot remove. */
function nodeBaseline(): number {
  const times = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    execFileSync(process.execPath, ['-e', '0']);
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log('lzsim CLI start-up benchmark (the prebuilt bundle through bin/lzsim.mjs)');
console.log(`  load average before: ${loadavg().map((value) => value.toFixed(2)).join(', ')}`);
timeRun(['--help']); // builds the bundle if a source changed, so the timings below are of the steady state
console.log(`  node -e 0 (Node's own start)  median ${nodeBaseline().toFixed(0).padStart(5)} ms`);
figures('lzsim --help', ['--help'], 200);
figures('lzsim simulate (sample)', ['simulate', '--bundle', bundle, '--cli-input-json', request], 400);

// 300 requests: one call each, against one --batch call.
const scratch = mkdtempSync(join(tmpdir(), 'lzsim-cli-bench-'));
const batchFile = join(scratch, 'requests.jsonl');
const line = JSON.stringify(JSON.parse(readFileSync(request, 'utf8')));
writeFileSync(batchFile, `${Array.from({ length: 300 }, () => line).join('\n')}\n`);
const batchMs = timeRun(['simulate', '--bundle', bundle, '--batch', batchFile]);
const singleMs = timeRun(['simulate', '--bundle', bundle, '--cli-input-json', request]);
console.log(`  300 requests: one --batch call ${batchMs.toFixed(0)} ms; as 300 separate calls about ${((singleMs * 300) / 1000).toFixed(1)} s`);
console.log(`  load average after: ${loadavg().map((value) => value.toFixed(2)).join(', ')}`);
