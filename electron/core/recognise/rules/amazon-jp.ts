/**
 * Amazon.co.jp (Japanese). Formats from mail-formats.md §1. Amazon renamed 「Amazonギフト券」 to
 * 「Amazonギフトカード」 around 2023-24 [I], so every gift-card marker accepts both spellings.
 */
import type { Rule } from '../rule';
import { AMAZON_ORDER_ID } from '../extract';

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

export const AMAZON_JP_RULES: readonly Rule[] = [
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
    id: 'amazon.co.jp/giftcard-opened',
    kind: 'giftcard.opened',
    basis:
      'The purchaser\'s 開封通知: documented by amagif-pro.jp ("開封通知で「ギフト券の開封」も確認できる") but no ' +
      'verbatim sample exists [I]; subjects built from the documented wording, both spellings, "開封" or ' +
      '"受け取られました". Sender probably gc-orders@gc.email.amazon.co.jp [I].',
    from: AMAZON_JP_SENDERS,
    subject: [
      new RegExp(`${GIFT}.*(?:開封|受け取られ|受取られ|受け取りました)`),
      /(?:開封|受け取られ).*ギフト/,
    ],
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
      'is not [I]. Subjects "ギフトカードが登録されました" and variants.',
    from: AMAZON_JP_SENDERS,
    subject: [new RegExp(`${GIFT}.*(?:登録|利用)されました`), /ギフト.*残高.*(?:追加|登録)/],
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
      'No Japanese cancellation sample was found [I]: an auto-confirm or order-update mail whose subject or ' +
      'opening says the order was cancelled (キャンセル).',
    from: AMAZON_JP_SENDERS,
    subject: [/キャンセル/],
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
    subject: [/パスワード(?:回復|の再設定|リセット)/, /セキュリティコード/, /確認コード/],
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
    ],
    fields: { date: [{ label: ['日時'] }] },
  },
  {
    ...common,
    id: 'amazon.co.jp/password-changed',
    kind: 'account.password_changed',
    basis:
      'Password-changed notice: subject not confirmed in Japanese [I], expected "パスワードが変更されました".',
    from: AMAZON_JP_SENDERS,
    subject: [/パスワード(?:が|を)?変更/],
    fields: { date: [{ label: ['日時', '変更日時'] }] },
  },
];
