/**
 * The incident report for the support call, end to end: the story is imported through the window, the critical
 * incident is exported as CSV and as PDF in English and Japanese through the card's control, and the saved files
 * are read back with independent tools (a strict RFC 4180 reader; poppler's pdftotext).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsvStrict, pdfText } from '../electron/core/testing/reports';
import { expect, ROOT, test } from './fixtures';
import { ReportExport } from './pages/ReportExport';
import { TimelinePage } from './pages/TimelinePage';

const STORY = path.join(ROOT, 'fixtures/story');
const storyFiles = readdirSync(STORY)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => path.join(STORY, f));

const AMOUNTS = ['3000', '10000', '20000'];
const ORDERS = [
  '250-1111111-1111111',
  '250-2222222-2222222',
  '250-3333333-3333333',
  '250-4444444-4444444',
  '250-5555555-5555555',
  '250-6666666-6666666',
];
const MESSAGE_IDS = [
  '0100018e-250-1111111-1111111@email.amazonses.com',
  'gc-opened-250-2222222-2222222@gc.email.amazon.co.jp',
  'debit-20260522-2117@ac.rakuten-bank.co.jp',
  'debit-20260522-2142@ac.rakuten-bank.co.jp',
];

let dir = '';
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimamori-report-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('exports the critical incident as CSV and as PDF in English and Japanese', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('en');
  await timeline.importFiles(storyFiles);
  const incident = timeline.incident('giftcard_fraud');
  await expect(incident).toHaveAttribute('data-severity', 'critical');
  const report = new ReportExport(page, incident);

  // CSV: a BOM, then one row per signal with the amounts, order numbers and Message-IDs.
  const csv = await report.download('csv', 'en', dir);
  expect(csv.filename).toMatch(/^mimamori-incident-\d+-\d{4}-\d{2}-\d{2}-en\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  await expect(report.message).toContainText(`Saved ${csv.filename}.`);
  const records = parseCsvStrict(csv.bytes.subarray(3).toString('utf8'));
  const blank = records.findIndex((r) => r.every((f) => f === ''));
  const [header, ...rows] = records.slice(0, blank);
  // The card says how many mails the incident holds: one row for each.
  await expect(incident).toContainText('11 mails');
  expect(rows).toHaveLength(11);
  const col = (name: string): number => header?.indexOf(name) ?? -1;
  const amounts = rows.map((r) => r[col('Amount (minor units)')]);
  for (const a of AMOUNTS) expect(amounts).toContain(a);
  expect(new Set(rows.map((r) => r[col('Order number')]).filter(Boolean))).toEqual(new Set(ORDERS));
  const ids = rows.map((r) => r[col('Message-ID')]);
  for (const id of MESSAGE_IDS) expect(ids).toContain(id);
  const debit = rows.find((r) => r[col('Message-ID')] === 'debit-20260522-2117@ac.rakuten-bank.co.jp');
  expect(debit?.[col('Linked to')]).toContain('same amount ¥10,000');

  // PDF in English: the amounts, orders and Message-IDs are text a tool can read.
  const en = await report.download('pdf', 'en', dir);
  expect(en.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const enText = pdfText(en.bytes).replace(/\s+/g, '');
  for (const s of ['¥3,000', '¥10,000', '¥20,000', 'RakutenBankdebited¥10,000', ...ORDERS, ...MESSAGE_IDS])
    expect(enText, s).toContain(s);

  // PDF in Japanese, from the same English window: the language is the report's own choice.
  const ja = await report.download('pdf', 'ja', dir);
  expect(ja.filename).toMatch(/-ja\.pdf$/);
  const jaText = pdfText(ja.bytes).replace(/\s+/g, '');
  expect(jaText).toContain('楽天銀行');
  expect(jaText).toMatch(/[￥¥]10,000/);
  expect(jaText).toContain('サポート窓口に伝えること');
  expect(jaText).toContain('楽天銀行から￥10,000が引き落とされました');
  for (const s of [...ORDERS, ...MESSAGE_IDS]) expect(jaText, s).toContain(s);
});

test('exports Markdown from a Japanese window', async ({ page, shell }) => {
  const timeline = new TimelinePage(page);
  await timeline.open(shell.url);
  await timeline.setLocale('ja');
  await timeline.importFiles(storyFiles);
  const report = new ReportExport(page, timeline.incident('giftcard_fraud'));
  await expect(report.root.locator('summary')).toHaveText('サポート窓口への連絡用の報告書');
  const md = await report.download('md', 'ja', dir);
  const text = md.bytes.toString('utf8');
  expect(text).toContain('# インシデント報告書: ギフトカードの不正購入: Amazon.co.jp');
  expect(text).toContain('### 楽天銀行へ');
  await expect(report.message).toContainText(`${md.filename} を保存しました。`);
});
