import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyCore, type StoryCore } from '../testing/story';
import { incidentReport } from './handlers';
import { mdCode, mdText, reportMarkdown } from './markdown';

describe('mdText and mdCode', () => {
  it.each([
    ['plain', 'Amazon.co.jp', 'Amazon.co.jp'],
    ['HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['emphasis and links', '*bold* _it_ [x](y)', '\\*bold\\* \\_it\\_ \\[x\\](y)'],
    ['an entity', 'AT&amp;T', 'AT&amp;amp;T'],
    ['line breaks', 'a\r\nb\nc', 'a b c'],
    ['a backslash', 'C:\\x', 'C:\\\\x'],
    ['Japanese', '【楽天銀行】◆デビット', '【楽天銀行】◆デビット'],
  ])('mdText: %s', (_name, input, expected) => {
    expect(mdText(input)).toBe(expected);
  });

  it.each([
    ['plain', 'abc@x', '`abc@x`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a pipe inside a table', 'a|b', '`a\\|b`'],
    ['a leading backtick', '`a', '`` `a ``'],
  ])('mdCode: %s', (_name, input, expected) => {
    expect(mdCode(input)).toBe(expected);
  });
});

describe('reportMarkdown on the story', () => {
  let story: StoryCore;
  beforeAll(async () => {
    story = await storyCore();
  });
  afterAll(async () => {
    await story.close();
  });
  const md = (id: string, locale: 'en' | 'ja'): string => {
    const r = incidentReport(story.core, Number(id), locale);
    if (!r) throw new Error('no report');
    return reportMarkdown(r);
  };

  it.each([
    [
      'en',
      [
        '# Incident report: Gift-card fraud: Amazon.co.jp',
        '## What to tell support',
        '### To Amazon.co.jp',
        '### To Rakuten Bank',
        '## Timeline',
        '## Linked evidence',
        '## What was done when',
      ],
      '| 6 | 2026-05-22 21:17:30 +09:00 | Card or bank charge | Rakuten Bank | ¥10,000 |',
      '#5 Gift card opened ¥10,000 → #6 Card or bank charge ¥10,000 (Rakuten Bank): same amount ¥10,000: charged 4 min after the gift card was opened — **charge reference**',
    ],
    [
      'ja',
      [
        '# インシデント報告書: ギフトカードの不正購入: Amazon.co.jp',
        '## サポート窓口に伝えること',
        '### Amazon.co.jpへ',
        '### 楽天銀行へ',
        '## 経緯',
        '## 関連づけられた証拠',
        '## 対応の記録',
      ],
      '| 6 | 2026-05-22 21:17:30 +09:00 | カード・口座の利用 | 楽天銀行 | ￥10,000 |',
      '#5 ギフトカード開封 ￥10,000 → #6 カード・口座の利用 ￥10,000 (楽天銀行): 同額の￥10,000: ギフトカードの開封の4分後に引き落とし — **引き落としとの対応**',
    ],
  ] as const)(
    'has headings, a table of events, the links and the actions (%s)',
    (locale, headings, row, link) => {
      const text = md(story.fraudId, locale);
      const lines = text.split('\n');
      for (const h of headings) expect(lines, h).toContain(h);
      expect(text).toContain(row);
      expect(text).toContain(link);
      // 11 event rows in the main table, each with its Message-ID as code.
      expect(lines.filter((l) => /^\| \d+ \| 2026-/.test(l))).toHaveLength(11);
      expect(text).toContain('`debit-20260522-2142@ac.rakuten-bank.co.jp`');
      expect(lines.filter((l) => /^\| 2026-\S+ \S+ \S+ \| /.test(l)).length).toBeGreaterThanOrEqual(1);
    },
  );

  it('keeps a hostile subject as text', () => {
    const text = md(story.phishingId, 'en');
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
  });
});
