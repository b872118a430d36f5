/**
 * Field extractors over normalised text. Labelled fields only: a JCB notice quotes a sample amount in prose
 * ("Amazonプライム年会費 5,900円", mail-formats.md §0 "JCB trap"), so an amount is read where a label says it is.
 */
import type { Amount } from '../../../shared/domain';
import { toMinor } from '../../../shared/money';
import type { FieldSource } from './rule';

/** A literal string as a pattern: user-written text and domain names are matched as written, never as syntax. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The digits of an amount inside a pattern that is not anchored ("$1,234.56", "12,34"): two to sixteen digits,
 * dots and commas, ending in a digit so a sentence's full stop is not read as a decimal point. Bounded because
 * the pattern runs on hostile mail: an unbounded run (\d[\d,.]*) followed by anything that can fail is rescanned
 * from each digit of a long run of digits, quadratic backtracking on a body of one long number.
 */
export const DIGITS = String.raw`\d[\d.,]{0,14}\d`;

/** Bullets and brackets issuers put around labels: ■利用日, ◇利用先, 【ご利用金額】, ・利用金額, *Amount*, 《》. */
const LABEL_PREFIX = String.raw`[ \t■□◇◆●○・*\-【\[<《〈]*`;
const LABEL_SUFFIX = String.raw`[ \t】\]>》〉*]*(?:\([^)\n]{0,12}\))?[ \t】\]>》〉*]*`;

const NEXT_IS_LABEL = /^[■□◇◆●○・【《〈]/;

const labelCache = new Map<string, RegExp>();

function labelRegex(labels: readonly string[]): RegExp {
  const key = labels.join('\u0000');
  let re = labelCache.get(key);
  if (!re) {
    const alt = labels.map((l) => escapeRe(l.normalize('NFKC'))).join('|');
    // Separators: ":" (NFKC of "："), runs of spaces (ゆうちょ's "利用金額  293円"), or nothing before a newline.
    // A label is a whole word: "ご利用日" must not read 【ご利用日時(日本時間)】, nor "Amount" read "Amounts: 5".
    re = new RegExp(
      String.raw`(?:^|\n)${LABEL_PREFIX}(?:${alt})(?![\p{L}\p{N}])${LABEL_SUFFIX}[ \t]*(?::|=)?[ \t]*([^\n]*)`,
      'gu',
    );
    labelCache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** The value of the first line that starts with one of the labels; the next non-empty line when the line has none. */
export function labelled(text: string, labels: string | readonly string[]): string | null {
  const re = labelRegex(typeof labels === 'string' ? [labels] : labels);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const value = (m[1] ?? '').trim();
    if (value) return value;
    const after = text.slice(m.index + m[0].length);
    const next = /^\n*[ \t]*([^\n]+)/.exec(after);
    // A next line that is itself a bulleted label ("■利用先: \n■利用者: 本人") is not this label's value.
    if (next?.[1]?.trim() && !NEXT_IS_LABEL.test(next[1])) return next[1].trim();
  }
  return null;
}

export function extractField(
  text: string,
  subject: string,
  sources: readonly FieldSource[] | undefined,
): string | null {
  for (const src of sources ?? []) {
    let v: string | null | undefined = null;
    if ('label' in src) v = labelled(text, src.label);
    else if ('pattern' in src) v = src.pattern.exec(text)?.[1];
    else v = src.subject.exec(subject)?.[1];
    if (v !== null && v !== undefined && v.trim() !== '') return v.trim();
  }
  return null;
}

const SYMBOLS: ReadonlyArray<readonly [RegExp, string]> = [
  [/¥|円|JPY/i, 'JPY'],
  [/€|EUR/i, 'EUR'],
  [/£|GBP/i, 'GBP'],
  [/CA\$|CAD/i, 'CAD'],
  [/A\$|AUD/i, 'AUD'],
  [/US\$|USD/i, 'USD'],
];

const NUMBER = String.raw`\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
// (?=\S): a match starts at a sign, symbol or digit. Starting anywhere, a long run of blanks was rescanned by
// the leading \s* from each of its characters (quadratic on a hostile labelled line).
const AMOUNT_RE = new RegExp(
  String.raw`(?=\S)(-|▲|△)?\s*(?:(¥|\$|€|£|CA\$|A\$|US\$|JPY|USD|EUR|GBP|CAD|AUD)\s*)?(-)?(${NUMBER})\s*(円|¥|€|£|JPY|USD|EUR|GBP|CAD|AUD)?`,
);

export interface ParsedAmount {
  readonly amount: Amount;
  readonly negative: boolean;
}

/**
 * Reads the first amount in a field value: "3,300 円", "¥3,000", "$144.00*", "3,360.00" (no sign: the rule's
 * currency), "12,34 €" (a decimal comma where the currency has cents), "▲610" / "-610" (refunds).
 */
export function parseAmount(value: string, defaultCurrency: string): ParsedAmount | null {
  const m = AMOUNT_RE.exec(value);
  if (!m) return null;
  const [, neg1, pre, neg2, num = '', post] = m;
  // A code after a bare "$" says which dollar it is: PayPal writes "$31.90 USD" (mail-formats.md §3.8), "$45.00 CAD".
  const sign = pre === '$' && post !== undefined && /^[A-Z]{3}$/.test(post) ? post : (pre ?? post ?? '');
  let currency = defaultCurrency;
  if (sign === '$') currency = ['USD', 'CAD', 'AUD'].includes(defaultCurrency) ? defaultCurrency : 'USD';
  else if (sign) {
    for (const [re, code] of SYMBOLS) {
      if (re.test(sign)) {
        currency = code;
        break;
      }
    }
  }
  // "1.234,56" or "12,34" (European) versus "1,234.56" (Anglo/Japanese): the last separator followed by
  // exactly two digits is the decimal point, unless the currency has no minor unit (JPY "3,000").
  let digits = num.replace(/[' ]/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(digits);
  if (decimal && currency !== 'JPY' && currency !== 'KRW') {
    const sep = digits[digits.length - (decimal[1]?.length ?? 0) - 1];
    digits = digits.slice(0, -((decimal[1]?.length ?? 0) + 1)).replace(/[.,]/g, '') + '.' + decimal[1];
    if (sep === undefined) return null;
  } else if (decimal && /\.\d{2}$/.test(digits)) {
    // SBI prints "3,360.00" for yen: keep it as a decimal so toMinor can check the cents are zero.
    digits = digits.replace(/,/g, '');
  } else {
    digits = digits.replace(/[.,]/g, '');
  }
  const minor = toMinor(digits, currency);
  if (minor === null) return null;
  return { amount: { currency, minor }, negative: Boolean(neg1 || neg2) };
}

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
export function firstEmail(value: string): string | null {
  return EMAIL_RE.exec(value)?.[0]?.toLowerCase() ?? null;
}

/** Amazon order numbers: 3-7-7 digits (250-1234567-1234567, 113-2884719-5520264). */
export const AMAZON_ORDER_ID = /\b(\d{3}-\d{7}-\d{7})\b/;

export function lastDigits(value: string, n = 4): string | null {
  const digits = value.replace(/\D/g, '');
  return digits.length >= n ? digits.slice(-n) : null;
}
