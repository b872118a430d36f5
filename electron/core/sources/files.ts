/**
 * Local mail files: one .eml, a folder of them, a Maildir (cur/ and new/, with Maildir++ subfolders), or an mbox
 * (a Google Takeout export is one). Each message is yielded with a source label; reading is streamed so a
 * multi-gigabyte mbox never sits in memory whole.
 */
import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface RawMessage {
  readonly raw: Uint8Array;
  /** Where it came from: a file path, "path#n" for the n-th message of an mbox. */
  readonly source: string;
  /** The message's full size when `raw` is only its first part (an IMAP fetch of a prefix). */
  readonly size?: number;
}

export class SourceError extends Error {
  override readonly name = 'SourceError';
}

/** True when a file starts like an mbox ("From " separator line, RFC 4155), not like a single message. */
export function looksLikeMbox(head: Uint8Array): boolean {
  const s = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 512)).toString('latin1');
  // A UTF-8 byte-order mark decodes to "\xEF\xBB\xBF" in latin1, not U+FEFF.
  return /^From \S+/.test(s.replace(/^\xEF\xBB\xBF/, ''));
}

async function isMaildir(dir: string): Promise<boolean> {
  const [cur, nw] = await Promise.all(
    ['cur', 'new'].map((d) =>
      stat(path.join(dir, d)).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ),
  );
  return Boolean(cur || nw);
}

/**
 * Splits an mbox byte stream into messages. A separator is a line beginning "From " at the start of the file
 * or after an empty line (RFC 4155 §2; requiring the blank line keeps a body line that starts "From " in an
 * mboxo file inside its message). Lines ">From ", ">>From " are un-escaped by one level (mboxrd, which Google
 * Takeout writes).
 */
export async function* splitMbox(
  chunks: AsyncIterable<Uint8Array>,
  label: string,
): AsyncGenerator<RawMessage> {
  // Lines are found with Buffer#indexOf and judged by their first bytes, and a message is handed on as slices of
  // the chunk it lies in: no string and no Buffer per line. A 100,000-mail Takeout file has ~9 million lines,
  // and one object per line was most of the split's time (BENCHMARKS.md, recognition).
  let carry: Buffer = Buffer.alloc(0);
  let current: Buffer[] = [];
  let prevBlank = true;
  let n = 0;
  let started = false;
  let first = true;
  const flush = function* (): Generator<RawMessage> {
    if (started && current.length > 0) {
      n++;
      // A copy: a slice would keep its whole 1 MB chunk alive for as long as the message is held.
      yield { raw: Buffer.concat(current), source: `${label}#${n}` };
    }
    current = [];
  };
  for await (const chunk of chunks) {
    const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
    let start = 0;
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3; // a BOM before the first separator
    }
    // The bytes of the current message not yet put in `current`: buf[seg .. start).
    let seg = start;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      const line = start;
      start = nl + 1;
      if (prevBlank && isFromAt(buf, line, start)) {
        if (line > seg) current.push(buf.subarray(seg, line));
        yield* flush();
        started = true;
        prevBlank = false;
        seg = start;
        continue;
      }
      started = true; // a file that does not start with a separator is one message
      if (buf[line] === 0x3e && escapedFrom(buf, line, start)) {
        if (line > seg) current.push(buf.subarray(seg, line));
        seg = line + 1; // drop one ">"
      }
      const len = start - line;
      prevBlank = len === 1 || (len === 2 && buf[line] === 0x0d);
    }
    if (start > seg) current.push(buf.subarray(seg, start));
    carry = Buffer.from(buf.subarray(start)); // an unfinished line: a copy, so the chunk can be freed
  }
  if (carry.length > 0) {
    // The last line, without a newline.
    if (prevBlank && isFromAt(carry, 0, carry.length)) {
      yield* flush();
      started = true;
    } else {
      started = true;
      current.push(carry[0] === 0x3e && escapedFrom(carry, 0, carry.length) ? carry.subarray(1) : carry);
    }
  }
  // The separator's preceding blank line belongs to the format, not the message; leaving it is harmless.
  yield* flush();
}

/** "From " at buf[i..], inside the line that ends before `end`. */
function isFromAt(buf: Buffer, i: number, end: number): boolean {
  return (
    i + 4 < end &&
    buf[i] === 0x46 &&
    buf[i + 1] === 0x72 &&
    buf[i + 2] === 0x6f &&
    buf[i + 3] === 0x6d &&
    buf[i + 4] === 0x20
  );
}

/** ">From ", ">>From " …: an mboxrd-escaped "From " line (un-escaped by one ">"). */
function escapedFrom(buf: Buffer, line: number, end: number): boolean {
  let i = line;
  while (i < end && buf[i] === 0x3e) i++;
  return isFromAt(buf, i, end);
}

async function* fileMessages(file: string): AsyncGenerator<RawMessage> {
  const fh = createReadStream(file, { start: 0, end: 511 });
  const head: Buffer[] = [];
  for await (const c of fh) head.push(c as Buffer);
  if (looksLikeMbox(Buffer.concat(head))) {
    yield* splitMbox(createReadStream(file, { highWaterMark: 1 << 20 }), file);
  } else {
    yield { raw: await readFile(file), source: file };
  }
}

async function* walk(dir: string): AsyncGenerator<RawMessage> {
  if (await isMaildir(dir)) {
    for (const sub of ['new', 'cur']) {
      const d = path.join(dir, sub);
      const names = await readdir(d).catch(() => [] as string[]);
      for (const name of names.sort()) {
        if (name.startsWith('.')) continue;
        const f = path.join(d, name);
        if ((await stat(f)).isFile()) yield { raw: await readFile(f), source: f };
      }
    }
  }
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (['cur', 'new', 'tmp'].includes(e.name) && (await isMaildir(dir))) continue;
      yield* walk(p);
    } else if (e.isFile() && /\.(eml|mbox)$/i.test(e.name)) {
      yield* fileMessages(p);
    }
  }
}

/** Checks a path can be read before anything is imported, so a typo fails fast with one line. */
export async function checkReadable(p: string): Promise<void> {
  let s;
  try {
    s = await stat(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SourceError(
      `cannot read ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? String(err))}`,
    );
  }
  if (!s.isFile() && !s.isDirectory()) throw new SourceError(`cannot read ${p}: not a file or directory`);
  try {
    if (s.isDirectory()) await readdir(p);
    else await access(p, constants.R_OK);
  } catch (err) {
    throw new SourceError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export async function* readMailPath(p: string): AsyncGenerator<RawMessage> {
  const s = await stat(p);
  if (s.isDirectory()) yield* walk(p);
  else yield* fileMessages(p);
}

/** Messages in an uploaded file (the window's import): an mbox or a single message. */
export async function* bufferMessages(data: Uint8Array, name: string): AsyncGenerator<RawMessage> {
  if (looksLikeMbox(data)) {
    yield* splitMbox(
      (async function* () {
        yield data;
      })(),
      name,
    );
  } else {
    yield { raw: data, source: name };
  }
}
