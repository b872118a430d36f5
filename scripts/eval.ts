/**
 * `npm run eval`: every corpus case through the real parser and rules, in every encoding it lists; prints
 * per-rule precision, recall and amount accuracy and every failing case. `--write DIR` also writes the rendered
 * mails as .eml files. Exits 1 when a case fails or a built-in rule has no positive, negative or encoding case.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodingsOf, loadCorpus, precision, recall, runCorpus } from '../fixtures/corpus/eval';
import { BUILT_IN_RULES } from '../electron/core/recognise/rules';
import { buildMail } from '../electron/core/testing/mailbuilder';
import { coverageGaps } from '../fixtures/corpus/coverage';

const args = process.argv.slice(2);
const writeDir = args.includes('--write') ? args[args.indexOf('--write') + 1] : undefined;

const cases = await loadCorpus();
const run = await runCorpus(cases);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rows = run.metrics.map((m) => ({
  rule: m.rule,
  tp: m.tp,
  fp: m.fp,
  fn: m.fn,
  precision: pct(precision(m)),
  recall: pct(recall(m)),
  amounts: m.amountTotal === 0 ? '-' : `${m.amountOk}/${m.amountTotal}`,
}));
const w = Math.max(...rows.map((r) => r.rule.length), 4);
console.log(
  `${'rule'.padEnd(w)}  ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}  precision  recall  amounts`,
);
for (const r of rows) {
  console.log(
    `${r.rule.padEnd(w)}  ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}  ${r.precision.padStart(9)}  ${r.recall.padStart(6)}  ${r.amounts}`,
  );
}
const failed = run.results.filter((r) => !r.ok);
for (const f of failed) console.log(`FAIL ${f.id} [${f.encoding}]: ${f.problems.join('; ')}`);
const gaps = coverageGaps(cases, BUILT_IN_RULES);
for (const g of gaps) console.log(`GAP ${g}`);
console.log(
  `${run.results.length - failed.length} of ${run.results.length} renderings of ${cases.length} cases pass; ${BUILT_IN_RULES.length} rules`,
);

if (writeDir) {
  mkdirSync(writeDir, { recursive: true });
  for (const c of cases) {
    for (const enc of encodingsOf(c)) {
      const name = `${c.id.replace(/[^A-Za-z0-9.-]+/g, '_')}.${enc[0]}.${enc[1]}.eml`;
      writeFileSync(path.join(writeDir, name), buildMail({ ...c.mail, charset: enc[0], encoding: enc[1] }));
    }
  }
  console.log(`wrote the rendered mails to ${writeDir}`);
}
process.exitCode = failed.length > 0 || gaps.length > 0 ? 1 : 0;
