/**
 * Mail HTML made inert for the detail pane. The core hands over the body as it came; here DOMPurify keeps an
 * explicit list of layout tags and attributes (no script, no meta refresh, no base, no forms, no frames, no SVG),
 * CSS loses @import and every remote url(), remote images become a placeholder unless the user allowed that
 * sender, and every link loses its href (links open only through the list under the body, which shows where each
 * really goes). The result is shown in an <iframe sandbox=""> (no scripts, opaque origin) whose srcdoc carries a
 * strict CSP of its own, so even a sanitiser bypass could neither run script nor load anything remote.
 */
import DOMPurify from 'dompurify';
import { mailFrameCsp } from '../../shared/csp';

const ALLOWED_TAGS = [
  'html',
  'head',
  'body',
  'style',
  'a',
  'abbr',
  'address',
  'article',
  'b',
  'big',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'font',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'li',
  'main',
  'mark',
  'nav',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'section',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'tt',
  'u',
  'ul',
  'wbr',
];

const ALLOWED_ATTR = [
  'align',
  'alt',
  'background',
  'bgcolor',
  'border',
  'cellpadding',
  'cellspacing',
  'class',
  'color',
  'colspan',
  'dir',
  'face',
  'height',
  'href',
  'lang',
  'rowspan',
  'size',
  'span',
  'src',
  'srcset',
  'start',
  'style',
  'title',
  'type',
  'valign',
  'width',
];

/** Schemes a link or image may carry (no file:, javascript:, data: except images, vbscript:, …); plain values pass. */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|tel|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** What a blocked image shows: a grey box saying so, as an inline SVG (no script can run in an <img>). */
export const IMAGE_PLACEHOLDER = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="32" viewBox="0 0 48 32"><rect width="48" height="32" fill="#d8dde3"/><path d="M10 24l9-10 7 7 5-5 7 8z" fill="#9aa5b1"/></svg>',
)}`;

export interface SanitisedMail {
  /** A complete document for the frame's srcdoc, CSP included. */
  readonly srcdoc: string;
  /** Every link of the HTML, in order, with its text: the only way to open one. */
  readonly links: { text: string; url: string }[];
  /** Remote images (and backgrounds) replaced by the placeholder or removed. */
  readonly blockedImages: number;
}

const isRemote = (url: string): boolean => /^(?:https?:)?\/\//i.test(url.trim());
const isHttps = (url: string): boolean => /^https:\/\//i.test(url.trim());

/** CSS escapes can spell anything ("@\69mport", "u\72l("): read them before looking for what is forbidden. */
function unescapeCss(css: string): string {
  return css
    .replace(/\\([0-9a-f]{1,6})[ \t\r\n\f]?/gi, (_m, hex: string) => {
      const cp = Number.parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    })
    .replace(/\\([^\r\n\f0-9a-f])/gi, '$1');
}

const DANGEROUS_CSS = /@import|url\s*\(|image-set\s*\(|@font-face|expression\s*\(|behavior\s*:|-moz-binding/i;

/**
 * Removes @import and @font-face, and replaces every url() that is not a data: URL (or, with remote images
 * allowed, an https: one) with `none`. A counter sees each remote reference dropped.
 */
export function cleanCss(input: string, allowImages: boolean, count: { n: number } = { n: 0 }): string {
  let css = input.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '');
  const unescaped = unescapeCss(css);
  if (unescaped !== css && DANGEROUS_CSS.test(unescaped)) css = unescaped;
  css = css
    .replace(/@import[^;]*(?:;|$)/gi, () => {
      count.n++;
      return '';
    })
    .replace(/@font-face\s*\{[^}]*\}?/gi, '')
    .replace(/(?:-webkit-)?image-set\s*\([^)]*\)/gi, () => {
      count.n++;
      return 'none';
    })
    .replace(/url\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)/gi, (m, a?: string, b?: string, c?: string) => {
      const url = (a ?? b ?? c ?? '').trim();
      if (/^data:image\//i.test(url)) return m;
      if (allowImages && isHttps(url)) return m;
      count.n++;
      return 'none';
    })
    .replace(/expression\s*\(|behavior\s*:|-moz-binding/gi, '');
  // Never let a style's text close its element: the frame's document is serialised and parsed again.
  return css.replace(/</g, '\\3c ');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FRAME_STYLE = `
  html { color-scheme: light; }
  body { margin: 12px; font: 14px/1.5 system-ui, 'Hiragino Sans', 'Noto Sans CJK JP', sans-serif;
         color: #1b1f24; background: #fff; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  a { color: #1565c0; text-decoration: underline; cursor: default; }
  table { max-width: 100%; }
`;

/** Sanitises mail HTML for the detail pane's frame (see the module comment). Needs a DOM (the renderer). */
export function sanitiseMail(html: string, opts: { allowImages: boolean }): SanitisedMail {
  const purify = DOMPurify(window);
  const links: { text: string; url: string }[] = [];
  const count = { n: 0 };

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) {
      node.textContent = cleanCss(node.textContent, opts.allowImages, count);
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (typeof el.getAttribute !== 'function') return;
    const tag = el.tagName.toLowerCase();
    const style = el.getAttribute('style');
    if (style !== null)
      el.setAttribute('style', cleanCss(style, opts.allowImages, count).replace(/\\3c /g, ''));
    if (tag === 'a') {
      const href = el.getAttribute('href');
      if (href && !href.startsWith('#')) {
        links.push({ text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), url: href.trim() });
      }
      // Inert: a click inside the sandboxed frame must go nowhere; the list under the body opens links.
      el.removeAttribute('href');
      el.removeAttribute('target');
      if (href) el.setAttribute('title', href);
    }
    if (tag === 'img') {
      const src = el.getAttribute('src') ?? '';
      if (/^data:image\//i.test(src)) {
        // inline image: nothing leaves the machine
      } else if (opts.allowImages && isHttps(src)) {
        el.setAttribute('referrerpolicy', 'no-referrer');
      } else {
        if (src && (isRemote(src) || /^cid:/i.test(src))) count.n++;
        el.setAttribute('src', IMAGE_PLACEHOLDER);
      }
      const srcset = el.getAttribute('srcset');
      if (srcset !== null) {
        const candidates = srcset.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '');
        if (!opts.allowImages || !candidates.every((c) => isHttps(c) || /^data:image\//i.test(c))) {
          el.removeAttribute('srcset');
          if (candidates.some(isRemote)) count.n++;
        }
      }
    } else {
      el.removeAttribute('src');
      el.removeAttribute('srcset');
    }
    const background = el.getAttribute('background');
    if (
      background !== null &&
      !(/^data:image\//i.test(background) || (opts.allowImages && isHttps(background)))
    ) {
      el.removeAttribute('background');
      if (isRemote(background)) count.n++;
    }
  });

  const root = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    FORBID_TAGS: [
      'meta',
      'link',
      'base',
      'script',
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'svg',
      'math',
    ],
  }) as Element;
  purify.removeAllHooks();

  // The styles of <head> and <body> go into the frame's head; the body goes in as it is, now inert.
  const styles = [...root.querySelectorAll('style')].map((s) => {
    const css = s.textContent ?? '';
    s.remove();
    return css;
  });
  const body = root.querySelector('body');
  const bodyHtml = body ? body.outerHTML : `<body>${root.innerHTML}</body>`;
  const csp = mailFrameCsp({ remoteImages: opts.allowImages });
  const srcdoc = [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<style>${FRAME_STYLE}</style>`,
    ...styles.map((css) => `<style>${css}</style>`),
    `</head>${bodyHtml}</html>`,
  ].join('');
  return { srcdoc, links, blockedImages: count.n };
}
