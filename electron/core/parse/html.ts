/**
 * HTML to text for recognition only (the window renders mail HTML separately, sanitised in the renderer).
 * Table cells become separated by two spaces and rows by newlines, so a Rakuten Card HTML row such as
 * <td>2026/08/02</td><td>ガウディ茶屋町店</td><td>15,800円</td> reads as one line of fields, and a
 * <th>Amount</th><td>$12.34</td> pair reads as "Amount  $12.34" like the text parts the rules were written for.
 * Linear-time: a hostile part made of unclosed tags must not stall the pipeline.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  yen: '¥',
  copy: '©',
  reg: '®',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '-',
  mdash: '-',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  euro: '€',
  pound: '£',
  times: '×',
  middot: '·',
  bull: '•',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (m, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[ent.toLowerCase()] ?? m;
  });
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'tr',
  'li',
  'ul',
  'ol',
  'table',
  'tbody',
  'thead',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'dt',
  'dd',
  'dl',
  'center',
]);
const CELL = new Set(['td', 'th']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);

export interface HtmlText {
  text: string;
  /** Every href, for the lookalike-link check in authenticity. */
  links: string[];
}

export function htmlToText(html: string): HtmlText {
  const out: string[] = [];
  const links: string[] = [];
  let i = 0;
  let skipUntil: string | null = null;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i && skipUntil === null)
      out.push(decodeEntities(html.slice(i, textEnd).replace(/\s+/g, ' ')));
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    // "<" not followed by a letter, "/", "!" or "?" is text, as browsers read it ("a < b and c > d").
    if (!/[a-zA-Z/!?]/.test(html[lt + 1] ?? '')) {
      if (skipUntil === null) out.push('<');
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      // An unclosed '<' is text, as browsers treat it.
      if (skipUntil === null) out.push(decodeEntities(html.slice(lt)));
      break;
    }
    const tag = html.slice(lt + 1, gt);
    i = gt + 1;
    const m = /^(\/)?\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(tag);
    if (!m) continue;
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    if (skipUntil !== null) {
      if (closing && name === skipUntil) skipUntil = null;
      continue;
    }
    if (!closing && SKIP.has(name) && !tag.endsWith('/')) {
      skipUntil = name;
      continue;
    }
    if (name === 'a' && !closing) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const v = href?.[1] ?? href?.[2] ?? href?.[3];
      if (v) links.push(decodeEntities(v));
    }
    if (BLOCK.has(name)) out.push('\n');
    else if (CELL.has(name) && !closing) out.push('  ');
  }
  // Lines are trimmed by index: /[ \t]*\n[ \t]*/ rescans a long run of blanks from each of its characters
  // (thousands of empty <td> cells took seconds). Longer runs are cut to the two spaces of a cell break, which
  // indented markup ("<td> 利用金額 </td>\n  <td> 293円 </td>") otherwise widens to five.
  const text = out
    .join('')
    .split('\n')
    .map((line) => trimBlanks(line).replace(/ {3,}/g, '  '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, links };
}

function trimBlanks(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && (line[start] === ' ' || line[start] === '\t')) start++;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(start, end);
}
