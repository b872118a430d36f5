/**
 * Amazon.co.jp (Japanese). Formats from mail-formats.md §1. Amazon renamed 「Amazonギフト券」 to
 * 「Amazonギフトカード」 around 2023-24 [I], so every gift-card marker accepts both spellings.
 */
import type { Rule, RulePack } from '../rule';
import { AMAZON_ORDER_ID } from '../extract';
import { subjectWithout } from './markers';

const VENDOR = 'amazon.co.jp';
const GIFT = String.raw`(?:Amazon\s*)?ギフト(?:券|カード)`;
// Amazon JP mail may come from amazon.com and email.amazon.com too (Amazon JP help page, §1.1 [V]).
const AMAZON_JP_SENDERS = ['amazon.co.jp', 'amazon.jp', 'amazon.com'];

const common = { vendor: VENDOR, currency: 'JPY', zone: 'Asia/Tokyo' } as const;

const orderId = [
  { label: ['注文番号', 'ご注文番号'] },
  { pattern: AMAZON_ORDER_ID },
  { subject: AMAZON_ORDER_ID },
];

/**
 * Amazon's own security newsletters quote the subjects of the notices they warn about (「パスワードリセット」を
 * 装った詐欺メールにご注意ください): such a mail is advice, not an account event. Vetoed in the subject only:
 * genuine notices carry the same words in their footers (see markers.ts).
 */
const ADVICE = /ご注意|注意喚起|詐欺|フィッシング|装った|なりすまし|お勧め|おすすめ|しましょう/;

/** Recipient-side wording (a card someone sent to the user is not a purchase from the user's account), or advice. */
const NOT_PURCHASER = new RegExp(
  `さんから|様から|より(?:Amazon\\s*)?ギフト|が届きました|を贈りました|プレゼントが届|${ADVICE.source}`,
);

const AMAZON_JP_RULES: readonly Rule[] = [
  {
    ...common,
    id: 'amazon.co.jp/giftcard-purchased',
    kind: 'giftcard.purchased',
    basis:
      'Order confirmation from auto-confirm@amazon.co.jp, subjects "Amazon.co.jp ご注文の確認", ' +
      '"Amazon.co.jpでのご注文", "注文済み:"; the gift-card recipient block "ギフトカードの送信先" and ' +
      '"注文合計：￥…" [V] (kake-bo AmazonCoJpUsageServices). A self-charge line "Amazonギフトカード チャージタイプ" [V].',
    from: AMAZON_JP_SENDERS,
    subject: [/ご注文の確認/, /でのご注文/, /^注文済み/, /注文の確認/],
    bodyAny: [
      /ギフトカードの送信先/,
      /ギフト券の送信先/,
      new RegExp(`${GIFT}\\s*(?:\\(|-|\\s)*チャージタイプ`),
    ],
    not: [/キャンセル(?:されました|を承りました)/],
    fields: {
      amount: [{ label: ['注文合計', 'ご請求額', '合計'] }],
      date: [{ label: ['注文日', 'ご注文日'] }],
      orderId,
      recipient: [{ label: ['ギフトカードの送信先', 'ギフト券の送信先', '送信先'] }],
    },
  },
  {
    ...common,
    id: 'amazon.co.jp/giftcard-resent',
    kind: 'giftcard.purchased',
    basis:
      'Re-send (再送) of an Eメールタイプ card: the purchaser may resend up to 5 times, each resend issues a new ' +
      "code and voids the old one (gift-journey.com, mail-formats.md §1.3 [V: described]); the notice's wording is " +
      'not known [I]. A related event of the original order (same 注文番号), so it is a purchase-side signal.',
    from: AMAZON_JP_SENDERS,
    subject: [new RegExp(`${GIFT}.*再送`), /再送.*ギフト/].map((re) => subjectWithout(re, NOT_PURCHASER)),
    fields: {
      amount: [
        { label: ['金額', 'ギフトカードの金額', 'ギフト券の金額', '額面'] },
        { pattern: /(¥\s?[\d,]+)/ },
      ],
      date: [{ label: ['再送日', '再送日時', '送信日時', '日時'] }],
      orderId,
      recipient: [{ label: ['送信先', '新しい送信先', '受取人', 'お受取人'] }],
    },
  },
  {
    ...common,
    id: 'amazon.co.jp/giftcard-sent',
    kind: 'giftcard.purchased',
    basis:
      'A "your gift card was sent/delivered" notice to the purchaser, separate from the order confirmation: ' +
      'documented for Amazon.com ("Your gift card was sent to …", mail-formats.md §2.2 [F]); the Japanese ' +
      'wording (送信されました / お届けしました) is inferred [I]. It evidences a purchase from the account; no order ' +
      'number is read, so it never adds to the order-total of the confirmation it repeats.',
    from: AMAZON_JP_SENDERS,
    // 再送 has its own rule (above); the recipient's "〇〇さんからAmazonギフトカードが届きました" is no purchase.
    subject: [
      new RegExp(`${GIFT}.*(?:送信|配信|お届け)(?:されました|しました|が完了しました|完了)`),
      /ギフト.*(?:送信|お届け)のお知らせ/,
    ].map((re) => subjectWithout(re, new RegExp(`再送|${NOT_PURCHASER.source}`))),
    // The same purchase as the order confirmation of the same amount and day: stored once (Rule.settles).
    settles: 'amazon.co.jp/giftcard-purchased',
    fields: {
      amount: [
        { label: ['金額', 'ギフトカードの金額', 'ギフト券の金額', '額面'] },
        { pattern: /(¥\s?[\d,]+)/ },
      ],
      date: [{ label: ['送信日', '送信日時', '日時'] }],
      recipient: [{ label: ['送信先', '受取人', 'お受取人', '宛先'] }],
    },
  },
  {
    ...common,
    id: 'amazon.co.jp/giftcard-opened',
    kind: 'giftcard.opened',
    basis:
      'The purchaser\'s 開封通知: documented by amagif-pro.jp ("開封通知で「ギフト券の開封」も確認できる") but no ' +
      'verbatim sample exists [I]; subjects built from the documented wording, both spellings, "開封" or ' +
      '"受け取られました". Sender probably gc-orders@gc.email.amazon.co.jp [I].',
    from: AMAZON_JP_SENDERS,
    // A reminder that a card is still unopened ("まだ受け取られていません") matches 受け取られ but is no opening.
    subject: [
      new RegExp(`${GIFT}.*(?:開封|受け取られ|受取られ|受け取りました)`),
      /(?:開封|受け取られ).*ギフト/,
    ].map((re) =>
      subjectWithout(
        re,
        new RegExp(`まだ|されていません|られていません|キャンペーン|${NOT_PURCHASER.source}`),
      ),
    ),
    fields: {
      amount: [
        { label: ['金額', 'ギフトカードの金額', 'ギフト券の金額', '額面', '合計'] },
        { pattern: /(¥\s?[\d,]+)/ },
      ],
      date: [{ label: ['開封日', '開封日時', '受取日', '受け取り日', '日時'] }],
      orderId,
      recipient: [{ label: ['受取人', '受け取り人', '送信先', 'お受取人'] }],
    },
  },
  {
    ...common,
    id: 'amazon.co.jp/giftcard-redeemed',
    kind: 'giftcard.redeemed',
    basis:
      'Registration of a gift card to the account ("アカウントに登録"): the notice is documented, its wording ' +
      'is not [I]. Subjects "ギフトカードが登録されました" and variants. Spending the balance on an order ' +
      '("残高が利用されました") is not a registration.',
    from: AMAZON_JP_SENDERS,
    subject: [
      new RegExp(`${GIFT}.*登録されました`),
      new RegExp(`${GIFT}.*(?:アカウント|残高)に(?:追加|登録)`),
      /ギフト.*残高.*(?:追加|登録)/,
    ].map((re) =>
      subjectWithout(re, new RegExp(`キャンペーン|クーポン|ポイント|プレゼント|残高が利用|${ADVICE.source}`)),
    ),
    fields: {
      amount: [{ label: ['金額', '登録金額', 'ご登録金額'] }, { pattern: /(¥\s?[\d,]+)/ }],
      date: [{ label: ['登録日', '日時'] }],
    },
  },
  {
    ...common,
    id: 'amazon.co.jp/order-cancelled',
    kind: 'order.cancelled',
    basis:
      'No Japanese cancellation sample was found [I]: an auto-confirm or order-update mail whose subject says an ' +
      'order was cancelled (キャンセル) and whose body carries a 3-7-7 order number. Prime, Kindle Unlimited and ' +
      'other memberships are "cancelled" too, but they are not orders.',
    from: AMAZON_JP_SENDERS,
    // The lookahead keeps memberships out by subject only: a genuine order cancellation may advertise Prime in its
    // footer ("Amazonプライム会員なら…"), so the body must not veto.
    subject: [/^(?!.*(?:プライム|Prime|会員|定期購読|Kindle Unlimited|Audible|キャンセル待ち)).*キャンセル/i],
    body: [/\d{3}-\d{7}-\d{7}/],
    fields: {
      amount: [{ label: ['注文合計', '合計', 'キャンセル金額', '返金額'] }],
      date: [{ label: ['キャンセル日', '注文日'] }],
      orderId,
    },
  },
  {
    ...common,
    id: 'amazon.co.jp/password-reset',
    kind: 'account.password_reset',
    basis:
      'Subject "amazon.co.jp:パスワード回復" with body "日時: Nov 03, 2025 09:56 AM Japan Standard Time" [V] ' +
      '(sbapp.net); older OTP subject "Amazon.co.jpからセキュリティコードをお送りします" [V: described].',
    from: AMAZON_JP_SENDERS,
    subject: [/パスワード(?:回復|の再設定|リセット)/, /セキュリティコード/, /確認コード/].map((re) =>
      subjectWithout(re, ADVICE),
    ),
    fields: { date: [{ label: ['日時'] }] },
  },
  {
    ...common,
    id: 'amazon.co.jp/signin',
    kind: 'account.signin',
    basis:
      'Subject "amazon.co.jp: アクションが必要です: サインイン試行", body "日時: 2022年2月28日 10:34 AM Japan ' +
      'Standard Time" [V] (d.k-note1213.com); related "アカウントデータアクセスの試行" [V].',
    from: AMAZON_JP_SENDERS,
    subject: [
      /サインイン(?:試行|の試み)/,
      /アカウントデータアクセスの試行/,
      /新しいデバイスからのサインイン/,
    ].map((re) => subjectWithout(re, ADVICE)),
    fields: { date: [{ label: ['日時'] }] },
  },
  {
    ...common,
    id: 'amazon.co.jp/password-changed',
    kind: 'account.password_changed',
    basis:
      'Password-changed notice: subject not confirmed in Japanese [I], expected "パスワードが変更されました".',
    from: AMAZON_JP_SENDERS,
    // "パスワードを変更してください" and "定期的なパスワード変更をお勧めします" are requests and advice.
    subject: [
      subjectWithout(
        /パスワード(?:が|を)?変更/,
        new RegExp(`${ADVICE.source}|変更してください|変更をお願い`),
      ),
    ],
    fields: { date: [{ label: ['日時', '変更日時'] }] },
  },
  {
    ...common,
    id: 'amazon.co.jp/account-changed',
    kind: 'account.changed',
    basis:
      'Account-change notices come from account-update@amazon.co.jp (affilabo.com, mail-formats.md §1.1 [V]); ' +
      'the subjects for an e-mail address, phone number, payment method or address change are not known [I]. ' +
      'Only a completed change counts: the phishing lures "お支払い方法に問題があります", "お支払い方法が承認' +
      'されません", "支払方法が確認できません" (§1.5 [V]) ask for an update and never say one happened.',
    from: ['account-update@amazon.co.jp'],
    subject: [
      // "Amazon.co.jp: Eメールアドレスが変更されました", "お支払い方法が追加されました", "携帯電話番号を更新しました".
      // The lookahead keeps lure and request wording out by subject only (a genuine notice's body may say
      // "問題がある場合は…").
      subjectWithout(
        /(?:Eメールアドレス|メールアドレス|携帯電話番号|電話番号|お支払い方法|支払い方法|支払方法|お届け先住所|住所|アカウント情報|お客様情報|氏名|名前|2段階認証の設定).{0,12}?(?:変更|追加|更新|登録|削除)(?:されました|しました|が完了しました)/,
        new RegExp(
          `問題|できません|承認されません|してください|有効期限|失敗|停止|制限|異常|パスワード|${ADVICE.source}`,
        ),
      ),
    ],
    fields: { date: [{ label: ['日時', '変更日時'] }] },
  },
];

/**
 * Amazon's own hosts that carry its brand in genuine mail (images, bounces): never look-alikes. The marketplaces
 * of amazon-intl.ts are not listed: each is a watched identity, and a vendor's own domain is never a look-alike.
 * amazon.in is no watched marketplace, so it is listed here.
 */
export const AMAZON_INFRA = [
  'media-amazon.com',
  'ssl-images-amazon.com',
  'amazonaws.com',
  'amazonses.com',
  'amazontrust.com',
  'amazon.in',
];

export const AMAZON_JP: RulePack = {
  identities: [
    {
      vendor: VENDOR,
      // Amazon JP's help page lists these sending domains (mail-formats.md §1.1, [V] as quoted).
      domains: [
        'amazon.co.jp',
        'amazon.jp',
        'business.amazon.co.jp',
        'marketplace.amazon.co.jp',
        'gc.email.amazon.co.jp',
        'gc.amazon.co.jp',
        'payments.amazon.co.jp',
      ],
      brandTokens: ['amazon'],
      // "Amazon", "Amazon.co.jp", "Amazon Japan", "アマゾン"; not "Amazon.com" or "Amazon.de", which name the
      // marketplaces of amazon-intl.ts (a display name "Amazon.de" over a foreign address imitates amazon.de).
      displayNames: /\bamazon(?:\.co\.jp\b|\.jp\b|\s*japan\b|(?![.\w]))|アマゾン/i,
      infraDomains: AMAZON_INFRA,
      searchTokens: ['アマゾン'],
    },
  ],
  rules: AMAZON_JP_RULES,
};
