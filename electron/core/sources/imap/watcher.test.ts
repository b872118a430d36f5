/**
 * The account watcher against a real Dovecot: IDLE delivers new mail to the timeline, a server restart is
 * survived with backoff, and each state is reported. The core and its keychain are real.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../../shared/accounts';
import { Core } from '../../app';
import { KeytarSecretStore } from '../../secrets/secrets';
import { startDovecot, type Dovecot } from '../../testing/dovecot';
import { backoffDelay } from './watcher';
import { fingerprintOf } from './connect';

const STORY = path.resolve(__dirname, '../../../../fixtures/story');
const story = (name: string): Buffer => readFileSync(path.join(STORY, name));

let dovecot: Dovecot;
const dirs: string[] = [];

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [
      { user: 'watch', password: 'watch-Pa55' },
      { user: 'restart', password: 'restart-Pa55' },
    ],
  });
}, 60_000);
afterAll(async () => {
  await dovecot?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function until<T>(what: string, f: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function watchingCore(
  user: string,
  password: string,
): Promise<{ core: Core; id: number; states: AccountStatus['state'][] }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-watch-'));
  dirs.push(dataDir);
  const core = new Core({
    dataDir,
    version: 'test',
    watch: true,
    imap: { backoff: { baseMs: 200, maxMs: 1000 } },
    platform: { shell: 'headless', systemLocale: () => 'en', secrets: new KeytarSecretStore() },
  });
  const { account } = await core.imap.add(
    {
      host: '127.0.0.1',
      port: dovecot.ports.imaps,
      tls: 'implicit',
      user,
      trustedFingerprint: fingerprintOf(dovecot.caCert),
    },
    password,
  );
  const id = Number(account?.id);
  const states: AccountStatus['state'][] = [];
  core.on('accounts.changed', () => {
    const s = core.imap.status(id).state;
    if (states.at(-1) !== s) states.push(s);
  });
  return { core, id, states };
}

describe('AccountWatcher', () => {
  it('backfills, then IDLE brings a new mail to the timeline and the incident escalates', async () => {
    dovecot.writeToMaildir('watch', 'INBOX', [story('02-giftcard-10000.eml')]);
    const { core, id, states } = await watchingCore('watch', 'watch-Pa55');
    await until('backfill', () => core.repo.countSignals() === 1);
    await until('idle', () => core.imap.status(id).state === 'idle');
    expect(core.sortedIncidents().map((i) => i.severity)).toEqual(['warning']);
    expect(core.imap.status(id).nextAttemptAt).not.toBeNull();

    await dovecot.append('watch', 'INBOX', story('05-giftcard-opened-10000.eml'));
    await dovecot.append('watch', 'INBOX', story('06-rakuten-debit-10000.eml'));
    // Well inside the 5-minute poll: only IDLE can have brought these.
    await until('IDLE push', () => core.repo.countSignals() === 3, 10_000);
    await until('escalation', () => core.sortedIncidents()[0]?.severity === 'critical');
    await until('idle after the push', () => states.length >= 4 && core.imap.status(id).state === 'idle');
    // The listener attached after add() started the watcher, so 'connecting' came before it.
    expect(states.slice(0, 4)).toEqual(['syncing', 'idle', 'syncing', 'idle']);
    await core.close();
  }, 60_000);

  it('backs off while the server is down and resumes where it stopped', async () => {
    const { core, id, states } = await watchingCore('restart', 'restart-Pa55');
    await until('idle', () => core.imap.status(id).state === 'idle');
    await dovecot.stop();
    await until('backoff', () => core.imap.status(id).state === 'backoff');
    const s = core.imap.status(id);
    expect(s.reason).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(s.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() - 1000);
    dovecot.writeToMaildir('restart', 'INBOX', [story('07-giftcard-20000.eml')]);
    await dovecot.start();
    await until('the mail written while down', () => core.repo.countSignals() === 1, 20_000);
    await until('idle again', () => core.imap.status(id).state === 'idle');
    expect(states).toEqual(expect.arrayContaining(['idle', 'backoff', 'connecting', 'idle']));
    await core.close();
  }, 60_000);
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and keeps half of it random', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(a, 1000, 8000, () => 0))).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(a, 1000, 8000, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
  });
});
