import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvStrict } from '../testing/reports';
import { storyCore, type StoryCore } from '../testing/story';
import { BOM, csvDocument, csvField, reportCsv } from './csv';
import { incidentReport } from './handlers';

describe('csvField (RFC 4180 quoting, formula-safe)', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['empty', '', ''],
    ['null', null, ''],
    ['a number', 3000, '3000'],
    ['a negative number stays a number', -3000, '-3000'],
    ['comma', '¥3,000', '"¥3,000"'],
    ['double quote', 'say "hi"', '"say ""hi"""'],
    ['CRLF', 'a\r\nb', '"a\r\nb"'],
    ['LF', 'a\nb', '"a\nb"'],
    ['Japanese', '楽天銀行株式会社', '楽天銀行株式会社'],
    ['formula =', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['formula +', '+81 3', "'+81 3"],
    ['formula -', '-1+cmd|x', "'-1+cmd|x"],
    ['formula @', '@SUM(A1)', "'@SUM(A1)"],
    ['leading tab', '\tx', "'\tx"],
  ])('%s', (_name, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('writes a BOM, CRLF line ends and a final CRLF', () => {
    const doc = csvDocument([
      ['a', 'b'],
      ['1', 'x,y'],
    ]);
    expect(doc).toBe(`${BOM}a,b\r\n1,"x,y"\r\n`);
    expect(Buffer.from(doc, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe('reportCsv on the story', () => {
  let story: StoryCore;
  beforeAll(async () => {
    story = await storyCore();
    story.core.acknowledge(Number(story.fraudId), 'confirm', 24);
  });
  afterAll(async () => {
    await story.close();
  });

  const csvOf = (locale: 'en' | 'ja'): { text: string; events: string[][]; actions: string[][] } => {
    const report = incidentReport(story.core, Number(story.fraudId), locale);
    if (!report) throw new Error('no report');
    const text = reportCsv(report);
    expect(text.startsWith(BOM)).toBe(true);
    const records = parseCsvStrict(text.slice(1));
    const blank = records.findIndex((r) => r.every((f) => f === ''));
    expect(blank).toBeGreaterThan(0);
    return { text, events: records.slice(0, blank), actions: records.slice(blank + 1) };
  };

  it.each(['en', 'ja'] as const)(
    'has one row per signal and every field a support desk asks for (%s)',
    (locale) => {
      const { events } = csvOf(locale);
      const [header, ...rows] = events;
      expect(header).toHaveLength(23);
      expect(rows).toHaveLength(11);
      const col = (name: string): number => {
        const i = header?.indexOf(name) ?? -1;
        expect(i, name).toBeGreaterThanOrEqual(0);
        return i;
      };
      const t =
        locale === 'en'
          ? { amount: 'Amount (minor units)', order: 'Order number' }
          : { amount: '金額（最小単位）', order: '注文番号' };
      expect(rows.map((r) => r[col(t.amount)])).toEqual([
        '3000',
        '10000',
        '3000',
        '3000',
        '10000',
        '10000',
        '20000',
        '10000',
        '20000',
        '20000',
        '20000',
      ]);
      expect(rows.map((r) => r[col('Message-ID')])).toContain('debit-20260522-2117@ac.rakuten-bank.co.jp');
      expect(new Set(rows.map((r) => r[col(t.order)]).filter(Boolean))).toEqual(
        new Set([
          '250-1111111-1111111',
          '250-2222222-2222222',
          '250-3333333-3333333',
          '250-4444444-4444444',
          '250-5555555-5555555',
          '250-6666666-6666666',
        ]),
      );
      // Time with the mail's own offset, and the incident's columns on every row.
      expect(rows[0]?.[7]).toBe('2026-04-21 10:02:11 +09:00');
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([story.fraudId]));
    },
  );

  it('says which debit matches which gift card, and the verdict with its reason', () => {
    const { events } = csvOf('en');
    const debit = events.find((r) => r.includes('debit-20260522-2117@ac.rakuten-bank.co.jp'));
    expect(debit).toBeDefined();
    expect(debit?.join('|')).toContain(
      '#5: same amount ¥10,000: charged 4 min after the gift card was opened',
    );
    expect(debit?.join('|')).toContain('genuine: signed by ac.rakuten-bank.co.jp, checked by Gmail');
    expect(debit?.join('|')).toContain('dmarc=pass header.from=ac.rakuten-bank.co.jp (mx.google.com)');
  });

  it('lists what was done when after the events', () => {
    const { actions } = csvOf('ja');
    expect(actions[0]?.slice(0, 5)).toEqual(['インシデント', '日時', '対応', '詳細', '記録元']);
    expect(actions.slice(1).map((r) => r[2])).toEqual([
      'インシデントを検出',
      '不正と確認（「自分ではない」）',
    ]);
    // Recorded at the core's clock, shown with the offset it was recorded in.
    const at = (actions[1]?.[1] ?? '').replace(/^(\S+) (\S+) (\S+)$/, '$1T$2$3');
    expect(Date.parse(at)).toBe(Date.parse('2026-05-23T01:00:00Z'));
  });
});
