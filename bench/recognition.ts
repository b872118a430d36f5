/**
 * Recognition speed (issue 4): 100,000 mixed messages, 1% from watched senders, as a Google Takeout mbox.
 *   1. header triage alone over every message (msgs/s);
 *   2. full parse and extraction of the candidates triage passes (msgs/s);
 *   3. the whole import through the Core (read the mbox, triage, parse, recognise, store, correlate), with the
 *      memory it used.
 * The mailbox comes from bench/corpus.ts (the same generator as the IMAP benchmark), written once to a temporary
 * mbox so the import reads a real file as a user's would.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { fork } from 'node:child_process';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { triage } from '../electron/core/parse/triage';
import { prepareMail } from '../electron/core/pipeline';
import { DEFAULT_TRUST } from '../electron/core/recognise/authenticity';
import { BUILT_IN_RULES } from '../electron/core/recognise/rules';
import { splitMbox } from '../electron/core/sources/files';
import { senderTokens } from '../electron/core/sources/imap/criteria';
import { generateMailbox, ordinarySenders, planMailbox } from './corpus';
import { mb, metric, progress, round, type BenchResult, type Group } from './report';

const TOTAL = Number(process.env.MIMAMORI_BENCH_MESSAGES ?? 100_000);
const CANDIDATES = Math.round(TOTAL / 100);

export async function writeMbox(file: string): Promise<{ bytes: number; candidates: number }> {
  const out = createWriteStream(file);
  const { kept } = ordinarySenders(senderTokens(BUILT_IN_RULES));
  const chunks: Buffer[][] = [];
  const r = generateMailbox(planMailbox(TOTAL, CANDIDATES, 11), 11, 730, kept, (chunk) => chunks.push(chunk));
  let n = 0;
  for (const chunk of chunks) {
    for (const m of chunk) {
      // mboxrd (RFC 4155, as Takeout writes): a separator line, ">From " escaping, a blank line after.
      const text = m
        .toString('latin1')
        .replace(/\r\n/g, '\n')
        .replace(/^(>*From )/gm, '>$1');
      out.write(`From ${n++}@takeout Mon Jan 01 00:00:00 +0000 2026\n${text}\n\n`, 'latin1');
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return { bytes: r.bytes, candidates: r.candidates.length };
}

interface Imported {
  readonly importMs: number;
  readonly scanned: number;
  readonly signals: number;
  readonly stored: Record<string, number>;
  readonly baseline: number;
  readonly peakRss: number;
}

/** tsx passes its loader in execArgv, which fork() inherits, so the child can be TypeScript too. */
function importInChild(file: string, dataDir: string): Promise<Imported> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./recognition-import.ts', import.meta.url)), [file, dataDir], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Imported | null = null;
    child.on('message', (m) => {
      result = m as Imported;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the import process exited with ${code} and no result`)),
    );
  });
}

async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-bench-recognition-'));
  try {
    const file = path.join(dir, 'All mail Including Spam and Trash.mbox');
    progress(`recognition: writing a ${TOTAL}-message mbox`);
    const written = await writeMbox(file);
    const size = statSync(file).size;

    // 1. Triage alone, over messages already split from the mbox (splitting is timed in the import below).
    const messages: Buffer[] = [];
    for await (const m of splitMbox(createReadStream(file, { highWaterMark: 1 << 20 }), file))
      messages.push(Buffer.from(m.raw));
    progress('recognition: triage');
    let t0 = performance.now();
    const passed: Buffer[] = [];
    for (const m of messages) if (triage(m) === 'candidate') passed.push(m);
    const triageMs = performance.now() - t0;
    const passedCount = passed.length;

    // 2. Full parse and recognition of what triage passed.
    progress('recognition: full parse of the candidates');
    const ctx = { rules: BUILT_IN_RULES, trust: DEFAULT_TRUST, nowIso: new Date().toISOString() };
    let signals = 0;
    t0 = performance.now();
    for (const [i, m] of passed.entries()) signals += (await prepareMail(m, `m${i}`, ctx)).signals.length;
    const parseMs = performance.now() - t0;
    const parseAllSample = messages.slice(0, 2000);
    t0 = performance.now();
    for (const [i, m] of parseAllSample.entries()) await prepareMail(m, `s${i}`, ctx);
    const parseAllMs = ((performance.now() - t0) / parseAllSample.length) * messages.length;
    messages.length = 0;
    passed.length = 0;

    // 3. The whole import, as a user's: Core.importPaths on the mbox file, in a fresh child process.
    progress('recognition: the whole import (a fresh process)');
    const data = path.join(dir, 'data');
    const imported = await importInChild(file, data);
    const importMs = imported.importMs;
    const summary = imported;
    const stored = imported.stored;

    if (summary.scanned !== TOTAL) throw new Error(`import read ${summary.scanned} of ${TOTAL} messages`);
    if (summary.signals !== written.candidates)
      throw new Error(`${summary.signals} signals for ${written.candidates} candidates`);
    return [
      {
        id: 'recognition.mixed',
        title: `Recognition of ${TOTAL.toLocaleString('en')} mixed messages, ${CANDIDATES} from watched senders (a ${round(mb(size), 0)} MB mbox)`,
        metrics: [
          metric('triage.rate', 'header triage, every message', round(TOTAL / (triageMs / 1000), 0), 'msg/s'),
          metric('triage.ms', 'header triage, total', round(triageMs, 0), 'ms'),
          metric(
            'triage.passed',
            'passed by triage (the candidates plus look-alikes and forwards)',
            passedCount,
            'count',
          ),
          metric(
            'parse.rate',
            'full parse + recognition of what triage passed',
            round(passedCount / (parseMs / 1000), 0),
            'msg/s',
          ),
          metric('parse.signals', 'signals found in them', signals, 'count'),
          metric(
            'parse.all.s',
            'full parse of every message instead (extrapolated from 2,000)',
            round(parseAllMs / 1000, 1),
            's',
          ),
          metric(
            'import.s',
            'whole import: read, split, triage, parse, store, correlate',
            round(importMs / 1000, 2),
            's',
          ),
          metric('import.rate', 'whole import rate', round(TOTAL / (importMs / 1000), 0), 'msg/s'),
          metric(
            'rss.base',
            'importing process: RSS before the import',
            round(mb(imported.baseline), 1),
            'MB',
          ),
          metric('rss.peak', 'importing process: peak RSS (VmHWM)', round(mb(imported.peakRss), 1), 'MB'),
        ],
        target: null,
        notes: [
          `checked: ${summary.scanned} messages read, ${summary.signals} signals for ${written.candidates} generated candidates; stored ${JSON.stringify(stored)} (mail triage skips is not stored)`,
          'triage reads only the header block: From and Subject decoded (RFC 2047), the sender checked against every watched identity (genuine, look-alike, display name), and forward markers',
        ],
        raw: { triageMs, parseMs, parseAllMs, imported, size },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const recognitionGroup: Group = {
  name: 'recognition',
  description: 'recognition of 100,000 mixed messages: header triage, full parse of candidates, whole import',
  run,
};
