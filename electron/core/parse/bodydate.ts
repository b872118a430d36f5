/**
 * Dates as notices print them in their bodies. Formats seen in real mail (../shared/docs/mail-formats.md §7):
 *   2025/07/29 · 2026/07/05 10:25 · 2025/07/16 07:47:38 · 2025年1月2日 · 2022年2月28日 10:34 AM Japan Standard Time
 *   Nov 03, 2025 09:56 AM Japan Standard Time · Mar 7, 2026 at 9:14 AM ET · Sun, Sep 27, 2026 · 08/14/2026 09:14 AM PT
 * The text must already be NFKC-normalised (full-width digits and colons become ASCII).
 */
import { fromFields, fromZonedFields, monthNumber, type ZonedTime } from './datetime';

export interface BodyDate {
  readonly time: ZonedTime;
  /** False when the body gave a day only: callers then prefer the Date header's time on that day. */
  readonly hasTime: boolean;
}

const ZONE_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:japan standard time|jst|日本時間)$/i, 'Asia/Tokyo'],
  [/^(?:et|est|edt|eastern(?: time)?)$/i, 'America/New_York'],
  [/^(?:ct|cst|cdt|central(?: time)?)$/i, 'America/Chicago'],
  [/^(?:mt|mst|mdt|mountain(?: time)?)$/i, 'America/Denver'],
  [/^(?:pt|pst|pdt|pacific(?: time)?)$/i, 'America/Los_Angeles'],
  // GMT and UTC are fixed offsets, not London's wall clock (which is UTC+1 all summer).
  [/^(?:gmt|utc|ut)$/i, 'UTC'],
  [/^bst$/i, 'Europe/London'],
];

function zoneFor(word: string | undefined, fallback: string | number): string | number {
  if (!word) return fallback;
  const w = word.trim();
  for (const [re, zone] of ZONE_WORDS) if (re.test(w)) return zone;
  return fallback;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm);
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|am|pm|午前|午後)?`;
const UPPER_MONTH = String.raw`(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b`;
const ZONE = String.raw`(?:\s*\(?\s*(Japan Standard Time|JST|日本時間|E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|GMT|UTC)\b\)?)?`;

interface Pattern {
  re: RegExp;
  read(m: RegExpExecArray): [y: number, mo: number, d: number, time: RegExpExecArray | null, off: number];
}

/** Index of the first time group in each pattern, so one reader handles the optional time part. */
const PATTERNS: readonly Pattern[] = [
  {
    // 2026/07/05 10:25 · 2025-07-16 07:47:38 · 2025年1月2日 10:34 AM
    re: new RegExp(
      String.raw`(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?(?:\s*\([^)]{1,3}\))?(?:\s*(?:at\s*)?${TIME})?${ZONE}`,
    ),
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3]), m, 4],
  },
  {
    // Nov 03, 2025 09:56 AM · Sun, Sep 27, 2026 · Mar 7, 2026 at 9:14 AM ET · MAY 22, 2016 (Capital One
    // writes the month in capitals, mail-formats.md §4.3; only real month names, so "USD 12, 2026" is no date)
    re: new RegExp(
      String.raw`(?:[A-Z][a-z]{2},?\s+)?([A-Z][a-z]{2,8}|${UPPER_MONTH})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s*(?:at\s*)?${TIME})?${ZONE}`,
    ),
    read: (m) => [Number(m[3]), monthNumber(m[1] ?? '') ?? 0, Number(m[2]), m, 4],
  },
  {
    // 08/14/2026 09:14 AM PT (US order: month first)
    re: new RegExp(String.raw`\b(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*(?:at\s*)?${TIME})?${ZONE}`),
    read: (m) => [Number(m[3]), Number(m[1]), Number(m[2]), m, 4],
  },
];

/**
 * Parses the first date in `text`. `defaultZone` is what the sender means when it names no zone: an IANA zone,
 * or a fixed offset in minutes east of UTC (a forwarded block's "GMT+5:30", the forwarding mail's own offset).
 */
export function parseBodyDate(text: string, defaultZone: string | number): BodyDate | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const [y, mo, d, tm, i] = p.read(m);
    if (!mo) continue;
    const hh = tm?.[i];
    const hasTime = hh !== undefined;
    const h = hasTime ? hour12(Number(hh), tm?.[i + 3]?.replace('午前', 'am').replace('午後', 'pm')) : 0;
    const mi = hasTime ? Number(tm?.[i + 1]) : 0;
    const s = hasTime ? Number(tm?.[i + 2] ?? 0) : 0;
    const zone = zoneFor(tm?.[i + 4], defaultZone);
    const time =
      typeof zone === 'number'
        ? fromFields(y, mo, d, h, mi, s, zone)
        : fromZonedFields(y, mo, d, h, mi, s, zone);
    if (time) return { time, hasTime };
  }
  return null;
}
