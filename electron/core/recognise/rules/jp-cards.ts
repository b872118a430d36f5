/**
 * Japanese card issuers' usage notices: 三井住友カード (Vpass, VポイントPay, Olive デビット), JCB, ビューカード and
 * イオンカード. Formats from mail-formats.md §3.2, §3.3 and §3.8, each tagged there [V] verified from real mail,
 * [F] from a fixture, [I] inferred.
 */
import type { Rule, RulePack } from '../rule';
import { JP, NOT_A_CHARGE, usageSubject } from './jp-banks';

// 三井住友カード's newer rendering (mail-formats.md §3.2 [V/F]) has no labels below its date line:
//   ご利用日時：2025/08/26 13:00
//   ROCKET NOW（買物）
//   785円
// so the merchant is the line before "(買物)" and the amount the line after it.
const SMBC_NEWER_AMOUNT = /ご利用日時:[^\n]*\n+[^\n]*\([^)\n]{1,10}\)[ \t]*\n+[ \t]*(-?[\d,]+[ \t]*円)/;
const SMBC_NEWER_MERCHANT =
  /ご利用日時:[^\n]*\n+[ \t]*([^\n]*?\S)[ \t]*\([^)\n]{1,10}\)[ \t]*\n+[ \t]*-?[\d,]+[ \t]*円/;

/** ◇利用取引：返品 (the labelled form) or "MERCHANT（返品）" (the newer rendering): a refund. */
const SMBC_REFUND = [/(?:^|\n)[ \t◇・]*利用取引[ \t]*:[ \t]*返品/, /\(返品\)[ \t]*(?:\n|$)/];

const SMBC_FIELDS: Rule['fields'] = {
  amount: [{ label: ['利用金額', 'ご利用金額'] }, { pattern: SMBC_NEWER_AMOUNT }],
  date: [{ label: ['利用日', 'ご利用日時', 'ご利用日'] }],
  merchant: [{ label: ['利用先', 'ご利用先'] }, { pattern: SMBC_NEWER_MERCHANT }],
};

/** ビューカード's lines, "・利用日：…", "・利用金額：…", "・利用加盟店：…" (the 速報版 may say 利用日時). */
const VIEW_FIELDS: Rule['fields'] = {
  amount: [{ label: ['利用金額', 'ご利用金額'] }],
  date: [{ label: ['利用日時', '利用日', 'ご利用日'] }],
  merchant: [{ label: ['利用加盟店', '利用先', 'ご利用先'] }],
};

const JP_CARD_RULES: readonly Rule[] = [
  {
    ...JP,
    id: 'smbc-card.com/vpass-usage',
    vendor: 'smbc-card.com',
    kind: 'payment.charge',
    basis:
      'From statement@vpass.ne.jp, subject "ご利用のお知らせ【三井住友カード】", the fixed format "◇利用日：2026/07/05 ' +
      '10:25", "◇利用先：…", "◇利用取引：買物" (返品 = refund), "◇利用金額：3,300円", text or HTML <p> lines [V] ' +
      '(code id 55365901120, bbsfish/Easymoney, kake-bo); the newer rendering "ご利用日時：2025/08/26 13:00" / ' +
      '"ROCKET NOW（買物）" / "785円" [V/F] (mail-formats.md §3.2).',
    from: ['vpass.ne.jp'],
    subject: [usageSubject(/ご利用のお知らせ.*三井住友カード|三井住友カード.*ご利用のお知らせ/)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    refundWhen: SMBC_REFUND,
    fields: SMBC_FIELDS,
  },
  {
    ...JP,
    id: 'smbc-card.com/vpoint-pay',
    vendor: 'smbc-card.com',
    kind: 'payment.charge',
    basis:
      'Subject "【VポイントPay】ご利用のお知らせ", body "◇利用先：…" / "◇利用金額：1,234円" / "（内、利用Vポイント数： ' +
      '200ポイント）" [F] (code id 66116596331; mail-formats.md §3.2). The sender is not documented: Vpass or ' +
      'smbc-card.com [I].',
    from: ['vpass.ne.jp', 'smbc-card.com'],
    subject: [usageSubject(/VポイントPay.*ご利用/i)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    refundWhen: SMBC_REFUND,
    fields: SMBC_FIELDS,
  },
  {
    ...JP,
    id: 'smbc-card.com/olive-debit',
    vendor: 'smbc-card.com',
    kind: 'payment.charge',
    basis:
      'Olive デビット from smbc-debit@smbc-card.com: "◇利用日  ：2026/08/09 21:30:41" (with seconds), ' +
      '"◇利用先　：iDデビット", "◇利用金額：85円" [V] (code id 71043468805; mail-formats.md §3.2). The subject is ' +
      'not documented: any usage-notice subject [I].',
    from: ['smbc-debit@smbc-card.com'],
    subject: [usageSubject(/ご利用|デビット/)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    refundWhen: SMBC_REFUND,
    fields: SMBC_FIELDS,
  },
  {
    ...JP,
    id: 'jcb.co.jp/usage-settled',
    vendor: 'jcb.co.jp',
    kind: 'payment.charge',
    basis:
      'JCB 売上到着分 from the same sender as the instant notice: a ご利用日 label and several "◆ご利用" blocks per mail, ' +
      'for charges not notified at purchase time [V] (code id 70343330788; mail-formats.md §3.3); the subject ' +
      '"（売上到着分）JCBカード/ショッピングご利用のお知らせ" and "◆ご利用１" / "【ご利用日】　2026/08/25" [F] (a public ' +
      "parser's fixture). Only labelled fields are read: the body quotes 「Amazonプライム年会費 5,900円」 in prose.",
    from: ['jcb.co.jp'],
    subject: [usageSubject(/売上到着/)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    // "　◆ご利用１" (indented, full-width digit) starts each charge; the text before the first is the greeting.
    blocks: /(?:^|\n)[ \t]*◆ご利用/,
    settles: 'jcb.co.jp/usage-instant',
    fields: {
      amount: [{ label: ['ご利用金額'] }],
      date: [{ label: ['ご利用日', 'ご利用日時'] }],
      merchant: [{ label: ['ご利用先'] }],
    },
  },
  {
    ...JP,
    id: 'jcb.co.jp/usage-instant',
    vendor: 'jcb.co.jp',
    kind: 'payment.charge',
    basis:
      'From mail@qa.jcb.co.jp (also mail@cj.jcb.co.jp), subject "JCBカード／ショッピングご利用のお知らせ", body ' +
      '"【ご利用日時(日本時間)】　2025/08/28 19:47", "【ご利用金額】　159円", "【ご利用先】　ロケツトナウ" [V] (mail-formats.md ' +
      '§3.3). The cancellation "【日時（日本時間）】" / "【金額】- 430円（取消）" is [F] (a public parser\'s fixture). ' +
      'Only labelled fields are read: the body quotes 「Amazonプライム年会費 5,900円」 in prose (the JCB trap, §0).',
    from: ['jcb.co.jp'],
    subject: [usageSubject(/JCBカード\/ショッピング|ショッピング(?:ご利用|の?取消)/i)],
    // The 売上到着分 notice shares the subject words; its own rule above takes it.
    not: [...NOT_A_CHARGE, /\(売上到着分\)/],
    requireAmount: true,
    // The cancellation sample: "JCBカードでのショッピングの取消がありましたので" and "【金額】- 430円（取消）" (its minus
    // sign alone would make it a refund; the words cover a copy that drops it).
    refundWhen: [/ショッピングの取消がありました/, /(?:^|\n)[ \t]*【?金額】?[^\n]*\(取消\)/],
    fields: {
      amount: [{ label: ['ご利用金額'] }, { label: ['金額'] }],
      date: [{ label: ['ご利用日時'] }, { label: ['日時'] }],
      merchant: [{ label: ['ご利用先'] }],
    },
  },
  {
    ...JP,
    id: 'viewsnet.jp/usage-preliminary',
    vendor: 'viewsnet.jp',
    kind: 'payment.charge',
    basis:
      'From viewcard@mail.viewsnet.jp, subject "－速報版－ ビューカードご利用情報のお知らせ（本人会員利用）", lines ' +
      '"・利用日：", "・利用金額：", "・利用加盟店：", "・ご利用カード：" [V] (kake-bo; mail-formats.md §3.8). The 速報版 ' +
      'comes at authorisation and the 確報版 repeats its charge once the sale is confirmed [I].',
    from: ['viewsnet.jp'],
    subject: [
      usageSubject(/速報版.*ビューカードご利用情報のお知らせ|ビューカードご利用情報のお知らせ.*速報版/),
    ],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: VIEW_FIELDS,
  },
  {
    ...JP,
    id: 'viewsnet.jp/usage',
    vendor: 'viewsnet.jp',
    kind: 'payment.charge',
    basis:
      'From viewcard@mail.viewsnet.jp, subject "－確報版－ ビューカードご利用情報のお知らせ（本人会員利用）", lines ' +
      '"・利用日：YYYY/MM/DD", "・利用金額：", "・利用加盟店：", "・ご利用カード：" [V] (kake-bo; mail-formats.md §3.8).',
    from: ['viewsnet.jp'],
    subject: [usageSubject(/ビューカードご利用情報のお知らせ/, '速報')],
    not: NOT_A_CHARGE,
    requireAmount: true,
    settles: 'viewsnet.jp/usage-preliminary',
    fields: VIEW_FIELDS,
  },
  {
    ...JP,
    id: 'aeon.co.jp/usage',
    vendor: 'aeon.co.jp',
    kind: 'payment.charge',
    basis:
      'イオンカード: no genuine usage mail is known [I] (mail-formats.md §3.8, §8). Conservative: only mail from the ' +
      'legitimate domains aeon.co.jp, aeonbank.co.jp, aeon.com (code id 68842891503) with a usage-notice subject ' +
      '(ご利用のお知らせ / ご利用明細, no statement words), a card mentioned, a labelled usage date or merchant, and a ' +
      'labelled amount (ご利用金額 / 利用金額).',
    from: ['aeon.co.jp', 'aeonbank.co.jp', 'aeon.com'],
    subject: [usageSubject(/ご利用のお知らせ|ご利用明細/)],
    // A usage date or merchant label at a line start, in any of the JP bullet styles (■ Rakuten, ◇ SMBC, 【】 JCB,
    // ・ ViewCard, bare ゆうちょ): the format is unknown, so any of them.
    body: [/(?:^|\n)[ \t■□◇◆●○・*【[<《]*(?:ご)?利用(?:日|日時|先|店舗|加盟店|店名)(?![\p{L}\p{N}])/u],
    // AEON's shops (ネットスーパー…) send their own "ご利用のお知らせ" (paid by クレジットカード): only a card or debit
    // notice counts.
    bodyAny: [/イオンカード|イオン銀行|カードの?ご利用(?:が|を|内容)|デビットカード/],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      amount: [{ label: ['ご利用金額', '利用金額'] }],
      date: [{ label: ['ご利用日時', 'ご利用日', '利用日時', '利用日'] }],
      merchant: [
        { label: ['ご利用先', '利用先', 'ご利用店舗', '利用店舗', 'ご利用加盟店', '利用加盟店', '加盟店名'] },
      ],
    },
  },
];

export const JP_CARDS: RulePack = {
  identities: [
    {
      vendor: 'smbc-card.com',
      // statement@vpass.ne.jp, smbc-debit@smbc-card.com and their subdomains (contact., mail., payment.,
      // prepaid.); smbcgroup-point.jp (Vポイント) (mail-formats.md §3.2, third-party lists).
      domains: ['smbc-card.com', 'vpass.ne.jp', 'smbcgroup-point.jp'],
      // Not "smbc" (三井住友銀行 is smbc.co.jp) nor "vpass" (one edit from "pass", a word in many domains).
      brandTokens: ['smbc-card', 'smbccard'],
      brandWords: ['vpass'],
      displayNames: /三井住友カード|vpass|sumitomo mitsui card|smbc card|vポイントpay/,
      searchTokens: ['三井住友カード', 'Vpass'],
    },
    {
      vendor: 'jcb.co.jp',
      // mail@qa.jcb.co.jp, mail@cj.jcb.co.jp (mail-formats.md §3.3).
      domains: ['jcb.co.jp'],
      // Not "jcb": three letters turn up inside unrelated domains.
      brandTokens: ['myjcb', 'jcb-card', 'jcbcard', 'jcb-co-jp'],
      brandWords: ['jcb'],
      // "JCB" as the whole name or its first word, JCBカード, the company name; not every name containing JCB
      // (三菱UFJ-JCBデビット is the bank's, claimed by its own identity first).
      displayNames: /^(?:my)?jcb(?:$|[\s/・])|jcbカード|ジェーシービー/,
      searchTokens: ['JCB'],
    },
    {
      vendor: 'viewsnet.jp',
      // viewcard@mail.viewsnet.jp (mail-formats.md §3.8 [V]); viewcard.co.jp is the card company's own site [I]: a
      // ビューカード display name over it is no impostor.
      domains: ['viewsnet.jp', 'viewcard.co.jp'],
      brandTokens: ['viewsnet', 'viewcard'],
      displayNames: /ビューカード|view card|viewcard|view's net|ビューズネット/,
      searchTokens: ['ビューカード'],
    },
    {
      vendor: 'aeon.co.jp',
      // Legitimate domains, code id 68842891503 (mail-formats.md §3.8). aeonretail.com is AEON's retail arm:
      // its own, not a look-alike, but not the card either.
      domains: ['aeon.co.jp', 'aeonbank.co.jp', 'aeon.com'],
      infraDomains: ['aeonretail.com'],
      // Not "aeon": AEON's many shops (aeonmall.com, aeonnetshop…) would all look like impostors.
      brandTokens: ['aeoncard', 'aeon-card', 'aeoncredit', 'aeon-credit', 'aeonbank'],
      brandWords: ['aeon'],
      // The phish's 「イオンクレジットサービス株式会社」 over admin@foxmail.com (mail-formats.md §3.8).
      displayNames: /イオンカード|イオンクレジット|イオン銀行|aeon card|aeon credit|aeon bank/,
      searchTokens: ['イオンカード', 'イオンクレジット', 'イオン銀行'],
    },
  ],
  rules: JP_CARD_RULES,
};
