/**
 * A real, private Dovecot IMAP server for integration tests and benchmarks.
 *
 * `startDovecot()` writes its own dovecot.conf under a fresh directory (or `opts.dir`), makes a self-signed
 * certificate with openssl, and runs `/usr/sbin/dovecot -F -c <dir>/dovecot.conf` as a child process listening on
 * 127.0.0.1 only, on three free high ports. The system Dovecot service is never touched. Needs root (Dovecot
 * switches to the mail uid 65534 for every session) and the Debian package dovecot-imapd.
 *
 * Layout of `dir`:
 *   dovecot.conf      rewritten on every start from the instance's state (users, special-use mailboxes, ports)
 *   auth/             passwd-file ({PLAIN} passwords) and the per-port deny files (see "How the three ports differ")
 *   tls/              cert.pem (also `caCert`) and key.pem: CN=127.0.0.1, subjectAltName IP:127.0.0.1, DNS:localhost
 *   run/              base_dir: master.pid and the sockets (kept short: unix socket paths are limited to 108 bytes)
 *   state/            state_dir
 *   mail/<user>/      the user's Maildir++ (INBOX at the root, folder "A.B" in ".A.B"), owned by 65534:65534
 *   dovecot.log       every log line of the instance (log_path and info_log_path): read it when something fails
 *
 * How the three ports differ (one Dovecot instance, three `inet_listener`s under `service imap-login`):
 *   - `imaps`: `ssl = yes` on the listener: implicit TLS.
 *   - `plain` and `starttls` are both cleartext listeners with STARTTLS advertised (`ssl = yes` is global).
 *     Dovecot decides whether plaintext authentication is allowed from its "secured" flag, and a connection whose
 *     remote IP equals its local IP counts as secured: on loopback, neither `disable_plaintext_auth = yes` nor
 *     `ssl = required` refuses anything or advertises LOGINDISABLED (measured on 2.3.19), and both settings are
 *     global anyway, not per listener. So `disable_plaintext_auth = no`, and the STARTTLS port refuses cleartext
 *     logins in the passdb instead: a first passdb with `deny = yes` reads `auth/deny-%{lport}-%{secured}`, where
 *     %{secured} is "TLS" after STARTTLS (or on imaps) and "secured"/"" before it. Only the files for the STARTTLS
 *     port without TLS list the users; every other combination is an empty file. Result: on the STARTTLS port a
 *     LOGIN/AUTHENTICATE before STARTTLS fails with NO [AUTHENTICATIONFAILED] (the capability list still shows
 *     AUTH=PLAIN and no LOGINDISABLED), and after STARTTLS it succeeds. The plain port also offers STARTTLS but
 *     never requires it: a client that wants cleartext there must say so (imapflow: `doSTARTTLS: false`).
 *
 * Other choices:
 *   - `auth_failure_delay = 0` (default 2 s; Dovecot still answers a failure after ~0.5 s) and no auth penalty
 *     (after one failed login Dovecot would delay every later login from 127.0.0.1 by 2-15 s): fast negative tests.
 *   - `mail_max_userip_connections = 100` (the default 10 is easy to exhaust from one test), `mail_fsync = never`.
 *   - The inbox namespace declares `mailbox Junk { special_use = \Junk }` and nothing is auto-created: an
 *     "All Mail"-like folder exists only when a test creates one. Dovecot 2.3 ignores CREATE's USE (...) and
 *     refuses to set /private/specialuse, so `createMailbox(…, specialUse)` adds a `mailbox "<name>" { special_use
 *     = … }` block to the config (so: for every user of the instance), reloads Dovecot with SIGHUP and waits until
 *     LIST reports the flag.
 *   - IDLE, CONDSTORE and QRESYNC are in Dovecot's default post-login capabilities.
 *   - The master runs in its own process group, and stop() sends SIGTERM to the whole group: Dovecot 2.3's master
 *     leaves logged-in sessions running when it exits. An instance still running when the Node process exits gets
 *     the same SIGTERM from an 'exit' hook (not on SIGKILL: the next start on the same `dir` cleans up instead).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /**
   * Base directory for config, state and mail; kept. Default: a new mkdtemp directory under the OS temp dir,
   * removed when the process exits if the instance was stopped (MIMAMORI_KEEP_DOVECOT_DIRS=1 keeps it).
   */
  dir?: string;
}

export type SpecialUse = '\\Junk' | '\\All';

export interface Dovecot {
  /** Base directory holding config, state, mail and dovecot.log. */
  dir: string;
  host: '127.0.0.1';
  /**
   * plain: cleartext login allowed (STARTTLS offered but optional). starttls: STARTTLS offered, logins refused
   * before it. imaps: implicit TLS. All three use the self-signed certificate in `caCert`.
   */
  ports: { plain: number; starttls: number; imaps: number };
  /** PEM of the self-signed server certificate: pass it as `tls.ca` to verify the server. */
  caCert: string;
  users: DovecotUser[];
  /** Filesystem path of a user's Maildir: INBOX is the root, other mailboxes Maildir++ folders (".A.B"). */
  maildir(user: string, mailbox?: string): string;
  /**
   * Fast path for big fixtures: writes each message as a file in the mailbox's new/ (through tmp/, unique
   * names, owned by the mail uid), creating and subscribing the Maildir++ folder when needed. The server picks
   * the files up on its next sync (any SELECT/STATUS/NOOP). INTERNALDATE is the time of writing.
   */
  writeToMaildir(user: string, mailbox: string, messages: Buffer[]): void;
  /** A real IMAP APPEND through imapflow over the plain port (the mailbox is created when it does not exist). */
  append(user: string, mailbox: string, message: Buffer): Promise<{ uid: number }>;
  /**
   * CREATE and SUBSCRIBE; with specialUse, LIST reports that flag for the mailbox (see the module comment: it is
   * configuration, so it applies to that mailbox name for every user, and lives as long as this instance object).
   */
  createMailbox(user: string, mailbox: string, specialUse?: SpecialUse): Promise<void>;
  /**
   * Makes the server hand out a new UIDVALIDITY for the mailbox, with the same messages (new UIDs): stops
   * Dovecot, deletes the folder's dovecot-uidlist and index files (and the user's mailbox list index), starts
   * again and checks that UIDVALIDITY changed. Connected clients are disconnected, as by `restart()`.
   */
  /** The mailbox's UIDVALIDITY, by STATUS (RFC 3501 §6.3.10). */
  uidValidity(user: string, mailbox: string): Promise<bigint>;
  resetUidValidity(user: string, mailbox: string): Promise<void>;
  /**
   * SIGTERM to the master and its whole process group (logged-in sessions outlive the master otherwise); waits
   * until every process has exited and the ports are closed (0.1-1 s).
   */
  stop(): Promise<void>;
  /** (Re)start on the same ports and data; resolves when all three ports greet with "* OK". */
  start(): Promise<void>;
  restart(): Promise<void>;
}

const DOVECOT_BIN = process.env.MIMAMORI_DOVECOT_BIN ?? '/usr/sbin/dovecot';
const HOST = '127.0.0.1';
/** nobody:nogroup: Dovecot refuses to run mail processes as root. */
const MAIL_UID = 65534;
const MAIL_GID = 65534;
/**
 * Ports are picked below Linux's ephemeral range (32768-60999), so an outgoing connection cannot take one of
 * them as its source port while the instance is stopped between stop() and start().
 */
const PORT_MIN = 20000;
const PORT_MAX = 32767;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 20_000;
const DEFAULT_USERS: readonly DovecotUser[] = [{ user: 'alice', password: 'alice-password' }];

/** Ports handed out in this process, so that instances started back to back never pick the same ones. */
const claimedPorts = new Set<number>();
/**
 * Process groups of the instances not yet stopped (each master leads its own group: see start()), terminated if
 * the process exits without stopping them.
 */
const running = new Set<number>();
/**
 * Directories this module made with mkdtemp, removed at process exit when their instance is stopped (set
 * MIMAMORI_KEEP_DOVECOT_DIRS=1 to keep them for a post-mortem). A `dir` passed in is never removed.
 */
const tempDirs = new Map<string, { isRunning(): boolean }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of running) signalGroup(pgid, 'SIGTERM');
    if (process.env.MIMAMORI_KEEP_DOVECOT_DIRS) return;
    for (const [dir, instance] of tempDirs) {
      if (!instance.isRunning()) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Signals every process of a group; false when the group has no process left. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a group still has a live (not zombie) process. Zombies count for kill(0), hence /proc. */
function groupAlive(pgid: number): boolean {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat !== null && stat[2] === pgid && stat[0] !== 'Z') return true;
  }
  return false;
}

/** Waits until no live process of the group is left; SIGKILL after `timeoutMs`. */
async function waitGroupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      signalGroup(pgid, 'SIGKILL');
      await sleep(100);
      return;
    }
    await sleep(20);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isInbox(mailbox: string): boolean {
  return mailbox.toUpperCase() === 'INBOX';
}

/** RFC 3501 modified UTF-7, as Dovecot names Maildir++ folders and writes the subscriptions file. */
function encodeMutf7(name: string): string {
  let out = '';
  let pending: number[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const bytes = Buffer.alloc(pending.length * 2);
    pending.forEach((unit, i) => bytes.writeUInt16BE(unit, i * 2));
    out += `&${bytes.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = [];
  };
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit >= 0x20 && unit <= 0x7e) {
      flush();
      out += unit === 0x26 ? '&-' : name.charAt(i);
    } else {
      pending.push(unit);
    }
  }
  flush();
  return out;
}

function checkMailboxName(mailbox: string): void {
  if (isInbox(mailbox)) return;
  // "." is the hierarchy separator of the Maildir++ layout; "/", quotes, backslashes and control characters are
  // refused (they are not needed by any test and would need escaping in file names and dovecot.conf).
  const control = [...mailbox].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (
    mailbox === '' ||
    mailbox.startsWith('.') ||
    mailbox.endsWith('.') ||
    mailbox.includes('..') ||
    /[/"\\]/.test(mailbox) ||
    control
  ) {
    throw new Error(`dovecot harness: unsupported mailbox name ${JSON.stringify(mailbox)}`);
  }
}

function checkUsers(users: readonly DovecotUser[]): void {
  const seen = new Set<string>();
  for (const { user, password } of users) {
    if (!/^[A-Za-z0-9._@+-]+$/.test(user) || user.startsWith('.')) {
      throw new Error(`dovecot harness: unsupported user name ${JSON.stringify(user)}`);
    }
    if (password === '' || /[:\r\n]/.test(password)) {
      throw new Error(
        `dovecot harness: the password of ${user} must be non-empty, without ':' or line breaks`,
      );
    }
    if (seen.has(user)) throw new Error(`dovecot harness: duplicate user ${user}`);
    seen.add(user);
  }
  if (users.length === 0) throw new Error('dovecot harness: at least one user is needed');
}

/** mkdir owned by the mail uid, mode 0700 (as Dovecot creates them). */
function mkdirMail(dir: string): void {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
  fs.chownSync(dir, MAIL_UID, MAIL_GID);
}

function writeFileAtomic(file: string, content: string | Buffer, mode: number, owner?: number): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  if (owner !== undefined) fs.chownSync(tmp, owner, owner);
  fs.renameSync(tmp, file);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function pickPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempts = 0; ports.length < count; attempts++) {
    if (attempts > 500) throw new Error('dovecot harness: no free port found');
    const port = PORT_MIN + Math.floor(Math.random() * (PORT_MAX - PORT_MIN));
    if (claimedPorts.has(port) || ports.includes(port)) continue;
    if (await portIsFree(port)) ports.push(port);
  }
  for (const port of ports) claimedPorts.add(port);
  return ports;
}

/** Connects (TLS verified against `ca` when given) and resolves true once the server greets with "* OK". */
function greets(port: number, ca?: string): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    let received = '';
    const socket: net.Socket = ca
      ? tls.connect({ host: HOST, port, ca, rejectUnauthorized: true })
      : net.connect({ host: HOST, port });
    const done = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 2000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('\r\n')) done(received.startsWith('* OK'));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/** `[state, ppid, pgrp]` of a process from /proc/<pid>/stat, or null when there is no such process. */
function procStat(pid: number | string): [string, number, number] | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ")".
  const [state = '', ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [state, Number(ppid), Number(pgrp)];
}

/** Running, not a zombie: an orphaned zombie waits for init to reap it but holds no socket or file. */
function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== null && stat[0] !== 'Z';
}

function tail(file: string, lines: number): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } catch {
    return '(no log)';
  }
}

function quoteConf(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

class DovecotInstance implements Dovecot {
  readonly host = HOST;
  readonly ports: { plain: number; starttls: number; imaps: number };
  readonly caCert: string;
  readonly users: DovecotUser[];

  private child: ChildProcess | null = null;
  private childExit: Promise<void> | null = null;
  private stderr = '';
  private fileCounter = 0;
  /** Mailbox name → special-use flag, written into the inbox namespace of dovecot.conf. */
  private readonly specialUse = new Map<string, SpecialUse>([['Junk', '\\Junk']]);

  constructor(
    readonly dir: string,
    users: DovecotUser[],
    ports: number[],
    caCert: string,
  ) {
    this.users = users;
    this.caCert = caCert;
    const [plain, starttls, imaps] = ports;
    if (plain === undefined || starttls === undefined || imaps === undefined)
      throw new Error('three ports needed');
    this.ports = { plain, starttls, imaps };
  }

  get confPath(): string {
    return path.join(this.dir, 'dovecot.conf');
  }

  get logPath(): string {
    return path.join(this.dir, 'dovecot.log');
  }

  isRunning(): boolean {
    return this.child !== null;
  }

  private get baseDir(): string {
    return path.join(this.dir, 'run');
  }

  private userRoot(user: string): string {
    if (!this.users.some((u) => u.user === user)) throw new Error(`dovecot harness: unknown user ${user}`);
    return path.join(this.dir, 'mail', user);
  }

  maildir(user: string, mailbox = 'INBOX'): string {
    const root = this.userRoot(user);
    checkMailboxName(mailbox);
    return isInbox(mailbox) ? root : path.join(root, `.${encodeMutf7(mailbox)}`);
  }

  /** Writes dovecot.conf and the auth files from the current state. */
  writeConfig(): void {
    const authDir = path.join(this.dir, 'auth');
    fs.mkdirSync(authDir, { recursive: true, mode: 0o755 });
    const passwd = this.users
      .map(
        ({ user, password }) =>
          `${user}:{PLAIN}${password}:${MAIL_UID}:${MAIL_GID}::${this.userRoot(user)}::\n`,
      )
      .join('');
    writeFileAtomic(path.join(authDir, 'passwd'), passwd, 0o644);
    // Deny files named after %{lport}-%{secured}: only the STARTTLS port before TLS lists the users.
    for (const file of fs.readdirSync(authDir)) {
      if (file.startsWith('deny-')) fs.rmSync(path.join(authDir, file), { force: true });
    }
    const names = this.users.map(({ user }) => `${user}\n`).join('');
    for (const port of Object.values(this.ports)) {
      for (const secured of ['', 'secured', 'TLS']) {
        const deny = port === this.ports.starttls && secured !== 'TLS' ? names : '';
        writeFileAtomic(path.join(authDir, `deny-${port}-${secured}`), deny, 0o644);
      }
    }

    const mailboxes = [...this.specialUse]
      .map(([name, flag]) => `  mailbox ${quoteConf(name)} {\n    special_use = ${flag}\n  }\n`)
      .join('');
    const conf = `# Written by electron/core/testing/dovecot.ts for one private test instance; rewritten on every start.
base_dir = ${this.baseDir}
state_dir = ${path.join(this.dir, 'state')}
listen = ${HOST}
protocols = imap
log_path = ${this.logPath}
info_log_path = ${this.logPath}
auth_verbose = yes

ssl = yes
ssl_cert = <${path.join(this.dir, 'tls', 'cert.pem')}
ssl_key = <${path.join(this.dir, 'tls', 'key.pem')}
# Loopback connections count as "secured" whatever this says; the STARTTLS port is enforced by the deny passdb.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0

# Refuses logins on the STARTTLS port before STARTTLS. With auth_verbose it logs "passwd-file(user,...): unknown
# user" for every other login: that is this passdb finding nothing to deny, not a failure.
passdb {
  driver = passwd-file
  deny = yes
  args = ${authDir}/deny-%{lport}-%{secured}
}
passdb {
  driver = passwd-file
  args = ${authDir}/passwd
}
userdb {
  driver = passwd-file
  args = ${authDir}/passwd
}

mail_location = maildir:${path.join(this.dir, 'mail')}/%u
first_valid_uid = 1
first_valid_gid = 1
default_login_user = dovenull
default_internal_user = dovecot
mail_fsync = never
mail_max_userip_connections = 100

namespace inbox {
  inbox = yes
${mailboxes}}

# No auth penalty: after a failed login Dovecot would delay every later login from 127.0.0.1 by 2-15 s (anvil's
# PENALTY-GET). The auth process cannot open this socket, so it runs without penalties.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

service imap-login {
  inet_listener imap {
    port = ${this.ports.plain}
  }
  inet_listener imap-starttls {
    port = ${this.ports.starttls}
  }
  inet_listener imaps {
    port = ${this.ports.imaps}
    ssl = yes
  }
}
`;
    writeFileAtomic(this.confPath, conf, 0o644);
  }

  /** Creates every user's Maildir root (cur/new/tmp), owned by the mail uid. */
  prepareMail(): void {
    mkdirMail(path.join(this.dir, 'mail'));
    for (const { user } of this.users) this.ensureMaildir(user, 'INBOX');
  }

  private ensureMaildir(user: string, mailbox: string): string {
    const folder = this.maildir(user, mailbox);
    const root = this.userRoot(user);
    mkdirMail(root);
    mkdirMail(folder);
    for (const sub of ['cur', 'new', 'tmp']) mkdirMail(path.join(folder, sub));
    if (!isInbox(mailbox)) {
      const marker = path.join(folder, 'maildirfolder');
      if (!fs.existsSync(marker)) {
        fs.writeFileSync(marker, '', { mode: 0o600 });
        fs.chownSync(marker, MAIL_UID, MAIL_GID);
      }
      this.subscribeOnDisk(root, mailbox);
    }
    return folder;
  }

  /** Dovecot 2.3's subscriptions file: "V\t2\n\n", then one mUTF-7 name a line, hierarchy separated by tabs. */
  private subscribeOnDisk(root: string, mailbox: string): void {
    const file = path.join(root, 'subscriptions');
    const entry = encodeMutf7(mailbox).split('.').join('\t');
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : 'V\t2\n\n';
    if (current.split('\n').includes(entry)) return;
    const next = `${current}${current.endsWith('\n') ? '' : '\n'}${entry}\n`;
    writeFileAtomic(file, next, 0o600, MAIL_UID);
  }

  writeToMaildir(user: string, mailbox: string, messages: Buffer[]): void {
    const folder = this.ensureMaildir(user, mailbox);
    const tmpDir = path.join(folder, 'tmp');
    const newDir = path.join(folder, 'new');
    const host = os.hostname().replace(/[/:,]/g, '_');
    const salt = randomBytes(3).toString('hex');
    for (const message of messages) {
      const now = Date.now();
      const sec = Math.floor(now / 1000);
      const usec = (now % 1000) * 1000;
      // time.M<usec>P<pid>Q<n>R<random>.host,S=<size>: unique per process, instance and call; S= spares a stat.
      const name = `${sec}.M${usec}P${process.pid}Q${++this.fileCounter}R${salt}.${host},S=${message.length}`;
      const tmpPath = path.join(tmpDir, name);
      // writeFileSync + chownSync measured ~8x faster here than openSync/writeSync/fchownSync/closeSync.
      fs.writeFileSync(tmpPath, message, { mode: 0o600, flag: 'wx' });
      fs.chownSync(tmpPath, MAIL_UID, MAIL_GID);
      fs.renameSync(tmpPath, path.join(newDir, name));
    }
  }

  /** imapflow options for logging in as `user` on the plain port, in cleartext. */
  private clientOptions(user: string): ImapFlowOptions {
    const entry = this.users.find((u) => u.user === user);
    if (!entry) throw new Error(`dovecot harness: unknown user ${user}`);
    return {
      host: HOST,
      port: this.ports.plain,
      secure: false,
      doSTARTTLS: false,
      auth: { user: entry.user, pass: entry.password },
      logger: false,
    };
  }

  private async withClient<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow(this.clientOptions(user));
    // A dropped connection must reject the pending command, not crash the process with an unhandled 'error'.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async append(user: string, mailbox: string, message: Buffer): Promise<{ uid: number }> {
    checkMailboxName(mailbox);
    return this.withClient(user, async (client) => {
      let result;
      try {
        result = await client.append(mailbox, message);
      } catch (err) {
        if (isInbox(mailbox) || (err as { serverResponseCode?: string }).serverResponseCode !== 'TRYCREATE') {
          throw err;
        }
        await client.mailboxCreate(mailbox);
        await client.mailboxSubscribe(mailbox);
        result = await client.append(mailbox, message);
      }
      if (!result || result.uid === undefined) {
        throw new Error(`dovecot harness: APPEND to ${mailbox} returned no UID`);
      }
      return { uid: result.uid };
    });
  }

  async createMailbox(user: string, mailbox: string, specialUse?: SpecialUse): Promise<void> {
    checkMailboxName(mailbox);
    if (isInbox(mailbox)) throw new Error('dovecot harness: INBOX always exists');
    if (specialUse !== undefined && this.specialUse.get(mailbox) !== specialUse) {
      this.specialUse.set(mailbox, specialUse);
      this.writeConfig();
      await this.reload();
    }
    await this.withClient(user, async (client) => {
      await client.mailboxCreate(mailbox);
      await client.mailboxSubscribe(mailbox);
    });
    if (specialUse === undefined) return;
    // SIGHUP makes new sessions read the new config, a moment later: wait until LIST shows the flag.
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const flag = await this.withClient(user, async (client) => {
        const list = await client.list();
        // The raw LIST flags: imapflow's specialUse names one mailbox per flag, and a user may have two \Junk.
        return list.find((entry) => entry.path === mailbox)?.flags.has(specialUse);
      });
      if (flag) return;
      if (Date.now() > deadline) {
        throw new Error(
          `dovecot harness: LIST does not report ${specialUse} for ${mailbox} after reload\n${tail(this.logPath, 30)}`,
        );
      }
      await sleep(100);
    }
  }

  /** SIGHUP: Dovecot re-reads dovecot.conf; running sessions keep the old settings. */
  private async reload(): Promise<void> {
    const pid = this.child?.pid;
    if (pid === undefined) return; // not running: the next start reads the new config
    process.kill(pid, 'SIGHUP');
    await sleep(50);
    await this.waitReady(Date.now() + START_TIMEOUT_MS);
  }

  async uidValidity(user: string, mailbox: string): Promise<bigint> {
    const status = await this.withClient(user, (client) => client.status(mailbox, { uidValidity: true }));
    if (!status || status.uidValidity === undefined) {
      throw new Error(`dovecot harness: STATUS ${mailbox} gave no UIDVALIDITY`);
    }
    return status.uidValidity;
  }

  async resetUidValidity(user: string, mailbox: string): Promise<void> {
    const folder = this.maildir(user, mailbox);
    if (!fs.existsSync(folder)) throw new Error(`dovecot harness: ${user}'s ${mailbox} does not exist`);
    const wasRunning = this.child !== null;
    if (!wasRunning) await this.start();
    const before = await this.uidValidity(user, mailbox);
    await this.stop();
    // The uidlist holds UIDVALIDITY and the UID of every file; the indexes cache both. Without them Dovecot
    // rebuilds the mailbox from cur/ and new/ with a new UIDVALIDITY from the user's dovecot-uidvalidity
    // counter (always greater than the last one it handed out). Flags live in the file names and survive.
    for (const file of fs.readdirSync(folder)) {
      if (file.startsWith('dovecot-uidlist') || file.startsWith('dovecot.index')) {
        fs.rmSync(path.join(folder, file), { force: true });
      }
    }
    const root = this.userRoot(user);
    for (const file of fs.readdirSync(root)) {
      if (file.startsWith('dovecot.list.index')) fs.rmSync(path.join(root, file), { force: true });
    }
    await this.start();
    const after = await this.uidValidity(user, mailbox);
    if (!wasRunning) await this.stop();
    if (after === before) {
      throw new Error(`dovecot harness: UIDVALIDITY of ${mailbox} did not change (${before})`);
    }
  }

  async start(): Promise<void> {
    if (this.child) return;
    await this.killLeftover();
    this.writeConfig();
    this.stderr = '';
    // detached: the master leads a new process group that all its children inherit. Dovecot 2.3's master does not
    // take logged-in imap processes down with it (shutdown_clients notwithstanding, measured: a session survives
    // and keeps serving the old data), so stop() signals the whole group, as a real server restart would: each
    // session answers SIGTERM with "* BYE Server shutting down." and exits.
    const child = spawn(DOVECOT_BIN, ['-F', '-c', this.confPath], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });
    let exited = false;
    this.childExit = new Promise((resolve) => {
      child.once('exit', () => {
        exited = true;
        resolve();
      });
      child.once('error', (err) => {
        exited = true;
        this.stderr += `\nspawn ${DOVECOT_BIN}: ${err.message}`;
        resolve();
      });
    });
    // The test process may end while an instance runs: do not keep it alive, terminate Dovecot on exit.
    child.unref();
    (child.stderr as net.Socket | null)?.unref();
    this.child = child;
    if (child.pid !== undefined) running.add(child.pid);
    installExitHook();
    try {
      await this.waitReady(Date.now() + START_TIMEOUT_MS, () => exited);
    } catch (err) {
      await this.terminate().catch(() => undefined);
      throw err;
    }
  }

  private async waitReady(deadline: number, exited: () => boolean = () => false): Promise<void> {
    for (;;) {
      if (exited()) {
        throw new Error(
          `dovecot harness: dovecot exited during start (code ${this.child?.exitCode ?? '?'})` +
            `${this.stderr ? `\nstderr: ${this.stderr.trim()}` : ''}\n--- ${this.logPath} ---\n${tail(this.logPath, 30)}`,
        );
      }
      const ok = await Promise.all([
        greets(this.ports.plain),
        greets(this.ports.starttls),
        greets(this.ports.imaps, this.caCert),
      ]);
      if (ok.every(Boolean)) return;
      if (Date.now() > deadline) {
        throw new Error(
          `dovecot harness: ports ${JSON.stringify(this.ports)} not ready after ${START_TIMEOUT_MS} ms` +
            ` (plain ${ok[0]}, starttls ${ok[1]}, imaps ${ok[2]})` +
            `${this.stderr ? `\nstderr: ${this.stderr.trim()}` : ''}\n--- ${this.logPath} ---\n${tail(this.logPath, 30)}`,
        );
      }
      await sleep(25);
    }
  }

  /** A master left by an earlier run on this base_dir (crashed test, reused `dir`): terminate it and wait. */
  private async killLeftover(): Promise<void> {
    const pidFile = path.join(this.baseDir, 'master.pid');
    if (!fs.existsSync(pidFile)) return;
    const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
    const stat = Number.isInteger(pid) && pid > 1 ? procStat(pid) : null;
    if (stat === null || stat[0] === 'Z') return;
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return;
    }
    if (!cmdline.includes('dovecot')) return; // a recycled PID: Dovecot replaces the stale pid file itself
    const [, ppid, pgrp] = stat;
    if (ppid === process.pid) {
      throw new Error(`dovecot harness: ${this.dir} is in use by another running instance of this process`);
    }
    if (pgrp === pid) {
      // Started by this harness (it leads its own process group): take the sessions down with it.
      signalGroup(pid, 'SIGTERM');
      await waitGroupGone(pid, STOP_TIMEOUT_MS);
    } else {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (isAlive(pid) && Date.now() < deadline) await sleep(25);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    await this.terminate();
    // The master closes the listeners as it exits; wait until no login process still holds them.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const free = await Promise.all(Object.values(this.ports).map((port) => portIsFree(port)));
      if (free.every(Boolean)) break;
      await sleep(25);
    }
  }

  /**
   * SIGTERM to the group, then waits for the master's exit and for every other process of the group (SIGKILL
   * after STOP_TIMEOUT_MS). Signalling the master alone takes ~1 s more, and still leaves the sessions running.
   */
  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exit = this.childExit;
    const pgid = child.pid;
    if (child.exitCode === null && child.signalCode === null && pgid !== undefined) {
      signalGroup(pgid, 'SIGTERM');
      const timeout = sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const);
      if ((await Promise.race([exit, timeout])) === 'timeout') {
        signalGroup(pgid, 'SIGKILL');
      }
    }
    await exit;
    if (pgid !== undefined) {
      // Again, for any process the master forked while shutting down.
      signalGroup(pgid, 'SIGTERM');
      await waitGroupGone(pgid, STOP_TIMEOUT_MS);
      running.delete(pgid);
    }
    this.child = null;
    this.childExit = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

function makeCertificate(tlsDir: string): string {
  const cert = path.join(tlsDir, 'cert.pem');
  const key = path.join(tlsDir, 'key.pem');
  if (!fs.existsSync(cert) || !fs.existsSync(key)) {
    fs.mkdirSync(tlsDir, { recursive: true, mode: 0o755 });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '3650',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'pipe' },
    );
    fs.chmodSync(key, 0o600);
  }
  return fs.readFileSync(cert, 'utf8');
}

/**
 * Starts a private Dovecot (see the module comment). Stop it with `stop()`; an instance still running when the
 * process exits gets SIGTERM.
 */
export async function startDovecot(opts: DovecotOptions = {}): Promise<Dovecot> {
  if (process.getuid?.() !== 0)
    throw new Error('dovecot harness: needs root (Dovecot setuids to the mail user)');
  if (!fs.existsSync(DOVECOT_BIN)) {
    throw new Error(`dovecot harness: ${DOVECOT_BIN} not found (apt-get install dovecot-imapd)`);
  }
  const users = (opts.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
  checkUsers(users);
  const temporary = opts.dir === undefined;
  const dir = path.resolve(opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mimamori-dovecot-')));
  // The paths go unquoted into dovecot.conf and passdb args; unix socket paths under run/ must fit 108 bytes.
  if (/\s/.test(dir)) throw new Error(`dovecot harness: no whitespace in dir, please: ${dir}`);
  fs.mkdirSync(dir, { recursive: true });
  // Session processes run as 65534 and must traverse dir to reach mail/.
  fs.chmodSync(dir, 0o755);
  const caCert = makeCertificate(path.join(dir, 'tls'));

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const instance = new DovecotInstance(dir, users, await pickPorts(3), caCert);
    instance.prepareMail();
    try {
      await instance.start();
      if (temporary) tempDirs.set(dir, instance);
      return instance;
    } catch (err) {
      lastError = err;
      // Another process may have taken a port between the check and Dovecot's bind: try other ports.
      if (!/Address already in use/i.test(String(err))) throw err;
    }
  }
  throw lastError;
}
