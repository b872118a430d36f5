/**
 * The command line against real parts: accounts added with `account add` (password on stdin, into the real
 * Secret Service), listed, tested and removed; `scan imaps://…` over a real Dovecot. Runs the built CLI as a
 * user would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../core/sources/imap/connect';
import { startDovecot, type Dovecot } from '../core/testing/dovecot';
import { keychainLookup } from '../core/testing/keychain';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'out/main/cli.js');
const PASSWORD = 'cli-S3cret-pässword';

let dovecot: Dovecot;
const dirs: string[] = [];

beforeAll(async () => {
  expect(
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { stdio: 'inherit' }).status,
  ).toBe(0);
  dovecot = await startDovecot({
    users: [
      { user: 'cli', password: PASSWORD },
      { user: 'scan', password: 'scan-Pa55' },
    ],
  });
  dovecot.writeToMaildir(
    'scan',
    'INBOX',
    readdirSync(path.join(ROOT, 'fixtures/story'))
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(path.join(ROOT, 'fixtures/story', f))),
  );
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'mimamori-cli-'));
  dirs.push(d);
  return d;
}

function cli(
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const addArgs = (dir: string, extra: string[] = []): string[] => [
  'account',
  'add',
  '--data-dir',
  dir,
  '--host',
  '127.0.0.1',
  '--port',
  String(dovecot.ports.imaps),
  '--tls',
  'implicit',
  '--user',
  'cli',
  '--password-stdin',
  ...extra,
];

describe('account commands', () => {
  it('adds, lists, tests and removes an account; the password lives only in the keychain', () => {
    const dir = dataDir();
    const untrusted = cli(addArgs(dir), { input: `${PASSWORD}\n` });
    expect(untrusted.status).toBe(1);
    expect(untrusted.stderr).toContain(`--trust-fingerprint ${fingerprintOf(dovecot.caCert)}`);
    expect(untrusted.stderr.trim().split('\n')).toHaveLength(1);

    const added = cli(
      addArgs(dir, ['--label', 'Home', '--trust-fingerprint', fingerprintOf(dovecot.caCert)]),
      { input: `${PASSWORD}\n` },
    );
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(
      /^Added account 1 \(Home\); the password is in the keychain\. Watching: INBOX/,
    );
    expect(keychainLookup(dir)).toBe(PASSWORD);

    const list = cli(['account', 'list', '--json', '--data-dir', dir]);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: '1', label: 'Home', host: '127.0.0.1', port: dovecot.ports.imaps, tls: 'implicit', user: 'cli' },
    ]);
    expect(cli(['account', 'test', '1', '--data-dir', dir])).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Account 1: connected, IMAP4rev1/),
    });

    // No trace of the password in what the CLI leaves in the data directory: the database and the log. The WAL
    // cannot be seen from here: each command closes the database as it exits, which folds the WAL into it and
    // deletes the file, so the scan below reads the database that now holds the WAL's last pages (earlier
    // versions of a page the WAL held are not checked here). The WAL of an open database is checked in
    // electron/core/sources/imap/imap.test.ts, "saves the password only in the keychain".
    const read: string[] = [];
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      const p = path.join(dir, f);
      if (!statSync(p).isFile()) continue;
      const bytes = readFileSync(p);
      expect(bytes.includes(Buffer.from(PASSWORD)), f).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(PASSWORD).toString('base64'))), f).toBe(false);
      read.push(f);
    }
    expect(read).toContain('mimamori.sqlite');
    expect(read).toContain(path.join('logs', 'mimamori.log'));
    expect(read).not.toContain('mimamori.sqlite-wal');

    expect(cli(['account', 'remove', '1', '--data-dir', dir])).toMatchObject({
      status: 0,
      stdout: 'Removed account 1 and its keychain entry.\n',
    });
    expect(keychainLookup(dir)).toBeNull();
    expect(cli(['account', 'list', '--data-dir', dir]).stdout).toBe('No accounts.\n');
  });

  it('never takes the password as an argument', () => {
    const r = cli([...addArgs(dataDir()).filter((a) => a !== '--password-stdin'), '--password', PASSWORD]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/never accepted as an argument/);
  });

  it('refuses a wrong password and saves nothing', () => {
    const dir = dataDir();
    const r = cli(addArgs(dir, ['--trust-fingerprint', fingerprintOf(dovecot.caCert)]), { input: 'wrong\n' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^mimamori account: not saved: .*refused the user name or password/);
    expect(cli(['account', 'list', '--data-dir', dir]).stdout).toBe('No accounts.\n');
  });

  it('refuses to store a password without a keychain, and says how to fix it', () => {
    const dir = dataDir();
    // No session bus and no display: libsecret cannot reach any Secret Service.
    const r = cli(addArgs(dir, ['--trust-fingerprint', fingerprintOf(dovecot.caCert)]), {
      input: `${PASSWORD}\n`,
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no keychain available .*gnome-keyring/);
    expect(cli(['account', 'list', '--data-dir', dir]).stdout).toBe('No accounts.\n');
  });

  it('validates the options like the window does', () => {
    const r = cli(
      [
        'account',
        'add',
        '--data-dir',
        dataDir(),
        '--host',
        'bad host!',
        '--port',
        '70000',
        '--tls',
        'implicit',
        '--user',
        'u',
        '--password-stdin',
      ],
      { input: 'x' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--host: a host name or an IP address; --port:/);
  });
});

describe('scan imaps://', () => {
  const url = (scheme: 'imaps' | 'imap', port: number): string => `${scheme}://scan@127.0.0.1:${port}/INBOX`;

  it('scans a live mailbox with the same output as the same mails as files', () => {
    const files = cli(['scan', '--json', path.join(ROOT, 'fixtures/story')]);
    // The reference itself must be right, or two equal failures would pass: the story's 13 mails, 12 signals,
    // and its critical gift-card incident.
    expect(files.status).toBe(0);
    const reference = JSON.parse(files.stdout) as {
      messages: { scanned: number; unparsed: number };
      signals: { kind: string }[];
      incidents: { kind: string; severity: string }[];
    };
    expect(reference.messages).toEqual({ scanned: 13, unparsed: 0 });
    expect(reference.signals).toHaveLength(12);
    expect(reference.signals.filter((s) => s.kind === 'giftcard.purchased')).toHaveLength(6);
    expect(reference.signals.filter((s) => s.kind === 'payment.charge')).toHaveLength(2);
    expect(reference.incidents).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'giftcard_fraud', severity: 'critical' })]),
    );
    const live = cli(['scan', '--json', '--insecure-tls', url('imaps', dovecot.ports.imaps)], {
      env: { MIMAMORI_IMAP_PASSWORD: 'scan-Pa55' },
    });
    expect(live.status).toBe(0);
    expect(live.stderr).toMatch(/--insecure-tls: the server's certificate is NOT checked/);
    const strip = (json: string): unknown => {
      const r = JSON.parse(json) as { signals: { message: unknown }[] };
      return { ...r, signals: r.signals.map((s) => ({ ...s, message: null })) };
    };
    expect(strip(live.stdout)).toEqual(strip(files.stdout));
  });

  it('works over STARTTLS', () => {
    const r = cli(['scan', '--json', '--insecure-tls', url('imap', dovecot.ports.starttls)], {
      env: { MIMAMORI_IMAP_PASSWORD: 'scan-Pa55' },
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { messages: { scanned: number } }).messages.scanned).toBe(13);
  });

  it('refuses a self-signed certificate unless told, in one line', () => {
    const r = cli(['scan', '--json', url('imaps', dovecot.ports.imaps)], {
      env: { MIMAMORI_IMAP_PASSWORD: 'scan-Pa55' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/certificate/);
  });

  it('needs the password in the environment and never in the URL', () => {
    expect(
      cli(['scan', url('imaps', dovecot.ports.imaps)], { env: { MIMAMORI_IMAP_PASSWORD: '' } }),
    ).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/set MIMAMORI_IMAP_PASSWORD/),
    });
    expect(cli(['scan', `imaps://scan:pw@127.0.0.1:${dovecot.ports.imaps}/INBOX`])).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/never in the URL/),
    });
  });

  it('says a wrong password in one line', () => {
    const r = cli(['scan', '--insecure-tls', url('imaps', dovecot.ports.imaps)], {
      env: { MIMAMORI_IMAP_PASSWORD: 'nope' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/refused the user name or password/);
  });
});
