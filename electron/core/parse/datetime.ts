/**
 * Times in Mimamori keep the offset they were written with: a Japanese bank's "2026/04/21 10:02" is JST, and
 * the timeline must say 10:02, not 01:02Z. Internally we carry { ms, offsetMinutes } and print ISO 8601.
 */

export interface ZonedTime {
  /** Epoch milliseconds. */
  readonly ms: number;
  /** Offset from UTC in minutes at that instant (+540 for JST). */
  readonly offsetMinutes: number;
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

export function toIso(t: ZonedTime): string {
  const local = new Date(t.ms + t.offsetMinutes * 60_000);
  const sign = t.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(t.offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

/** Reads back what toIso printed (or any ISO 8601 string with an offset or Z). */
export function fromIso(iso: string): ZonedTime | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  const offsetMinutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return { ms, offsetMinutes };
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

/** RFC 5322 §4.3 obsolete zone names, plus JST which Japanese mailers still write. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  UTC: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  JST: 540,
};

/**
 * Builds an instant from wall-clock fields in a fixed offset. Returns null for impossible dates (Feb 30)
 * rather than letting Date roll them over into March.
 */
export function fromFields(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMinutes: number,
): ZonedTime | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59));
  const check = new Date(utc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return { ms: utc - offsetMinutes * 60_000, offsetMinutes };
}

/**
 * The offset of an IANA zone at a wall-clock time, through the ICU data Node and browsers carry. Used for
 * US notices that print "ET" or "PT" and mean whichever of standard or daylight time applied that day.
 */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

export function fromZonedFields(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): ZonedTime | null {
  const guess = fromFields(y, mo, d, h, mi, s, 0);
  if (!guess) return null;
  // Two passes settle the offset across a DST change, as the wall time itself decides it.
  let off = zoneOffsetMinutes(timeZone, guess.ms);
  off = zoneOffsetMinutes(timeZone, guess.ms - off * 60_000);
  return fromFields(y, mo, d, h, mi, s, off);
}

/**
 * Parses an RFC 5322 §3.3 date-time ("Tue, 21 Apr 2026 10:02:00 +0900"), keeping its offset. Tolerates what
 * real mailers write: missing weekday or seconds, two-digit years (§4.3), zone names, "(JST)" comments.
 */
export function parseRfc5322Date(value: string): ZonedTime | null {
  // [^()] keeps this linear: with [^)] a header of many unclosed "(" rescans the rest from every one of them.
  const v = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m =
    /^(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(
      v,
    );
  if (!m) return null;
  const [, dd, mon, yy, hh, mi, ss, zone] = m;
  const month = monthNumber(mon ?? '');
  if (!month) return null;
  let year = Number(yy);
  if ((yy ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((yy ?? '').length === 3) year += 1900;
  let offset = 0;
  if (zone && /^[+-]\d{4}$/.test(zone)) {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    // An impossible offset ("+9999") is treated like an unknown zone (§4.3: as -0000) rather than printed as
    // "+100:39", which no ISO 8601 reader accepts. "+ 0" turns "-0000" into 0, not -0.
    if (hours <= 23 && minutes <= 59) offset = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) + 0;
  } else if (zone) {
    offset = ZONE_NAMES[zone.toUpperCase()] ?? 0;
  }
  return fromFields(year, month, Number(dd), Number(hh), Number(mi), Number(ss ?? 0), offset);
}
