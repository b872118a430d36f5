import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFile } from '../../../shared/api';
import { hasPdftotext, parseCsvStrict, pdfText } from '../testing/reports';
import { storyCore, type StoryCore } from '../testing/story';
import { historySource, incidentActions, playbookSource } from './actions';
import { fontCandidates, findCjkFont } from './fonts';
import { reportCsv } from './csv';
import { exportReport, incidentReport } from './handlers';
import { formatTime } from './model';
import { isLatin, toLatin } from './pdf';

/**
 * Reading a PDF back needs poppler's pdftotext, and the PDF's Japanese needs a Japanese font. Under `npm test`
 * (and anything else run through scripts/with-keyring.sh, which sets MIMAMORI_KEYRING_READY) both must be there:
 * scripts/system-deps.sh installs poppler-utils and fonts-ipafont-gothic, so a missing one fails below instead of
 * skipping the PDF checks. Run bare (`npx vitest` on a machine without them) the PDF checks skip, and
 * scripts/test-summary.mjs names each skipped test.
 */
const CHECKED_RUN = Boolean(process.env.MIMAMORI_KEYRING_READY);
const PDFTOTEXT = hasPdftotext();
const CJK_FONT = findCjkFont() !== null;

let story: StoryCore;
beforeAll(async () => {
  story = await storyCore();
});
afterAll(async () => {
  await story.close();
});

async function exported(input: Record<string, unknown>): Promise<ReportFile> {
  const r = await story.core.handle('report.export', input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as ReportFile;
}

describe('report.export through the contract', () => {
  it.each([
    ['csv', 'en', 'text/csv; charset=utf-8', /^mimamori-incident-\d+-2026-05-23-en\.csv$/],
    ['md', 'ja', 'text/markdown; charset=utf-8', /^mimamori-incident-\d+-2026-05-23-ja\.md$/],
    ['pdf', 'en', 'application/pdf', /^mimamori-incident-\d+-2026-05-23-en\.pdf$/],
  ] as const)('%s in %s', async (format, locale, mimeType, filename) => {
    const file = await exported({ incidentId: story.fraudId, format, locale });
    expect(file.mimeType).toBe(mimeType);
    expect(file.filename).toMatch(filename);
    expect(file.notice).toBeNull();
    expect(Buffer.from(file.base64, 'base64').length).toBeGreaterThan(1000);
  });

  it('refuses an unknown incident and a bad format', async () => {
    const missing = await story.core.handle('report.export', {
      incidentId: '999',
      format: 'csv',
      locale: 'en',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await story.core.handle('report.export', {
      incidentId: story.fraudId,
      format: 'xls',
      locale: 'en',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('what the PDF checks need', () => {
  it.runIf(CHECKED_RUN)('pdftotext and a Japanese font are installed (under scripts/with-keyring.sh)', () => {
    expect(PDFTOTEXT, 'pdftotext (Debian: poppler-utils)').toBe(true);
    expect(CJK_FONT, 'a Japanese font (Debian: fonts-ipafont-gothic)').toBe(true);
  });
});

describe.skipIf(!CHECKED_RUN && !(PDFTOTEXT && CJK_FONT))('the PDF', () => {
  it.each([
    [
      'en',
      [
        '¥3,000',
        '¥10,000',
        '¥20,000',
        'Rakuten Bank debited ¥10,000',
        'What to tell support',
        '楽天銀行株式会社',
      ],
    ],
    ['ja', ['￥3,000', '￥10,000', '￥20,000', '楽天銀行', 'サポート窓口に伝えること', '引き落とし']],
  ] as const)('holds the amounts, order numbers and Message-IDs as text (%s)', async (locale, phrases) => {
    const file = await exported({ incidentId: story.fraudId, format: 'pdf', locale });
    const pdf = Buffer.from(file.base64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // pdftotext wraps long lines: compare with line breaks taken out.
    const text = pdfText(pdf).replace(/\s*\n\s*/g, ' ');
    const flat = text.replace(/\s+/g, '');
    for (const p of phrases) expect(flat, p).toContain(p.replace(/\s+/g, ''));
    for (const order of ['250-1111111-1111111', '250-6666666-6666666']) expect(flat).toContain(order);
    expect(flat).toContain('debit-20260522-2117@ac.rakuten-bank.co.jp');
  });

  it('is the same bytes every time, dated from the incident', async () => {
    const a = await exported({ incidentId: story.fraudId, format: 'pdf', locale: 'ja' });
    const b = await exported({ incidentId: story.fraudId, format: 'pdf', locale: 'ja' });
    expect(a.base64).toBe(b.base64);
    const raw = Buffer.from(a.base64, 'base64').toString('latin1');
    expect(raw).toContain('(D:20260523010000Z)');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
  });
});

describe('without a Japanese font', () => {
  const deps = (): Parameters<typeof exportReport>[0] => ({
    repo: story.core.repo,
    db: story.core.db,
    font: () => null,
    notFound: (m) => new Error(`not_found: ${m}`),
    unsupported: (m) => new Error(`unsupported: ${m}`),
  });

  it('makes the English PDF in Latin text and says what it could not show', async () => {
    const file = await exportReport(deps(), Number(story.fraudId), 'pdf', 'en');
    expect(file.notice).toMatch(/^Japanese text could not be rendered/);
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it.skipIf(!CHECKED_RUN && !PDFTOTEXT)(
    'writes that notice and the Latin text into the PDF itself',
    async () => {
      const file = await exportReport(deps(), Number(story.fraudId), 'pdf', 'en');
      const text = pdfText(Buffer.from(file.base64, 'base64')).replace(/\s+/g, ' ');
      expect(text).toContain('Japanese text could not be rendered');
      expect(text).toContain('Rakuten Bank debited ¥10,000');
      expect(text).toContain('Amazon.co.jp ?????');
    },
  );

  it('refuses the Japanese PDF, pointing to a font or to Markdown and CSV', async () => {
    await expect(exportReport(deps(), Number(story.fraudId), 'pdf', 'ja')).rejects.toThrow(
      /^unsupported: 日本語の PDF には日本語フォントが必要/,
    );
    // Markdown and CSV need no font.
    await expect(exportReport(deps(), Number(story.fraudId), 'md', 'ja')).resolves.toMatchObject({
      notice: null,
    });
  });

  it.each([
    ['ASCII', 'abc 123', true, 'abc 123'],
    ['the yen sign', '¥10,000', true, '¥10,000'],
    ['the full-width yen sign', '￥10,000', false, '¥10,000'],
    ['curly quotes and a dash', '“not me” — ok', true, '“not me” — ok'],
    ['an arrow', '#5 → #6', false, '#5 -> #6'],
    ['Japanese', '楽天銀行', false, '????'],
  ])('isLatin and toLatin: %s', (_name, input, latin, shown) => {
    expect(isLatin(input)).toBe(latin);
    expect(toLatin(input)).toBe(shown);
  });
});

describe('fonts', () => {
  it.each([
    [{}, '/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf', undefined],
    [{ MIMAMORI_CJK_FONT: '/opt/f.ttf' }, '/opt/f.ttf', undefined],
    [
      { MIMAMORI_CJK_FONT: '/opt/fonts.ttc#NotoSansCJKjp-Regular' },
      '/opt/fonts.ttc',
      'NotoSansCJKjp-Regular',
    ],
  ])('fontCandidates(%j) starts with %s', (env, path, postscriptName) => {
    const [first] = fontCandidates(env);
    expect(first?.path).toBe(path);
    expect(first?.postscriptName).toBe(postscriptName);
  });

  it('"none" means no font, and a file that is not a font is skipped', () => {
    expect(fontCandidates({ MIMAMORI_CJK_FONT: 'none' })).toEqual([]);
    expect(findCjkFont([{ path: __filename }])).toBeNull();
  });

  it('lists macOS and Windows fonts too', () => {
    const paths = fontCandidates({ WINDIR: 'C:\\Windows' }).map((c) => c.path);
    expect(paths).toContain('/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc');
    expect(paths).toContain('C:\\Windows\\Fonts\\msgothic.ttc');
  });
});

describe('what was done when', () => {
  it('formats times with the offset they were recorded in', () => {
    expect(formatTime('2026-05-22T21:17:30+09:00')).toBe('2026-05-22 21:17:30 +09:00');
    expect(formatTime('2026-05-22T12:17:30.123Z')).toBe('2026-05-22 12:17:30 +00:00');
    expect(formatTime('2026-05-22T21:17+0900')).toBe('2026-05-22 21:17:00 +09:00');
  });

  it('merges the incident history with the playbook: steps, rotations and pages opened', () => {
    const id = Number(story.fraudId);
    const db = story.core.db;
    const fraud = story.core.repo.incident(id);
    const charges = story.core.repo
      .signalsByIds(fraud?.signalIds ?? [])
      .filter((s) => s.kind === 'payment.charge')
      .map((s) => Number(s.id));
    db.prepare('INSERT INTO playbook_steps (incident_id, step, done_at, detail) VALUES (?, ?, ?, ?)').run(
      id,
      'bank:rakuten-bank.co.jp',
      '2026-05-23T10:20:00+09:00',
      JSON.stringify({ charges }),
    );
    db.prepare('INSERT INTO playbook_steps (incident_id, step, done_at, detail) VALUES (?, ?, ?, NULL)').run(
      id,
      'password',
      '2026-05-23T10:05:00+09:00',
    );
    db.prepare('INSERT INTO rotations (vendor, rotated_at, incident_id) VALUES (?, ?, ?)').run(
      'amazon.co.jp',
      '2026-05-23T10:06:00+09:00',
      id,
    );
    db.prepare(
      "INSERT INTO opened_urls (opened_at, vendor, url, purpose, incident_id, via) VALUES (?, ?, ?, 'contact', ?, 'renderer')",
    ).run('2026-05-23T10:10:00+09:00', 'amazon.co.jp', 'https://www.amazon.co.jp/contact-us', id);

    const en = incidentReport(story.core, id, 'en');
    expect(en?.actions.map((a) => `${a.time} ${a.label}${a.detail ? ` [${a.detail}]` : ''}`)).toEqual([
      expect.stringMatching(/ Incident opened \[critical: /),
      '2026-05-23 10:05:00 +09:00 Changed the Amazon.co.jp password',
      '2026-05-23 10:06:00 +09:00 Password change confirmed after one-click rotation (Amazon.co.jp)',
      '2026-05-23 10:10:00 +09:00 Opened the official contact page (Amazon.co.jp) [https://www.amazon.co.jp/contact-us]',
      '2026-05-23 10:20:00 +09:00 Reported the charges to Rakuten Bank [charges reported: #6 ¥10,000, #11 ¥20,000]',
    ]);
    expect(en?.script[0]?.text).toContain('I changed my password on 23 May 2026 at 10:05.');
    const ja = incidentReport(story.core, id, 'ja');
    expect(ja?.actions.at(-1)?.label).toBe('楽天銀行に利用を報告');
    expect(ja?.script[0]?.text).toContain('パスワードは2026年5月23日 10:05に変更済みです。');

    // The CSV keeps its rectangular shape with the extra actions.
    if (!en) throw new Error('no report');
    const records = parseCsvStrict(reportCsv(en).slice(1));
    expect(records.at(-1)?.slice(0, 3)).toEqual([
      story.fraudId,
      '2026-05-23 10:20:00 +09:00',
      'Reported the charges to Rakuten Bank',
    ]);
  });

  it('reads no playbook before its tables exist', () => {
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE incident_history (id INTEGER PRIMARY KEY, incident_id INTEGER, at TEXT, action TEXT, detail TEXT)',
    );
    db.prepare('INSERT INTO incident_history (incident_id, at, action, detail) VALUES (1, ?, ?, ?)').run(
      '2026-05-22T21:45:00+09:00',
      'opened',
      'critical',
    );
    expect(playbookSource.actions(db, 1)).toEqual([]);
    expect(incidentActions(db, 1, [historySource, playbookSource])).toEqual([
      { at: '2026-05-22T21:45:00+09:00', action: 'opened', detail: 'critical', source: 'history' },
    ]);
    db.close();
  });
});
