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
  let carry: Buffer = Buffer.alloc(0);
  let current: Buffer[] = [];
  let prevBlank = true;
  let n = 0;
  let started = false;
  const flush = function* (): Generator<RawMessage> {
    if (started && current.length > 0) {
      n++;
      yield { raw: Buffer.concat(current), source: `${label}#${n}` };
    }
    current = [];
  };
  const handleLine = function* (line: Buffer): Generator<RawMessage> {
    // line includes its "\n" (except possibly the last line of the file)
    if (!started && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3); // BOM
    const isSep = prevBlank && line.length >= 5 && line.subarray(0, 5).toString('latin1') === 'From ';
    if (isSep) {
      yield* flush();
      started = true;
      prevBlank = false;
      return;
    }
    if (!started) {
      started = true; // tolerate a file that does not start with a separator: treat it as one message
    }
    let l = line;
    if (l[0] === 0x3e /* > */) {
      let i = 0;
      while (l[i] === 0x3e) i++;
      if (l.subarray(i, i + 5).toString('latin1') === 'From ') l = l.subarray(1);
    }
    current.push(l);
    // Byte checks, not a string per line: decoding every line cost ~60% of a 100,000-mail import (BENCHMARKS.md).
    prevBlank =
      l.length === 0 ||
      (l[0] === 0x0a && l.length === 1) ||
      (l[0] === 0x0d && l[1] === 0x0a && l.length === 2);
  };
  for await (const chunk of chunks) {
    let buf: Buffer = carry.length > 0 ? Buffer.concat([carry, Buffer.from(chunk)]) : Buffer.from(chunk);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      yield* handleLine(buf.subarray(start, nl + 1));
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    buf = Buffer.alloc(0);
  }
  if (carry.length > 0) yield* handleLine(carry);
  // The separator's preceding blank line belongs to the format, not the message; leaving it is harmless.
  yield* flush();
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
