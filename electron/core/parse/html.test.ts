import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html';

describe('htmlToText: tables', () => {
  it('puts the cells of a row on one line, two spaces apart (Rakuten Card HTML)', () => {
    const html =
      '<table><tr><th>ご利用日</th><th>ご利用先</th><th>ご利用金額</th></tr>' +
      '<tr><td>2026/08/02</td><td>ガウディ茶屋町店</td><td>15,800円</td></tr>' +
      '<tr><td>2026/08/03</td><td>ﾓﾊﾞｲﾙﾊﾟｽﾓﾁﾔ-ｼﾞ</td><td>1,000円</td></tr></table>';
    expect(htmlToText(html).text).toBe(
      'ご利用日  ご利用先  ご利用金額\n\n' +
        '2026/08/02  ガウディ茶屋町店  15,800円\n\n' +
        '2026/08/03  ﾓﾊﾞｲﾙﾊﾟｽﾓﾁﾔ-ｼﾞ  1,000円',
    );
  });

  it('reads a <th>/<td> pair as "label  value", like a text part', () => {
    expect(htmlToText('<table><tr><th>Amount</th><td>$12.34</td></tr></table>').text).toBe('Amount  $12.34');
  });

  it('keeps cells apart even without whitespace in the source', () => {
    expect(htmlToText('<td>a</td><td>b</td><td>c</td>').text).toBe('a  b  c');
  });

  it('trims the padding of formatted table markup', () => {
    const html = `
      <table>
        <tr>
          <td>  利用金額  </td>
          <td>  293円  </td>
        </tr>
      </table>`;
    expect(htmlToText(html).text).toBe('利用金額  293円');
  });
});

describe('htmlToText: blocks, inline and skipped elements', () => {
  it('turns block elements and <br> into line breaks and collapses blank lines to one', () => {
    expect(htmlToText('<p>line1<br>line2<br/>line3</p><div>d</div>').text).toBe('line1\nline2\nline3\n\nd');
    expect(htmlToText('<p>a</p>\n\n\n\n<p>b</p>').text).toBe('a\n\nb');
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>').text).toBe('one\n\ntwo');
  });

  it('joins inline elements without a separator', () => {
    expect(htmlToText('<span>注文</span><b>合計</b>').text).toBe('注文合計');
  });

  it('collapses whitespace runs inside text', () => {
    expect(htmlToText('<p>  spaced \n\t  out   text </p>').text).toBe('spaced out text');
  });

  it('drops script, style, head and title, with what they contain', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body>' +
      '<script>document.write("<p>injected</p>")</script><p>shown</p>' +
      '<noscript>enable js</noscript><template><p>tpl</p></template></body></html>';
    expect(htmlToText(html).text).toBe('shown');
  });

  it('matches the closing tag case-insensitively and ignores look-alike closers in scripts', () => {
    expect(htmlToText('x<SCRIPT>var a = "</scr" + "ipt>";</SCRIPT>y').text).toBe('xy');
  });

  it('does not skip after a self-closing <style/>', () => {
    expect(htmlToText('ok<style/>still').text).toBe('okstill');
  });

  it('drops comments, also an unclosed one at the end', () => {
    expect(htmlToText('<!-- <p>hidden</p> --><p>shown</p><!-- unclosed <p>gone</p>').text).toBe('shown');
  });

  it('drops a doctype and processing instructions', () => {
    expect(htmlToText('<!DOCTYPE html><?xml version="1.0"?><p>body</p>').text).toBe('body');
  });
});

describe('htmlToText: "<" that is not a tag', () => {
  it.each([
    ['a < b and c > d', 'a < b and c > d'],
    ['1 < 2', '1 < 2'],
    ['x <3 y', 'x <3 y'],
    ['<p>金額 <= 10,000円</p>', '金額 <= 10,000円'],
    ['unclosed <b', 'unclosed <b'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html).text).toBe(text);
  });
});

describe('htmlToText: entities', () => {
  it('decodes named, decimal and hexadecimal references in text', () => {
    expect(htmlToText('<p>Hello&nbsp;&amp;&lt;world&gt; &#x3042;&#12354; &yen;100 &euro;5</p>').text).toBe(
      'Hello &<world> ああ ¥100 €5',
    );
  });

  it('decodes entities only once, so "&amp;lt;" stays "&lt;"', () => {
    expect(htmlToText('<p>&amp;lt;</p>').text).toBe('&lt;');
  });
});

describe('htmlToText: links', () => {
  it('collects every href in order, decoding entities, with any quoting', () => {
    const html =
      '<a href="https://www.amazon.co.jp/a/c/r/x?a=1&amp;b=2">link</a> ' +
      "<A HREF='https://evil.example/'>x</A> " +
      '<a class="btn" href=https://bare.example/p>y</a> ' +
      '<a name="anchor">n</a> <link href="https://not-a-link.example/style.css">';
    const out = htmlToText(html);
    expect(out.links).toEqual([
      'https://www.amazon.co.jp/a/c/r/x?a=1&b=2',
      'https://evil.example/',
      'https://bare.example/p',
    ]);
    expect(out.text).toBe('link x y n');
  });

  it('collects no links from a page without anchors', () => {
    expect(htmlToText('<p>no links</p>').links).toEqual([]);
  });
});

describe('htmlToText: hostile input', () => {
  it('converts 200,000 unclosed "<" (completes)', () => {
    const out = htmlToText('<'.repeat(200_000));
    expect(out.text).toBe('<'.repeat(200_000));
    expect(out.links).toEqual([]);
  });

  it('converts 200,000 "<a" without a closing ">" (completes)', () => {
    expect(htmlToText('<a'.repeat(100_000)).text.length).toBe(200_000);
  });

  it('converts 150,000 empty cells (completes; once quadratic, minutes long)', () => {
    expect(htmlToText(`${'<td>'.repeat(150_000)}x`).text).toBe('x');
    expect(htmlToText(`${'<b> </b>'.repeat(150_000)}x`).text).toBe('x');
  });

  it('converts a script that never closes (completes, hides the rest)', () => {
    expect(htmlToText(`before<script>${'<p>'.repeat(100_000)}`).text).toBe('before');
  });
});

describe('decodeEntities', () => {
  it.each([
    ['&amp;', '&'],
    ['&AMP;', '&'],
    ['&amp', '&'],
    ['&#65;', 'A'],
    ['&#65', 'A'],
    ['&#x41;', 'A'],
    ['&#X41;', 'A'],
    ['&#x1F600;', '\u{1F600}'],
    ['&quot;&apos;', `"'`],
    ['&ndash;&mdash;', '--'],
    ['&pound;&copy;&reg;&hellip;', '£©®…'],
    // unknown or out-of-range references stay as written
    ['&unknown;', '&unknown;'],
    ['&#0;', '&#0;'],
    ['&#x110000;', '&#x110000;'],
    ['AT&T', 'AT&T'],
  ])('%j → %j', (input, output) => {
    expect(decodeEntities(input)).toBe(output);
  });
});
