/**
 * US banks and card issuers (Chase, American Express, Wells Fargo, Capital One) and PayPal, in English and, for
 * PayPal, Japanese. Formats from mail-formats.md §4 and §3.8, each tagged there: [V] verified from real mail,
 * [F] from a fixture, [I] inferred. Every amount here is read where the format puts the charge, never as "the
 * first dollar figure": Amex and the old Chase alerts also print the alert threshold ("more than $1.00").
 */
import { DIGITS } from '../extract';
import type { VendorIdentity } from '../identity';
import type { Rule, RulePack } from '../rule';

const US = { currency: 'USD', zone: 'America/New_York' } as const;

/** A dollar amount as the subjects and sentences print it: "$12.34", "$1,234.56", "$6.98". */
const USD = String.raw`\$\s?\d[\d,]*(?:\.\d{2})?`;
/**
 * PayPal's amounts carry their currency: "$31.90 USD", "￥6,578 JPY" (NFKC: "¥"), "€12,34 EUR", "$45.00 CAD",
 * "$5 USD". The digits are bounded (extract.ts DIGITS, or a single digit): these patterns are not anchored and run
 * on hostile mail, where an unbounded run of digits before a currency code that is not there backtracks
 * quadratically over a long number.
 */
const AMOUNT_DIGITS = String.raw`(?:${DIGITS}|\d)`;
const MONEY = String.raw`(?:[$¥€£]\s?${AMOUNT_DIGITS}(?:[ \t]?[A-Z]{3}\b)?|${AMOUNT_DIGITS}[ \t]?[A-Z]{3}\b)`;
/** One line or a sentence wrapped over several (text parts are wrapped at 72 columns), never a paragraph. */
const SPAN = String.raw`(?:[^\n]|\n(?!\s*\n))`;

/** Statements and account summaries quote balances, never a charge; a genuine alert body does not say these. */
const STATEMENTS = [
  /\bdaily summary\b/i,
  /\bstatement is (?:ready|available)\b/i,
  /\bminimum payment due\b/i,
];

const US_BANK_RULES: readonly Rule[] = [
  // ── Chase ────────────────────────────────────────────────────────────────────────────────────────────────
  {
    ...US,
    id: 'chase.com/transaction',
    vendor: 'chase.com',
    kind: 'payment.charge',
    basis:
      'Chase <no.reply.alerts@chase.com> [V], subject "You made a $12.34 transaction with SAMPLE*COFFEE SHOP", ' +
      'or with no merchant "You made a $10.46 transaction", or "…transaction with your Freedom card" where the ' +
      'words after "with" name the card, not a merchant [V]; HTML body with two-cell rows Account "Sample Card ' +
      '(...4321)", Date "Mar 7, 2026 at 9:14 AM ET", Merchant, Amount [V/F]; short text body "Account ending in ' +
      '(...1234)." [V] (mail-formats.md §4.1). "debit card transaction" in the subject is tolerated [I].',
    from: ['chase.com'],
    subject: [new RegExp(String.raw`\bYou made an? ${USD} (?:debit card )?transaction\b`, 'i')],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      amount: [{ label: 'Amount' }, { subject: new RegExp(String.raw`\bYou made an? (${USD}) `, 'i') }],
      date: [{ label: 'Date' }],
      merchant: [
        { label: 'Merchant' },
        // "…transaction with SAMPLE*COFFEE SHOP" names the merchant; "…transaction with your Freedom card" does not.
        { subject: /\btransaction with (?!your\b)(.+)$/i },
      ],
      cardLast4: [
        // "Sample Card (...4321)" and "Account ending in (...1234)": the subject's "(…1234)" is "(...1234)" after NFKC.
        { pattern: /\(\.{3}(\d{4})\)/ },
        { label: 'Account' },
      ],
    },
  },
  {
    ...US,
    id: 'chase.com/single-transaction-alert',
    vendor: 'chase.com',
    kind: 'payment.charge',
    basis:
      'Older Chase credit-card alert [V]: subject "Your Single Transaction Alert from Chase", body "A charge of ' +
      '($USD) 12.34 at MERCHANT has been authorized on Jan 02, 2006 at …" (mail-formats.md §4.1, ' +
      'iRobie/ynab-live-import-go). The card as "ending in 1234" and the time after "at" are [I]; the amount ' +
      'is read only from "A charge of", never from a threshold sentence.',
    from: ['chase.com'],
    subject: [/\bSingle Transaction Alert\b/i],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      // "($USD) 12.34": the currency is written before the number, in brackets.
      amount: [{ pattern: /\bA charge of \(\$USD\)\s*(\d[\d,]*\.\d{2})\s+at\s/i }],
      merchant: [
        {
          pattern: new RegExp(
            String.raw`\bA charge of \(\$USD\)\s*\d[\d,]*\.\d{2}\s+at\s+(${SPAN}+?)\s+has\s+been\s+authorized`,
            'i',
          ),
        },
      ],
      // The time may wrap to the next line: "…authorized on Jan 05, 2016 at\n9:40 AM ET."
      date: [{ pattern: new RegExp(String.raw`\bhas\s+been\s+authorized\s+on\s+(${SPAN}+)`, 'i') }],
      cardLast4: [{ pattern: /\bending in\s+(\d{4})\b/i }],
    },
  },
  {
    ...US,
    id: 'chase.com/debit-card-transaction',
    vendor: 'chase.com',
    kind: 'payment.charge',
    basis:
      'Older Chase debit-card alert [V]: subject "Your Debit Card Transaction", body "A $X debit card ' +
      'transaction to MERCHANT on DATE exceeded …" (mail-formats.md §4.1, luciolucio/rol). The date format is ' +
      'not documented [I]: whatever stands between "on" and "exceeded" goes to the date parser.',
    from: ['chase.com'],
    subject: [/\bYour Debit Card Transaction\b/i],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      amount: [{ pattern: new RegExp(String.raw`\bA (${USD}) debit card transaction to\s`, 'i') }],
      // The merchant ends at " on <date>": "on" followed by a digit or a month name, so "SHOP ON MAIN" stays whole.
      merchant: [
        {
          pattern: new RegExp(
            String.raw`\bdebit card transaction to\s+(${SPAN}+?)\s+on\s+(?:\d|[A-Z][a-z]{2}\.?\s+\d)`,
            'i',
          ),
        },
      ],
      date: [
        {
          pattern: new RegExp(
            String.raw`\bdebit card transaction to\s+${SPAN}+?\s+on\s+(${SPAN}+?)\s+exceeded`,
            'i',
          ),
        },
      ],
      cardLast4: [{ pattern: /\bending in\s+\(?(?:\.{3})?(\d{4})\b/i }],
    },
  },

  // ── American Express ─────────────────────────────────────────────────────────────────────────────────────
  {
    ...US,
    id: 'americanexpress.com/large-purchase',
    vendor: 'americanexpress.com',
    kind: 'payment.charge',
    basis:
      'American Express <AmericanExpress@welcome.americanexpress.com>, older welcome.aexp.com and ' +
      'member.americanexpress.com [V]; subject "Large Purchase Approved" [V]; text body (a forwarded real mail) ' +
      '"Account Ending: 51006" (5 digits), "this purchase was more than $1.00." (the alert threshold, NOT the ' +
      'charge), then the merchant line, the starred charge "$144.00*" and the day "Sun, Sep 27, 2026" [V] ' +
      '(mail-formats.md §4.2).',
    from: ['americanexpress.com', 'aexp.com'],
    subject: [/\bLarge Purchase Approved\b/i],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      // The starred amount alone on its line: "$144.00*". The threshold "$1.00." carries no star.
      amount: [{ pattern: new RegExp(String.raw`(?:^|\n)[ \t]*(${USD})[ \t]*\*`) }],
      // The merchant is the line just above the starred amount ("ISLAND PACKERS\n$144.00*").
      merchant: [
        {
          pattern: new RegExp(String.raw`(?:^|\n)[ \t]*([^\n]*\S)[ \t]*\n(?:[ \t]*\n)*[ \t]*${USD}[ \t]*\*`),
        },
      ],
      // Amex states a day, no time, right below the amount: "Sun, Sep 27, 2026".
      date: [
        {
          pattern: new RegExp(
            String.raw`${USD}[ \t]*\*[ \t]*\n(?:[ \t]*\n)*[ \t]*((?:[A-Z][a-z]{2},?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})`,
          ),
        },
      ],
      // "Account Ending: 51006": five digits, the last four identify the card.
      cardLast4: [{ label: ['Account Ending', 'Account ending in'] }],
    },
  },

  // ── Wells Fargo ──────────────────────────────────────────────────────────────────────────────────────────
  {
    ...US,
    id: 'wellsfargo.com/purchase-reversed',
    vendor: 'wellsfargo.com',
    kind: 'payment.refund',
    basis:
      'Wells Fargo reversal: subject "Wells Fargo purchase reversed" [V] (mail-formats.md §4.3); its body is not ' +
      'documented [I], so the amount is read from "purchase of $X", "reversal of $X" or an Amount label, and ' +
      'Merchant/Date labels as in the purchase alert.',
    from: ['wellsfargo.com'],
    subject: [/\bpurchase (?:was )?reversed\b/i],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      amount: [
        { pattern: new RegExp(String.raw`\b(?:purchase|reversal|refund) of\s+(-?${USD})`, 'i') },
        { label: ['Amount', 'Reversed amount', 'Reversal amount'] },
      ],
      merchant: [{ label: 'Merchant' }],
      date: [{ label: ['Date', 'Reversal date'] }],
      cardLast4: [{ pattern: /\bcard ending in\s+(\d{4})\b/i }],
    },
  },
  {
    ...US,
    id: 'wellsfargo.com/purchase',
    vendor: 'wellsfargo.com',
    kind: 'payment.charge',
    basis:
      'Wells Fargo purchase alert [V] (mail-formats.md §4.3, code id 71022391008): subject "Wells Fargo Purchase ' +
      'Alert", body "You made a purchase of $24.31\\nMerchant: TRADER JOES #123\\nDate: 08/14/2026 09:14 AM PT" ' +
      '(PT is Pacific). The sender address is not documented: alerts@notify.wellsfargo.com is usual [I], so any ' +
      'wellsfargo.com address is accepted.',
    from: ['wellsfargo.com'],
    subject: [/\bPurchase Alert\b/i],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      amount: [
        { pattern: new RegExp(String.raw`\bpurchase of\s+(${USD})`, 'i') },
        { label: ['Amount', 'Purchase amount'] },
      ],
      merchant: [{ label: 'Merchant' }],
      date: [{ label: 'Date' }],
      cardLast4: [{ pattern: /\bcard ending in\s+(\d{4})\b/i }],
    },
  },

  // ── Capital One ──────────────────────────────────────────────────────────────────────────────────────────
  {
    ...US,
    id: 'capitalone.com/transaction',
    vendor: 'capitalone.com',
    kind: 'payment.charge',
    basis:
      'Capital One, From alerts@capitalone.com [V], older sentence [V] (mail-formats.md §4.3, mohiman/utilities): ' +
      '"As requested, we are notifying you that on MAY 22, 2016 at CVS/PHARMACY # a pending authorization or ' +
      'purchase in the amount of $6.98 was placed or charged on your Capital One® VISA SIGNATURE account." No ' +
      'current template was found [I]: the subject is not gated, and the sentence may say "we\'re", mix the ' +
      'month\'s case, add commas and end in "ending in 1234".',
    from: ['capitalone.com'],
    bodyAny: [/\bpending\s+authorization\s+or\s+purchase\s+in\s+the\s+amount\s+of\b/i],
    not: STATEMENTS,
    requireAmount: true,
    fields: {
      amount: [{ pattern: new RegExp(String.raw`\bin\s+the\s+amount\s+of\s+(${USD})`, 'i') }],
      // "on MAY 22, 2016 at CVS/PHARMACY # a pending…": the merchant runs from "at" to "a pending".
      date: [{ pattern: /\bnotifying\s+you\s+that,?\s+on\s+([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})/i }],
      merchant: [
        {
          pattern: new RegExp(
            String.raw`\bnotifying\s+you\s+that,?\s+on\s+[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4},?\s+at\s+(${SPAN}+?),?\s+a\s+pending\s+authorization`,
            'i',
          ),
        },
      ],
      cardLast4: [{ pattern: /\bending in\s+(\d{4})\b/i }],
    },
  },

  // ── PayPal (Japanese) ────────────────────────────────────────────────────────────────────────────────────
  {
    currency: 'JPY',
    zone: 'Asia/Tokyo',
    id: 'paypal.com/refund-ja',
    vendor: 'paypal.com',
    kind: 'payment.refund',
    basis:
      'PayPal JP <service-jp@paypal.com> [V/F] (mail-formats.md §3.8): a refund notice whose subject says 返金 ' +
      '[I: the wording is not documented]; amount from 返金額/合計 or "…の返金", currency from the amount.',
    from: ['paypal.com'],
    subject: [/返金/],
    requireAmount: true,
    fields: {
      amount: [
        { label: ['返金額', '返金金額', 'ご返金額', '合計', '合計金額'] },
        { pattern: new RegExp(String.raw`(${MONEY})\s*の返金`) },
      ],
      // "Example Storeからの返金" / "Example Store様から返金を受け取りました": the payee is the merchant.
      merchant: [{ subject: /^(?:お客さまは)?(.+?)様?から(?:の)?(?:ご)?返金/ }],
      date: [{ label: ['取引日', '返金日'] }],
    },
  },
  {
    currency: 'JPY',
    zone: 'Asia/Tokyo',
    id: 'paypal.com/payment-ja',
    vendor: 'paypal.com',
    kind: 'payment.charge',
    basis:
      'PayPal JP <service-jp@paypal.com> [V/F] (mail-formats.md §3.8): subjects "<merchant>への自動支払いを行いまし' +
      'た" and "お客さまは<merchant>様への支払いを承認されました", body "$31.90 USD" or "¥6,578". The labels 支払金額 ' +
      '(value on the next line), 合計 and 取引日 ("2023年11月10日 3:45:19 JST") come from parsers built on real ' +
      'mail, not from mail-formats.md [I]. The last resort is the first amount with a currency sign: a PayPal ' +
      'receipt quotes no sample or threshold amount [I].',
    from: ['paypal.com'],
    subject: [/への自動支払い/, /への(?:お)?支払いを(?:承認|行|完了)/, /(?:お)?支払いの領収書/],
    requireAmount: true,
    fields: {
      amount: [
        { label: ['支払金額', 'お支払い金額', '支払い金額', '合計', '合計金額'] },
        // "新町様、$31.90 USDのお支払いの領収書" / "…への$31.90 USDのお支払いが実行されました"
        { pattern: new RegExp(String.raw`(${MONEY})\s*のお支払い`) },
        { pattern: new RegExp(String.raw`(${MONEY})`) },
      ],
      // "Lemon Squeezy LLCへの自動支払い…" → "Lemon Squeezy LLC"; "お客さまはNintendo様への支払い…" → "Nintendo".
      merchant: [{ subject: /^(?:お客さまは)?(.+?)様?への(?:自動)?(?:お)?支払い/ }],
      date: [{ label: ['取引日', '支払日'] }],
    },
  },

  // ── PayPal (English) ─────────────────────────────────────────────────────────────────────────────────────
  {
    ...US,
    id: 'paypal.com/refund',
    vendor: 'paypal.com',
    kind: 'payment.refund',
    basis:
      'PayPal <service@paypal.com>, <service@intl.paypal.com>: a refund notice [I: mail-formats.md documents no ' +
      'English PayPal format]: subject with "refund" ("Refund from Example Store", "You received a refund from …"), ' +
      'amount from "refund of $31.90 USD" or a Refund amount/Total label; the currency from the amount.',
    from: ['paypal.com'],
    subject: [/\brefund(?:ed)?\b/i],
    not: [/\bRefunded Returns\b/i],
    requireAmount: true,
    fields: {
      amount: [
        { pattern: new RegExp(String.raw`\brefund of\s+(${MONEY})`, 'i') },
        { label: ['Refund amount', 'Amount refunded', 'Total refund', 'Total'] },
      ],
      merchant: [
        { subject: /\brefund from\s+(.+)$/i },
        {
          pattern: new RegExp(
            // At most 200 characters: the pattern is tried from every line start, and an unbounded lazy span
            // rescanned the rest of a long hostile paragraph from each of them (quadratic backtracking).
            String.raw`(?:^|\n)[ \t]*(${SPAN}{1,200}?)\s+(?:has\s+)?(?:sent|issued)\s+you\s+a\s+refund\b`,
            'i',
          ),
        },
      ],
      date: [{ label: ['Transaction date', 'Refund date', 'Date'] }],
    },
  },
  {
    ...US,
    id: 'paypal.com/payment',
    vendor: 'paypal.com',
    kind: 'payment.charge',
    basis:
      'PayPal <service@paypal.com>, <service@intl.paypal.com>: "You sent a payment of $31.90 USD to …", "Receipt ' +
      'for your payment to …", "You sent an automatic payment to …" [I: mail-formats.md documents the Japanese ' +
      'mails only]; the payee is the merchant, the currency comes from the amount ("$45.00 CAD" is CAD).',
    from: ['paypal.com'],
    subject: [/^You sent (?:a|an automatic) payment\b/i, /^Receipt for your (?:automatic )?payment to\b/i],
    requireAmount: true,
    fields: {
      amount: [
        { pattern: new RegExp(String.raw`\bpayment of\s+(${MONEY})`, 'i') },
        { subject: new RegExp(String.raw`\bpayment of\s+(${MONEY})`, 'i') },
        { label: ['Total', 'Amount paid', 'Payment amount'] },
      ],
      merchant: [
        { subject: /\bpayment (?:of \S+(?: [A-Z]{3})? )?to\s+(.+?)\.?$/i },
        { pattern: new RegExp(String.raw`\bpayment of\s+${MONEY}\s+to\s+(${SPAN}+?)\.?(?:\n|$)`, 'i') },
      ],
      date: [{ label: ['Transaction date', 'Date'] }],
    },
  },
];

/**
 * Short brand words collide with ordinary words, so the look-alike tokens here are compounds, never the bare
 * brand: lookalikeOf (identity.ts) flags a domain whose label CONTAINS a token, or whose part is within one edit
 * of it. "chase" is inside "purchase" and "chase" is a common first name; "amex" is inside "gamex" and one edit
 * from "apex"; "paypal" is one edit from "paypay" (PayPay, PayPay銀行: Japanese payment brands our users get mail
 * from). Vendor domains used as a prefix ("chase.com.example.net") are caught without tokens.
 */
const US_BANK_IDENTITIES: readonly VendorIdentity[] = [
  {
    vendor: 'chase.com',
    // no.reply.alerts@chase.com [V]; jpmorganchase.com is the parent company's own domain [I].
    domains: ['chase.com', 'jpmorganchase.com'],
    // Compounds seen in bank phishing ("chase-bank-alert.com", "securechase.net", "mychase-online.com") [I].
    brandTokens: [
      'chasebank',
      'chaseonline',
      'chasealert',
      'chasesecure',
      'securechase',
      'mychase',
      'chaseverify',
    ],
    // "chase" alone only as a whole part of a domain ("chase-alerts.com", "login.chase.example"): "purchase" stays out.
    brandWords: ['chase'],
    // "Chase", "Chase Bank", "JPMorgan Chase", "Chase Alerts"; never "Chase Miller" (a person's name).
    displayNames:
      /^\s*(?:jp\s?morgan\s+)?chase(?:\s+(?:bank|alerts?|card(?:\s+services)?|online|customer\s+(?:service|care)|fraud\b.*|security\b.*))?\s*$|\bchase\s+bank\b|\bjp\s?morgan\s+chase\b|チェース/i,
    // Server-side search: the display name "Chase" over a foreign address (a substring match, so it over-fetches
    // "purchase" too, which recognition then ignores).
    searchTokens: ['chase'],
  },
  {
    vendor: 'americanexpress.com',
    // AmericanExpress@welcome.americanexpress.com, older AmericanExpress@welcome.aexp.com and
    // americanexpress@member.americanexpress.com [V]. americanexpress.co.jp is American Express Japan [I].
    // mail-formats.md §0 lists alerts@americanexpress.com and amex@welcome.americanexpress.com as "rejected as
    // untrusted" [F]: that project trusts a fixed list of addresses. Here trust comes from the domain and the
    // provider's DMARC verdict, and americanexpress.com is Amex's own domain, which nobody else can send from
    // with a passing DMARC: such mail is genuine Amex, and the same address failing DMARC is suspicious.
    domains: ['americanexpress.com', 'aexp.com', 'americanexpress.co.jp'],
    brandTokens: ['americanexpress', 'amexcard', 'myamex', 'amexsecure', 'amexalert'],
    brandWords: ['amex'],
    displayNames: /american\s*express|^\s*amex\b|アメリカン・?エキスプレス|アメックス/i,
    // aexp-static.com carries Amex's images [I].
    infraDomains: ['aexp-static.com'],
    searchTokens: ['american express', 'amex'],
  },
  {
    vendor: 'wellsfargo.com',
    // alerts@notify.wellsfargo.com is the usual alert sender [I]; wellsfargoadvisors.com is Wells Fargo's
    // brokerage [I], listed so that its mail is not taken for a look-alike.
    domains: ['wellsfargo.com', 'wellsfargoadvisors.com'],
    brandTokens: ['wellsfargo'],
    displayNames: /wells\s*fargo|ウェルズ・?ファーゴ/i,
    // wellsfargomedia.com hosts the site's images and documents [I].
    infraDomains: ['wellsfargomedia.com'],
    searchTokens: ['wells fargo'],
  },
  {
    vendor: 'capitalone.com',
    // alerts@capitalone.com [V]; Capital One Shopping and the former Capital One 360 domains [I].
    domains: ['capitalone.com', 'capitaloneshopping.com', 'capitalone360.com'],
    brandTokens: ['capitalone'],
    displayNames: /capital\s*one|キャピタル・?ワン/i,
    searchTokens: ['capital one'],
  },
  {
    vendor: 'paypal.com',
    // service@paypal.com, service@intl.paypal.com, service-jp@paypal.com [V]; the regional sites [I].
    domains: [
      'paypal.com',
      'paypal.co.uk',
      'paypal.de',
      'paypal.fr',
      'paypal.it',
      'paypal.es',
      'paypal.ca',
      'paypal.com.au',
    ],
    // "aypal", not "paypal": "paypal-secure.com", "secure-paypal.net" and "paypa1.com" (a bent l) contain it,
    // while "paypay.ne.jp" and "paypay-bank.co.jp" are two edits away from it (one from "paypal").
    brandTokens: ['aypal'],
    brandWords: ['paypal'],
    displayNames: /paypal|ペイパル/i,
    // paypalobjects.com (images, scripts), the PayPal.Me links and the community forum carry the brand [I].
    infraDomains: ['paypalobjects.com', 'paypal.me', 'paypal-community.com'],
  },
];

export const US_BANKS: RulePack = { identities: US_BANK_IDENTITIES, rules: US_BANK_RULES };
