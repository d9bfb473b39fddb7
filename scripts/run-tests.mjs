#!/usr/bin/env node
// `npm test`: every check the project has, in one run. Stages: typecheck, lint, unit, integration, browser.
// Every stage runs even when an earlier one failed, so one run shows everything that is wrong. The last line
// counts tests: `N passed, N failed[, N skipped]`; a stage that fails without test results (a type error, a lint
// error, a crash before any test ran) counts as one failure. Exits non-zero on any failure.
//
// On a 2-core machine the stages overlap where that was measured to pay (see README, "Test it"):
// - typecheck and lint are single-threaded, so they run side by side; lint's output is held back and printed
//   after typecheck's, so the log reads as if they ran one after the other;
// - the unit tests use a worker per core (vitest.config.ts);
// - the browser tests' `next build` (when .next is stale and Chromium is present) runs beside the integration
//   tests, which run one file at a time and wait on PostgreSQL much of the time, at a lower CPU priority (nice +5);
//   its log is printed under the browser stage, which waits for it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundles } from './build-bundles.mjs';
import { buildIsCurrent } from './build-freshness.mjs';
import { findChromium, missingChromiumMessage } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const node = process.execPath;
const bin = (path) => join(root, 'node_modules', path);
/**
 * How far below our own CPU priority the background `next build` runs: below the stages it overlaps (the run waits
 * on them first), but not so far that other work on a shared machine starves it and the browser stage waits.
 */
const BACKGROUND_BUILD_NICENESS = 5;

/** Vitest reporter options that also write a JSON report we can count from. */
const vitestReport = (name) => ['--reporter=default', '--reporter=json', `--outputFile.json=${join(resultsDir, `${name}.json`)}`];

const stages = {
  typecheck: { name: 'typecheck', title: 'Typecheck (tsc --noEmit)', command: [node, bin('typescript/bin/tsc'), '--noEmit', '-p', '.'] },
  lint: { name: 'lint', title: 'Lint (eslint)', command: [node, bin('eslint/bin/eslint.js'), '--max-warnings=0', '.'] },
  unit: { name: 'unit', title: 'Unit tests (vitest --project unit)', report: 'unit', command: [node, bin('vitest/vitest.mjs'), 'run', '--project', 'unit', ...vitestReport('unit')] },
  integration: { name: 'integration', title: 'Integration tests (vitest --project integration, real PostgreSQL)', report: 'integration', command: [node, bin('vitest/vitest.mjs'), 'run', '--project', 'integration', ...vitestReport('integration')] },
  browser: { name: 'browser', title: 'Browser tests (next build if needed, the app server, Chromium)', report: 'e2e', command: [node, join(root, 'scripts/run-e2e.mjs'), ...vitestReport('e2e')] },
};

/** Test counts from a vitest JSON report; a file that failed to load counts as one failed test. */
function countsFromReport(path) {
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Children still running: stopped with us, so that a stopped run leaves no background build behind. */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const child of running) child.kill('SIGTERM');
    process.exit(1);
  });
}

/**
 * Starts a command. `live` streams its output to ours; otherwise the output is kept (stdout and stderr in the
 * order they arrived) for the caller to print when its turn comes. Resolves with exit code, output and seconds.
 */
function start(command, { live, env = {}, niceness = 0 }) {
  const started = Date.now();
  const child = spawn(command[0], command.slice(1), {
    cwd: root,
    stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  if (niceness !== 0 && child.pid) setPriority(child.pid, Math.min(19, getPriority() + niceness));
  const chunks = [];
  child.stdout?.on('data', (chunk) => chunks.push(chunk));
  child.stderr?.on('data', (chunk) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => chunks.push(Buffer.from(`${error.stack ?? error}\n`)));
    child.on('close', (code, signal) => {
      resolve({
        exitCode: code ?? 1,
        signal,
        output: Buffer.concat(chunks).toString(),
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

const banner = (text) => console.log(`\n${'='.repeat(100)}\n== ${text}\n${'='.repeat(100)}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const outcomes = [];

/** Adds a finished stage's counts and its summary line. */
function record(stage, { exitCode, seconds }, note = '') {
  const counts = stage.report ? countsFromReport(join(resultsDir, `${stage.report}.json`)) : null;
  let failed = counts?.failed ?? 0;
  if (exitCode !== 0 && failed === 0) failed = 1; // failed without a failing test: a stage error
  totals.passed += counts?.passed ?? 0;
  totals.failed += failed;
  totals.skipped += counts?.skipped ?? 0;
  const detail = counts ? ` (${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped)` : '';
  const status = exitCode === 0 ? (counts && counts.passed === 0 && counts.skipped > 0 ? 'SKIPPED' : 'ok') : 'FAILED';
  outcomes.push(`${stage.name.padEnd(12)} ${status}${detail} in ${seconds.toFixed(1)}s${note}`);
}

/** Starts a stage (its old JSON report removed first, so a crash cannot be counted from a stale one). */
function startStage(stage, live) {
  if (stage.report) rmSync(join(resultsDir, `${stage.report}.json`), { force: true });
  return start(stage.command, { live });
}

const runStarted = Date.now();
// The worker bundles (dist/) feed the integration tests and the app: bring them up to date once, before any
// stage reads them, rather than from two stages at once.
await ensureBundles(root, (line) => console.log(line));

// Typecheck (streamed) beside lint (held back, printed after).
banner(stages.typecheck.title);
const lint = startStage(stages.lint, false);
record(stages.typecheck, await startStage(stages.typecheck, true));

banner(stages.lint.title);
const lintResult = await lint;
process.stdout.write(lintResult.output);
record(stages.lint, lintResult, ' (beside typecheck)');

banner(stages.unit.title);
record(stages.unit, await startStage(stages.unit, true));

// The browser stage's production build, started in the background beside the integration tests when the browser
// stage will need it. Not earlier: the unit tests keep both cores busy (a unit test timed out when the build ran
// beside them on a loaded machine), and tsc reads .next/types/, which the build rewrites.
const chromium = findChromium();
const build = chromium && !buildIsCurrent(root)
  ? start([node, bin('next/dist/bin/next'), 'build'], { live: false, env: { NEXT_TELEMETRY_DISABLED: '1' }, niceness: BACKGROUND_BUILD_NICENESS })
  : null;
if (build) console.log(`Building the app for the browser tests in the background (next build, nice +${BACKGROUND_BUILD_NICENESS}); its log follows under the browser stage.`);

banner(stages.integration.title);
record(stages.integration, await startStage(stages.integration, true));

banner(stages.browser.title);
let buildFailed = false;
if (build) {
  const waitStarted = Date.now();
  const built = await build;
  console.log(`next build (background, started with the integration tests) finished in ${built.seconds.toFixed(1)}s; the browser stage waited ${((Date.now() - waitStarted) / 1000).toFixed(1)}s for it. Its log:`);
  process.stdout.write(built.output);
  if (built.exitCode !== 0) {
    buildFailed = true;
    console.error('next build failed: the browser tests cannot run.');
    record(stages.browser, { exitCode: built.exitCode, seconds: built.seconds }, ' (next build failed)');
  }
}
if (!buildFailed) record(stages.browser, await startStage(stages.browser, true));

banner('Summary');
for (const line of outcomes) console.log(line);
if (!chromium) {
  console.log(
    process.env.CI === 'true'
      ? `\nBrowser tests FAILED (CI=true requires them): ${missingChromiumMessage()}`
      : `\nBrowser tests were SKIPPED: ${missingChromiumMessage()}`,
  );
}
console.log(`\nWhole run: ${((Date.now() - runStarted) / 1000).toFixed(1)}s`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
