/**
 * Issue 5 end to end: the story's mails arrive one by one over IMAP (a real Dovecot, IDLE push) into a watching
 * headless shell. The first gift-card mail raises a warning, the debit makes it critical; at each step the
 * browser notification, the page title, the favicon (the tray icon) and the banner change. "This was me" on
 * another incident silences it. Browser notifications are recorded by replacing window.Notification before the
 * page loads: the app calls the real API shape, the test reads what it was asked to show.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startDovecot, type Dovecot } from '../electron/core/testing/dovecot';
import { expect, ROOT, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { TimelinePage } from './pages/TimelinePage';

const USER = 'alerts';
const PASSWORD = 'alerts-Pa55-word';
const story = (name: string): Buffer => readFileSync(path.join(ROOT, 'fixtures/story', name));

let dovecot: Dovecot;

test.beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
});

test.afterAll(async () => {
  await dovecot?.stop();
});

test.skip(
  !process.env.MIMAMORI_KEYRING_READY,
  'needs a Secret Service: run through npm test (scripts/with-keyring.sh)',
);

interface Shown {
  title: string;
  body: string;
  tag: string;
}

async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string; tag: string }[] = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    class Recorded {
      static permission = 'granted';
      static requestPermission(): Promise<string> {
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, opts: { body?: string; tag?: string } = {}) {
        shown.push({ title, body: opts.body ?? '', tag: opts.tag ?? '' });
      }
      close(): void {}
    }
    (window as unknown as { Notification: unknown }).Notification = Recorded;
  });
}

const shown = (page: Page): Promise<Shown[]> =>
  page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);
const favicon = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? null);

test('the story arrives live: warning, then critical, with a notification and a new tray state at each step', async ({
  page,
  shell,
}) => {
  await recordNotifications(page);
  const timeline = new TimelinePage(page);
  const accounts = new AccountsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await expect(page).toHaveTitle('Mimamori');
  const quiet = await favicon(page);

  await accounts.open();
  // The window shows the server's own fingerprint, read here from the certificate itself, before it is trusted.
  await accounts.addTrusted({
    label: 'Story',
    port: dovecot.ports.imaps,
    user: USER,
    password: PASSWORD,
    fingerprint: new X509Certificate(dovecot.caCert).fingerprint256,
  });
  await accounts.openTimeline();

  // 1. The first gift card bought from the account: a warning, at once.
  await dovecot.append(USER, 'INBOX', story('02-giftcard-10000.eml'));
  const incident = timeline.incident('giftcard_fraud');
  await expect(incident).toHaveAttribute('data-severity', 'warning', { timeout: 10_000 });
  await expect(page.getByTestId('alert-banner')).toHaveAttribute('data-state', 'warning');
  await expect(page).toHaveTitle(/^\(1\) ! Mimamori( · |$)/);
  const warning = await favicon(page);
  expect(warning).not.toBe(quiet);
  await expect.poll(() => shown(page)).toHaveLength(1);
  const [first] = await shown(page);
  expect(first?.title).toBe('Gift-card fraud: Amazon.co.jp');
  expect(first?.body).toContain('Next: if this was not you, change your Amazon.co.jp password.');

  // 2. The card is opened a month later: the same incident, no new notification.
  await dovecot.append(USER, 'INBOX', story('05-giftcard-opened-10000.eml'));
  await expect(timeline.event('giftcard.opened')).toHaveCount(1, { timeout: 10_000 });
  expect(await shown(page)).toHaveLength(1);

  // 3. Minutes later the bank debits the same amount: critical, and one more notification that says so.
  await dovecot.append(USER, 'INBOX', story('06-rakuten-debit-10000.eml'));
  await expect(incident).toHaveAttribute('data-severity', 'critical', { timeout: 10_000 });
  await expect(page.getByTestId('alert-banner')).toHaveAttribute('data-state', 'critical');
  await expect(page).toHaveTitle(/^\(1\) ⚠ Mimamori( · |$)/);
  expect(await favicon(page)).not.toBe(warning);
  await expect.poll(() => shown(page)).toHaveLength(2);
  const second = (await shown(page))[1];
  expect(second?.tag).toBe(first?.tag);
  expect(second?.body).toContain('debited ¥10,000');
  expect(second?.body).toContain(
    'Next: change your Amazon.co.jp password, then call Amazon.co.jp and your bank now.',
  );
  await expect(timeline.incidents).toHaveCount(1);

  // 4. A phishing mail opens another incident; "This was me" silences it, and a later sync does not bring it back.
  await dovecot.append(USER, 'INBOX', story('12-phishing-hostile-subject.eml'));
  const phishing = timeline.incident('phishing');
  await expect(phishing).toHaveCount(1, { timeout: 10_000 });
  await expect.poll(() => shown(page)).toHaveLength(3);
  await phishing.getByRole('button', { name: 'This was me' }).click();
  await expect(phishing).toHaveAttribute('data-status', 'dismissed');
  await accounts.open();
  await accounts.account('Story').getByRole('button', { name: 'Sync now' }).click();
  await accounts.waitForState(accounts.account('Story'), 'idle');
  await accounts.openTimeline();
  await expect(timeline.incident('phishing')).toHaveAttribute('data-status', 'dismissed');
  expect(await shown(page)).toHaveLength(3);
});
