/**
 * Forwarded mail: people forward a bank's notice to themselves, or to a family member who runs Mimamori, and the
 * original sender, subject and date then live in the body (kake-bo's ParseUtil.parseForwarded recovers them
 * for the same reason; mail-formats.md §7 shows Gmail's block on a real forwarded Amex mail). We recover the
 * header block of the common clients and hand the rest of the body on as the original's text. A forwarded
 * notice can never be verified: the forwarder's provider checked the forwarder, not the original sender.
 */
import { fromFields, monthNumber, type ZonedTime } from './datetime';
import { parseBodyDate } from './bodydate';

export interface ForwardedMail {
  readonly fromAddress: string;
  readonly fromName: string;
  readonly subject: string;
  readonly date: ZonedTime | null;
  /** The original's body: everything after the header block. */
  readonly text: string;
}

/** Separator lines that open a forwarded block, in the clients' own words (English and Japanese). */
const OPENERS = [
  /^-{3,}\s*(?:Forwarded message|Original Message|転送されたメッセージ|転送メッセージ|元のメッセージ)\s*-{3,}\s*$/im,
  /^(?:Begin forwarded message|転送されたメッセージ|転送メッセージ)\s*:\s*$/im,
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

/**
 * Dates as clients print them in a forwarded block. Gmail writes the forwarder's local time without a zone
 * ("Tue, Apr 21, 2026 at 10:02 AM", "2026年4月21日(火) 10:02"): that zone is the forwarding mail's own offset.
 * Apple writes "April 21, 2026 at 10:02:11 GMT+9".
 */
export function parseForwardedDate(value: string, fallbackOffsetMinutes: number): ZonedTime | null {
  const v = value.trim();
  const gmt = /(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$/i.exec(v);
  let offset = fallbackOffsetMinutes;
  if (gmt) offset = (gmt[1] === '-' ? -1 : 1) * (Number(gmt[2]) * 60 + Number(gmt[3] ?? 0));
  const longEn =
    /([A-Z][a-z]+)\.?\s+(\d{1,2}),\s+(\d{4})(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?/.exec(
      v,
    );
  if (longEn) {
    const mo = monthNumber(longEn[1] ?? '');
    if (mo) {
      let h = Number(longEn[4] ?? 0);
      const pm = /pm/i.test(longEn[7] ?? '');
      if (longEn[7]) h = (h % 12) + (pm ? 12 : 0);
      return fromFields(
        Number(longEn[3]),
        mo,
        Number(longEn[2]),
        h,
        Number(longEn[5] ?? 0),
        Number(longEn[6] ?? 0),
        offset,
      );
    }
  }
  // Other shapes (2026/04/21 10:02, 2026年4月21日 10:02, 08/14/2026 …) through the body-date parser, in the
  // fixed offset: Etc/GMT-9 is UTC+9 (POSIX signs are inverted).
  if (offset % 60 === 0 && Math.abs(offset) <= 14 * 60) {
    const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset / 60)}`;
    const d = parseBodyDate(v, zone);
    if (d) return d.time;
  }
  return null;
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
