/**
 * Text normalisation before any rule sees a mail. NFKC folds what Japanese notices mix freely: full-width
 * digits and letters (２，５００円, ＧＯＯＧＬＥ), full-width colons and spaces in labels (利用金額：), half-width
 * katakana merchants (ﾓﾊﾞｲﾙﾊﾟｽﾓ), and the full-width yen sign (￥ → ¥). See mail-formats.md §0 "Full-width text".
 */

/** Dash-like characters NFKC leaves alone but that issuers use interchangeably (‐ − – — ー in ASCII names). */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function normalise(text: string): string {
  // The lookbehind on the last step starts a match only at the start of a run of blanks: without it a long run
  // that ends in anything but a newline is rescanned from each of its characters (quadratic on hostile input).
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(DASHES, '-')
    .replace(/\r\n?/g, '\n')
    .replace(/(?<![ \t\u00A0])[ \t\u00A0]+\n/g, '\n');
}

/** Normalised, trimmed, inner whitespace collapsed: for single-line values such as merchants and subjects. */
export function normaliseLine(text: string): string {
  return normalise(text).replace(/\s+/g, ' ').trim();
}
