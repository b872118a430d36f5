/**
 * Header triage: the cheap first look that decides whether a mail needs the full parse. A Google Takeout mbox
 * holds years of mail of which perhaps one in a hundred comes from a sender the rules watch; decoding every
 * body (base64, charsets, HTML) would spend nearly all the import on mail that cannot matter. Triage reads only
 * the header block, decodes From and Subject (RFC 2047), and passes a mail on when its sender claims a watched
 * identity (genuine, look-alike or display name), when it may carry a forwarded notice, or when its headers
 * cannot be read at all (so a broken mail still reaches the parser and is recorded as unparsed).
 */
import { addressParser, decodeWords } from 'postal-mime';
import { escapeRe } from '../recognise/extract';
import { claimOf, type VendorIdentity } from '../recognise/identity';
import { FORWARD_INTRO_WORDS, FORWARD_SEPARATOR_WORDS } from './forwarded';

export type Triage = 'candidate' | 'skip';

const MAX_HEADER_BYTES = 256 * 1024;
const MAX_BODY_BYTES = 512 * 1024;
/** Subjects of forwards in the clients people use, English and Japanese. */
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw|転送|tr|wg)\s*[:：]/i;

/**
 * Markers of a forwarded block (forwarded.ts's openers, one list for both), in the clear part of a mail; an
 * attached message/rfc822 counts too. The mail is read as latin1, one character per byte, so a Japanese marker
 * is looked for as its UTF-8 bytes read the same way. Case is ignored for the English words; that this also
 * folds the latin1 letters of the Japanese bytes can only pass on a mail more, never skip one. A body in base64
 * or another charset is not seen here: its subject usually says it is a forward.
 */
const FORWARD_BODY = new RegExp(
  [...new Set([...FORWARD_SEPARATOR_WORDS, ...FORWARD_INTRO_WORDS]), 'message/rfc822']
    .map((w) => escapeRe(Buffer.from(w, 'utf8').toString('latin1')))
    .join('|'),
  'i',
);

/** A header field with its folded continuation lines, in a latin1 header block. */
const FROM_FIELD = /^from:[ \t]*(.*(?:\r?\n[ \t].*)*)/im;
const SUBJECT_FIELD = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im;

function unfold(headerBlock: string, field: RegExp): string | null {
  const m = field.exec(headerBlock);
  return m ? (m[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

export function triage(raw: Uint8Array, identities?: readonly VendorIdentity[]): Triage {
  // Decoded once: the header block is looked for in the first 256 KB, forward markers in the first 512 KB.
  const lead = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, MAX_BODY_BYTES)).toString(
    'latin1',
  );
  const head = lead.slice(0, MAX_HEADER_BYTES);
  const end = head.search(/\r?\n\r?\n/);
  if (end <= 0) return 'candidate';
  const block = head.slice(0, end);
  const fromRaw = unfold(block, FROM_FIELD);
  if (fromRaw === null) return 'candidate';
  let name = '';
  let address = '';
  try {
    // latin1 keeps raw 8-bit bytes; encoded words decode to their charset.
    const decoded = decodeWords(Buffer.from(fromRaw, 'latin1').toString('utf8'));
    const parsed = addressParser(decoded, { flatten: true })[0];
    name = parsed?.name ?? '';
    address = parsed && 'address' in parsed ? (parsed.address ?? '') : '';
  } catch {
    return 'candidate';
  }
  if (!address) return 'candidate';
  if (claimOf(address, name, identities) !== null) return 'candidate';
  const subject = decodeWords(Buffer.from(unfold(block, SUBJECT_FIELD) ?? '', 'latin1').toString('utf8'));
  if (FORWARD_SUBJECT.test(subject)) return 'candidate';
  if (FORWARD_BODY.test(lead)) return 'candidate';
  return 'skip';
}
