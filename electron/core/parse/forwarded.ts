/**
 * Forwarded mail: people forward a bank's notice to themselves, or to a family member who runs Mimamori, and the
 * original sender, subject and date then live in the body (kake-bo's ParseUtil.parseForwarded recovers them
 * for the same reason; mail-formats.md §7 shows Gmail's block on a real forwarded Amex mail). We recover the
 * header block of the common clients and hand the rest of the body on as the original's text. A forwarded
 * notice can never be verified: the forwarder's provider checked the forwarder, not the original sender.
 */
import { parseRfc5322Date, type ZonedTime } from './datetime';
import { parseBodyDate } from './bodydate';
import { escapeRe } from '../recognise/extract';

export interface ForwardedMail {
  readonly fromAddress: string;
  readonly fromName: string;
  readonly subject: string;
  readonly date: ZonedTime | null;
  /** The original's body: everything after the header block. */
  readonly text: string;
}

/**
 * The words of the separator lines that open a forwarded block, in the clients' own words (English and
 * Japanese): "---------- Forwarded message ---------", "-----Original Message-----". triage.ts looks for the same
 * words in a mail's raw bytes, from this list, so the two cannot drift apart.
 */
export const FORWARD_SEPARATOR_WORDS: readonly string[] = [
  'Forwarded message',
  'Original Message',
  '転送されたメッセージ',
  '転送メッセージ',
  '元のメッセージ',
];
/** The words of an opener on a line of its own, followed by a colon: "Begin forwarded message:" (Apple Mail). */
export const FORWARD_INTRO_WORDS: readonly string[] = [
  'Begin forwarded message',
  '転送されたメッセージ',
  '転送メッセージ',
];

const anyOf = (words: readonly string[]): string => words.map(escapeRe).join('|');

/** Separator lines that open a forwarded block. */
const OPENERS = [
  new RegExp(String.raw`^-{3,}\s*(?:${anyOf(FORWARD_SEPARATOR_WORDS)})\s*-{3,}\s*$`, 'im'),
  new RegExp(String.raw`^(?:${anyOf(FORWARD_INTRO_WORDS)})\s*:\s*$`, 'im'),
  // Outlook's rule line before a quoted header block.
  /^_{20,}\s*$/m,
];

const KEYS: ReadonlyArray<readonly [RegExp, 'from' | 'date' | 'subject' | 'other']> = [
  [/^(?:from|差出人|送信者)$/i, 'from'],
  [/^(?:date|sent|日付|日時|送信日時)$/i, 'date'],
  [/^(?:subject|件名)$/i, 'subject'],
  [/^(?:to|cc|宛先|reply-to)$/i, 'other'],
];

function address(value: string): { name: string; address: string } | null {
  const angle = /^\s*"?([^"<[]*?)"?\s*[<[](?:mailto:)?([^\s<>[\]]+@[^\s<>[\]]+)[>\]]\s*$/i.exec(value);
  if (angle) return { name: (angle[1] ?? '').trim(), address: (angle[2] ?? '').toLowerCase() };
  const bare = /([^\s<>"]+@[^\s<>"]+)/.exec(value);
  return bare ? { name: '', address: (bare[1] ?? '').toLowerCase() } : null;
}

/** A zone written as an offset from GMT at the end of a date (Apple Mail): "GMT+9", "GMT-04:00", "UTC+5:30". */
const GMT_OFFSET = /(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$/i;
/**
 * The zone that ends an RFC 5322 date, comments aside: a numeric offset or one of the names datetime.ts knows.
 * Without one ("21 April 2026 10:02 PM") parseRfc5322Date would read the time as UTC, or "PM" as a zone.
 */
const RFC_ZONE = /:\d{2}\s*(?:[+-]\d{4}|UTC?|GMT|Z|[ECMP][SD]T|JST)\s*(?:\([^()]*\)\s*)*$/i;

/**
 * Dates as clients print them in a forwarded block. Gmail writes the forwarder's local time without a zone
 * ("Tue, Apr 21, 2026 at 10:02 AM", "2026年4月21日(火) 10:02"): that zone is the forwarding mail's own offset.
 * Apple writes "April 21, 2026 at 10:02:11 GMT+9"; Thunderbird copies the Date header ("Tue, 21 Apr 2026
 * 10:02:00 +0900").
 */
export function parseForwardedDate(value: string, fallbackOffsetMinutes: number): ZonedTime | null {
  const v = value.trim();
  const gmt = GMT_OFFSET.exec(v);
  if (gmt) {
    // The body-date parser reads the text before "GMT": given "GMT" it would take the time as UTC and drop the +9.
    const offset = (gmt[1] === '-' ? -1 : 1) * (Number(gmt[2]) * 60 + Number(gmt[3] ?? 0));
    return parseBodyDate(v.slice(0, gmt.index), offset)?.time ?? null;
  }
  if (RFC_ZONE.test(v)) {
    const rfc = parseRfc5322Date(v);
    if (rfc) return rfc;
  }
  // Other shapes (Sun, Sep 27, 2026 at 6:12 PM · 2026/04/21 10:02 · 2026年4月21日 10:02 · 08/14/2026 …) through
  // the body-date parser, in the forwarding mail's offset unless the text names a zone.
  return parseBodyDate(v, fallbackOffsetMinutes)?.time ?? null;
}

/** Finds the first forwarded block in NFKC-normalised text, or null. */
export function findForwarded(text: string, fallbackOffsetMinutes: number): ForwardedMail | null {
  let start = -1;
  let headerAt = -1;
  for (const re of OPENERS) {
    const m = re.exec(text);
    if (m && (start === -1 || m.index < start)) {
      start = m.index;
      headerAt = m.index + m[0].length;
    }
  }
  if (start === -1) return null;
  const lines = text.slice(headerAt).split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const fields: Partial<Record<'from' | 'date' | 'subject', string>> = {};
  let seen = 0;
  let last: 'from' | 'date' | 'subject' | 'other' | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') break;
    const m = /^\s*\*?([^:*]{1,12})\*?\s*:\s*(.*)$/.exec(line);
    const key = m ? KEYS.find(([re]) => re.test((m[1] ?? '').trim()))?.[1] : undefined;
    if (m && key) {
      seen++;
      last = key;
      if (key !== 'other' && fields[key] === undefined) fields[key] = (m[2] ?? '').trim();
    } else if (last && last !== 'other' && /^\s+\S/.test(line)) {
      // A folded header value continues on an indented line.
      fields[last] = `${fields[last] ?? ''} ${line.trim()}`;
    } else if (seen === 0) {
      return null;
    } else {
      break;
    }
  }
  const from = fields.from ? address(fields.from) : null;
  if (!from || seen < 2) return null;
  return {
    fromAddress: from.address,
    fromName: from.name,
    subject: fields.subject ?? '',
    date: fields.date ? parseForwardedDate(fields.date, fallbackOffsetMinutes) : null,
    text: lines.slice(i).join('\n').trim(),
  };
}
