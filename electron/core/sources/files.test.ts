import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bufferMessages,
  checkReadable,
  looksLikeMbox,
  readMailPath,
  SourceError,
  splitMbox,
  type RawMessage,
} from './files';

/** The mbox read chunk in fileMessages (highWaterMark 1 << 20). */
const CHUNK = 1 << 20;

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mimamori-files-test-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function collect(gen: AsyncIterable<RawMessage>): Promise<{ source: string; text: string }[]> {
  const out: { source: string; text: string }[] = [];
  for await (const m of gen) out.push({ source: m.source, text: Buffer.from(m.raw).toString('latin1') });
  return out;
}

function write(rel: string, content: string | Uint8Array): string {
  const p = path.join(tmp, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
  return p;
}

const mail = (subject: string, eol = '\n'): string =>
  [`From: a@example.com`, `Subject: ${subject}`, '', `body of ${subject}`, ''].join(eol);

describe('readMailPath', () => {
  it('reads a single .eml as one message with its exact bytes', async () => {
    const p = write('one.eml', mail('one'));
    expect(await collect(readMailPath(p))).toEqual([{ source: p, text: mail('one') }]);
  });

  it('walks a folder tree for .eml files at every depth and ignores other files', async () => {
    write('a.eml', mail('a'));
    write('notes.txt', 'From x@y Thu Jan  1 00:00:00 2026\nnot mail\n');
    write('sub/b.eml', mail('b'));
    write('sub/image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    write('sub/deeper/c.EML', mail('c'));
    write('sub/deeper/d.eml.bak', mail('d'));
    write('sub/deeper/deepest/e.eml', mail('e'));
    expect(await collect(readMailPath(tmp))).toEqual([
      { source: path.join(tmp, 'a.eml'), text: mail('a') },
      { source: path.join(tmp, 'sub/b.eml'), text: mail('b') },
      { source: path.join(tmp, 'sub/deeper/c.EML'), text: mail('c') },
      { source: path.join(tmp, 'sub/deeper/deepest/e.eml'), text: mail('e') },
    ]);
  });

  it('reads a Maildir (new/ and cur/, not tmp/) and its Maildir++ subfolders', async () => {
    write('new/1700000002.M2P1.host', mail('new-2'));
    write('cur/1700000001.M1P1.host:2,S', mail('cur-1'));
    write('cur/1700000003.M3P1.host:2,RS', mail('cur-3'));
    write('tmp/1700000009.M9P1.host', mail('half-delivered'));
    write('dovecot-uidlist', '3 V1 N4\n');
    write('.Junk/cur/1700000004.M4P1.host:2,', mail('junk-4'));
    write('.Junk/new/1700000005.M5P1.host', mail('junk-5'));
    expect(await collect(readMailPath(tmp))).toEqual([
      { source: path.join(tmp, 'new/1700000002.M2P1.host'), text: mail('new-2') },
      { source: path.join(tmp, 'cur/1700000001.M1P1.host:2,S'), text: mail('cur-1') },
      { source: path.join(tmp, 'cur/1700000003.M3P1.host:2,RS'), text: mail('cur-3') },
      { source: path.join(tmp, '.Junk/new/1700000005.M5P1.host'), text: mail('junk-5') },
      { source: path.join(tmp, '.Junk/cur/1700000004.M4P1.host:2,'), text: mail('junk-4') },
    ]);
  });

  it('splits an mbox, keeps an mboxo "From " body line in its message and un-escapes mboxrd', async () => {
    const one = [
      'From: a@example.com',
      'Subject: one',
      '',
      'Hello',
      'From here we go',
      '>From the escaped line',
      '>>From a twice-escaped line',
      '>Fromage is not a From line',
      '> From quoted reply',
      '',
    ].join('\n');
    const p = write(
      'box.mbox',
      [
        'From alice@example.com Thu Jan  1 00:00:00 2026',
        one,
        'From bob@example.com Thu Jan  1 00:01:00 2026',
        mail('two'),
        'From carol@example.com Thu Jan  1 00:02:00 2026',
        'Subject: three\n\nlast line, no newline',
      ].join('\n'),
    );
    const got = await collect(readMailPath(p));
    expect(got.map((m) => m.source)).toEqual([`${p}#1`, `${p}#2`, `${p}#3`]);
    // The blank line before the next separator stays with the message it ends.
    expect(got[0]?.text).toBe(
      [
        'From: a@example.com',
        'Subject: one',
        '',
        'Hello',
        'From here we go',
        'From the escaped line',
        '>From a twice-escaped line',
        '>Fromage is not a From line',
        '> From quoted reply',
        '',
        '',
      ].join('\n'),
    );
    expect(got[1]?.text).toBe(`${mail('two')}\n`);
    expect(got[2]?.text).toBe('Subject: three\n\nlast line, no newline');
  });

  it('splits a CRLF mbox and keeps the CRLF line endings', async () => {
    const p = write(
      'crlf.mbox',
      [
        'From alice@example.com Thu Jan  1 00:00:00 2026',
        'Subject: one',
        '',
        'first',
        'From here, still one',
        '>From escaped',
        '',
        'From bob@example.com Thu Jan  1 00:01:00 2026',
        'Subject: two',
        '',
        'second',
        '',
      ].join('\r\n'),
    );
    expect(await collect(readMailPath(p))).toEqual([
      {
        source: `${p}#1`,
        text: 'Subject: one\r\n\r\nfirst\r\nFrom here, still one\r\nFrom escaped\r\n\r\n',
      },
      { source: `${p}#2`, text: 'Subject: two\r\n\r\nsecond\r\n' },
    ]);
  });

  it('splits an mbox with a UTF-8 byte-order mark', async () => {
    const p = write(
      'bom.mbox',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`From a@x Thu Jan  1 00:00:00 2026\n${mail('one')}\nFrom b@x Thu Jan  1 00:00:00 2026\n`),
        Buffer.from(mail('two')),
      ]),
    );
    expect(await collect(readMailPath(p))).toEqual([
      { source: `${p}#1`, text: `${mail('one')}\n` },
      { source: `${p}#2`, text: mail('two') },
    ]);
  });

  it('keeps every byte of an mbox bigger than the read chunk, across chunk boundaries', async () => {
    const sep = (n: number): string => `From sender${n}@example.com Thu Jan  1 00:00:00 2026\n`;
    const filler = (bytes: number, ch: string): string => {
      // Lines of 100 bytes, then one shorter line, to land exactly on `bytes`.
      const line = `${ch.repeat(99)}\n`;
      const full = Math.floor(bytes / 100);
      const rest = bytes - full * 100;
      return line.repeat(full) + (rest > 0 ? `${ch.repeat(rest - 1)}\n` : '');
    };
    // Message 2's separator straddles the first chunk boundary; an escaped line straddles the second; a CRLF is
    // split by the third.
    const head1 = 'Subject: m1\n\n';
    const m1 = head1 + filler(CHUNK - 3 - sep(1).length - head1.length - 1, 'a');
    const head2 = 'Subject: m2\n\n';
    const before2 = sep(1).length + m1.length + 1 + sep(2).length + head2.length;
    const escaped = '>From an escaped line across the boundary\n';
    const m2raw = head2 + filler(2 * CHUNK - 5 - before2, 'b') + escaped + filler(4000, 'c');
    const m2 = m2raw.replace('>From an escaped', 'From an escaped');
    const head3 = 'Subject: m3\r\n\r\n';
    const before3 = sep(1).length + m1.length + 1 + sep(2).length + m2raw.length + 1 + sep(3).length;
    const m3 = `${head3}${'d'.repeat(3 * CHUNK - 1 - before3 - head3.length)}\r\nlast\r\n`;
    const m4 = mail('m4');
    const file = [sep(1), m1, '\n', sep(2), m2raw, '\n', sep(3), m3, '\n', sep(4), m4].join('');
    expect(file.indexOf(sep(2))).toBe(CHUNK - 3);
    expect(file.indexOf(escaped)).toBe(2 * CHUNK - 5);
    expect(file.indexOf('\r\nlast')).toBe(3 * CHUNK - 1);
    const p = write('big.mbox', file);

    const got = await collect(readMailPath(p));
    expect(got.map((m) => m.source)).toEqual([`${p}#1`, `${p}#2`, `${p}#3`, `${p}#4`]);
    expect(got[0]?.text === `${m1}\n`).toBe(true);
    expect(got[1]?.text === `${m2}\n`).toBe(true);
    expect(got[2]?.text === `${m3}\n`).toBe(true);
    expect(got[3]?.text).toBe(m4);
    expect(got.reduce((n, m) => n + m.text.length, 0)).toBe(
      file.length - [1, 2, 3, 4].reduce((n, i) => n + sep(i).length, 0) - 1,
    );
  });
});

describe('splitMbox', () => {
  it('gives the same messages whatever the chunk size', async () => {
    const data = Buffer.from(
      [
        'From a@x Thu Jan  1 00:00:00 2026',
        'Subject: one',
        '',
        'x',
        'From here',
        '>>From y',
        '',
        'From b@x Thu Jan  1 00:00:00 2026',
        'Subject: two',
        '',
        'z',
      ].join('\r\n'),
    );
    const chunked = (size: number) =>
      (async function* () {
        for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
      })();
    const whole = await collect(splitMbox(chunked(data.length), 'box'));
    expect(whole).toEqual([
      { source: 'box#1', text: 'Subject: one\r\n\r\nx\r\nFrom here\r\n>From y\r\n\r\n' },
      { source: 'box#2', text: 'Subject: two\r\n\r\nz' },
    ]);
    for (const size of [1, 2, 3, 5, 7, 13])
      expect(await collect(splitMbox(chunked(size), 'box'))).toEqual(whole);
  });
});

describe('bufferMessages', () => {
  it('splits an uploaded mbox', async () => {
    const data = Buffer.from(
      `From a@x Thu Jan  1 00:00:00 2026\n${mail('one')}\nFrom b@x Thu Jan  1 00:00:00 2026\n${mail('two')}`,
    );
    expect(looksLikeMbox(data)).toBe(true);
    expect(await collect(bufferMessages(data, 'upload.mbox'))).toEqual([
      { source: 'upload.mbox#1', text: `${mail('one')}\n` },
      { source: 'upload.mbox#2', text: mail('two') },
    ]);
  });

  it('gives an uploaded single message back whole', async () => {
    const data = Buffer.from(mail('single'));
    expect(looksLikeMbox(data)).toBe(false);
    const got: RawMessage[] = [];
    for await (const m of bufferMessages(data, 'single.eml')) got.push(m);
    expect(got).toHaveLength(1);
    expect(got[0]?.source).toBe('single.eml');
    expect(Buffer.from(got[0]?.raw ?? []).equals(data)).toBe(true);
  });
});

describe('checkReadable', () => {
  it('accepts a readable file and a readable folder', async () => {
    await expect(checkReadable(write('ok.eml', mail('ok')))).resolves.toBeUndefined();
    await expect(checkReadable(tmp)).resolves.toBeUndefined();
  });

  it('refuses a missing path with one line', async () => {
    const p = path.join(tmp, 'missing.mbox');
    const err = await checkReadable(p).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe(`cannot read ${p}: no such file or directory`);
  });

  it('refuses something that is neither a file nor a folder (a character device)', async () => {
    const err = await checkReadable('/dev/null').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe('cannot read /dev/null: not a file or directory');
    expect((err as SourceError).message).not.toContain('\n');
  });
});
