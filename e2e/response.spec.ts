/**
 * Responding to the story's takeover, end to end in the browser: "Not me" opens the playbook; a step ticked shows
 * its time; "Change password" opens Amazon.co.jp's official page (the popup, and the core's record of what it
 * handed out, both checked against the vendor's own domains); "Done" records the rotation and the reminder clears;
 * the refund countdown runs from the 楽天銀行 debit. Then a periodic reminder: a service whose period has passed
 * becomes due and the browser notification is raised once, not on every later check.
 *
 * External pages never load from the network: every https request is answered by a stub page, so the popup's URL
 * is what the app opened and nothing leaves the machine.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { identityOf, isVendorDomain } from '../electron/core/recognise/identity';
import { pageUrl } from '../electron/core/response/passwordPages';
import { apiCall } from './api';
import { expect, ROOT, test } from './fixtures';
import { PasswordsPage } from './pages/PasswordsPage';
import { RespondPage } from './pages/RespondPage';
import { TimelinePage } from './pages/TimelinePage';

const STORY = path.join(ROOT, 'fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

const pad = (n: number): string => String(n).padStart(2, '0');
const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

async function stubExternalPages(context: BrowserContext): Promise<void> {
  await context.route(/^https:\/\//, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>official page (stub)</title>' }),
  );
}

/** The popup a click opens, and its URL once it has navigated there. */
async function popupOf(context: BrowserContext, click: () => Promise<void>): Promise<Page> {
  const [popup] = await Promise.all([context.waitForEvent('page'), click()]);
  await popup.waitForURL(/^https:\/\//);
  return popup;
}

function isOfficial(vendor: string, url: string): boolean {
  const identity = identityOf(vendor);
  const u = new URL(url);
  return identity !== undefined && u.protocol === 'https:' && isVendorDomain(identity, u.hostname);
}

test('Not me opens the playbook; one click opens Amazon.co.jp’s official page; Done clears the reminder', async ({
  page,
  context,
  shell,
}) => {
  await stubExternalPages(context);
  const timeline = new TimelinePage(page);
  const respond = new RespondPage(page);
  const passwords = new PasswordsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await timeline.importFiles(storyFiles);

  // The incident makes Amazon.co.jp's password due: the page title and the Passwords tab say so.
  await expect(page).toHaveTitle(/Passwords to rotate: 1/);
  await expect(passwords.navCount).toHaveText('1');

  const incident = timeline.incident('giftcard_fraud');
  const incidentId = await incident.getAttribute('data-incident-id');
  await incident.getByRole('button', { name: 'Not me' }).click();
  await respond.expectOpen();
  await expect(respond.title).toHaveText('Respond: Gift-card fraud: Amazon.co.jp');
  await expect(respond.steps).toHaveCount(6);
  await expect(respond.step('bank:rakuten-bank.co.jp')).toContainText(
    'Call Rakuten Bank to stop the card and report the charges',
  );
  await expect(respond.step('orders')).toContainText('Check the cancelled-orders page on Amazon.co.jp');
  await expect(respond.step('contact').getByTestId('step-phones')).toContainText('0120-999-373');

  // A step ticked shows the time it was done.
  const today = localDate(new Date());
  await respond.tick('signout');
  await expect(respond.step('signout').getByTestId('step-done-at')).toContainText(`done ${today}`);

  // One click: the official change-password page opens in a new window.
  const official = pageUrl('amazon.co.jp', 'password');
  expect(official).not.toBeNull();
  const password = respond.step('password');
  const popup = await popupOf(context, () => password.getByTestId('rotate').click());
  expect(popup.url()).toBe(official);
  expect(isOfficial('amazon.co.jp', popup.url())).toBe(true);
  await popup.close();
  // The core recorded what it handed out, and it is Amazon.co.jp's own page.
  const opened = await apiCall(page, 'response.opened', {});
  expect(opened[0]).toMatchObject({
    vendor: 'amazon.co.jp',
    url: official,
    purpose: 'password',
    incidentId,
    via: 'renderer',
  });
  expect(opened.every((o) => isOfficial(o.vendor, o.url))).toBe(true);

  // "Done?" — yes: the rotation is recorded, the step ticked with its time, the reminder cleared.
  await expect(password.getByTestId('rotate-ask')).toContainText(
    'Did you change your Amazon.co.jp password?',
  );
  await password.getByTestId('rotate-done').click();
  await expect(password).toHaveAttribute('data-done', 'true');
  await expect(password.getByTestId('step-done-at')).toContainText(`done ${today}`);
  await expect(passwords.navCount).toBeHidden();
  await expect(page).not.toHaveTitle(/Passwords to rotate/);

  // The refund window runs from the earliest Rakuten Bank debit (2026-05-22 21:17 JST) plus its 30 days.
  const countdown = respond.countdown('rakuten-bank.co.jp');
  await expect(countdown).toHaveAttribute('data-deadline', '2026-06-21T21:17:30+09:00');
  await expect(countdown).toContainText(
    'Report the ¥10,000 charge of 2026-05-22 21:17 to Rakuten Bank by 2026-06-21 21:17.',
  );
  await expect(countdown.getByTestId('countdown-window')).toContainText('within 30 days of the charge');
  const passed = Date.now() > Date.parse('2026-06-21T21:17:30+09:00');
  await expect(countdown).toHaveAttribute('data-state', passed ? 'passed' : /open|urgent/);
  // Reporting it to the bank (the bank step) stops the countdown.
  await respond.tick('bank:rakuten-bank.co.jp');
  await expect(countdown).toHaveAttribute('data-state', 'reported');
  await expect(countdown.getByTestId('countdown-left')).toContainText(`Reported to Rakuten Bank ${today}`);

  // The Passwords screen: changed today, through Mimamori, not due.
  await passwords.open();
  const amazon = passwords.service('amazon.co.jp');
  await expect(amazon).toHaveAttribute('data-due', 'none');
  await expect(amazon.getByTestId('service-last-change')).toContainText('today');
  await expect(amazon.getByTestId('service-last-change')).toContainText('changed through Mimamori');
  await expect(amazon.getByTestId('service-due')).toHaveText('Up to date');
  await page.screenshot({ path: path.join(ROOT, 'docs/passwords.png'), fullPage: true });

  // And in Japanese.
  await timeline.setLocale('ja');
  await expect(page.getByTestId('nav-passwords')).toHaveText('パスワード');
  await expect(page.getByTestId('nist-note')).toContainText('NIST');
  await expect(amazon.getByTestId('service-due')).toHaveText('変更の必要なし');
});

test('the Respond view from an incident card shows the playbook and the countdown', async ({
  page,
  context,
  shell,
}) => {
  await stubExternalPages(context);
  const timeline = new TimelinePage(page);
  const respond = new RespondPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await timeline.importFiles(storyFiles);
  await timeline.incident('giftcard_fraud').getByTestId('incident-respond').click();
  await respond.expectOpen();
  // A step's official page: two-step verification on Amazon.co.jp.
  const popup = await popupOf(context, () => respond.step('twoStep').getByTestId('step-open').click());
  expect(popup.url()).toBe(pageUrl('amazon.co.jp', 'twoStep'));
  await popup.close();
  await expect(respond.countdowns).toHaveCount(1);
  await page.screenshot({ path: path.join(ROOT, 'docs/playbook.png'), fullPage: true });
  await respond.back();
  await expect(timeline.incident('giftcard_fraud')).toBeVisible();
});

test('a periodic reminder becomes due when its period has passed and notifies once', async ({
  page,
  context,
  shell,
}) => {
  await stubExternalPages(context);
  await context.grantPermissions(['notifications']);
  // Record every notification the page raises (the headless shell's alerts go through the browser's API).
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: { title: string; body?: string; tag?: string }[] };
    w.__notes = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission(): Promise<string> {
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, opts: { body?: string; tag?: string } = {}) {
        w.__notes.push({
          title,
          ...(opts.body ? { body: opts.body } : {}),
          ...(opts.tag ? { tag: opts.tag } : {}),
        });
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
  const reminders = (): Promise<{ title: string; tag?: string }[]> =>
    page.evaluate(() =>
      (window as unknown as { __notes: { title: string; tag?: string }[] }).__notes.filter((n) =>
        n.tag?.startsWith('reminder-'),
      ),
    );

  const timeline = new TimelinePage(page);
  const passwords = new PasswordsPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await passwords.open();
  await expect(passwords.empty).toBeVisible();

  // Steam, every 30 days, last changed 100 days ago (entered by hand): overdue at once.
  const longAgo = localDate(new Date(Date.now() - 100 * 86_400_000));
  await passwords.add({ service: 'Steam', periodDays: 30, lastChanged: longAgo });
  const steam = passwords.service('steampowered.com');
  await expect(steam).toHaveAttribute('data-due', 'periodic');
  await expect(steam.getByTestId('service-due')).toContainText('your 30-day reminder');
  await expect(steam.getByTestId('service-last-change')).toContainText(longAgo);
  await expect(steam.getByTestId('service-policy')).toHaveText('On evidence, and every 30 days');
  await expect(passwords.navCount).toHaveText('1');

  await expect.poll(reminders).toHaveLength(1);
  expect((await reminders())[0]).toMatchObject({
    title: 'Time to change your Steam password',
    tag: 'reminder-steampowered.com',
  });

  // Further checks do not repeat it: an edit that leaves it due, an import (which re-checks), a second window.
  await passwords.edit('steampowered.com', { periodDays: 60 });
  await expect(steam.getByTestId('service-policy')).toHaveText('On evidence, and every 60 days');
  await timeline.importFiles(storyFiles);
  const second = await context.newPage();
  await second.goto(shell.url);
  await expect(second.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForTimeout(500);
  expect(await reminders()).toHaveLength(1);
  const listed = await apiCall(page, 'services.list', {});
  expect(listed.services.find((s) => s.vendor === 'steampowered.com')?.remindedAt).not.toBeNull();
  await second.close();

  // Rotating it clears the reminder: Steam's own change-password page, then Done.
  await passwords.open();
  const popup = await popupOf(context, () => steam.getByTestId('rotate').click());
  expect(isOfficial('steampowered.com', popup.url())).toBe(true);
  expect(popup.url()).toBe(pageUrl('steampowered.com', 'password'));
  await popup.close();
  await steam.getByTestId('rotate-done').click();
  await expect(steam).toHaveAttribute('data-due', 'none');
  await expect(passwords.notice).toContainText('Recorded: your Steam password was changed');
  expect(await reminders()).toHaveLength(1);
});
