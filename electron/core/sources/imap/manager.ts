/**
 * All accounts' watchers, and the account operations the contract offers: test, add, update, remove. The
 * password goes from the form to the keychain and nowhere else; a failed connection test saves nothing.
 */
import {
  DEFAULT_BACKFILL_MONTHS,
  DEFAULT_POLL_SECONDS,
  type Account,
  type AccountInput,
  type AccountStatus,
  type ConnectionTest,
} from '../../../../shared/accounts';
import { KeychainUnavailableError, type SecretStore } from '../../secrets/secrets';
import { inputOf, type AccountRow, type AccountsRepo } from '../../store/accounts';
import { classify, fetchServerCertificate, testConnection, type Endpoint } from './connect';
import { AccountWatcher, type WatcherDeps } from './watcher';

export class AccountError extends Error {
  override readonly name = 'AccountError';
}

export interface ManagerDeps extends Omit<WatcherDeps, 'onStatus'> {
  readonly onChange: () => void;
  /** Connection-test timeouts (shorter in tests). */
  readonly connectTimeoutMs?: number;
}

/** Detects a sleep (the clock jumped ahead of the timer) and reconnects everything on wake. */
const HEARTBEAT_MS = 15_000;
const SLEEP_GAP_MS = 60_000;

export class ImapManager {
  private readonly watchers = new Map<number, AccountWatcher>();
  private heartbeat: NodeJS.Timeout | null = null;
  private lastBeat = Date.now();
  private running = false;

  constructor(private readonly deps: ManagerDeps) {}

  private get accounts(): AccountsRepo {
    return this.deps.accounts;
  }

  private get secrets(): SecretStore {
    return this.deps.secrets;
  }

  start(): void {
    this.running = true;
    for (const a of this.accounts.list()) if (!a.paused) this.watcher(a.id).start();
    this.lastBeat = Date.now();
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      if (now - this.lastBeat > SLEEP_GAP_MS) this.resumed();
      this.lastBeat = now;
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
  }

  /** After sleep/wake or a network change (the Electron shell also calls this from powerMonitor). */
  resumed(): void {
    for (const w of this.watchers.values()) w.reconnect();
  }

  private watcher(id: number): AccountWatcher {
    let w = this.watchers.get(id);
    if (!w) {
      w = new AccountWatcher(id, { ...this.deps, onStatus: () => this.deps.onChange() });
      this.watchers.set(id, w);
    }
    return w;
  }

  /** The account's status; a caller holding its row passes the row, which saves reading it again. */
  status(account: number | AccountRow): AccountStatus {
    const row = typeof account === 'number' ? this.accounts.get(account) : account;
    const id = typeof account === 'number' ? account : account.id;
    const current = this.watchers.get(id)?.current();
    // A paused account's watcher has stopped and says so: the row knows that the user asked for it.
    if (row?.paused) {
      return {
        state: 'paused',
        reason: null,
        nextAttemptAt: null,
        lastSyncAt: current?.lastSyncAt ?? null,
        backfill: null,
      };
    }
    return (
      current ?? { state: 'stopped', reason: null, nextAttemptAt: null, lastSyncAt: null, backfill: null }
    );
  }

  view(row: AccountRow, hasSecret: boolean): Account {
    return {
      id: String(row.id),
      label: row.label,
      host: row.host,
      port: row.port,
      tls: row.tls,
      user: row.user,
      trustedFingerprint: row.trusted_fingerprint,
      backfillMonths: row.backfill_months,
      pollSeconds: row.poll_seconds,
      folders: this.accounts
        .mailboxes(row.id)
        .map((m) => ({ path: m.path, role: m.role, selected: m.selected === 1 })),
      hasSecret,
      status: this.status(row),
    };
  }

  async list(): Promise<Account[]> {
    const rows = this.accounts.list();
    // The keychain reads run together; each settles to a boolean (an unreadable keychain counts as no password),
    // so none rejects and the accounts keep the rows' order.
    const has = await Promise.all(
      rows.map((r) =>
        this.secrets.get(String(r.id), 'password').then(
          (p) => p !== null,
          () => false,
        ),
      ),
    );
    return rows.map((r, i) => this.view(r, has[i] ?? false));
  }

  /** Resolves the certificate to pin: fetched again and checked against the fingerprint the user saw. */
  private async pin(input: AccountInput): Promise<string | null> {
    if (!input.trustedFingerprint) return null;
    const { pem, fingerprint } = await fetchServerCertificate(input);
    if (fingerprint !== input.trustedFingerprint) {
      throw new AccountError(
        `The server's certificate changed (now ${fingerprint}); it no longer matches the one you chose to trust.`,
      );
    }
    return pem;
  }

  private endpoint(input: AccountInput, pem: string | null): Endpoint {
    return { host: input.host, port: input.port, tls: input.tls, user: input.user, trustedCert: pem };
  }

  async test(input: AccountInput, password: string | null, existingId?: number): Promise<ConnectionTest> {
    return (await this.tested(input, password, existingId)).test;
  }

  /**
   * The connection test, with the certificate it pinned: add and update store that one, so the server's
   * certificate is fetched once per save (a second fetch could also see a different certificate).
   */
  private async tested(
    input: AccountInput,
    password: string | null,
    existingId?: number,
  ): Promise<{ test: ConnectionTest; pem: string | null }> {
    let pw = password;
    if (pw === null && existingId !== undefined) pw = await this.secrets.get(String(existingId), 'password');
    if (pw === null) {
      return {
        test: { ok: false, failure: 'auth', message: 'Enter the password.', fingerprint: null },
        pem: null,
      };
    }
    let pem: string | null;
    try {
      pem = await this.pin(input);
    } catch (err) {
      // A changed certificate is the user's call; anything else (refused, timed out) is said as such.
      const c =
        err instanceof AccountError
          ? { failure: 'untrusted-certificate' as const, message: err.message }
          : classify(err, input);
      return { test: { ok: false, failure: c.failure, message: c.message, fingerprint: null }, pem: null };
    }
    const opts = this.deps.connectTimeoutMs ? { connectionTimeoutMs: this.deps.connectTimeoutMs } : {};
    return { test: await testConnection(this.endpoint(input, pem), pw, opts), pem };
  }

  /** Tests, then stores: the account row in SQLite, the password in the keychain. Nothing is saved on failure. */
  async add(
    input: AccountInput,
    password: string,
  ): Promise<{ account: Account | null; test: ConnectionTest }> {
    try {
      await this.secrets.check();
    } catch (err) {
      if (err instanceof KeychainUnavailableError) {
        return {
          account: null,
          test: { ok: false, failure: 'no-keychain', message: err.message, fingerprint: null },
        };
      }
      throw err;
    }
    const { test, pem } = await this.tested(input, password);
    if (!test.ok) return { account: null, test };
    const now = this.deps.now().toISOString();
    const id = this.accounts.db.transaction(() => {
      const newId = this.accounts.insert({
        ...input,
        trustedCert: pem,
        backfillMonths: DEFAULT_BACKFILL_MONTHS,
        pollSeconds: DEFAULT_POLL_SECONDS,
        createdAt: now,
      });
      for (const f of test.folders) this.accounts.upsertMailbox(newId, f.path, f.role, f.selected);
      return newId;
    })();
    try {
      await this.secrets.set(String(id), 'password', password);
    } catch (err) {
      // Without its password the account is useless: take the row back out.
      this.accounts.remove(id);
      if (err instanceof KeychainUnavailableError) {
        return {
          account: null,
          test: { ok: false, failure: 'no-keychain', message: err.message, fingerprint: null },
        };
      }
      throw err;
    }
    this.deps.log?.log('info', 'account added', {
      account: id,
      host: input.host,
      port: input.port,
      tls: input.tls,
      user: input.user,
    });
    if (this.running) this.watcher(id).start();
    this.deps.onChange();
    const row = this.accounts.get(id);
    return { account: row ? this.view(row, true) : null, test };
  }

  async update(
    id: number,
    patch: {
      account?: AccountInput;
      password?: string;
      folders?: { path: string; selected: boolean }[];
      backfillMonths?: number;
      pollSeconds?: number;
    },
  ): Promise<{ account: Account | null; test: ConnectionTest | null }> {
    const row = this.accounts.get(id);
    if (!row) throw new AccountError(`no account ${id}`);
    let test: ConnectionTest | null = null;
    const connectionChanged = patch.account !== undefined || patch.password !== undefined;
    const input: AccountInput = patch.account ?? inputOf(row);
    let pem = row.trusted_cert;
    if (connectionChanged) {
      const r = await this.tested(input, patch.password ?? null, id);
      test = r.test;
      if (!test.ok) return { account: this.view(row, true), test };
      pem = input.trustedFingerprint === row.trusted_fingerprint ? row.trusted_cert : r.pem;
      if (patch.password !== undefined) await this.secrets.set(String(id), 'password', patch.password);
    }
    this.accounts.db.transaction(() => {
      this.accounts.update(id, {
        ...input,
        trustedCert: pem,
        backfillMonths: patch.backfillMonths ?? row.backfill_months,
        pollSeconds: patch.pollSeconds ?? row.poll_seconds,
      });
      for (const f of patch.folders ?? []) this.accounts.selectMailbox(id, f.path, f.selected);
    })();
    const w = this.watchers.get(id);
    if (w && this.running && !row.paused) {
      await w.stop();
      w.start();
    }
    this.deps.onChange();
    const updated = this.accounts.get(id);
    return { account: updated ? this.view(updated, true) : null, test };
  }

  /** Removes the account, its sync state and its keychain entry. The mail already recognised stays as evidence. */
  async remove(id: number): Promise<void> {
    const w = this.watchers.get(id);
    if (w) {
      await w.stop();
      this.watchers.delete(id);
    }
    await this.secrets.delete(String(id), 'password');
    this.accounts.remove(id);
    this.deps.log?.log('info', 'account removed', { account: id });
    this.deps.onChange();
  }

  syncNow(id?: number): void {
    for (const [wid, w] of this.watchers) if (id === undefined || wid === id) w.syncNow();
  }

  async setPaused(id: number, paused: boolean): Promise<void> {
    this.accounts.setPaused(id, paused);
    if (paused) await this.watchers.get(id)?.stop();
    else if (this.running) this.watcher(id).start();
    this.deps.onChange();
  }

  /** The hosts of configured accounts: their Authentication-Results are trusted (issue 2's contract). */
  hosts(): string[] {
    return this.accounts.list().map((a) => a.host);
  }
}
