import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, ApiInput, ApiMethod, ApiOutput, EventPayload } from '../../../shared/api';
import { countdownState, splitSpan } from '../../../shared/response';
import { Core, type Platform, type TrayStatus } from '../app';
import { lastChangeOf, serviceView } from './services';
import { addBusinessDays, defaultWindow } from './refundWindows';
import type { ServiceRow } from './store';

const STORY = path.resolve(__dirname, '../../../fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

const DAY = 86_400_000;
let dirs: string[] = [];
let cores: Core[] = [];
afterEach(async () => {
  for (const c of cores) await c.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  cores = [];
});

interface Harness {
  core: Core;
  alerts: Alert[];
  events: Alert[];
  tray: TrayStatus[];
  opened: string[];
  clock: { now: number };
  dir: string;
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  fail(method: ApiMethod, input: unknown): Promise<{ code: string; message: string }>;
}

function harness(
  opts: { opener?: boolean; dir?: string; now?: number } = {},
  clock = { now: opts.now ?? Date.parse('2026-06-01T00:00:00Z') },
): Harness {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'mimamori-response-'));
  if (!dirs.includes(dir)) dirs.push(dir);
  const alerts: Alert[] = [];
  const tray: TrayStatus[] = [];
  const opened: string[] = [];
  const platform: Platform = {
    shell: opts.opener ? 'electron' : 'headless',
    systemLocale: () => 'en',
    notify: (a) => alerts.push(a),
    setTray: (s) => tray.push(s),
    ...(opts.opener ? { openUrl: (url: string) => void opened.push(url) } : {}),
  };
  const core = new Core({ dataDir: dir, platform, version: 'test', clock: () => new Date(clock.now) });
  cores.push(core);
  const events: Alert[] = [];
  core.on('alert', (a: EventPayload<'alert'>) => events.push(a));
  return {
    core,
    alerts,
    events,
    tray,
    opened,
    clock,
    dir,
    async call(method, input) {
      const r = await core.handle(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value as never;
    },
    async fail(method, input) {
      const r = await core.handle(method, input);
      if (r.ok) throw new Error(`${method} succeeded`);
      return r.error;
    },
  };
}

async function story(h: Harness): Promise<{ fraud: string; phishing: string }> {
  await h.core.importPaths(storyFiles);
  const incidents = h.core.sortedIncidents();
  return {
    fraud: incidents.find((i) => i.kind === 'giftcard_fraud')?.id ?? '',
    phishing: incidents.find((i) => i.kind === 'phishing')?.id ?? '',
  };
}

describe('watched services', () => {
  it('proposes the shop seen in the story and makes its password due on the incident’s evidence', async () => {
    const h = harness();
    const { fraud } = await story(h);
    const { services, addable } = await h.call('services.list', {});
    expect(services).toHaveLength(1);
    expect(services[0]).toMatchObject({
      vendor: 'amazon.co.jp',
      origin: 'mailbox',
      policy: 'evidence',
      periodDays: null,
      lastChange: null,
      due: { reason: 'evidence', since: '2026-05-22T21:42:10+09:00', incidentId: fraud },
      pages: ['password', 'signout', 'twoStep', 'orders', 'contact'],
    });
    // The bank and the impostor's claimed vendor are not proposed; the other shops can be added by hand.
    expect(addable).toContain('amazon.com');
    expect(addable).toContain('rakuten-bank.co.jp');
    expect(addable).not.toContain('amazon.co.jp');
    expect(h.tray.at(-1)?.rotationsDue).toBe(1);
    expect((await h.call('app.status', {})).rotationsDue).toBe(1);
    // Evidence does not raise a second notification: the incident's own alert says to change the password.
    expect(h.alerts.map((a) => a.kind)).toEqual(['giftcard_fraud', 'phishing']);
  });

  it('records a rotation: no longer due, the playbook’s password step ticked, the rotation kept', async () => {
    const h = harness();
    const { fraud } = await story(h);
    h.clock.now = Date.parse('2026-06-01T03:00:00Z');
    const service = await h.call('rotation.done', { vendor: 'amazon.co.jp', incidentId: fraud });
    expect(service.due).toBeNull();
    expect(service.lastChange).toEqual({ at: h.core.now(), source: 'rotation' });
    expect(h.tray.at(-1)?.rotationsDue).toBe(0);
    const playbook = await h.call('playbook.get', { incidentId: fraud });
    expect(playbook.steps.find((s) => s.key === 'password')?.doneAt).toBe(h.core.now());
    expect(h.core.db.prepare('SELECT vendor, rotated_at, incident_id FROM rotations').all()).toEqual([
      { vendor: 'amazon.co.jp', rotated_at: h.core.now(), incident_id: Number(fraud) },
    ]);
  });

  it('is due again when new evidence arrives after the rotation', async () => {
    const h = harness();
    await h.call('services.save', { vendor: 'amazon.co.jp', policy: 'evidence' });
    await h.call('rotation.done', { vendor: 'amazon.co.jp' });
    expect((await h.call('services.list', {})).services[0]?.due).toBeNull();
    // The story's mail is older than the rotation (2026-06-01): its incident is no new evidence.
    await story(h);
    expect((await h.call('services.list', {})).services[0]?.due).toBeNull();
    h.clock.now = Date.parse('2027-01-01T00:00:00Z');
    await h.call('rotation.done', { vendor: 'amazon.co.jp' });
    expect((await h.call('services.list', {})).services[0]?.due).toBeNull();
  });

  it('reminds a periodic service once per due period, across restarts and re-checks', async () => {
    const h = harness();
    await h.call('services.save', {
      vendor: 'steampowered.com',
      policy: 'periodic',
      periodDays: 90,
      lastChanged: '2026-01-15',
    });
    // 2026-01-15 + 90 days is 2026-04-15: overdue at 2026-06-01, reminded at once.
    const reminders = (): Alert[] => h.alerts.filter((a) => a.reminder);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toMatchObject({
      incidentId: '',
      reminder: { vendor: 'steampowered.com' },
      title: 'Time to change your Steam password',
    });
    expect(h.events.filter((a) => a.reminder)).toHaveLength(1);
    const due = (await h.call('services.list', {})).services[0];
    expect(due?.due).toMatchObject({ reason: 'periodic', incidentId: null });
    expect(due?.remindedAt).toBe(h.core.now());

    // More checks, an edit, a day later, a restart: still one.
    await h.call('services.save', { vendor: 'steampowered.com', policy: 'periodic', periodDays: 60 });
    h.clock.now += DAY;
    h.core.correlateNow();
    await h.core.close();
    cores = cores.filter((c) => c !== h.core);
    const again = harness({ dir: h.dir, now: h.clock.now });
    again.core.correlateNow();
    expect(again.alerts.filter((a) => a.reminder)).toHaveLength(0);
    expect(again.tray.at(-1)?.rotationsDue).toBe(1);

    // Rotated: the reminder is forgotten; 61 days later it is due and reminded again, once.
    await again.call('rotation.done', { vendor: 'steampowered.com' });
    expect(again.tray.at(-1)?.rotationsDue).toBe(0);
    again.clock.now += 61 * DAY;
    again.core.correlateNow();
    again.core.correlateNow();
    expect(again.alerts.filter((a) => a.reminder)).toHaveLength(1);
  });

  it('validates hand-entered services', async () => {
    const h = harness();
    expect(await h.fail('services.save', { vendor: 'example.com', policy: 'evidence' })).toMatchObject({
      code: 'invalid',
    });
    expect(await h.fail('services.save', { vendor: 'apple.com', policy: 'periodic' })).toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('period'),
    });
    expect(
      await h.fail('services.save', { vendor: 'apple.com', policy: 'evidence', lastChanged: '2026-07-01' }),
    ).toMatchObject({ code: 'invalid', message: expect.stringContaining('future') });
    expect(
      await h.fail('services.save', { vendor: 'apple.com', policy: 'evidence', lastChanged: '2026-02-30' }),
    ).toMatchObject({ code: 'invalid' });
    expect(
      await h.fail('services.save', { vendor: 'apple.com', policy: 'periodic', periodDays: 0 }),
    ).toMatchObject({ code: 'invalid' });
    const s = await h.call('services.save', {
      vendor: 'apple.com',
      policy: 'evidence',
      lastChanged: '2026-05-01',
    });
    expect(s).toMatchObject({ origin: 'manual', lastChange: { source: 'entered' }, due: null });
    expect(s.lastChange?.at.slice(0, 10)).toBe('2026-05-01');
    const cleared = await h.call('services.save', {
      vendor: 'apple.com',
      policy: 'evidence',
      lastChanged: null,
    });
    expect(cleared.lastChange).toBeNull();
  });

  it('does not propose again a service the user stopped watching, until it is added by hand', async () => {
    const h = harness();
    await story(h);
    await h.call('services.remove', { vendor: 'amazon.co.jp' });
    expect((await h.call('services.list', {})).services).toEqual([]);
    expect(h.tray.at(-1)?.rotationsDue).toBe(0);
    await h.core.importPaths(storyFiles);
    expect((await h.call('services.list', {})).services).toEqual([]);
    expect(await h.fail('services.remove', { vendor: 'amazon.co.jp' })).toMatchObject({ code: 'not_found' });
    await h.call('services.save', { vendor: 'amazon.co.jp', policy: 'evidence' });
    expect((await h.call('services.list', {})).services.map((s) => s.vendor)).toEqual(['amazon.co.jp']);
  });
});

describe('one-click rotation: the official page', () => {
  it('hands the URL to the window in the headless shell, and records it', async () => {
    const h = harness();
    const { fraud } = await story(h);
    const r = await h.call('response.open', {
      vendor: 'amazon.co.jp',
      purpose: 'password',
      incidentId: fraud,
    });
    expect(r).toEqual({ url: 'https://www.amazon.co.jp/ap/cnep?ie=UTF8', opened: false });
    expect(await h.call('response.opened', {})).toEqual([
      {
        openedAt: h.core.now(),
        vendor: 'amazon.co.jp',
        url: 'https://www.amazon.co.jp/ap/cnep?ie=UTF8',
        purpose: 'password',
        incidentId: fraud,
        via: 'renderer',
      },
    ]);
  });

  it('opens it through the shell where there is an opener (Electron)', async () => {
    const h = harness({ opener: true });
    const r = await h.call('response.open', { vendor: 'steampowered.com', purpose: 'twoStep' });
    expect(r).toEqual({ url: 'https://store.steampowered.com/twofactor/manage', opened: true });
    expect(h.opened).toEqual(['https://store.steampowered.com/twofactor/manage']);
    expect((await h.call('response.opened', {}))[0]).toMatchObject({ via: 'shell', incidentId: null });
  });

  it('refuses vendors and purposes without a curated page, and URLs from outside', async () => {
    const h = harness();
    expect(await h.fail('response.open', { vendor: 'example.com', purpose: 'password' })).toMatchObject({
      code: 'not_found',
    });
    expect(await h.fail('response.open', { vendor: 'chase.com', purpose: 'orders' })).toMatchObject({
      code: 'not_found',
    });
    expect(
      await h.fail('response.open', {
        vendor: 'amazon.co.jp',
        purpose: 'password',
        url: 'https://evil.example',
      }),
    ).toMatchObject({ code: 'invalid' });
    expect(await h.fail('response.open', { vendor: 'amazon.co.jp', purpose: 'steal' })).toMatchObject({
      code: 'invalid',
    });
    expect(await h.call('response.opened', {})).toEqual([]);
  });
});

describe('the response playbook', () => {
  it('lists the steps for the story’s gift-card fraud, with the bank named from the debit notices', async () => {
    const h = harness();
    const { fraud } = await story(h);
    const p = await h.call('playbook.get', { incidentId: fraud });
    expect(p.steps.map((s) => `${s.key}:${s.link ?? '-'}`)).toEqual([
      'password:password',
      'signout:signout',
      'twoStep:twoStep',
      'orders:orders',
      'contact:contact',
      'bank:rakuten-bank.co.jp:contact',
    ]);
    expect(p.steps.find((s) => s.kind === 'orders')?.cancelledOrders).toBe(true);
    expect(p.steps.find((s) => s.kind === 'contact')?.phones).toEqual([
      { region: 'JP', number: '0120-999-373' },
    ]);
    expect(p.steps.every((s) => s.doneAt === null)).toBe(true);
    // Rakuten Bank compensates debit-card misuse reported within 30 days; the earliest debit is 2026-05-22 21:17.
    expect(p.countdowns).toEqual([
      {
        bank: 'rakuten-bank.co.jp',
        windowDays: 30,
        windowCustom: false,
        early: null,
        charge: {
          signalId: expect.any(String),
          occurredAt: '2026-05-22T21:17:30+09:00',
          amount: { currency: 'JPY', minor: 10000 },
        },
        deadline: '2026-06-21T21:17:30+09:00',
        reportedAt: null,
        charges: 2,
      },
    ]);
  });

  it('records each step with its time, and the bank step as the report that stops the countdown', async () => {
    const h = harness();
    const { fraud } = await story(h);
    const signout = await h.call('playbook.setStep', { incidentId: fraud, step: 'signout', done: true });
    expect(signout.steps.find((s) => s.key === 'signout')?.doneAt).toBe(h.core.now());
    h.clock.now += 3_600_000;
    const reported = await h.call('playbook.setStep', {
      incidentId: fraud,
      step: 'bank:rakuten-bank.co.jp',
      done: true,
    });
    expect(reported.countdowns[0]?.reportedAt).toBe(h.core.now());
    expect(reported.steps.find((s) => s.kind === 'bank')?.unreported).toBe(0);
    const undone = await h.call('playbook.setStep', { incidentId: fraud, step: 'signout', done: false });
    expect(undone.steps.find((s) => s.key === 'signout')?.doneAt).toBeNull();
    const stored = h.core.db
      .prepare('SELECT step, detail FROM playbook_steps WHERE incident_id = ? ORDER BY step')
      .all(Number(fraud)) as { step: string; detail: string }[];
    expect(stored.map((r) => r.step)).toEqual(['bank:rakuten-bank.co.jp']);
    expect(JSON.parse(stored[0]?.detail ?? '{}')).toEqual({
      charges: [expect.any(String), expect.any(String)],
    });
    expect(
      await h.fail('playbook.setStep', { incidentId: fraud, step: 'bank:chase.com', done: true }),
    ).toMatchObject({ code: 'invalid' });
    expect(await h.fail('playbook.get', { incidentId: '999' })).toMatchObject({ code: 'not_found' });
  });

  it('ticking the password step by hand counts as a rotation', async () => {
    const h = harness();
    const { fraud } = await story(h);
    await h.call('playbook.setStep', { incidentId: fraud, step: 'password', done: true });
    expect((await h.call('services.list', {})).services[0]).toMatchObject({
      due: null,
      lastChange: { source: 'rotation' },
    });
  });

  it('gives phishing its own steps', async () => {
    const h = harness();
    const { phishing } = await story(h);
    const p = await h.call('playbook.get', { incidentId: phishing });
    expect(p.steps.map((s) => s.key)).toEqual(['phishingDelete', 'phishingPassword', 'contact']);
    expect(p.countdowns).toEqual([]);
  });

  it('uses the window the user set for a bank, and goes back to the default', async () => {
    const h = harness();
    const { fraud } = await story(h);
    expect(await h.call('refundWindows.set', { vendor: 'rakuten-bank.co.jp', days: 60 })).toEqual({
      vendor: 'rakuten-bank.co.jp',
      days: 60,
      defaultDays: 30,
      custom: true,
    });
    const p = await h.call('playbook.get', { incidentId: fraud });
    expect(p.countdowns[0]).toMatchObject({
      windowDays: 60,
      windowCustom: true,
      deadline: '2026-07-21T21:17:30+09:00',
    });
    await h.call('refundWindows.set', { vendor: 'rakuten-bank.co.jp', days: null });
    expect((await h.call('refundWindows.list', {})).find((w) => w.vendor === 'rakuten-bank.co.jp')).toEqual({
      vendor: 'rakuten-bank.co.jp',
      days: 30,
      defaultDays: 30,
      custom: false,
    });
    expect(await h.fail('refundWindows.set', { vendor: 'amazon.co.jp', days: 10 })).toMatchObject({
      code: 'invalid',
    });
  });
});

describe('pure helpers', () => {
  const row = (over: Partial<ServiceRow> = {}): ServiceRow => ({
    vendor: 'amazon.co.jp',
    origin: 'mailbox',
    hidden: 0,
    policy: 'evidence',
    period_days: null,
    changed_at: null,
    changed_how: null,
    reminded_at: null,
    created_at: '2026-01-01T00:00:00+09:00',
    updated_at: '2026-01-01T00:00:00+09:00',
    ...over,
  });

  it('takes the latest of a password-changed mail and the user’s own change', () => {
    const mail = {
      vendor: 'amazon.co.jp',
      ms: Date.parse('2026-03-01T00:00:00Z'),
      at: '2026-03-01T09:00:00+09:00',
    };
    expect(lastChangeOf(row(), mail)?.source).toBe('mail');
    expect(
      lastChangeOf(row({ changed_at: '2026-04-01T00:00:00Z', changed_how: 'entered' }), mail)?.source,
    ).toBe('entered');
    expect(lastChangeOf(row(), undefined)).toBeNull();
  });

  it('counts a periodic period from the service’s creation when no change is known', () => {
    const periodic = row({ policy: 'periodic', period_days: 30 });
    expect(serviceView(periodic, [], undefined, Date.parse('2026-01-20T00:00:00Z')).due).toBeNull();
    expect(serviceView(periodic, [], undefined, Date.parse('2026-02-01T00:00:00Z')).due?.reason).toBe(
      'periodic',
    );
  });

  it('turns a countdown urgent in its last tenth, never later than 3 days before', () => {
    const c = { deadline: '2026-06-21T21:17:30+09:00', windowDays: 30, reportedAt: null };
    const deadline = Date.parse(c.deadline);
    expect(countdownState(c, deadline - 10 * DAY).state).toBe('open');
    expect(countdownState(c, deadline - 3 * DAY + 1).state).toBe('urgent');
    expect(countdownState(c, deadline + 1).state).toBe('passed');
    expect(countdownState({ ...c, windowDays: 60 }, deadline - 5 * DAY).state).toBe('urgent');
    expect(countdownState({ ...c, reportedAt: 'x' }, deadline + 1).state).toBe('reported');
    expect(splitSpan(2 * DAY + 5 * 3_600_000 + 59_000)).toEqual({ days: 2, hours: 5 });
  });

  it('counts Regulation E’s business days over a weekend', () => {
    // Friday 2026-05-22 21:17 in Tokyo: two business days later is Tuesday.
    const fri = Date.parse('2026-05-22T21:17:30+09:00');
    expect(new Date(addBusinessDays(fri, 2, 540) + 540 * 60_000).toISOString().slice(0, 10)).toBe(
      '2026-05-26',
    );
    expect(defaultWindow('chase.com')).toMatchObject({ days: 60, earlyBusinessDays: 2 });
    expect(defaultWindow('unknown.example').days).toBe(30);
  });
});
