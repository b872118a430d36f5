/**
 * Japanese bank debit and card usage notices. Formats from mail-formats.md §3, each tagged there.
 */
import type { Rule } from '../rule';

const JP = { currency: 'JPY', zone: 'Asia/Tokyo' } as const;

/** Statements and billing notices mention amounts but are not charges (mail-formats.md §3.1). */
const NOT_A_CHARGE = [
  /ご請求(?:予定)?金額/,
  /お支払(?:い)?予定金額/,
  /お引き落とし日のご案内/,
  /キャンペーン/,
  /明細(?:の|が)?(?:確定|ご案内)/,
];

export const JP_BANK_RULES: readonly Rule[] = [
  {
    ...JP,
    id: 'rakuten-bank.co.jp/debit',
    vendor: 'rakuten-bank.co.jp',
    kind: 'payment.charge',
    basis:
      'From "楽天銀行株式会社" <service@ac.rakuten-bank.co.jp>, subject ' +
      '"【楽天銀行】◆デビットカードご利用通知メール◆ポイント獲得仮確定のお知らせ", body "■今回のご利用金額\\n840円" ' +
      'with no merchant and no date [V] (code id 51984351428). The time is the Date header.',
    from: ['rakuten-bank.co.jp'],
    subject: [/デビットカード.*ご?利用/],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      amount: [
        { label: ['今回のご利用金額', 'ご利用金額', '利用金額'] },
        { pattern: /口座引落分:\s*([\d,]+円)/ },
      ],
      date: [{ label: ['ご利用日', 'ご利用日時', '利用日'] }],
      merchant: [{ label: ['ご利用先', '利用先', 'ご利用加盟店'] }],
    },
  },
  {
    ...JP,
    id: 'sonybank.net/wallet-debit',
    vendor: 'sonybank.net',
    kind: 'payment.charge',
    basis:
      'Sony Bank WALLET: newer banking@sonybank.jp, subject "Sony Bank WALLET ご利用のお知らせ" or ' +
      '"［ソニー銀行］ご利用のお知らせ", fields カード利用日：YYYY年M月D日, ご利用加盟店：, ご利用金額：N円 and お引落額： ' +
      '(which takes precedence, for foreign-currency charges) [V] (kake-bo); older banking@sonybank.net, ' +
      'subject "［Sony Bank WALLET ］Visaデビット", ご利用金額（※）： [V].',
    from: ['sonybank.jp', 'sonybank.net'],
    subject: [/Sony\s*Bank\s*WALLET/i, /\[ソニー銀行\].*ご?利用/, /Visaデビット/i],
    not: NOT_A_CHARGE,
    requireAmount: true,
    refundWhen: [/返品|取消|取り消し|キャンセル/],
    fields: {
      // お引落額 (the yen actually debited, for foreign-currency charges) wins over ご利用金額 wherever it appears.
      amount: [{ label: ['お引落額', 'お引落金額'] }, { label: ['ご利用金額'] }],
      date: [{ label: ['カード利用日', 'ご利用日', 'ご利用日時'] }],
      merchant: [{ label: ['ご利用加盟店', 'ご利用先'] }],
    },
  },
  {
    ...JP,
    id: 'rakuten-card.co.jp/usage',
    vendor: 'rakuten-card.co.jp',
    kind: 'payment.charge',
    basis:
      'From info@mail.rakuten-card.co.jp, subjects "カード利用のお知らせ(本人ご利用分)", "(家族会員ご利用分)", ' +
      '"【速報版】カード利用のお知らせ", older "【速報情報】カード利用お知らせメール"; text body with one block per ' +
      'charge: "■利用日: 2025/07/29", "■利用先:", "■利用金額: 3,300 円" [V]. HTML variant: a table row ' +
      '"2026/08/02 ガウディ茶屋町店 15,800円" [V] (code id 71043468805).',
    from: ['rakuten-card.co.jp'],
    subject: [/カード利用(?:の)?お知らせ/],
    not: NOT_A_CHARGE,
    requireAmount: true,
    blocks: /(?:^|\n)[ \t]*■利用日/,
    rows: /(?:^|\n)[ \t]*(?<date>\d{4}\/\d{1,2}\/\d{1,2})[ \t]+(?<merchant>\S(?:[^\n]*?\S)?)[ \t]+(?<amount>[\d,]+[ \t]*円)/,
    fields: {
      amount: [{ label: ['利用金額', 'ご利用金額'] }],
      date: [{ label: ['利用日', 'ご利用日'] }],
      merchant: [{ label: ['利用先', 'ご利用先'] }],
    },
  },
];
