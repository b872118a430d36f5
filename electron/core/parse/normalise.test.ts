import { describe, expect, it } from 'vitest';
import { normalise, normaliseLine } from './normalise';

describe('normalise', () => {
  it.each([
    // full-width digits, comma and colon (mail-formats.md §0 "Full-width text")
    ['２，５００円', '2,500円'],
    ['利用金額：３，３００円', '利用金額:3,300円'],
    ['利用日時　　：2025/07/16 07:47:38', '利用日時  :2025/07/16 07:47:38'],
    ['ご利用金額（円）　  : 610', 'ご利用金額(円)   : 610'],
    ['ＧＯＯＧＬＥ＊ＹＯＵＴＵＢＥ　ＳＵＰＥＲ', 'GOOGLE*YOUTUBE SUPER'],
    ['Ｏｌｉｖｅ／クレジット', 'Olive/クレジット'],
    ['ｍａｒｉｏ　ｒｏｓｓｉ様', 'mario rossi様'],
    // the full-width yen sign becomes U+00A5
    ['￥3,000', '\u00A53,000'],
    // half-width katakana, voiced marks composed
    ['ﾓﾊﾞｲﾙﾊﾟｽﾓ', 'モバイルパスモ'],
    ['ﾓﾊﾞｲﾙﾊﾟｽﾓﾁﾔ-ｼﾞ', 'モバイルパスモチヤ-ジ'],
    ['ﾛｹﾂﾄﾅｳ', 'ロケツトナウ'],
    // brackets used around labels
    ['【三菱ＵＦＪ‐ＶＩＳＡデビット】', '【三菱UFJ-VISAデビット】'],
    ['［ソニー銀行］ご利用のお知らせ', '[ソニー銀行]ご利用のお知らせ'],
    ['①㈱', '1(株)'],
  ])('%s → %s', (input, output) => {
    expect(normalise(input)).toBe(output);
  });

  it.each([
    ['\u2010', 'hyphen'],
    ['\u2011', 'non-breaking hyphen'],
    ['\u2012', 'figure dash'],
    ['\u2013', 'en dash'],
    ['\u2014', 'em dash'],
    ['\u2015', 'horizontal bar'],
    ['\u2212', 'minus sign'],
    ['\uFE63', 'small hyphen-minus'],
    ['\uFF0D', 'full-width hyphen-minus'],
  ])('folds %j (%s) to "-"', (dash) => {
    expect(normalise(`A${dash}B`)).toBe('A-B');
  });

  it('folds the dashes of real notices', () => {
    expect(normalise('デイ−エムエムドツトコム')).toBe('デイ-エムエムドツトコム');
    expect(normalise('－確報版－ ビューカード')).toBe('-確報版- ビューカード');
  });

  it('keeps the katakana prolonged sound mark, which is not a dash', () => {
    expect(normalise('チャージ ー')).toBe('チャージ ー');
  });

  it.each([
    ['\u200B', 'zero width space'],
    ['\u200C', 'zero width non-joiner'],
    ['\u200D', 'zero width joiner'],
    ['\u2060', 'word joiner'],
    ['\uFEFF', 'byte order mark'],
    ['\u00AD', 'soft hyphen'],
  ])('removes %j (%s)', (ch) => {
    expect(normalise(`ama${ch}zon.co.jp 利用${ch}金額`)).toBe('amazon.co.jp 利用金額');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(normalise('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('drops blanks at the end of lines, full-width and no-break spaces included', () => {
    expect(normalise('a  \t\u00A0\nb\u3000\r\nc \nd')).toBe('a\nb\nc\nd');
  });

  it('keeps blanks inside and at the start of lines', () => {
    expect(normalise('  利用金額  293円')).toBe('  利用金額  293円');
  });

  it('handles 200,000 blanks not followed by a newline (completes; once quadratic)', () => {
    const out = normalise(`${' '.repeat(200_000)}x`);
    expect(out.length).toBe(200_001);
    expect(normalise(`${' '.repeat(200_000)}\nx`)).toBe('\nx');
  });
});

describe('normaliseLine', () => {
  it.each([
    ['  件名：\n  テスト　　です  ', '件名: テスト です'],
    ['ＧＯＯＧＬＥ＊ＹＯＵＴＵＢＥ　ＳＵＰＥＲ\r\n', 'GOOGLE*YOUTUBE SUPER'],
    ['OPENAI *CHATGPT SUBSCR', 'OPENAI *CHATGPT SUBSCR'],
    ['\t\n', ''],
  ])('%j → %j', (input, output) => {
    expect(normaliseLine(input)).toBe(output);
  });
});
