/**
 * `scan imaps://USER@HOST:PORT/MAILBOX` (and imap:// with STARTTLS): every message of one live mailbox, through
 * the same pipeline as files. RFC 5092 IMAP URLs, reduced to what a scan needs: user, host, port, mailbox.
 */
import type { TlsMode } from '../../../../shared/accounts';
import type { RawMessage } from '../files';
import { connect, disconnect, FETCH_MESSAGE, type Endpoint } from './connect';

export interface ImapUrl {
  readonly endpoint: Endpoint;
  readonly mailbox: string;
}

export function isImapUrl(s: string): boolean {
  return /^imaps?:\/\//i.test(s);
}

export function parseImapUrl(s: string, insecureTls = false): ImapUrl {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new Error(`not a valid IMAP URL: ${s}`);
  }
  const secure = u.protocol === 'imaps:';
  if (!secure && u.protocol !== 'imap:') throw new Error(`not an IMAP URL: ${s}`);
  if (u.password) throw new Error('put the password in MIMAMORI_IMAP_PASSWORD, never in the URL');
  const user = decodeURIComponent(u.username);
  if (!user) throw new Error('the URL needs a user: imaps://USER@HOST:PORT/MAILBOX');
  const tls: TlsMode = secure ? 'implicit' : 'starttls';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, '').replace(/;.*$/, '')) || 'INBOX';
  return {
    endpoint: {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 993 : 143,
      tls,
      user,
      insecureTls,
    },
    mailbox,
  };
}

/** Every message of the mailbox, oldest first, each fetched up to the size the parser reads. */
export async function* readImapMailbox(
  url: ImapUrl,
  password: string,
): AsyncGenerator<RawMessage & { size: number }> {
  const client = await connect(url.endpoint, password);
  try {
    const mb = await client.mailboxOpen(url.mailbox, { readOnly: true });
    if (mb.exists === 0) return;
    const label = `imap://${url.endpoint.user}@${url.endpoint.host}:${url.endpoint.port}/${url.mailbox}`;
    for await (const msg of client.fetch('1:*', FETCH_MESSAGE, { uid: true })) {
      yield {
        raw: msg.source ?? new Uint8Array(0),
        source: `${label}/${msg.uid}`,
        size: msg.size ?? msg.source?.length ?? 0,
      };
    }
  } finally {
    await disconnect(client);
  }
}
