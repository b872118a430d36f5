/**
 * What every benchmark returns, the statistics they share, and the plain-text table `npm run bench` prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

export type Unit = 's' | 'ms' | 'MB' | 'KB' | 'count' | 'ratio' | 'msg/s';

export interface Metric {
  /** Stable key for the JSON results. */
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly unit: Unit;
}

export interface Target {
  /** The target in words, e.g. "backfill / envelope fetch <= 1.0". */
  readonly text: string;
  readonly measured: number;
  readonly limit: number;
  readonly unit: Unit;
  readonly met: boolean;
}

export interface BenchResult {
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly Metric[];
  readonly target: Target | null;
  /** What the numbers mean, checks that passed, caveats. */
  readonly notes: readonly string[];
  /** Raw samples and anything else worth keeping in the JSON, never printed. */
  readonly raw?: Readonly<Record<string, unknown>>;
}

export interface Group {
  readonly name: string;
  readonly description: string;
  run(): Promise<BenchResult[]>;
}

export const metric = (key: string, label: string, value: number, unit: Unit): Metric => ({
  key,
  label,
  value,
  unit,
});

export function target(text: string, measured: number, limit: number, unit: Unit): Target {
  return { text, measured, limit, unit, met: measured <= limit };
}

/** Percentile by linear interpolation between the closest ranks (numpy's default), p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (rank - lo);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function format(value: number, unit: Unit): string {
  if (Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 's':
      return `${value.toFixed(2)} s`;
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'ratio':
      return value.toFixed(2);
    case 'msg/s':
      return `${Math.round(value).toLocaleString('en')} msg/s`;
    case 'count':
      return Math.round(value).toLocaleString('en');
  }
}

/** One benchmark as a two-column table, with its target on the last line. */
export function renderTable(r: BenchResult): string {
  const rows = r.metrics.map((m) => [m.label, format(m.value, m.unit)] as const);
  const w0 = Math.max(6, ...rows.map(([l]) => l.length));
  const w1 = Math.max(5, ...rows.map(([, v]) => v.length));
  const line = `+-${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+`;
  const out = [`${r.id}: ${r.title}`, line, `| ${'metric'.padEnd(w0)} | ${'value'.padStart(w1)} |`, line];
  for (const [l, v] of rows) out.push(`| ${l.padEnd(w0)} | ${v.padStart(w1)} |`);
  out.push(line);
  if (r.target) {
    const t = r.target;
    out.push(
      `target: ${t.text} — measured ${format(t.measured, t.unit)}, limit ${format(t.limit, t.unit)}: ${t.met ? 'MET' : 'NOT MET'}`,
    );
  }
  for (const n of r.notes) out.push(`  - ${n}`);
  return out.join('\n');
}

/** A full garbage collection: `gc` when node runs with --expose-gc, else the flag is set now through V8. */
export function collectGarbage(): 'expose-gc' | 'v8-flag' | 'unavailable' {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    exposed();
    return 'expose-gc';
  }
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') {
      (gc as () => void)();
      return 'v8-flag';
    }
  } catch {
    // fall through
  }
  return 'unavailable';
}

export const mb = (bytes: number): number => bytes / (1024 * 1024);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Progress on stderr, so stdout carries only the tables. */
export function progress(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function cpuTimes(): { busy: number; total: number } | null {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal …
    const v = first.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Share of all CPUs busy over `ms` (0..1), from /proc/stat; NaN where there is none. */
export async function cpuBusy(ms = 1000): Promise<number> {
  const a = cpuTimes();
  await sleep(ms);
  const b = cpuTimes();
  if (!a || !b || b.total === a.total) return Number.NaN;
  return (b.busy - a.busy) / (b.total - a.total);
}

/** Above this share of the CPUs busy while the benchmark itself is idle, the machine is doing other work. */
export const QUIET = 0.2;

/**
 * Samples the CPU use of everything else while the benchmark idles, and waits (up to `maxWaitMs`) for the
 * machine to be quiet: other work on a 2-core machine inflates every number here. Returns the last sample.
 */
export async function waitQuiet(label: string, maxWaitMs: number): Promise<number> {
  const end = Date.now() + maxWaitMs;
  let busy = await cpuBusy();
  while (busy > QUIET && Date.now() < end) {
    progress(
      `${label}: the machine is busy with other work (${Math.round(busy * 100)}% of ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(2)}); waiting`,
    );
    busy = await cpuBusy(3000);
  }
  return busy;
}

/** utime + stime + cutime + cstime of every process in group `pgid`, in clock ticks (Linux /proc). */
function groupTicks(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp … utime(14) stime(15) cutime(16) cstime(17)", comm may hold spaces.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[2]) !== pgid) continue;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks;
}

/** Clock ticks per second of /proc/stat and /proc/<pid>/stat (USER_HZ: 100 on every Linux build that matters). */
const USER_HZ = 100;

/**
 * Measures how much CPU other work took while a timed section ran: all busy CPU time on the machine minus this
 * process's and the given process groups' (our Dovecot). Returns a function that ends the measurement and
 * gives the others' share of all CPUs (0..1), NaN off Linux.
 */
export function interference(pgids: readonly number[]): () => number {
  const a = cpuTimes();
  const own0 = process.cpuUsage();
  let ours0 = 0;
  try {
    ours0 = pgids.reduce((sum, g) => sum + groupTicks(g), 0);
  } catch {
    return () => Number.NaN;
  }
  return () => {
    const b = cpuTimes();
    if (!a || !b || b.total === a.total) return Number.NaN;
    const own = process.cpuUsage(own0);
    const ownTicks = ((own.user + own.system) / 1e6) * USER_HZ;
    const oursTicks = pgids.reduce((sum, g) => sum + groupTicks(g), 0) - ours0;
    const others = b.busy - a.busy - ownTicks - oursTicks;
    return Math.max(0, others / (b.total - a.total));
  };
}
