/**
 * Reading exported reports back in tests, independently of the code that wrote them: a strict RFC 4180 reader
 * and PDF text through poppler's pdftotext (scripts/system-deps.sh installs poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Parses RFC 4180 text (after any BOM has been removed): records end in CRLF, quoted fields may hold commas,
 * CRLF and doubled quotes. Throws on anything the RFC does not allow: a bare LF or CR outside quotes, a quote
 * inside an unquoted field, text after a closing quote, or records of different lengths.
 */
export function parseCsvStrict(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += ch;
        i++;
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i];
        i++;
      }
    }
    record.push(field);
    if (i >= n) throw new Error('the last record must end in CRLF');
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      records.push(record);
      record = [];
      if (i >= n) break;
      continue;
    }
    throw new Error(`bare line break or text after a closing quote at ${i}`);
  }
  const width = records[0]?.length ?? 0;
  records.forEach((r, k) => {
    if (r.length !== width) throw new Error(`record ${k + 1} has ${r.length} fields, not ${width}`);
  });
  return records;
}

export function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The text of a PDF, as poppler's pdftotext reads it (UTF-8, reading order). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
