/**
 * The built-in rules against mails written from the formats in mail-formats.md, in the encodings Japanese mail
 * uses. Each case goes through the real parser and engine.
 */
import { describe, expect, it } from 'vitest';
import { parseMail } from '../parse/mime';
import { buildMail, gmailArh, type Charset, type TransferEncoding } from '../testing/mailbuilder';
import { recognise, type RecognisedSignal } from './engine';
import { BUILT_IN_RULES } from './rules';
import { vendorInfo } from '../../../shared/vendors';

const ENCODINGS: [Charset, TransferEncoding][] = [
  ['utf-8', 'base64'],
  ['utf-8', 'quoted-printable'],
  ['iso-2022-jp', '7bit'],
  ['shift_jis', 'base64'],
  ['shift_jis', '8bit'],
];

async function run(spec: Parameters<typeof buildMail>[0]): Promise<readonly RecognisedSignal[]> {
  const mail = await parseMail(buildMail(spec));
  return recognise(mail, BUILT_IN_RULES, { fallbackTime: '2000-01-01T00:00:00+00:00' }).signals;
}

const amazonPurchase = (
  charset: Charset,
  encoding: TransferEncoding,
  brand = 'ギフトカード',
): Parameters<typeof buildMail>[0] => ({
  headers: [gmailArh('amazon.co.jp')],
  from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
  subject: 'Amazon.co.jp ご注文の確認',
  date: 'Tue, 21 Apr 2026 10:02:11 +0900',
  charset,
  encoding,
  text: `山田 花子 様\n\n注文番号： ２５０-１２３４５６７-１２３４５６７\n注文日： 2026/04/21\n\n${brand}の送信先\nsomeone@example.net\n\nAmazon${brand}(Eメールタイプ)\n価格： ￥３，０００\n\n注文合計： ￥３，０００\n`,
});

describe('built-in rules', () => {
  it('every rule names a vendor the window knows and says what format it follows', () => {
    for (const r of BUILT_IN_RULES) {
      expect(vendorInfo(r.vendor), r.id).toBeDefined();
      expect(r.basis, r.id).toMatch(/\[[VFI]/);
      expect(r.id.startsWith(`${r.vendor}/`), r.id).toBe(true);
    }
  });

  describe.each(ENCODINGS)('Amazon.co.jp gift-card purchase in %s/%s', (charset, encoding) => {
    it.each(['ギフトカード', 'ギフト券'])('spelled %s', async (brand) => {
      const [s, ...rest] = await run(amazonPurchase(charset, encoding, brand));
      expect(rest).toEqual([]);
      expect(s).toMatchObject({
        kind: 'giftcard.purchased',
        vendor: 'amazon.co.jp',
        amount: { currency: 'JPY', minor: 3000 },
        orderId: '250-1234567-1234567',
        recipient: 'someone@example.net',
        // 注文日 gives the day; the Date header gives the time on that day.
        occurredAt: '2026-04-21T10:02:11+09:00',
        authenticity: { verdict: 'verified', reason: 'dmarc=pass header.from=amazon.co.jp (mx.google.com)' },
      });
    });
  });

  it('an ordinary Amazon order (no gift card) is not a signal', async () => {
    const signals = await run({
      headers: [gmailArh('amazon.co.jp')],
      from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
      subject: 'Amazon.co.jp ご注文の確認',
      date: 'Tue, 21 Apr 2026 10:02:11 +0900',
      text: '注文番号： 250-1234567-1234567\nUSBケーブル\n注文合計： ￥1,280\n',
    });
    expect(signals).toEqual([]);
  });

  it.each([
    ['Amazonギフトカードが開封されました'],
    ['Amazonギフト券が開封されました'],
    ['お客様が贈られたAmazonギフト券が受け取られました'],
  ])('the opened notice "%s"', async (subject) => {
    const [s] = await run({
      headers: [gmailArh('gc.email.amazon.co.jp')],
      from: '"Amazon.co.jp" <gc-orders@gc.email.amazon.co.jp>',
      subject,
      date: 'Fri, 22 May 2026 21:14:05 +0900',
      charset: 'iso-2022-jp',
      text: '受取人： x@example.net\n金額： ￥10,000\n開封日時： 2026/05/22 21:14\n',
    });
    expect(s).toMatchObject({
      kind: 'giftcard.opened',
      amount: { currency: 'JPY', minor: 10000 },
      occurredAt: '2026-05-22T21:14:00+09:00',
      recipient: 'x@example.net',
    });
  });

  it('an order cancellation keeps the order number', async () => {
    const [s] = await run({
      headers: [gmailArh('amazon.co.jp')],
      from: '"Amazon.co.jp" <order-update@amazon.co.jp>',
      subject: 'Amazon.co.jp ご注文のキャンセル',
      date: 'Tue, 21 Apr 2026 11:30:00 +0900',
      text: '注文番号： 250-3333333-3333333\n注文合計： ￥3,000\n',
    });
    expect(s).toMatchObject({
      kind: 'order.cancelled',
      orderId: '250-3333333-3333333',
      amount: { currency: 'JPY', minor: 3000 },
    });
  });

  it('a password-recovery notice takes its time from the English date in the body', async () => {
    const [s] = await run({
      headers: [gmailArh('amazon.co.jp')],
      from: '"Amazon.co.jp" <account-update@amazon.co.jp>',
      subject: 'amazon.co.jp:パスワード回復',
      date: 'Mon, 03 Nov 2025 09:57:00 +0900',
      text: '山田様, 誰かがお客様のアカウントサービスのパスワードをリセットしようとしています。\n日時: Nov 03, 2025 09:56 AM Japan Standard Time\nデバイス: Google Chrome Windows\n',
    });
    expect(s).toMatchObject({ kind: 'account.password_reset', occurredAt: '2025-11-03T09:56:00+09:00' });
  });

  it('a sign-in attempt with a Japanese date', async () => {
    const [s] = await run({
      headers: [gmailArh('amazon.co.jp')],
      from: '"Amazon.co.jp" <account-update@amazon.co.jp>',
      subject: 'amazon.co.jp: アクションが必要です: サインイン試行',
      date: 'Mon, 28 Feb 2022 10:35:00 +0900',
      text: '○○様、 パスワードを知っているユーザーがあなたのアカウントにサインインしようとしています。\n日時: 2022年2月28日 10:34 AM Japan Standard Time\n',
    });
    expect(s).toMatchObject({ kind: 'account.signin', occurredAt: '2022-02-28T10:34:00+09:00' });
  });

  describe.each(ENCODINGS)('楽天銀行 debit in %s/%s', (charset, encoding) => {
    it('reads the amount on the line after its label, and the time from the Date header', async () => {
      const [s] = await run({
        headers: [gmailArh('ac.rakuten-bank.co.jp')],
        from: '"楽天銀行株式会社" <service@ac.rakuten-bank.co.jp>',
        subject: '【楽天銀行】◆デビットカードご利用通知メール◆ポイント獲得仮確定のお知らせ',
        date: 'Fri, 22 May 2026 21:17:30 +0900',
        charset,
        encoding,
        text: 'ｍａｒｉｏ　ｒｏｓｓｉ様\nMastercardデビットカードのご利用による引落を行いました。\n■今回のご利用金額\n840円\n（ポイント利用分：0ポイント、口座引落分：840円）\n■今回のご利用で獲得予定のポイント数（仮確定）\n8ポイント\n',
      });
      expect(s).toMatchObject({
        kind: 'payment.charge',
        vendor: 'rakuten-bank.co.jp',
        amount: { currency: 'JPY', minor: 840 },
        merchant: null,
        occurredAt: '2026-05-22T21:17:30+09:00',
      });
    });
  });

  it.each([
    [
      'banking@sonybank.jp',
      'Sony Bank WALLET ご利用のお知らせ',
      'カード利用日：2025年1月2日\nご利用加盟店：ＧＯＯＧＬＥ＊ＹＯＵＴＵＢＥ　ＳＵＰＥＲ\nご利用金額：3,000円\n',
      3000,
      'GOOGLE*YOUTUBE SUPER',
    ],
    [
      'banking@sonybank.jp',
      '［ソニー銀行］ご利用のお知らせ',
      'カード利用日：2025年1月2日\nご利用加盟店：AMAZON.CO.JP\nご利用金額：1,100円\nお引落額：1,234円\n',
      1234,
      'AMAZON.CO.JP',
    ],
    [
      'banking@sonybank.net',
      '［Sony Bank WALLET ］Visaデビット',
      'ご利用加盟店　：ＡＭＡＺＯＮ．ＣＯ．ＪＰ\nご利用金額（※）：10,000円\n',
      10000,
      'AMAZON.CO.JP',
    ],
  ])('Sony Bank WALLET from %s: %s', async (from, subject, text, minor, merchant) => {
    const [s] = await run({
      headers: [gmailArh(from.split('@')[1] ?? '')],
      from: `ソニー銀行 <${from}>`,
      subject,
      date: 'Thu, 02 Jan 2025 12:00:00 +0900',
      charset: 'shift_jis',
      text,
    });
    expect(s).toMatchObject({
      kind: 'payment.charge',
      vendor: 'sonybank.net',
      amount: { currency: 'JPY', minor },
      merchant,
    });
  });

  it('楽天カード: one signal per ■利用日 block', async () => {
    const signals = await run({
      headers: [gmailArh('mail.rakuten-card.co.jp')],
      from: '楽天カード株式会社 <info@mail.rakuten-card.co.jp>',
      subject: 'カード利用のお知らせ(本人ご利用分)',
      date: 'Wed, 30 Jul 2025 09:00:00 +0900',
      text:
        '楽天カード(Visa)をご利用いただき誠にありがとうございます。\n<カードご利用情報>\n《ショッピングご利用分》\n' +
        '■利用日: 2025/07/29\n■利用先: APPLE COM BILL\n■利用者: 本人\n■支払方法: 1回\n■利用金額: 3,300 円\n■支払月: 2025/08\n' +
        '■利用日: 2025/07/29\n■利用先: ﾓﾊﾞｲﾙﾊﾟｽﾓﾁﾔ-ｼﾞ\n■利用者: 本人\n■支払方法: 1回\n■利用金額: 1,000 円\n■支払月: 2025/08\n',
    });
    expect(signals.map((s) => [s.amount?.minor, s.merchant, s.occurredAt])).toEqual([
      [3300, 'APPLE COM BILL', '2025-07-29T00:00:00+09:00'],
      // ﾁﾔ is チヤ (a large ヤ) in the issuer's half-width katakana; NFKC keeps it so.
      [1000, 'モバイルパスモチヤ-ジ', '2025-07-29T00:00:00+09:00'],
    ]);
  });

  it('楽天カード HTML table: one signal per row', async () => {
    const signals = await run({
      headers: [gmailArh('mail.rakuten-card.co.jp')],
      from: '楽天カード株式会社 <info@mail.rakuten-card.co.jp>',
      subject: '【速報版】カード利用のお知らせ(本人ご利用分)',
      date: 'Sun, 02 Aug 2026 22:00:00 +0900',
      html:
        '<table><tr><th>ご利用日</th><th>ご利用先</th><th>ご利用金額</th></tr>' +
        '<tr><td>2026/08/02</td><td>ガウディ茶屋町店</td><td>15,800円</td></tr>' +
        '<tr><td>2026/08/02</td><td>AMAZON.CO.JP</td><td>10,000円</td></tr></table>',
    });
    expect(signals.map((s) => [s.amount?.minor, s.merchant])).toEqual([
      [15800, 'ガウディ茶屋町店'],
      [10000, 'AMAZON.CO.JP'],
    ]);
  });

  it.each([['カードご請求金額のご案内'], ['ご請求予定金額のご案内'], ['お支払予定金額のご案内']])(
    'a 楽天カード statement "%s" is not a charge',
    async (subject) => {
      const signals = await run({
        headers: [gmailArh('mail.rakuten-card.co.jp')],
        from: '楽天カード株式会社 <info@mail.rakuten-card.co.jp>',
        subject,
        date: 'Sun, 02 Aug 2026 22:00:00 +0900',
        text: 'ご請求金額: 45,800 円\n',
      });
      expect(signals).toEqual([]);
    },
  );

  it('a phishing copy of a debit notice from a look-alike domain is an impersonation, never a charge', async () => {
    const signals = await run({
      from: '"楽天銀行" <service@rakuten-bank.co.jp.secure-login.example>',
      subject: '【楽天銀行】◆デビットカードご利用通知メール◆',
      date: 'Fri, 22 May 2026 21:17:30 +0900',
      text: '■今回のご利用金額\n50,000円\n',
    });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: 'impersonation',
      vendor: 'rakuten-bank.co.jp',
      authenticity: { verdict: 'suspicious' },
    });
  });

  it('a spoofed From that fails DMARC at Gmail is an impersonation', async () => {
    const signals = await run({
      headers: [gmailArh('amazon.co.jp', 'fail')],
      from: '"Amazon.co.jp" <account-update@amazon.co.jp>',
      subject: 'Amazonプライム会費のお支払い方法に問題があります',
      date: 'Fri, 22 May 2026 21:17:30 +0900',
      text: 'user@example.jp、こんにちは。\n支払方法を更新する\n',
    });
    expect(signals).toEqual([
      expect.objectContaining({
        kind: 'impersonation',
        authenticity: {
          verdict: 'suspicious',
          reason: 'dmarc=fail header.from=amazon.co.jp (mx.google.com)',
        },
      }),
    ]);
  });

  it('mail from nobody we watch yields nothing', async () => {
    const signals = await run({
      from: 'friend@example.com',
      subject: 'ギフトカードの送信先',
      date: 'Fri, 22 May 2026 21:17:30 +0900',
      text: '注文合計： ￥3,000',
    });
    expect(signals).toEqual([]);
  });
});
