#!/usr/bin/env node
// `npm test`: every check the project has, in one run. Stages: typecheck, lint, unit, integration, browser.
// Every stage runs even when an earlier one failed, so one run shows everything that is wrong. The last line
// counts tests: `N passed, N failed[, N skipped]`; a stage that fails without test results (a type error, a lint
// error, a crash before any test ran) counts as one failure. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, missingChromiumMessage } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const node = process.execPath;
const bin = (path) => join(root, 'node_modules', path);

/** Vitest reporter options that also write a JSON report we can count from. */
const vitestReport = (name) => ['--reporter=default', '--reporter=json', `--outputFile.json=${join(resultsDir, `${name}.json`)}`];

const stages = [
  { name: 'typecheck', title: 'Typecheck (tsc --noEmit)', command: [node, bin('typescript/bin/tsc'), '--noEmit', '-p', '.'] },
  { name: 'lint', title: 'Lint (eslint)', command: [node, bin('eslint/bin/eslint.js'), '--max-warnings=0', '.'] },
  { name: 'unit', title: 'Unit tests (vitest --project unit)', report: 'unit', command: [node, bin('vitest/vitest.mjs'), 'run', '--project', 'unit', ...vitestReport('unit')] },
  { name: 'integration', title: 'Integration tests (vitest --project integration, real PostgreSQL)', report: 'integration', command: [node, bin('vitest/vitest.mjs'), 'run', '--project', 'integration', ...vitestReport('integration')] },
  { name: 'browser', title: 'Browser tests (next build if needed, next start, Chromium)', report: 'e2e', command: [node, join(root, 'scripts/run-e2e.mjs'), ...vitestReport('e2e')] },
];

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

const banner = (text) => console.log(`\n${'='.repeat(100)}\n== ${text}\n${'='.repeat(100)}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const outcomes = [];

for (const stage of stages) {
  banner(stage.title);
  const reportPath = stage.report ? join(resultsDir, `${stage.report}.json`) : null;
  if (reportPath) rmSync(reportPath, { force: true });
  const started = Date.now();
  const result = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const exitCode = result.status ?? 1;
  const counts = reportPath ? countsFromReport(reportPath) : null;

  let failed = counts?.failed ?? 0;
  if (exitCode !== 0 && failed === 0) failed = 1; // failed without a failing test: a stage error
  totals.passed += counts?.passed ?? 0;
  totals.failed += failed;
  totals.skipped += counts?.skipped ?? 0;

  const detail = counts ? ` (${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped)` : '';
  const status = exitCode === 0 ? (counts && counts.passed === 0 && counts.skipped > 0 ? 'SKIPPED' : 'ok') : 'FAILED';
  outcomes.push(`${stage.name.padEnd(12)} ${status}${detail} in ${seconds}s`);
}

banner('Summary');
for (const line of outcomes) console.log(line);
const chromium = findChromium();
if (!chromium) {
  console.log(
    process.env.CI === 'true'
      ? `\nBrowser tests FAILED (CI=true requires them): ${missingChromiumMessage()}`
      : `\nBrowser tests were SKIPPED: ${missingChromiumMessage()}`,
  );
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
