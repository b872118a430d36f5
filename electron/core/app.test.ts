import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../shared/api';
import type { UserRuleInput } from '../../shared/userRules';
import { Core, type Platform, type TrayStatus } from './app';
import { buildMail, gmailArh } from './testing/mailbuilder';

const STORY = path.resolve(__dirname, '../../fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

interface Harness {
  core: Core;
  alerts: Alert[];
  tray: TrayStatus[];
  dir: string;
  clock: { now: number };
}

function harness(
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-app-')),
  clock = { now: Date.parse('2026-06-01T00:00:00Z') },
  opts: { watch?: boolean } = {},
): Harness {
  dirs.push(dir);
  const alerts: Alert[] = [];
  const tray: TrayStatus[] = [];
  const platform: Platform = {
    shell: 'headless',
    systemLocale: () => 'en',
    notify: (a) => alerts.push(a),
    setTray: (s) => tray.push(s),
  };
  const core = new Core({
    dataDir: dir,
    platform,
    version: 'test',
    clock: () => new Date(clock.now),
    ...(opts.watch ? { watch: true } : {}),
  });
  return { core, alerts, tray, dir, clock };
}

describe('Core', () => {
  it('turns the story into one critical gift-card incident and one phishing incident, alerting once per incident', async () => {
    const h = harness();
    const summary = await h.core.importPaths(storyFiles);
    expect(summary).toMatchObject({ scanned: 13, unparsed: 0, duplicates: 0, signals: 12 });
    const incidents = h.core.sortedIncidents();
    expect(incidents.map((i) => `${i.kind}:${i.severity}:${i.signalIds.length}`)).toEqual([
      'giftcard_fraud:critical:11',
      'phishing:info:1',
    ]);
    expect(h.alerts.map((a) => `${a.kind}:${a.severity}:${a.escalated}`)).toEqual([
      'giftcard_fraud:critical:false',
      'phishing:info:false',
    ]);
    expect(h.alerts[0]?.body).toContain('2 min later your bank (Rakuten Bank) debited ¥20,000');
    expect(h.tray.at(-1)).toEqual({
      state: 'critical',
      openIncidents: 2,
      // The incident on Amazon.co.jp makes its password due for rotation (response/).
      tooltip: 'Mimamori: 2 open incidents\nPasswords to rotate: 1',
      rotationsDue: 1,
    });
    await h.core.close();
  });

  it('changes nothing when the same mails are imported again', async () => {
    const h = harness();
    await h.core.importPaths(storyFiles);
    const before = h.core.timeline(1000);
    const again = await h.core.importPaths(storyFiles);
    // 12: the newsletter is skipped by header triage, never stored, so it cannot be a duplicate either.
    expect(again).toMatchObject({ scanned: 13, duplicates: 12, signals: 0 });
    expect(h.core.timeline(1000)).toEqual(before);
    expect(h.alerts).toHaveLength(2);
    await h.core.close();
  });

  it('alerts when a warning escalates, once, and not for every further mail', async () => {
    const h = harness();
    const [purchase, opened, debit, later] = [
      '02-giftcard-10000.eml',
      '05-giftcard-opened-10000.eml',
      '06-rakuten-debit-10000.eml',
      '08-giftcard-10000.eml',
    ].map((f) => path.join(STORY, f));
    await h.core.importPaths([purchase ?? '']);
    expect(h.alerts.map((a) => `${a.severity}:${a.escalated}`)).toEqual(['warning:false']);
    await h.core.importPaths([opened ?? '']);
    expect(h.alerts).toHaveLength(1);
    await h.core.importPaths([debit ?? '']);
    expect(h.alerts.map((a) => `${a.severity}:${a.escalated}`)).toEqual(['warning:false', 'critical:true']);
    await h.core.importPaths([later ?? '']);
    expect(h.alerts).toHaveLength(2);
    expect(h.core.sortedIncidents()).toHaveLength(1);
    await h.core.close();
  });

  it('remembers "this was me" across restarts, and a new purchase opens a fresh incident', async () => {
    const h = harness();
    await h.core.importPaths([path.join(STORY, '01-giftcard-3000.eml')]);
    const [incident] = h.core.sortedIncidents();
    h.core.acknowledge(Number(incident?.id), 'dismiss', 24);
    expect(h.tray.at(-1)?.openIncidents).toBe(0);
    await h.core.close();

    const again = harness(h.dir);
    again.core.correlateNow();
    expect(again.alerts).toEqual([]);
    expect(again.core.sortedIncidents().map((i) => i.status)).toEqual(['dismissed']);
    await again.core.importPaths([path.join(STORY, '07-giftcard-20000.eml')]);
    const incidents = again.core.sortedIncidents();
    expect(incidents.map((i) => `${i.status}:${i.signalIds.length}`)).toEqual(['open:1', 'dismissed:1']);
    expect(again.alerts).toHaveLength(1);
    await again.core.close();
  });

  it('snoozes, stays quiet while snoozed, and reopens with an alert when the snooze runs out', async () => {
    const h = harness();
    await h.core.importPaths([path.join(STORY, '01-giftcard-3000.eml')]);
    const id = Number(h.core.sortedIncidents()[0]?.id);
    h.core.acknowledge(id, 'snooze', 1);
    await h.core.importPaths([path.join(STORY, '02-giftcard-10000.eml')]);
    expect(h.alerts).toHaveLength(1);
    h.clock.now += 2 * 3_600_000;
    h.core.correlateNow();
    expect(h.alerts.map((a) => a.escalated)).toEqual([false, true]);
    expect(h.core.repo.incident(id)?.status).toBe('open');
    await h.core.close();
  });

  it('records a malformed mail as unparsed and imports the rest of the folder', async () => {
    const h = harness();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'mimamori-folder-'));
    dirs.push(folder);
    writeFileSync(path.join(folder, 'a-garbage.eml'), Buffer.from([0, 1, 2, 3, 255, 254, 10, 10, 0]));
    writeFileSync(
      path.join(folder, 'b-good.eml'),
      buildMail({
        headers: [gmailArh('amazon.co.jp')],
        from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
        subject: 'Amazon.co.jp ご注文の確認',
        date: 'Tue, 21 Apr 2026 10:02:11 +0900',
        text: 'ギフトカードの送信先\nx@example.net\n注文合計： ￥3,000\n',
      }),
    );
    const s = await h.core.importPaths([folder]);
    expect(s).toMatchObject({ scanned: 2, unparsed: 1, signals: 1 });
    expect(s.errors[0]).toMatch(/a-garbage\.eml: no From, Subject or Date header/);
    expect(h.core.repo.messageCounts()).toEqual({ recognised: 1, unparsed: 1 });
    await h.core.close();
  });

  it('validates every call against the contract', async () => {
    const h = harness();
    expect(await h.core.handle('nope', {})).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(
      await h.core.handle('incident.acknowledge', { incidentId: '1; DROP TABLE', action: 'dismiss' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(
      await h.core.handle('incident.acknowledge', { incidentId: '1', action: 'dismiss', extra: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(
      await h.core.handle('incident.acknowledge', { incidentId: '999', action: 'dismiss' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.core.handle('import.pick', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(await h.core.handle('app.info', {})).toEqual({
      ok: true,
      value: { version: 'test', shell: 'headless', locale: 'en', capabilities: { pickFiles: false } },
    });
    await h.core.close();
  });

  it('wakes a snooze that ran out on the hourly re-check in watch mode, with no mail arriving', async () => {
    // Only the intervals are faked: the core's clock is the harness's.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const h = harness(undefined, undefined, { watch: true });
      await h.core.importPaths([path.join(STORY, '01-giftcard-3000.eml')]);
      const id = Number(h.core.sortedIncidents()[0]?.id);
      h.core.acknowledge(id, 'snooze', 1);
      const changed: string[] = [];
      h.core.on('timeline.changed', (p) => changed.push(p.reason));
      vi.advanceTimersByTime(3_600_000);
      expect(h.core.repo.incident(id)?.status).toBe('snoozed');
      h.clock.now += 2 * 3_600_000;
      vi.advanceTimersByTime(3_600_000);
      expect(h.core.repo.incident(id)?.status).toBe('open');
      expect(h.alerts.map((a) => a.escalated)).toEqual([false, true]);
      expect(changed).toEqual(['snooze']);
      expect(h.tray.at(-1)?.openIncidents).toBe(1);
      await h.core.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('correlates after a watcher batch only when the batch stored a signal', async () => {
    const h = harness();
    await h.core.importPaths([path.join(STORY, '01-giftcard-3000.eml')]);
    const changed: string[] = [];
    h.core.on('timeline.changed', (p) => changed.push(p.reason));
    const trays = h.tray.length;
    h.core.afterBatch({ stored: 40, signals: 0 });
    expect(changed).toEqual([]);
    expect(h.tray).toHaveLength(trays);
    h.core.afterBatch({ stored: 40, signals: 1 });
    h.core.afterBatch();
    expect(changed).toEqual(['sync', 'sync']);
    await h.core.close();
  });
});

describe('user rules and the IMAP search', () => {
  const RULE: UserRuleInput = {
    name: 'My credit union',
    sender: 'alerts@mycu.example',
    subjectContains: 'Card used',
    kind: 'payment.charge',
    amountLabels: ['Amount'],
    merchantLabels: ['Where'],
    dateLabels: ['When'],
    currency: 'USD',
    timeZone: 'America/Chicago',
  };

  /** A harness with one account whose INBOX was synced (its UIDVALIDITY known). */
  function synced(): { h: Harness; validity: () => string | null; syncs: () => number } {
    const h = harness();
    const id = h.core.accounts.insert({
      host: 'imap.example.com',
      port: 993,
      tls: 'implicit',
      user: 'me',
      trustedCert: null,
      backfillMonths: 12,
      pollSeconds: 300,
      createdAt: h.core.now(),
    });
    const sync = (): void => {
      h.core.accounts.upsertMailbox(id, 'INBOX', 'inbox', true);
      h.core.accounts.resetMailbox({
        accountId: id,
        path: 'INBOX',
        uidValidity: 7n,
        uidNext: 100,
        highestModseq: null,
        backfillBelow: null,
        backfillTotal: 0,
        at: h.core.now(),
      });
    };
    sync();
    const syncNow = vi.spyOn(h.core.imap, 'syncNow');
    return {
      h,
      validity: () => {
        const v = h.core.accounts.mailbox(id, 'INBOX')?.uid_validity ?? null;
        sync();
        return v;
      },
      syncs: () => syncNow.mock.calls.length,
    };
  }

  async function call(h: Harness, method: string, input: unknown): Promise<unknown> {
    const r = await h.core.handle(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  }

  it('searches past mail again when a rule is added or its sender edited, not when nothing the search asks for changed', async () => {
    const { h, validity, syncs } = synced();
    const saved = (await call(h, 'rules.save', { rule: RULE })) as { id: string };
    expect(validity()).toBeNull();
    expect(syncs()).toBe(1);
    await call(h, 'rules.save', { rule: { ...RULE, id: saved.id, name: 'Credit union' } });
    expect(validity()).toBe('7');
    await call(h, 'rules.save', { rule: { ...RULE, id: saved.id, sender: 'alerts@otherbank.example' } });
    expect(validity()).toBeNull();
    expect(syncs()).toBe(3);
    await h.core.close();
  });

  it('imports a file once: a rule it holds twice is saved once, then one search and one refresh', async () => {
    const { h, validity, syncs } = synced();
    const changed: string[] = [];
    h.core.on('timeline.changed', (p) => changed.push(p.reason));
    const refunds = { ...RULE, name: 'Refunds', kind: 'payment.refund', subjectContains: 'Refund' };
    const file = JSON.stringify({ format: 'mimamori-rules', version: 1, rules: [RULE, refunds, RULE] });
    expect(await call(h, 'rules.import', { file })).toEqual({ imported: 2 });
    expect(((await call(h, 'rules.list', {})) as unknown[]).map((r) => (r as { name: string }).name)).toEqual(
      ['My credit union', 'Refunds'],
    );
    expect(validity()).toBeNull();
    expect(syncs()).toBe(1);
    expect(changed).toEqual(['rules']);
    await h.core.close();
  });
});
