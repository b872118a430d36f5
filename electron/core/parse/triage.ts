/**
 * Header triage: the cheap first look that decides whether a mail needs the full parse. A Google Takeout mbox
 * holds years of mail of which perhaps one in a hundred comes from a sender the rules watch; decoding every
 * body (base64, charsets, HTML) would spend nearly all the import on mail that cannot matter. Triage reads only
 * the header block, decodes From and Subject (RFC 2047), and passes a mail on when its sender claims a watched
 * identity (genuine, look-alike or display name), when it may carry a forwarded notice, or when its headers
 * cannot be read at all (so a broken mail still reaches the parser and is recorded as unparsed).
 */
import { addressParser, decodeWords } from 'postal-mime';
import { claimOf, type VendorIdentity } from '../recognise/identity';

export type Triage = 'candidate' | 'skip';

const MAX_HEADER_BYTES = 256 * 1024;
/** Subjects of forwards in the clients people use, English and Japanese. */
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw|転送|tr|wg)\s*[:：]/i;
/** Markers of a forwarded block, in the clear part of a mail (an attached message/rfc822 counts too). */
const FORWARD_BODY =
  /forwarded message|original message|begin forwarded message|message\/rfc822|転送されたメッセージ/i;

function unfold(headerBlock: string, name: string): string | null {
  const re = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im');
  const m = re.exec(headerBlock);
  return m ? (m[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

export function triage(raw: Uint8Array, identities?: readonly VendorIdentity[]): Triage {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, MAX_HEADER_BYTES)).toString(
    'latin1',
  );
  const end = head.search(/\r?\n\r?\n/);
  if (end <= 0) return 'candidate';
  const block = head.slice(0, end);
  const fromRaw = unfold(block, 'from');
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
  const subject = decodeWords(Buffer.from(unfold(block, 'subject') ?? '', 'latin1').toString('utf8'));
  if (FORWARD_SUBJECT.test(subject)) return 'candidate';
  const body = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 512 * 1024)).toString(
    'latin1',
  );
  if (FORWARD_BODY.test(body)) return 'candidate';
  return 'skip';
}
