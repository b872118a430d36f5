/**
 * Builds RFC 5322 messages for tests, fixtures and benchmarks in the encodings real Japanese and English notices
 * use: UTF-8 (8bit, base64, quoted-printable), ISO-2022-JP (7bit, RFC 1468) and Shift_JIS/CP932, with RFC 2047
 * encoded-word subjects and display names. Encoding goes through encoding-japanese-free code paths: Node's
 * TextDecoder can decode ISO-2022-JP but not encode it, so the encoder here is our own (JIS X 0208 via a
 * reverse table built from TextDecoder at first use).
 */

export type Charset = 'utf-8' | 'iso-2022-jp' | 'shift_jis';
export type TransferEncoding = '8bit' | '7bit' | 'base64' | 'quoted-printable';

export interface MailSpec {
  readonly from: string;
  readonly to?: string;
  readonly subject: string;
  /** RFC 5322 date, e.g. "Tue, 21 Apr 2026 10:02:00 +0900". */
  readonly date?: string;
  readonly messageId?: string;
  readonly text?: string;
  readonly html?: string;
  readonly charset?: Charset;
  readonly encoding?: TransferEncoding;
  /** Extra headers placed above From (Authentication-Results, Received…), topmost first. */
  readonly headers?: readonly string[];
  readonly replyTo?: string;
}

let sjisTable: Map<string, number[]> | null = null;
let jisTable: Map<string, number[]> | null = null;

/** Reverse tables: every two-byte code decoded once, mapped back from its character. */
function tables(): { sjis: Map<string, number[]>; jis: Map<string, number[]> } {
  if (sjisTable && jisTable) return { sjis: sjisTable, jis: jisTable };
  const sjis = new Map<string, number[]>();
  const dec = new TextDecoder('shift_jis');
  for (let hi = 0x81; hi <= 0xfc; hi++) {
    if (hi >= 0xa0 && hi <= 0xdf) continue;
    for (let lo = 0x40; lo <= 0xfc; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !sjis.has(ch)) sjis.set(ch, [hi, lo]);
    }
  }
  for (let b = 0xa1; b <= 0xdf; b++) sjis.set(dec.decode(new Uint8Array([b])), [b]);
  const jis = new Map<string, number[]>();
  const jdec = new TextDecoder('iso-2022-jp');
  for (let a = 0x21; a <= 0x7e; a++) {
    for (let b = 0x21; b <= 0x7e; b++) {
      const ch = jdec.decode(new Uint8Array([0x1b, 0x24, 0x42, a, b, 0x1b, 0x28, 0x42]));
      if (ch.length === 1 && ch !== '\ufffd' && !jis.has(ch)) jis.set(ch, [a, b]);
    }
  }
  sjisTable = sjis;
  jisTable = jis;
  return { sjis, jis };
}

export function encodeCharset(text: string, charset: Charset): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const { sjis, jis } = tables();
  const out: number[] = [];
  if (charset === 'shift_jis') {
    for (const ch of text) {
      const c = ch.codePointAt(0) ?? 0;
      if (c < 0x80) out.push(c);
      else {
        const bytes = sjis.get(ch);
        if (!bytes) throw new Error(`cannot encode ${ch} in Shift_JIS`);
        out.push(...bytes);
      }
    }
    return Buffer.from(out);
  }
  // ISO-2022-JP: ESC $ B into JIS X 0208, ESC ( B back to ASCII before every line end (RFC 1468).
  let inJis = false;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      if (inJis) out.push(0x1b, 0x28, 0x42);
      inJis = false;
      out.push(c);
    } else {
      let bytes = jis.get(ch);
      if (!bytes) {
        // Half-width katakana are not in ISO-2022-JP: mailers widen them (NFKC does the same).
        bytes = jis.get(ch.normalize('NFKC'));
      }
      if (!bytes) throw new Error(`cannot encode ${ch} in ISO-2022-JP`);
      if (!inJis) out.push(0x1b, 0x24, 0x42);
      inJis = true;
      out.push(...bytes);
    }
  }
  if (inJis) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

const needsEncoding = (s: string): boolean => /[^\x20-\x7e]/.test(s);

/** RFC 2047 B-encoding, split so each encoded word stays within 75 characters and never splits a character. */
export function encodeWords(s: string, charset: Charset): string {
  if (!needsEncoding(s)) return s;
  const label = charset === 'utf-8' ? 'UTF-8' : charset === 'shift_jis' ? 'Shift_JIS' : 'ISO-2022-JP';
  const words: string[] = [];
  let chunk = '';
  for (const ch of s) {
    const candidate = chunk + ch;
    if (Buffer.byteLength(encodeCharset(candidate, charset).toString('base64')) > 60 && chunk) {
      words.push(chunk);
      chunk = ch;
    } else chunk = candidate;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?${label}?B?${encodeCharset(w, charset).toString('base64')}?=`).join('\r\n ');
}

function encodeAddress(addr: string, charset: Charset): string {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(addr);
  if (!m) return addr;
  const name = m[1] ?? '';
  if (!name) return `<${m[2]}>`;
  return `${needsEncoding(name) ? encodeWords(name, charset) : `"${name}"`} <${m[2]}>`;
}

function qp(buf: Buffer): string {
  let line = '';
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i] ?? 0;
    if (b === 0x0a) {
      lines.push(line);
      line = '';
      continue;
    }
    if (b === 0x0d) continue;
    const enc =
      (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + enc.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += enc;
  }
  lines.push(line);
  return lines.map((l) => l.replace(/ $/, '=20')).join('\r\n');
}

function encodeBody(
  text: string,
  charset: Charset,
  encoding: TransferEncoding,
): { body: string | Buffer; cte: string } {
  const bytes = encodeCharset(text.replace(/\r?\n/g, '\n'), charset);
  switch (encoding) {
    case 'base64':
      return { body: (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'), cte: 'base64' };
    case 'quoted-printable':
      return { body: qp(bytes), cte: 'quoted-printable' };
    default:
      return { body: Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'), cte: encoding };
  }
}

function ctCharset(c: Charset): string {
  return c === 'utf-8' ? 'UTF-8' : c === 'shift_jis' ? 'Shift_JIS' : 'ISO-2022-JP';
}

export function buildMail(spec: MailSpec): Buffer {
  const charset = spec.charset ?? 'utf-8';
  const encoding = spec.encoding ?? (charset === 'iso-2022-jp' ? '7bit' : 'base64');
  const head: string[] = [...(spec.headers ?? [])];
  head.push(`From: ${encodeAddress(spec.from, charset)}`);
  head.push(`To: ${spec.to ?? 'user@example.jp'}`);
  if (spec.replyTo) head.push(`Reply-To: ${spec.replyTo}`);
  head.push(`Subject: ${encodeWords(spec.subject, charset)}`);
  if (spec.date !== undefined) head.push(`Date: ${spec.date}`);
  if (spec.messageId !== undefined) head.push(`Message-ID: <${spec.messageId}>`);
  head.push('MIME-Version: 1.0');
  const parts: (string | Buffer)[] = [];
  if (spec.text !== undefined && spec.html !== undefined) {
    const boundary = '=_mimamori_alt_boundary';
    head.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
    parts.push(head.join('\r\n'), '\r\n\r\n');
    for (const [type, content] of [
      ['text/plain', spec.text],
      ['text/html', spec.html],
    ] as const) {
      const { body, cte } = encodeBody(content, charset, encoding);
      parts.push(
        `--${boundary}\r\nContent-Type: ${type}; charset=${ctCharset(charset)}\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n`,
        body,
        '\r\n',
      );
    }
    parts.push(`--${boundary}--\r\n`);
  } else {
    const isHtml = spec.html !== undefined;
    const { body, cte } = encodeBody(spec.html ?? spec.text ?? '', charset, encoding);
    head.push(`Content-Type: ${isHtml ? 'text/html' : 'text/plain'}; charset=${ctCharset(charset)}`);
    head.push(`Content-Transfer-Encoding: ${cte}`);
    parts.push(head.join('\r\n'), '\r\n\r\n', body, '\r\n');
  }
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

/** A Gmail-style topmost Authentication-Results with DKIM, SPF and DMARC for `domain`. */
export function gmailArh(domain: string, result: 'pass' | 'fail' = 'pass'): string {
  return (
    `Authentication-Results: mx.google.com;\r\n       dkim=${result} header.i=@${domain} header.s=s1 header.b=abcdEFGH;\r\n` +
    `       spf=${result} (google.com: domain of bounce@${domain} designates 192.0.2.1 as permitted sender) smtp.mailfrom=bounce@${domain};\r\n` +
    `       dmarc=${result} (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=${domain}`
  );
}
