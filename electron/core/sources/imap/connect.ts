/**
 * Connecting to an IMAP server: imapflow options from an account, failures classified into the few things a
 * user can act on, the certificate of a self-signed server fetched so the user can choose to trust it (as
 * Thunderbird's security exception, but pinned: the stored certificate becomes the account's only trust anchor).
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { ImapFlow, type FetchQueryObject, type ImapFlowOptions, type SearchObject } from 'imapflow';
import type {
  ConnectionFailure,
  ConnectionTest,
  Folder,
  FolderRole,
  TlsMode,
} from '../../../../shared/accounts';
import { MAX_PARSE_BYTES } from '../../parse/mime';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMode;
  readonly user: string;
  /** PEM of a certificate the user chose to trust: the only accepted trust anchor when set. */
  readonly trustedCert?: string | null;
  /** Accept any certificate (the scan command's --insecure-tls only). */
  readonly insecureTls?: boolean;
}

export interface ConnectOptions {
  readonly connectionTimeoutMs?: number;
  readonly socketTimeoutMs?: number;
}

const isIp = (h: string): boolean => net.isIP(h.replace(/^\[|\]$/g, '')) !== 0;

export function imapOptions(ep: Endpoint, password: string, opts: ConnectOptions = {}): ImapFlowOptions {
  const tlsOptions: tls.ConnectionOptions = {
    minVersion: 'TLSv1.2',
    ...(isIp(ep.host) ? {} : { servername: ep.host }),
    ...(ep.trustedCert ? { ca: [ep.trustedCert] } : {}),
    ...(ep.insecureTls ? { rejectUnauthorized: false } : {}),
  };
  return {
    host: ep.host.replace(/^\[|\]$/g, ''),
    port: ep.port,
    secure: ep.tls === 'implicit',
    // STARTTLS must happen when chosen: never let a stripped capability list downgrade to cleartext.
    doSTARTTLS: ep.tls === 'starttls' ? true : ep.tls === 'none' ? false : undefined,
    auth: { user: ep.user, pass: password },
    tls: tlsOptions,
    logger: false,
    disableAutoIdle: true,
    // RFC 2177 §3: re-issue IDLE at least every 29 minutes; some servers and NATs drop it sooner.
    maxIdleTime: 20 * 60_000,
    connectionTimeout: opts.connectionTimeoutMs ?? 20_000,
    greetingTimeout: 15_000,
    socketTimeout: opts.socketTimeoutMs ?? 10 * 60_000,
    // A message literal bigger than what we parse is never requested (fetch asks for a prefix), so a server
    // announcing one is broken or hostile.
    maxLiteralSize: MAX_PARSE_BYTES + 1024 * 1024,
    maxResponseSize: MAX_PARSE_BYTES + 8 * 1024 * 1024,
    clientInfo: { name: 'Mimamori' },
  } as ImapFlowOptions;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const TIMEOUT = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'ETIMEDOUT']);

export interface Classified {
  readonly failure: ConnectionFailure;
  readonly message: string;
}

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly failure: ConnectionFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What went wrong, in words a user can act on. Never includes the password (imapflow errors do not carry it). */
export function classify(err: unknown, ep: Pick<Endpoint, 'host' | 'port' | 'tls'>): Classified {
  const e = err as { code?: string; authenticationFailed?: boolean; message?: string; responseText?: string };
  const code = e?.code ?? '';
  const where = `${ep.host}:${ep.port}`;
  if (err instanceof ConnectionError) return { failure: err.failure, message: err.message };
  if (e?.authenticationFailed) {
    return {
      failure: 'auth',
      message: `${where} refused the user name or password${e.responseText ? ` ("${e.responseText}")` : ''}. Providers such as Gmail, iCloud and Yahoo need an app password.`,
    };
  }
  if (UNTRUSTED.has(code)) {
    return {
      failure: 'untrusted-certificate',
      message: `${where} presented a certificate no trusted authority signed (${code}).`,
    };
  }
  if (
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    code === 'CERT_HAS_EXPIRED' ||
    code === 'CERT_NOT_YET_VALID' ||
    /^ERR_(TLS|SSL)_/.test(code) ||
    code.startsWith('ERR_OSSL') ||
    code === 'ClosedAfterConnectTLS' ||
    code === 'STARTTLS_INJECTION'
  ) {
    const hint =
      code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ClosedAfterConnectTLS'
        ? ep.tls === 'implicit'
          ? ' The port may expect STARTTLS or no TLS: check the TLS mode.'
          : ''
        : '';
    return { failure: 'tls', message: `TLS with ${where} failed: ${e.message ?? code} (${code}).${hint}` };
  }
  if (code === 'MissingServerExtension' && /STARTTLS/i.test(e.message ?? '')) {
    return {
      failure: 'tls',
      message: `${where} does not offer STARTTLS, so the password would travel in clear text. Use implicit TLS (usually port 993).`,
    };
  }
  if (UNREACHABLE.has(code))
    return {
      failure: 'unreachable',
      message: `Cannot reach ${where} (${code}): check the host name, the port and the network.`,
    };
  if (TIMEOUT.has(code))
    return {
      failure: 'timeout',
      message:
        `${where} did not answer in time (${code}). ${ep.tls === 'none' ? '' : 'Check the port and the TLS mode.'}`.trim(),
    };
  if (
    code === 'ECONNRESET' ||
    code === 'NoConnection' ||
    code === 'EConnectionClosed' ||
    code === 'ClosedAfterConnectText'
  ) {
    return { failure: 'unreachable', message: `${where} closed the connection (${code}).` };
  }
  return {
    failure: 'protocol',
    message: `IMAP error from ${where}: ${e?.message ?? String(err)}${code ? ` (${code})` : ''}`,
  };
}

export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

function toPem(raw: Buffer): string {
  const b64 =
    raw
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * Fetches the server's certificate without trusting it, for the user to inspect (implicit TLS, or after the
 * STARTTLS exchange of RFC 3501 §6.2.1). Sends no credentials.
 */
export async function fetchServerCertificate(
  ep: Pick<Endpoint, 'host' | 'port' | 'tls'>,
  timeoutMs = 10_000,
): Promise<{ pem: string; fingerprint: string }> {
  const host = ep.host.replace(/^\[|\]$/g, '');
  const upgrade = (socket?: net.Socket): Promise<{ pem: string; fingerprint: string }> =>
    new Promise((resolve, reject) => {
      const s = tls.connect(
        {
          host,
          port: ep.port,
          ...(socket ? { socket } : {}),
          rejectUnauthorized: false,
          ...(isIp(host) ? {} : { servername: host }),
        },
        () => {
          const cert = s.getPeerCertificate();
          s.destroy();
          if (!cert?.raw) return reject(new Error('the server sent no certificate'));
          const pem = toPem(cert.raw);
          resolve({ pem, fingerprint: fingerprintOf(pem) });
        },
      );
      s.setTimeout(timeoutMs, () => s.destroy(new Error('timeout')));
      s.once('error', reject);
    });
  if (ep.tls === 'implicit') return upgrade();
  const socket = net.connect({ host, port: ep.port });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timeout')));
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    let sent = false;
    const onData = (d: Buffer): void => {
      buf += d.toString('latin1');
      if (!sent && /^\* OK/m.test(buf)) {
        sent = true;
        buf = '';
        socket.write('m1 STARTTLS\r\n');
      } else if (sent && /^m1 OK/m.test(buf)) {
        socket.off('data', onData);
        resolve();
      } else if (sent && /^m1 (NO|BAD)/m.test(buf)) {
        reject(new Error('the server refused STARTTLS'));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return upgrade(socket);
}

export function roleOf(path: string, specialUse: string | undefined): FolderRole {
  if (path.toUpperCase() === 'INBOX') return 'inbox';
  if (specialUse === '\\Junk') return 'junk';
  if (specialUse === '\\All') return 'all';
  return 'other';
}

export async function listFolders(client: ImapFlow): Promise<Folder[]> {
  const list = await client.list();
  return list
    .filter((m) => !m.flags.has('\\Noselect') && !m.flags.has('\\NonExistent'))
    .map((m) => {
      const role = roleOf(m.path, m.specialUse);
      return { path: m.path, role, selected: role !== 'other' };
    })
    .sort(
      (a, b) =>
        ['inbox', 'junk', 'all', 'other'].indexOf(a.role) -
          ['inbox', 'junk', 'all', 'other'].indexOf(b.role) || a.path.localeCompare(b.path),
    );
}

export function supportsImap4rev1(client: ImapFlow): boolean {
  const caps = client.capabilities;
  return caps.has('IMAP4rev1') || caps.has('IMAP4REV1') || caps.has('IMAP4rev2') || caps.has('IMAP4REV2');
}

/** Ends a session politely (LOGOUT), or drops the socket when the server does not answer. Never throws. */
export async function disconnect(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}

/** UID SEARCH, as a plain list (imapflow answers false when the search fails). */
export async function searchUids(client: ImapFlow, query: SearchObject): Promise<number[]> {
  const r = await client.search(query, { uid: true });
  return Array.isArray(r) ? r : [];
}

/** What a message fetch asks for: its UID, its size, and its source up to what the parser reads. */
export const FETCH_MESSAGE = {
  uid: true,
  size: true,
  source: { maxLength: MAX_PARSE_BYTES },
} as const satisfies FetchQueryObject;

/** Connects and logs in, or throws ConnectionError with a classified reason. */
export async function connect(ep: Endpoint, password: string, opts: ConnectOptions = {}): Promise<ImapFlow> {
  const client = new ImapFlow(imapOptions(ep, password, opts));
  // An 'error' event without a listener would crash the process; the caller learns through rejections.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    client.close();
    const c = classify(err, ep);
    throw new ConnectionError(c.failure, c.message);
  }
  if (!supportsImap4rev1(client)) {
    await disconnect(client);
    throw new ConnectionError(
      'not-imap4rev1',
      `${ep.host}:${ep.port} does not speak IMAP4rev1 (RFC 3501), which Mimamori needs.`,
    );
  }
  return client;
}

/** The connection test run before an account is saved: log in, check IMAP4rev1, list the folders. */
export async function testConnection(
  ep: Endpoint,
  password: string,
  opts: ConnectOptions = {},
): Promise<ConnectionTest> {
  let client: ImapFlow | null = null;
  try {
    client = await connect(ep, password, opts);
    const folders = await listFolders(client);
    const capabilities = [...client.capabilities.keys()].sort();
    return { ok: true, capabilities, folders };
  } catch (err) {
    const c = classify(err, ep);
    let fingerprint: string | null = null;
    if (c.failure === 'untrusted-certificate') {
      fingerprint = await fetchServerCertificate(ep).then(
        (x) => x.fingerprint,
        () => null,
      );
    }
    return { ok: false, failure: c.failure, message: c.message, fingerprint };
  } finally {
    if (client) await disconnect(client);
  }
}
