import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'out/main/cli.js');
const story = path.join(root, 'fixtures/story');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let work: string;
/** The child's TMPDIR: private, so other processes' scans cannot disturb the leftover count. */
let tmpdir: string;

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      // A zone far from Japan: +09:00 offsets must come from the mails, not from the machine.
      env: { ...process.env, TMPDIR: tmpdir, TZ: 'America/New_York', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const scanDirs = (): string[] => readdirSync(tmpdir).filter((n) => n.startsWith('mimamori-scan-'));

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-if-stale.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  work = mkdtempSync(path.join(os.tmpdir(), 'mimamori-cli-test-'));
  tmpdir = path.join(work, 'tmp');
  mkdirSync(tmpdir);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Amount {
  currency: string;
  minor: number;
}
interface ReportSignal {
  id: string;
  kind: string;
  amount: Amount | null;
  occurredAt: string;
}
interface ReportIncident {
  kind: string;
  severity: string;
  signalIds: string[];
  links: { from: string; to: string; rule: string; reason: string }[];
}
interface Report {
  version: number;
  messages: { scanned: number; unparsed: number };
  signals: ReportSignal[];
  incidents: ReportIncident[];
}

describe('mimamori scan', () => {
  it('--json prints exactly one JSON document describing the story', async () => {
    const r = await run(['scan', '--json', story]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.version).toBe(1);
    expect(report.messages).toEqual({ scanned: 13, unparsed: 0 });
    expect(report.signals).toHaveLength(12);

    for (const s of report.signals) {
      expect(s.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+09:00$/);
      if (s.amount === null) continue;
      expect(Object.keys(s.amount).sort()).toEqual(['currency', 'minor']);
      expect(s.amount.currency).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(s.amount.minor)).toBe(true);
    }

    const yen10000 = (kind: string): ReportSignal[] =>
      report.signals.filter(
        (s) => s.kind === kind && s.amount?.currency === 'JPY' && s.amount.minor === 10000,
      );
    const opened = yen10000('giftcard.opened');
    const charged = yen10000('payment.charge');
    expect(opened).toHaveLength(1);
    expect(charged).toHaveLength(1);

    const fraud = report.incidents.filter((i) => i.kind === 'giftcard_fraud' && i.severity === 'critical');
    expect(fraud).toHaveLength(1);
    const sameAmount = fraud[0]?.links.filter((l) => l.from === opened[0]?.id && l.to === charged[0]?.id);
    expect(sameAmount?.map((l) => l.rule)).toEqual(['same-amount']);
    expect(sameAmount?.[0]?.reason).toContain('¥10,000');
  });

  it('prints a human summary that names the critical incident', async () => {
    const r = await run(['scan', story]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Scanned 13 mails (0 unparsed): 12 signals, 2 incidents.');
    expect(lines).toContain('[CRITICAL] Gift-card fraud: Amazon.co.jp');
  });

  it('refuses an unreadable path with one line on stderr and nothing on stdout', async () => {
    const missing = path.join(work, 'no-such-mailbox.mbox');
    for (const args of [
      ['scan', '--json', missing],
      ['scan', story, missing],
    ]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`mimamori scan: cannot read ${missing}: no such file or directory\n`);
    }
  });

  it('counts a malformed mail as unparsed and still scans the others', async () => {
    const dir = path.join(work, 'malformed');
    mkdirSync(dir);
    copyFileSync(path.join(story, '06-rakuten-debit-10000.eml'), path.join(dir, 'debit.eml'));
    // Deterministic "random" binary bytes (an LCG), no newline-structured headers.
    const bytes = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    writeFileSync(path.join(dir, 'binary.eml'), bytes);
    writeFileSync(path.join(dir, 'no-headers.eml'), 'just some text\nwith no headers at all\n');

    const r = await run(['scan', '--json', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.messages).toEqual({ scanned: 3, unparsed: 2 });
    expect(report.signals.map((s) => [s.kind, s.amount])).toEqual([
      ['payment.charge', { currency: 'JPY', minor: 10000 }],
    ]);
  });

  it('needs at least one path: exit 2 with the usage', async () => {
    const r = await run(['scan']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^mimamori: scan needs at least one PATH or imaps:\/\/ URL\nusage:\n {2}mimamori scan \[--json\] \[--insecure-tls\] PATH\|URL\.\.\./,
    );
  });

  it('leaves no temporary database behind', async () => {
    const before = scanDirs();
    expect((await run(['scan', '--json', story])).code).toBe(0);
    expect((await run(['scan', path.join(story, '01-giftcard-3000.eml')])).code).toBe(0);
    expect(scanDirs()).toEqual(before);
  });

  it('keeps its throw-away database under TMPDIR (so the leftover check above looks in the right place)', async () => {
    const gone = path.join(work, 'no-such-tmp');
    const r = await run(['scan', '--json', story], { TMPDIR: gone });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line, then the final newline
    expect(r.stderr).toContain(path.join(gone, 'mimamori-scan-'));
  });
});
