/**
 * A synthetic but realistic mailbox for the IMAP benchmarks: ordinary mail from senders nobody watches
 * (newsletters, shops, services, people; Japanese and English; plain text and multipart/alternative with HTML;
 * UTF-8 base64 or quoted-printable and ISO-2022-JP; 2-10 KB each), and candidates from watched senders:
 * Amazon.co.jp gift-card purchases and 楽天銀行 debit notices, each carrying a Gmail-style Authentication-Results,
 * each recognised as exactly one signal.
 *
 * Everything is drawn from a seeded PRNG, so a mailbox of the same size is the same mailbox on every run.
 */
import {
  buildMail,
  gmailArh,
  type Charset,
  type TransferEncoding,
} from '../electron/core/testing/mailbuilder';

/** mulberry32: small, fast, good enough to spread sizes and dates. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => {
  const v = items[Math.floor(rnd() * items.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
};

const DAY_MS = 86_400_000;

/** RFC 5322 date in JST (+0900), as Japanese senders write it. */
export function rfc5322Jst(ms: number): string {
  const d = new Date(ms + 9 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${days[d.getUTCDay()]}, ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0900`
  );
}

function ymd(ms: number): string {
  const d = new Date(ms + 9 * 3_600_000);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
}

const received = (host: string, date: string): string =>
  `Received: from ${host} (${host} [192.0.2.${(host.length * 7) % 250}]) by mx.google.com with ESMTPS id x1; ${date}`;

// --- ordinary mail ------------------------------------------------------------------------------------------

export interface Sender {
  readonly from: string;
  readonly domain: string;
  readonly subjects: readonly string[];
  readonly html: boolean;
  readonly charset: Charset;
}

/**
 * Everyday senders. Whether one is "ordinary" depends on the watched senders of the code under test (a rule
 * set that watches google.com makes Google Calendar a candidate sender): `ordinarySenders` keeps those whose
 * From matches no search token.
 */
const SENDERS: readonly Sender[] = [
  {
    from: '"GitHub" <notifications@github.com>',
    domain: 'github.com',
    subjects: [
      '[mimamori] Pull request #%N: fix the sync',
      'Re: [octo/repo] Issue #%N opened',
      'Your weekly digest',
    ],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"ヨドバシ・ドット・コム" <info@yodobashi.com>',
    domain: 'yodobashi.com',
    subjects: [
      'ご注文ありがとうございます（注文番号 %N）',
      '【ヨドバシ】本日のおすすめ商品',
      '商品発送のお知らせ',
    ],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"日経電子版" <news@nikkei.example.jp>',
    domain: 'nikkei.example.jp',
    subjects: ['日経電子版 朝刊ピックアップ %N', '【速報】日経平均、終値で上昇', '今週の特集：円相場の行方'],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"えきねっと" <info@eki-net.example.jp>',
    domain: 'eki-net.example.jp',
    subjects: ['【えきねっと】お申込内容のご案内', '【えきねっと】ご予約の列車が近づいています'],
    html: false,
    charset: 'iso-2022-jp',
  },
  {
    from: '"Slack" <feedback@slack.com>',
    domain: 'slack.com',
    subjects: ['[Slack] New messages in #general', '[Slack] %N unread messages from your team'],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"Google Calendar" <calendar-notification@google.com>',
    domain: 'google.com',
    subjects: ['Invitation: Weekly sync @ Tue %N', 'Updated invitation: Design review', 'Reminder: 1:1'],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"みずほ銀行" <info@mizuhobank.example.jp>',
    domain: 'mizuhobank.example.jp',
    subjects: ['【みずほ銀行】ログインのお知らせ', '【みずほ銀行】振込受付のお知らせ'],
    html: false,
    charset: 'iso-2022-jp',
  },
  {
    from: '"Yahoo!ショッピング" <shopping-info@mail.yahoo.example.jp>',
    domain: 'mail.yahoo.example.jp',
    subjects: [
      '【Yahoo!ショッピング】ご注文確認 %N',
      'ポイント還元のお知らせ',
      '週末限定クーポン ¥3,000 OFF',
    ],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"Uber Eats" <uber@uber.example.com>',
    domain: 'uber.example.com',
    subjects: ['Your Thursday evening order with Uber Eats', 'Your receipt for order %N'],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"connpass" <no-reply@connpass.example.com>',
    domain: 'connpass.example.com',
    subjects: ['【connpass】イベント参加登録が完了しました', '新着イベントのお知らせ'],
    html: false,
    charset: 'utf-8',
  },
  {
    from: '"PayPay" <no-reply@paypay.example.ne.jp>',
    domain: 'paypay.example.ne.jp',
    subjects: ['【PayPay】支払い完了のお知らせ', 'PayPayポイント付与のお知らせ'],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"佐藤 健" <ken.sato@example.ne.jp>',
    domain: 'example.ne.jp',
    subjects: ['Re: 週末の件', '写真送ります', 'Re: Re: 来月の予定について', '飲み会の日程'],
    html: false,
    charset: 'iso-2022-jp',
  },
  {
    from: '"Mary Chen" <mary.chen@example.com>',
    domain: 'example.com',
    subjects: ['Re: Quarterly plan', 'Notes from today', 'Fwd: conference tickets'],
    html: false,
    charset: 'utf-8',
  },
  {
    from: '"Example Shop" <news@example-shop.jp>',
    domain: 'example-shop.jp',
    subjects: ['今週のおすすめ ¥3,000 OFF クーポン', 'ギフトカードも販売中', '新作入荷のお知らせ'],
    html: true,
    charset: 'utf-8',
  },
  {
    from: '"Medium Daily Digest" <noreply@medium.example.com>',
    domain: 'medium.example.com',
    subjects: ['Stories picked for you', 'Top stories in Programming'],
    html: true,
    charset: 'utf-8',
  },
];

/**
 * The senders whose From (display name and address, as IMAP SEARCH FROM sees them) contains none of `tokens`,
 * case-insensitively; and the ones left out.
 */
export function ordinarySenders(tokens: readonly string[]): { kept: Sender[]; excluded: string[] } {
  const lower = tokens.map((t) => t.toLowerCase());
  const kept: Sender[] = [];
  const excluded: string[] = [];
  for (const s of SENDERS) {
    if (lower.some((t) => s.from.toLowerCase().includes(t))) excluded.push(s.from);
    else kept.push(s);
  }
  if (kept.length < 5) throw new Error(`only ${kept.length} ordinary senders left by the search tokens`);
  return { kept, excluded };
}

const PARAS_JA: readonly string[] = [
  'いつもご利用いただき、誠にありがとうございます。本メールは送信専用のアドレスからお送りしています。',
  '今週のおすすめ商品をご紹介します。数量限定のため、お早めにお買い求めください。Amazonギフトカードとの併用はできません。',
  'ご注文いただいた商品は、本日発送いたしました。お届け予定日は翌営業日以降となります。配送状況は下記のリンクからご確認いただけます。',
  '会員様限定のポイント還元キャンペーンを実施中です。期間中にエントリーのうえお買い物いただくと、ポイントが最大10倍になります。',
  '先日はありがとうございました。来週の打ち合わせの件ですが、火曜日の午後はいかがでしょうか。資料は前日までにお送りします。',
  'このメールにお心当たりのない場合は、お手数ですが本メールを破棄してください。ご不明な点はお問い合わせ窓口までご連絡ください。',
  '配信停止をご希望の方は、マイページのメール配信設定から変更いただけます。変更の反映には数日かかる場合があります。',
  '本日の主なニュース：円相場は一時1ドル150円台に。東京株式市場では半導体関連株が買われました。詳しくは記事をご覧ください。',
];

const PARAS_EN: readonly string[] = [
  'Thanks for being a member. Here is a summary of the activity on your account over the last week.',
  'You are receiving this email because you subscribed to updates. You can change your notification settings at any time.',
  'The pull request was merged into main. All checks passed: lint, typecheck, unit tests and the end-to-end suite.',
  'Please find the notes from today attached below. Let me know if I missed anything, and we can follow up on Friday.',
  'Your order has been delivered. Rate your experience and help us improve. Gift cards and promotions cannot be combined.',
  'We have updated our privacy policy. The changes take effect next month; no action is needed on your part.',
];

/** Repeats paragraphs until the text reaches about `bytes` (UTF-8). */
function bodyText(rnd: () => number, ja: boolean, bytes: number): string {
  const paras = ja ? PARAS_JA : PARAS_EN;
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = pick(rnd, paras);
    out.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  return out.join('\n\n');
}

function htmlOf(text: string, domain: string): string {
  const rows = text
    .split('\n\n')
    .map((p) => `<tr><td style="padding:8px 16px;font-size:14px;color:#333">${p}</td></tr>`)
    .join('\n');
  return (
    `<html><head><meta charset="utf-8"><style>td{font-family:sans-serif}</style></head><body>` +
    `<table width="600" align="center" cellpadding="0" cellspacing="0">\n${rows}\n` +
    `<tr><td><a href="https://www.${domain}/unsubscribe">Unsubscribe</a> | ` +
    `<a href="https://www.${domain}/settings">Settings</a></td></tr></table></body></html>`
  );
}

/**
 * One ordinary mail, 2-10 KB. `i` makes it unique (Message-ID). The size is drawn first; text and HTML share it.
 */
const MIN_ORDINARY = 2 * 1024;
const MAX_ORDINARY = 10 * 1024;

export function ordinaryMail(
  i: number,
  rnd: () => number,
  dateMs: number,
  senders: readonly Sender[] = SENDERS,
): Buffer {
  const s = pick(rnd, senders);
  const target = MIN_ORDINARY + 256 + Math.floor(rnd() * (MAX_ORDINARY - MIN_ORDINARY - 512));
  const ja = s.charset !== 'utf-8' || /[^\x20-\x7e]/.test(s.subjects[0] ?? '');
  const date = rfc5322Jst(dateMs);
  // Encoded size grows by ~4/3 (base64) or up to 3x (QP of UTF-8 Japanese): aim the raw text lower.
  const encoding: TransferEncoding =
    s.charset === 'iso-2022-jp' ? '7bit' : rnd() < 0.7 ? 'base64' : 'quoted-printable';
  const factor = encoding === 'quoted-printable' ? (ja ? 2.6 : 1.05) : encoding === 'base64' ? 1.37 : 1;
  const subject = pick(rnd, s.subjects).replace('%N', String(1000 + (i % 9000)));
  const messageId = `m${i}.${Math.floor(rnd() * 1e9)}@${s.domain}`;
  const build = (budget: number): Buffer => {
    const text = bodyText(rnd, ja, budget);
    return buildMail({
      headers: [
        gmailArh(s.domain),
        received(`mail-out.${s.domain}`, date),
        `List-Unsubscribe: <https://www.${s.domain}/unsubscribe?u=${i}>`,
      ],
      from: s.from,
      to: 'hanako@example.jp',
      subject,
      date,
      messageId,
      text,
      ...(s.html ? { html: htmlOf(text, s.domain) } : {}),
      charset: s.charset,
      encoding,
    });
  };
  // A first guess from the encoding's expansion, then one correction towards the drawn size.
  let budget = Math.max(200, (target - 1000) / factor / (s.html ? 2.3 : 1));
  let mail = build(budget);
  for (let tries = 0; tries < 3 && (mail.length > MAX_ORDINARY || mail.length < MIN_ORDINARY); tries++) {
    budget = Math.max(100, budget * (target / mail.length));
    mail = build(budget);
  }
  return mail;
}

// --- candidates -----------------------------------------------------------------------------------------------

const FOOTER_JA =
  'Amazon.co.jp をご利用いただき、ありがとうございました。このメールは配信専用のアドレスで配信されています。' +
  'このメールに返信いただいても、返信内容の確認およびご返答ができません。あらかじめご了承ください。\n';

export type CandidateKind = 'giftcard.purchased' | 'payment.charge';

export interface Candidate {
  readonly kind: CandidateKind;
  readonly amountJpy: number;
  readonly raw: Buffer;
}

const AMOUNTS = [3000, 5000, 10000, 15000, 20000, 30000, 50000] as const;

/**
 * An Amazon.co.jp gift-card purchase (multipart text + HTML, ~4-9 KB, as Amazon's own notices are) or a
 * 楽天銀行 debit notice (ISO-2022-JP text, as the bank sends), each with a Gmail Authentication-Results.
 * `tag` makes Message-ID and order number unique across a run.
 */
export function candidateMail(tag: string, i: number, rnd: () => number, dateMs: number): Candidate {
  const amount = pick(rnd, AMOUNTS);
  const yen = amount.toLocaleString('en');
  const date = rfc5322Jst(dateMs);
  if (rnd() < 0.6) {
    const order = `250-${String(1_000_000 + i).padStart(7, '0')}-${String(Math.floor(rnd() * 9_000_000) + 1_000_000)}`;
    const text = `Amazon.co.jp ご注文の確認

山田 花子 様

Amazon.co.jp をご利用いただき、ありがとうございます。お客様のご注文を承りましたのでお知らせいたします。

注文番号： ${order}
注文日： ${ymd(dateMs)}

ギフトカードの送信先
gift.receiver.${i % 37}@example.net

Amazonギフトカード(Eメールタイプ) - Amazonベーシック
数量： 1
価格： ￥${yen}

注文合計： ￥${yen}
お支払い方法： デビットカード

注文の詳細を表示する
https://www.amazon.co.jp/gp/css/order-details?orderID=${order}

${FOOTER_JA.repeat(1 + Math.floor(rnd() * 4))}`;
    const html = `<html><body><table width="600">${text
      .split('\n')
      .map((l) => `<tr><td style="font-family:sans-serif;font-size:14px">${l}</td></tr>`)
      .join('\n')}</table></body></html>`;
    return {
      kind: 'giftcard.purchased',
      amountJpy: amount,
      raw: buildMail({
        headers: [gmailArh('amazon.co.jp'), received('a27-1.smtp-out.amazonses.com', date)],
        from: '"Amazon.co.jp" <auto-confirm@amazon.co.jp>',
        to: 'hanako@example.jp',
        subject: `Amazon.co.jp ご注文の確認 #${order}`,
        date,
        messageId: `0100018e-${tag}-${i}@email.amazonses.com`,
        text,
        html,
      }),
    };
  }
  const text = `ヤマダ　ハナコ様

Mastercardデビットカードのご利用による引落を行いました。

■今回のご利用金額
${yen}円
（ポイント利用分：0ポイント、口座引落分：${yen}円）
■今回のご利用で獲得予定のポイント数（仮確定）
${Math.floor(amount / 100)}ポイント

ご利用明細は楽天銀行のウェブサイトからご確認いただけます。
本メールは送信専用です。ご返信いただいてもお答えできませんのでご了承ください。

楽天銀行
`;
  return {
    kind: 'payment.charge',
    amountJpy: amount,
    raw: buildMail({
      headers: [gmailArh('ac.rakuten-bank.co.jp'), received('mta.ac.rakuten-bank.co.jp', date)],
      from: '"楽天銀行株式会社" <service@ac.rakuten-bank.co.jp>',
      to: 'hanako@example.jp',
      subject: '【楽天銀行】◆デビットカードご利用通知メール◆ポイント獲得仮確定のお知らせ',
      date,
      messageId: `debit-${tag}-${i}@ac.rakuten-bank.co.jp`,
      text,
      charset: 'iso-2022-jp',
    }),
  };
}

export interface MailboxPlan {
  readonly total: number;
  readonly candidates: number;
  /** Positions (0-based, in mailbox order) that hold a candidate. */
  readonly candidateAt: ReadonlySet<number>;
}

/** Spreads `candidates` positions over `total` at random (seeded). */
export function planMailbox(total: number, candidates: number, seed: number): MailboxPlan {
  const rnd = prng(seed);
  const at = new Set<number>();
  while (at.size < candidates) at.add(Math.floor(rnd() * total));
  return { total, candidates, candidateAt: at };
}

/**
 * Generates the mailbox in chunks (so 100,000 mails never sit in memory at once) and hands each chunk to
 * `write`. Dates run from `spanDays` ago to now, in mailbox order. Returns what was written.
 */
export function generateMailbox(
  plan: MailboxPlan,
  seed: number,
  spanDays: number,
  senders: readonly Sender[],
  write: (chunk: Buffer[]) => void,
  chunkSize = 2000,
): { bytes: number; candidates: Candidate[] } {
  const rnd = prng(seed ^ 0x5eed);
  const now = Date.now();
  const start = now - spanDays * DAY_MS;
  const step = (now - start) / plan.total;
  let bytes = 0;
  const candidates: Candidate[] = [];
  let chunk: Buffer[] = [];
  for (let i = 0; i < plan.total; i++) {
    const dateMs = Math.floor(start + i * step);
    let raw: Buffer;
    if (plan.candidateAt.has(i)) {
      const c = candidateMail('bf', i, rnd, dateMs);
      candidates.push(c);
      raw = c.raw;
    } else {
      raw = ordinaryMail(i, rnd, dateMs, senders);
    }
    bytes += raw.length;
    chunk.push(raw);
    if (chunk.length >= chunkSize) {
      write(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) write(chunk);
  return { bytes, candidates };
}
