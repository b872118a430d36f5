/**
 * Japanese bank debit notices, and 楽天カード's usage notices. Formats from mail-formats.md §3, each tagged there
 * [V] verified from real mail, [F] from a fixture, [I] inferred. Card issuers (三井住友カード, JCB, ビューカード,
 * イオンカード) are in jp-cards.ts, which shares the helpers below.
 */
import type { Rule, RulePack } from '../rule';

export const JP = { currency: 'JPY', zone: 'Asia/Tokyo' } as const;

/**
 * Subject words of statements, billing notices, campaigns, declined attempts and requests to confirm a charge
 * (mail-formats.md §3.1: カードご請求金額のご案内, お支払予定金額のご案内, お引き落とし日のご案内; §3.2: the
 * "ご利用確認のお願い" lure). Matched on the subject only: a genuine usage notice may well advertise a キャンペーン
 * in its footer.
 */
const NOT_USAGE_SUBJECT =
  String.raw`キャンペーン|ご請求|お支払(?:い)?(?:予定)?(?:金額|額|日)|引き?落とし?日|` +
  String.raw`明細(?:書)?(?:の|が)?(?:確定|ご案内|発行)|ご利用いただけ|ご利用頂け|利用不可|確認のお願い`;

/** A usage-notice subject: `re` somewhere in it, and none of the statement or campaign words (nor `exclude`). */
export function usageSubject(re: RegExp, exclude?: string): RegExp {
  const not = exclude ? `${NOT_USAGE_SUBJECT}|${exclude}` : NOT_USAGE_SUBJECT;
  return new RegExp(String.raw`^(?!.*(?:${not})).*(?:${re.source})`, re.flags);
}

/**
 * Body text that marks a mail as something other than a charge, in the subject or body. Written so a usage
 * notice's prose and footer do not trip them: a billing label at a line start, a statement's heading, a
 * declined attempt, a campaign's entry instructions.
 */
export const NOT_A_CHARGE: readonly RegExp[] = [
  // Statements put the billed total in a labelled line: "■ご請求金額：12,345円", "お支払金額：…".
  /(?:^|\n)[ \t■□◇◆●○・*【[<《]*(?:今回の|今月の|当月)?(?:ご請求|お支払(?:い)?)(?:予定)?(?:金額|額)/,
  /ご請求(?:予定)?金額のご案内|お支払(?:い)?予定金額のご案内|お引き?落とし日のご案内|明細(?:の|が)?確定/,
  // Declined attempts repeat the usage block (三井住友カード "カードがご利用いただけなかったお取引がございました",
  // VポイントPay "ご利用頂けませんでした"): not a charge.
  /ご利用(?:いただ|頂)け(?:なかった|ませんでした)/,
  /キャンペーン(?:期間|概要|内容|詳細)|エントリー(?:期間|はこちら|が必要)/,
];

/** 楽天カード's fields, shared by its preliminary (速報) and confirmed notices. */
const RAKUTEN_CARD_FIELDS: Pick<Rule, 'blocks' | 'rows' | 'fields'> = {
  // One block per charge in the text body: every "■利用日:" starts one (mail-formats.md §3.1).
  blocks: /(?:^|\n)[ \t]*■利用日/,
  // The HTML table ("2026/08/02  ガウディ茶屋町店  15,800円") and the 速報 lines ("2025/08/17 セブン-イレブン
  // 1,000 円", kake-bo's `(.+?) (.+?) 円`) put date, merchant and amount on one row.
  rows: /(?:^|\n)[ \t]*(?<date>\d{4}\/\d{1,2}\/\d{1,2})[ \t]+(?<merchant>\S(?:[^\n]*?\S)?)[ \t]+(?<amount>[\d,]+[ \t]*円)/,
  fields: {
    amount: [{ label: ['利用金額', 'ご利用金額'] }],
    date: [{ label: ['利用日', 'ご利用日'] }],
    merchant: [{ label: ['利用先', 'ご利用先'] }],
  },
};

const JP_BANK_RULES: readonly Rule[] = [
  {
    ...JP,
    id: 'rakuten-bank.co.jp/debit',
    vendor: 'rakuten-bank.co.jp',
    kind: 'payment.charge',
    basis:
      'From "楽天銀行株式会社" <service@ac.rakuten-bank.co.jp>, subject ' +
      '"【楽天銀行】◆デビットカードご利用通知メール◆ポイント獲得仮確定のお知らせ", body "■今回のご利用金額\\n840円" ' +
      'with no merchant and no date [V] (mail-formats.md §3.6, code id 51984351428). The time is the Date header.',
    from: ['rakuten-bank.co.jp'],
    subject: [usageSubject(/デビットカード.*ご?利用/)],
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
      'subject "［Sony Bank WALLET ］Visaデビット", ご利用金額（※）： [V] (mail-formats.md §3.7).',
    from: ['sonybank.jp', 'sonybank.net'],
    subject: [
      usageSubject(/Sony\s*Bank\s*WALLET/i),
      usageSubject(/\[ソニー銀行\].*ご?利用/),
      usageSubject(/Visaデビット/i),
    ],
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
    ...RAKUTEN_CARD_FIELDS,
    id: 'rakuten-card.co.jp/usage-preliminary',
    vendor: 'rakuten-card.co.jp',
    kind: 'payment.charge',
    basis:
      'From info@mail.rakuten-card.co.jp, subject "【速報版】カード利用のお知らせ(本人ご利用分)" or older ' +
      '"【速報情報】カード利用お知らせメール" (body marker ＜速報情報＞) [V]; the same ■利用日 blocks as the confirmed ' +
      'notice, or one line "2025/08/17 <merchant> 1,000 円" [V] (kake-bo; mail-formats.md §3.1). The confirmed ' +
      'notice repeats these charges once the sale arrives [I], hence its `settles`.',
    from: ['rakuten-card.co.jp'],
    subject: [usageSubject(/速報.*カード利用(?:の)?お知らせ/)],
    not: NOT_A_CHARGE,
    requireAmount: true,
  },
  {
    ...JP,
    ...RAKUTEN_CARD_FIELDS,
    id: 'rakuten-card.co.jp/usage',
    vendor: 'rakuten-card.co.jp',
    kind: 'payment.charge',
    basis:
      'From info@mail.rakuten-card.co.jp, subjects "カード利用のお知らせ(本人ご利用分)", "(家族会員ご利用分)"; text ' +
      'body with one block per charge: "■利用日: 2025/07/29", "■利用先:", "■利用金額: 3,300 円" [V]. HTML variant: ' +
      'a table row "2026/08/02 ガウディ茶屋町店 15,800円" [V] (code id 71043468805; mail-formats.md §3.1).',
    from: ['rakuten-card.co.jp'],
    subject: [usageSubject(/カード利用(?:の)?お知らせ/, '速報')],
    not: NOT_A_CHARGE,
    requireAmount: true,
    settles: 'rakuten-card.co.jp/usage-preliminary',
  },
  {
    ...JP,
    id: 'bk.mufg.jp/visa-debit',
    vendor: 'bk.mufg.jp',
    kind: 'payment.charge',
    basis:
      'From mail@debit.bk.mufg.jp, subject "【三菱UFJ-VISAデビット】ご利用のお知らせ" (also full-width ' +
      '"【三菱ＵＦＪ‐ＶＩＳＡデビット】", which normalises to the same), body "ご利用金額（円）　  : 610" / ' +
      '"ご利用先　　　　　　: MCDONALDS MOBILE ORDER", no date (the Date header); a negative amount is a refund [V] ' +
      '(code id 71043468805, Mr-SuperInsane/NoticeCardUsageHistory; mail-formats.md §3.4).',
    from: ['debit.bk.mufg.jp'],
    // NFKC turns 【三菱ＵＦＪ‐ＶＩＳＡデビット】 into 【三菱UFJ‐VISAデビット】 and normalise() the U+2010 hyphen into "-".
    subject: [usageSubject(/三菱UFJ-?VISAデビット.*ご利用/i)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      // "ご利用金額（円）" is the label; "(円)" is skipped as a label suffix and the bare number is yen.
      amount: [{ label: ['ご利用金額'] }],
      date: [{ label: ['ご利用日時', 'ご利用日'] }],
      merchant: [{ label: ['ご利用先'] }],
    },
  },
  {
    ...JP,
    id: 'bk.mufg.jp/jcb-debit',
    vendor: 'bk.mufg.jp',
    kind: 'payment.charge',
    basis:
      'From mail@jcbdebit.bk.mufg.jp, subject "【三菱UFJ-JCBデビット】ご利用のお知らせ", body "【ご利用金額】　4,530円" / ' +
      '"【ご利用先】　デイ−エムエムドツトコム" [V] (code id 62513363752; mail-formats.md §3.4). A date field in the ' +
      'JCB template style (【ご利用日時(日本時間)】) is read when present [I]; otherwise the Date header.',
    from: ['jcbdebit.bk.mufg.jp'],
    subject: [usageSubject(/三菱UFJ-?JCBデビット.*ご利用/i)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      amount: [{ label: ['ご利用金額'] }],
      date: [{ label: ['ご利用日時', 'ご利用日'] }],
      merchant: [{ label: ['ご利用先'] }],
    },
  },
  {
    ...JP,
    id: 'netbk.co.jp/debit',
    vendor: 'netbk.co.jp',
    kind: 'payment.charge',
    basis:
      'From post_master@netbk.co.jp, subject "【デビットカード】ご利用のお知らせ(住信SBIネット銀行)", labels padded ' +
      'with full-width spaces: "利用日時　　：2025/07/16 07:47:38", "利用加盟店　：…", "引落通貨　　：JPY", ' +
      '"引落金額　　：3,360.00" (two decimals, no currency sign, even for yen) [V] (code ids 7171173729, ' +
      '66146148109; mail-formats.md §3.5).',
    from: ['netbk.co.jp'],
    subject: [usageSubject(/デビットカード.*ご利用のお知らせ/)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      amount: [{ label: ['引落金額'] }],
      // The currency is its own field: a debit from a foreign-currency deposit says 引落通貨：USD.
      currency: [{ label: ['引落通貨'] }],
      date: [{ label: ['利用日時'] }],
      merchant: [{ label: ['利用加盟店'] }],
    },
  },
  {
    ...JP,
    id: 'paypay-bank.co.jp/visa-debit',
    vendor: 'paypay-bank.co.jp',
    kind: 'payment.charge',
    basis:
      'From customer2@cc.paypay-bank.co.jp, subject containing "Ｖｉｓａデビット" (also "お引き落としのご連絡"), body ' +
      '"加盟店名：…" / "お引落金額：1,234円", no date (the Date header) [V] (code ids 6598449219, 5697033481; ' +
      'mail-formats.md §3.8, §7). The rest of the wording is [I].',
    from: ['paypay-bank.co.jp'],
    subject: [usageSubject(/Visaデビット/i)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      amount: [
        { label: ['お引落金額', 'お引落し金額', 'お引き落とし金額'] },
        { label: ['ご利用金額', '利用金額'] },
      ],
      date: [{ label: ['ご利用日時', '利用日時', 'ご利用日', '利用日'] }],
      merchant: [{ label: ['加盟店名', 'ご利用加盟店', 'ご利用先'] }],
    },
  },
  {
    ...JP,
    id: 'jp-bank.japanpost.jp/yucho-debit',
    vendor: 'jp-bank.japanpost.jp',
    kind: 'payment.charge',
    basis:
      'From yuchodebit@jp-bank.japanpost.jp, subject "【ゆうちょデビット】ご利用のお知らせ", body "ゆうちょデビットのご利用を' +
      '受け付けました。" then fields separated by two spaces: "利用日時  2026/03/03 16:59:01", "利用店舗  LAWSON", ' +
      '"利用金額  293円", "利用通貨  JPY", "承認番号  110020" [V] (shirafukayayoi/YuchoMailOutput, code id ' +
      '52339880714; mail-formats.md §3.8).',
    from: ['jp-bank.japanpost.jp'],
    subject: [usageSubject(/ゆうちょデビット.*ご利用/)],
    not: NOT_A_CHARGE,
    requireAmount: true,
    fields: {
      amount: [{ label: ['利用金額'] }],
      // 利用通貨 is its own field: a charge abroad says 利用通貨  USD beside a bare "15.49".
      currency: [{ label: ['利用通貨'] }],
      date: [{ label: ['利用日時'] }],
      merchant: [{ label: ['利用店舗'] }],
    },
  },
];

export const JP_BANKS: RulePack = {
  identities: [
    {
      vendor: 'rakuten-bank.co.jp',
      domains: ['rakuten-bank.co.jp'],
      brandTokens: ['rakuten-bank', 'rakutenbank'],
      displayNames: /楽天銀行|rakuten bank/i,
      searchTokens: ['楽天'],
    },
    {
      vendor: 'sonybank.net',
      // Two sender generations: banking@sonybank.net (older) and banking@sonybank.jp (mail-formats.md §3.7 [V]).
      domains: ['sonybank.net', 'sonybank.jp'],
      brandTokens: ['sonybank'],
      displayNames: /ソニー銀行|sony bank/i,
      searchTokens: ['ソニー銀行'],
    },
    {
      vendor: 'rakuten-card.co.jp',
      // Rakuten Card's phishing page lists its sending domains (mail-formats.md §3.1 [V]).
      domains: [
        'rakuten-card.co.jp',
        'mail.rakuten-card.co.jp',
        'bounce.rakuten-card.co.jp',
        'ad02clickmailer.jp',
      ],
      brandTokens: ['rakuten-card', 'rakutencard'],
      displayNames: /楽天カード|rakuten card/i,
      searchTokens: ['楽天'],
    },
    {
      vendor: 'bk.mufg.jp',
      // debit.bk.mufg.jp, jcbdebit.bk.mufg.jp, direct-11.bk.mufg.jp (mail-formats.md §3.4 [V]). Other MUFG group
      // companies send from elsewhere under mufg.jp (三菱UFJニコス): theirs, not look-alikes, and not this bank.
      domains: ['bk.mufg.jp'],
      infraDomains: ['mufg.jp'],
      // Not "mufg" alone: a four-letter token is matched within one edit ("mufc", "muff"), and Manchester United
      // (mufc) is no bank. Phishers use mufg-jp.com, bk-mufg.*, mufgbank-*.
      brandTokens: ['mufg-bank', 'mufgbank', 'bk-mufg', 'mufg-jp', 'mufg-debit'],
      brandWords: ['mufg'],
      // Not "三菱UFJ" alone: 三菱UFJニコス is another company. The hyphen is kept by NFKC (‐ U+2010).
      displayNames: /三菱ufj銀行|三菱ufj[-‐−－]?(?:visa|jcb)デビット|mufg bank/,
      // The server-side search may be broad: every From with "mufg" is fetched, then judged by the tokens above.
      searchTokens: ['三菱UFJ', 'mufg'],
    },
    {
      vendor: 'netbk.co.jp',
      domains: ['netbk.co.jp'],
      brandTokens: ['netbk', 'sbinetbank', 'sbi-netbank'],
      // Not "sbi" alone: SBI新生銀行 and SBI証券 are other companies.
      displayNames: /住信sbiネット銀行|sbi sumishin/,
      searchTokens: ['住信SBI'],
    },
    {
      vendor: 'paypay-bank.co.jp',
      domains: ['paypay-bank.co.jp'],
      // Not "paypay" alone: PayPay (paypay.ne.jp) is another company.
      brandTokens: ['paypay-bank', 'paypaybank'],
      displayNames: /paypay銀行|paypay bank|ジャパンネット銀行/,
      searchTokens: ['PayPay銀行'],
    },
    {
      vendor: 'jp-bank.japanpost.jp',
      domains: ['jp-bank.japanpost.jp'],
      // Japan Post's other companies (post.japanpost.jp) are not look-alikes (mail-formats.md §3.8).
      infraDomains: ['japanpost.jp'],
      brandTokens: ['yucho', 'jp-bank', 'jpbank'],
      displayNames: /ゆうちょ|japan post bank/,
      searchTokens: ['ゆうちょ'],
    },
  ],
  rules: JP_BANK_RULES,
};
