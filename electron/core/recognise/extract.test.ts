import { describe, expect, it } from 'vitest';
import { normalise } from '../parse/normalise';
import { AMAZON_ORDER_ID, extractField, firstEmail, labelled, lastDigits, parseAmount } from './extract';

describe('parseAmount: the formats of mail-formats.md §7', () => {
  it.each([
    // [value, rule currency, currency, minor units, negative]
    ['3,300 円', 'JPY', 'JPY', 3300, false],
    ['3,300円', 'JPY', 'JPY', 3300, false],
    [normalise('２，５００円'), 'JPY', 'JPY', 2500, false],
    // SBI: no symbol, two decimals even for yen
    ['3,360.00', 'JPY', 'JPY', 3360, false],
    [normalise('￥3,000'), 'JPY', 'JPY', 3000, false],
    ['￥3,000', 'JPY', 'JPY', 3000, false],
    ['¥6,578', 'JPY', 'JPY', 6578, false],
    // Amex marks the amount with a star
    ['$144.00*', 'USD', 'USD', 14400, false],
    ['12,34 €', 'EUR', 'EUR', 1234, false],
    ['1.234,56 €', 'EUR', 'EUR', 123456, false],
    ['£12.34', 'GBP', 'GBP', 1234, false],
    ['-610', 'JPY', 'JPY', 610, true],
    ['▲610', 'JPY', 'JPY', 610, true],
    ['JPY 3,000', 'JPY', 'JPY', 3000, false],
  ])('%j (%s) → %s %i', (value, rule, currency, minor, negative) => {
    expect(parseAmount(value, rule)).toEqual({ amount: { currency, minor }, negative });
  });
});

describe('parseAmount: the sign decides over the rule currency', () => {
  it.each([
    ['$144.00*', 'JPY', 'USD', 14400],
    ['12,34 €', 'JPY', 'EUR', 1234],
    ['£12.34', 'JPY', 'GBP', 1234],
    ['JPY 3,000', 'USD', 'JPY', 3000],
    ['3,000 JPY', 'USD', 'JPY', 3000],
    ['3,000円', 'USD', 'JPY', 3000],
    ['$31.90 USD', 'JPY', 'USD', 3190],
    ['USD 144.00', 'JPY', 'USD', 14400],
    ['144.00 USD', 'JPY', 'USD', 14400],
    ['EUR 1.234,56', 'USD', 'EUR', 123456],
    ['€12', 'USD', 'EUR', 1200],
    ['CA$12.50', 'USD', 'CAD', 1250],
    ['A$12.50', 'USD', 'AUD', 1250],
    ['US$12.50', 'JPY', 'USD', 1250],
    // a bare "$" is the rule's dollar when the rule is in dollars
    ['$12.50', 'CAD', 'CAD', 1250],
    ['$12.50', 'AUD', 'AUD', 1250],
    ['$12.50', 'EUR', 'USD', 1250],
    // an ISO code after a bare "$" says which dollar (PayPal: "$45.00 CAD")
    ['$45.00 CAD', 'USD', 'CAD', 4500],
    ['$45.00 AUD', 'JPY', 'AUD', 4500],
    ['$31.90 USD', 'CAD', 'USD', 3190],
  ])('%j (rule %s) → %s %i', (value, rule, currency, minor) => {
    expect(parseAmount(value, rule)).toEqual({ amount: { currency, minor }, negative: false });
  });
});

describe('parseAmount: separators and decimals', () => {
  it.each([
    ['1,234.56', 'USD', 'USD', 123456],
    ['1,234', 'USD', 'USD', 123400],
    ['1.234', 'EUR', 'EUR', 123400],
    ['12.5', 'USD', 'USD', 1250],
    ['1,5 €', 'EUR', 'EUR', 150],
    ['1 234,56 €', 'EUR', 'EUR', 123456],
    ["1'234.56", 'USD', 'USD', 123456],
    ['$1,234,567.89', 'USD', 'USD', 123456789],
    ['1,000,000円', 'JPY', 'JPY', 1000000],
    ['1234567', 'JPY', 'JPY', 1234567],
    ['0円', 'JPY', 'JPY', 0],
    ['159円', 'JPY', 'JPY', 159],
  ])('%j (%s) → %s %i', (value, rule, currency, minor) => {
    expect(parseAmount(value, rule)).toEqual({ amount: { currency, minor }, negative: false });
  });

  it('refuses yen with non-zero decimals rather than guessing', () => {
    expect(parseAmount('3,360.50', 'JPY')).toBeNull();
  });

  it.each([
    ['△610', 'JPY', 610],
    ['¥-610', 'JPY', 610],
    ['- 610円', 'JPY', 610],
    ['-$12.34', 'USD', 1234],
  ])('reads %j as a refund', (value, rule, minor) => {
    expect(parseAmount(value, rule)).toEqual({ amount: { currency: rule, minor }, negative: true });
  });
});

describe('parseAmount: in context', () => {
  it('reads the first amount of a value that goes on', () => {
    expect(parseAmount('840円\n(ポイント利用分:0ポイント、口座引落分:840円)', 'JPY')).toEqual({
      amount: { currency: 'JPY', minor: 840 },
      negative: false,
    });
  });

  it('skips leading text and blanks', () => {
    expect(parseAmount('   合計 ¥3,000 (税込)', 'JPY')).toEqual({
      amount: { currency: 'JPY', minor: 3000 },
      negative: false,
    });
  });

  it.each([['no amount'], [''], ['   '], ['円']])('%j has none', (value) => {
    expect(parseAmount(value, 'JPY')).toBeNull();
  });

  it('reads a value of 200,000 blanks without stalling (completes; once quadratic)', () => {
    expect(parseAmount(`${' '.repeat(200_000)}x`, 'JPY')).toBeNull();
    expect(parseAmount(`-${' '.repeat(200_000)}x`, 'JPY')).toBeNull();
  });
});

describe('labelled: the label styles of mail-formats.md §3', () => {
  const rakuten = normalise(
    [
      '<カードご利用情報>',
      '《ショッピングご利用分》',
      '■利用日: 2025/07/29',
      '■利用先: APPLE COM BILL',
      '■利用者: 本人',
      '■支払方法: 1回',
      '■利用金額: 3,300 円',
      '■支払月: 2025/08',
    ].join('\n'),
  );

  it.each([
    // Rakuten Card: ■ and a half-width colon plus space
    [rakuten, '利用金額', '3,300 円'],
    [rakuten, '利用日', '2025/07/29'],
    [rakuten, '利用先', 'APPLE COM BILL'],
    [rakuten, '支払月', '2025/08'],
    // SMBC: ◇ and a full-width colon
    [
      normalise('◇利用日：2026/07/05 10:25\n◇利用先：BURIAN KITAYAMATEN\n◇利用金額：3,300円'),
      '利用金額',
      '3,300円',
    ],
    [
      normalise('◇利用日：2026/07/05 10:25\n◇利用先：BURIAN KITAYAMATEN\n◇利用金額：3,300円'),
      '利用日',
      '2026/07/05 10:25',
    ],
    // Olive: padding before the colon, full-width and ASCII
    [
      normalise('◇利用日  ：2026/08/09 21:30:41\n◇利用先　：iDデビット\n◇利用金額：85円'),
      '利用日',
      '2026/08/09 21:30:41',
    ],
    [
      normalise('◇利用日  ：2026/08/09 21:30:41\n◇利用先　：iDデビット\n◇利用金額：85円'),
      '利用先',
      'iDデビット',
    ],
    // JCB: 【】 around the label, a full-width space before the value
    [normalise('【ご利用日時(日本時間)】　2025/08/28 19:47\n【ご利用金額】　159円'), 'ご利用金額', '159円'],
    [
      normalise('【ご利用日時(日本時間)】　2025/08/28 19:47\n【ご利用金額】　159円'),
      'ご利用日時',
      '2025/08/28 19:47',
    ],
    // MUFG: a parenthesised unit after the label, then padding and a colon
    [
      normalise('ご利用金額（円）　  : 610\nご利用先　　　　　　: MCDONALDS MOBILE ORDER'),
      'ご利用金額',
      '610',
    ],
    [
      normalise('ご利用金額（円）　  : 610\nご利用先　　　　　　: MCDONALDS MOBILE ORDER'),
      'ご利用先',
      'MCDONALDS MOBILE ORDER',
    ],
    // Sony Bank: a note mark in brackets
    [
      normalise('ご利用加盟店　：ＧＯＯＧＬＥ＊ＹＯＵＴＵＢＥ\nご利用金額（※）：1,234円'),
      'ご利用金額',
      '1,234円',
    ],
    [
      normalise('ご利用加盟店　：ＧＯＯＧＬＥ＊ＹＯＵＴＵＢＥ\nご利用金額（※）：1,234円'),
      'ご利用加盟店',
      'GOOGLE*YOUTUBE',
    ],
    // SBI: labels padded with full-width spaces
    [
      normalise('利用加盟店　：OPENAI *CHATGPT SUBSCR\n引落通貨　　：JPY\n引落金額　　：3,360.00'),
      '引落金額',
      '3,360.00',
    ],
    [
      normalise('利用加盟店　：OPENAI *CHATGPT SUBSCR\n引落通貨　　：JPY\n引落金額　　：3,360.00'),
      '利用加盟店',
      'OPENAI *CHATGPT SUBSCR',
    ],
    // View Card: ・ bullets
    [normalise('・利用日：2026/01/02\n・利用金額：1,234円\n・利用加盟店：JR東日本'), '利用金額', '1,234円'],
    // kake-bo's starred label, and an English "label  value" table row
    ['*ご利用金額* 4,530円', 'ご利用金額', '4,530円'],
    ['Amount: $12.34', 'Amount', '$12.34'],
    ['*Amount* $12.34', 'Amount', '$12.34'],
    ['Amount  $12.34', 'Amount', '$12.34'],
    ['金額 = 5', '金額', '5'],
  ])('%j, label %s → %j', (text, label, value) => {
    expect(labelled(text, label)).toBe(value);
  });

  it('reads ゆうちょ fields separated by runs of spaces only', () => {
    const yucho = normalise(
      '利用日時  2026/03/03 16:59:01\n利用店舗  LAWSON\n利用金額  293円\n利用通貨  JPY\n承認番号  110020',
    );
    expect(labelled(yucho, '利用金額')).toBe('293円');
    expect(labelled(yucho, '利用店舗')).toBe('LAWSON');
    expect(labelled(yucho, '利用通貨')).toBe('JPY');
    expect(labelled(yucho, '利用日時')).toBe('2026/03/03 16:59:01');
  });

  it('reads the value on the next line when the label line has none (楽天銀行)', () => {
    const rakutenBank = normalise(
      [
        'ｍａｒｉｏ　ｒｏｓｓｉ様',
        'Mastercardデビットカードのご利用による引落を行いました。',
        '■今回のご利用金額',
        '840円',
        '（ポイント利用分：0ポイント、口座引落分：840円）',
        '■今回のご利用で獲得予定のポイント数（仮確定）',
        '8ポイント',
      ].join('\n'),
    );
    expect(labelled(rakutenBank, '今回のご利用金額')).toBe('840円');
    expect(labelled(rakutenBank, ['今回のご利用金額', 'ご利用金額', '利用金額'])).toBe('840円');
  });

  it('skips blank lines before a value on a later line', () => {
    expect(labelled('利用金額:\n\n\n  293円', '利用金額')).toBe('293円');
  });

  it('does not take the next label line as the value of an empty field', () => {
    // An empty ■利用金額 must not read ■支払月's "2025/08" as 2,025 yen.
    const empty = '■利用先: \n■利用者: 本人\n■利用金額:\n■支払月: 2025/08';
    expect(labelled(empty, '利用先')).toBeNull();
    expect(labelled(empty, '利用金額')).toBeNull();
  });

  it('goes on to a later line of the same label when the first is empty', () => {
    expect(labelled('■利用金額:\n■利用先: X\n■利用金額: 500円', '利用金額')).toBe('500円');
  });

  it('returns the first line in text order when several labels are given', () => {
    const sony = normalise('ご利用金額：3,000円\nお引落額：3,100円');
    expect(labelled(sony, ['お引落額', 'ご利用金額'])).toBe('3,000円');
    expect(labelled(sony, 'お引落額')).toBe('3,100円');
  });

  it('returns the first of two lines with the same label', () => {
    expect(labelled('利用金額: 1\n利用金額: 2', '利用金額')).toBe('1');
  });

  it('matches labels written with full-width characters against normalised text', () => {
    expect(labelled(normalise('ご利用金額（円）：610'), 'ご利用金額（円）')).toBe('610');
  });

  it.each([
    ['利用金額:', '利用金額'],
    ['no labels here', '利用金額'],
    ['', '利用金額'],
  ])('%j, label %s → null', (text, label) => {
    expect(labelled(text, label)).toBeNull();
  });
});

describe('labelled: a label is a whole word', () => {
  it.each([
    ['【ご利用日時(日本時間)】 2025/08/28 19:47\n【ご利用日】 2025/08/27', 'ご利用日', '2025/08/27'],
    ['Amounts: 5\nAmount: $12.34', 'Amount', '$12.34'],
    ['合計金額: 900円\n合計: 1,000円', '合計', '1,000円'],
    ['ご利用金額(円) : 610', 'ご利用金額', '610'],
  ])('%j with %s → %s', (text, label, want) => {
    expect(labelled(text, label)).toBe(want);
  });
});

describe('labelled: the JCB trap', () => {
  // The real JCB notice quotes an example amount in prose (mail-formats.md §0 "JCB trap").
  const jcb = normalise(
    [
      '翠尾　翔音 様',
      'JCBカードのご利用がありましたのでご連絡します。',
      '例：Amazonプライム年会費 5,900円 のようなご利用も通知します。',
      '今月のご利用金額は 5,900円 を超えました。',
      '・国内の加盟店の場合、【ご利用先】はすべてカタカナ表示となります。（例：一休→イツキユウ）',
      '【ご利用日時(日本時間)】　2025/08/28 19:47',
      '【ご利用金額】　159円',
      '【ご利用先】　ロケツトナウ',
    ].join('\n'),
  );

  it('reads the labelled amount, not the one in prose', () => {
    expect(labelled(jcb, 'ご利用金額')).toBe('159円');
    expect(parseAmount(labelled(jcb, 'ご利用金額') ?? '', 'JPY')?.amount).toEqual({
      currency: 'JPY',
      minor: 159,
    });
  });

  it('ignores a label that appears inside a prose line', () => {
    expect(labelled(jcb, 'ご利用先')).toBe('ロケツトナウ');
  });

  it('reads nothing for a label no line starts with', () => {
    expect(labelled(jcb, 'Amazonプライム年会費')).toBeNull();
    expect(labelled(jcb, '年会費')).toBeNull();
    expect(labelled('今月のご利用金額は 5,900円 です', 'ご利用金額')).toBeNull();
  });
});

describe('extractField', () => {
  const text = '■利用金額: 3,300 円\n注文番号 250-1234567-1234567';

  it('takes the first source that yields a value', () => {
    expect(extractField(text, '', [{ label: '合計' }, { label: '利用金額' }])).toBe('3,300 円');
    expect(extractField(text, '', [{ pattern: /(\d{3}-\d{7}-\d{7})/ }, { label: '利用金額' }])).toBe(
      '250-1234567-1234567',
    );
    expect(
      extractField(text, 'ご注文 #113-2884719-5520264', [{ label: 'なし' }, { subject: AMAZON_ORDER_ID }]),
    ).toBe('113-2884719-5520264');
  });

  it('returns null when no source yields one', () => {
    expect(extractField(text, '', [{ label: '合計' }, { pattern: /(xyz)/ }])).toBeNull();
    expect(extractField(text, '', undefined)).toBeNull();
    expect(extractField(text, '', [])).toBeNull();
  });
});

describe('firstEmail', () => {
  it.each([
    ['送信先: Taro <Taro.Yamada+gift@Example.CO.JP> です', 'taro.yamada+gift@example.co.jp'],
    ['gift.receiver.one@example.net', 'gift.receiver.one@example.net'],
    ['x@y.jp, z@w.jp', 'x@y.jp'],
    ['送信先:hanako@example.jpへ', 'hanako@example.jp'],
  ])('%j → %s', (value, email) => {
    expect(firstEmail(value)).toBe(email);
  });

  it.each([['none'], ['a@b'], ['@example.com'], ['']])('%j → null', (value) => {
    expect(firstEmail(value)).toBeNull();
  });
});

describe('AMAZON_ORDER_ID', () => {
  it.each([
    ['注文番号: 250-1234567-1234567', '250-1234567-1234567'],
    ['Amazon.co.jpでのご注文 #113-2884719-5520264.', '113-2884719-5520264'],
    ['508-0000000-9999999', '508-0000000-9999999'],
  ])('%j → %s', (text, id) => {
    expect(AMAZON_ORDER_ID.exec(text)?.[1]).toBe(id);
  });

  it.each([
    ['1250-1234567-1234567'],
    ['250-123456-1234567'],
    ['250-1234567-12345678'],
    ['D01-1234567-1234567'],
  ])('%j is not an order number', (text) => {
    expect(AMAZON_ORDER_ID.exec(text)).toBeNull();
  });
});

describe('lastDigits', () => {
  it.each([
    ['************1234', 4, '1234'],
    ['カード末尾 1234', 4, '1234'],
    ['4980-XXXX-XXXX-5678', 4, '5678'],
    ['12345', 2, '45'],
    ['1234', 4, '1234'],
  ])('%j (%i) → %s', (value, n, digits) => {
    expect(lastDigits(value, n)).toBe(digits);
  });

  it.each([['123'], [''], ['XXXX']])('%j has too few digits', (value) => {
    expect(lastDigits(value)).toBeNull();
  });
});
