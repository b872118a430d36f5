/**
 * A Japanese font for the PDF report. PDFKit's built-in fonts cover Latin only, and we ship no font of our own
 * (a CJK font is 5–20 MB), so the report uses one the system already has, embedded as a subset of the glyphs it
 * uses. Found at run time from a list of well-known paths per platform; MIMAMORI_CJK_FONT names another
 * ("/path/font.ttf", or "/path/fonts.ttc#PostScriptName" for a collection), or "none" to use none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

export interface FontCandidate {
  readonly path: string;
  /** Which face of a collection (.ttc): its PostScript name. */
  readonly postscriptName?: string;
}

export interface CjkFont extends FontCandidate {
  readonly data: Buffer;
}

/** Common places, most preferred first; paths of other platforms simply do not exist. */
export function defaultCandidates(env: NodeJS.ProcessEnv = process.env): FontCandidate[] {
  const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
  const win = (file: string, postscriptName?: string): FontCandidate => ({
    path: path.win32.join(windir, 'Fonts', file),
    ...(postscriptName ? { postscriptName } : {}),
  });
  return [
    // Debian and Ubuntu: fonts-ipafont-gothic (scripts/system-deps.sh installs it;
    // ipagp is its proportional face, kinder to Latin text), fonts-noto-cjk, Takao.
    { path: '/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf' },
    { path: '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf' },
    { path: '/usr/share/fonts/truetype/fonts-japanese-gothic.ttf' },
    {
      path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKjp-Regular',
    },
    { path: '/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf' },
    // Fedora, Arch and others.
    {
      path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKjp-Regular',
    },
    { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKjp-Regular' },
    { path: '/usr/share/fonts/ipa-gothic/ipag.ttf' },
    { path: '/usr/share/fonts/TTF/ipag.ttf' },
    // macOS.
    { path: '/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc', postscriptName: 'HiraginoSans-W3' },
    { path: '/System/Library/Fonts/Hiragino Sans GB.ttc', postscriptName: 'HiraginoSansGB-W3' },
    { path: '/System/Library/Fonts/Supplemental/Arial Unicode.ttf' },
    { path: '/Library/Fonts/Arial Unicode.ttf' },
    // Windows.
    win('YuGothM.ttc', 'YuGothic-Medium'),
    win('YuGothR.ttc', 'YuGothic-Regular'),
    win('msgothic.ttc', 'MS-Gothic'),
    win('meiryo.ttc', 'Meiryo'),
  ];
}

/** MIMAMORI_CJK_FONT first, then the defaults; "none" means no CJK font at all. */
export function fontCandidates(env: NodeJS.ProcessEnv = process.env): FontCandidate[] {
  const chosen = env.MIMAMORI_CJK_FONT?.trim();
  if (chosen === 'none') return [];
  const defaults = defaultCandidates(env);
  if (!chosen) return defaults;
  const hash = chosen.lastIndexOf('#');
  const own: FontCandidate =
    hash > 0 ? { path: chosen.slice(0, hash), postscriptName: chosen.slice(hash + 1) } : { path: chosen };
  return [own, ...defaults];
}

/** Code points the font must have: kana, the kanji of 楽天銀行, and the full-width yen sign. */
const PROBE = [0x3042, 0x30a2, 0x697d, 0x9280, 0xffe5];

interface FontkitFace {
  hasGlyphForCodePoint?(cp: number): boolean;
}

/** True when PDFKit can open the font and it has Japanese glyphs. */
function usable(data: Buffer, postscriptName: string | undefined): boolean {
  try {
    const probe = new PDFDocument({ autoFirstPage: false });
    if (postscriptName) probe.font(data, postscriptName);
    else probe.font(data);
    // PDFKit keeps the fontkit face it opened on its current font; check it covers Japanese.
    const face = (probe as unknown as { _font?: { font?: FontkitFace } })._font?.font;
    return face?.hasGlyphForCodePoint ? PROBE.every((cp) => face.hasGlyphForCodePoint?.(cp) === true) : true;
  } catch {
    return false;
  }
}

const cache = new Map<string, CjkFont | null>();

/** The first usable candidate, read once per process; null when there is none. */
export function findCjkFont(candidates: readonly FontCandidate[] = fontCandidates()): CjkFont | null {
  const key = JSON.stringify(candidates);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let found: CjkFont | null = null;
  for (const c of candidates) {
    if (!existsSync(c.path)) continue;
    let data: Buffer;
    try {
      data = readFileSync(c.path);
    } catch {
      continue;
    }
    if (usable(data, c.postscriptName)) {
      found = { ...c, data };
      break;
    }
  }
  cache.set(key, found);
  return found;
}
