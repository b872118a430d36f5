/**
 * The timeline review (issue 6) in the core: the filtered, searched, paginated timeline, the kept mail behind an
 * event, opening a mail's link through an allow-list, and the per-sender image allow-list. Core spreads
 * reviewHandlers() into its handler map, as it does the user rules'.
 */
import { decodeWords } from 'postal-mime';
import type { ApiInput, ApiOutput } from '../../shared/api';
import { MAX_TIMELINE_PAGE, type MailLink, type MessageDetail } from '../../shared/review';
import type { Logger } from './log';
import { decodeEntities } from './parse/html';
import { parseMail } from './parse/mime';
import { formatFrom } from './store/repo';
import { ReviewStore } from './store/review';
import type { Db } from './store/db';

export type ReviewMethod = 'timeline.query' | 'message.get' | 'links.open' | 'senders.allowImages';

export type ReviewHandlers = {
  [M in ReviewMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

export interface ReviewDeps {
  readonly db: Db;
  readonly log: Logger;
  readonly now: () => string;
  /** The shell's opener for the default browser (Electron: shell.openExternal); absent in the headless shell. */
  readonly openUrl?: ((url: string) => Promise<void> | void) | undefined;
  /** The core's error types, so its dispatcher answers not_found and invalid. */
  readonly notFound: (message: string) => Error;
  readonly invalid: (message: string) => Error;
}

export type UrlVerdict = { ok: true; url: string; host: string } | { ok: false; reason: string };

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The allow-list for opening a link from a mail in the default browser: http or https only, no user name or
 * password in it, a DNS name (no IP literal, no localhost, no single-label intranet name). The WHATWG URL parser
 * normalises first, so "http://0x7f.1/" is seen as the IP literal it is and "JaVaScRiPt:" as javascript:. The
 * Electron shell uses the same check for any window.open that reaches it.
 */
export function checkExternalUrl(input: string): UrlVerdict {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, reason: `${u.protocol.replace(/:$/, '')}: links are never opened` };
  if (u.username || u.password) return { ok: false, reason: 'the link carries a user name or password' };
  const host = u.hostname.toLowerCase();
  if (host.startsWith('[') || IPV4.test(host))
    return { ok: false, reason: 'the link points at an IP address' };
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.') || host.endsWith('.'))
    return { ok: false, reason: 'the link points at a local name' };
  return { ok: true, url: u.toString(), host };
}

const MAX_HEADERS = 500;
const MAX_HEADER_VALUE = 16 * 1024;
const MAX_LINKS = 500;

/** Every header of a raw message in order: names as written, folded lines joined, RFC 2047 words decoded. */
export function rawHeaders(raw: Uint8Array): { name: string; value: string }[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw.subarray(0, 256 * 1024));
  const end = /\r?\n\r?\n/.exec(text);
  const block = end ? text.slice(0, end.index) : text;
  const out: { name: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = out.at(-1);
      if (last && last.value.length < MAX_HEADER_VALUE) last.value += ` ${line.trim()}`;
      continue;
    }
    if (out.length >= MAX_HEADERS) break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return out.map((h) => {
    let value = h.value.slice(0, MAX_HEADER_VALUE);
    try {
      value = decodeWords(value);
    } catch {
      // an undecodable word stays as written
    }
    return { name: h.name, value };
  });
}

const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * The links a reader of the mail could follow: in an HTML mail each anchor with its text (what the frame shows;
 * never <base>, <link> or image URLs), in a text mail the URLs the parser found in the text.
 */
export function mailLinks(html: string | null, found: readonly string[]): MailLink[] {
  const out: MailLink[] = [];
  const seen = new Set<string>();
  if (html !== null) {
    for (const m of html.matchAll(ANCHOR)) {
      const h = HREF.exec(m[1] ?? '');
      const href = decodeEntities((h?.[1] ?? h?.[2] ?? h?.[3] ?? '').trim());
      if (!href || seen.has(href)) continue;
      seen.add(href);
      const text = decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
      out.push({ url: href, text: text || null });
      if (out.length >= MAX_LINKS) return out;
    }
    return out;
  }
  for (const url of found) {
    if (seen.has(url)) continue;
    seen.add(url);
    out.push({ url, text: null });
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}

export function reviewHandlers(deps: ReviewDeps): ReviewHandlers {
  const store = new ReviewStore(deps.db);
  return {
    'timeline.query': (input) =>
      store.query({
        filter: input.filter,
        order: input.order,
        cursor: input.cursor,
        limit: Math.min(input.limit ?? 200, MAX_TIMELINE_PAGE),
      }),

    'message.get': async (input): Promise<MessageDetail> => {
      const id = Number(input.signalId);
      const body = store.body(id);
      if (!body) {
        throw deps.notFound(
          store.signalExists(id)
            ? `the mail behind signal ${input.signalId} was not kept (imported before bodies were stored)`
            : `no signal ${input.signalId}`,
        );
      }
      const mail = await parseMail(body.raw, body.size);
      return {
        signalId: input.signalId,
        messageId: body.messageId,
        sender: body.sender,
        from: formatFrom(body.fromName, body.sender),
        subject: mail.subject || body.subject,
        date: body.dateIso,
        headers: rawHeaders(body.raw),
        text: mail.text,
        html: mail.html,
        links: mailLinks(mail.html, mail.links),
        authenticity: { verdict: body.verdict, reason: body.verdictReason },
        imagesAllowed: body.sender !== '' && store.imagesAllowed(body.sender),
        truncated: body.truncated,
        size: body.size,
      };
    },

    'links.open': async (input) => {
      const v = checkExternalUrl(input.url);
      if (!v.ok) {
        deps.log.log('warn', 'link refused', { reason: v.reason, signal: input.messageSignalId ?? null });
        throw deps.invalid(`this link is not opened: ${v.reason}`);
      }
      // The host only: a query string can carry tokens that do not belong in a log.
      deps.log.log('info', 'link opened', {
        host: v.host,
        signal: input.messageSignalId ?? null,
        by: deps.openUrl ? 'shell' : 'renderer',
      });
      if (!deps.openUrl) return { opened: false, url: v.url };
      await deps.openUrl(v.url);
      return { opened: true, url: v.url };
    },

    'senders.allowImages': (input) => {
      const sender = input.sender.toLowerCase();
      store.setImagesAllowed(sender, input.allow, deps.now());
      deps.log.log('info', input.allow ? 'images allowed' : 'images blocked', {
        domain: sender.slice(sender.lastIndexOf('@') + 1),
      });
      return { sender, allowed: input.allow };
    },
  };
}
