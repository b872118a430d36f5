/**
 * The story behind Mimamori, end to end in the browser: the victim's mails are imported through the window, and
 * the timeline must show one critical gift-card incident that links each "opened" notice to the bank debit of
 * the same amount, in English and in Japanese, with a hostile subject shown as text.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';
import { TimelinePage } from './pages/TimelinePage';

const STORY = path.join(ROOT, 'fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

test('the story becomes one critical incident with linked gift-card and debit events', async ({
  page,
  shell,
}) => {
  const timeline = new TimelinePage(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  const result = await timeline.importFiles(storyFiles);
  expect(result).toContain(`Imported ${storyFiles.length} mails`);

  const incident = timeline.incident('giftcard_fraud');
  await expect(incident).toHaveCount(1);
  await expect(incident).toHaveAttribute('data-severity', 'critical');
  await expect(incident.getByTestId('incident-explanation')).toContainText(
    'A ¥20,000 gift card bought from your Amazon.co.jp account was opened, and 2 min later your bank (Rakuten Bank) debited ¥20,000.',
  );
  // Both debits are linked to the "opened" notice of a card of the same amount.
  const links = incident.getByTestId('incident-link');
  await expect(links.filter({ hasText: 'same amount ¥10,000' })).toHaveCount(1);
  await expect(links.filter({ hasText: 'same amount ¥20,000' })).toHaveCount(1);

  // In the event columns, the ¥10,000 debit card carries its link to the opened card.
  const debit = timeline.event('payment.charge').filter({ hasText: '¥10,000' });
  await expect(debit.getByTestId('event-link')).toContainText('charged 4 min after the gift card was opened');
  await expect(timeline.event('giftcard.purchased')).toHaveCount(6);
  await expect(timeline.event('giftcard.opened')).toHaveCount(2);

  // The hostile subject is text, not markup, and no script ran.
  const phish = timeline.event('impersonation');
  await expect(phish.getByTestId('event-subject')).toHaveText(/^<img src=x onerror=alert\(1\)>/);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  await expect(timeline.incident('phishing')).toHaveAttribute('data-severity', 'info');

  await page.screenshot({ path: path.join(ROOT, 'docs/timeline.png'), fullPage: true });

  await timeline.setLocale('ja');
  await expect(incident.getByTestId('incident-severity')).toHaveText('緊急');
  await expect(incident.getByTestId('incident-explanation')).toContainText(
    'Amazon.co.jpのアカウントで購入された￥20,000のギフトカードが開封され、その2分後に銀行（楽天銀行）から￥20,000が引き落とされました。',
  );
  await expect(links.filter({ hasText: '同額の￥10,000' })).toHaveCount(1);
  await page.screenshot({ path: path.join(ROOT, 'docs/timeline-ja.png'), fullPage: true });
});

test('importing the same mails twice changes nothing', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await timeline.importFiles(storyFiles);
  await expect(timeline.events).toHaveCount(12);
  await timeline.importFiles(storyFiles);
  await expect(timeline.events).toHaveCount(12);
  await expect(timeline.incidents).toHaveCount(2);
});
