/**
 * Watches one account: connect, sync every selected folder, then IDLE on INBOX (RFC 2177) with a periodic poll
 * as the fallback, a second connection IDLing on Junk where the server allows one, and reconnection with
 * exponential backoff and jitter. Every state change is reported, so the window and the tray can say what the
 * account is doing: connecting, syncing, idle, polling, backing off (and until when), or in error and why.
 */
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { AccountState, AccountStatus, SyncProgress } from '../../../../shared/accounts';
import type { RecogniseContext } from '../../pipeline';
import type { SecretStore } from '../../secrets/secrets';
import type { AccountRow, AccountsRepo, MailboxRow } from '../../store/accounts';
import type { Repo } from '../../store/repo';
import type { Logger } from '../../log';
import { classify, connect, ConnectionError, listFolders, type Endpoint } from './connect';
import { hasNewMail, syncMailbox } from './sync';

export interface WatcherDeps {
  readonly repo: Repo;
  readonly accounts: AccountsRepo;
  readonly secrets: SecretStore;
  readonly context: () => RecogniseContext;
  readonly tokens: () => readonly string[];
  readonly now: () => Date;
  /** After each committed batch: the core correlates and alerts (nothing to do when it stored no signal). */
  readonly afterBatch: (b: { stored: number; signals: number }) => void;
  readonly onStatus: (accountId: number, status: AccountStatus) => void;
  /** Test seams: shorter waits. */
  readonly backoff?: { baseMs: number; maxMs: number };
  readonly log?: Logger;
}

type WakeReason = 'new-mail' | 'poll' | 'sync-now' | 'reconnect' | 'stop' | 'closed';

/**
 * "Equal jitter" backoff: half the exponential delay fixed, half random, so many clients that lost the same
 * server do not come back in lockstep (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015).
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export function endpointOf(a: AccountRow): Endpoint {
  return { host: a.host, port: a.port, tls: a.tls, user: a.user, trustedCert: a.trusted_cert };
}

/** The latest sync time over the account's folders. */
function lastSyncAt(rows: readonly MailboxRow[]): string | null {
  const times = rows
    .map((m) => m.last_sync_at)
    .filter((t): t is string => t !== null)
    .sort();
  return times.at(-1) ?? null;
}

export class AccountWatcher {
  private status: AccountStatus = {
    state: 'stopped',
    reason: null,
    nextAttemptAt: null,
    lastSyncAt: null,
    backfill: null,
  };
  private stopped = true;
  private wake: ((r: WakeReason) => void) | null = null;
  private pendingWake: WakeReason | null = null;
  private client: ImapFlow | null = null;
  private junkClient: ImapFlow | null = null;
  private loop: Promise<void> | null = null;
  private rate: { at: number; done: number }[] = [];

  constructor(
    readonly accountId: number,
    private readonly deps: WatcherDeps,
  ) {}

  current(): AccountStatus {
    return this.status;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // A wake-up left from before the stop ('stop' itself, or 'closed') must not end the new session.
    this.pendingWake = null;
    this.loop = this.run().catch((err: unknown) => {
      this.setStatus('error', `the watcher stopped: ${(err as Error).message}`);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signal('stop');
    this.closeClients();
    await this.loop;
    this.loop = null;
    this.setStatus('stopped', null);
  }

  syncNow(): void {
    this.signal('sync-now');
  }

  /** After sleep or a network change: drop the connection, which may be dead without knowing it, and start over. */
  reconnect(): void {
    this.closeClients();
    this.signal('reconnect');
  }

  private signal(r: WakeReason): void {
    if (this.wake) {
      const w = this.wake;
      this.wake = null;
      w(r);
    } else if (r !== 'poll' && this.pendingWake !== 'stop') {
      this.pendingWake = r;
    }
  }

  private waitFor(ms: number): Promise<WakeReason> {
    if (this.pendingWake) {
      const r = this.pendingWake;
      this.pendingWake = null;
      return Promise.resolve(r);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve('poll');
      }, ms);
      this.wake = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
    });
  }

  private closeClients(): void {
    const clients = [this.client, this.junkClient];
    // Cleared first: a client we close ourselves is no longer current, so its 'close' wakes nobody.
    this.client = null;
    this.junkClient = null;
    for (const c of clients) c?.close();
  }

  private setStatus(state: AccountState, reason: string | null, nextAttemptAt: Date | null = null): void {
    if (state !== this.status.state || reason !== this.status.reason) {
      this.deps.log?.log(state === 'error' || state === 'backoff' ? 'warn' : 'info', `account ${state}`, {
        account: this.accountId,
        reason,
        next: nextAttemptAt ? nextAttemptAt.toISOString() : null,
      });
    }
    const boxes = this.deps.accounts.mailboxes(this.accountId);
    this.status = {
      state,
      reason,
      nextAttemptAt: nextAttemptAt ? nextAttemptAt.toISOString() : null,
      lastSyncAt: lastSyncAt(boxes),
      backfill: this.progress(boxes),
    };
    this.deps.onStatus(this.accountId, this.status);
  }

  /** Backfill progress over the selected folders, with the rate over the last minute of work. */
  private progress(rows: readonly MailboxRow[]): SyncProgress | null {
    const boxes = rows.filter((m) => m.selected && m.uid_validity !== null);
    const running = boxes.filter((m) => m.backfill_below !== null);
    if (running.length === 0) return null;
    const total = boxes.reduce((s, m) => s + m.backfill_total, 0);
    const done = boxes.reduce((s, m) => s + Math.min(m.backfill_done, m.backfill_total), 0);
    const now = this.deps.now().getTime();
    this.rate.push({ at: now, done });
    this.rate = this.rate.filter((r) => now - r.at <= 60_000);
    const first = this.rate[0];
    const seconds = first ? (now - first.at) / 1000 : 0;
    const rate = first && seconds > 0 ? (done - first.done) / seconds : 0;
    return {
      done,
      total,
      rate: Math.round(rate * 10) / 10,
      etaSeconds: rate > 0 ? Math.round((total - done) / rate) : null,
    };
  }

  private async run(): Promise<void> {
    const { baseMs, maxMs } = this.deps.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };
    let attempt = 0;
    while (!this.stopped) {
      const account = this.deps.accounts.get(this.accountId);
      if (!account) return;
      try {
        this.setStatus('connecting', null);
        const password = await this.deps.secrets.get(String(this.accountId), 'password');
        if (password === null)
          throw new ConnectionError(
            'auth',
            'No password is stored in the keychain for this account: edit the account and enter it again.',
          );
        const client = await connect(endpointOf(account), password);
        this.client = client;
        client.on('close', () => {
          if (this.client === client) this.signal('closed');
        });
        client.on('exists', (e: { path: string; count: number; prevCount: number }) => {
          if (e.count > e.prevCount) {
            this.deps.log?.log('info', 'new mail pushed', { account: this.accountId, mailbox: e.path });
            this.signal('new-mail');
          }
        });
        await this.refreshFolders(client);
        attempt = 0;
        await this.session(client, account, password);
      } catch (err) {
        if (this.stopped) break;
        const c = classify(err, endpointOf(account));
        this.closeClients();
        if (c.failure === 'auth' || c.failure === 'untrusted-certificate' || c.failure === 'not-imap4rev1') {
          // Retrying cannot fix these: wait for the user (an edit restarts the watcher) or a manual sync.
          this.setStatus('error', c.message);
          await this.waitFor(maxMs * 6);
          continue;
        }
        attempt++;
        const delay = backoffDelay(attempt, baseMs, maxMs);
        this.setStatus('backoff', c.message, new Date(this.deps.now().getTime() + delay));
        const r = await this.waitFor(delay);
        if (r === 'stop') break;
      }
    }
  }

  /** Folder list changes are picked up at every connection; the user's choices are kept. */
  private async refreshFolders(client: ImapFlow): Promise<void> {
    const folders = await listFolders(client);
    const known = new Map(this.deps.accounts.mailboxes(this.accountId).map((m) => [m.path, m]));
    this.deps.accounts.db.transaction(() => {
      for (const f of folders) {
        const existing = known.get(f.path);
        this.deps.accounts.upsertMailbox(
          this.accountId,
          f.path,
          f.role,
          existing ? existing.selected === 1 : f.selected,
        );
      }
      for (const path of known.keys()) {
        if (!folders.some((f) => f.path === path)) this.deps.accounts.deleteMailbox(this.accountId, path);
      }
    })();
  }

  /** Syncs the selected folders; returns INBOX's EXISTS from before its sync searched, when INBOX was synced. */
  private async syncFolders(
    client: ImapFlow,
    account: AccountRow,
    password: string,
    only: 'all' | 'changed',
    selectedExists?: number,
  ): Promise<number | undefined> {
    let inboxExists: number | undefined;
    const boxes = this.deps.accounts.mailboxes(this.accountId).filter((m) => m.selected);
    // The search tokens are the same for every folder of this pass.
    const tokens = this.deps.tokens();
    for (const m of boxes) {
      if (this.stopped) return inboxExists;
      if (
        only === 'changed' &&
        !(await hasNewMail(client, this.deps.accounts, this.accountId, m.path, selectedExists))
      )
        continue;
      this.setStatus('syncing', null);
      const r = await syncMailbox(
        {
          client,
          accountId: this.accountId,
          repo: this.deps.repo,
          accounts: this.deps.accounts,
          context: this.deps.context,
          tokens,
          backfillMonths: account.backfill_months,
          now: this.deps.now,
          // A first sync of a large mailbox splits its SEARCH with a short-lived second session.
          openHelper: () => connect(endpointOf(account), password),
          afterBatch: (b) => {
            this.deps.log?.log('info', 'batch stored', {
              account: this.accountId,
              mailbox: b.path,
              stored: b.stored,
              signals: b.signals,
            });
            this.deps.afterBatch(b);
            this.setStatus('syncing', null);
          },
        },
        m.path,
      );
      if (m.role === 'inbox') inboxExists = r.existsBefore;
    }
    return inboxExists;
  }

  private async session(client: ImapFlow, account: AccountRow, password: string): Promise<void> {
    let scope: 'all' | 'changed' = 'all';
    let selectedExists: number | undefined;
    let again = 0;
    void this.idleJunk(account, password, client);
    while (!this.stopped && client.usable) {
      const synced = await this.syncFolders(client, account, password, scope, selectedExists);
      if (this.stopped || !client.usable) break;
      scope = 'changed';
      const open = client.mailbox as MailboxObject | false;
      if (open && open.path === 'INBOX') {
        // Still selected after its own sync: no new SELECT (a server re-reads a large mailbox for it). The
        // baseline is EXISTS from before that sync searched, so anything that arrived since wakes us.
        if (synced !== undefined) selectedExists = synced;
      } else {
        const inbox = await client.mailboxOpen('INBOX', { readOnly: true });
        selectedExists = inbox.exists;
        // A mail that arrived between INBOX's sync and this SELECT is counted in EXISTS and would raise no
        // IDLE event: UIDNEXT tells, so sync again now instead of waiting for the poll.
        const state = this.deps.accounts.mailbox(this.accountId, 'INBOX');
        if (
          state?.selected &&
          typeof state.uid_next === 'number' &&
          inbox.uidNext > state.uid_next &&
          again++ < 3
        ) {
          continue;
        }
      }
      again = 0;
      const pollMs = account.poll_seconds * 1000;
      this.setStatus('idle', null, new Date(this.deps.now().getTime() + pollMs));
      // IDLE runs until the next command: the sync that a wake-up starts ends it (RFC 2177 "DONE").
      client.idle().catch(() => undefined);
      const reason = await this.waitFor(pollMs);
      if (reason === 'stop') break;
      if (reason === 'closed' || reason === 'reconnect' || !client.usable) {
        throw new ConnectionError(
          'unreachable',
          `the connection to ${account.host}:${account.port} was lost`,
        );
      }
      if (reason === 'poll') this.setStatus('polling', null);
    }
  }

  /** A second connection IDLing on the Junk folder, where genuine notices often land. Best effort. */
  private async idleJunk(account: AccountRow, password: string, main: ImapFlow): Promise<void> {
    const junk = this.deps.accounts.mailboxes(this.accountId).find((m) => m.role === 'junk' && m.selected);
    if (!junk) return;
    try {
      const c = await connect(endpointOf(account), password);
      // Stopped, or the session that asked for it is gone (a newer one starts its own): never leak it.
      if (this.stopped || this.client !== main || this.junkClient !== null) return c.close();
      this.junkClient = c;
      c.on('exists', (e: { count: number; prevCount: number }) => {
        if (e.count > e.prevCount) this.signal('new-mail');
      });
      await c.mailboxOpen(junk.path, { readOnly: true });
      await c.idle();
    } catch {
      // The server may limit connections: the poll covers Junk then.
    }
  }
}
