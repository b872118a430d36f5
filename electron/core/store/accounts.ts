/**
 * Accounts and mailbox sync state. Sync state is only ever written inside the transaction that stores the mail
 * it covers (see sources/imap/sync.ts): a crash between the two cannot happen.
 */
import type { AccountInput, FolderRole, TlsMode } from '../../../shared/accounts';
import type { Db } from './db';

export interface AccountRow {
  id: number;
  label: string;
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  auth: 'password' | 'oauth2';
  trusted_fingerprint: string | null;
  trusted_cert: string | null;
  backfill_months: number;
  poll_seconds: number;
  paused: number;
  created_at: string;
}

/** A stored account as the connection form's input: what testing or re-saving it takes. */
export function inputOf(row: AccountRow): AccountInput {
  return {
    label: row.label,
    host: row.host,
    port: row.port,
    tls: row.tls,
    user: row.user,
    trustedFingerprint: row.trusted_fingerprint,
  };
}

export interface MailboxRow {
  account_id: number;
  path: string;
  role: FolderRole;
  selected: number;
  uid_validity: string | null;
  uid_next: number | null;
  highest_modseq: string | null;
  backfill_below: number | null;
  backfill_total: number;
  backfill_done: number;
  last_sync_at: string | null;
}

export class AccountsRepo {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      list: db.prepare('SELECT * FROM accounts ORDER BY id'),
      get: db.prepare('SELECT * FROM accounts WHERE id = ?'),
      insert: db.prepare(`
        INSERT INTO accounts (label, host, port, tls, user, trusted_fingerprint, trusted_cert, backfill_months, poll_seconds, created_at)
        VALUES (@label, @host, @port, @tls, @user, @trustedFingerprint, @trustedCert, @backfillMonths, @pollSeconds, @createdAt)`),
      update: db.prepare(`
        UPDATE accounts SET label = @label, host = @host, port = @port, tls = @tls, user = @user,
          trusted_fingerprint = @trustedFingerprint, trusted_cert = @trustedCert, backfill_months = @backfillMonths, poll_seconds = @pollSeconds
        WHERE id = @id`),
      setPaused: db.prepare('UPDATE accounts SET paused = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM accounts WHERE id = ?'),
      mailboxes: db.prepare('SELECT * FROM mailboxes WHERE account_id = ? ORDER BY role, path'),
      mailbox: db.prepare('SELECT * FROM mailboxes WHERE account_id = ? AND path = ?'),
      upsertMailbox: db.prepare(`
        INSERT INTO mailboxes (account_id, path, role, selected) VALUES (?, ?, ?, ?)
        ON CONFLICT (account_id, path) DO UPDATE SET role = excluded.role`),
      selectMailbox: db.prepare('UPDATE mailboxes SET selected = ? WHERE account_id = ? AND path = ?'),
      deleteMailbox: db.prepare('DELETE FROM mailboxes WHERE account_id = ? AND path = ?'),
      resetMailbox: db.prepare(`
        UPDATE mailboxes SET uid_validity = @uidValidity, uid_next = @uidNext, highest_modseq = @highestModseq,
          backfill_below = @backfillBelow, backfill_total = @backfillTotal, backfill_done = 0, last_sync_at = @at
        WHERE account_id = @accountId AND path = @path`),
      advance: db.prepare(`
        UPDATE mailboxes SET uid_next = max(coalesce(uid_next, 0), @uidNext),
          highest_modseq = coalesce(@highestModseq, highest_modseq), last_sync_at = @at
        WHERE account_id = @accountId AND path = @path`),
      backfillStep: db.prepare(`
        UPDATE mailboxes SET backfill_below = @below, backfill_done = backfill_done + @done, last_sync_at = @at
        WHERE account_id = @accountId AND path = @path`),
    };
  }

  list(): AccountRow[] {
    return this.s.list.all() as AccountRow[];
  }

  get(id: number): AccountRow | null {
    return (this.s.get.get(id) as AccountRow | undefined) ?? null;
  }

  insert(
    a: AccountInput & {
      trustedCert: string | null;
      backfillMonths: number;
      pollSeconds: number;
      createdAt: string;
    },
  ): number {
    return Number(
      this.s.insert.run({
        label: a.label?.trim() || `${a.user} @ ${a.host}`,
        host: a.host.toLowerCase(),
        port: a.port,
        tls: a.tls,
        user: a.user,
        trustedFingerprint: a.trustedFingerprint ?? null,
        trustedCert: a.trustedCert,
        backfillMonths: a.backfillMonths,
        pollSeconds: a.pollSeconds,
        createdAt: a.createdAt,
      }).lastInsertRowid,
    );
  }

  update(
    id: number,
    a: AccountInput & { trustedCert: string | null; backfillMonths: number; pollSeconds: number },
  ): void {
    this.s.update.run({
      id,
      label: a.label?.trim() || `${a.user} @ ${a.host}`,
      host: a.host.toLowerCase(),
      port: a.port,
      tls: a.tls,
      user: a.user,
      trustedFingerprint: a.trustedFingerprint ?? null,
      trustedCert: a.trustedCert,
      backfillMonths: a.backfillMonths,
      pollSeconds: a.pollSeconds,
    });
  }

  setPaused(id: number, paused: boolean): void {
    this.s.setPaused.run(paused ? 1 : 0, id);
  }

  remove(id: number): boolean {
    return this.s.remove.run(id).changes === 1;
  }

  mailboxes(accountId: number): MailboxRow[] {
    return this.s.mailboxes.all(accountId) as MailboxRow[];
  }

  mailbox(accountId: number, path: string): MailboxRow | null {
    return (this.s.mailbox.get(accountId, path) as MailboxRow | undefined) ?? null;
  }

  upsertMailbox(accountId: number, path: string, role: FolderRole, selected: boolean): void {
    this.s.upsertMailbox.run(accountId, path, role, selected ? 1 : 0);
  }

  selectMailbox(accountId: number, path: string, selected: boolean): void {
    this.s.selectMailbox.run(selected ? 1 : 0, accountId, path);
  }

  deleteMailbox(accountId: number, path: string): void {
    this.s.deleteMailbox.run(accountId, path);
  }

  /** A first sync, or a UIDVALIDITY change (RFC 4549 §4.1: discard what was known, sync again). */
  resetMailbox(p: {
    accountId: number;
    path: string;
    uidValidity: bigint;
    uidNext: number;
    highestModseq: bigint | null;
    backfillBelow: number | null;
    backfillTotal: number;
    at: string;
  }): void {
    this.s.resetMailbox.run({
      ...p,
      uidValidity: p.uidValidity.toString(),
      highestModseq: p.highestModseq === null ? null : p.highestModseq.toString(),
    });
  }

  advance(p: {
    accountId: number;
    path: string;
    uidNext: number;
    highestModseq: bigint | null;
    at: string;
  }): void {
    this.s.advance.run({ ...p, highestModseq: p.highestModseq === null ? null : p.highestModseq.toString() });
  }

  backfillStep(p: { accountId: number; path: string; below: number | null; done: number; at: string }): void {
    this.s.backfillStep.run(p);
  }

  /**
   * Forgets every mailbox's sync state, so that each one's next sync starts over as a first one, backfill
   * included: for when the server-side search changes (a user rule's new sender). Stored mail is de-duplicated.
   */
  forgetSyncState(): void {
    this.db.prepare('UPDATE mailboxes SET uid_validity = NULL').run();
  }
}
