/**
 * MIME decoding with postal-mime (the maintained successor the mailparser README points to). It decodes
 * RFC 2047 words, quoted-printable and base64, and charsets through TextDecoder, whose ICU data covers
 * ISO-2022-JP and Shift_JIS/CP932 (iconv-lite does not have ISO-2022-JP; machine-notes.md).
 */
import { createHash } from 'node:crypto';
import PostalMime, { type Address } from 'postal-mime';
import { parseRfc5322Date, type ZonedTime } from './datetime';
import { htmlToText } from './html';
import { normalise, normaliseLine } from './normalise';

/**
 * Notices are a few kilobytes; a candidate that is megabytes long is an attachment carrier. Parsing only its
 * first part bounds the cost of a hostile 50 MB message while still reading its headers and text.
 */
export const MAX_PARSE_BYTES = 4 * 1024 * 1024;

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

export interface ParsedMail {
  /** Message-ID without angle brackets, or null. */
  readonly messageId: string | null;
  readonly from: MailAddress | null;
  readonly replyTo: readonly MailAddress[];
  readonly returnPath: string | null;
  /** Decoded subject as written (not normalised), for display. */
  readonly subject: string;
  readonly dateHeader: string | null;
  readonly date: ZonedTime | null;
  /** Every header in order, topmost first, names lower-cased. */
  readonly headers: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** Normalised subject and body text: what rules match against. */
  readonly normSubject: string;
  readonly normText: string;
  /** Body text as decoded, before normalisation (for forwarded-mail recovery and display). */
  readonly text: string;
  readonly html: string | null;
  readonly links: readonly string[];
  readonly size: number;
  readonly truncated: boolean;
  /** Stable identity for de-duplication across sources (INBOX and All Mail, a file imported twice). */
  readonly dedupeKey: string;
  /** A message attached whole (message/rfc822), as "forward as attachment" sends it; parsed one level deep. */
  readonly attached: ParsedMail | null;
}

export class UnparseableMailError extends Error {
  override readonly name = 'UnparseableMailError';
}

function firstMailbox(a: Address | undefined): MailAddress | null {
  if (!a) return null;
  if (a.address !== undefined) return { name: a.name ?? '', address: a.address.toLowerCase() };
  const g = a.group?.[0];
  return g ? { name: g.name ?? '', address: g.address.toLowerCase() } : null;
}

function mailboxes(list: Address[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const a of list ?? []) {
    if (a.address !== undefined) out.push({ name: a.name ?? '', address: a.address.toLowerCase() });
    else for (const g of a.group ?? []) out.push({ name: g.name ?? '', address: g.address.toLowerCase() });
  }
  return out;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'）」】]+/g;
const TEXT_PLAIN_PART = /content-type:\s*text\/plain/i;

function hasPlainPart(bytes: Uint8Array): boolean {
  // Decoding as latin1 keeps byte offsets and never throws; only ASCII header names are searched.
  return TEXT_PLAIN_PART.test(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  );
}

/**
 * `declaredSize` is the message's real size when `raw` is only its first part (an IMAP fetch of a prefix:
 * the rest of a 50 MB message is never downloaded).
 */
export async function parseMail(raw: Uint8Array, declaredSize?: number, depth = 0): Promise<ParsedMail> {
  const size = Math.max(raw.byteLength, declaredSize ?? 0);
  const bytes = raw.byteLength > MAX_PARSE_BYTES ? raw.subarray(0, MAX_PARSE_BYTES) : raw;
  const truncated = size > bytes.byteLength;
  let email;
  try {
    email = await PostalMime.parse(bytes, {
      attachmentEncoding: 'arraybuffer',
      forceRfc822Attachments: true,
    });
  } catch (err) {
    throw new UnparseableMailError(`MIME parse failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const headers = email.headers.map((h) => ({ key: h.key.toLowerCase(), value: h.value }));
  if (
    headers.length === 0 ||
    !headers.some((h) => h.key === 'from' || h.key === 'subject' || h.key === 'date')
  ) {
    throw new UnparseableMailError('no From, Subject or Date header: not a mail message');
  }
  const dateHeader = headers.find((h) => h.key === 'date')?.value ?? null;
  const date = dateHeader ? parseRfc5322Date(dateHeader) : null;
  const html = email.html ?? null;
  let text = email.text ?? '';
  const links: string[] = [];
  if (html !== null) {
    const converted = htmlToText(html);
    links.push(...converted.links);
    // postal-mime derives a text body from HTML-only mail itself; ours keeps table cells apart.
    if (!text || !hasPlainPart(bytes)) text = converted.text;
  }
  for (const m of text.matchAll(URL_IN_TEXT)) links.push(m[0]);
  const subject = email.subject ?? '';
  const messageId = email.messageId ? email.messageId.trim().replace(/^<|>$/g, '') || null : null;
  const from = firstMailbox(email.from);
  const dedupeKey = createHash('sha256')
    .update([messageId ?? '', dateHeader ?? '', from?.address ?? '', subject].join('\n'))
    .update(messageId ? '' : text)
    .digest('hex');
  let attached: ParsedMail | null = null;
  const inner =
    depth === 0 ? email.attachments.find((a) => a.mimeType.toLowerCase() === 'message/rfc822') : undefined;
  if (inner && typeof inner.content !== 'string') {
    const content = inner.content instanceof ArrayBuffer ? new Uint8Array(inner.content) : inner.content;
    attached = await parseMail(content, undefined, depth + 1).catch(() => null);
  }
  return {
    attached,
    messageId,
    from,
    replyTo: mailboxes(email.replyTo),
    returnPath: email.returnPath ? email.returnPath.replace(/^<|>$/g, '').toLowerCase() : null,
    subject,
    dateHeader,
    date,
    headers,
    normSubject: normaliseLine(subject),
    normText: normalise(text),
    text,
    html,
    links: [...new Set(links)],
    size,
    truncated,
    dedupeKey,
  };
}

export function header(mail: Pick<ParsedMail, 'headers'>, name: string): string | undefined {
  const key = name.toLowerCase();
  return mail.headers.find((h) => h.key === key)?.value;
}

export function headersNamed(mail: Pick<ParsedMail, 'headers'>, name: string): string[] {
  const key = name.toLowerCase();
  return mail.headers.filter((h) => h.key === key).map((h) => h.value);
}
