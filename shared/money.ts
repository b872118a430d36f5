import type { Amount, Locale } from './domain';

/**
 * ISO 4217 minor-unit exponents for the currencies the rules can meet. Unknown codes default to 2, the
 * exponent of most currencies; JPY and KRW have none.
 */
const EXPONENT: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  CNY: 2,
  INR: 2,
};

export function minorExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/**
 * Converts a decimal string as printed in a mail ("3,360.00", "144.00", "3000") to minor units, exactly:
 * no floating point, so 0.1 + 0.2 problems never reach an amount. Returns null when the text is not a
 * plain decimal number or carries more decimals than the currency allows (SBI prints "3,360.00" for JPY,
 * so zero-valued extra decimals are accepted).
 */
export function toMinor(text: string, currency: string): number | null {
  const t = text.replace(/[,\s]/g, '');
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const [, sign, whole = '0', frac = ''] = m;
  const exp = minorExponent(currency);
  let f = frac;
  if (f.length > exp) {
    if (/[^0]/.test(f.slice(exp))) return null;
    f = f.slice(0, exp);
  }
  f = f.padEnd(exp, '0');
  const n = Number(whole + f);
  if (!Number.isSafeInteger(n)) return null;
  return sign ? -n : n;
}

/** Intl.NumberFormat is costly to build (a virtualised timeline formats dozens of amounts a frame): one each. */
const formats = new Map<string, Intl.NumberFormat>();

export function formatAmount(amount: Amount, locale: Locale): string {
  const exp = minorExponent(amount.currency);
  const value = amount.minor / 10 ** exp;
  try {
    const key = `${locale}|${amount.currency}`;
    let f = formats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
        style: 'currency',
        currency: amount.currency,
        minimumFractionDigits: exp,
        maximumFractionDigits: exp,
      });
      formats.set(key, f);
    }
    return f.format(value);
  } catch {
    return `${amount.currency} ${value.toFixed(exp)}`;
  }
}

export function sameAmount(a: Amount | null, b: Amount | null): boolean {
  return a !== null && b !== null && a.currency === b.currency && a.minor === b.minor;
}
