/**
 * `npm run bench [-- GROUP...]`: runs the benchmark groups in sequence (every group when none is named), prints a
 * table per benchmark, and writes each group's results to bench/results/<group>.json (gitignored), with the
 * machine they ran on. Exit code 0 when every benchmark ran, whether or not it met its target; 1 when one
 * failed to run; 2 for an unknown group.
 *
 * The npm script runs this inside scripts/with-keyring.sh (keytar needs a Secret Service). Memory figures
 * are taken after a full GC: with NODE_OPTIONS=--expose-gc, or else through V8's flag set at run time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alertsGroup } from './alerts';
import { imapGroup } from './imap';
import { recognitionGroup } from './recognition';
import { timelineGroup } from './timeline';
import { renderTable, type BenchResult, type Group } from './report';

const GROUPS: readonly Group[] = [imapGroup, alertsGroup, recognitionGroup, timelineGroup];

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly dovecot: string | null;
}

function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  let dovecot: string | null = null;
  try {
    dovecot = execFileSync(process.env.MIMAMORI_DOVECOT_BIN ?? '/usr/sbin/dovecot', ['--version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    dovecot = null;
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    dovecot,
  };
}

/** The code measured: the commit, and the source files changed in the working tree since it. */
function code(): { head: string | null; modified: string[] } {
  // Not trimmed: a porcelain line starts with its status columns, and " M path" must keep its leading space.
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
    } catch {
      return null;
    }
  };
  const status = git('status', '--porcelain', '--', 'electron', 'shared', 'package.json') ?? '';
  return {
    head: git('rev-parse', '--short', 'HEAD'),
    modified: status
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3)),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const names = argv.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark group: ${unknown.join(', ')}. Groups: ${GROUPS.map((g) => `${g.name} (${g.description})`).join('; ')}`,
    );
    return 2;
  }
  const chosen = names.length > 0 ? GROUPS.filter((g) => names.includes(g.name)) : GROUPS;
  const host = machine();
  const measured = code();
  console.log(
    `Mimamori benchmarks — ${new Date().toISOString()}\n${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.os}, Dovecot ${host.dovecot ?? 'not found'}\n` +
      `code: ${measured.head ?? 'unknown commit'}${measured.modified.length > 0 ? ` + ${measured.modified.length} changed source file(s) in the working tree` : ''}\n`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  let failed = 0;
  for (const group of chosen) {
    const startedAt = new Date();
    let results: BenchResult[] = [];
    let error: string | null = null;
    try {
      results = await group.run();
    } catch (err) {
      failed++;
      error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`benchmark group ${group.name} failed: ${error}`);
    }
    for (const r of results) console.log(`${renderTable(r)}\n`);
    const file = path.join(RESULTS_DIR, `${group.name}.json`);
    const finishedAt = new Date();
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          group: group.name,
          startedAt: startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
          seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
          machine: host,
          code: measured,
          error,
          results,
        },
        (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
        2,
      )}\n`,
    );
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  }
  const all = chosen.length;
  console.log(`${all - failed} group(s) ran, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
