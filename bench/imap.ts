/**
 * The IMAP benchmarks of issue 3, against a private Dovecot (electron/core/testing/dovecot.ts) on loopback:
 *
 *   imap.backfill   the first sync of a 100,000-message mailbox with 1% candidates, through the real sync path
 *                   (syncMailbox: search, fetch, parse, store, correlate per batch), against bare imapflow
 *                   fetching every envelope of an identical mailbox. Target: backfill / envelope fetch <= 1.0.
 *   imap.append     APPEND → signal stored, through a watching Core (IDLE push), beside Dovecot's own IDLE
 *                   notification delay seen by a bare imapflow client. Target: p95 within 150 ms of Dovecot's.
 *   imap.poll       the cost of a quiet poll (hasNewMail: STATUS, or NOOP on the selected mailbox): round trips
 *                   and time. Reported with the memory of the process after the 100k backfill.
 *
 * Sizes can be lowered for a quick try: MIMAMORI_BENCH_MESSAGES (default 100000), MIMAMORI_BENCH_APPENDS (50),
 * MIMAMORI_BENCH_POLLS (50). Before each timed section the run waits up to MIMAMORI_BENCH_QUIET_WAIT seconds
 * (300) for other work on the machine to stop, and every result says how much CPU other work took around it.
 * Needs root and dovecot-imapd (as the IMAP tests do) and a keychain for keytar (`npm run bench` runs inside
 * scripts/with-keyring.sh).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { DEFAULT_BACKFILL_MONTHS, DEFAULT_POLL_SECONDS } from '../shared/accounts';
import { Core, DB_FILE } from '../electron/core/app';
import { prepareMail } from '../electron/core/pipeline';
import { BUILT_IN_RULES } from '../electron/core/recognise/rules';
import { KeytarSecretStore } from '../electron/core/secrets/secrets';
import { fingerprintOf, imapOptions, type Endpoint } from '../electron/core/sources/imap/connect';
import { senderTokens } from '../electron/core/sources/imap/criteria';
import { hasNewMail, syncMailbox } from '../electron/core/sources/imap/sync';
import { startDovecot, type Dovecot } from '../electron/core/testing/dovecot';
import {
  candidateMail,
  generateMailbox,
  ordinaryMail,
  ordinarySenders,
  planMailbox,
  prng,
  type Candidate,
  type Sender,
} from './corpus';
import {
  collectGarbage,
  interference,
  mb,
  median,
  metric,
  percentile,
  progress,
  round,
  QUIET,
  sleep,
  target,
  type BenchResult,
  type Group,
  type Metric,
  waitQuiet,
} from './report';

const intFromEnv = (name: string, fallback: number): number => {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const MESSAGES = intFromEnv('MIMAMORI_BENCH_MESSAGES', 100_000);
const CANDIDATES = Math.max(1, Math.round(MESSAGES / 100));
const APPENDS = intFromEnv('MIMAMORI_BENCH_APPENDS', 50);
const POLLS = intFromEnv('MIMAMORI_BENCH_POLLS', 50);
/** How long to wait for other work on the machine to stop before each timed section. */
const QUIET_WAIT_MS = intFromEnv('MIMAMORI_BENCH_QUIET_WAIT', 300) * 1000;
/** Untimed rounds before the samples of the latency and poll benchmarks: JIT, connection and cache warm-up. */
const WARMUP = 3;
const SEED = 20260421;
/** Mail dates span the last 330 days: inside the default 12-month backfill window, as INTERNALDATE is. */
const SPAN_DAYS = 330;

const MIMAMORI = { user: 'mimamori', password: 'mimamori-Bench-Pa55' };
const BARE = { user: 'bare', password: 'bare-Bench-Pa55' };

/**
 * Other work on the machine, by timed section: its share of all CPUs just before the section (after waiting
 * for quiet, see waitQuiet) and during it (everything busy minus this process and our Dovecot's processes).
 */
const background = new Map<string, { before: number; during: number }>();
/** Our Dovecot's process group (its master leads one), left out of "other work". */
let dovecotGroup: number[] = [];

async function measured<T>(section: string, fn: () => Promise<T>): Promise<T> {
  const before = await waitQuiet(section, QUIET_WAIT_MS);
  const end = interference(dovecotGroup);
  try {
    return await fn();
  } finally {
    background.set(section, { before, during: end() });
  }
}

const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${Math.round(x * 100)}%`);

/** What other work the timed sections of a benchmark shared the machine with; a warning when it was much. */
function backgroundNote(prefix: string): string[] {
  const mine = [...background].filter(([k]) => k.startsWith(prefix));
  if (mine.length === 0) return [];
  const line = `other work on the machine (share of all CPUs) before / during each timed section: ${mine.map(([k, v]) => `${k.slice(prefix.length).trim() || k} ${pct(v.before)} / ${pct(v.during)}`).join('; ')}`;
  const busy = mine.filter(([, v]) => v.before > QUIET || v.during > QUIET);
  return busy.length === 0
    ? [line]
    : [
        line,
        `WARNING: other work used over ${QUIET * 100}% of the CPUs around ${busy.map(([k]) => k).join(', ')}: those numbers are inflated`,
      ];
}

// --- IMAP plumbing --------------------------------------------------------------------------------------------

interface SentCommand {
  readonly tag: string;
  readonly name: string;
  readonly at: number;
}

/**
 * An imapflow logger that records every command the client sends and when its tagged response arrives.
 * imapflow logs each command at debug level as `{ src: 'c', msg: '<tag> <COMMAND> …' }` (and DONE, which ends
 * IDLE, as `msg: 'DONE'`); literal continuations as `(* nB continuation *)`, which are part of the command
 * before them. Server lines log as `src: 's'`; untagged FETCH data goes to `trace`, which this logger does not
 * have, so imapflow never serialises the bulk of a fetch for it.
 */
class CommandLog {
  readonly sent: SentCommand[] = [];
  readonly done = new Map<string, number>();
  readonly problems: string[] = [];
  private continuation: (() => void) | null = null;

  readonly logger = {
    debug: (entry: unknown): void => this.record(entry),
    info: (): void => undefined,
    warn: (entry: unknown): void => void this.problems.push(JSON.stringify(entry)),
    error: (entry: unknown): void => void this.problems.push(JSON.stringify(entry)),
  };

  private record(entry: unknown): void {
    if (!entry || typeof entry !== 'object') return;
    const { src, msg } = entry as { src?: unknown; msg?: unknown };
    if (typeof msg !== 'string') return;
    const at = performance.now();
    if (src === 'c') {
      if (msg.startsWith('(*')) return;
      if (msg === 'DONE') {
        this.sent.push({ tag: '', name: 'DONE', at });
        return;
      }
      const [tag = '', first = '', second = ''] = msg.split(' ', 3);
      this.sent.push({
        tag,
        name: first.toUpperCase() === 'UID' ? `UID ${second}` : first.toUpperCase(),
        at,
      });
    } else if (src === 's') {
      if (msg.startsWith('+')) {
        const c = this.continuation;
        this.continuation = null;
        c?.();
        return;
      }
      const tag = msg.split(' ', 1)[0] ?? '';
      if (tag !== '*') this.done.set(tag, at);
    }
  }

  /** Resolves at the next "+" continuation from the server (IDLE accepted). */
  nextContinuation(): Promise<void> {
    return new Promise((resolve) => {
      this.continuation = resolve;
    });
  }

  /** Commands sent since index `from`, by name. */
  names(from: number): string[] {
    return this.sent.slice(from).map((c) => c.name);
  }

  /** Each command since index `from` with the time to its tagged response. */
  each(from = 0): { name: string; ms: number }[] {
    return this.sent.slice(from).map((c) => ({ name: c.name, ms: (this.done.get(c.tag) ?? c.at) - c.at }));
  }

  /** Each command since index `from` with its send and answer times. */
  spans(from = 0): { name: string; start: number; end: number }[] {
    return this.sent
      .slice(from)
      .map((c) => ({ name: c.name, start: c.at, end: this.done.get(c.tag) ?? c.at }));
  }

  /** Time from each command to its tagged response, summed by command name. */
  durations(from = 0): Map<string, { count: number; ms: number }> {
    const out = new Map<string, { count: number; ms: number }>();
    for (const c of this.sent.slice(from)) {
      const end = this.done.get(c.tag);
      const cur = out.get(c.name) ?? { count: 0, ms: 0 };
      cur.count++;
      if (end !== undefined) cur.ms += end - c.at;
      out.set(c.name, cur);
    }
    return out;
  }
}

function plainOptions(dv: Dovecot, who: { user: string; password: string }): ImapFlowOptions {
  return {
    host: dv.host,
    port: dv.ports.plain,
    secure: false,
    doSTARTTLS: false,
    auth: { user: who.user, pass: who.password },
    logger: false,
    disableAutoIdle: true,
  };
}

async function open(options: ImapFlowOptions): Promise<ImapFlow> {
  const client = new ImapFlow(options);
  // A dropped connection must reject the pending command, not crash the run with an unhandled 'error'.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function close(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}

/** Mimamori's own client options (connect.ts) for the plain port, with a command log. */
function mimamoriOptions(dv: Dovecot, log: CommandLog): ImapFlowOptions {
  const ep: Endpoint = { host: dv.host, port: dv.ports.plain, tls: 'none', user: MIMAMORI.user };
  return { ...imapOptions(ep, MIMAMORI.password), logger: log.logger };
}

function newCore(dirs: string[], extra: Partial<ConstructorParameters<typeof Core>[0]> = {}): Core {
  let dataDir = extra.dataDir;
  if (dataDir === undefined) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-bench-'));
    dirs.push(dataDir);
  }
  return new Core({
    dataDir,
    version: 'bench',
    alerts: false,
    platform: { shell: 'headless', systemLocale: () => 'en' },
    ...extra,
  });
}

/** An account and its INBOX row, as the account form would leave them, on the plain port. */
function seedAccount(core: Core, dv: Dovecot): number {
  const id = core.accounts.insert({
    host: dv.host,
    port: dv.ports.plain,
    tls: 'none',
    user: MIMAMORI.user,
    trustedCert: null,
    backfillMonths: DEFAULT_BACKFILL_MONTHS,
    pollSeconds: DEFAULT_POLL_SECONDS,
    createdAt: new Date().toISOString(),
  });
  core.accounts.upsertMailbox(id, 'INBOX', 'inbox', true);
  return id;
}

// --- benchmark 1: backfill ------------------------------------------------------------------------------------

interface BareRun {
  readonly ms: number;
  readonly envelopes: number;
}

/** Bare imapflow: EXAMINE INBOX and fetch every envelope, counting them. */
async function bareEnvelopeFetch(dv: Dovecot): Promise<BareRun> {
  const client = await open(plainOptions(dv, BARE));
  try {
    const t0 = performance.now();
    await client.mailboxOpen('INBOX', { readOnly: true });
    let envelopes = 0;
    for await (const msg of client.fetch('1:*', { envelope: true, uid: true })) {
      if (msg.envelope) envelopes++;
    }
    return { ms: performance.now() - t0, envelopes };
  } finally {
    await close(client);
  }
}

/** The SEARCH phase of a backfill as the user waits for it: from the first SEARCH (or helper connect) to the last answer. */
function searchWall(
  main: readonly { name: string; start: number; end: number }[],
  helper: readonly { name: string; start: number; end: number }[],
  helperOpened: readonly number[],
): number {
  const searches = [...main, ...helper].filter((c) => c.name.includes('SEARCH'));
  if (searches.length === 0) return 0;
  const start = Math.min(...searches.map((c) => c.start), ...helperOpened);
  return Math.max(...searches.map((c) => c.end)) - start;
}

function searchSplit(run: BackfillRun): string {
  const own = run.searches.map((x) => `${Math.round(x)} ms`).join(' + ');
  if (run.helper.sessions === 0) return `one session: ${own}`;
  return `newer half here: ${own}; older half on a helper session: ${Math.round(run.helper.searchMs)} ms, ${Math.round(run.helper.totalMs)} ms with its connect, login and EXAMINE`;
}

interface BackfillRun {
  readonly core: Core;
  readonly accountId: number;
  readonly ms: number;
  readonly backfilled: number;
  readonly batches: number;
  readonly correlateMs: number;
  readonly commands: Map<string, { count: number; ms: number }>;
  readonly searches: number[];
  /** The candidate SEARCH from its first command (or the helper's connect) to the last answer, both sessions. */
  readonly searchWallMs: number;
  /** The helper session (sync.ts searchRange): connect + login + EXAMINE + SEARCH of the older half. */
  readonly helper: { sessions: number; searchMs: number; totalMs: number };
}

/** The real first sync: a Core with the account seeded, syncMailbox on a connected client, correlate per batch. */
async function mimamoriBackfill(dv: Dovecot, dirs: string[]): Promise<BackfillRun> {
  const core = newCore(dirs);
  const accountId = seedAccount(core, dv);
  const account = core.accounts.get(accountId);
  if (!account) throw new Error('the seeded account vanished');
  const log = new CommandLog();
  const client = await open(mimamoriOptions(dv, log));
  const from = log.sent.length;
  // The watcher's openHelper (watcher.ts): a second session with the same client options, its own command log.
  const helperLog = new CommandLog();
  const helperOpened: number[] = [];
  const openHelper = (): Promise<ImapFlow> => {
    helperOpened.push(performance.now());
    return open(mimamoriOptions(dv, helperLog));
  };
  let correlateMs = 0;
  let batches = 0;
  try {
    const t0 = performance.now();
    const r = await syncMailbox(
      {
        client,
        accountId,
        repo: core.repo,
        accounts: core.accounts,
        context: () => core.recogniseContext(),
        tokens: senderTokens(core.rules()),
        backfillMonths: account.backfill_months,
        now: () => new Date(),
        openHelper,
        // What the Core does after each batch (app.ts afterBatch): correlate and alert.
        afterBatch: () => {
          const c0 = performance.now();
          core.correlateNow();
          correlateMs += performance.now() - c0;
          batches++;
        },
      },
      'INBOX',
    );
    const ms = performance.now() - t0;
    if (log.problems.length > 0) progress(`imapflow reported: ${log.problems.slice(0, 3).join(' | ')}`);
    return {
      core,
      accountId,
      ms,
      backfilled: r.backfilled,
      batches,
      correlateMs,
      commands: log.durations(from),
      searches: log
        .each(from)
        .filter((c) => c.name.includes('SEARCH'))
        .map((c) => c.ms),
      searchWallMs: searchWall(log.spans(from), helperLog.spans(0), helperOpened),
      helper: {
        sessions: helperOpened.length,
        searchMs: helperLog
          .each(0)
          .filter((c) => c.name.includes('SEARCH'))
          .reduce((a, c) => a + c.ms, 0),
        totalMs: helperLog.spans(0).reduce((end, c) => Math.max(end, c.end), 0) - (helperOpened[0] ?? 0),
      },
    };
  } finally {
    await close(client);
  }
}

interface Expected {
  readonly candidates: readonly Candidate[];
  readonly incidents: string;
}

const incidentSummary = (core: Core): string =>
  core
    .sortedIncidents()
    .map((i) => `${i.kind}/${i.vendor}/${i.severity}/${i.signalIds.length}`)
    .sort()
    .join(', ');

/** The same candidates through the file import path, on a throw-away Core: the incidents the sync must reach. */
async function referenceImport(candidates: readonly Candidate[], dirs: string[]): Promise<string> {
  const core = newCore(dirs);
  try {
    async function* messages(): AsyncGenerator<{ raw: Uint8Array; source: string }> {
      for (const [i, c] of candidates.entries()) yield { raw: c.raw, source: `reference#${i}` };
    }
    await core.importMessages(messages());
    return incidentSummary(core);
  } finally {
    await core.close();
  }
}

/** Throws unless the backfill stored exactly the candidates, each as its one expected signal. */
function verifyBackfill(run: BackfillRun, expected: Expected, total: number): string[] {
  const { core, accountId } = run;
  const n = expected.candidates.length;
  const fail = (what: string): never => {
    throw new Error(`imap.backfill: wrong result: ${what}`);
  };
  const counts = core.repo.messageCounts();
  if (JSON.stringify(counts) !== JSON.stringify({ recognised: n }))
    fail(`messages ${JSON.stringify(counts)}, expected ${n} recognised`);
  if (run.backfilled !== n) fail(`syncMailbox reported ${run.backfilled} backfilled, expected ${n}`);
  const signals = core.repo.allSignals();
  if (signals.length !== n) fail(`${signals.length} signals, expected ${n}`);
  const byKind = (xs: readonly { kind: string }[]): string =>
    JSON.stringify(
      Object.entries(
        xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.kind]: (acc[x.kind] ?? 0) + 1 }), {}),
      ).sort(),
    );
  if (byKind(signals) !== byKind(expected.candidates))
    fail(`signal kinds ${byKind(signals)}, expected ${byKind(expected.candidates)}`);
  const sum = signals.reduce((s, x) => s + (x.amount?.minor ?? 0), 0);
  const expectedSum = expected.candidates.reduce((s, c) => s + c.amountJpy, 0);
  if (sum !== expectedSum) fail(`amounts sum to ${sum}, expected ${expectedSum}`);
  const unverified = signals.filter((s) => s.authenticity.verdict !== 'verified').length;
  if (unverified > 0) fail(`${unverified} signals not verified`);
  const state = core.accounts.mailbox(accountId, 'INBOX');
  if (!state || state.backfill_below !== null || state.backfill_done !== n || state.uid_next !== total + 1)
    fail(`sync state ${JSON.stringify(state)}`);
  const incidents = incidentSummary(core);
  if (incidents !== expected.incidents) fail(`incidents [${incidents}], expected [${expected.incidents}]`);
  return [
    `checked: ${n} messages stored (all recognised), ${n} signals (${byKind(signals)}), amounts sum ¥${sum.toLocaleString('en')}, all verified; sync state complete (UIDNEXT ${total + 1}); incidents equal to importing the same ${n} mails as files: ${incidents}`,
  ];
}

function commandMetrics(prefix: string, commands: Map<string, { count: number; ms: number }>): Metric[] {
  const out: Metric[] = [];
  for (const [name, { count, ms }] of [...commands].sort((a, b) => b[1].ms - a[1].ms)) {
    if (ms < 1 && !/SEARCH|FETCH/.test(name)) continue;
    out.push(metric(`${prefix}.${name.replace(/\s+/g, '_').toLowerCase()}`, `  ${name} ×${count}`, ms, 'ms'));
  }
  return out;
}

// --- benchmark 2: APPEND → signal stored ----------------------------------------------------------------------

/**
 * Watches the signals table from a worker thread with its own read-only connection, polling every 5 ms: it sees a
 * signal row the moment its transaction commits, even while the main thread goes on correlating in the same tick.
 * `reached(n)` resolves with the time (this thread's performance.now()) the count was first seen at n or more.
 */
function rowWatcher(dbPath: string): {
  reached(atLeast: number, timeoutMs: number): Promise<number | null>;
  stop(): Promise<void>;
} {
  // Plain CommonJS for an eval'd worker: it needs no TypeScript, and require() resolves from the project.
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
    const count = db.prepare('SELECT count(*) AS n FROM signals');
    let last = -1;
    const tick = () => {
      const n = count.get().n;
      if (n !== last) {
        last = n;
        parentPort.postMessage({ n, at: performance.timeOrigin + performance.now() });
      }
    };
    const timer = setInterval(tick, 5);
    parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
    tick();`;
  const worker = new Worker(code, { eval: true, workerData: { path: dbPath } });
  const seen: { n: number; at: number }[] = [];
  const waiters = new Set<{ atLeast: number; resolve: (at: number) => void }>();
  worker.on('message', (m: { n: number; at: number }) => {
    const at = m.at - performance.timeOrigin;
    seen.push({ n: m.n, at });
    for (const w of waiters) {
      if (m.n >= w.atLeast) {
        waiters.delete(w);
        w.resolve(at);
      }
    }
  });
  worker.on('error', (err) => progress(`imap.append: the row watcher failed: ${err.message}`));
  return {
    reached: (atLeast, timeoutMs) =>
      new Promise((resolve) => {
        const hit = seen.find((x) => x.n >= atLeast);
        if (hit) return resolve(hit.at);
        const w = {
          atLeast,
          resolve: (at: number): void => {
            clearTimeout(t);
            resolve(at);
          },
        };
        const t = setTimeout(() => {
          waiters.delete(w);
          resolve(null);
        }, timeoutMs);
        waiters.add(w);
      }),
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** Resolves at the next 'timeline.changed' after which the signal count is at least `atLeast`. */
function timelineReaches(core: Core, atLeast: number, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      off();
      resolve(null);
    }, timeoutMs);
    const off = core.on('timeline.changed', () => {
      if (core.repo.countSignals() < atLeast) return;
      clearTimeout(t);
      off();
      resolve(performance.now());
    });
  });
}

async function until(what: string, f: () => boolean, timeoutMs: number, everyMs = 5): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A bare imapflow client IDLing on INBOX over implicit TLS; `next()` resolves at its next 'exists' event. */
async function idler(
  dv: Dovecot,
): Promise<{ next(timeoutMs: number): Promise<number | null>; stop(): Promise<void> }> {
  const client = await open({
    host: dv.host,
    port: dv.ports.imaps,
    secure: true,
    tls: { ca: [dv.caCert] },
    auth: { user: MIMAMORI.user, pass: MIMAMORI.password },
    logger: false,
    disableAutoIdle: true,
  });
  let waiter: ((at: number) => void) | null = null;
  client.on('exists', (e: { count: number; prevCount: number }) => {
    const at = performance.now();
    if (e.count > e.prevCount && waiter) {
      const w = waiter;
      waiter = null;
      w(at);
    }
  });
  await client.mailboxOpen('INBOX', { readOnly: true });
  client.idle().catch(() => undefined);
  await sleep(200);
  return {
    next: (timeoutMs) =>
      new Promise((resolve) => {
        const t = setTimeout(() => {
          waiter = null;
          resolve(null);
        }, timeoutMs);
        waiter = (at) => {
          clearTimeout(t);
          resolve(at);
        };
      }),
    stop: () => close(client),
  };
}

const valid = (xs: readonly (number | null)[]): number[] => xs.filter((x): x is number => x !== null);
const since = (at: number | null, start: number): number | null => (at === null ? null : at - start);

interface Stats {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function stats(xs: readonly (number | null)[]): Stats {
  const v = valid(xs);
  return { p50: percentile(v, 50), p95: percentile(v, 95), max: v.length > 0 ? Math.max(...v) : Number.NaN };
}

async function appendLatency(dv: Dovecot, dirs: string[], senders: readonly Sender[]): Promise<BenchResult> {
  const appender = await open(plainOptions(dv, MIMAMORI));
  let idle: Awaited<ReturnType<typeof idler>> | null = await idler(dv);
  const rnd = prng(SEED + 2);
  const TIMEOUT = 15_000;
  const GAP_MS = 250;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-bench-'));
  dirs.push(dataDir);
  let core: Core | null = null;
  let rows: ReturnType<typeof rowWatcher> | null = null;
  let accountId: number | null = null;
  try {
    // Phase A: Dovecot alone. APPEND → the bare client's 'exists', with nothing else running in this process.
    const dovecot: (number | null)[] = [];
    const reference = idle;
    await measured('imap.append Dovecot', async () => {
      progress(`imap.append: Dovecot's IDLE delay, ${WARMUP}+${APPENDS} APPENDs`);
      for (let i = 0; i < WARMUP + APPENDS; i++) {
        const raw = ordinaryMail(900_000 + i, rnd, Date.now(), senders);
        const seen = reference.next(TIMEOUT);
        const start = performance.now();
        await appender.append('INBOX', raw);
        const at = await seen;
        if (i >= WARMUP) dovecot.push(since(at, start));
        await sleep(GAP_MS);
      }
    });

    // Phase B: a watching Core, the account added as a user would (keychain, pinned certificate, implicit TLS).
    // The reference client logs out first, so the watcher's is the only IDLE session, as the reference's was:
    // on a 100,000-message Maildir every IDLE session re-reads the index when told of a change, and with two of
    // them (plus the APPENDing one) on 2 cores, whichever Dovecot serves second hears ~150-400 ms later (measured
    // with three identical bare sessions: each one's push 730-1,340 ms, none consistently first; one alone:
    // 714-775 ms). The watcher logs "new mail pushed" when its session gets the push.
    await reference.stop();
    idle = null;
    let pushedAt: number | null = null;
    core = newCore(dirs, {
      dataDir,
      alerts: true,
      watch: true,
      platform: { shell: 'headless', systemLocale: () => 'en', secrets: new KeytarSecretStore() },
      log: {
        log: (_level, msg) => {
          if (msg === 'new mail pushed') pushedAt = performance.now();
        },
      },
    });
    const watching = core;
    const t0 = performance.now();
    const { account, test } = await watching.imap.add(
      {
        host: dv.host,
        port: dv.ports.imaps,
        tls: 'implicit',
        user: MIMAMORI.user,
        trustedFingerprint: fingerprintOf(dv.caCert),
      },
      MIMAMORI.password,
    );
    if (!test.ok || !account)
      throw new Error(`imap.append: the account was not added: ${test.ok ? 'no account' : test.message}`);
    const id = Number(account.id);
    accountId = id;
    progress('imap.append: the watcher runs its first sync of the mailbox');
    await until(
      'the watcher to backfill and IDLE',
      () => watching.repo.countSignals() >= CANDIDATES && watching.imap.status(id).state === 'idle',
      600_000,
      20,
    );
    const firstSyncS = (performance.now() - t0) / 1000;
    if (watching.repo.countSignals() !== CANDIDATES)
      throw new Error(
        `imap.append: the watcher stored ${watching.repo.countSignals()} signals, not ${CANDIDATES}`,
      );
    rows = rowWatcher(path.join(dataDir, DB_FILE));
    const rowWatch = rows;

    const row: (number | null)[] = [];
    const timeline: (number | null)[] = [];
    const ownPush: (number | null)[] = [];
    const appendMs: number[] = [];
    await measured('imap.append Mimamori', async () => {
      progress(`imap.append: APPEND → signal stored through the watcher, ${WARMUP}+${APPENDS} mails`);
      let stored = watching.repo.countSignals();
      for (let i = 0; i < WARMUP + APPENDS; i++) {
        const c = candidateMail('live', i, rnd, Date.now());
        const committed = rowWatch.reached(stored + 1, TIMEOUT);
        const changed = timelineReaches(watching, stored + 1, TIMEOUT);
        pushedAt = null;
        const start = performance.now();
        await appender.append('INBOX', c.raw);
        const appended = performance.now();
        const [atRow, atTimeline] = await Promise.all([committed, changed]);
        if (i >= WARMUP) {
          // The row is committed before the 'timeline.changed' that follows it in the same tick: the earlier of
          // the two sightings is the closer one (the worker polls every 5 ms).
          row.push(since(atRow === null || atTimeline === null ? atRow : Math.min(atRow, atTimeline), start));
          timeline.push(since(atTimeline, start));
          ownPush.push(pushedAt === null ? null : (pushedAt as number) - start);
          appendMs.push(appended - start);
        }
        stored = watching.repo.countSignals();
        // The next mail arrives while the watcher is IDLE again, as mail does on a quiet account.
        await until('the watcher to IDLE again', () => watching.imap.status(id).state === 'idle', TIMEOUT);
        await sleep(GAP_MS);
      }
    });

    const notes: string[] = [];
    const expectedTotal = CANDIDATES + WARMUP + APPENDS;
    if (watching.repo.countSignals() !== expectedTotal)
      notes.push(`signals stored: ${watching.repo.countSignals()}, expected ${expectedTotal}`);
    const a = stats(dovecot);
    const m = stats(row);
    const tl = stats(timeline);
    const minus = (xs: (number | null)[], ys: (number | null)[]): (number | null)[] =>
      xs.map((x, i) => {
        const y = ys[i];
        return x === null || y === null || y === undefined ? null : x - y;
      });
    const own = stats(ownPush);
    const ownOverhead = stats(minus(row, ownPush));
    const correlation = stats(minus(timeline, row));
    const timeouts = row.length - valid(row).length;
    const gap = m.p95 - a.p95;
    notes.push(
      `each mail is appended once the previous one is stored and the watcher IDLEs again (+${GAP_MS} ms); ${WARMUP} warm-up mails per phase are not counted`,
      "the Dovecot reference is measured first, alone in the process, and logs out before the watcher starts: each phase has exactly one IDLE session (a second one on this mailbox delays every session's push, see bench/imap.ts)",
      'signal row: polled every 5 ms from a worker thread with its own read-only SQLite connection (WAL), so it is seen at commit, before the correlation that follows in the same tick; timeline.changed comes after that correlation (alerts are raised there)',
      ...backgroundNote('imap.append'),
    );
    if (timeouts > 0 || valid(dovecot).length < dovecot.length)
      notes.push(
        `TIMEOUTS: ${timeouts} Mimamori and ${dovecot.length - valid(dovecot).length} Dovecot samples never arrived within ${TIMEOUT} ms`,
      );
    const r = (x: number | null): number | null => (x === null ? null : round(x, 1));
    return {
      id: 'imap.append',
      title: `APPEND → signal stored, ${APPENDS} mails one at a time (implicit TLS, IDLE)`,
      metrics: [
        metric('dovecot.p50', 'Dovecot IDLE delay p50 (APPEND → exists)', a.p50, 'ms'),
        metric('dovecot.p95', 'Dovecot IDLE delay p95', a.p95, 'ms'),
        metric('dovecot.max', 'Dovecot IDLE delay max', a.max, 'ms'),
        metric('mimamori.p50', 'Mimamori p50 (APPEND → signal row committed)', m.p50, 'ms'),
        metric('mimamori.p95', 'Mimamori p95', m.p95, 'ms'),
        metric('mimamori.max', 'Mimamori max', m.max, 'ms'),
        metric('gap.p95', 'p95 gap (Mimamori − Dovecot)', gap, 'ms'),
        metric('timeline.p50', "APPEND → 'timeline.changed' (after correlation) p50", tl.p50, 'ms'),
        metric('timeline.p95', "APPEND → 'timeline.changed' p95", tl.p95, 'ms'),
        metric('correlation.p50', '  of which correlation after the commit, p50', correlation.p50, 'ms'),
        metric('own.p50', "APPEND → the watcher's own IDLE push, p50", own.p50, 'ms'),
        metric('own.p95', "APPEND → the watcher's own IDLE push, p95", own.p95, 'ms'),
        metric(
          'ownOverhead.p50',
          "row committed − the watcher's own push, p50 (Mimamori's part)",
          ownOverhead.p50,
          'ms',
        ),
        metric(
          'ownOverhead.p95',
          "row committed − the watcher's own push, p95 (Mimamori's part)",
          ownOverhead.p95,
          'ms',
        ),
        metric('append.p50', 'APPEND command round trip p50', percentile(appendMs, 50), 'ms'),
        metric('timeouts', 'mails never stored (timeouts)', timeouts, 'count'),
        metric('watcher.firstSync', "watcher's first sync of the mailbox (add → IDLE)", firstSyncS, 's'),
      ],
      target: {
        ...target('Mimamori p95 − Dovecot p95 <= 150 ms', gap, 150, 'ms'),
        met: gap <= 150 && timeouts === 0,
      },
      notes,
      raw: {
        dovecotMs: dovecot.map(r),
        rowMs: row.map(r),
        timelineMs: timeline.map(r),
        ownPushMs: ownPush.map(r),
        appendMs: appendMs.map(r),
      },
    };
  } finally {
    await rows?.stop();
    if (core) {
      if (accountId !== null) await core.imap.remove(accountId).catch(() => undefined);
      await core.close();
    }
    await idle?.stop();
    await close(appender);
  }
}

// --- benchmark 3: the cost of a quiet poll --------------------------------------------------------------------

interface PollCase {
  readonly ms: number[];
  readonly commands: string[];
}

async function pollCost(
  dv: Dovecot,
  synced: BackfillRun,
  memory: Metric[],
  memoryNote: string,
): Promise<BenchResult> {
  const { core, accountId } = synced;
  const log = new CommandLog();
  const client = await open(mimamoriOptions(dv, log));
  const sample = async (check: () => Promise<void>): Promise<PollCase> => {
    const ms: number[] = [];
    let commands: string[] = [];
    for (let i = 0; i < WARMUP + POLLS; i++) {
      const from = log.sent.length;
      const t0 = performance.now();
      await check();
      const dt = performance.now() - t0;
      const names = log.names(from);
      if (i >= WARMUP) {
        ms.push(dt);
        if (i > WARMUP && names.join(' ') !== commands.join(' '))
          throw new Error(
            `imap.poll: commands changed between polls: ${commands.join(' ')} → ${names.join(' ')}`,
          );
        commands = names;
      }
    }
    return { ms, commands };
  };
  const nothingNew = async (selectedExists?: number): Promise<void> => {
    const r = await hasNewMail(client, core.accounts, accountId, 'INBOX', selectedExists);
    if (r) throw new Error('imap.poll: hasNewMail found new mail in a mailbox that has none');
  };
  try {
    const { status, noop, cycle } = await measured('imap.poll', async () => {
      progress(`imap.poll: ${WARMUP}+${POLLS} quiet polls of each kind`);
      // INBOX not selected: STATUS.
      const status = await sample(() => nothingNew());
      // INBOX selected, compared with the EXISTS seen when it was opened: NOOP.
      const mbx = await client.mailboxOpen('INBOX', { readOnly: true });
      const exists = mbx.exists;
      const noop = await sample(() => nothingNew(exists));
      // The watcher's whole quiet cycle (watcher.ts session()): IDLE on INBOX → poll timer → hasNewMail (DONE,
      // NOOP) → IDLE again on the still-selected INBOX, until the server accepts it.
      let accepted = log.nextContinuation();
      client.idle().catch(() => undefined);
      await accepted;
      const cycle = await sample(async () => {
        await nothingNew(exists);
        accepted = log.nextContinuation();
        client.idle().catch(() => undefined);
        await accepted;
      });
      return { status, noop, cycle };
    });
    const rt = (c: PollCase): number => c.commands.length;
    const maxTrips = Math.max(rt(status), rt(noop));
    return {
      id: 'imap.poll',
      title: `A quiet poll on the synced ${MESSAGES.toLocaleString('en')}-message mailbox, median of ${POLLS}`,
      metrics: [
        metric(
          'status.trips',
          `hasNewMail, INBOX not selected: round trips (${status.commands.join(', ')})`,
          rt(status),
          'count',
        ),
        metric('status.median', 'hasNewMail, INBOX not selected: median', median(status.ms), 'ms'),
        metric('status.p95', 'hasNewMail, INBOX not selected: p95', percentile(status.ms, 95), 'ms'),
        metric(
          'noop.trips',
          `hasNewMail, INBOX selected: round trips (${noop.commands.join(', ')})`,
          rt(noop),
          'count',
        ),
        metric('noop.median', 'hasNewMail, INBOX selected: median', median(noop.ms), 'ms'),
        metric('noop.p95', 'hasNewMail, INBOX selected: p95', percentile(noop.ms, 95), 'ms'),
        metric(
          'cycle.trips',
          `watcher poll cycle from IDLE: commands (${cycle.commands.join(', ')})`,
          rt(cycle),
          'count',
        ),
        metric('cycle.median', 'watcher poll cycle from IDLE: median', median(cycle.ms), 'ms'),
        ...memory,
      ],
      target: target('hasNewMail round trips <= 1', maxTrips, 1, 'count'),
      notes: [
        'round trips = tagged commands the client sent, counted from imapflow debug log entries {src: "c"} (DONE, which ends IDLE, counted as one)',
        'every poll returned "nothing new", as it must on a mailbox that did not change',
        memoryNote,
        ...backgroundNote('imap.poll'),
      ],
      raw: {
        statusMs: status.ms.map((x) => round(x, 3)),
        noopMs: noop.ms.map((x) => round(x, 3)),
        cycleMs: cycle.ms.map((x) => round(x, 3)),
      },
    };
  } finally {
    await close(client);
  }
}

// --- the group --------------------------------------------------------------------------------------------------

function memoryMetrics(prefix: string, label: string): Metric[] {
  const m = process.memoryUsage();
  return [
    metric(`${prefix}.rss`, `${label}: RSS`, mb(m.rss), 'MB'),
    metric(`${prefix}.heapUsed`, `${label}: heap used`, mb(m.heapUsed), 'MB'),
  ];
}

async function warmUp(dv: Dovecot, who: { user: string; password: string }): Promise<number> {
  const client = await open(plainOptions(dv, who));
  try {
    const t0 = performance.now();
    await client.status('INBOX', { messages: true, uidNext: true });
    await client.mailboxOpen('INBOX', { readOnly: true });
    return performance.now() - t0;
  } finally {
    await close(client);
  }
}

async function runAll(): Promise<BenchResult[]> {
  const dirs: string[] = [];
  const cores: Core[] = [];
  progress(
    `starting Dovecot; mailbox of ${MESSAGES.toLocaleString('en')} messages, ${CANDIDATES} candidates`,
  );
  // Our own directory, removed below with a word: 2 × 100,000 files take a minute to delete, which the harness
  // would otherwise do silently in its exit hook.
  const dovecotDir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-bench-dovecot-'));
  background.clear();
  const dv = await startDovecot({ users: [MIMAMORI, BARE], dir: dovecotDir });
  try {
    const master = Number.parseInt(readFileSync(path.join(dovecotDir, 'run', 'master.pid'), 'utf8'), 10);
    dovecotGroup = Number.isInteger(master) ? [master] : [];
    // The same mailbox for both sides, one copy each, so neither benefits from what the other made Dovecot
    // cache (a SEARCH FROM leaves the From headers in dovecot.index.cache; an envelope fetch leaves envelopes).
    const g0 = performance.now();
    const tokens = senderTokens(BUILT_IN_RULES);
    const senders = ordinarySenders(tokens);
    if (senders.excluded.length > 0)
      progress(`left out as senders the code watches: ${senders.excluded.join(', ')}`);
    const plan = planMailbox(MESSAGES, CANDIDATES, SEED);
    const sizes = { min: Number.POSITIVE_INFINITY, max: 0 };
    const { bytes, candidates } = generateMailbox(plan, SEED, SPAN_DAYS, senders.kept, (chunk) => {
      for (const m of chunk) {
        sizes.min = Math.min(sizes.min, m.length);
        sizes.max = Math.max(sizes.max, m.length);
      }
      dv.writeToMaildir(MIMAMORI.user, 'INBOX', chunk);
      dv.writeToMaildir(BARE.user, 'INBOX', chunk);
    });
    // Flush the 1.2 GB just written, so the kernel's writeback does not run during the timed reads (it would slow
    // whichever side goes first).
    execFileSync('sync');
    progress(
      `wrote 2 × ${MESSAGES} mails (${mb(bytes).toFixed(0)} MB each) in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );

    // Untimed: what the sync must find, and the parse cost of the candidates alone.
    const expected: Expected = { candidates, incidents: await referenceImport(candidates, dirs) };
    const parser = newCore(dirs);
    cores.push(parser);
    const ctx = parser.recogniseContext();
    const p0 = performance.now();
    for (const c of candidates) await prepareMail(c.raw, 'parse-only', ctx);
    const parseMs = performance.now() - p0;

    const gcMode = collectGarbage();
    const memBefore = memoryMetrics('memory.before', 'memory before the backfill');

    // Warm-up: the first SELECT builds Dovecot's index of each mailbox.
    const warm = { mimamori: await warmUp(dv, MIMAMORI), bare: await warmUp(dv, BARE) };
    progress(`index built: ${warm.mimamori.toFixed(0)} ms / ${warm.bare.toFixed(0)} ms`);

    progress('imap.backfill round 1: bare envelope fetch');
    const bare1 = await measured('imap.backfill round 1 bare', () => bareEnvelopeFetch(dv));
    if (bare1.envelopes !== MESSAGES) throw new Error(`bare fetch counted ${bare1.envelopes} envelopes`);
    progress('imap.backfill round 1: Mimamori backfill');
    const run1 = await measured('imap.backfill round 1 Mimamori', () => mimamoriBackfill(dv, dirs));
    cores.push(run1.core);
    const checked = verifyBackfill(run1, expected, MESSAGES);
    collectGarbage();
    const memAfter = memoryMetrics('memory.after', `memory after the ${MESSAGES / 1000}k backfill`);

    progress('imap.backfill round 2 (warm server caches)');
    const bare2 = await measured('imap.backfill round 2 bare', () => bareEnvelopeFetch(dv));
    const run2 = await measured('imap.backfill round 2 Mimamori', () => mimamoriBackfill(dv, dirs));
    cores.push(run2.core);
    verifyBackfill(run2, expected, MESSAGES);

    const ratio1 = run1.ms / bare1.ms;
    const ratio2 = run2.ms / bare2.ms;
    const searchMs = [...run1.commands]
      .filter(([n]) => n.includes('SEARCH'))
      .reduce((s, [, v]) => s + v.ms, 0);
    const fetchMs = [...run1.commands].filter(([n]) => n.includes('FETCH')).reduce((s, [, v]) => s + v.ms, 0);
    const imapMs = [...run1.commands.values()].reduce((s, v) => s + v.ms, 0);
    const backfill: BenchResult = {
      id: 'imap.backfill',
      title: `Backfill of a ${MESSAGES.toLocaleString('en')}-message mailbox, ${CANDIDATES} candidates (${mb(bytes).toFixed(0)} MB, ${(sizes.min / 1024).toFixed(1)}-${(sizes.max / 1024).toFixed(1)} KB a mail)`,
      metrics: [
        metric('bare.s', 'bare imapflow: EXAMINE + FETCH 1:* (ENVELOPE UID)', bare1.ms / 1000, 's'),
        metric('bare.rate', 'bare imapflow: envelopes per second', MESSAGES / (bare1.ms / 1000), 'msg/s'),
        metric('mimamori.s', 'Mimamori backfill (syncMailbox, correlate per batch)', run1.ms / 1000, 's'),
        metric('ratio', 'ratio Mimamori / bare', ratio1, 'ratio'),
        metric(
          'mimamori.search',
          `  of which the candidate SEARCH, wall time (${run1.helper.sessions > 0 ? 'two sessions' : 'one session'})`,
          run1.searchWallMs,
          'ms',
        ),
        metric('mimamori.fetch', '  of which FETCH of the candidates (with parsing)', fetchMs, 'ms'),
        metric(
          'mimamori.correlate',
          `  of which correlation (${run1.batches} batches)`,
          run1.correlateMs,
          'ms',
        ),
        metric(
          'mimamori.rest',
          '  the rest (other commands, commits)',
          run1.ms - run1.searchWallMs - (imapMs - searchMs) - run1.correlateMs,
          'ms',
        ),
        ...commandMetrics('cmd', run1.commands),
        metric(
          'parse.ms',
          `parse + recognise of the ${CANDIDATES} candidates alone (reference)`,
          parseMs,
          'ms',
        ),
        metric('bare2.s', 'round 2, warm server cache: bare envelope fetch', bare2.ms / 1000, 's'),
        metric('mimamori2.s', 'round 2, warm server cache: Mimamori backfill', run2.ms / 1000, 's'),
        metric('ratio2', 'round 2 ratio', ratio2, 'ratio'),
        metric('index.ms', 'untimed warm-up: first STATUS + SELECT (index build)', warm.mimamori, 'ms'),
      ],
      target: target('Mimamori backfill / bare envelope fetch <= 1.0 (round 1)', ratio1, 1, 'ratio'),
      notes: [
        'each side reads its own identical copy of the mailbox, after an untimed STATUS + SELECT built its index; round 1 is the first read of the mail itself (Dovecot caches nothing but the index yet), round 2 repeats both on the now-cached mailboxes',
        'both sides run over the plain port on loopback; Mimamori with its own client options (connect.ts imapOptions) and a fresh database each round',
        `the server-side narrowing searched for ${tokens.length} sender tokens (SEARCH OR FROM …)${senders.excluded.length > 0 ? `; ordinary mail excludes the senders these tokens match: ${senders.excluded.join(', ')}` : ''}`,
        ...checked,
        'the per-command times are from the client: from sending the command to its tagged response',
        `round 1 SEARCH: ${searchSplit(run1)}`,
        `round 2 breakdown: SEARCH ${Math.round(run2.searchWallMs)} ms (${searchSplit(run2)}), FETCH ${Math.round([...run2.commands].filter(([n]) => n.includes('FETCH')).reduce((s, [, v]) => s + v.ms, 0))} ms, correlation ${Math.round(run2.correlateMs)} ms`,
        ...backgroundNote('imap.backfill'),
      ],
      raw: {
        messages: MESSAGES,
        candidates: CANDIDATES,
        bytes,
        round1: { bareMs: bare1.ms, mimamoriMs: run1.ms, commands: Object.fromEntries(run1.commands) },
        round2: { bareMs: bare2.ms, mimamoriMs: run2.ms, commands: Object.fromEntries(run2.commands) },
        gc: gcMode,
        background: Object.fromEntries(background),
      },
    };

    const poll = await pollCost(
      dv,
      run1,
      [...memBefore, ...memAfter],
      `memory of this process (after ${gcMode === 'unavailable' ? 'no GC: none available' : `a full GC via ${gcMode}`}); "before" is after generating the mailbox, "after" right after round 1's backfill, its database still open`,
    );

    const append = await appendLatency(dv, dirs, senders.kept);
    return [backfill, append, poll];
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    await dv.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    progress(`removing the benchmark mailboxes (${dovecotDir})`);
    await rm(dovecotDir, { recursive: true, force: true });
  }
}

export const imapGroup: Group = {
  name: 'imap',
  description: 'IMAP backfill, APPEND → signal latency, quiet-poll cost (private Dovecot on loopback)',
  run: runAll,
};
