import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/api';
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
  const core = new Core({ dataDir: dir, platform, version: 'test', clock: () => new Date(clock.now) });
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
});
