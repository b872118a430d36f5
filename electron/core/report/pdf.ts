/**
 * The report as a PDF, laid out with PDFKit: A4, the support script first, then the events one block each, the
 * links, what was done when, and a footer with page numbers. Japanese text uses a system CJK font embedded as a
 * subset (fonts.ts); English text that needs no CJK glyph uses Helvetica.
 *
 * Without a CJK font an English PDF is still made: characters Helvetica cannot show become "?", and both the PDF
 * and the caller are told so. A Japanese PDF is refused instead, because nearly all of it would be "?": the user
 * is told to install a font or to export Markdown or CSV, which keep every character.
 *
 * Output is deterministic: the creation date (and with it the document id) is the report's "as of" moment from
 * the incident, never the wall clock, so the same incident gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { CjkFont } from './fonts';
import { rt } from './labels';
import { formatTime, type IncidentReport, type ReportEvent } from './model';

export class MissingCjkFontError extends Error {
  override readonly name = 'MissingCjkFontError';
}

export interface PdfResult {
  readonly bytes: Buffer;
  /** Said to the user when the PDF could not show everything (no CJK font), else null. */
  readonly notice: string | null;
}

/** Unicode characters outside Latin-1 that WinAnsi (Helvetica's encoding) still has. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function winAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

/** True when Helvetica can show every character of `s`. */
export function isLatin(s: string): boolean {
  for (const ch of s) if (!winAnsi(ch) && ch !== '\n') return false;
  return true;
}

/** What Helvetica can show of `s`: arrows spelt out, the full-width yen made narrow, anything else "?". */
export function toLatin(s: string): string {
  let out = '';
  for (const ch of s.replace(/→/g, '->').replace(/↔/g, '<->').replace(/￥/g, '¥'))
    out += winAnsi(ch) || ch === '\n' ? ch : '?';
  return out;
}

const COLOR = { text: '#1a1a1a', muted: '#5c5c5c', rule: '#c8c8c8', critical: '#b3261e', warning: '#9a6700' };

export function reportPdf(report: IncidentReport, font: CjkFont | null): Promise<PdfResult> {
  const l = report.locale;
  if (!font && l === 'ja') throw new MissingCjkFontError(rt(l, 'fallback.refused'));
  const notice = font ? null : rt(l, 'fallback.font');
  const asOf = new Date(report.asOf);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 60, left: 54, right: 54 },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    lang: l === 'ja' ? 'ja-JP' : 'en',
    displayTitle: true,
    info: {
      Title: font
        ? `${rt(l, 'doc.title')}: ${report.title}`
        : toLatin(`${rt(l, 'doc.title')}: ${report.title}`),
      Creator: 'Mimamori',
      Producer: 'Mimamori (PDFKit)',
      CreationDate: Number.isNaN(asOf.getTime()) ? new Date(0) : asOf,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (font?.postscriptName) doc.registerFont('cjk', font.data, font.postscriptName);
  else if (font) doc.registerFont('cjk', font.data);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  /** Sets the font for `s` and returns what to draw: CJK where needed (always in Japanese), else Helvetica. */
  const use = (s: string, bold = false): string => {
    if (font && (l === 'ja' || !isLatin(s))) {
      doc.font('cjk');
      return s;
    }
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    return font ? s : toLatin(s);
  };
  /** CJK fonts have no bold face here: a thin outline in the text's colour stands in for it. */
  const bolden = (color: string): { stroke?: boolean; fill?: boolean } => {
    if (!font || l !== 'ja') return {};
    doc.lineWidth(0.35).strokeColor(color);
    return { stroke: true, fill: true };
  };
  const fits = (h: number): void => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const heading = (s: string, size: number): void => {
    doc.fontSize(size);
    const t = use(s, true);
    fits(doc.heightOfString(t, { width }) + 40);
    doc.moveDown(0.8).fillColor(COLOR.text);
    doc.text(t, left, doc.y, { width, ...bolden(COLOR.text) });
    doc.moveDown(0.3);
  };
  const para = (s: string, size = 10, color = COLOR.text, indent = 0): void => {
    doc.fontSize(size).fillColor(color);
    const t = use(s);
    doc.text(t, left + indent, doc.y, { width: width - indent, lineGap: 2 });
  };
  /** "Label: value", the label muted, the value in its own font (a subject may be Japanese in an English PDF). */
  const field = (label: string, value: string, indent: number): void => {
    doc.fontSize(9).fillColor(COLOR.muted);
    const lt = use(`${label}: `);
    doc.text(lt, left + indent, doc.y, { width: width - indent, continued: true, lineGap: 1.5 });
    doc.fillColor(COLOR.text);
    doc.text(use(value), { continued: false, lineGap: 1.5 });
  };

  // Title and facts.
  doc.fontSize(10).fillColor(COLOR.muted);
  doc.text(use(rt(l, 'doc.title')), left, doc.y, { width });
  const titleColor = report.incident.severity === 'critical' ? COLOR.critical : COLOR.text;
  doc.fontSize(18).fillColor(titleColor);
  doc.text(use(report.title, true), { width, ...bolden(titleColor) });
  doc.moveDown(0.4);
  const facts = [
    `${rt(l, 'meta.incident')} #${report.incident.id}`,
    `${rt(l, 'meta.severity')}: ${report.severityLabel}`,
    `${rt(l, 'meta.status')}: ${report.statusLabel}`,
    `${rt(l, 'meta.vendor')}: ${report.vendorName}`,
  ].join('  ·  ');
  para(facts, 10);
  para(
    `${rt(l, 'meta.opened')}: ${formatTime(report.openedAt)}  ·  ${rt(l, 'meta.asOf')}: ${formatTime(report.asOf)}  ·  ${rt(l, 'meta.events')}: ${report.events.length}`,
    9,
    COLOR.muted,
  );
  if (notice) {
    doc.moveDown(0.6);
    para(notice, 9.5, COLOR.critical);
  }

  heading(rt(l, 'section.summary'), 13);
  para(report.explanation, 10.5);

  heading(rt(l, 'section.script'), 13);
  para(rt(l, 'script.intro'), 9, COLOR.muted);
  for (const p of report.script) {
    doc.moveDown(0.5);
    doc.fontSize(11).fillColor(COLOR.text);
    const to = use(rt(l, 'script.to', { name: p.to }), true);
    fits(doc.heightOfString(to, { width }) + 30);
    doc.text(to, left, doc.y, { width, ...bolden(COLOR.text) });
    doc.moveDown(0.2);
    para(p.text, 10.5, COLOR.text, 10);
  }

  heading(rt(l, 'section.timeline'), 13);
  for (const e of report.events) eventBlock(e);

  heading(rt(l, 'section.links'), 13);
  if (report.links.length === 0) para(rt(l, 'links.none'), 10, COLOR.muted);
  for (const k of report.links) {
    const line = `#${k.from.n} ${k.from.kindLabel} ${k.from.amountText} → #${k.to.n} ${k.to.kindLabel} ${k.to.amountText} (${k.to.vendorName}): ${k.text}${k.charge ? ` [${rt(l, 'links.charge')}]` : ''} (${k.rule}, ${Math.round(k.confidence * 100)}%)`;
    doc.fontSize(9.5);
    fits(doc.heightOfString(use(line), { width }) + 4);
    para(line, 9.5);
    doc.moveDown(0.3);
  }

  heading(rt(l, 'section.actions'), 13);
  if (report.actions.length === 0) para(rt(l, 'actions.none'), 10, COLOR.muted);
  for (const a of report.actions) {
    const source = rt(l, a.source === 'playbook' ? 'actions.source.playbook' : 'actions.source.history');
    const line = `${a.time}  ${a.label}${a.detail ? ` — ${a.detail}` : ''}  (${source})`;
    doc.fontSize(9.5);
    fits(doc.heightOfString(use(line), { width }) + 4);
    para(line, 9.5);
    doc.moveDown(0.2);
  }

  doc.moveDown(1);
  para(rt(l, 'doc.generatedBy'), 8.5, COLOR.muted);

  // Footer on every page. Writing below the bottom margin would start a new page: lift the margin meanwhile.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor(COLOR.muted);
    const footer = `Mimamori · ${rt(l, 'doc.title')} #${report.incident.id} · ${rt(l, 'doc.page', { n: i - range.start + 1, total: range.count })}`;
    doc.text(use(footer), left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done.then((bytes) => ({ bytes, notice }));

  function eventBlock(e: ReportEvent): void {
    const s = e.signal;
    const rows: [string, string][] = [];
    if (s.orderId) rows.push([rt(l, 'col.order'), s.orderId]);
    if (s.recipient) rows.push([rt(l, 'col.recipient'), s.recipient]);
    if (s.merchant) rows.push([rt(l, 'col.merchant'), s.merchant]);
    if (s.cardLast4) rows.push([rt(l, 'col.card'), `•••• ${s.cardLast4}`]);
    rows.push([rt(l, 'col.messageId'), s.message.messageId ? `<${s.message.messageId}>` : '—']);
    rows.push([rt(l, 'col.sender'), s.message.from]);
    rows.push([rt(l, 'col.subject'), s.message.subject]);
    rows.push([rt(l, 'col.verdict'), `${e.verdictText} (${s.authenticity.reason})`]);
    for (const k of e.linked) rows.push([rt(l, 'col.linked'), k]);
    const head = `#${e.n}  ${e.time}  ${e.kindLabel} · ${e.vendorName}${e.amountText ? `  ${e.amountText}` : ''}`;
    doc.fontSize(10.5);
    let h = doc.heightOfString(use(head), { width }) + 8;
    doc.fontSize(9);
    for (const [k, v] of rows) h += doc.heightOfString(use(`${k}: ${v}`), { width: width - 12 }) + 1.5;
    fits(Math.min(h, 300));
    doc.moveDown(0.5);
    const top = doc.y;
    const page = doc.page;
    const headColor = s.authenticity.verdict === 'suspicious' ? COLOR.critical : COLOR.text;
    doc.fontSize(10.5).fillColor(headColor);
    doc.text(use(head, true), left, doc.y, { width, ...bolden(headColor) });
    doc.moveDown(0.15);
    for (const [k, v] of rows) field(k, v, 12);
    if (doc.page === page && doc.y > top + 14) {
      doc
        .moveTo(left + 3, top + 14)
        .lineTo(left + 3, doc.y)
        .lineWidth(1.2)
        .strokeColor(s.kind === 'payment.charge' ? COLOR.warning : COLOR.rule)
        .stroke();
    }
  }
}
