// Reads Vitest's and Playwright's JSON reports and prints one closing line CI can count: "N passed, N failed"
// (skipped tests are named on their own line so a skip is never silent).
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (vitestFile && existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numRuntimeErrorTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // Name every skipped (or todo) test with its file, as for Playwright below. Vitest's JSON report carries no skip
  // reason: the test's own skipIf/runIf condition, next to it in the file, is the reason.
  for (const file of v.testResults ?? []) {
    const where = relative(process.cwd(), file.name ?? '');
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed' || t.status === 'failed') continue;
      const line = t.location?.line ? `:${t.location.line}` : '';
      console.log(
        `skipped: [vitest] ${where}${line} ${t.fullName ?? t.title}${t.status === 'todo' ? ' (todo)' : ''}`,
      );
    }
  }
} else missing.push('vitest');

if (playwrightFile && existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0) + (p.errors?.length ?? 0);
  skipped += p.stats?.skipped ?? 0;
  // Name every skipped spec with its reason, so a skip is never silent.
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        console.log(`skipped: [${t.projectName}] ${spec.title}: ${why}`);
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of p.suites ?? []) walk(s);
} else missing.push('playwright');

if (missing.length) {
  console.log(`no report from ${missing.join(' and ')}: counted as a failure`);
  failed += missing.length;
}
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
